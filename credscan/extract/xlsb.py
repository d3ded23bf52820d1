"""xlsb (Excel binary workbook): a bounded reader of the BIFF12 records that hold cell values.

calamine reads xlsb, but a malformed record (a shared-string index past the table, a truncated cell) makes
it panic in Rust, and the panic's backtrace is printed on stderr before Python sees an exception. The cell
records are few and simple ([MS-XLSB] 2.4: a varint type, a varint size, then the payload), so they are read
here: every read is bounds-checked, a bad record ends the workbook as one ExtractError, and nothing is
allocated beyond the record sizes and the max_cells grid. Values are shown as calamine would (numbers in
General format, TRUE/FALSE); formats such as dates are not applied (a date is its serial number). Pictures
live in ``xl/media/`` as in an xlsx and go through OCR the same way (credscan.extract.zippictures).
"""

from __future__ import annotations

import posixpath
import struct
import zipfile
from collections.abc import Iterator
from typing import BinaryIO

from defusedxml import DefusedXmlException, ElementTree

from credscan.extract.interface import ExtractContext, ExtractError, Extractor, error_line
from credscan.extract.spreadsheet import cell_text
from credscan.extract.zipguard import ZIP_ERRORS, open_guarded_zip
from credscan.extract.zippictures import zip_pictures_units
from credscan.limits import LimitExceeded, Limits
from credscan.model import Table, Unit

BRT_ROW_HDR = 0x00
BRT_SST_ITEM = 0x13
BRT_BUNDLE_SH = 0x9C
CELL_RECORDS = range(0x01, 0x0C)
"""BrtCellBlank … BrtFmlaError: a column (4 bytes), a style (4 bytes), then the value."""
SHORT_CELL_RECORDS = range(0x0C, 0x13)
"""BrtShortBlank … BrtShortIsst: no column (the one after the previous cell), a style (4 bytes), the value."""
HIDDEN_STATES = (1, 2)
"""BrtBundleSh hsState: 0 visible, 1 hidden, 2 very hidden."""
MAX_STRING_CHARS = 32767
"""Excel's longest cell text; a longer declared string is a corrupt record."""
_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_ERRORS = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!",
           0x2A: "#N/A", 0x2B: "#GETTING_DATA"}  # fmt: skip


class CorruptRecord(Exception):
    """A record that does not fit its stream or its declared size."""


class XlsbExtractor(Extractor):
    def extract(self, stream: BinaryIO, ctx: ExtractContext) -> Iterator[Unit]:
        with open_guarded_zip(stream, ctx.limits) as archive:
            try:
                sheets = _sheet_list(archive)
                strings = _shared_strings(archive)
            except (
                CorruptRecord,
                KeyError,
                *ZIP_ERRORS,
                ElementTree.ParseError,
                DefusedXmlException,
            ) as error:
                raise ExtractError(f"corrupt xlsb workbook: {error_line(error)}") from None
            room = ctx.limits.max_cells
            for name, member, hidden in sheets:
                try:
                    table = _sheet_table(archive, member, strings, room, ctx.limits)
                except (CorruptRecord, KeyError, *ZIP_ERRORS) as error:
                    raise ExtractError(f"corrupt xlsb sheet {name!r}: {error_line(error)}") from None
                if table is None:
                    continue
                room -= len(table.rows) * len(table.rows[0])
                table.location = {"sheet": name}
                table.hidden = hidden
                yield table
        yield from zip_pictures_units(stream, ctx.kind, ctx.limits)


def records(data: bytes) -> Iterator[tuple[int, bytes]]:
    """(type, payload) of each BIFF12 record in ``data``."""
    offset, end = 0, len(data)
    while offset < end:
        kind, offset = _varint(data, offset, 2)
        size, offset = _varint(data, offset, 4)
        if offset + size > end:
            raise CorruptRecord(f"record 0x{kind:x} runs past the end of its part")
        yield kind, data[offset : offset + size]
        offset += size


def _varint(data: bytes, offset: int, max_bytes: int) -> tuple[int, int]:
    """A record type (up to 2 bytes) or size (up to 4): 7 bits a byte, low bits first, high bit = more
    follow (BrtBundleSh, 156, is written 0x9C 0x01)."""
    value = 0
    for index in range(max_bytes):
        if offset + index >= len(data):
            raise CorruptRecord("record header runs past the end of its part")
        byte = data[offset + index]
        value |= (byte & 0x7F) << (7 * index)
        if not byte & 0x80:
            return value, offset + index + 1
    raise CorruptRecord("record header too long")


def _wide_string(payload: bytes, offset: int) -> tuple[str, int]:
    """An XLWideString (character count, UTF-16LE) at ``offset``: the text and the offset after it."""
    if offset + 4 > len(payload):
        raise CorruptRecord("string length past the end of its record")
    (count,) = struct.unpack_from("<I", payload, offset)
    if count == 0xFFFFFFFF:  # XLNullableWideString's null
        return "", offset + 4
    end = offset + 4 + 2 * count
    if count > MAX_STRING_CHARS or end > len(payload):
        raise CorruptRecord("string longer than its record")
    return payload[offset + 4 : end].decode("utf-16-le", "replace"), end


