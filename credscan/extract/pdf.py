"""PDF through pypdfium2 (PDFium): per page its text, its tables and the text of its pictures.

PDFium is ~30x faster than pdfminer.six here and copes with broken files; it runs native code, so every
call is wrapped and a failure becomes a one-line ExtractError.

- Text: one TextBlock per page, lines numbered within the page (PDFium's reading order).
- Tables: a PDF has no table markup, so the table of a network documentation arrives as lines such as
  "HPE iLO 172.16.4.20 Administrator X", which no "Password:" label explains. PDFium's text rectangles
  (runs of text with their boxes) go through credscan.extract.layout, which finds rows whose cells fall into
  the same columns, ruled or not; each becomes a Table, and its lines are left blank in the page text so
  that every cell is reported once. A table that goes on over a page break keeps its header: the first
  table of a page with the columns of the last table of the page before continues it.
- Pictures: image objects (a scanned page, a pasted screenshot) go to OCR (credscan.extract.ocr) behind its
  gates, at {"page": n, "image": k, "line": …}.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any, BinaryIO

import pypdfium2
import pypdfium2.raw as pdfium_c

from credscan.extract.decoding import normalize_newlines
from credscan.extract.interface import Encrypted, ExtractContext, ExtractError, Extractor, error_line
from credscan.extract.layout import (
    LaidTable,
    Piece,
    Rule,
    continues,
    find_tables,
    join_wrapped,
    rows_of,
    several_in_a_row,
    table_candidates,
)
from credscan.extract.pdfguard import defuse_pdf
from credscan.limits import LimitExceeded, Limits
from credscan.model import Table, TextBlock, Unit

MAX_RECTS = 20_000
"""Text rectangles of one page laid out for tables; a page with more (a dense parts list, a hostile file)
keeps its text but is not searched for tables (the layout is quadratic in nothing, but unbounded in time)."""
UNREAD = "\x00"
"""The text of a rectangle whose text was not fetched (it cannot be in a table)."""
MAX_PATHS = 20_000
"""Objects of a page looked at for ruling lines."""
MIN_RULE_LENGTH = 4.0
MAX_RULE_WIDTH = 2.0
"""A path at least this high (points) and at most this wide is a vertical rule; wider ones give two edges."""
FORM_DEPTH = 3
"""Form XObjects (reused page fragments) searched for pictures, nested this deep."""
TABLE_TOP_SHARE = 0.25
"""A table continues the previous page's only when it starts in this top share of its page."""


