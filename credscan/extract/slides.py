"""pptx/pptm, shows (ppsx/ppsm), templates (potx/potm): per slide its shapes' text, speaker notes, tables.

Notes matter: presenters keep the demo password there ("login for the demo: …").
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.opc.package import PartFactory
from pptx.package import Package
from pptx.parts.presentation import PresentationPart

from credscan.extract.interface import ExtractContext, ExtractError, Extractor, error_line
from credscan.extract.zipguard import check_zip
from credscan.model import Location, Table, TextBlock, Unit

MACRO_SHOW_TYPES = (
    "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
)
"""Main parts of .ppsm and .potm, which python-pptx does not register (it does .pptx/.pptm/.ppsx/.potx)."""
PartFactory.part_type_for.update(dict.fromkeys(MACRO_SHOW_TYPES, PresentationPart))


class SlidesExtractor(Extractor):
    def extract(self, stream: BinaryIO, ctx: ExtractContext) -> Iterator[Unit]:
        check_zip(stream, ctx.limits)
        try:
            presentation = _open_presentation(stream)
            units = [
                unit for n, slide in enumerate(presentation.slides, start=1) for unit in _slide(n, slide)
            ]
            pictures = _pictures(presentation)
        except ExtractError:
            raise
        except Exception as error:  # python-pptx/lxml raise KeyError, ValueError, XMLSyntaxError…
            raise ExtractError(f"unreadable PowerPoint file: {error_line(error)}") from None
        yield from units
        if pictures:
            from credscan.extract.ocr import pictures_units  # loaded for presentations with pictures only

            yield from pictures_units(pictures, ctx.limits)


def _open_presentation(stream: BinaryIO) -> Any:
    """python-pptx's Presentation for presentations, shows and templates, macro-enabled or not: python-pptx
    registers all their main parts but pptx.Presentation() accepts only .pptx and .pptm."""
    part = Package.open(stream).main_document_part
    if not isinstance(part, PresentationPart):
        raise ExtractError(f"not a PowerPoint file (main part is {part.content_type[:80]})")
    return part.presentation


def _slide(number: int, slide: Any) -> Iterator[Unit]:
    lines: list[str] = []
    tables: list[list[list[str]]] = []
    for shape in _shapes(slide.shapes):
        if shape.has_text_frame:
            lines.extend(p.text for p in shape.text_frame.paragraphs)
        elif getattr(shape, "has_table", False):
            rows = _table_rows(shape.table)
            if rows:
                tables.append(rows)
    text = "\n".join(line for line in lines if line.strip())
    if text:
        yield TextBlock(text=text, location={"slide": number, "part": "body"})
    if slide.has_notes_slide:
        frame = slide.notes_slide.notes_text_frame
        notes = frame.text.strip() if frame is not None else ""
        if notes:
            yield TextBlock(text=notes, location={"slide": number, "part": "notes"})
    for k, rows in enumerate(tables, start=1):
        yield Table(rows=rows, location={"slide": number, "table": k}, style="table")


def _pictures(presentation: Any) -> list[tuple[Location, bytes]]:
    """The pictures of each slide (pictures, backgrounds), each at the first slide that shows it."""
    seen: set[str] = set()
    pictures: list[tuple[Location, bytes]] = []
    for number, slide in enumerate(presentation.slides, start=1):
        for relationship in slide.part.rels.values():
            if relationship.is_external:
                continue
            part = relationship.target_part
            name = str(part.partname).lstrip("/")
            if str(part.content_type).startswith("image/") and name not in seen:
                seen.add(name)
                pictures.append(({"slide": number, "image": name}, part.blob))
    return pictures


def _table_rows(table: Any) -> list[list[str]]:
    """Merged cells keep their text in the first (top-left) cell only."""
    rows = [["" if cell.is_spanned else cell.text for cell in row.cells] for row in table.rows]
    return rows if any(any(cell.strip() for cell in row) for row in rows) else []


def _shapes(shapes: Any) -> Iterator[Any]:
    """Shapes in reading order, group shapes flattened."""
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from _shapes(shape.shapes)
        else:
            yield shape