def _read_part(archive: zipfile.ZipFile, member: str) -> bytes:
    with archive.open(member) as part:
        return part.read()  # the zip guard bounded every member's declared size


def _sheet_list(archive: zipfile.ZipFile) -> list[tuple[str, str, bool]]:
    """(name, zip member, hidden) of every sheet in workbook order."""
    names = set(archive.namelist())
    rels_name = "xl/_rels/workbook.bin.rels"
    targets = {}
    if rels_name in names:
        rels = ElementTree.fromstring(_read_part(archive, rels_name))
        targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_NS_PKG_REL}Relationship")}
    sheets = []
    for kind, payload in records(_read_part(archive, "xl/workbook.bin")):
        if kind != BRT_BUNDLE_SH or len(payload) < 8:
            continue
        state = struct.unpack_from("<I", payload, 0)[0]
        rel_id, offset = _wide_string(payload, 8)
        name, _ = _wide_string(payload, offset)
        target = targets.get(rel_id, "")
        member = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
        if member in names:
            sheets.append((name, member, state in HIDDEN_STATES))
    return sheets


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.bin" not in set(archive.namelist()):
        return []
    strings = []
    for kind, payload in records(_read_part(archive, "xl/sharedStrings.bin")):
        if kind == BRT_SST_ITEM:
            strings.append(_wide_string(payload, 1)[0])  # RichStr: a flags byte, then the text
    return strings


def _sheet_table(
    archive: zipfile.ZipFile, member: str, strings: list[str], room: int, limits: Limits
) -> Table | None:
    """The sheet's cells as a dense Table over their bounding box, or None for an empty sheet."""
    cells: dict[tuple[int, int], str] = {}
    row = column = -1
    for kind, payload in records(_read_part(archive, member)):
        if kind == BRT_ROW_HDR:
            if len(payload) < 4:
                raise CorruptRecord("short row record")
            row, column = struct.unpack_from("<I", payload, 0)[0], -1
        elif kind in CELL_RECORDS or kind in SHORT_CELL_RECORDS:
            if kind in CELL_RECORDS:
                if len(payload) < 8:
                    raise CorruptRecord("short cell record")
                column, value_at = struct.unpack_from("<I", payload, 0)[0], 8
            else:
                column, value_at = column + 1, 4
            text = _cell_value(kind, payload, value_at, strings)
            if text and row >= 0:
                cells[(row, column)] = text
                if len(cells) > room:
                    raise LimitExceeded(f"workbook over max_cells ({limits.max_cells})")
    if not cells:
        return None
    rows = [r for r, _ in cells]
    cols = [c for _, c in cells]
    top, left = min(rows), min(cols)
    height, width = max(rows) - top + 1, max(cols) - left + 1
    if height * width > room:
        raise LimitExceeded(f"workbook over max_cells ({limits.max_cells})")
    grid = [[""] * width for _ in range(height)]
    for (r, c), text in cells.items():
        grid[r - top][c - left] = text
    return Table(rows=grid, style="a1", first_row=top + 1, first_col=left + 1)


_VALUE_TYPES = {
    **{kind: kind for kind in range(0x01, 0x08)},  # blank, RK, error, bool, real, inline/shared string
    0x08: 6, 0x09: 5, 0x0A: 4, 0x0B: 3,  # formula results: string, number, bool, error
    **{kind: kind - 0x0B for kind in SHORT_CELL_RECORDS},
}  # fmt: skip
"""Cell record type -> value type (1 blank … 7 shared string)."""


def _cell_value(kind: int, payload: bytes, at: int, strings: list[str]) -> str:
    base = _VALUE_TYPES[kind]
    needed = {2: 4, 3: 1, 4: 1, 5: 8, 7: 4}.get(base, 0)
    if at + needed > len(payload):
        raise CorruptRecord("cell value past the end of its record")
    if base == 2:
        return cell_text(_rk(struct.unpack_from("<I", payload, at)[0]))
    if base == 3:
        return _ERRORS.get(payload[at], "#ERROR")
    if base == 4:
        return "TRUE" if payload[at] else "FALSE"
    if base == 5:
        return cell_text(struct.unpack_from("<d", payload, at)[0])
    if base == 6:
        return _wide_string(payload, at)[0]
    if base == 7:
        index = struct.unpack_from("<I", payload, at)[0]
        if index >= len(strings):
            raise CorruptRecord(f"shared string {index} of {len(strings)}")
        text: str = strings[index]
        return text
    return ""


def _rk(value: int) -> float:
    """An RkNumber: 30 bits of an integer or of a double's high bits, optionally divided by 100."""
    if value & 0x02:
        number = float((value >> 2) - (1 << 30) if value & 0x80000000 else value >> 2)
    else:
        number = struct.unpack("<d", struct.pack("<Q", (value & 0xFFFFFFFC) << 32))[0]
    return number / 100 if value & 0x01 else number
