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

from collections.abc import Iterator
from dataclasses import replace
from typing import Any, BinaryIO, ClassVar

import pypdfium2
import pypdfium2.raw as pdfium_c

from credscan.extract.decoding import normalize_newlines
from credscan.extract.interface import Encrypted, ExtractContext, ExtractError, Extractor, error_line
from credscan.extract.layout import LaidTable, Piece, continues, find_tables, rows_of, table_candidates
from credscan.limits import LimitExceeded, Limits
from credscan.model import Table, TextBlock, Unit

MAX_RECTS = 20_000
"""Text rectangles of one page laid out for tables; a page with more (a dense parts list, a hostile file)
keeps its text but is not searched for tables (the layout is quadratic in nothing, but unbounded in time)."""
UNREAD = "\x00"
"""The text of a rectangle whose text was not fetched (it cannot be in a table)."""
FORM_DEPTH = 3
"""Form XObjects (reused page fragments) searched for pictures, nested this deep."""
TABLE_TOP_SHARE = 0.25
"""A table continues the previous page's only when it starts in this top share of its page."""


class PdfExtractor(Extractor):
    kinds: ClassVar[frozenset[str]] = frozenset({"pdf"})

    def extract(self, stream: BinaryIO, ctx: ExtractContext) -> Iterator[Unit]:
        stream.seek(0)
        try:
            document = pypdfium2.PdfDocument(stream.read())
        except pypdfium2.PdfiumError as error:
            if getattr(error, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
                raise Encrypted("password-protected PDF") from None
            raise ExtractError(f"unreadable PDF: {error_line(error)}") from None
        except Exception as error:
            raise ExtractError(f"unreadable PDF: {error_line(error)}") from None
        pictures = _Pictures(ctx.limits)
        try:
            pages = len(document)
            previous: tuple[int, LaidTable] | None = None
            for index in range(min(pages, ctx.limits.max_pages)):
                page = _open_page(document, index)
                try:
                    units, previous = _page_units(page, index + 1, previous)
                    yield from units
                    yield from pictures.units(page, index + 1)
                finally:
                    page.close()
            if pages > ctx.limits.max_pages:
                raise LimitExceeded(
                    f"PDF has {pages} pages, over max_pages ({ctx.limits.max_pages}); "
                    "the rest was not scanned"
                )
            pictures.check()
        finally:
            document.close()


def _open_page(document: pypdfium2.PdfDocument, index: int) -> Any:
    try:
        return document[index]
    except Exception as error:
        raise ExtractError(f"unreadable PDF page {index + 1}: {error_line(error)}") from None


def _page_units(
    page: Any, number: int, previous: tuple[int, LaidTable] | None
) -> tuple[list[Unit], tuple[int, LaidTable] | None]:
    """The page's text and tables; the last table (with its number) for the next page to continue."""
    try:
        textpage = page.get_textpage()
        try:
            raw = textpage.get_text_range()
            pieces, height = _pieces(textpage, page)
        finally:
            textpage.close()
    except Exception as error:  # one broken page is an error of the file, with its number
        raise ExtractError(f"unreadable PDF page {number}: {error_line(error)}") from None
    text = normalize_newlines(raw).strip("\n")
    if not text.strip():
        return [], None
    lines = text.split("\n")
    units: list[Unit] = []
    rows = rows_of(pieces)
    last: tuple[int, LaidTable] | None = None
    for k, table in enumerate(find_tables(rows), start=1):
        grid, first_row, table_number = table.rows, 1, k
        starts_high = rows[table.row_indexes[0]].top <= TABLE_TOP_SHARE * height
        if k == 1 and previous is not None and starts_high and continues(previous[1], table):
            table_number, header = previous[0], previous[1].rows[0]
            if grid[0] != header:
                grid, first_row = [header, *grid], 0  # the header repeated, as row 0 of this page's part
        units.append(Table(rows=grid, location={"page": number, "table": table_number}, style="table",
                           first_row=first_row))  # fmt: skip
        _blank(lines, [rows[i].text for i in table.row_indexes])
        last = (table_number, table)
    if any(line.strip() for line in lines):
        block = TextBlock(
            text="\n".join(lines),
            location={"page": number},
            line_locations=[{"page": number, "line": k} for k in range(1, len(lines) + 1)],
        )
        units.insert(0, block)
    return units, last


def _pieces(textpage: Any, page: Any) -> tuple[list[Piece], float]:
    """PDFium's text rectangles as layout pieces (y flipped to grow downwards), and the page height. Their
    text is fetched only for the rectangles that could form a table (see table_candidates): a page of plain
    lines costs one box per line."""
    height = float(page.get_height())
    count = textpage.count_rects()
    if count > MAX_RECTS:
        return [], height
    rects = [textpage.get_rect(index) for index in range(count)]
    boxes = [Piece(left, height - top, right, height - bottom, UNREAD) for left, bottom, right, top in rects]
    candidates = table_candidates(boxes)
    if not candidates:
        return [], height
    for index in candidates:  # the other boxes keep their rows apart, and are never in a table
        boxes[index] = replace(boxes[index], text=" ".join(textpage.get_text_bounded(*rects[index]).split()))
    return boxes, height


def _blank(lines: list[str], row_texts: list[str]) -> None:
    """Empty the page-text lines that are the table's rows (same words; line numbers stay as they were)."""
    wanted = {" ".join(text.split()) for text in row_texts}
    for i, line in enumerate(lines):
        if line and " ".join(line.split()) in wanted:
            lines[i] = ""


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
