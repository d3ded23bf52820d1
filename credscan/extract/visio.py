"""Visio drawings (vsdx/vsdm): per page the text of its shapes and their shape data.

Network diagrams are where MSPs draw the firewall with its admin login: the login is either shape text or
shape data ("Property" rows such as Password = …), which Visio shows in a side panel. Shape data rows become
"Label: value" lines, so the text rules read them as they would read a form. Masters (stencils) are not read:
their text is the stencil's, not the drawing's. Every part is parsed with defusedxml after the zip guard.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
from typing import Any, BinaryIO

from defusedxml import DefusedXmlException, ElementTree

from credscan.extract.interface import ExtractContext, ExtractError, Extractor, error_line
from credscan.extract.zipguard import ZIP_ERRORS, open_guarded_zip
from credscan.model import Location, TextBlock, Unit

_NS = "{http://schemas.microsoft.com/office/visio/2012/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
PAGES = "visio/pages/pages.xml"
PAGES_RELS = "visio/pages/_rels/pages.xml.rels"


class VisioExtractor(Extractor):
    def extract(self, stream: BinaryIO, ctx: ExtractContext) -> Iterator[Unit]:
        with open_guarded_zip(stream, ctx.limits) as archive:
            try:
                blocks = [
                    block
                    for number, member in enumerate(_page_members(archive), start=1)
                    if (block := _page_block(archive, member, number)) is not None
                ]
            except (*ZIP_ERRORS, KeyError, ElementTree.ParseError, DefusedXmlException) as error:
                raise ExtractError(f"unreadable Visio drawing: {error_line(error)}") from None
        yield from blocks


def _xml(archive: zipfile.ZipFile, member: str) -> Any:
    with archive.open(member) as part:
        return ElementTree.fromstring(part.read())  # the zip guard bounded the member's size


def _page_members(archive: zipfile.ZipFile) -> list[str]:
    """Page parts in the order of pages.xml (the order Visio shows the tabs)."""
    names = set(archive.namelist())
    if PAGES not in names or PAGES_RELS not in names:
        return sorted(n for n in names if n.startswith("visio/pages/page") and n.endswith(".xml"))
    rels = _xml(archive, PAGES_RELS)
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_NS_PKG_REL}Relationship")}
    members = []
    for page in _xml(archive, PAGES).iter(f"{_NS}Page"):
        relation = page.find(f"{_NS}Rel")
        target = targets.get(relation.get(f"{_NS_REL}id") if relation is not None else None, "")
        member = posixpath.normpath(posixpath.join("visio/pages", target)) if target else ""
        if member in names:
            members.append(member)
    return members


def _page_block(archive: zipfile.ZipFile, member: str, number: int) -> TextBlock | None:
    lines: list[str] = []
    locations: list[Location] = []
    for shape in _xml(archive, member).iter(f"{_NS}Shape"):
        shape_id = shape.get("ID", "")
        for line in _shape_lines(shape):
            lines.append(line)
            locations.append(
                {"shape": int(shape_id) if shape_id.isascii() and shape_id.isdigit() else shape_id}
            )
    if not lines:
        return None
    return TextBlock(text="\n".join(lines), location={"page": number}, line_locations=locations)


def _shape_lines(shape: Any) -> Iterator[str]:
    """The shape's own text (not its sub-shapes', which are shapes of their own) and its data rows."""
    text = shape.find(f"{_NS}Text")
    if text is not None:
        for line in "".join(text.itertext()).replace("\r", "\n").replace("\u2028", "\n").split("\n"):
            if line.strip():
                yield line.strip()
    for section in shape.findall(f"{_NS}Section"):
        if section.get("N") != "Property":
            continue
        for row in section.findall(f"{_NS}Row"):
            cells = {cell.get("N"): cell.get("V", "") for cell in row.findall(f"{_NS}Cell")}
            value = (cells.get("Value") or "").strip()
            label = (cells.get("Label") or row.get("N") or "").strip()
            if value and label:
                yield f"{label}: {value}"
