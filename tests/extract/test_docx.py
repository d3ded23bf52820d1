"""Word (.docx): paragraphs, tables, header, footer and text boxes with their locations, a merged title
row read once; encrypted, corrupt and zip-bomb files."""

from __future__ import annotations

from pathlib import Path

import pytest

from credscan.extract.interface import Encrypted, ExtractContext, ExtractError
from credscan.extract.word import WordExtractor
from credscan.limits import LimitExceeded
from credscan.model import Table, TextBlock
from tests.support.docbuilders import (
    extract_file,
    make_docx,
    make_encrypted_office,
    make_zip_bomb,
    where,
)


def test_docx_paragraphs_tables_header_footer_textbox(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "Netzwerkdoku.docx",
        ["Firewall", "", "Admin password:", "Fw!2024secure", "Line one\nsoft break line"],
        tables=[[["Device", "Login", "Password"], ["Switch", "admin", "Sw1tch!"]]],
        header="Confidential – WLAN key: HeaderKey1",
        footer="Footer pw: FooterPw9",
        textboxes=["Textbox pw: BoxPw7"],
    )
    kind, units = extract_file(path)
    assert kind == "docx"
    body = units[0]
    assert isinstance(body, TextBlock)
    # empty paragraphs are dropped but numbering keeps the document's count
    assert body.text.split("\n")[:3] == ["Firewall", "Admin password:", "Fw!2024secure"]
    assert where(units, "Admin password:") == {"paragraph": 3}
    assert where(units, "Fw!2024secure") == {"paragraph": 4}
    assert where(units, "soft break line") == {"paragraph": 5}
    assert where(units, "Sw1tch!") == {"table": 1, "row": 2, "column": 3}
    assert where(units, "HeaderKey1") == {"part": "header"}
    assert where(units, "FooterPw9") == {"part": "footer"}
    assert where(units, "BoxPw7") == {"part": "textbox", "textbox": 1}


def test_docx_merged_title_row_is_not_repeated(tmp_path: Path) -> None:
    grid = [["Credentials", "", ""], ["Host", "User", "Password"], ["nas", "root", "N4s!"]]
    _, units = extract_file(make_docx(tmp_path / "t.docx", ["x"], tables=[grid], merge_first_row=True))
    (table,) = [unit for unit in units if isinstance(unit, Table)]
    assert table.rows[0] == ["Credentials", "", ""]
    assert table.rows[2] == ["nas", "root", "N4s!"]
    assert table.cell_location(2, 2) == {"table": 1, "row": 3, "column": 3}


def test_encrypted_docx_is_encrypted(tmp_path: Path) -> None:
    plain = make_docx(tmp_path / "plain.docx", ["Password: x"])
    locked = make_encrypted_office(plain, tmp_path / "locked.docx", password="Geheim1")
    kind, _ = extract_file(tmp_path / "plain.docx")
    assert kind == "docx"
    with pytest.raises(Encrypted):
        extract_file(locked)


def test_corrupt_docx_is_an_extract_error(tmp_path: Path) -> None:
    good = make_docx(tmp_path / "good.docx", ["x"] * 100)
    broken = tmp_path / "broken.docx"
    broken.write_bytes(good.read_bytes()[:2000])
    with pytest.raises(ExtractError):
        extract_file(broken)


def test_zip_bomb_disguised_as_docx_hits_a_cap(tmp_path: Path) -> None:
    bomb = make_zip_bomb(tmp_path / "bomb.zip", members=2, member_mib=24)
    disguised = tmp_path / "report.docx"
    disguised.write_bytes(bomb.read_bytes())
    with disguised.open("rb") as stream, pytest.raises(LimitExceeded, match=r"ratio|max_inflated"):
        list(WordExtractor().extract(stream, ExtractContext("x", "report.docx", "docx", 0)))
