"""Spreadsheets: every sheet incl. hidden ones, true cell addresses, values as Excel shows them, caps."""

from __future__ import annotations

import datetime as dt
import re
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from credscan.extract.interface import Encrypted, ExtractContext, ExtractError
from credscan.extract.spreadsheet import SpreadsheetExtractor
from credscan.limits import LimitExceeded, Limits
from credscan.model import Table
from tests.support.docbuilders import (
    extract_file,
    make_docx,
    make_encrypted_office,
    make_ods,
    make_xls,
    make_xlsx,
)


def tables(path: Path, limits: Limits | None = None) -> list[Table]:
    kind, units = extract_file(path, limits)
    assert kind in ("xlsx", "ods", "xls")
    assert all(isinstance(unit, Table) for unit in units)
    return units  # type: ignore[return-value]


def cell(table: Table, text: str) -> dict[str, object]:
    for r, row in enumerate(table.rows):
        for c, value in enumerate(row):
            if value == text:
                return table.cell_location(r, c)
    raise AssertionError(f"{text!r} not in {table.rows}")


def test_hidden_sheets_and_offset_header_keep_true_cell_addresses(tmp_path: Path) -> None:
    path = make_xlsx(
        tmp_path / "Clients.xlsx",
        {
            "Overview": [["nothing here"]],
            "Logins": [["System", "User", "Password"], ["NAS", "admin", "Su93rS3cr3t!"]],
            "Old": [["Password"], ["Winter2023!"]],
        },
        hidden={"Logins"},
        very_hidden={"Old"},
        start_cell={"Logins": "C5"},
    )
    overview, logins, old = tables(path)
    assert overview.hidden is False
    assert logins.hidden is True and old.hidden is True
    assert cell(logins, "Su93rS3cr3t!") == {"sheet": "Logins", "cell": "E6", "row": 6, "column": 5}
    assert cell(logins, "System") == {"sheet": "Logins", "cell": "C5", "row": 5, "column": 3}
    assert cell(old, "Winter2023!")["cell"] == "A2"


def test_values_as_the_user_sees_them(tmp_path: Path) -> None:
    row = [
        123456,
        2.5,
        True,
        False,
        dt.date(2024, 1, 2),
        dt.datetime(2024, 1, 2, 3, 4, 5),
        0.1 + 0.2,
        "00123",
        -7,
    ]
    (table,) = tables(make_xlsx(tmp_path / "types.xlsx", {"S": [row]}))
    assert table.rows == [
        ["123456", "2.5", "TRUE", "FALSE", "2024-01-02", "2024-01-02 03:04:05", "0.3", "00123", "-7"]
    ]


def test_wide_gap_is_kept_as_empty_cells(tmp_path: Path) -> None:
    (table,) = tables(make_xlsx(tmp_path / "gap.xlsx", {"S": [["Password", None, None, "x"], [], ["y"]]}))
    assert table.rows == [["Password", "", "", "x"], ["", "", "", ""], ["y", "", "", ""]]


def test_ods(tmp_path: Path) -> None:
    first, second = tables(make_ods(tmp_path / "list.ods", {"A": [["Kennwort", 4711]], "B": [["x", True]]}))
    assert first.location == {"sheet": "A"} and first.rows == [["Kennwort", "4711"]]
    assert second.rows == [["x", "TRUE"]]


def test_max_cells_stops_after_yielding_what_fits(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "big.xlsx", {"small": [["a", "b"]] * 5, "large": [["x"] * 10] * 100})
    got: list[object] = []
    with path.open("rb") as stream, pytest.raises(LimitExceeded, match="max_cells"):
        ctx = ExtractContext(str(path), path.name, "xlsx", 0, limits=Limits(max_cells=100))
        got.extend(SpreadsheetExtractor().extract(stream, ctx))
    assert got[0].location == {"sheet": "small"}  # type: ignore[attr-defined]
    # the sheet over the cap is read row by row up to the cap, not dropped (README: "scanned up to the cap")
    assert len(got) == 2 and got[1].location == {"sheet": "large"}  # type: ignore[attr-defined]
    assert 0 < sum(map(len, got[1].rows)) <= 100 - 10  # type: ignore[attr-defined]


