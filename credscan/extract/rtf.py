r"""RTF (WordPad, Word, Outlook bodies saved as .rtf) through striprtf: text lines, and tables as Tables.

striprtf flattens a table into lines ("cell|cell|"), which loses which column a value is in. Before
converting, the table control words are replaced by private-use marker characters written as RTF Unicode
escapes (``\trowd`` row start, ``\cell`` cell end, ``\row`` row end), which striprtf passes through; the
converted text is then cut into text lines and table rows. Text lines keep the line numbers of the flattened
text (a table row counts as one line), tables are numbered in document order. Pasted PNG/JPEG pictures go
through OCR (credscan.extract.rtfpictures).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import BinaryIO

from striprtf.striprtf import rtf_to_text

from credscan.extract.decoding import decode_bytes, normalize_newlines
from credscan.extract.interface import ExtractContext, ExtractError, Extractor, error_line
from credscan.extract.rtfpictures import has_pictures, rtf_pictures
from credscan.limits import LimitExceeded
from credscan.model import Location, Table, TextBlock, Unit

_CODE_PAGE = re.compile(r"\\ansicpg(\d{3,5})")
DEFAULT_CODE_PAGE = "cp1252"
ROW_START, CELL_END, ROW_END = "\ue000", "\ue001", "\ue002"
_TABLE_WORDS = re.compile(r"\\(trowd|cell|row)(?![a-zA-Z])(?:-?\d+)? ?")
_MARKERS = {"trowd": r"{\uc1\u-8192?}", "cell": r"{\uc1\u-8191?}", "row": r"{\uc1\u-8190?}"}
"""U+E000-E002 as signed 16-bit RTF Unicode escapes, each in its own group with one fallback character."""


class RtfExtractor(Extractor):
    def extract(self, stream: BinaryIO, ctx: ExtractContext) -> Iterator[Unit]:
        budget = ctx.limits.max_text_bytes
        try:
            stream.seek(0)
            data = stream.read(budget)
            truncated = bool(stream.read(1))
        except OSError as error:
            raise ExtractError(f"read failed: {error_line(error)}") from None
        source = decode_bytes(data)
        marked = _TABLE_WORDS.sub(lambda match: _MARKERS[match.group(1)], source)
        try:
            text = rtf_to_text(marked, encoding=_code_page(source), errors="replace")
        except Exception as error:  # striprtf is a regex parser; malformed groups raise odd errors
            raise ExtractError(f"unreadable RTF: {error_line(error)}") from None
        yield from split_tables(normalize_newlines(text))
        if ctx.limits.ocr and has_pictures(data):
            from credscan.extract.ocr import pictures_units  # loaded for documents with pictures only

            yield from pictures_units(rtf_pictures(data, ctx.limits.max_image_bytes), ctx.limits)
        if truncated:
            raise LimitExceeded(f"RTF over max_text_bytes ({budget}); the rest was not scanned")


def _code_page(source: str) -> str:
    """The document's \\ansicpgN code page for its \\'xx escapes, if Python knows it."""
    match = _CODE_PAGE.search(source[:4096])
    if match:
        name = f"cp{match.group(1)}"
        try:
            codecs.lookup(name)
            return name
        except LookupError:
            pass
    return DEFAULT_CODE_PAGE


def split_tables(text: str) -> Iterator[Unit]:
    """Marked text -> one TextBlock of the lines outside tables and a Table per run of table rows."""
    lines: list[str] = []
    locations: list[Location] = []
    tables: list[list[list[str]]] = []
    line_number = 1
    in_table = False
    position = 0
    while position < len(text):
        start = text.find(ROW_START, position)
        stray = text.find(CELL_END, position)
        if start < 0 or (0 <= stray < start):  # cells without a row definition: the row starts at its line
            start = -1 if stray < 0 else max(position, text.rfind("\n", position, stray) + 1)
        plain = text[position:] if start < 0 else text[position:start]
        if plain.strip():
            in_table = False
        for offset, line in enumerate(plain.split("\n")):
            if line.strip():
                lines.append(line.replace(ROW_START, ""))
                locations.append({"line": line_number + offset})
        line_number += plain.count("\n")
        if start < 0:
            break
        end = text.find(ROW_END, start)
        row_text = text[start:] if end < 0 else text[start:end]
        cells = row_text.replace(ROW_START, "").split(CELL_END)
        if cells and not cells[-1].strip():
            cells.pop()  # the text after the last cell mark (the row end) is no cell
        if not in_table:
            tables.append([])
            in_table = True
        tables[-1].append([cell.strip("\n").strip() for cell in cells])
        line_number += 1
        position = len(text) if end < 0 else max(end + 1, start + 1)  # always forward
    if lines:
        yield TextBlock(text="\n".join(lines), line_locations=locations)
    for number, rows in enumerate((rows for rows in tables if any(any(c for c in r) for r in rows)), start=1):
        width = max(len(row) for row in rows)
        yield Table(
            rows=[row + [""] * (width - len(row)) for row in rows], location={"table": number}, style="table"
        )
