"""Named false-positive filters: documents that talk ABOUT passwords without holding one.

A validator judges the value alone; a filter also sees the line it stands on and the file name, which is
what tells a password policy ("Password: at least 12 characters"), a reset notification, a documentation
example ("e.g. password: Summer2024!") or a template apart from a real password. Each filter returns a
Verdict (credscan.detect.verdict) that holds when the candidate must be DROPPED, with the reason why.
Rules can opt out of single filters with ``skip_filters``.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import get_args

from credscan.detect.cellshape import software_version
from credscan.detect.defaultwords import is_default_password
from credscan.detect.rule import FilterName
from credscan.detect.syntax import is_test_code, value_form
from credscan.detect.validators import (
    not_code,
    not_empty,
    not_markup,
    not_masked,
    not_placeholder,
    not_url_email_path,
)
from credscan.detect.verdict import Verdict
from credscan.detect.vocabulary import vocabulary
from credscan.registry import Registry, a_function

_LETTERS_ONLY = re.compile(r"^[^\W\d_]+$")
_LOWER_COMPOUND = re.compile(r"^[^\W\d_A-Z]+(?:-[^\W\d_A-Z]+)+$")
"""password-related, elevated-privileges: lowercase words joined by hyphens (followed by more words, a
compound in a sentence; alone, "sommer-wiese" may be a password)."""
_CONTRACTION = re.compile(r"^[^\W\d_]+['’](?:s|ll|re|ve|d|t|m)$")
"""A possessive or contracted word ("user's choice", "They'll reset it") opens a phrase as a letters-only
word does."""
_NUMERIC = re.compile(r"^\d{1,3}$")
_NEXT_WORD = re.compile(r"[ \t]+(?:(?:[^\W\d_]{2,}(?:_\w+)*|\d+)(?![\w:])|[^\W\d_][ \t]+\w)")
"""A plain word, a snake_case name or a number after a value (not a label "User:", not a comment "# note"):
"Office 365", "psk: mark psk_ke_modes as invalid"; a one-letter word counts when another word follows it
("opbevares i 1Password", "stored a la caja")."""
_HOSTNAME = re.compile(
    r"\b(?:[\w.+-]+@)?[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|local|lan|internal|corp|example|test|invalid|[a-z]{2})\b"
)
"""A host name or an e-mail address: "example" in `ftp.example.com` or `example@gmail.com` is no marker."""


@dataclass(frozen=True, slots=True)
class FilterInput:
    secret: str
    line: str
    """The whole line (or cell) the secret stands on."""
    prefix: str
    """The part of the line before the secret."""
    file_name: str
    """Lowercased base name of the file."""
    category: str = "plaintext-password"
    """The rule's category: a URL can be a token (webhooks), never a password."""
    syntax: str = "prose"
    """credscan.detect.syntax: code, shell, config, markup, prose or manual."""
    at: int = -1
    """Offset of the value in ``line`` as written (-1: not known, e.g. a table cell)."""
    end: int = -1
    """Offset after the value in ``line`` as written."""
    path: str = ""
    """The file's path (test code is told by its folder as well as its name)."""
    label: str = ""
    """What the rule matched before the value ("Password: ", "machine example.com login x password ")."""
    before: str = ""
    """A few lines before the match (the sentence that introduces a code block)."""
    account: str = ""
    """The account the rule's pattern matched (group ``account``), if any."""
    after: str = ""
    """A few lines after the match's line (the rest of a test log's results)."""
    passed: frozenset[str] = frozenset()
    """Validators the value already passed (validators.checks_passed): not_a_value does not repeat them."""


@lru_cache(maxsize=16)
def _substrings(markers: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(m) for m in sorted(markers, key=len, reverse=True)))


