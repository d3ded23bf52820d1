"""xlsx/xlsm, xls and ods through python-calamine: every worksheet (hidden ones too) as a Table, then the
cells' comments and notes (credscan.extract.cellnotes), then the text of the pictures of xlsx and ods
(credscan.extract.zippictures) and of xls (credscan.extract.xlspictures). xlsb has a reader of its own
(credscan.extract.xlsb).

calamine materialises a sheet as a dense grid over its used range, so two cells at A1 and
XFD1048576 would cost billions of cells (and a corrupt xls DIMENSIONS record makes it try to
allocate hundreds of GB, which aborts the process). The used range is therefore measured
first and checked against max_cells before calamine loads a sheet: for xlsx from the sheet XML
itself (row numbers and column letters, a C-speed regex scan of the inflated stream, not the
<dimension> tag, which may lie), for xls from the BIFF records (credscan.extract.xlsguard).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
from collections.abc import Generator, Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from operator import itemgetter
from typing import IO, Any, BinaryIO

import python_calamine
import re2
from defusedxml import DefusedXmlException, ElementTree

from credscan.extract.interface import Encrypted, ExtractContext, ExtractError, Extractor, error_line
from credscan.extract.xlsguard import workbook_stream, xls_sheet_sizes
from credscan.extract.xlspictures import DrawingGroup, xls_drawing_group, xls_pictures_units
from credscan.extract.zipguard import ZIP_ERRORS, open_guarded_zip
from credscan.extract.zippictures import zip_pictures_units
from credscan.limits import LimitExceeded
from credscan.model import Table, Unit

SCAN_CHUNK = 1024 * 1024
_R_ATTR = rb"""\s(?:\w+:)?r\s{0,64}=\s{0,64}["']"""
"""An r attribute as XML allows it to be written: any white space before it, around "=", either quote."""
_LOOSE_R_ATTR = rb"""r\s{0,64}=\s{0,64}["']"""
"""Every r attribute _R_ATTR matches, and some other names ending in r (a false hit only costs the full
scan). RE2's white space lacks the vertical tab, which XML does not count as white space either."""
MAX_COLUMN_LETTERS = 3
MAX_ROW_DIGITS = 7
"""XFD1048576 is Excel's last cell."""
_ROW_REF = re.compile(_R_ATTR + rb"""(\d+)["']""")
"""A row's r attribute (whatever its position in the tag); cells' r values start with letters."""
_CELL_REF = re.compile(_R_ATTR + rb"([A-Z]+)(\d+)")
_DIMENSION = re.compile(rb"""<(?:\w+:)?dimension\s+ref\s*=\s*["'][A-Z]{1,3}\d+(?::([A-Z]{1,3})(\d+))?["']""")
_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAX_INT_DIGITS = 15
"""Excel keeps 15 significant digits; floats are shown with that precision."""


class SpreadsheetExtractor(Extractor):
    def extract(self, stream: BinaryIO, ctx: ExtractContext) -> Iterator[Unit]:
        sizes: dict[str, int] = {}
        pictures = DrawingGroup(b"", cut=False)
        if ctx.kind in ("xlsx", "ods"):
            with open_guarded_zip(stream, ctx.limits) as archive:
                if ctx.kind == "xlsx":
                    sizes = _xlsx_sheet_sizes(archive, ctx.limits.max_cells)
        elif ctx.kind == "xls":
            data = workbook_stream(stream)
            sizes = xls_sheet_sizes(data)
            pictures = xls_drawing_group(data, ctx.limits)
            del data  # only the drawing group is kept while calamine reads the sheets
        stream.seek(0)
        workbook = _open_workbook(stream)
        try:
            yield from _sheets(workbook, sizes, ctx, stream)
        finally:
            workbook.close()
        if ctx.kind in ("xlsx", "ods"):
            yield from _notes(stream, ctx)
            yield from zip_pictures_units(stream, ctx.kind, ctx.limits)
        elif ctx.kind == "xls":
            yield from xls_pictures_units(pictures, ctx.limits)


def _notes(stream: BinaryIO, ctx: ExtractContext) -> Iterator[Unit]:
    """Cell comments and notes (credscan.extract.cellnotes), after the sheets."""
    from credscan.extract.cellnotes import ods_notes, xlsx_notes

    stream.seek(0)
    with open_guarded_zip(stream, ctx.limits) as archive:
        try:
            if ctx.kind == "xlsx":
                notes = list(xlsx_notes(archive, _xlsx_sheet_members(archive)))
            else:
                notes = list(ods_notes(archive))
        except (*ZIP_ERRORS, KeyError) as error:
            raise ExtractError(f"corrupt workbook comments: {error_line(error)}") from None
        except (ElementTree.ParseError, DefusedXmlException) as error:
            raise ExtractError(f"corrupt workbook comments XML: {error_line(error)}") from None
    yield from notes


def _open_workbook(stream: BinaryIO) -> python_calamine.CalamineWorkbook:
    with calamine_errors("unreadable workbook"):
        return python_calamine.CalamineWorkbook.from_filelike(stream)


@contextmanager
def calamine_errors(what: str) -> Iterator[None]:
    """calamine's failures as our exceptions. It raises many types (CalamineError, XmlError, ZipError,
    ValueError…), and a Rust panic arrives as pyo3's PanicException, which is a BaseException."""
    try:
        yield
    except python_calamine.PasswordError:
        raise Encrypted("password-protected workbook") from None
    except (LimitExceeded, KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as error:
        raise ExtractError(f"{what}: {error_line(error)}") from None


def _sheets(
    workbook: python_calamine.CalamineWorkbook, sizes: dict[str, int], ctx: ExtractContext, stream: BinaryIO
) -> Iterator[Table]:
    cells = 0
    with calamine_errors("unreadable workbook"):
        sheets = list(workbook.sheets_metadata)
    for meta in sheets:
        if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
            continue  # chart and dialog sheets hold no cells
        estimate = sizes.get(meta.name, 0)
        hidden = meta.visible != python_calamine.SheetVisibleEnum.Visible
        if cells + estimate > ctx.limits.max_cells:
            if ctx.kind != "xlsx":
                raise _cells_exceeded(ctx, meta.name)
            # a used range too large to load densely (one stray far cell does it): its rows are streamed
            # and scanned up to the cap, so the sheet's real content is still read
            room = ctx.limits.max_cells - cells
            used = yield from streamed_sheet(stream, meta.name, room, hidden)
            if used >= room:
                raise _cells_exceeded(ctx, meta.name, streamed=True)
            cells += used
            continue
        with calamine_errors(f"unreadable sheet {meta.name!r}"):
            sheet = workbook.get_sheet_by_name(meta.name)
            if cells + sheet.height * sheet.width > ctx.limits.max_cells:
                raise _cells_exceeded(ctx, meta.name)
            grid = sheet.to_python()
            start = sheet.start
        cells += sheet.height * sheet.width
        if not grid or start is None:
            continue
        yield Table(
            rows=grid_text(grid),
            location={"sheet": meta.name},
            style="a1",
            first_row=start[0] + 1,
            first_col=start[1] + 1,
            hidden=hidden,
        )


def _cells_exceeded(ctx: ExtractContext, sheet: str, streamed: bool = False) -> LimitExceeded:
    done = "; scanned up to the cap, the rest was not" if streamed else ""
    return LimitExceeded(f"workbook over max_cells ({ctx.limits.max_cells}) at sheet {sheet!r}{done}")


ROW_GAP = 50
"""Empty rows that end one table of a streamed sheet and start the next (a header and its rows stay one
table; a far-away stray cell becomes a table of its own)."""
BLOCK_ROWS = 10_000


def streamed_sheet(stream: BinaryIO, name: str, room: int, hidden: bool) -> Generator[Table, None, int]:
    """One xlsx sheet read row by row (openpyxl read-only, dimensions ignored): only cells that exist are
    materialised, each row as wide as its last cell, until ``room`` cells have been read. Returns the
    cells read (``room`` or more when it stopped at the cap)."""
    import openpyxl

    stream.seek(0)
    try:
        book = openpyxl.load_workbook(stream, read_only=True, data_only=True)
    except Exception as error:
        raise ExtractError(f"unreadable sheet {name!r}: {type(error).__name__}") from None
    try:
        sheet = book[name]
        sheet.reset_dimensions()
        block: list[list[Any]] = []
        first = last = used = 0
        try:
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                if not values or all(v is None for v in values):
                    continue
                if block and (number - last > ROW_GAP or len(block) >= BLOCK_ROWS):
                    yield _block_table(block, name, first, hidden)
                    block = []
                if not block:
                    first = number
                block.extend([[]] * (number - last - 1) if block else [])
                block.append(list(values))
                last = number
                used += len(values)
                if used >= room:
                    break
        except Exception as error:
            raise ExtractError(f"unreadable sheet {name!r}: {type(error).__name__}") from None
        if block:
            yield _block_table(block, name, first, hidden)
    finally:
        book.close()
    return used


def _block_table(block: list[list[Any]], name: str, first_row: int, hidden: bool) -> Table:
    width = max(map(len, block))
    grid = [row + [None] * (width - len(row)) for row in block]
    return Table(
        rows=grid_text(grid), location={"sheet": name}, style="a1", first_row=first_row, hidden=hidden
    )


_INT_LIMIT = float(10**MAX_INT_DIGITS)
_FLOAT_FORMAT = f".{MAX_INT_DIGITS}g"
"""For a float other than -0.0 this is cell_text's result: an integer below 10**15 has at most 15 digits,
which 'g' writes in full without a fraction or exponent."""
_ONLY_STR = {str}


def grid_text(grid: list[list[Any]]) -> list[list[str]]:
    """calamine's dense grid as text, in place and column by column: a sheet is mostly columns of text
    (checked at C speed and left alone) and of numbers (formatted inline, without a Python call per cell).
    Transposing the grid instead allocated a tuple per row and column, which cost more than it saved.

    calamine's rows are all one width; a ragged grid is converted row by row."""
    if len(set(map(len, grid))) > 1:
        for row in grid:
            row[:] = _texts(row)
        return grid
    for index in range(len(grid[0]) if grid else 0):
        cell = itemgetter(index)
        if set(map(type, map(cell, grid))) <= _ONLY_STR:
            continue
        for row, text in zip(grid, _texts(map(cell, grid)), strict=True):
            row[index] = text
    return grid


def _texts(values: Iterable[Any]) -> list[str]:
    return [
        value
        if type(value) is str
        else (format(value, _FLOAT_FORMAT) if type(value) is float and value else cell_text(value))
        for value in values
    ]


def cell_text(value: Any) -> str:
    """A cell value as Excel shows it in General format: 123456 not 123456.0, TRUE, ISO dates."""
    if isinstance(value, float):  # the common case first: a sheet of numbers converts millions of them
        if value.is_integer() and -_INT_LIMIT < value < _INT_LIMIT:
            return str(int(value))
        return format(value, _FLOAT_FORMAT)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


# ---------------------------------------------------------------------------
# xlsx: used range per sheet from the XML, before calamine densifies it
# ---------------------------------------------------------------------------


def _xlsx_sheet_sizes(archive: zipfile.ZipFile, max_cells: int) -> dict[str, int]:
    """Sheet name -> rows x columns of its used range (bounding box from A1), or an upper bound of it where
    that cannot change a max_cells decision: the sheets before it count with their values here, which are
    at least the cells calamine will have loaded for them."""
    sizes: dict[str, int] = {}
    try:
        for name, member in _xlsx_sheet_members(archive).items():
            sizes[name] = _bounding_cells(archive, member, room=max_cells - sum(sizes.values()))
        return sizes
    except ZIP_ERRORS as error:
        raise ExtractError(f"corrupt workbook: {error_line(error)}") from None
    except (ElementTree.ParseError, DefusedXmlException) as error:
        raise ExtractError(f"corrupt workbook XML: {error_line(error)}") from None


def _xlsx_sheet_members(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> zip member, from xl/workbook.xml and its relationships."""
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return {}
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_NS_PKG_REL}Relationship")}
    members = {}
    for sheet in workbook.iter(f"{_NS_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_NS_REL}id"), "")
        member = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
        if member in names:
            members[sheet.get("name", "")] = member
    return members


def _bounding_cells(archive: zipfile.ZipFile, member: str, room: int) -> int:
    """Rows x columns from A1 to the sheet's farthest cell, or an upper bound of it when that is at most
    ``room`` (the answer max_cells needs is then the same). The bound comes from the <dimension> element,
    rounded up at its first digit and letter (20001 rows -> 29999, column F -> Z), and holds if no
    reference has a longer or higher-starting number or column name: one cheap regex search instead of
    collecting every reference. Otherwise, or if <dimension> is missing (it may lie), every reference counts.
    """
    with archive.open(member) as sheet:
        first = sheet.read(SCAN_CHUNK)
        guess = _DIMENSION.search(first)
        if guess is not None and guess.group(1) is not None:
            bound = _bound(first, sheet, guess.group(1), guess.group(2))
            if bound is not None and bound <= room:
                return bound
    with archive.open(member) as sheet:
        return _scanned_box(sheet)


def _bound(first: bytes, sheet: IO[bytes], letters: bytes, digits: bytes) -> int | None:
    """Rows x columns rounded up from ``letters``/``digits`` if no reference lies beyond them."""
    if len(letters) > MAX_COLUMN_LETTERS or len(digits) > MAX_ROW_DIGITS:
        return None  # past XFD1048576: no bound worth having
    pattern = _beyond_pattern(letters, digits)
    tail, chunk = b"", first
    while chunk:
        data = tail + chunk
        if pattern.search(data) is not None:
            return None
        tail = data[-256:]  # a tag cut at the chunk border is seen whole next time
        chunk = sheet.read(SCAN_CHUNK)
    top_letters = letters[:1] + b"Z" * (len(letters) - 1)
    return _column_number(top_letters) * int(digits[:1] + b"9" * (len(digits) - 1))


@lru_cache(maxsize=256)
def _beyond_pattern(letters: bytes, digits: bytes) -> re2._Regexp:
    """An r attribute naming a column past ``letters`` or a row past ``digits``, compiled with RE2: a
    sheet's XML has an r attribute in every cell, and re spent ~1 s per 300 MB trying each one."""
    beyond = _beyond(letters, rb"[A-Z]", ord("Z")) + rb"\d|[A-Z]*" + _beyond(digits, rb"\d", ord("9"))
    return re2.compile(_LOOSE_R_ATTR + rb"(?:" + beyond + rb"""["'])""")


def _beyond(name: bytes, any_char: bytes, top: int) -> bytes:
    """A regex for names longer than ``name`` or as long with a higher first character (leading zeros
    match too, which only costs the full scan)."""
    longer = any_char + b"{%d,}" % (len(name) + 1)
    if name[0] >= top:
        return b"(?:" + longer + b")"
    higher = b"[%c-%c]" % (name[0] + 1, top) + any_char + b"{%d}" % (len(name) - 1)
    return b"(?:" + longer + b"|" + higher + b")"


def _scanned_box(sheet: IO[bytes]) -> int:
    """Rows x columns from every row number and cell reference (a cell's own reference places it, whatever
    its row element says)."""
    max_row = max_col = 0
    tail = b""
    while chunk := sheet.read(SCAN_CHUNK):
        data = tail + chunk
        max_row = max(max_row, *map(int, _ROW_REF.findall(data)), 0)
        for letters, digits in set(_CELL_REF.findall(data)):
            max_col = max(max_col, _column_number(letters))
            max_row = max(max_row, int(digits))
        tail = data[-256:]  # a tag cut at the chunk border is seen whole next time
    return max_row * max_col


def _column_number(letters: bytes) -> int:
    number = 0
    for byte in letters:
        number = number * 26 + byte - 64
    return number
