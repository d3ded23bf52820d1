"""Used range of each sheet of a legacy .xls (BIFF5/8), measured before calamine densifies it.

calamine sizes a sheet from its DIMENSIONS record and its cells; a corrupt DIMENSIONS makes it
allocate hundreds of GB and abort the whole process, which no ``except`` can catch. Walking the
records here costs one struct read per cell record, only for legacy xls files.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from typing import BinaryIO

import olefile

from credscan.extract.interface import ExtractError, error_line

BOF, EOF, BOUNDSHEET, DIMENSIONS = 0x0809, 0x000A, 0x0085, 0x0200
CELL_RECORDS = frozenset(
    {0x0006, 0x00BD, 0x00BE, 0x00FD, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E, 0x0207, 0x0236}
)
"""FORMULA, MULRK, MULBLANK, LABELSST, BLANK, NUMBER, LABEL, BOOLERR, RK, STRING, TABLE: all start with
(row u16, first column u16); MULRK/MULBLANK end with their last column u16."""
MULTI_CELL = frozenset({0x00BD, 0x00BE})
MAX_ROWS, MAX_COLUMNS = 65536, 256
"""BIFF8 sheet limits; a DIMENSIONS record beyond them (or with first > last) is corrupt."""
WORKBOOK_STREAMS = ("Workbook", "Book")
OLE_ERRORS = (OSError, ValueError, IndexError, TypeError, AttributeError, struct.error)


def workbook_stream(stream: BinaryIO) -> bytes:
    """The Workbook (BIFF8) or Book (BIFF5) stream of a legacy xls; ``stream`` is rewound for calamine."""
    stream.seek(0)
    try:
        with olefile.OleFileIO(stream) as ole:
            name = next((n for n in WORKBOOK_STREAMS if ole.exists(n)), None)
            if name is None:
                raise ExtractError("not an Excel workbook (no Workbook stream)")
            with ole.openstream(name) as workbook:
                data: bytes = workbook.read()
    except OLE_ERRORS as error:
        raise ExtractError(f"corrupt xls container: {error_line(error)}") from None
    finally:
        stream.seek(0)
    return data


def xls_sheet_sizes(data: bytes) -> dict[str, int]:
    """Sheet name -> rows x columns its cells and DIMENSIONS span (from A1), from the Workbook stream."""
    return {sheet: _substream_cells(data, offset) for sheet, offset in _boundsheets(data)}


def records(data: bytes, offset: int) -> Iterator[tuple[int, int, int]]:
    """(type, start of body, length) from ``offset`` to the end of that substream (its EOF record, or the
    end of the stream: a record whose length runs past it is the last, cut short). Every record advances
    by at least its 4-byte header, so the walk ends after len(data) / 4 records at most; they are yielded,
    not listed (a stream of millions of empty records costs time, not memory)."""
    while offset + 4 <= len(data):
        record, length = struct.unpack_from("<HH", data, offset)
        yield record, offset + 4, min(length, len(data) - offset - 4)
        offset += 4 + length
        if record == EOF:
            return


def _boundsheets(data: bytes) -> list[tuple[str, int]]:
    sheets = []
    for record, start, length in records(data, 0):
        if record != BOUNDSHEET or length < 8:
            continue
        offset = struct.unpack_from("<I", data, start)[0]
        count, high = data[start + 6], data[start + 7]
        raw = data[start + 8 : start + length]
        if high == 1:
            name = raw[: count * 2].decode("utf-16-le", errors="replace")
        else:
            name = raw[:count].decode("latin-1")
        sheets.append((name, offset))
    return sheets


def _substream_cells(data: bytes, offset: int) -> int:
    max_row = max_col = 0
    for record, start, length in records(data, offset):
        if record == DIMENSIONS and length >= 10:
            layout = "<IIHH" if length >= 14 else "<HHHH"  # BIFF8: u32 rows; BIFF5: u16 rows
            first_row, last_row, first_col, last_col = struct.unpack_from(layout, data, start)
            if first_row > last_row or first_col > last_col or last_row > MAX_ROWS or last_col > MAX_COLUMNS:
                raise ExtractError("corrupt xls: impossible DIMENSIONS record")
            max_row, max_col = max(max_row, last_row), max(max_col, last_col)
        elif record in CELL_RECORDS and length >= 4:
            row, col = struct.unpack_from("<HH", data, start)
            if record in MULTI_CELL and length >= 6:
                col = struct.unpack_from("<H", data, start + length - 2)[0]
            max_row, max_col = max(max_row, row + 1), max(max_col, col + 1)
    return max_row * max_col
