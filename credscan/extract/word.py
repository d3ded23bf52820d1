"""docx/docm/dotx/dotm: body paragraphs, tables, headers/footers and text boxes (also those in headers).

The body is ONE TextBlock whose lines are the paragraphs (line_locations give the paragraph
numbers), so that a detector can relate "Password:" to the value in the next paragraph.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

from docx.opc.package import OpcPackage
from docx.opc.part import PartFactory
from docx.oxml.ns import nsmap, qn
from docx.parts.document import DocumentPart
from lxml import etree

from credscan.extract.interface import ExtractContext, ExtractError, Extractor, error_line
from credscan.extract.zipguard import check_zip
from credscan.limits import LimitExceeded
from credscan.model import Location, Table, TextBlock, Unit

MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_TEXTBOXES = etree.XPath(
    ".//w:txbxContent[not(ancestor::mc:Fallback)]", namespaces={"w": nsmap["w"], "mc": MC_NS}
)
"""Word stores a text box twice (a DrawingML wps shape and a VML fallback); the fallback copy is skipped. A
VML-only text box (older Word, other writers) has no mc:Fallback around it and is read."""
_TABLES = etree.XPath(".//w:tbl[not(ancestor::mc:Fallback)]", namespaces={"w": nsmap["w"], "mc": MC_NS})
_SKIPPED_IN_PARAGRAPH = frozenset(
    {qn("w:txbxContent"), f"{{{MC_NS}}}Fallback", qn("w:del"), qn("w:moveFrom"), qn("w:pPr"), qn("w:rPr"),
     qn("w:instrText"), qn("w:delText")}
)  # fmt: skip
"""Not a paragraph's own visible text: text boxes anchored in it (read as text boxes), fallback copies,
tracked deletions, field codes, properties."""
_W_T, _W_TAB, _W_BR, _W_CR, _W_HYPHEN = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:noBreakHyphen")
_BODY_PARAGRAPHS = "./w:p | ./w:sdt/w:sdtContent/w:p"
WORD_MAIN_TYPES = frozenset(
    {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    }
)
"""Main parts of documents, macro-enabled documents and templates: one XML vocabulary. python-docx knows only
the first; the others are registered with its part factory so that it reads them the same way."""
PartFactory.part_type_for.update(dict.fromkeys(WORD_MAIN_TYPES, DocumentPart))
_PART_NAMES = ("header", "first_page_header", "even_page_header", "footer", "first_page_footer",
               "even_page_footer")  # fmt: skip


class WordExtractor(Extractor):
    def extract(self, stream: BinaryIO, ctx: ExtractContext) -> Iterator[Unit]:
        check_zip(stream, ctx.limits)
        body = _oversized_body(stream, ctx.limits.max_xml_part_bytes)
        if body is not None:
            yield from _streamed_body(stream, body, ctx)
            return
        try:
            document = _open_document(stream)
            units = list(_units(document))
            pictures = _pictures(document)
        except ExtractError:
            raise
        except Exception as error:  # python-docx/lxml raise KeyError, ValueError, XMLSyntaxError…
            raise ExtractError(f"unreadable Word document: {error_line(error)}") from None
        yield from units
        if pictures:
            from credscan.extract.ocr import pictures_units  # loaded for documents with pictures only

            yield from pictures_units(pictures, ctx.limits)


def _open_document(stream: BinaryIO) -> Any:
    """python-docx's Document for any Word main part (docx.Document() refuses all but .docx's)."""
    part = OpcPackage.open(stream).main_document_part
    if part.content_type not in WORD_MAIN_TYPES:
        raise ExtractError(f"not a Word document (main part is {part.content_type[:80]})")
    return part.document


def _units(document: Any) -> Iterator[Unit]:
    body = document.element.body
    numbered = enumerate(body.xpath(_BODY_PARAGRAPHS), start=1)
    block = paragraph_block(((n, paragraph_text(p)) for n, p in numbered), "paragraph")
    if block is not None:
        yield block
    for number, table in enumerate(_TABLES(body), start=1):
        rows = table_rows(table)
        if rows:
            yield Table(rows=rows, location={"table": number}, style="table")
    boxes = list(_TEXTBOXES(body))
    for part, text, part_boxes in _header_footer_texts(document):
        if text:
            yield TextBlock(text=text, location={"part": part})
        boxes.extend(part_boxes)
    box_lines = ((n, textbox_text(box)) for n, box in enumerate(boxes, start=1))
    block = paragraph_block(box_lines, "textbox")
    if block is not None:
        block.location = {"part": "textbox"}
        yield block


def paragraph_text(paragraph: Any) -> str:
    """A w:p's visible text, also inside runs python-docx's Paragraph.text passes over (content controls,
    tracked insertions, smart tags, simple fields); text boxes anchored in it are read as text boxes."""
    parts: list[str] = []
    _collect_text(paragraph, parts)
    return "".join(parts)


def _collect_text(element: Any, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag in _SKIPPED_IN_PARAGRAPH:
            continue
        if tag == _W_T:
            parts.append(child.text or "")
        elif tag == _W_TAB:
            parts.append("\t")
        elif tag in (_W_BR, _W_CR):
            parts.append("\n")
        elif tag == _W_HYPHEN:
            parts.append("-")
        else:
            _collect_text(child, parts)


def textbox_text(box: Any) -> str:
    """A w:txbxContent's paragraphs (a table inside it is read with the document's tables)."""
    return "\n".join(paragraph_text(p) for p in box.iterchildren(qn("w:p")))


def _pictures(document: Any) -> list[tuple[Location, bytes]]:
    """Every picture of the document (body, headers, footers: word/media/…): pasted screenshots hold
    passwords too. Not the package's thumbnail (docProps/thumbnail.jpeg, which python-docx's template and
    Word's "save preview picture" add): it is a picture of the first page, whose text is read anyway."""
    return [
        ({"image": str(part.partname).lstrip("/")}, part.blob)
        for part in document.part.package.iter_parts()
        if str(part.content_type).startswith("image/") and str(part.partname).startswith("/word/")
    ]


