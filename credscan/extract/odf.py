"""OpenDocument text (odt/ott) and presentations (odp): paragraphs, tables as Tables, text boxes, comments.

LibreOffice and other suites write network documentation as ODT with tables; read as loose lines, the header
"Passwort" and the value three cells further are unrelated text. So each table:table becomes a Table unit
(repeated and spanned columns expanded, covered cells empty, nested tables separate), the body's paragraphs
and headings one TextBlock numbered like a Word body, frames' text boxes, comments (office:annotation) and
page headers/footers (styles.xml) blocks of their own. A presentation gives per slide (draw:page) its text
and its speaker notes. Parts are parsed with defusedxml after the zip guard; repeated columns/rows are
clamped and counted against max_cells.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException, ElementTree

from credscan.extract.interface import ExtractContext, ExtractError, Extractor, error_line
from credscan.extract.zipguard import ZIP_ERRORS, open_guarded_zip
from credscan.extract.zippictures import zip_pictures_units
from credscan.limits import LimitExceeded, Limits
from credscan.model import Location, Table, TextBlock, Unit

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
PRESENTATION = "{urn:oasis:names:tc:opendocument:xmlns:presentation:1.0}"
PARAGRAPHS = (f"{TEXT}p", f"{TEXT}h")
SEPARATE = frozenset({f"{TABLE}table", f"{DRAW}frame", f"{OFFICE}annotation", f"{TEXT}note"})
"""Elements inside a paragraph or cell whose text is read as a unit of its own, not as part of it."""
MAX_REPEAT = 1024
"""Repeated columns/rows past this are empty filler (LibreOffice writes 1024 or 16384 of them)."""


class OdfExtractor(Extractor):
    def extract(self, stream: BinaryIO, ctx: ExtractContext) -> Iterator[Unit]:
        with open_guarded_zip(stream, ctx.limits) as archive:
            names = set(archive.namelist())
            if "content.xml" not in names and "styles.xml" not in names:
                raise ExtractError("unreadable OpenDocument file: neither content.xml nor styles.xml")
            try:
                content = _xml(archive, "content.xml") if "content.xml" in names else None
                styles = _xml(archive, "styles.xml") if "styles.xml" in names else None
            except (*ZIP_ERRORS, KeyError, ElementTree.ParseError, DefusedXmlException) as error:
                raise ExtractError(f"unreadable OpenDocument file: {error_line(error)}") from None
        reader = _Reader(ctx.limits)
        # a style template (LibreOffice's Default.ott) has styles.xml only: its headers/footers are its text
        body = content.find(f"{OFFICE}body") if content is not None else Element(f"{OFFICE}body")
        if body is None:
            raise ExtractError("unreadable OpenDocument file: no office:body")
        if ctx.kind == "odp":
            yield from reader.presentation(body)
        else:
            yield from reader.document(body, styles)
        yield from zip_pictures_units(stream, ctx.kind, ctx.limits)


def _xml(archive: zipfile.ZipFile, member: str) -> Any:
    with archive.open(member) as part:
        return ElementTree.fromstring(part.read())  # the zip guard bounded the member's size


@dataclass
class _Reader:
    limits: Limits
    cells: int = 0
    tables: list[list[list[str]]] = field(default_factory=list)
    boxes: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)

    # -- documents ------------------------------------------------------------

    def document(self, body: Any, styles: Any) -> Iterator[Unit]:
        lines: list[str] = []
        locations: list[Location] = []
        for number, paragraph in enumerate(self._flow(body), start=1):
            for line in self.paragraph_text(paragraph).split("\n"):
                if line.strip():
                    lines.append(line)
                    locations.append({"paragraph": number})
        if lines:
            yield TextBlock(text="\n".join(lines), line_locations=locations)
        for number, rows in enumerate(self.tables, start=1):
            yield Table(rows=rows, location={"table": number}, style="table")
        yield from self._extras()
        if styles is not None:
            for part in ("header", "footer"):
                texts = [
                    self.paragraph_text(p)
                    for element in styles.iter(f"{STYLE}{part}")
                    for p in element.iter()
                    if p.tag in PARAGRAPHS
                ]
                text = "\n".join(t for t in texts if t.strip())
                if text:
                    yield TextBlock(text=text, location={"part": part})

    def _flow(self, element: Any) -> Iterator[Any]:
        """Paragraphs of the text flow in document order (inside lists and sections, not inside tables, frames
        or comments, which are collected as units of their own)."""
        for child in element:
            if child.tag in PARAGRAPHS:
                yield child
            elif child.tag == f"{TABLE}table":
                self.table(child)
            elif child.tag in SEPARATE:
                self.paragraph_text(child)
            else:
                yield from self._flow(child)

    def _extras(self) -> Iterator[Unit]:
        for part, texts in (("textbox", self.boxes), ("comment", self.comments)):
            block = _numbered(texts, part)
            if block is not None:
                yield block

    # -- presentations ----------------------------------------------------------

    def presentation(self, body: Any) -> Iterator[Unit]:
        for number, page in enumerate(body.iter(f"{DRAW}page"), start=1):
            body_lines: list[str] = []
            note_lines: list[str] = []
            for child in page:
                target = note_lines if child.tag == f"{PRESENTATION}notes" else body_lines
                target.extend(self.paragraph_text(p) for p in _paragraphs_in(child))
                for table in child.iter(f"{TABLE}table"):
                    self.table(table)
            for part, lines in (("body", body_lines), ("notes", note_lines)):
                text = "\n".join(line for line in lines if line.strip())
                if text:
                    yield TextBlock(text=text, location={"slide": number, "part": part})
            for k, rows in enumerate(self.tables, start=1):
                yield Table(rows=rows, location={"slide": number, "table": k}, style="table")
            self.tables = []
        yield from self._extras()

    # -- text and tables ----------------------------------------------------------

    def paragraph_text(self, element: Any) -> str:
        """The element's text: text:s/tab/line-break honoured; frames, notes, comments and tables inside it
        collected separately."""
        parts: list[str] = []
        self._collect(element, parts)
        return "".join(parts)

    def _collect(self, element: Any, parts: list[str]) -> None:
        tag = element.tag
        if tag == f"{TABLE}table":
            self.table(element)
            return
        if tag == f"{DRAW}text-box":
            self.boxes.append("\n".join(self.paragraph_text(p) for p in _paragraphs_in(element)))
            return
        if tag == f"{OFFICE}annotation":
            self.comments.append("\n".join(self.paragraph_text(p) for p in _paragraphs_in(element)))
            return
        if tag == f"{TEXT}s":
            parts.append(" " * min(_count(element.get(f"{TEXT}c")), MAX_REPEAT))
        elif tag == f"{TEXT}tab":
            parts.append("\t")
        elif tag == f"{TEXT}line-break":
            parts.append("\n")
        elif element.text and tag not in (f"{DRAW}frame", f"{TEXT}note"):
            parts.append(element.text)
        for child in element:
            self._collect(child, parts)
            if child.tail:
                parts.append(child.tail)

    def table(self, element: Any) -> None:
        """A table:table as a grid; appended to self.tables (nested tables after the one holding them)."""
        rows: list[list[str]] = []
        position = len(self.tables)
        self.tables.append(rows)  # numbered in document order: the outer table before the nested ones
        for row in _rows(element):
            repeat = min(_count(row.get(f"{TABLE}number-rows-repeated")), MAX_REPEAT)
            cells: list[str] = []
            for cell in row:
                if cell.tag not in (f"{TABLE}table-cell", f"{TABLE}covered-table-cell"):
                    continue
                times = min(_count(cell.get(f"{TABLE}number-columns-repeated")), MAX_REPEAT)
                text = ""
                if cell.tag == f"{TABLE}table-cell":
                    texts = [self.paragraph_text(child) for child in cell]
                    text = "\n".join(t for t in texts if t.strip())
                if not text and times > 1 and cell is row[-1]:
                    break  # trailing filler columns
                cells.extend([text] + [""] * (times - 1) if text else [""] * times)
                self._count_cells(times)
            if repeat == 1 or any(cell.strip() for cell in cells):
                rows.append(cells)  # a repeated row with text is read once (its copies add nothing)
        while rows and not any(cell.strip() for cell in rows[-1]):
            rows.pop()
        if not rows:
            del self.tables[position]
            return
        width = max(len(row) for row in rows)
        rows[:] = [row + [""] * (width - len(row)) for row in rows]

    def _count_cells(self, count: int) -> None:
        self.cells += count
        if self.cells > self.limits.max_cells:
            raise LimitExceeded(f"document tables over max_cells ({self.limits.max_cells})")


def _rows(table: Any) -> Iterator[Any]:
    """table-row elements, also inside header-rows and row-groups."""
    for child in table:
        if child.tag == f"{TABLE}table-row":
            yield child
        elif child.tag in (f"{TABLE}table-header-rows", f"{TABLE}table-rows", f"{TABLE}table-row-group"):
            yield from _rows(child)


def _paragraphs_in(element: Any) -> Iterator[Any]:
    """Paragraphs below ``element``, not those of tables (read as tables) or nested text boxes."""
    for child in element:
        if child.tag in PARAGRAPHS:
            yield child
        elif child.tag != f"{TABLE}table":
            yield from _paragraphs_in(child)


def _count(value: str | None) -> int:
    try:
        return max(1, int(value or "1"))
    except ValueError:
        return 1


def _numbered(texts: list[str], part: str) -> TextBlock | None:
    lines: list[str] = []
    locations: list[Location] = []
    for number, text in enumerate(texts, start=1):
        for line in text.split("\n"):
            if line.strip():
                lines.append(line)
                locations.append({part: number})
    if not lines:
        return None
    return TextBlock(text="\n".join(lines), location={"part": part}, line_locations=locations)