@lru_cache(maxsize=16)
def _words(markers: tuple[str, ...]) -> re.Pattern[str]:
    body = "|".join(re.escape(m) for m in sorted(markers, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)")


def _has(text: str, markers: tuple[str, ...]) -> bool:
    return bool(text) and _substrings(markers).search(text.lower()) is not None


def _has_word(text: str, markers: tuple[str, ...]) -> bool:
    """Markers as whole words, host names removed first ("ftp.example.com" is no "example")."""
    if not text.strip():
        return False
    return _words(markers).search(_HOSTNAME.sub(" ", text.lower())) is not None


def _wordish(secret: str) -> bool:
    return bool(_LETTERS_ONLY.match(secret) or _NUMERIC.match(secret))


def _drop(name: str, holds: bool, reason: str) -> Verdict:
    return Verdict(name, holds, reason if holds else "")


_WRITTEN = frozenset({"prose", "markup", "manual"})
"""Text written for people to read: its lines wrap and its code blocks are examples."""


_VALUE_CHECKS = (not_empty, not_masked, not_placeholder, not_code, not_markup)
"""The validators every rule's value must pass, whatever the rule's own validators."""


def not_a_value(item: FilterInput) -> Verdict:
    """Values no rule may report (docs/detection.md): masked, placeholder, a URL/e-mail/path, a stopword or
    code ("Password: the one you chose", "Passwort: siehe Safe", "password: https://reset…",
    "$pass = ConvertTo-SecureString …"), markup, or one or two characters."""
    name = "not_a_value"
    secret = item.secret.strip()
    for check in _VALUE_CHECKS:
        if check.__name__ in item.passed:
            continue  # a validator of the rule (looks_like_password …) accepted the value already
        verdict = check(secret)
        if not verdict:
            return Verdict(name, True, f"{verdict.name}: {verdict.reason}")
    if item.category != "api-token" or not _URL_START.match(secret):
        verdict = not_url_email_path(secret)
        if not verdict:
            return Verdict(name, True, f"{verdict.name}: {verdict.reason}")
    if secret.lower() in vocabulary().test_results:
        return Verdict(name, True, "a test result or flag (PASS, FAIL, true …)")
    if _BARE_KEY.match(secret):
        return Verdict(name, True, "a key without its value (password=)")
    if item.category in _PROSE_CATEGORIES and _SETTING_NAME.match(secret):
        return Verdict(name, True, "the name of a password setting or file (keystore.password, db_password)")
    if item.category in _PROSE_CATEGORIES and _ESCAPED_BREAK.search(secret):
        head = _ESCAPED_BREAK.split(secret, 1)[0].strip(" ,;'\"")
        if len(head) < 4 or _LETTERS_ONLY.match(head):
            return Verdict(name, True, "runs through an escaped line break (\\n): words or nothing")
    if _PASSWD_RECORD.match(secret):
        return Verdict(name, True, "the fields of a passwd(5) entry (x or *, uid, gid, home, shell)")
    if _name_service_sources(secret):
        return Verdict(name, True, "the sources of a name service switch line (passwd: files systemd)")
    if _DEBUGGER_ARGUMENT.match(secret):
        return Verdict(name, True, "a debugger's argument (name=name@entry=0x…), not a value")
    if _METAVARIABLE.match(secret) and _OPTION_LABEL.search(item.prefix + item.label):
        return Verdict(name, True, "an option's argument named in capitals (--use-askpass=COMMAND)")
    if item.category in _PROSE_CATEGORIES and item.secret != item.secret.strip() and " " in secret.strip():
        return Verdict(name, True, "words between two quotes of different strings")
    if secret.lower() in vocabulary().stopwords:
        return Verdict(name, True, "a stopword")
    if all(part in vocabulary().stopwords for part in secret.lower().split("/")):
        return Verdict(name, True, "stopwords joined by a slash (and/or)")
    if _VERSION.match(secret):
        return Verdict(name, True, "a version number")
    if _OPTION_NAME.match(secret):
        return Verdict(name, True, "a command-line option's name (--preset, (-r))")
    if _STARRED_WORDS.match(secret):
        return Verdict(name, True, "words joined by asterisks: a sentence written without blanks")
    if _ALTERNATIVES.match(secret):
        return Verdict(name, True, "words joined by | / or , : alternatives or a list")
    if len(secret) < 3 or (len(secret) < 4 and item.at >= 0 and not _NUMERIC_LABEL.search(item.label)):
        return Verdict(name, True, "shorter than four characters (three after a PIN label)")
    return Verdict(name, False)


_OPTION_NAME = re.compile(r"^\(?--?[a-z][a-z0-9]*(?:-[a-z0-9]+)*\)?[.,;:]?$")
"""An option named in prose ("Document PASSWD --preset.", "--remove-password (-r),"): lower-case words
joined by hyphens after one or two hyphens; a password has a capital, a digit or a symbol besides."""
_ESCAPED_BREAK = re.compile(r"\\[nr]")
"""``username: '',\n  password: '',\n`` in a JSON string of documentation (nodejs' api/*.json): the
"value" runs through the escape of a line break into the next line of the text."""
_PASSWD_RECORD = re.compile(r"^(?:[^:\s]*:)?(?:x|\*|!{1,2}|\$[^:\s]+|):\d+:\d+:[^:\n]*:[^:\s]*:[^:\s]*$")
"""``*:4567:123:GNU:/home/gnu:/bin/bash``: the rest of a passwd(5) entry after its name (a Hesiod TXT
record, a documented /etc/passwd line); its password field is x, *, ! or a hash, never a password."""
_DEBUGGER_ARGUMENT = re.compile(r"^[A-Za-z_]\w*@entry=")
"""gdb prints an argument's value at function entry as ``ownerPassword=ownerPassword@entry=0x1165830``."""
_METAVARIABLE = re.compile(r"^[A-Z][A-Z_]{2,}[.,;:)]?$")
_OPTION_LABEL = re.compile(r"(?:^|\s)--?[A-Za-z][\w-]*[= ]?$")
"""``--use-askpass=COMMAND``, ``--password PASSWORD``: a manual names an option's argument in capitals."""


def _name_service_sources(secret: str) -> bool:
    """Every word a source of an nsswitch.conf line, or a [NOTFOUND=return] action between them."""
    words = [w for w in secret.lower().split() if not (w.startswith("[") and w.endswith("]"))]
    return bool(words) and all(w in vocabulary().name_service_sources for w in words)


_VERSION = re.compile(r"^(?:[vV]|\d+:)?\d+(?:\.\d+)+(?:[-+~][\w.+~-]*)?$")
"""1.302103, v2.4.1, 4.13+dfsg1-1+deb12u1, 1:4.17.4-2 (a Debian epoch): a version."""
_ALTERNATIVES = re.compile(r"^[^\W\d_]+(?:[|/,][^\W\d_]+)+$")
"""Password|generic, Show/Hide, supported/enabled/disabled, security,has: alternatives or a list."""
_STARRED_WORDS = re.compile(r"^\*?[^\W\d_]+(?:\*[^\W\d_]+){2,}\*?$")
_URL_START = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_BARE_KEY = re.compile(r"(?i)^(?=[a-z_])[\w.-]*(?:pass|pwd|user|login|name)[\w.-]*[=:]$")
_SETTING_NAME = re.compile(
    r"(?i)^[a-z][a-z0-9]*(?:[._-][a-z][a-z0-9]*)*[._](?:password|passwd|passphrase|pwd|secret)$"
)
"""``Alias.password``, ``keystore.password``, ``db_password``: names joined by a dot or underscore that end
in the password word name a setting or the file holding it ("the keystore password is "Alias.password"", a
jtreg test's note); a password is not spelled like its own label."""


def sentence_continues(item: FilterInput) -> Verdict:
    """A letters-only (or possessive, contracted) value that opens a sentence: "Kennwort: liegt
    versiegelt beim Geschäftsführer", "Hasło: zmiana co 90 dni", "Wachtwoord: nooit delen", "Password:
    user's choice" — words of any language, not a password."""
    name = "sentence_continues"
    secret = item.secret.strip()
    if not (_LETTERS_ONLY.match(secret) or _CONTRACTION.match(secret) or _LOWER_COMPOUND.match(secret)):
        return Verdict(name, False)
    at = item.line.find(secret, len(item.prefix))
    if at < 0:
        return Verdict(name, False)
    holds = _NEXT_WORD.match(item.line, at + len(secret)) is not None
    return _drop(name, holds, "a word that goes on as a sentence")


_WRAPPED_ON = re.compile(r"\r?\n[ \t]*[^\W\d_A-Z]{2,}[ \t]+[^\W\d_]")
"""The next line goes on with two lower-case words."""


def wrapped_sentence(item: FilterInput) -> Verdict:
    """ "allows to specify a WoL "SecureOn" password on hardware / that supports this", "supports the
    --ftp-user and --ftp-password command / switches to set …": in a text, a lower-case word that ends
    its line while the next line goes on in lower-case words is a sentence wrapped after it. Command-line
    rules, which skip sentence_continues (a command goes on after its password), keep this one; scripts and
    configs are not wrapped prose."""
    name = "wrapped_sentence"
    secret = item.secret.strip()
    if item.at < 0 or item.syntax not in _WRITTEN or not _LETTERS_ONLY.match(secret):
        return Verdict(name, False)
    at = item.line.find(secret, len(item.prefix))
    if at < 0 or item.line[at + len(secret) :].strip(" \t.,;\r") or not secret.islower():
        return Verdict(name, False)
    holds = _WRAPPED_ON.match(item.after) is not None
    return _drop(name, holds, "a word at a line's end of a sentence wrapped onto the next line")


_LABEL_GOES_ON = re.compile(r"[ \t]*[:=][ \t]*\S")
_LABEL_END_WORD = re.compile(r"^[^\W\d_]+(?:[-.][^\W\d_]+)*$")


def label_continues(item: FilterInput) -> Verdict:
    """A word followed by a colon and a value is the end of the label, not its value: "E-Mail-Kennwort –
    Sekretariat: X", "Passwort Sub-Admin: X", "Kennwort (neu) Büro: X" (the value after the colon is
    reported by the rules that read it)."""
    name = "label_continues"
    secret = item.secret.strip()
    if not _LABEL_END_WORD.match(secret):
        return Verdict(name, False)
    at = item.at if item.at >= 0 else item.line.find(secret, len(item.prefix))  # curl -u admin:admin
    holds = at >= 0 and _LABEL_GOES_ON.match(item.line, at + len(secret)) is not None
    return _drop(name, holds, "a word of the label: a colon and the value follow it")


_NAME_SLUG = re.compile(r"^[a-z][a-z0-9+.]*(?:-[a-z0-9+.]+)+$")
_ARROW = re.compile(r"->|=>|→|⇒")


def chain_of_names(item: FilterInput) -> Verdict:
    """``libgtk-3-0 -> adwaita-icon-theme -> librsvg2-common``: in a chain of arrows, an "account" and a
    "password" that are both lower-case names joined by hyphens are links of a chain of packages or modules
    (a dependency chain), not a device's login; "Draytek -> admin -> Nordlys-54-lavendel" still is one, and
    so is "user svc-backup password blue-horse-42" (no arrows)."""
    holds = (
        item.category == "plaintext-password"
        and _ARROW.search(item.label) is not None
        and _NAME_SLUG.match(item.account.strip()) is not None
        and _NAME_SLUG.match(item.secret.strip()) is not None
    )
    return _drop("chain_of_names", holds, "an account and a value both hyphenated lower-case names")


def password_policy(item: FilterInput) -> Verdict:
    """ "Password: minimum twelve characters", "Kennwort: mindestens 10 Zeichen" — a rule, not a value."""
    holds = _has(item.line, vocabulary().policy_markers) and _wordish(item.secret)
    return _drop("password_policy", holds, "a word or number on a line that states a password policy")


def reset_notification(item: FilterInput) -> Verdict:
    """ "Your password expires in five days, click here" — a notification; a real temporary password
    with digits or symbols in a reset mail ("your new password is Xk9#mQ2p") is still reported."""
    holds = _has(item.line, vocabulary().reset_markers) and _wordish(item.secret)
    return _drop("reset_notification", holds, "a word or number in a password-reset notification")


_FENCE = re.compile(r"^\s*(?:```|~~~)")


def _introduces_example(before: str) -> bool:
    """The code block the match stands in opens right after a sentence that ends in ":" and says it is
    an example ("As an example, … the URL would look like:", "For example, …:")."""
    lines = before.split("\n")
    fences = [n for n, line in enumerate(lines) if _FENCE.match(line)]
    if not fences:
        return False
    paragraph: list[str] = []
    for line in reversed(lines[: fences[-1]]):
        if not line.strip():
            if paragraph:
                break
            continue
        paragraph.insert(0, line)
        if len(paragraph) == 3:
            break
    text = " ".join(paragraph).strip()
    return text.endswith(":") and _has_word(text, vocabulary().example_markers)


_SHORT_HEADING = 4
"""Words of a paragraph that only names the block ("Command::", "Example request::"): the paragraph before
it says what the block shows."""


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" \t"))


