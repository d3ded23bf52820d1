"""Default and guessable passwords: a weak password that works is still a credential.

``postgresql://app:secret@db01/crm`` in a client's ``.env``, ``psexec -p changeme`` in a script,
``password 'password'`` in a Gradle ``credentials`` block: the value is one of the first words anyone
tries, and it opens the service as it stands. The same words are also what READMEs, manuals, tests and
templates write where the reader is to put their own value. So a value from the vocabulary's
``default_passwords`` (rules/vocabulary.toml) is

- a placeholder when written as a label word with a capital (``Password``, ``SECRET``: an i18n label or an
  option's metavariable, ``-p PASSWORD``) — credscan.detect.defaultwords, used by the decoders;
- dropped by the ``default_password`` filter where it is documentation: a template or example file, a
  program's tests, a map of field names or a comment in program source, a documentation file (README,
  Markdown, HTML, a manual, a package's METADATA), a line that reads it from the environment or a prompt,
  or, for the config rules in a text without syntax (prose), a line that is itself a sentence or stands
  among sentences;
- otherwise reported under its own rule (:data:`DEFAULT_PASSWORD_RULES`, confidence 0.5), whose name and
  remediation say it is a default or guessable password to change, not only to move into the vault.

Fill-in words ("your_password", "example", "xxx", "tbd", label translations) stay placeholders everywhere
(``placeholder_words``).
"""

from __future__ import annotations

import fnmatch
import posixpath
import re

from credscan.detect.defaultwords import bare, is_default_password
from credscan.detect.filters import FilterInput, assigned_name, code_reads_password, in_template_file
from credscan.detect.syntax import in_test_folder, segments
from credscan.detect.validators import SECRET_WORDS
from credscan.detect.verdict import Verdict
from credscan.detect.vocabulary import vocabulary

DEFAULT_PASSWORD_RULES = {
    "config-credential": "config.default-password",
    "plaintext-password": "password.default-password",
}
"""The rule a default password found by a rule of this category is reported under (rules/configs.toml,
rules/passwords.toml); other categories (tokens, keys, stores) have no default passwords."""


def default_rule_id(category: str, secret: str) -> str | None:
    """The rule a value found by a rule of ``category`` is reported under when it is a default password."""
    rule_id = DEFAULT_PASSWORD_RULES.get(category)
    return rule_id if rule_id is not None and is_default_password(secret) else None


_SENTENCE = re.compile(r"(?<![^\W\d_])(?:[^\W\d_]{2,}[,;]?[ \t]+){4}[^\W\d_]{2,}")
"""Five words in a row: language, not a configuration or command line (which is made of names, options,
operators and values). Each try starts at a word's start: inside a long run of letters there is one."""
SENTENCE_WINDOW = 4096
"""Characters of the value's line and of the lines around it searched for a sentence (a hostile file's
megabyte line costs no more than this)."""
_COMMENT = re.compile(r"(?m)(?:^|[ \t])(?:#|//|;|--|::|(?i:rem)[ \t]).*$")
"""A comment (``# the database login``, ``// SMTP password``): a script's or config's own notes are
sentences too, and say nothing about the text being documentation."""


def _sentence_near(item: FilterInput) -> bool:
    """The value's line, or a line around it, reads as a sentence: an example inside a text. Comments are
    left out: a config or script pasted into notes keeps its own."""
    window = SENTENCE_WINDOW
    if item.at >= 0:
        line = item.line[max(0, item.at - window) : item.at] + " " + item.line[item.end : item.end + window]
    else:
        line = item.line[:window]
    texts = (line, item.before[-window:], item.after[:window])
    return any(_SENTENCE.search(_COMMENT.sub("", text)) is not None for text in texts)


def _documentation_file(item: FilterInput) -> bool:
    name = posixpath.basename(item.file_name)
    return any(fnmatch.fnmatchcase(name, glob) for glob in vocabulary().documentation_file_globs)


_TEST_FILE = re.compile(r"^(?:tests?[._-].+|.+[._-]tests?(?:\.[^.]+)?)$", re.IGNORECASE)
"""test.netrc, test_db.py, db_test.go, app-test.conf: a test's file, whatever its syntax."""


def _test_file(item: FilterInput) -> bool:
    """A program's test, by its folder (not for scripts: an admin's ``test\\deploy.cmd`` is real) or its
    name (``test.netrc``, git's ``test.command-option-gpg``), never a Windows admin script's name: an MSP's
    ``test.cmd`` or ``test-backup.ps1`` runs against the real server."""
    name = posixpath.basename(item.file_name)
    if posixpath.splitext(name)[1].lower() in _ADMIN_SCRIPTS:
        return False
    in_folder = item.syntax != "shell" and in_test_folder(item.path)
    return in_folder or _TEST_FILE.match(name) is not None


_ADMIN_SCRIPTS = frozenset({".cmd", ".bat", ".ps1", ".psm1", ".psd1", ".vbs", ".kix"})
"""Scripts an administrator writes and runs on Windows servers (batch, PowerShell, VBScript, KiXtart)."""


def _names_a_field(item: FilterInput) -> bool:
    """``password => 'password'``, ``dict(username="user", password="passwd")`` in a program: the value is
    its key's own name or the name of a password field, a map from one API's names to another's."""
    if item.syntax != "code":
        return False
    found = assigned_name(item)
    if found is None:
        return False
    key, value = found.group("name").rsplit(".", 1)[-1].lstrip("$").lower(), bare(item.secret).lower()
    return key == value or (vocabulary().vocabulary_word(value) and SECRET_WORDS.search(key) is not None)


def _in_a_comment(item: FilterInput) -> bool:
    """In program source a value in a comment (``# "https://username:password@host.com:80/path"``) is a
    note on the code: the program's own credentials are in its code."""
    if item.syntax != "code" or item.at < 0:
        return False
    return any(
        part.kind == "comment" and part.start <= item.at < part.end for part in segments(item.line, "code")
    )


def default_password(item: FilterInput) -> Verdict:
    """A default password ("secret", "changeme") where it is documentation, not a live credential: a
    template or example file, a program's tests, a README/manual/HTML page, a value the line reads from the
    environment or a prompt when it is unset, or a sentence of a text without syntax. A live one in a
    config, script, program or a config line of notes is kept (and reported as a default password)."""
    name = "default_password"
    if item.category not in DEFAULT_PASSWORD_RULES or not is_default_password(item.secret):
        return Verdict(name, False)
    if in_template_file(item):
        return Verdict(name, True, "a default value in a template or example file")
    if _test_file(item):
        return Verdict(name, True, "a default value in a program's tests")
    if _names_a_field(item):
        return Verdict(name, True, "the value names a field in a program: a map of field names")
    if _in_a_comment(item):
        return Verdict(name, True, "in a comment of program source: a note on the code")
    if _documentation_file(item):
        return Verdict(name, True, "a default value in a documentation file (README, manual, web page)")
    if code_reads_password(item):
        return Verdict(name, True, "the fallback of a value read from the environment or a prompt")
    holds = item.category == "config-credential" and item.syntax == "prose" and _sentence_near(item)
    return Verdict(name, holds, "a default value among sentences: an example in a text" if holds else "")
