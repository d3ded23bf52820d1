"""What a table cell or a column of cells looks like, independent of the words in it.

The table detector reads header words from the vocabulary; these shapes decide the questions words cannot:
is a row of unknown labels ("Custom 13", "Garantie bis") a header row, is a cell a label or a value, and
does a column under a password header hold secrets at all or prose, versions, dates and repeated words
(a package summary "validating password" above 50,000 rows, a help file's tag index)?
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from credscan.detect.validators import not_masked, not_placeholder, not_sentence

MAX_LABEL_CHARS = 40
MAX_LABEL_WORDS = 5
MIN_SECRET_CHARS = 6
_SECRET_SYMBOLS = frozenset("!#$%*+?@=~^<>{}[]|\\;,:'\"`")
"""Symbols that mark a value; "-", "_", ".", "/", "&", "(" and ")" also join the words of a label."""
_LETTER = re.compile(r"[^\W\d_]")
_NUMERIC_LIKE = re.compile(r"^\W?\d+(?:[.,:/ -]\d+)+\W?$")
"""Versions, dates, times, decimals: digit groups joined by punctuation (a bare number may be a PIN)."""
_VERSION = re.compile(r"^v?\d+(?:[.:~+-]\w+)+$", re.IGNORECASE)

COLUMN_SAMPLE = 200
COLUMN_MIN_VALUES = 5
"""Fewer values than this are judged one by one (by the validators), not as a column."""
PLAIN_SHARE = 0.8
NOT_SECRET_SHARE = 0.5
"""A column whose sampled values are more often than this prose, versions, dates or its own header word is
no password column."""
PLAIN_MIN_VALUES = 20
"""A column this long of plain words only ("python-absio", "'quickfixtextfunc'") is a list of names."""
_PLAIN = re.compile(r"^\W*[^\W\d_]+(?:[-_.' ][^\W\d_]+)*\W*$")
REPEAT_MIN_VALUES = 8
REPEAT_DISTINCT_SHARE = 0.25
"""With at least REPEAT_MIN_VALUES values, plain words repeated this much ("aktiv", "inaktiv") are a
status."""


_SOFTWARE_VERSION = re.compile(
    r"""(?ix)^v?\d+
    (?: (?:\.\d+){2,}                                  # three numbers or more: 2.54.1, 1.0.0
      | (?:\.\d+)+ (?=[.-]?(?:a|b|c|rc|alpha|beta|pre|dev|post)) )  # or two with a release tag: 0.1a0
    (?:[.-]?(?:a|b|c|rc|alpha|beta|pre|dev|post)\.?\d*)*  # PEP 440 / semver release tags: .dev14, a1.post1
    $"""
)
_VERSION_RANGE = re.compile(
    r"""(?x)^
    (?: (?:\^|~>?|[<>]=?|[=!]=?|===)[ \t]*          # an operator: ^7.0.4 ~1.2 >=2.0 ==1.4.1 ~>3.1
        v?\d+(?:\.(?:\d+|[xX*]))+ (?:[-+][0-9A-Za-z.-]+)?  # then a version, maybe a pre-release
      | v?\d+(?:\.(?:\d+|[xX*]))*\.[xX*] )            # or a wildcard version: 1.x, 2.4.*
    (?: (?:[ \t]?(?:,|\|\|)[ \t]?|[ \t])            # more of them: ">=2.0, <3", "^1.2 || ^2.0"
        (?:\^|~>?|[<>]=?|[=!]=?|===)?v?\d+(?:\.(?:\d+|[xX*]))+ (?:[-+][0-9A-Za-z.-]+)? )*
    $"""
)


def software_version(value: str) -> bool:
    """``1.0.0.dev14``, ``0.1a0``, ``2.54.1``, ``^7.0.4``, ``>=2.0, <3``, ``1.x``: a software version or a
    dependency's version range (an inventory's "name | version" row, ``"minipass": "^7.0.4"`` in a
    package.json), never a password. ``1-Sommer``, ``12.5`` and ``^Sommer2024`` are not versions here."""
    text = value.strip()
    if len(text) > MAX_VERSION_CHARS:
        return False
    return _SOFTWARE_VERSION.match(text) is not None or _VERSION_RANGE.match(text) is not None


MAX_VERSION_CHARS = 80
"""Versions and ranges are short; a longer value is no version (and the patterns stay linear-bounded)."""


def secret_shaped(cell: str) -> bool:
    """A value that reads as a secret: no blank, at least six characters, letters and digits or a symbol
    that does not join words ("Winter2024!", "Kastanie#nordlys"). "Custom 13", "IP-Adresse", "options.txt"
    are not."""
    text = cell.strip()
    if len(text) < MIN_SECRET_CHARS or any(ch.isspace() for ch in text):
        return False
    has_digit = any(ch.isdigit() for ch in text)
    has_letter = _LETTER.search(text) is not None
    return (has_digit and has_letter) or any(ch in _SECRET_SYMBOLS for ch in text)


def label_shaped(cell: str) -> bool:
    """A cell that can be a column label: short text with a letter, a few words, not a secret."""
    text = cell.strip()
    return (
        0 < len(text) <= MAX_LABEL_CHARS
        and _LETTER.search(text) is not None
        and len(text.split()) <= MAX_LABEL_WORDS
        and not secret_shaped(text)
    )


def header_shaped(row: Sequence[str], min_cells: int) -> bool:
    """At least ``min_cells`` filled cells, every one of them label-shaped: a header row by its shape."""
    filled = [cell for cell in row if cell.strip()]
    return len(filled) >= min_cells and all(label_shaped(cell) for cell in filled)


def _not_secret(value: str, label_word: str | None) -> bool:
    text = value.strip()
    if not not_sentence(text):
        return True  # a sentence, a summary, a remark ("rote katze tanzt leise" is a passphrase)
    if _NUMERIC_LIKE.match(text) or _VERSION.match(text):
        return True  # a version, date, time or count
    return label_word is not None and label_word in text.lower()


def not_secret_column(values: Sequence[str], label_words: Sequence[str] = ()) -> bool:
    """True when the values of a column cannot be its passwords: mostly prose, versions, dates, values
    that repeat the header's own word ("'password'1042" under "'password'"), or a few plain words
    repeated down the column (a status). Repeated *passwords* stay: "Start2024!" for every new user is a
    finding, "aktiv" for every licence is not."""
    sample = [v.strip() for v in values[:COLUMN_SAMPLE] if v.strip() and not_masked(v) and not_placeholder(v)]
    if len(sample) < COLUMN_MIN_VALUES:
        return False
    words = [w for w in label_words if w]
    odd = sum(1 for v in sample if _not_secret(v, next((w for w in words if w in v.lower()), None)))
    if odd > NOT_SECRET_SHARE * len(sample):
        return True
    plain = sum(1 for v in sample if _PLAIN.match(v))
    if len(sample) >= PLAIN_MIN_VALUES and plain > PLAIN_SHARE * len(sample):
        return True  # twenty names without a digit or symbol among them: no one's password list
    if len(sample) >= REPEAT_MIN_VALUES and len(set(sample)) <= REPEAT_DISTINCT_SHARE * len(sample):
        return all(not secret_shaped(v) for v in set(sample))
    return False
