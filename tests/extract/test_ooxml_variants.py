"""Macro-enabled, template and show OOXML (docm/dotx/dotm, ppsx/ppsm/potx/potm), xlsb and Visio vsdx."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from credscan.extract.interface import ExtractError
from credscan.limits import LimitExceeded, Limits
from credscan.model import Table, TextBlock
from tests.support.docbuilders import extract_file, make_docx, make_pptx
from tests.support.formatbuilders import (
    make_vsdx,
    make_xlsb,
    retype_ooxml,
    scan_findings,
    secrets_at,
    write_package,
    xlsb_record,
)


@pytest.mark.parametrize("suffix", [".docm", ".dotx", ".dotm"])
def test_word_variants_read_like_docx(tmp_path: Path, suffix: str) -> None:
    table = [["Device", "User", "Password"], ["NAS", "admin", "Nas#Table-66"]]
    source = make_docx(
        tmp_path / "src.docx", ["Intro", "Domain admin password: Dotm!Secret-55"], tables=[table]
    )
    path = retype_ooxml(source, tmp_path / f"Vorlage{suffix}")
    findings, stats = scan_findings(path)
    assert secrets_at(findings) == {
        "Dotm!Secret-55": {"paragraph": 2},
        "Nas#Table-66": {"table": 1, "row": 2, "column": 3},
    }
    assert stats.errors == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("suffix", [".ppsx", ".ppsm", ".potx", ".potm"])
def test_powerpoint_variants_read_like_pptx(tmp_path: Path, suffix: str) -> None:
    source = make_pptx(
        tmp_path / "src.pptx", [(["WLAN", "Kennwort: Show!Wlan-2024"], "demo password: Notes!Pw-99")]
    )
    path = retype_ooxml(source, tmp_path / f"Schulung{suffix}")
    findings, stats = scan_findings(path)
    assert secrets_at(findings) == {
        "Show!Wlan-2024": {"slide": 1, "part": "body"},
        "Notes!Pw-99": {"slide": 1, "part": "notes"},
    }
    assert stats.errors == []  # type: ignore[attr-defined]


def test_a_package_with_a_foreign_main_part_is_a_clean_error(tmp_path: Path) -> None:
    import zipfile

    source = make_docx(tmp_path / "src.docx", ["x"])
    with zipfile.ZipFile(source) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"document.main+xml", b"other+xml"
    )
    with pytest.raises(ExtractError, match="not a Word document"):
        extract_file(write_package(tmp_path / "odd.docx", members))


# ---------------------------------------------------------------------------
# xlsb
# ---------------------------------------------------------------------------


def test_xlsb_cells_hidden_sheets_and_value_types(tmp_path: Path) -> None:
    path = make_xlsb(
        tmp_path / "Kunden.xlsb",
        {
            "Logins": [["System", "Benutzer", "Passwort"], ["Firewall", "admin", "Xlsb!Shared-71"],
                       ["NAS", "root", "=Xlsb!Inline-72"], [None, 42, 2.5, True]],
            "Geheim": [[], ["", "Passwort: Xlsb!Hidden-73"]],
        },
        hidden=["Geheim"],
    )  # fmt: skip
    kind, units = extract_file(path)
    assert kind == "xlsb"
    logins, hidden = units
    assert isinstance(logins, Table) and isinstance(hidden, Table)
    assert logins.rows[3] == ["", "42", "2.5", "TRUE"]
    assert (hidden.hidden, hidden.cell_location(0, 0)) == (
        True,
        {"sheet": "Geheim", "cell": "B2", "row": 2, "column": 2},
    )
    findings, _ = scan_findings(path)
    found = secrets_at(findings)
    assert found["Xlsb!Shared-71"] == {"sheet": "Logins", "cell": "C2", "row": 2, "column": 3}
    assert found["Xlsb!Inline-72"] == {"sheet": "Logins", "cell": "C3", "row": 3, "column": 3}
    assert "Xlsb!Hidden-73" in found


def _xlsb_with_sheet(tmp_path: Path, sheet: bytes, name: str = "bad.xlsb") -> Path:
    good = make_xlsb(tmp_path / "good.xlsb", {"S": [["a"]]})
    import zipfile

    with zipfile.ZipFile(good) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    members["xl/worksheets/sheet1.bin"] = sheet
    return write_package(tmp_path / name, members)


@pytest.mark.parametrize(
    "sheet",
    [
        xlsb_record(0x00, struct.pack("<I", 0))
        + xlsb_record(0x07, struct.pack("<III", 0, 0, 4)),  # sst index 4 of 1
        xlsb_record(0x00, struct.pack("<I", 0)) + b"\x06\x7f\x00",  # record longer than the part
        xlsb_record(0x00, struct.pack("<I", 0))
        + xlsb_record(0x06, struct.pack("<III", 0, 0, 10**6)),  # string
        b"\xff\xff\xff",  # header never ends
    ],
)
def test_corrupt_xlsb_is_one_clean_error_never_a_panic(
    tmp_path: Path, sheet: bytes, capfd: pytest.CaptureFixture[str]
) -> None:
    """calamine panics on the first (a Rust backtrace on stderr); the own reader raises ExtractError."""
    path = _xlsb_with_sheet(tmp_path, sheet)
    with pytest.raises(ExtractError, match="corrupt xlsb sheet"):
        extract_file(path)
    findings, stats = scan_findings(path)
    assert findings == [] and len(stats.errors) == 1  # type: ignore[attr-defined]
    assert capfd.readouterr().err == ""


def test_xlsb_cells_are_capped(tmp_path: Path) -> None:
    path = make_xlsb(tmp_path / "wide.xlsb", {"S": [["x"] * 50 for _ in range(50)]})
    with pytest.raises(LimitExceeded, match="max_cells"):
        extract_file(path, Limits(max_cells=1000))

    def inline(row: int, column: int, text: str) -> bytes:
        cell = struct.pack("<III", column, 0, len(text)) + text.encode("utf-16-le")
        return xlsb_record(0x00, struct.pack("<I", row)) + xlsb_record(0x06, cell)

    sparse = _xlsb_with_sheet(tmp_path, inline(0, 0, "a") + inline(1_000_000, 16000, "b"), "sparse.xlsb")
    with pytest.raises(LimitExceeded, match="max_cells"):
        extract_file(sparse)


# ---------------------------------------------------------------------------
# Visio
# ---------------------------------------------------------------------------


def test_visio_shape_text_and_shape_data(tmp_path: Path) -> None:
    path = make_vsdx(
        tmp_path / "Netzplan.vsdx",
        [
            [("Core switch 10.0.0.2", {}), ("Firewall", {"IP": "10.0.0.1", "Password": "Visio!Data-31"})],
            [("WLAN\nKennwort: Visio!Text-32", {})],
        ],
    )
    kind, units = extract_file(path)
    assert kind == "vsdx"
    assert [type(u) for u in units] == [TextBlock, TextBlock]
    assert units[0].text.split("\n") == [
        "Core switch 10.0.0.2",
        "Firewall",
        "IP: 10.0.0.1",
        "Password: Visio!Data-31",
    ]  # type: ignore[union-attr]
    findings, _ = scan_findings(path)
    assert secrets_at(findings) == {
        "Visio!Data-31": {"page": 1, "shape": 2},
        "Visio!Text-32": {"page": 2, "shape": 1},
    }


def test_visio_hostile_xml_is_a_clean_error(tmp_path: Path) -> None:
    path = make_vsdx(tmp_path / "x.vsdx", [[("a", {})]])
    import zipfile

    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    members["visio/pages/page1.xml"] = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
        b"<PageContents>&b;</PageContents>"
    )
    with pytest.raises(ExtractError, match="unreadable Visio"):
        extract_file(write_package(tmp_path / "bad.vsdx", members))
    members["visio/pages/page1.xml"] = b"<PageContents><Shapes><Shape"
    with pytest.raises(ExtractError, match="unreadable Visio"):
        extract_file(write_package(tmp_path / "cut.vsdx", members))