def _literal_block_intro(line: str, lines: list[str]) -> int:
    """The index in ``lines`` (the lines above ``line``) of the paragraph line ending in "::" that opens
    the reStructuredText literal block ``line`` stands in, or -1: every line between them is blank or
    indented deeper than that line (at column 0 in a .rst file, or inside an indented docstring)."""
    deepest = _indent(line) if line.strip() else -1
    if deepest <= 0:
        return -1
    for at in range(len(lines) - 1, -1, -1):
        text = lines[at]
        if not text.strip():
            continue
        if text.rstrip().endswith("::"):
            return at if _indent(text) < deepest else -1
        deepest = min(deepest, _indent(text))
    return -1


def _in_literal_block(line: str, before: str, *, introduced: bool) -> bool:
    """``line`` stands in a reStructuredText literal block; with ``introduced``, that block's paragraph,
    or the one before a short "Command::", also says it shows an example ("The following
    ``create-user`` example creates …::", "Replace the sample password …")."""
    lines = before.split("\n")
    at = _literal_block_intro(line, lines)
    if at < 0:
        return False
    if not introduced:
        return True
    paragraphs: list[list[str]] = [[]]
    for text in reversed(lines[: at + 1]):
        if not text.strip():
            if paragraphs[-1]:
                if len(paragraphs) == 2 or len(" ".join(paragraphs[0]).split()) > _SHORT_HEADING:
                    break
                paragraphs.append([])
            continue
        paragraphs[-1].insert(0, text)
    return any(_has_word(" ".join(p), vocabulary().example_markers) for p in paragraphs)


_DOCTEST = re.compile(r"(?m)^[ \t]*>>>[ \t]")
_DOCTEST_MORE = re.compile(r"^[ \t]*\.\.\.[ \t]")
"""The continuation of a statement in an interactive session, below its ">>>" line."""


def documentation_example(item: FilterInput) -> Verdict:
    """ "e.g. password: Summer2024!", "Beispiel: Kennwort: Test123" — an example in a policy or manual;
    so is a value in a Markdown code block introduced by "For example, … :" or in a reStructuredText
    literal block ("::") introduced by such a sentence in a document, any literal block in program
    source (a docstring's usage example: no statement of Python ends in "::"), and a line of an
    interactive session (``>>> password = 'Password1234_'``, a doctest in a docstring or a README): no
    program or script has a ">>>" line."""
    name = "documentation_example"
    if _has_word(item.prefix, vocabulary().example_markers):
        return Verdict(name, True, "introduced as an example (e.g., for example, sample …)")
    if _DOCTEST.match(item.line) or (
        _DOCTEST_MORE.match(item.line) and _DOCTEST.search(item.before) is not None
    ):
        return Verdict(name, True, "a line of an interactive session (>>>): a documented example")
    if item.syntax == "code" and _in_literal_block(item.line, item.before, introduced=False):
        return Verdict(name, True, "a literal block (::) of a docstring: the program's documentation")
    holds = item.syntax in _WRITTEN and (
        _introduces_example(item.before) or _in_literal_block(item.line, item.before, introduced=True)
    )
    return _drop(name, holds, "in a code block a sentence introduces as an example")


def code_reads_password(item: FilterInput) -> Verdict:
    """ "$pw = Read-Host 'Password'", "password = os.environ['PW']" — a prompt or the environment."""
    holds = _has(item.line, vocabulary().code_markers)
    return _drop(
        "code_reads_password", holds, "the line reads the password from a prompt, the environment or a vault"
    )


def template_value(item: FilterInput) -> Verdict:
    """A default-looking value (changeme, password, secret) in a *.example/*.template/Vorlage file."""
    holds = in_template_file(item) and item.secret.strip().lower() in vocabulary().template_defaults
    return _drop("template_value", holds, "a default value in a template or example file")


def in_template_file(item: FilterInput) -> bool:
    """The file is a template or an example (vocabulary template_file_globs: ``*.example``, ``*Vorlage*``)."""
    return any(fnmatch.fnmatchcase(item.file_name, glob) for glob in vocabulary().template_file_globs)