def paragraph_block(numbered_texts: Iterable[tuple[int, str]], key: str) -> TextBlock | None:
    """One TextBlock from (number, text) pairs: empty ones dropped, a soft line break inside one
    item becomes another line with the same number."""
    lines: list[str] = []
    locations: list[Location] = []
    for number, text in numbered_texts:
        if not text.strip():
            continue
        for line in text.replace("\r", "\n").split("\n"):
            lines.append(line)
            locations.append({key: number})
    if not lines:
        return None
    return TextBlock(text="\n".join(lines), line_locations=locations)


def table_rows(table: Any) -> list[list[str]]:
    """A w:tbl as a grid: merged cells keep their text in their first grid column only."""
    rows = []
    for tr in table.tr_lst:
        cells = [""] * tr.grid_before
        for tc in tr.tc_lst:
            cells.append(cell_text(tc))
            cells.extend([""] * (tc.grid_span - 1))
        rows.append(cells)
    return rows if any(any(cell.strip() for cell in row) for row in rows) else []


def cell_text(tc: Any) -> str:
    """A w:tc's own paragraphs (nested tables are listed as tables of their own)."""
    return "\n".join(paragraph_text(p) for p in tc.iterchildren(qn("w:p")))


def _header_footer_texts(document: Any) -> Iterator[tuple[str, str, list[Any]]]:
    """(header|footer, text, text boxes) of each distinct header and footer part."""
    seen: set[str] = set()
    for section in document.sections:
        for attribute in _PART_NAMES:
            part = getattr(section, attribute)
            if part.is_linked_to_previous:
                continue
            partname = str(part.part.partname)
            if partname in seen:
                continue
            seen.add(partname)
            root = part.part.element
            texts = (paragraph_text(p) for p in root.iterchildren(qn("w:p")))
            text = "\n".join(t for t in texts if t.strip())
            cells = (cell for t in _TABLES(root) for row in table_rows(t) for cell in row if cell.strip())
            text = "\n".join(filter(None, [text, *cells]))
            yield ("header" if "header" in attribute else "footer"), text, list(_TEXTBOXES(root))


MAIN_PART = "word/document.xml"
STREAM_BLOCK = 5_000
"""Paragraphs per TextBlock when a body is streamed (a label and its value a paragraph apart stay together
except at the rare block edge)."""
_W_P = qn("w:p")


def _oversized_body(stream: BinaryIO, cap: int) -> zipfile.ZipInfo | None:
    """The main document part when it inflates past ``cap`` (too large to load as a tree)."""
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            info = archive.getinfo(MAIN_PART)
    except (KeyError, zipfile.BadZipFile, OSError):
        return None
    return info if info.file_size > cap else None


def _streamed_body(stream: BinaryIO, info: zipfile.ZipInfo, ctx: ExtractContext) -> Iterator[Unit]:
    """The body's paragraphs read with iterparse, each element dropped once read: memory stays at one
    block of paragraphs whatever the part's size. Text past max_text_bytes is not read."""
    budget = ctx.limits.max_text_bytes
    numbered: list[tuple[int, str]] = []
    number = 0
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive, archive.open(info) as part:
            events = etree.iterparse(
                part, events=("end",), tag=_W_P, resolve_entities=False, no_network=True, load_dtd=False
            )
            for _, paragraph in events:
                number += 1
                text = "".join(t.text or "" for t in paragraph.iter(_W_T))
                paragraph.clear()
                parent = paragraph.getparent()
                while parent is not None and paragraph.getprevious() is not None:
                    del parent[0]
                budget -= len(text)
                numbered.append((number, text))
                if len(numbered) >= STREAM_BLOCK:
                    block = paragraph_block(numbered, "paragraph")
                    numbered = []
                    if block is not None:
                        yield block
                if budget < 0:
                    break
    except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, ValueError) as error:
        block = paragraph_block(numbered, "paragraph")
        if block is not None:
            yield block
        raise ExtractError(f"unreadable Word document: {type(error).__name__}") from None
    block = paragraph_block(numbered, "paragraph")
    if block is not None:
        yield block
    raise LimitExceeded(
        f"Word body inflates to {info.file_size} bytes, over max_xml_part_bytes "
        f"({ctx.limits.max_xml_part_bytes}): read as a stream of paragraphs"
        + (f", up to max_text_bytes ({ctx.limits.max_text_bytes})" if budget < 0 else "")
    )
