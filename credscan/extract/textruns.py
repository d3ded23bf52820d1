"""Text runs inside binary streams: UTF-16LE and 8-bit runs of readable characters, in stream order.

For formats whose text sits in records we do not model field by field (Works word processor streams,
OneNote property sets): their strings are stored as contiguous UTF-16LE (or 8-bit) characters, so the runs
of readable characters are the text. A UTF-16 run counts when it has enough letters or digits, an 8-bit run
when it is mostly letters, digits and spaces (random bytes rarely make either), and a run in any script when
a 32-bit length in front of it equals its size — the way both formats store a string value. Identical runs
are kept once: OneNote keeps old revisions of a paragraph beside the new one.
"""

from __future__ import annotations

import bisect
import re
import struct
from collections.abc import Iterator

MIN_CHARS = 4
MIN_ALNUM = 3
MAX_PREFIXED_BYTES = 64 * 1024
MIN_WORD_SHARE = 0.7
_LATIN_UTF16_RUN = re.compile(rb"(?:[\t\n\r\x20-\x7e\xa0-\xff]\x00){4,}")
"""ASCII and Latin-1 in UTF-16LE: every other byte is zero, which keeps a run aligned on its characters."""
_ANY_UTF16 = re.compile(
    rb"(?:[\t\n\r\x20-\x7e\xa0-\xff]\x00"  # ASCII and Latin-1
    rb"|[\x00-\xff][\x01-\x05\x1e\x20\x30\x4e-\x9f\xac-\xd7\xff])+"  # Latin ext., Greek, Cyrillic, Hebrew,
    # Arabic, punctuation, kana, CJK, Hangul, fullwidth forms
)
_LENGTH_PREFIX = re.compile(rb"(?=[\x08-\xff][\x00-\xff]\x00\x00)")
"""Where a 32-bit length of 8 bytes to 64 KiB may stand (the lookahead finds overlapping candidates)."""
_ANSI_RUN = re.compile(rb"[\t\n\r\x20-\x7e\x80-\xff]{8,}")
_AFTER_ANY_END = 1 << 62
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")
_ASCII_WORD_CHAR = re.compile(r"[A-Za-z0-9 ]")
_LINE_BREAKS = str.maketrans({"\r": "\n", "\x0b": "\n", "\u2028": "\n", "\u2029": "\n"})


def text_runs(data: bytes, max_chars: int) -> Iterator[str]:
    """Readable lines of ``data`` in stream order, each once, at most ``max_chars`` characters in all."""
    seen: set[str] = set()
    budget = max_chars
    for _, text in sorted(_runs(data)):
        for line in text.translate(_LINE_BREAKS).split("\n"):
            line = " ".join(line.split())
            if len(line) < MIN_CHARS or line in seen:
                continue
            if len(line) > budget:
                return
            budget -= len(line)
            seen.add(line)
            yield line


def _runs(data: bytes) -> Iterator[tuple[int, str]]:
    """Length-prefixed UTF-16 strings in any script, then Latin UTF-16 and 8-bit runs outside them."""
    covered = list(_prefixed(data))
    yield from ((start, data[start:end].decode("utf-16-le", "replace")) for start, end in covered)
    for match in _LATIN_UTF16_RUN.finditer(data):
        text = match.group().decode("utf-16-le")
        if _enough_letters(text) and not _inside(covered, match.start()):
            yield match.start(), text
    for match in _ANSI_RUN.finditer(data):
        text = match.group().decode("cp1252", "replace")
        if _mostly_words(text) and not _inside(covered, match.start()):
            yield match.start(), text


def _prefixed(data: bytes) -> Iterator[tuple[int, int]]:
    """(start, end) of each UTF-16 string whose 32-bit byte length stands right before it (no overlaps)."""
    after = 0
    for match in _LENGTH_PREFIX.finditer(data):
        at = match.start()
        if at < after:
            continue
        size = struct.unpack_from("<I", data, at)[0]
        start, end = at + 4, at + 4 + size
        if size % 2 or size > MAX_PREFIXED_BYTES or end > len(data):
            continue
        if _ANY_UTF16.fullmatch(data, start, end) and _has_letters(
            data[start:end].decode("utf-16-le", "replace")
        ):
            after = end
            yield start, end


def _enough_letters(text: str) -> bool:
    return len(_ASCII_ALNUM.findall(text)) >= MIN_ALNUM


def _mostly_words(text: str) -> bool:
    """8-bit runs come from random bytes far more often than UTF-16 ones: most characters must be ASCII
    letters, digits or spaces."""
    return len(_ASCII_WORD_CHAR.findall(text)) >= MIN_WORD_SHARE * len(text)


def _has_letters(text: str) -> bool:
    return sum(char.isalpha() for char in text) >= 2


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` lies in one of ``spans`` (sorted, not overlapping)."""
    index = bisect.bisect_right(spans, (offset, _AFTER_ANY_END)) - 1
    return index >= 0 and spans[index][0] <= offset < spans[index][1]