_PUBLIC_NAME = re.compile(r"public[\w.-]{0,20}$", re.IGNORECASE)
"""The key name before a match begins with "public": publicKeyToken, public_key, PUBLIC-KEY."""


def public_value(item: FilterInput) -> Verdict:
    """`publicKeyToken="31bf3856ad364e35"` in a .NET manifest or unattend.xml, `public_key = …`: a value
    its own name calls public (an assembly's strong-name token, a public key) is no secret."""
    holds = _PUBLIC_NAME.search(item.prefix) is not None
    return _drop("public_value", holds, "its key name calls it public")


_PROSE_CATEGORIES = frozenset({"plaintext-password", "config-credential"})
_FORMAT_CATEGORIES = frozenset({"private-key", "credential-store", "password-export"})
"""Whole-file or block formats (a PEM key, a KeePass file): no label, no literal to judge."""
"""Rules that read a value after a label; token and key rules know their formats and are not judged here."""


def code_expression(item: FilterInput) -> Verdict:
    """``password = unquote(password)``, ``pw: Optional[str] = None``, ``password=KEY_PASSWORD``,
    ``-Password $Password``: in code a secret is a literal, and these name no password
    (credscan.detect.syntax.value_form says what the value is instead)."""
    name = "code_expression"
    if item.at < 0 or item.category in _FORMAT_CATEGORIES:
        return Verdict(name, False)
    if item.syntax not in ("code", "shell"):
        annotated = (
            item.label.rstrip().endswith(":") and _DEFAULT_AFTER.match(item.line, item.end) is not None
        )
        return _drop(name, annotated, "a type annotation with a default (name: Type = value)")
    form = value_form(item.line, len(item.prefix), item.at, item.end, item.syntax)
    return Verdict(name, not form.holds, form.reason)


_DEFAULT_AFTER = re.compile(r"\s*=(?!=)\s*\S")
_FIXTURE = re.compile(r"^[^\W\d_]+\d{0,4}$")


def test_fixture(item: FilterInput) -> Verdict:
    """``pwd="python"``, ``password = 'testPass'``, ``password pass1``: a short or word-like literal in a
    program's tests feeds a parser or a mock server; it opens nothing. A strong literal there
    (``yh^%#rest-of-my-password``) is still reported, and so is every private key and token."""
    name = "test_fixture"
    if item.category not in _PROSE_CATEGORIES or not is_test_code(item.path, item.syntax):
        return Verdict(name, False)
    secret = item.secret.strip()
    holds = len(secret) < 8 or _FIXTURE.match(secret) is not None
    return _drop(name, holds, "a short or word-like literal in a program's tests")


_HEX = re.compile(r"^(?:0x)?[0-9a-fA-F]{16,}$")


def test_vector(item: FilterInput) -> Verdict:
    """``key = '2b7e151628aed2a6abf7158809cf4f3c'`` in a cipher's tests (PyCryptodome's SelfTest, NIST
    known-answer tables): in a program's tests a hex string that only a generic name ("key", "secret")
    calls secret is a test vector, published with the algorithm. A token of a known format there, a
    private key, or the same line in a config or script is still reported."""
    holds = (
        "random_token" in item.passed
        and is_test_code(item.path, item.syntax)
        and _HEX.match(item.secret.strip()) is not None
    )
    return _drop("test_vector", holds, "a hex test vector in a program's tests")


_LABEL_WORD = re.compile(r"(?i)(?<![\w-])(pass|key|pin|code)(?![\w-])")
_VERB_BEFORE = re.compile(
    r"(?i)\b(?:to|not|n't|do|does|did|can|could|will|would|should|must|may|might|shall|simply|just|"
    r"tests|test|checks|builds|please|always|never|makes?|let|lets|cannot|won't|don't|doesn't|didn't)"
    r"\s+$"
)
"""Words that put a verb after them: "to pass", "do not pass", "makes tests pass", "simply pass"."""
_OBJECT_AFTER = re.compile(
    r"(?i)^\s+(?:#|(?:the|a|an|it|them|this|that|these|those|its|their|our|your|my|his|her|on|through|along|"
    r"over|into|back|by|first|down|up|out|around|as|any|all|some|each|every|only|both|either|"
    r"arguments?|args?|parameters?|options?|flags?|values?|data|code|objects?|strings?|variables?|"
    r"context|ownership|control|null|none|nothing)\b)"
)
"""What follows a verb: an article, a pronoun, a particle ("pass on", "pass it", "pin the version")."""
_PASS_TO = re.compile(r"(?i)^\s+(?:to|in)\b")


def verb_sense(item: FilterInput) -> Verdict:
    """ "do not pass code to ScriptCompiler", "makes tests pass on io.js", "Pass the v8::External to all
    methods", "pin the version", "key in the code": the bare words pass, key, pin and code used as
    verbs (or in another sense) label nothing. "Password", "PW", "Pass:" and "WLAN pass X" still do."""
    name = "verb_sense"
    label = item.label
    word = _LABEL_WORD.search(label)
    if word is None or label[word.end() :].lstrip().startswith((":", "=")):
        return Verdict(name, False)
    before = item.prefix + label[: word.start()]
    after = label[word.end() :]
    verb = _VERB_BEFORE.search(before) or _OBJECT_AFTER.match(after)
    holds = bool(verb or (word.group(1).lower() == "pass" and _PASS_TO.match(after)))
    return _drop(name, holds, f'"{word.group(1).lower()}" used as a verb or a statement, not as a label')


def ambiguous_word(item: FilterInput) -> Verdict:
    """ "need to know what the last pass is record (row,pass)" (libpng: an interlace pass), "the key is
    unique": in a sentence the bare words pass, key, pin and code name many things, so a plain lower-case
    word after them is no value. "WLAN key: sunshine", "the pass is Xk9#mq2v" and "Password is sunshine"
    are still read."""
    name = "ambiguous_word"
    word = _LABEL_WORD.search(item.label)
    if word is None or item.category not in _PROSE_CATEGORIES or _ASSIGNS.search(item.label):
        return Verdict(name, False)
    if _ends_in_verb().search(item.label) is None:
        return Verdict(name, False)  # not a sentence "… is X": a format's own field ("key 7 …")
    if _has_word(item.label, tuple(vocabulary().wifi_context)):
        return Verdict(name, False)
    secret = item.secret.strip()
    holds = _LETTERS_ONLY.match(secret) is not None and secret.islower()
    return _drop(name, holds, f'a plain word after "{word.group(1).lower()}" in a sentence')


_ASSIGNS = re.compile(r"[:=]")


@lru_cache(maxsize=1)
def _ends_in_verb() -> re.Pattern[str]:
    """A label that ends in one of the vocabulary's verbs ("the last pass is ")."""
    return re.compile(rf"(?i)(?<!\w){vocabulary().macros['verbs']}[ \t]*$")


_SYNTAX_COLON = re.compile(r"(?:::|:[A-Za-z_][\w.-]*:`|[\w-]:[A-Za-z_][\w-]*\b)")


