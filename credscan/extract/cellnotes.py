"""Cell comments and notes of xlsx and ods workbooks, each a TextBlock located at its cell.

A technician who may not put the password in the sheet puts it in a note on the cell ("Passwort: …"),
which calamine does not read. xlsx keeps legacy comments (notes) in xl/commentsN.xml and threaded comments
in xl/threadedComments/, each linked from its sheet's relationships; Excel writes a threaded comment a
second time as a legacy note ("[Threaded comment] …") for older readers, so a cell with a threaded comment
is read from that one only. ods keeps office:annotation inside the table cell, whose position is counted
through repeated rows and columns. Every part goes through defusedxml after the zip guard; ods content is
streamed (iterparse) and only when it holds an annotation at all.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from defusedxml import ElementTree

from credscan.model import TextBlock, column_letters

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_THREADED = "{http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments}"
_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
LEGACY_COMMENTS = "/relationships/comments"
THREADED_COMMENTS = "/relationships/threadedComment"
_REF = re.compile(r"([A-Z]{1,3})(\d{1,7})$")
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
MAX_REPEAT = 1_048_576
SCAN_CHUNK = 1024 * 1024


def note_block(sheet: str, row: int, column: int, text: str) -> TextBlock | None:
    text = "\n".join(line.strip() for line in text.replace("\r", "\n").split("\n") if line.strip())
    if not text:
        return None
    location = {"sheet": sheet, "cell": f"{column_letters(column)}{row}", "row": row, "column": column}
    return TextBlock(text=text, location={**location, "part": "comment"})


# ---------------------------------------------------------------------------
# xlsx
# ---------------------------------------------------------------------------


def xlsx_notes(archive: zipfile.ZipFile, sheets: dict[str, str]) -> Iterator[TextBlock]:
    """Notes and threaded comments of each sheet (name -> worksheet member), in sheet order."""
    names = set(archive.namelist())
    for sheet, member in sheets.items():
        rels = posixpath.join(posixpath.dirname(member), "_rels", posixpath.basename(member) + ".rels")
        if rels not in names:
            continue
        threaded: dict[str, str] = {}
        legacy: dict[str, str] = {}
        for kind, target in _relations(archive, rels, posixpath.dirname(member)):
            if target not in names:
                continue
            if kind.endswith(THREADED_COMMENTS):
                threaded.update(_threaded(archive, target))
            elif kind.endswith(LEGACY_COMMENTS):
                legacy.update(_legacy(archive, target))
        for ref, text in {**legacy, **threaded}.items():
            match = _REF.match(ref)
            if match is None:
                continue
            block = note_block(sheet, int(match.group(2)), _column_number(match.group(1)), text)
            if block is not None:
                yield block


def _relations(archive: zipfile.ZipFile, rels: str, base: str) -> Iterator[tuple[str, str]]:
    for rel in _xml(archive, rels).iter(f"{_NS_PKG_REL}Relationship"):
        target = rel.get("Target", "")
        member = (
            target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
        )
        yield rel.get("Type", ""), member


def _legacy(archive: zipfile.ZipFile, member: str) -> dict[str, str]:
    return {
        comment.get("ref", ""): "".join(t.text or "" for t in comment.iter(f"{_NS_MAIN}t"))
        for comment in _xml(archive, member).iter(f"{_NS_MAIN}comment")
    }


def _threaded(archive: zipfile.ZipFile, member: str) -> dict[str, str]:
    """ref -> the thread's comments (the first and its replies), one a line."""
    thread: dict[str, list[str]] = {}
    for comment in _xml(archive, member).iter(f"{_NS_THREADED}threadedComment"):
        text = comment.find(f"{_NS_THREADED}text")
        if text is not None and text.text:
            thread.setdefault(comment.get("ref", ""), []).append(text.text)
    return {ref: "\n".join(texts) for ref, texts in thread.items()}


def _xml(archive: zipfile.ZipFile, member: str) -> Any:
    with archive.open(member) as part:
        return ElementTree.fromstring(part.read())  # the zip guard bounded the member's size


def _column_number(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - 64
    return number


# ---------------------------------------------------------------------------
# ods
# ---------------------------------------------------------------------------


def ods_notes(archive: zipfile.ZipFile) -> Iterator[TextBlock]:
    """office:annotation of every cell, located by counting rows and columns (repeats included)."""
    if "content.xml" not in archive.namelist() or not _mentions(archive, "content.xml", b"office:annotation"):
        return
    sheet, row, column = "", 0, 0
    with archive.open("content.xml") as content:
        for event, element in ElementTree.iterparse(content, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == f"{TABLE}table":
                    sheet, row = element.get(f"{TABLE}name", ""), 0
                elif tag == f"{TABLE}table-row":
                    column = 0
                continue
            if tag == f"{TABLE}table-row":
                row += _repeat(element, "number-rows-repeated")
                element.clear()
            elif tag in (f"{TABLE}table-cell", f"{TABLE}covered-table-cell"):
                annotation = element.find(f"{OFFICE}annotation")
                if annotation is not None:
                    text = "\n".join("".join(p.itertext()) for p in annotation.iter(f"{TEXT}p"))
                    block = note_block(sheet, row + 1, column + 1, text)
                    if block is not None:
                        yield block
                column += _repeat(element, "number-columns-repeated")
                element.clear()


def _repeat(element: Any, attribute: str) -> int:
    try:
        return max(1, min(int(element.get(f"{TABLE}{attribute}", "1")), MAX_REPEAT))
    except ValueError:
        return 1


def _mentions(archive: zipfile.ZipFile, member: str, needle: bytes) -> bool:
    tail = b""
    with archive.open(member) as part:
        while chunk := part.read(SCAN_CHUNK):
            if needle in tail + chunk:
                return True
            tail = chunk[-len(needle) :]
    return False
