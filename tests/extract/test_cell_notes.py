"""Cell comments and notes: xlsx legacy notes and threaded comments, ods annotations — at their cell, once."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from credscan.extract.interface import ExtractError
from credscan.model import TextBlock
from tests.support.docbuilders import extract_file
from tests.support.formatbuilders import make_odf, scan_findings, secrets_at, write_package

THREADED_NS = "http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"


def workbook_with_notes(path: Path) -> Path:
    """openpyxl writes legacy notes; the threaded comment is added the way Excel 365 stores it (its text again
    as a legacy note "[Threaded comment] …" for older readers)."""
    import openpyxl
    from openpyxl.comments import Comment

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Kunden"
    sheet.append(["System", "Benutzer", "Bemerkung"])
    sheet.append(["Firewall", "admin", "siehe Notiz"])
    sheet.append(["NAS", "root", ""])
    sheet["B2"].comment = Comment("Max Muster:\nPasswort: Note!Legacy-1", "Max Muster")
    sheet["B3"].comment = Comment("[Threaded comment]\nComment:\n    Kennwort: Note!Thread-2", "tc")
    hidden = book.create_sheet("Intern")
    hidden.sheet_state = "hidden"
    hidden["C7"] = "x"
    hidden["C7"].comment = Comment("Tresor: Kennwort Note!Hidden-3", "Max")
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    members["xl/threadedComments/threadedComment1.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ThreadedComments xmlns="{THREADED_NS}">'
        '<threadedComment ref="B3" id="{1}" personId="{2}">'
        "<text>Kennwort: Note!Thread-2</text></threadedComment>"
        '<threadedComment ref="B3" id="{3}" parentId="{1}" personId="{2}"><text>danke, geändert</text>'
        "</threadedComment></ThreadedComments>"
    ).encode()
    rels = members["xl/worksheets/_rels/sheet1.xml.rels"].decode()
    members["xl/worksheets/_rels/sheet1.xml.rels"] = rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdTc" '
        'Type="http://schemas.microsoft.com/office/2017/10/relationships/threadedComment" '
        'Target="../threadedComments/threadedComment1.xml"/></Relationships>',
    ).encode()
    return write_package(path, members)


def test_xlsx_notes_and_threaded_comments_at_their_cells(tmp_path: Path) -> None:
    path = workbook_with_notes(tmp_path / "Kunden.xlsx")
    _, units = extract_file(path)
    notes = [u for u in units if isinstance(u, TextBlock)]
    assert [(n.location["cell"], n.location["sheet"]) for n in notes] == [("B2", "Kunden"), ("B3", "Kunden"),
                                                                           ("C7", "Intern")]  # fmt: skip
    assert notes[1].text == "Kennwort: Note!Thread-2\ndanke, geändert"  # the thread, not its legacy copy
    found = secrets_at(scan_findings(path)[0])
    assert found["Note!Legacy-1"] == {
        "sheet": "Kunden",
        "cell": "B2",
        "row": 2,
        "column": 2,
        "part": "comment",
    }
    assert found["Note!Thread-2"] == {
        "sheet": "Kunden",
        "cell": "B3",
        "row": 3,
        "column": 2,
        "part": "comment",
    }
    assert found["Note!Hidden-3"]["cell"] == "C7"


def test_ods_annotations_counted_through_repeats(tmp_path: Path) -> None:
    body = (
        '<office:spreadsheet><table:table table:name="Zugänge">'
        '<table:table-row table:number-rows-repeated="2">'
        '<table:table-cell table:number-columns-repeated="3"/>'
        "</table:table-row><table:table-row>"
        '<table:table-cell table:number-columns-repeated="2"><text:p>x</text:p></table:table-cell>'
        '<table:table-cell office:value-type="string"><text:p>admin</text:p><office:annotation>'
        "<dc:creator>M</dc:creator><text:p>Passwort:</text:p><text:p>Ods!Note-4</text:p></office:annotation>"
        "</table:table-cell></table:table-row></table:table></office:spreadsheet>"
    )
    path = make_odf(tmp_path / "Zugänge.ods", body)
    kind, units = extract_file(path)
    assert kind == "ods"
    note = next(u for u in units if isinstance(u, TextBlock))
    assert note.location == {"sheet": "Zugänge", "cell": "C3", "row": 3, "column": 3, "part": "comment"}
    assert secrets_at(scan_findings(path)[0]) == {"Ods!Note-4": note.location}


def test_workbook_without_notes_reads_no_comment_parts(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["a", "b"])
    book.save(tmp_path / "plain.xlsx")
    assert [type(u).__name__ for u in extract_file(tmp_path / "plain.xlsx")[1]] == ["Table"]


def test_corrupt_comment_part_is_an_error_after_the_sheets(tmp_path: Path) -> None:
    path = workbook_with_notes(tmp_path / "k.xlsx")
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    members["xl/comments/comment1.xml" if "xl/comments/comment1.xml" in members else "xl/comments1.xml"] = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><comments>&a;</comments>'
    )
    bad = write_package(tmp_path / "bad.xlsx", members)
    with pytest.raises(ExtractError, match="comments"):
        extract_file(bad)
    _, stats = scan_findings(bad)
    assert len(stats.errors) == 1  # type: ignore[attr-defined]