def syntax_colon(item: FilterInput) -> Verdict:
    """``v8::External``, ``:class:`Foo```, ``<xsl:sort>``, ``psk:PageOrientation``, ``pass:somepass``:
    a colon of a scope operator, a reST role or a namespace prefix ends no label. "PW:Sommer2024" (a
    value with a digit or symbol) stays a label."""
    name = "syntax_colon"
    if item.at < 0:
        return Verdict(name, False)
    around = item.line[max(0, item.at - 2) : item.end]
    secret = item.secret.strip()
    if secret.startswith(":") or re.match(r"^[A-Za-z_]+:`", secret):
        return Verdict(name, True, "a scope operator (::) or a reST role, not a label's colon")
    glued = (
        item.at > 0 and item.line[item.at - 1] == ":" and item.at >= 2 and item.line[item.at - 2].isalnum()
    )
    wordlike = _LETTERS_ONLY.match(secret) or _LOWER_COMPOUND.match(secret)
    holds = glued and wordlike is not None and _SYNTAX_COLON.search(around) is not None
    return _drop(name, holds, "namespace or attribute syntax (prefix:Name), not a label")


_NUMERIC_LABEL = re.compile(r"(?i)(?<![\w-])(?:pin|puk|pincode|code)(?![\w-])")


def numeric_label(item: FilterInput) -> Verdict:
    """ "Pin: release a=stable" (apt), "PIN: required": a PIN or code is a number; a value without a
    digit after such a label is a word."""
    name = "numeric_label"
    label = item.label
    if "pass" in label.lower() or "pw" in label.lower() or not _NUMERIC_LABEL.search(label):
        return Verdict(name, False)
    holds = not any(c.isdigit() for c in item.secret)
    return _drop(name, holds, "a PIN or code label, and a value without a digit")


_IN_URL = re.compile(r"[a-z][a-z0-9+.-]*://\S*$", re.IGNORECASE)


def inside_url(item: FilterInput) -> Verdict:
    """``http://www.mail-archive.com/bug-make@gnu.org/msg01658.html``,
    ``ftp://joe:password@proxy.example.com/rubbish:3128``: a path or host inside a URL, not an
    "e-mail / password" pair."""
    name = "inside_url"
    if item.category != "plaintext-password":
        return Verdict(name, False)
    return _drop(name, _IN_URL.search(item.prefix) is not None, "the match starts inside a URL")


_URL_USER = re.compile(r"://[^\s:/@]+:[^\s/@]*$")


_DOCUMENTATION_HOST = re.compile(
    r"@(?:[\w-]+\.)*(?:example\.(?:com|org|net)|[\w-]+\.(?:example|invalid|test))(?![\w-]|\.[\w-])", re.I
)
"""``@mongodb0.example.com``: a host of RFC 2606/6761, reserved for documentation."""


def _strong(secret: str) -> bool:
    """Eight characters or more, of three of the four kinds (lower, upper, digit, symbol)."""
    kinds = (str.islower, str.isupper, str.isdigit, lambda c: not c.isalnum())
    return len(secret) >= 8 and sum(any(kind(c) for c in secret) for kind in kinds) >= 3


def example_credentials(item: FilterInput) -> Verdict:
    """``https://a:b@測試?abc#foo``: a URL whose password has fewer than four characters shows the
    syntax of user information, not a login; so does a plain word that is no known default password
    (``postgresql://scott:tiger@localhost/test`` in a docstring: a default one such as ``user:secret`` is
    judged by the default_password filter) and a weak password on a documentation host
    (``https://user:pass@sub.example.com``). A strong one there (``D1fficultP%40ssw0rd``) is reported:
    nothing tells it from a real password someone wrote into a URL."""
    name = "example_credentials"
    if item.at < 0 or _URL_USER.search(item.line[: item.at]) is None:
        return Verdict(name, False)
    if len(item.secret) < 4:
        return Verdict(name, True, "a URL with a one-to-three character password")
    if _LETTERS_ONLY.match(item.secret) and not is_default_password(item.secret):
        return Verdict(name, True, "a plain word in a URL (scott:tiger, foo:bar): the syntax shown")
    holds = _DOCUMENTATION_HOST.match(item.line, item.end) is not None and not _strong(item.secret)
    return _drop(name, holds, "a weak password in a URL on a documentation host (example.com)")


_BANNER = re.compile(r"^\s*([#*=~/-])\1+")


def comment_banner(item: FilterInput) -> Verdict:
    """``## Password hashes##``: a word closed by the decoration the comment line opened with."""
    opening = _BANNER.match(item.line)
    secret = item.secret.strip()
    if opening is None or not secret.endswith(opening.group()[-2:]):
        return Verdict("comment_banner", False)
    word = secret.rstrip(opening.group(1))
    holds = _LETTERS_ONLY.match(word) is not None
    return _drop("comment_banner", holds, "a word inside a banner or bold markers (## … ##, ** … **)")


_ADDRESS_IN_LABEL = re.compile(r"(?i)\b(?:pass\w*|pwd?)\s*@\s*[\w-]+(?:\.[\w-]+)+")


def label_through_address(item: FilterInput) -> Verdict:
    """``https: // user : pass @ sub.example.com : 8080``: a "label" that runs through a host after an
    @ is the diagram of an address, and what follows it a port."""
    holds = item.category == "plaintext-password" and _ADDRESS_IN_LABEL.search(item.label) is not None
    return _drop("label_through_address", holds, "the label runs through an @host: an address, not a label")


_CALL_WITH_ARGUMENT = re.compile(
    r"^(?:[A-Za-z_$][\w$.]*\((?:[\"'].*|\).*)|[A-Za-z_$][\w$]*(?:(?:->|::)[A-Za-z_$][\w$]*){2,}.*)$"
)


def code_call(item: FilterInput) -> Verdict:
    """``password:rt("password")`` in a page's script, ``Passwort = getPassword()`` pasted into notes,
    ``first->first->sibling``: a call with a quoted or no argument, or a chain of -> or ::, is code in any
    text. ``Sommer(2024)`` is not such a call."""
    holds = item.category in _PROSE_CATEGORIES and _CALL_WITH_ARGUMENT.match(item.secret.strip()) is not None
    return _drop("code_call", holds, "a function call, not a literal")