class PdfExtractor(Extractor):
    def extract(self, stream: BinaryIO, ctx: ExtractContext) -> Iterator[Unit]:
        stream.seek(0)
        defused = defuse_pdf(stream.read(), ctx.limits)
        try:
            document = pypdfium2.PdfDocument(defused.data)
        except pypdfium2.PdfiumError as error:
            if getattr(error, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
                raise Encrypted("password-protected PDF") from None
            raise ExtractError(f"unreadable PDF: {error_line(error)}") from None
        except Exception as error:
            raise ExtractError(f"unreadable PDF: {error_line(error)}") from None
        pictures = _Pictures(ctx.limits)
        try:
            pages = len(document)
            previous: _Continued | None = None
            held: list[Unit] = []  # a page's units wait for the next page, which may end its table's last row
            for index in range(min(pages, ctx.limits.max_pages)):
                try:
                    page = _open_page(document, index)
                    try:
                        units, previous = _page_units(page, index + 1, previous)
                        yield from held
                        held = units
                        yield from pictures.units(page, index + 1)
                    finally:
                        page.close()
                except ExtractError:
                    yield from held
                    raise
            yield from held
            if pages > ctx.limits.max_pages:
                raise LimitExceeded(
                    f"PDF has {pages} pages, over max_pages ({ctx.limits.max_pages}); "
                    "the rest was not scanned"
                )
            if defused.blanked:
                offset, reason = defused.blanked[0]
                raise LimitExceeded(
                    f"{reason}: {len(defused.blanked)} stream(s) not read (the first at byte {offset}); "
                    "the rest of the PDF was scanned"
                )
            pictures.check()
        finally:
            document.close()


@dataclass(frozen=True, slots=True)
class _Continued:
    """The last table of a page, which the first table of the next page may continue."""

    number: int
    header: list[str]
    table: LaidTable
    unit: Table
    """The Table as it will be yielded (held back until the next page is read)."""


def _open_page(document: pypdfium2.PdfDocument, index: int) -> Any:
    try:
        return document[index]
    except Exception as error:
        raise ExtractError(f"unreadable PDF page {index + 1}: {error_line(error)}") from None


def _page_units(page: Any, number: int, previous: _Continued | None) -> tuple[list[Unit], _Continued | None]:
    """The page's text and tables; the last table (with its number) for the next page to continue."""
    try:
        textpage = page.get_textpage()
        try:
            raw = textpage.get_text_range()
            pieces, rules, height = _pieces(textpage, page)
        finally:
            textpage.close()
    except Exception as error:  # one broken page is an error of the file, with its number
        raise ExtractError(f"unreadable PDF page {number}: {error_line(error)}") from None
    text = normalize_newlines(raw).strip("\n")
    if not text.strip():
        return [], None
    lines = text.split("\n")
    units: list[Unit] = []
    rows = rows_of(pieces, rules)
    last: _Continued | None = None
    for k, table in enumerate(find_tables(rows), start=1):
        grid, first_row, table_number, header = table.rows, 1, k, table.rows[0]
        starts_high = rows[table.row_indexes[0]].top <= TABLE_TOP_SHARE * height
        if k == 1 and previous is not None and starts_high and continues(previous.table, table):
            table_number, header = previous.number, previous.header
            if grid[0] == header:
                grid = grid[1:]
            if grid and not grid[0][0] and len(grid) > 1:  # a row broken by the page: its rest joins it
                rest, grid = grid[0], grid[1:]
                ended = zip(previous.unit.rows[-1], rest, strict=True)
                previous.unit.rows[-1] = [join_wrapped(above, below) for above, below in ended]
            grid, first_row = [header, *grid], 0  # the header again, as row 0 of this page's part
        unit = Table(
            rows=grid, location={"page": number, "table": table_number}, style="table", first_row=first_row
        )
        units.append(unit)
        _blank(lines, {word for i in table.row_indexes for word in rows[i].text.split()})
        last = _Continued(table_number, header, table, unit)
    if any(line.strip() for line in lines):
        block = TextBlock(
            text="\n".join(lines),
            location={"page": number},
            line_locations=[{"page": number, "line": k} for k in range(1, len(lines) + 1)],
        )
        units.insert(0, block)
    return units, last


def _pieces(textpage: Any, page: Any) -> tuple[list[Piece], list[Rule], float]:
    """PDFium's text rectangles as layout pieces (y flipped to grow downwards), and the page height. Their
    text is fetched only for the rectangles that could form a table (see table_candidates): a page of plain
    lines costs one box per line."""
    height = float(page.get_height())
    count = textpage.count_rects()
    if count > MAX_RECTS:
        return [], [], height
    rects = [textpage.get_rect(index) for index in range(count)]
    boxes = [Piece(left, height - top, right, height - bottom, UNREAD) for left, bottom, right, top in rects]
    if not several_in_a_row(boxes):
        return [], [], height
    rules = _rules(page, height)
    candidates = table_candidates(boxes, rules)
    if not candidates:
        return [], [], height
    for index in candidates:  # the other boxes keep their rows apart, and are never in a table
        boxes[index] = replace(boxes[index], text=textpage.get_text_bounded(*rects[index]))
    return boxes, rules, height


def _rules(page: Any, height: float) -> list[Rule]:
    """The vertical ruling lines of a page: thin path objects (a border drawn as a line) and the left and
    right edges of boxes (a cell drawn as a rectangle), from PDFium's object bounds, y flipped."""
    rules: list[Rule] = []
    bounds = [ctypes.c_float() for _ in range(4)]
    for index in range(min(pdfium_c.FPDFPage_CountObjects(page.raw), MAX_PATHS)):
        item = pdfium_c.FPDFPage_GetObject(page.raw, index)
        if pdfium_c.FPDFPageObj_GetType(item) != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(item, *(ctypes.byref(value) for value in bounds)):
            continue
        left, bottom, right, top = (value.value for value in bounds)
        if top - bottom < MIN_RULE_LENGTH:
            continue  # a horizontal line or a dot
        if right - left <= MAX_RULE_WIDTH:
            rules.append(Rule((left + right) / 2, height - top, height - bottom))
        else:
            rules += [Rule(left, height - top, height - bottom), Rule(right, height - top, height - bottom)]
    return rules


def _blank(lines: list[str], table_words: set[str]) -> None:
    """Empty the page-text lines that hold the table's text (line numbers stay as they were). PDFium may
    order a row's wrapped pieces otherwise than the layout ("… Administrato", "r", "Xk1#mPq2!", "vL"), so a
    line goes when all its words are words of the table, in a stretch of at least two such lines (blank
    lines between them included): a lone "Password" elsewhere on the page stays."""
    belongs = [bool(line.split()) and set(line.split()) <= table_words for line in lines]
    start = 0
    while start < len(lines):
        if not belongs[start]:
            start += 1
            continue
        end = start
        while end < len(lines) and (belongs[end] or not lines[end].strip()):
            end += 1
        if sum(belongs[start:end]) >= 2:
            lines[start:end] = [""] * (end - start)
        start = end


def _page_has_image(page: Any) -> bool:
    return _has_image(page.raw, pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, FORM_DEPTH)


def _has_image(holder: Any, count: Any, get: Any, depth: int) -> bool:
    """Whether a page (or form XObject) holds an image object, through PDFium's raw calls: pypdfium2's object
    iterator wraps every text object in a Python object, which costs more than the page's text."""
    for index in range(count(holder)):
        item = get(holder, index)
        kind = pdfium_c.FPDFPageObj_GetType(item)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            return True
        nested = (item, pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject, depth - 1)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth > 0 and _has_image(*nested):
            return True
    return False


class _Pictures:
    """The image objects of each page through OCR, within one budget for the whole document."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.budget: Any = None

    def units(self, page: Any, number: int) -> Iterator[Unit]:
        if not self.limits.ocr:
            return
        try:
            if not _page_has_image(page):
                return
            images = list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=FORM_DEPTH))
        except Exception:  # an unreadable object list costs the pictures of that page, not the file
            return
        if not images:
            return
        from credscan.extract.ocr import OcrBudget, OcrUnavailable, image_units  # loaded for PDFs with images

        if self.budget is None:
            self.budget = OcrBudget.for_file(self.limits)
        for k, image in enumerate(images, start=1):
            picture = self._picture(image)
            if picture is None:
                continue
            try:
                yield from image_units(picture, {"page": number, "image": k}, self.limits, self.budget)
            except OcrUnavailable:
                return

    def _picture(self, image: Any) -> Any:
        """The image's pixels as a PIL image, unless its declared size is refused first."""
        from credscan.extract.ocr import MIN_HEIGHT, MIN_WIDTH

        try:
            width, height = image.get_px_size()
            if width < MIN_WIDTH or height < MIN_HEIGHT:
                return None
            if width * height > self.limits.max_image_pixels:
                self.budget.unread += 1
                return None
            return image.get_bitmap(render=False).to_pil()
        except Exception:  # PDFium cannot decode this image (unsupported filter, broken stream)
            return None

    def check(self) -> None:
        if self.budget is not None:
            self.budget.check()
