"""PDF text through pypdfium2 (PDFium): one TextBlock per page, lines numbered within the page.

PDFium is ~30x faster than pdfminer.six here and copes with broken files; it runs native
code, so every call is wrapped and a failure becomes a one-line ExtractError.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO, ClassVar

import pypdfium2
import pypdfium2.raw as pdfium_c

from credscan.extract.decoding import normalize_newlines
from credscan.extract.interface import Encrypted, ExtractContext, ExtractError, Extractor, error_line
from credscan.extract.pdfguard import defuse_pdf
from credscan.limits import LimitExceeded
from credscan.model import TextBlock, Unit


class PdfExtractor(Extractor):
    kinds: ClassVar[frozenset[str]] = frozenset({"pdf"})

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
        try:
            pages = len(document)
            for index in range(min(pages, ctx.limits.max_pages)):
                block = _page_block(document, index)
                if block is not None:
                    yield block
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
        finally:
            document.close()


def _page_block(document: pypdfium2.PdfDocument, index: int) -> TextBlock | None:
    number = index + 1
    try:
        page = document[index]
        try:
            textpage = page.get_textpage()
            try:
                raw = textpage.get_text_range()
            finally:
                textpage.close()
        finally:
            page.close()
    except Exception as error:  # one broken page is an error of the file, with its number
        raise ExtractError(f"unreadable PDF page {number}: {error_line(error)}") from None
    text = normalize_newlines(raw).strip("\n")
    if not text.strip():
        return None
    lines = text.count("\n") + 1
    return TextBlock(
        text=text,
        location={"page": number},
        line_locations=[{"page": number, "line": k} for k in range(1, lines + 1)],
    )