def label_in_a_name(item: FilterInput) -> Verdict:
    """``set-password-policy``, ``quell-user-lookup-in-passwd-file``: a value glued to the password word
    by a hyphen continues a compound name; ``struct passwd *getpwnam(const char *name)`` (a C prototype in a
    build script's string or a README) names a C type; ``./w:body/w:p/w:pPr`` (XPath) has no "P/W" label;
    ``$pwd: $!`` and ``sys$login:vimfiles`` in a string are a variable's name, not a label."""
    name = "label_in_a_name"
    if item.at <= 0:
        return Verdict(name, False)
    if _C_TYPE_KEYWORD.search(item.prefix) and item.label[:1].isalpha():
        return Verdict(name, True, "the name of a C type (struct passwd), not a label")
    if item.secret.startswith("-") and item.line[item.at - 1].isalpha():
        return Verdict(name, True, "the password word is part of a hyphenated name")
    if _NAMESPACE_END.search(item.prefix) and item.label[:1].isalpha():
        return Verdict(name, True, "a namespaced step of a path (w:p/w:pPr): not a label")
    word = _LABEL_START.search(item.label)
    holds = (
        word is not None and word.start() > 0 and item.label[word.start() - 1] == "$" and ":" in item.label
    )
    if not holds and word is not None and word.start() == 0 and item.prefix.endswith("$"):
        holds = ":" in item.label
    return _drop(name, holds, "a $variable's name, not a label")


_LABEL_START = re.compile(r"(?i)(?:pass\w*|pwd?|login|kennw\w*)")
_NAMESPACE_END = re.compile(r"[A-Za-z]:$")
_C_TYPE_KEYWORD = re.compile(r"(?<![\w-])(?:struct|union|enum)[ \t]+$")
"""``struct`` (``union``, ``enum``) right before the password word: the word names a C type."""
"""A namespace prefix glued to what follows (``./w:body/w:p/w:pPr``): "p/w" there is an XPath step."""
_PIPELINE = re.compile(r"\|\s*[\w.-]+\s+-\w")


def command_line(item: FilterInput) -> Verdict:
    """``getent passwd | awk -F: '{print $1}'``: a pipeline's colon (an option's argument) ends no label."""
    holds = item.category == "plaintext-password" and _PIPELINE.search(item.label) is not None
    return _drop("command_line", holds, "the label runs through a command pipeline")


def label_word_in_a_name(item: FilterInput) -> Verdict:
    """``NOPASSWORD = "no-password-required"`` (an enum's value), ``user_password: "id-at-userPassword"``
    (an attribute's identifier), ``'lowpass': 'lowpass'`` and ``SET_PASSWORD = 'SetPassword'`` (a mode or
    an operation named by its key, in any case style): a value of letters
    only, an identifier of words joined by - _ or . one of which is its label's password word, or the
    label's own name repeated, is a name, not a password. ``thisismypassword`` and ``myPassword`` (one run
    of letters), ``Password1`` and ``P@ssw0rd`` (a digit or a symbol) stay findings."""
    name = "label_word_in_a_name"
    secret = item.secret.strip()
    if item.category not in _PROSE_CATEGORIES or not _LETTER_NAME.match(secret):
        return Verdict(name, False)
    named = assigned_name(item)
    repeated = named is not None and _name_words(named.group("name")) == _name_words(secret)
    if repeated and not is_default_password(secret):  # "password: password" is a default password
        return Verdict(name, True, "the value repeats its key's name")
    label = (item.label or item.prefix[-40:]).lower()
    words = [w for w in vocabulary().password_words if len(w) >= MIN_LABEL_WORD and w in label]
    own = {w for w in words if not any(w != other and w in other for other in words)}  # "password" alone
    parts = [part.lower() for part in _NAME_WORD.findall(secret)] if _JOINED.search(secret) else []
    holds = not own.isdisjoint(parts)
    return _drop(name, holds, "an identifier made with its label's own word, not a password")


def version_value(item: FilterInput) -> Verdict:
    """``"minipass": "^7.0.4"`` (a package.json dependency whose name ends in "pass"), ``pass: 1.2.3-rc1``:
    a software version or a version range is no password (credscan.detect.cellshape.software_version)."""
    holds = item.category in _PROSE_CATEGORIES and software_version(item.secret)
    return _drop("version_value", holds, "a software version or a version range")


_LETTER_NAME = re.compile(r"^[A-Za-z]+(?:[-_.][A-Za-z]+)*$")
"""Letters, maybe joined by - _ . : a name or an identifier (``no-password-required``)."""
_JOINED = re.compile(r"[-_.]")
"""An identifier's joints: ``myPassword`` (one word, a weak password) has none."""
MIN_LABEL_WORD = 4
"""Password words this long or longer ("pass", "passwd", "kennwort"); "pw" and "pin" are in too many words."""


def account_is_a_word(item: FilterInput) -> Verdict:
    """ "the user and password parts", "[Server user and password]": the "account" of a user/password
    pair is a stopword, so the pair is a sentence."""
    account = item.account.lower().strip(".,;:")
    vocab = vocabulary()
    holds = (
        item.category == "plaintext-password"
        and len(account) <= 4
        and account in vocab.stopwords
        and not vocab.vocabulary_word(account)  # "user", "login" name an account
    )
    return _drop("account_is_a_word", holds, "the account of the pair is a stopword: a sentence")


_KEY_ATTRIBUTE = re.compile(r"(?i)^key\s*=\s*[\"']?$")


def key_attribute(item: FilterInput) -> Verdict:
    """``<add key="webpages:Version" value="3.0.0.0"/>``, ``<text key="Software\\Policies\\…">``: in
    markup an attribute named key holds the NAME of a setting or registry key; a secret in such a setting
    is its value (config.appsettings-secret), and a real token there has a format of its own."""
    holds = (
        item.syntax == "markup"
        and item.prefix[-1:].isspace()
        and _KEY_ATTRIBUTE.match(item.label) is not None
    )
    return _drop("key_attribute", holds, "an attribute named key: the name of a setting, not a key")


_RESULT_MARKERS = (
    r"(?:PASS|XPASS|KPASS|FAIL|XFAIL|KFAIL|ERROR|SKIP|SKIPPED|UNSUPPORTED|UNRESOLVED|UNTESTED|PASSED|FAILED)"
)
_QUOTED = r"[ \t>|]*"
"""Blanks and the marks that quote a log in a mail or commit message ("| PASS: …", "> FAIL: …")."""
_RESULT_LABEL = re.compile(rf"^[ \t]*{_RESULT_MARKERS}:[ \t]*[\"'`]?$")
_RESULT_LINE = re.compile(rf"(?m)^{_QUOTED}{_RESULT_MARKERS}:[ \t]+\S")
_LOG_NEIGHBOUR = re.compile(rf"(?m)^(?:{_QUOTED}{_RESULT_MARKERS}:[ \t]+\S|Running [^\n]*\.exp \.\.\.)")
"""A result line, or the line DejaGnu writes as it starts a test file ("Running …/s390-multiarch.exp ...":
gdb's check.log has a lone PASS: between two of them)."""


def test_log_line(lines: Sequence[str], index: int) -> bool:
    """``lines[index]`` starts with a test result marker and so does a line next to it: a test log."""
    if _RESULT_LINE.match(lines[index]) is None:
        return False
    return any(
        _RESULT_LINE.match(lines[n]) is not None for n in (index - 1, index + 1) if 0 <= n < len(lines)
    )