def test_sparse_far_cell_is_streamed_not_densified(tmp_path: Path) -> None:
    """A1 and XFD1048576 would make calamine allocate 17 billion cells: the XML scan sees it first, and the
    sheet is read row by row instead, only its real cells materialised (issue 14, item 8)."""
    book = make_xlsx(tmp_path / "src.xlsx", {"S": [["a"]]})
    far = b'<row r="1048576"><c t="inlineStr" r="XFD1048576"><is><t>z</t></is></c></row></sheetData>'
    path = rewrite_member(
        book, tmp_path / "sparse.xlsx", "xl/worksheets/sheet1.xml", lambda d: d.replace(b"</sheetData>", far)
    )
    started = time.monotonic()
    _, units = extract_file(path)
    assert time.monotonic() - started < 5
    texts = {cell for unit in units for row in unit.rows for cell in row if cell}  # type: ignore[attr-defined]
    assert texts == {"a", "z"}


@pytest.mark.parametrize(
    ("name", "far"),
    [
        # the row element says 1, the cell's own reference (which calamine follows) says 1048576
        ("cell_row", b'<row r="1"><c t="inlineStr" r="XFD1048576"><is><t>z</t></is></c></row>'),
        # <dimension ref="A1:A1"> stays as written: it lies about the far cell
        ("lying_dimension", b'<row r="1048576"><c t="inlineStr" r="XFD1048576"><is><t>z</t></is></c></row>'),
        ("row_past_dimension", b'<row r="3000000"><c t="inlineStr" r="B3000000"><is><t>z</t></is></c></row>'),
        # XML allows either quote and white space around "=": the guard must read them as calamine does
        ("single_quotes", b"<row r='1'><c t='inlineStr' r='XFD1048576'><is><t>z</t></is></c></row>"),
        ("spaced", b'<row r = "1"><c t="inlineStr"\n  r =\t"XFD1048576"><is><t>z</t></is></c></row>'),
    ],
)
def test_far_cell_beyond_dimension_or_row_never_hides_the_sheet(
    tmp_path: Path, name: str, far: bytes
) -> None:
    book = make_xlsx(tmp_path / "src.xlsx", {"S": [["a"]]})
    sheet = "xl/worksheets/sheet1.xml"
    path = rewrite_member(
        book, tmp_path / f"{name}.xlsx", sheet, lambda d: d.replace(b"</sheetData>", far + b"</sheetData>")
    )
    assert b'<dimension ref="A1:A1"/>' in zipfile.ZipFile(path).read(sheet)
    started = time.monotonic()
    _, units = extract_file(path)
    assert time.monotonic() - started < 5
    assert units[0].rows[0] == ["a"]  # type: ignore[attr-defined]


def test_dimension_bound_keeps_max_cells_decisions_exact(tmp_path: Path) -> None:
    """<dimension> rounded up (A1:B19 -> B99) must not refuse a sheet whose real range fits."""
    path = make_xlsx(tmp_path / "fits.xlsx", {"S": [["x", "y"]] * 19})
    with path.open("rb") as stream:
        ctx = ExtractContext(str(path), path.name, "xlsx", 0, limits=Limits(max_cells=38))
        (table,) = SpreadsheetExtractor().extract(stream, ctx)
    assert len(table.rows) == 19


@pytest.mark.parametrize("ref", [b"A1:B" + b"9" * 1001, b"A1:ZZZZZ2", b"A1:B2"], ids=["rows", "cols", "true"])
def test_any_dimension_claim_gives_the_real_cells(tmp_path: Path, ref: bytes) -> None:
    """<dimension> only speeds the guard up: past Excel's last cell it is ignored, not compiled into a
    pattern (RE2 refuses repetitions over 1000), and the sheet's own references decide."""
    book = make_xlsx(tmp_path / "src.xlsx", {"S": [["Passwort", "x"], ["a", "b"]]})
    path = rewrite_member(
        book,
        tmp_path / "claim.xlsx",
        "xl/worksheets/sheet1.xml",
        lambda d: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="' + ref + b'"/>', d),
    )
    assert b'<dimension ref="' + ref in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    with path.open("rb") as stream:
        ctx = ExtractContext(str(path), path.name, "xlsx", 0, limits=Limits(max_cells=4))
        (table,) = SpreadsheetExtractor().extract(stream, ctx)
    assert table.rows == [["Passwort", "x"], ["a", "b"]]


