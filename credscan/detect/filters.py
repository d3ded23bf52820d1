"""Named false-positive filters: documents that talk ABOUT passwords without holding one.

A validator judges the value alone; a filter also sees the line it stands on and the file name, which is
what tells a password policy ("Password: at least 12 characters"), a reset notification, a documentation
example ("e.g. password: Summer2024!") or a template apart from a real password. Each filter returns True
when the candidate must be DROPPED. Rules can opt out of single filters with ``skip_filters``.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from credscan.detect.validators import (
    not_code,
    not_empty,
    not_masked,
    not_placeholder,
    not_url_email_path,
)
from credscan.detect.vocabulary import vocabulary

_LETTERS_ONLY = re.compile(r"^[^\W\d_]+$")
_CONTRACTION = re.compile(r"^[^\W\d_]+['’](?:s|ll|re|ve|d|t|m)$")
"""A possessive or contracted word ("user's choice", "They'll reset it") opens a phrase as a letters-only
word does."""
_NUMERIC = re.compile(r"^\d{1,3}$")
_NEXT_WORD = re.compile(r"[ \t]+(?:(?:[^\W\d_]{2,}|\d+)(?![\w:])|[^\W\d_][ \t]+\w)")
"""A plain word or a number after a value (not a label "User:", not a comment "# note"): "Office 365";
a one-letter word counts when another word follows it ("opbevares i 1Password", "stored a la caja")."""
_HOSTNAME = re.compile(
    r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|local|lan|internal|corp|example|test|invalid|[a-z]{2})\b"
)


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


def not_a_value(item: FilterInput) -> bool:
    """Values no rule may report (SPEC §2): masked, placeholder, a URL/e-mail/path, a bare stopword or
    code ("Password: the one you chose", "Passwort: siehe Safe", "password: https://reset…",
    "$pass = ConvertTo-SecureString …")."""
    secret = item.secret.strip()
    return not (
        not_empty(secret)
        and not_masked(secret)
        and not_placeholder(secret)
        and (item.category == "api-token" or not_url_email_path(secret))
        and secret.lower() not in vocabulary().stopwords
        and not_code(secret)
    )


def sentence_continues(item: FilterInput) -> bool:
    """A letters-only (or possessive, contracted) value that opens a sentence: "Kennwort: liegt
    versiegelt beim Geschäftsführer", "Hasło: zmiana co 90 dni", "Wachtwoord: nooit delen", "Password:
    user's choice" — words of any language, not a password."""
    secret = item.secret.strip()
    if not (_LETTERS_ONLY.match(secret) or _CONTRACTION.match(secret)):
        return False
    at = item.line.find(secret, len(item.prefix))
    if at < 0:
        return False
    return _NEXT_WORD.match(item.line, at + len(secret)) is not None


_LABEL_GOES_ON = re.compile(r"[ \t]*[:=][ \t]*\S")
_LABEL_WORD = re.compile(r"^[^\W\d_]+(?:[-.][^\W\d_]+)*$")


def label_continues(item: FilterInput) -> bool:
    """A word followed by a colon and a value is the end of the label, not its value: "E-Mail-Kennwort –
    Sekretariat: X", "Passwort Sub-Admin: X", "Kennwort (neu) Büro: X" (the value after the colon is
    reported by the rules that read it)."""
    secret = item.secret.strip()
    if not _LABEL_WORD.match(secret):
        return False
    at = item.line.find(secret, len(item.prefix))
    return at >= 0 and _LABEL_GOES_ON.match(item.line, at + len(secret)) is not None


def password_policy(item: FilterInput) -> bool:
    """ "Password: minimum twelve characters", "Kennwort: mindestens 10 Zeichen" — a rule, not a value."""
    return _has(item.line, vocabulary().policy_markers) and _wordish(item.secret)


def reset_notification(item: FilterInput) -> bool:
    """ "Your password expires in five days, click here" — a notification; a real temporary password
    with digits or symbols in a reset mail ("your new password is Xk9#mQ2p") is still reported."""
    return _has(item.line, vocabulary().reset_markers) and _wordish(item.secret)


def documentation_example(item: FilterInput) -> bool:
    """ "e.g. password: Summer2024!", "Beispiel: Kennwort: Test123" — an example in a policy or manual."""
    return _has_word(item.prefix, vocabulary().example_markers)


def code_reads_password(item: FilterInput) -> bool:
    """ "$pw = Read-Host 'Password'", "password = os.environ['PW']" — a prompt or the environment."""
    return _has(item.line, vocabulary().code_markers)


def template_value(item: FilterInput) -> bool:
    """A default-looking value (changeme, password, secret) in a *.example/*.template/Vorlage file."""
    vocab = vocabulary()
    if not any(fnmatch.fnmatchcase(item.file_name, glob) for glob in vocab.template_file_globs):
        return False
    return item.secret.strip().lower() in vocab.template_defaults


_PUBLIC_NAME = re.compile(r"public[\w.-]{0,20}$", re.IGNORECASE)
"""The key name before a match begins with "public": publicKeyToken, public_key, PUBLIC-KEY."""


def public_value(item: FilterInput) -> bool:
    """`publicKeyToken="31bf3856ad364e35"` in a .NET manifest or unattend.xml, `public_key = …`: a value
    its own name calls public (an assembly's strong-name token, a public key) is no secret."""
    return _PUBLIC_NAME.search(item.prefix) is not None


FILTERS: dict[str, Callable[[FilterInput], bool]] = {
    "not_a_value": not_a_value,
    "sentence_continues": sentence_continues,
    "label_continues": label_continues,
    "password_policy": password_policy,
    "reset_notification": reset_notification,
    "documentation_example": documentation_example,
    "code_reads_password": code_reads_password,
    "template_value": template_value,
    "public_value": public_value,
}


def dropped_by(item: FilterInput, skip: tuple[str, ...] = ()) -> str | None:
    """The name of the first filter that drops this candidate, or None to keep it."""
    for name, check in FILTERS.items():
        if name not in skip and check(item):
            return name
    return None