def in_a_manual(item: FilterInput) -> Verdict:
    """``--password=PASSWORD``, ``CREATE USER davide WITH PASSWORD 'jw8s0F4'``, ``machine example.org login
    apt password debian``: in a program's manual (a man page, an info page, a help file:
    credscan.extract.manuals) a value read after a name is an example of the syntax the manual documents.
    A private key, a token of a known format and a hash dump are judged by their format there as anywhere."""
    holds = item.syntax == "manual" and _judged_by_name(item)
    return _drop("in_a_manual", holds, "a value in a program's manual: an example of its syntax")


def test_result_line(item: FilterInput) -> Verdict:
    """``PASS: ar thin archive`` in a test log (Automake, DejaGnu, TAP summaries: binutils' test-summary;
    quoted in a changelog as "| PASS: …"): an upper-case result marker at the start of a line is a verdict,
    not a password label, when a neighbouring line is one too. A note's ``pass: Winter2024!`` (lower case)
    or a lone ``PASS: X`` stays."""
    holds = (
        item.prefix.strip(" \t>|") == ""
        and _RESULT_LABEL.match(item.label) is not None
        and _LOG_NEIGHBOUR.search(f"{item.before}\n{item.after}") is not None
    )
    return _drop("test_result_line", holds, "a test result marker in a test log, next to other results")


_BUG_REFERENCE = re.compile(r"(?i)(?<![\w-])(?:closes|fixes|fixed|resolves|bugs?|lp)[ \t]*:[ \t]*$")


def bug_reference(item: FilterInput) -> Verdict:
    """ "Fix gpasswd passwd leak (Closes: #1091024)", "in pass 2. (Addresses Google Bug: #1234)": the value
    after a bug tracker's keyword (Debian changelogs' Closes:, Launchpad's LP:, Fixes:) is a bug number,
    whatever password word stands earlier in the line."""
    holds = _BUG_REFERENCE.search(item.prefix + item.label) is not None
    return _drop("bug_reference", holds, "a bug tracker reference (Closes: #123), not a value")


_SUBSTITUTION = re.compile(
    r"(?<![\w\\])s(?P<d>[/#|!,@])(?:\\.|(?!(?P=d))[^\n])*(?P=d)(?:\\.|(?!(?P=d))[^\n])*(?P=d)[gimx\d]*"
)
"""A sed-style substitution, s/old/new/ (any of / # | ! , @ as the delimiter)."""
_WORDS_OF = re.compile(r"[^\W\d_]+")


def substitution_command(item: FilterInput) -> Verdict:
    """``s/change password/password change/``, ``s#password: cvs#password: [empty password]#``: a changelog
    telling how a text was edited; the "value" runs into the delimiter and holds only words. A sed script
    that writes a real one (``s/^password=.*/password=Xk9#mq2v/``) is still reported: its value has a digit
    or a symbol besides the delimiter."""
    name = "substitution_command"
    if item.at < 0 or item.category not in _PROSE_CATEGORIES:
        return Verdict(name, False)
    for command in _SUBSTITUTION.finditer(item.line):
        if command.start() < item.at < command.end():
            delimiter = command.group("d")
            rest = item.secret.strip().replace(delimiter, " ").replace(":", " ")
            holds = _WORDS_OF.sub("", rest).strip(" .,;()") == ""
            return _drop(name, holds, "words inside a sed-style substitution (s/old/new/)")
    return Verdict(name, False)


@lru_cache(maxsize=1)
def _crypt_hash() -> re.Pattern[str]:
    """A crypt(3)-notation hash, the vocabulary's ``crypt_hash`` fragment (what the hash-list rule reads)."""
    return re.compile(vocabulary().macros["crypt_hash"])


def _nearest_text_lines(item: FilterInput) -> list[str]:
    """The nearest non-blank line before the match's line and the nearest after it (those that exist)."""
    before = [line for line in item.before.split("\n") if line.strip()]
    after = [line for line in item.after.split("\n") if line.strip()]
    return before[-1:] + after[:1]


def _doctest_output(before: str) -> bool:
    """The lines right above (up to a blank line) hold a ``>>>`` prompt: the match is what an interactive
    Python session printed in a manual or docstring (passlib's ``>>> print ht.to_string()``)."""
    lines = before.split("\n")
    for line in reversed(lines[:-1] if before.endswith("\n") else lines):  # before ends its last line
        if not line.strip():
            return False
        if line.lstrip().startswith(">>>"):
            return True
    return False


def hash_in_a_document(item: FilterInput) -> Verdict:
    """A hash dump's line that a document shows rather than holds. A crypt hash alone on its line with
    prose or code next to it ("…has the same structure as the bcrypt hash.::" then ``$2a$06$…`` in a
    manual) is a value, not a hash list: in a list a hash stands next to another hash, or alone in the
    file (``#`` comments aside). Any dump line a ``>>>`` session prints (the doctest of an htpasswd
    library) is an example too. Other dump lines (``user:hash``, pwdump, roasts, captures) are dump
    lines wherever they stand."""
    if item.category != "credential-store":
        return Verdict("hash_in_a_document", False)
    if _doctest_output(item.before):
        return Verdict("hash_in_a_document", True, "printed by an interactive session in a document")
    crypt = _crypt_hash()
    if item.line.strip() != item.secret or crypt.fullmatch(item.secret) is None:
        return Verdict("hash_in_a_document", False)
    neighbours = [line.strip() for line in _nearest_text_lines(item)]
    listed = any(crypt.fullmatch(line) is not None for line in neighbours)
    holds = not listed and any(not line.startswith("#") for line in neighbours)
    return _drop("hash_in_a_document", holds, "a lone hash between lines of a document, not a hash list")


_NAME_BEFORE_VALUE = re.compile(
    r"(?P<quote>[\"']?)(?P<name>[A-Za-z_$][\w$.:-]*)(?P=quote)[ \t]*(?:=>|:=|=|:|,)?[ \t]*[\"']?$"
)
"""The name a value is assigned to, at the end of the text before it: ``"NextToken": "``, ``--next-token ``,
``self.update_token = '``, ``"AWS::KMS::Key": "`` (a quoted name keeps its quote in group ``quote``)."""


def assigned_name(item: FilterInput) -> re.Match[str] | None:
    """The name ``item``'s value is assigned to (groups ``name`` and ``quote``), if the text before it ends in
    one (credscan.detect.defaults reads it too)."""
    return _NAME_BEFORE_VALUE.search((item.prefix + item.label)[-200:])


def _judged_by_name(item: FilterInput) -> bool:
    """A value a rule took for its name alone: a password after a label, a generic secret/token/key
    (validator random_token). A token of a known format is judged by its format, never by its name."""
    return item.category in _PROSE_CATEGORIES or "random_token" in item.passed


_NAME_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
"""The words of a name: camel humps, acronyms and digits ("S3ObjectKey" -> S3 Object Key; "s3" stays one
word through the digit rule below)."""
_SECRET_NOUNS = {"token": "identifier_token_words", "key": "identifier_key_words"}


