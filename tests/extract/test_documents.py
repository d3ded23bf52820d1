"""Word, PowerPoint, PDF and RTF: text with paragraph/slide/page locations, encrypted and broken files."""

from __future__ import annotations

from pathlib import Path

import pytest

from credscan.extract.interface import Encrypted, ExtractContext, ExtractError
from credscan.extract.pdf import PdfExtractor
from credscan.extract.word import WordExtractor
from credscan.limits import LimitExceeded, Limits
from credscan.model import Location, Table, TextBlock
from tests.support.docbuilders import (
    extract_file,
    make_docx,
    make_encrypted_office,
    make_pdf,
    make_pptx,
    make_rtf,
    make_zip_bomb,
)


def where(units: list[object], needle: str) -> Location:
    """Location of the line (TextBlock) or cell (Table) containing ``needle``."""
    for unit in units:
        if isinstance(unit, TextBlock):
            for index, line in enumerate(unit.text.split("\n")):
                if needle in line:
                    return unit.line_location(index)
        elif isinstance(unit, Table):
            for r, row in enumerate(unit.rows):
                for c, value in enumerate(row):
                    if needle in value:
                        return unit.cell_location(r, c)
    raise AssertionError(f"{needle!r} not found in {units}")


# ---------------------------------------------------------------------------
# docx
# ---------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------
# pptx
# ---------------------------------------------------------------------------


def test_pptx_body_notes_and_tables(tmp_path: Path) -> None:
    path = make_pptx(
        tmp_path / "Kickoff.pptx",
        [
            (["Welcome", "Agenda"], None),
            (["Demo environment"], "Demo login: demo / D3mo!pass"),
            (["Accounts"], None),
        ],
        tables={3: [["System", "Password"], ["VPN", "Vpn#2024"]]},
    )
    kind, units = extract_file(path)
    assert kind == "pptx"
    assert where(units, "Agenda") == {"slide": 1, "part": "body"}
    assert where(units, "D3mo!pass") == {"slide": 2, "part": "notes"}
    assert where(units, "Vpn#2024") == {"slide": 3, "table": 1, "row": 2, "column": 2}


def test_corrupt_pptx_is_an_extract_error(tmp_path: Path) -> None:
    good = make_pptx(tmp_path / "good.pptx", [(["x"], "y")])
    broken = tmp_path / "broken.pptx"
    broken.write_bytes(good.read_bytes()[:5000])
    with pytest.raises(ExtractError):
        extract_file(broken)


# ---------------------------------------------------------------------------
# pdf
# ---------------------------------------------------------------------------


def test_pdf_pages_and_lines(tmp_path: Path) -> None:
    path = make_pdf(
        tmp_path / "handover.pdf", [["Handover notes", "nothing"], ["Server: dc01", "Password: Pdf!Secret3"]]
    )
    kind, units = extract_file(path)
    assert kind == "pdf"
    assert [unit.location for unit in units] == [{"page": 1}, {"page": 2}]  # type: ignore[attr-defined]
    assert where(units, "Pdf!Secret3") == {"page": 2, "line": 2}


def test_pdf_max_pages_yields_then_raises(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "long.pdf", [[f"page {n}"] for n in range(1, 6)])
    got: list[object] = []
    ctx = ExtractContext(str(path), path.name, "pdf", 0, limits=Limits(max_pages=3))
    with path.open("rb") as stream, pytest.raises(LimitExceeded, match="max_pages"):
        got.extend(PdfExtractor().extract(stream, ctx))
    assert [unit.location["page"] for unit in got] == [1, 2, 3]  # type: ignore[attr-defined]


def test_password_pdf_is_encrypted_but_owner_only_pdf_is_read(tmp_path: Path) -> None:
    with pytest.raises(Encrypted):
        extract_file(make_pdf(tmp_path / "locked.pdf", [["secret"]], user_password="open-me"))
    _, units = extract_file(make_pdf(tmp_path / "perm.pdf", [["Password: Perm1ssion"]], owner_password="own"))
    assert where(units, "Perm1ssion") == {"page": 1, "line": 1}


def test_corrupt_pdf_is_an_extract_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 100)
    with pytest.raises(ExtractError):
        extract_file(broken)


# ---------------------------------------------------------------------------
# rtf
# ---------------------------------------------------------------------------


def test_rtf_lines_and_unicode(tmp_path: Path) -> None:
    kind, units = extract_file(make_rtf(tmp_path / "note.rtf", ["Zugang VPN", "Kennwort: Müller€{1}"]))
    assert kind == "rtf"
    assert where(units, "Kennwort: Müller€{1}") == {"line": 2}


def test_rtf_code_page_escapes(tmp_path: Path) -> None:
    path = tmp_path / "legacy.rtf"
    path.write_bytes(b"{\\rtf1\\ansi\\ansicpg1251\\deff0 \\'cf\\'e0\\'f0\\'ee\\'eb\\'fc: x1\\par}")
    _, units = extract_file(path)
    assert units[0].text.strip() == "Пароль: x1"  # type: ignore[attr-defined]
