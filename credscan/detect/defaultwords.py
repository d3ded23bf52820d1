"""Default and guessable password words (rules/vocabulary.toml ``default_passwords``): which values are
one, and which are the same word written as a label ("Password") or a metavariable ("PASSWORD").

Kept apart from the filter that judges where such a value is live (credscan.detect.defaults), so that the
decoders and the other filters can ask without importing the filter chain.
"""

from __future__ import annotations

from credscan.detect.validators import SECRET_WORDS
from credscan.detect.vocabulary import vocabulary

_QUOTES = "\"'`"


def bare(value: str) -> str:
    """The value without blanks and quotes around it."""
    return value.strip().strip(_QUOTES).strip()


def is_default_word(value: str) -> bool:
    """The value is a default password word in any case ("secret", "Password", "CHANGEME")."""
    return bare(value).lower() in vocabulary().default_passwords


def is_default_label(value: str) -> bool:
    """A default word written as a label or a metavariable, letters only: capitalised and naming a secret
    ("Password", "Secret": an i18n file's label), or upper case ("PASSWORD", "CHANGEME": a usage line's
    ``-p PASSWORD``, a template's shout to fill it in). "Admin" and "Changeme" stay values."""
    word = bare(value)
    if not (is_default_word(word) and word.isalpha()) or word.islower():
        return False
    return word.isupper() or SECRET_WORDS.search(word) is not None


def is_default_password(value: str) -> bool:
    """A default or guessable password as a value ("secret", "changeme", "admin", "P@ssw0rd"), not a label."""
    return is_default_word(value) and not is_default_label(value)