def _name_words(name: str) -> list[str]:
    words: list[str] = []
    for part in re.split(r"[^A-Za-z0-9]+", name):
        for word in _NAME_WORD.findall(part):
            if word.isdigit() and words and len(words[-1]) == 1:
                words[-1] += word  # "s3", "ec2": a letter and its number are one word
            else:
                words.append(word.lower())
    return words


def identifier_name(item: FilterInput) -> Verdict:
    """``"NextToken": "…"``, ``--change-token 12cs…``, ``"ClientRequestToken": "…"``, ``"S3Key": "…"``:
    the name the value is assigned to says it holds a cursor, a request id or the name of an object
    (vocabulary identifier_token_words, identifier_key_words), not a secret; and a quoted name with a
    scope operator (``"AWS::KMS::Key": "2b44…"``, a resource type mapped to its schema's hash) is a type's
    name used as a table key. ``"AccessToken"``, ``--api-key`` and ``config.facebook.key`` stay secrets."""
    name = "identifier_name"
    found = assigned_name(item) if item.at >= 0 and _judged_by_name(item) else None
    if found is None:
        return Verdict(name, False)
    if found.group("quote") and "::" in found.group("name"):
        return Verdict(name, True, "a qualified type name (AWS::KMS::Key) as a table key")
    words = _name_words(found.group("name").rsplit(".", 1)[-1])
    if len(words) < 2 or words[-1] not in _SECRET_NOUNS:
        return Verdict(name, False)
    qualifiers: frozenset[str] = getattr(vocabulary(), _SECRET_NOUNS[words[-1]])
    before = words[:-1]
    holds = " ".join(before[-1:]) in qualifiers or " ".join(before[-2:]) in qualifiers
    return _drop(name, holds, f"a {' '.join(before[-2:])} {words[-1]}: an identifier, not a secret")


def hashed_by_name(item: FilterInput) -> Verdict:
    """``"hashed_secret": "513e0a…"`` (a detect-secrets baseline), ``hashed_password: 2fd4e1…``,
    ``token_sha256 = "…"``: the name the value is assigned to says it is a hash of the secret (vocabulary
    hash_name_words), and a hash is no finding; a dump of hashes has rules of its own. ``client_secret`` and
    ``password`` stay secrets whatever their value looks like."""
    name = "hashed_by_name"
    found = assigned_name(item) if item.at >= 0 and _judged_by_name(item) else None
    if found is None:
        return Verdict(name, False)
    words = [w.lower() for w in _HASH_NAME_WORD.findall(found.group("name").rsplit(".", 1)[-1])]
    vocab = vocabulary()
    nouns = [i for i, word in enumerate(words) if word in _HASHED_NOUNS or word in vocab.password_words]
    after_noun = words[nouns[-1] + 1 :] if nouns else []
    holds = "hashed" in words or not vocab.hash_name_words.isdisjoint(after_noun)
    return _drop(name, holds, "the setting's name says its value is a hash of the secret")


_HASH_NAME_WORD = re.compile(r"[A-Z]+(?![a-z])\d*|[A-Z]?[a-z]+\d*|\d+")
"""The words of a name, a digit run joined to the word before it (``sha256``, ``md5``)."""
_HASHED_NOUNS = frozenset({"secret", "token", "key", "credential", "credentials"})
"""Besides the password words: what a hash is made of."""


FILTERS: Registry[FilterName, Callable[[FilterInput], Verdict]] = Registry(
    "filter",
    get_args(FilterName),
    (
        ("in_a_manual", "credscan.detect.filters:in_a_manual"),
        ("test_result_line", "credscan.detect.filters:test_result_line"),
        ("bug_reference", "credscan.detect.filters:bug_reference"),
        ("not_a_value", "credscan.detect.filters:not_a_value"),
        ("sentence_continues", "credscan.detect.filters:sentence_continues"),
        ("wrapped_sentence", "credscan.detect.filters:wrapped_sentence"),
        ("label_continues", "credscan.detect.filters:label_continues"),
        ("password_policy", "credscan.detect.filters:password_policy"),
        ("reset_notification", "credscan.detect.filters:reset_notification"),
        ("documentation_example", "credscan.detect.filters:documentation_example"),
        ("code_reads_password", "credscan.detect.filters:code_reads_password"),
        ("template_value", "credscan.detect.filters:template_value"),
        ("default_password", "credscan.detect.defaults:default_password"),
        ("public_value", "credscan.detect.filters:public_value"),
        ("code_expression", "credscan.detect.filters:code_expression"),
        ("test_fixture", "credscan.detect.filters:test_fixture"),
        ("test_vector", "credscan.detect.filters:test_vector"),
        ("verb_sense", "credscan.detect.filters:verb_sense"),
        ("ambiguous_word", "credscan.detect.filters:ambiguous_word"),
        ("syntax_colon", "credscan.detect.filters:syntax_colon"),
        ("numeric_label", "credscan.detect.filters:numeric_label"),
        ("inside_url", "credscan.detect.filters:inside_url"),
        ("example_credentials", "credscan.detect.filters:example_credentials"),
        ("comment_banner", "credscan.detect.filters:comment_banner"),
        ("label_through_address", "credscan.detect.filters:label_through_address"),
        ("code_call", "credscan.detect.filters:code_call"),
        ("label_in_a_name", "credscan.detect.filters:label_in_a_name"),
        ("command_line", "credscan.detect.filters:command_line"),
        ("label_word_in_a_name", "credscan.detect.filters:label_word_in_a_name"),
        ("version_value", "credscan.detect.filters:version_value"),
        ("account_is_a_word", "credscan.detect.filters:account_is_a_word"),
        ("key_attribute", "credscan.detect.filters:key_attribute"),
        ("substitution_command", "credscan.detect.filters:substitution_command"),
        ("chain_of_names", "credscan.detect.filters:chain_of_names"),
        ("hash_in_a_document", "credscan.detect.filters:hash_in_a_document"),
        ("identifier_name", "credscan.detect.filters:identifier_name"),
        ("hashed_by_name", "credscan.detect.filters:hashed_by_name"),
    ),
    a_function,
)
"""Filter name -> the check that drops a candidate with a reason. They run in the order of FilterName:
test_result_line first, as it is cheap and on a test log (gdb's check.log: 100,000 "PASS: …" lines) drops
nearly every match."""


@cache
def _chain() -> tuple[tuple[FilterName, Callable[[FilterInput], Verdict]], ...]:
    """Every filter with its name, in the order they run (loaded once, not looked up per candidate)."""
    return tuple((name, FILTERS.require(name)) for name in FILTERS.names())


def drop_verdict(item: FilterInput, skip: tuple[str, ...] = ()) -> Verdict | None:
    """The Verdict of the first filter that drops this candidate (its name and why), or None to keep it."""
    for name, check in _chain():
        if name not in skip:
            verdict = check(item)
            if verdict:
                return verdict
    return None


def dropped_by(item: FilterInput, skip: tuple[str, ...] = ()) -> str | None:
    """The name of the first filter that drops this candidate, or None to keep it."""
    verdict = drop_verdict(item, skip)
    return None if verdict is None else verdict.name
