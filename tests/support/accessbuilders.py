"""A minimal writer of Microsoft Access databases (Jet 4 .mdb and ACE .accdb) for test fixtures.

Nothing on Debian writes Jet (mdbtools only reads, LibreOffice Base cannot, Jackcess is not packaged), so the
tests build their databases from the published layout (mdbtools' HACKING.md): a header page (its RC4-masked
block holding the database key, the database password and the creation date), the MSysObjects catalog
(its table definition is always page 2) and per table a table definition and data pages, each table's pages
listed in an inline page usage map. Columns are text (UCS-2) or memo (stored inline in the row); every row
must fit one page. Enough for mdbtools to list and export the tables, which is what the extractor relies on.
"""

from __future__ import annotations

import struct
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

PAGE = 4096
HEADER_KEY = bytes([0xC7, 0xDA, 0x39, 0x6B])
"""RC4 key of the header block (0x18, 128 bytes)."""
VERSIONS = {"jet4": 0x01, "ace12": 0x02, "ace14": 0x03}
TEXT, LONG, INT, OLE, MEMO = 0x0A, 0x04, 0x03, 0x0B, 0x0C
CREATION_DATE = 45000.25
"""Days since 1899-12-30, as Access stores dates."""


def rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


@dataclass
class Column:
    name: str
    kind: int
    size: int = 0
    """Bytes of a fixed column, maximum bytes of a text column."""

    @property
    def fixed(self) -> bool:
        return self.kind in (LONG, INT)


@dataclass
class TableSpec:
    name: str
    columns: list[Column]
    rows: list[list[object]]
    system: bool = False
    pages: list[int] = field(default_factory=list)


def _ucs2(text: str) -> bytes:
    return text.encode("utf-16-le")


def _value_bytes(column: Column, value: object) -> bytes:
    if column.kind == LONG:
        return struct.pack("<i", int(str(value)))
    if column.kind == INT:
        return struct.pack("<h", int(str(value)))
    data = _ucs2(str(value))
    if column.kind == MEMO:
        return struct.pack("<III", len(data) | 0x80000000, 0, 0) + data
    return data


