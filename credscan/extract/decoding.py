"""Bytes to text for every text-like format (text, csv, rtf, eml): encoding, newlines, CSV sniffing.

Files on Windows shares are UTF-8, UTF-16 (Notepad's "Unicode", Excel's "Unicode text",
PowerShell 5 redirections) or cp1252. The common path is kept cheap: BOMs, then a strict
UTF-8 attempt; charset-normalizer only runs for text that is neither UTF-8 nor plainly Western.

Decoded text always uses "\\n" as its only line break, so that a line index means the same to an
extractor counting lines and to a detector splitting them (str.splitlines would also break at
form feeds and other separators, which are turned into spaces here).
"""

from __future__ import annotations

import codecs
import csv
import io

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)  # UTF-32 LE first: its BOM starts with the UTF-16 LE one

WESTERN_FALLBACK = "cp1252"
WINDOWS_CODE_PAGE_PREFIX = "cp125"
"""Among charset-normalizer's candidates a Windows code page wins (cp1251 over koi8_r): these
files come from Windows shares."""
MAX_HIGH_BYTE_SHARE = 0.3
"""Western text has a few accented letters among many ASCII ones; Cyrillic or Greek in a
single-byte code page is mostly high bytes, and then charset-normalizer decides."""

_SEPARATORS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_NEWLINE_TABLE = {ord("\r"): "\n", **{ord(ch): " " for ch in _SEPARATORS}}

DELIMITERS = (",", ";", "\t", "|")
SNIFF_LINES = 20
MAX_PROSE_FIELD = 60
"""Average field length above which comma-separated lines are prose, not a table."""


def detect_encoding(sample: bytes) -> str:
    """The codec name for ``sample`` (the start of a file); never fails, cp1252 is the last resort."""
    for bom, encoding in BOMS:
        if sample.startswith(bom):
            return encoding
    utf16 = _bomless_utf16(sample)
    if utf16 is not None:
        return utf16
    if _is_utf8(sample):
        return "utf-8"
    if _plainly_western(sample):
        return WESTERN_FALLBACK
    from charset_normalizer import from_bytes  # ~0.1 s to import; most files never get here

    guesses = [match.encoding for match in from_bytes(sample[:65536])]
    windows = [name for name in guesses if name.startswith(WINDOWS_CODE_PAGE_PREFIX)]
    return (windows or guesses or [WESTERN_FALLBACK])[0]


def _bomless_utf16(sample: bytes) -> str | None:
    """UTF-16 without BOM: ASCII-range text has a NUL in every other byte."""
    pairs = sample[: len(sample) - len(sample) % 2][:4096]
    if len(pairs) < 4:
        return None
    even_nuls = pairs[0::2].count(0)
    odd_nuls = pairs[1::2].count(0)
    half = len(pairs) // 2
    if odd_nuls > 0.6 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.6 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def _is_utf8(sample: bytes) -> bool:
    """Strict UTF-8, forgiving only a multi-byte character cut at the end of the sample."""
    try:
        sample.decode("utf-8")
        return True
    except UnicodeDecodeError as error:
        return error.start >= len(sample) - 3 and error.reason == "unexpected end of data"


def _plainly_western(sample: bytes) -> bool:
    try:
        text = sample.decode(WESTERN_FALLBACK)
    except UnicodeDecodeError:
        return False
    letters = sum(1 for ch in text if ch.isalpha())
    high = sum(1 for byte in sample if byte >= 0x80)
    return letters > 0 and high <= MAX_HIGH_BYTE_SHARE * letters


def normalize_newlines(text: str) -> str:
    """CRLF and CR to LF; other line separators to spaces (see the module docstring)."""
    return text.replace("\r\n", "\n").translate(_NEWLINE_TABLE)


def decode_bytes(data: bytes, encoding: str | None = None) -> str:
    """Whole-buffer decoding (BOM stripped, undecodable bytes replaced, newlines normalised)."""
    codec = encoding or detect_encoding(data[:65536])
    text = data.decode(codec, errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    return normalize_newlines(text)


_CONTROL_BYTES = frozenset(byte for byte in range(0x20) if chr(byte) not in "\t\n\r\f\x1b")
_NOT_CONTROL_BYTES = bytes(byte for byte in range(256) if byte not in _CONTROL_BYTES)
"""bytes.translate deletes these, leaving the control bytes that speak against text."""


def looks_like_text(head: bytes) -> bool:
    """Our own text/binary test, for when libmagic is missing or calls odd encodings "data"."""
    if not head:
        return True
    if any(head.startswith(bom) for bom, _ in BOMS) or _bomless_utf16(head) is not None:
        return True
    if b"\x00" in head:
        return False
    if _is_utf8(head):
        text = head.decode("utf-8", errors="ignore")
    else:
        text = head.decode(WESTERN_FALLBACK, errors="replace")
    # A control character of the decoded text is a control byte of the head (UTF-8 and cp1252 both keep
    # bytes below 0x20 as themselves, and no multi-byte sequence holds one): counted at C speed.
    controls = len(head.translate(None, _NOT_CONTROL_BYTES)) + text.count("\ufffd")
    return controls <= 0.02 * len(text)


def sniff_delimiter(head: bytes, require_table: bool = True) -> str | None:
    """The delimiter of a CSV-like ``head``, or None when it does not look like a table.

    With ``require_table`` (file typing of ambiguous names) every sampled line must split into
    the same number (≥ 2) of not-too-long fields; without it (a file already known to be CSV)
    the delimiter that splits most lines consistently wins.
    """
    text = decode_bytes(head)
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) > 1 and not text.endswith("\n"):
        lines = lines[:-1]  # the head may have cut the last line
    lines = lines[:SNIFF_LINES]
    if not lines or (require_table and len(lines) < 2):
        return None
    best: tuple[int, str] | None = None
    for delimiter in DELIMITERS:
        rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter))
        counts = [len(row) for row in rows]
        width = max(set(counts), key=counts.count)
        consistent = counts.count(width)
        if width < 2:
            continue
        if require_table:
            fields = [field for row in rows for field in row]
            prose = sum(len(field) for field in fields) / len(fields) > MAX_PROSE_FIELD
            if consistent != len(rows) or prose:
                continue
        if best is None or consistent * width > best[0]:
            best = (consistent * width, delimiter)
    return best[1] if best else None