def test_corrupt_xlsx_is_an_extract_error(tmp_path: Path) -> None:
    good = make_xlsx(tmp_path / "good.xlsx", {"S": [[f"cell{i}" for i in range(20)]] * 50})
    data = good.read_bytes()
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(data[: len(data) // 2])
    with pytest.raises(ExtractError):
        extract_file(truncated)
    garbage = tmp_path / "garbage.xlsx"
    garbage.write_bytes(b"PK\x03\x04" + b"\xff" * 5000)
    with pytest.raises(ExtractError):
        extract_file(garbage)


def rewrite_member(source: Path, target: Path, member: str, edit: Callable[[bytes], bytes]) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            new.writestr(info, edit(data) if info.filename == member else data)
    return target


def test_truncated_sheet_xml_gives_what_was_readable_or_an_extract_error(tmp_path: Path) -> None:
    book = make_xlsx(tmp_path / "src.xlsx", {"S": [[f"v{i}" for i in range(10)]] * 30})
    path = rewrite_member(book, tmp_path / "cut.xlsx", "xl/worksheets/sheet1.xml", lambda d: d[: len(d) // 2])
    try:
        (table,) = tables(path)
    except ExtractError:
        return
    assert 0 < len(table.rows) < 30  # calamine keeps the rows it could parse


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
)


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(lambda d: d[: len(d) // 2], id="truncated"),
        pytest.param(lambda d: BILLION_LAUGHS + d.replace(b"<sheets>", b"<sheets>&lol2;"), id="entity-bomb"),
    ],
)
def test_bad_workbook_xml_is_an_extract_error(tmp_path: Path, edit: Callable[[bytes], bytes]) -> None:
    book = make_xlsx(tmp_path / "src.xlsx", {"S": [["a"]]})
    path = rewrite_member(book, tmp_path / "bad.xlsx", "xl/workbook.xml", edit)
    with pytest.raises(ExtractError):
        extract_file(path)


def test_encrypted_xlsx_is_encrypted_even_when_misnamed(tmp_path: Path) -> None:
    book = make_xlsx(tmp_path / "plain.xlsx", {"S": [["Password", "x"]]})
    locked = make_encrypted_office(book, tmp_path / "locked.xlsx")
    with pytest.raises(Encrypted):
        extract_file(locked)
    with locked.open("rb") as stream, pytest.raises(Encrypted):  # reached directly, e.g. by extension
        list(SpreadsheetExtractor().extract(stream, ExtractContext("x", "x.xlsx", "xlsx", 0)))


def test_docx_given_to_the_spreadsheet_reader_is_an_error_not_a_crash(tmp_path: Path) -> None:
    doc = make_docx(tmp_path / "a.docx", ["x"])
    with doc.open("rb") as stream, pytest.raises(ExtractError):
        list(SpreadsheetExtractor().extract(stream, ExtractContext("x", "x.xlsx", "xlsx", 0)))


def test_twenty_thousand_rows_are_fast(tmp_path: Path) -> None:
    rows = [["Host", "User", "Password", "Note"]] + [[f"h{i}", f"u{i}", f"P{i}!x", i] for i in range(20_000)]
    path = make_xlsx(tmp_path / "big.xlsx", {"S": rows})
    started = time.monotonic()
    (table,) = tables(path)
    elapsed = time.monotonic() - started
    assert len(table.rows) == 20_001
    assert table.rows[20_000] == ["h19999", "u19999", "P19999!x", "19999"]
    assert elapsed < 3, elapsed  # ~0.2 s on an idle core


def test_legacy_xls_with_hidden_sheet_and_offset(tmp_path: Path) -> None:
    path = make_xls(
        tmp_path / "alt.dat",
        {"Main": [["User", "Password"], ["bob", 123456]], "Geheim": [["Kennwort", "Xls!Secret"]]},
        hidden={"Geheim"},
        start=(3, 2),
    )
    kind, units = extract_file(path)
    assert kind == "xls"
    main, secret = units
    assert isinstance(main, Table) and isinstance(secret, Table)
    assert main.hidden is False and secret.hidden is True
    assert cell(main, "123456") == {"sheet": "Main", "cell": "C4", "row": 4, "column": 3}
    assert cell(secret, "Xls!Secret") == {"sheet": "Geheim", "cell": "C3", "row": 3, "column": 3}


def test_encrypted_xls_is_typed_as_encrypted(tmp_path: Path) -> None:
    path = make_xls(tmp_path / "locked.xls", {"S": [["x"]]}, encrypted=True)
    with pytest.raises(Encrypted):
        extract_file(path)


def test_xls_with_impossible_dimensions_is_refused_before_calamine(tmp_path: Path) -> None:
    """calamine would try to allocate ~178 GB for this and abort the process (found by fuzzing)."""
    path = make_xls(tmp_path / "corrupt.xls", {"S": [["a", "b"], ["c", "d"]]})
    data = bytearray(path.read_bytes())
    dimensions = data.find(b"\x00\x02\x0e\x00")  # DIMENSIONS record, 14 bytes
    data[dimensions + 4] = 173  # first row 173 > last row 2
    path.write_bytes(bytes(data))
    with pytest.raises(ExtractError, match="DIMENSIONS"):
        extract_file(path)