def encode_row(columns: Sequence[Column], values: Sequence[object]) -> bytes:
    """One Jet 4 row: column count, fixed columns, variable columns, then (from the end) the null mask,
    the variable column count and the offsets of the variable columns in reverse order."""
    fixed = b""
    variable: list[bytes | None] = []
    present = 0
    for number, (column, value) in enumerate(zip(columns, values, strict=True)):
        if value is not None:
            present |= 1 << number
        if column.fixed:
            fixed += _value_bytes(column, value) if value is not None else bytes(column.size)
        else:
            variable.append(None if value is None else _value_bytes(column, value))
    body = struct.pack("<H", len(columns)) + fixed
    offsets = []
    for data in variable:
        offsets.append(len(body))
        body += data or b""
    offsets.append(len(body))  # eod
    mask = present.to_bytes((len(columns) + 7) // 8, "little")
    table = b"".join(struct.pack("<H", offset) for offset in reversed(offsets))
    return body + table + struct.pack("<H", len(variable)) + mask


def data_page(owner: int, rows: Sequence[bytes]) -> bytes:
    page = bytearray(PAGE)
    page[0:2] = b"\x01\x01"
    page[4:8] = struct.pack("<I", owner)
    page[12:14] = struct.pack("<H", len(rows))
    end = PAGE
    for index, row in enumerate(rows):
        start = end - len(row)
        page[start:end] = row
        page[14 + 2 * index : 16 + 2 * index] = struct.pack("<H", start)
        end = start
    free = end - (14 + 2 * len(rows))
    if free < 0:
        raise ValueError("rows do not fit one page")
    page[2:4] = struct.pack("<H", free)
    return bytes(page)


def tdef_page(spec: TableSpec, used_map: int, free_map: int, num_rows: int | None = None) -> bytes:
    columns = spec.columns
    head = bytearray(63)
    head[0:2] = b"\x02\x01"
    head[16:20] = struct.pack("<I", len(spec.rows) if num_rows is None else num_rows)
    head[40] = 0x53 if spec.system else 0x4E
    variable = sum(not c.fixed for c in columns)
    head[41:47] = struct.pack("<HHH", len(columns), variable, len(columns))
    head[55:59] = struct.pack("<I", used_map)
    head[59:63] = struct.pack("<I", free_map)
    entries = b""
    fixed_offset = var_number = 0
    for number, column in enumerate(columns):
        entry = bytearray(25)
        entry[0] = column.kind
        entry[5:7] = struct.pack("<H", number)
        entry[9:11] = struct.pack("<H", number)
        entry[11:13] = struct.pack("<H", 0x409 if column.kind in (TEXT, MEMO) else 0)
        entry[15] = 0x03 if column.fixed else 0x02
        if column.fixed:
            entry[21:23] = struct.pack("<H", fixed_offset)
            fixed_offset += column.size
        else:
            entry[7:9] = struct.pack("<H", var_number)
            var_number += 1
        entry[23:25] = struct.pack("<H", column.size)
        entries += bytes(entry)
    names = b"".join(struct.pack("<H", len(_ucs2(c.name))) + _ucs2(c.name) for c in columns)
    body = bytes(head) + entries + names + b"\xff\xff"
    body_with_len = body[:8] + struct.pack("<I", len(body)) + body[12:]
    return body_with_len.ljust(PAGE, b"\x00")


def usage_map(pages: Sequence[int]) -> bytes:
    bitmap = bytearray(64)
    for page in pages:
        bitmap[page // 8] |= 1 << (page % 8)
    return b"\x00" + struct.pack("<I", 0) + bytes(bitmap)


def header_page(version: int, password: str = "", db_key: int = 0) -> bytes:
    page = bytearray(PAGE)
    page[0:4] = b"\x00\x01\x00\x00"
    page[4:20] = b"Standard Jet DB\x00" if version == VERSIONS["jet4"] else b"Standard ACE DB\x00"
    page[0x14] = version
    plain = bytearray(128)

    def put(offset: int, data: bytes) -> None:
        plain[offset - 0x18 : offset - 0x18 + len(data)] = data

    put(0x3C, struct.pack("<H", 1252))
    put(0x3E, struct.pack("<I", db_key))
    put(0x72, struct.pack("<d", CREATION_DATE))
    mask = struct.pack("<i", int(CREATION_DATE))
    secret = _ucs2(password).ljust(40, b"\x00")[:40]
    put(0x42, bytes(b ^ mask[i % 4] for i, b in enumerate(secret)))
    put(0x6E, struct.pack("<I", 0x409))
    page[0x18 : 0x18 + 128] = rc4(HEADER_KEY, bytes(plain))
    return bytes(page)


def make_access(
    path: Path,
    tables: Mapping[str, tuple[Sequence[str], Sequence[Sequence[object]]]],
    *,
    version: str = "jet4",
    memo_columns: Sequence[str] = (),
    password: str = "",
    db_key: int = 0,
    declared_rows: int | None = None,
) -> Path:
    """An Access database with ``tables`` (name -> (column names, rows)): text columns, memo for the names
    in ``memo_columns``; ``password`` sets the Jet database password, ``declared_rows`` the row count each
    table definition claims (a lie, for hostile cases)."""
    specs: list[TableSpec] = []
    next_page = 4  # 0 header, 1 usage maps, 2 MSysObjects definition, 3 MSysObjects data
    for name, (headers, rows) in tables.items():
        columns = [
            Column(h, MEMO if h in memo_columns else TEXT, 0 if h in memo_columns else 510) for h in headers
        ]
        spec = TableSpec(name, columns, [list(row) for row in rows])
        spec.pages = [next_page]  # the table definition
        next_page += 1
        for _ in _row_pages(spec):
            spec.pages.append(next_page)
            next_page += 1
        specs.append(spec)
    catalog = TableSpec(
        "MSysObjects",
        [
            Column("Id", LONG, 4),
            Column("Type", INT, 2),
            Column("Flags", LONG, 4),
            Column("Name", TEXT, 510),
            Column("LvProp", OLE, 0),
        ],
        [[spec.pages[0], 1, 0, spec.name, None] for spec in specs],
        system=True,
        pages=[2, 3],
    )
    all_specs = [catalog, *specs]
    maps = []
    for spec in all_specs:
        maps.append(usage_map(spec.pages[1:]))
        maps.append(usage_map([]))
    pages: dict[int, bytes] = {
        0: header_page(VERSIONS[version], password, db_key),
        1: data_page(0, maps),
    }
    for index, spec in enumerate(all_specs):
        used, free = (1 << 8) | (2 * index), (1 << 8) | (2 * index + 1)
        pages[spec.pages[0]] = tdef_page(spec, used, free, None if spec is catalog else declared_rows)
        for page_number, rows in zip(spec.pages[1:], _row_pages(spec), strict=True):
            pages[page_number] = data_page(spec.pages[0], rows)
    path.write_bytes(b"".join(pages[n] for n in range(len(pages))))
    return path


def _row_pages(spec: TableSpec) -> list[list[bytes]]:
    """The table's encoded rows, packed into pages (at least one page, possibly empty)."""
    pages: list[list[bytes]] = [[]]
    used = 14
    for row in spec.rows:
        encoded = encode_row(spec.columns, row)
        if used + len(encoded) + 2 > PAGE:
            pages.append([])
            used = 14
        pages[-1].append(encoded)
        used += len(encoded) + 2
    return pages
