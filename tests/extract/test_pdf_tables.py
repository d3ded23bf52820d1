"""Tables in PDFs: rows recovered from text positions (ruled or not, across page breaks) become Table units
for the table detector; prose in columns stays prose. Cost: ~2 s (fpdf2 builds, PDFium reads)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from credscan.extract import pdf as pdf_module
from credscan.limits import LimitExceeded, Limits
from credscan.model import FileRef, FileResult, ScanOptions, Table, TextBlock
from credscan.scan import Scanner
from tests.support.docbuilders import extract_file

KEY = b"k" * 32
HEADER = ["Device", "IP address", "User", "Password"]
ROWS = [
    ["HPE iLO", "172.16.4.20", "Administrator", "Xk9#mPq2!vL"],
    ["Core switch", "172.16.4.2", "admin", "Sw1tch-Pa55"],
    ["Synology NAS", "172.16.4.30", "root", "Nas_2024$secure"],
]
WIDTHS = (45, 40, 45, 50)
PROSE = (
    "The migration of the file server is planned for the second weekend of the month, after the "
    "backup has been verified by the customer and the change board has approved the window. "
)


def scan(path: Path) -> FileResult:
    with Scanner(ScanOptions(jobs=0, fingerprint_key=KEY, show_secrets=True)) as scanner:
        stat = path.stat()
        return scanner.scan_one(FileRef(path=str(path), size=stat.st_size, mtime=stat.st_mtime))


def new_pdf() -> object:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=10)
    pdf.add_page()
    return pdf


def ruled_table(pdf: object, rows: Sequence[Sequence[str]], repeat_headings: int = 1) -> None:
    with pdf.table(col_widths=WIDTHS, repeat_headings=repeat_headings) as table:  # type: ignore[attr-defined]
        for row in rows:
            cells = table.row()
            for value in row:
                cells.cell(value)


def unruled_rows(pdf: object, rows: Sequence[Sequence[str]], height: float = 6) -> None:
    """Cells placed side by side without borders, as a tab-aligned list or a borderless Word table."""
    for row in rows:
        for value, width in zip(row, WIDTHS, strict=True):
            pdf.cell(width, height, value)  # type: ignore[attr-defined]
        pdf.ln(height)  # type: ignore[attr-defined]


def tables_of(path: Path) -> list[Table]:
    return [unit for unit in extract_file(path)[1] if isinstance(unit, Table)]


def found(result: FileResult) -> dict[str, object]:
    return {str(f.secret): f for f in result.findings}


@pytest.mark.parametrize("layout", ["ruled", "unruled"])
def test_network_documentation_table(tmp_path: Path, layout: str) -> None:
    pdf = new_pdf()
    pdf.cell(0, 8, "Client A - network documentation", new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
    (ruled_table if layout == "ruled" else unruled_rows)(pdf, [HEADER, *ROWS])
    pdf.cell(0, 8, "Reviewed in March.", new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
    path = tmp_path / f"{layout}.pdf"
    pdf.output(str(path))  # type: ignore[attr-defined]

    [table] = tables_of(path)
    assert table.rows == [HEADER, *ROWS]
    result = scan(path)
    by_secret = found(result)
    assert set(by_secret) == {row[3] for row in ROWS}  # each once, at its cell (the page text has no copy)
    ilo = by_secret["Xk9#mPq2!vL"]
    assert ilo.location == {"page": 1, "table": 1, "row": 2, "column": 4}  # type: ignore[attr-defined]
    assert "Administrator" in (ilo.account or "")  # type: ignore[attr-defined]


def test_table_lines_are_left_blank_in_the_page_text(tmp_path: Path) -> None:
    pdf = new_pdf()
    pdf.cell(0, 8, "Before the table", new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
    unruled_rows(pdf, [HEADER, *ROWS])
    pdf.cell(0, 8, "Password: After-Tab1e!", new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
    path = tmp_path / "mixed.pdf"
    pdf.output(str(path))  # type: ignore[attr-defined]
    [block] = [u for u in extract_file(path)[1] if isinstance(u, TextBlock)]
    lines = block.text.split("\n")
    assert lines[0] == "Before the table" and lines[1:5] == [""] * 4
    assert block.line_location(5) == {"page": 1, "line": 6}
    assert found(scan(path))["After-Tab1e!"].location == {"page": 1, "line": 6}  # type: ignore[attr-defined]


@pytest.mark.parametrize("repeat", [0, 1])
def test_table_continued_on_the_next_page_keeps_its_header(tmp_path: Path, repeat: int) -> None:
    """A long table breaks over pages, with or without its header repeated: rows on page 2 are still read
    under the header of page 1, as the same table number."""
    many = [[f"Server {k:02d}", f"10.1.{k}.5", f"svc{k:02d}", f"Pw-{k:02d}x!Qz{k:02d}"] for k in range(60)]
    pdf = new_pdf()
    ruled_table(pdf, [HEADER, *many], repeat_headings=repeat)
    path = tmp_path / f"long-{repeat}.pdf"
    pdf.output(str(path))  # type: ignore[attr-defined]
    tables = tables_of(path)
    assert len({t.location["page"] for t in tables}) >= 2
    assert all(t.location["table"] == 1 and t.rows[0] == HEADER for t in tables)
    by_secret = found(scan(path))
    assert set(by_secret) == {row[3] for row in many}
    last = by_secret["Pw-59x!Qz59"]
    assert last.location["page"] >= 2 and last.location["column"] == 4  # type: ignore[attr-defined]
    assert last.account is not None and "svc59" in last.account  # type: ignore[attr-defined]


def test_wrapped_cells_join_their_row_also_across_a_page_break(tmp_path: Path) -> None:
    """Narrow columns wrap a password or a note onto more lines, as Word and LibreOffice do; a row may
    even break over the page. Every password is read whole, at its row."""
    from fpdf import FPDF

    many = [
        [
            f"iLO {k:02d}",
            f"10.1.{k}.5",
            "Administrator",
            f"Xk{k:02d}#mPq2!vLw9Tz",
            "replaced 2023" if k % 3 else "",
        ]
        for k in range(40)
    ]
    pdf = FPDF()
    pdf.set_font("Helvetica", size=10)
    pdf.add_page()
    with pdf.table(width=110, col_widths=(22, 22, 22, 22, 22), repeat_headings=0, line_height=5) as table:
        for row in [["Device", "IP", "User", "Password", "Notes"], *many]:
            cells = table.row()
            for value in row:
                cells.cell(value)
    path = tmp_path / "wrapped.pdf"
    pdf.output(str(path))
    tables = tables_of(path)
    assert len(tables) >= 2
    assert all(row[2] in ("User", "Administrator") for table in tables for row in table.rows)
    by_secret = found(scan(path))
    assert {row[3] for row in many} <= set(by_secret)
    location = by_secret["Xk07#mPq2!vLw9Tz"].location  # type: ignore[attr-defined]
    assert location == {"page": 1, "table": 1, "row": 9, "column": 4}


def test_two_column_prose_is_not_a_table(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=10)
    pdf.add_page()
    top = pdf.get_y()
    pdf.multi_cell(85, 5, PROSE * 4)
    pdf.set_xy(110, top)
    pdf.multi_cell(85, 5, PROSE * 4)
    path = tmp_path / "columns.pdf"
    pdf.output(str(path))
    units = extract_file(path)[1]
    assert not [u for u in units if isinstance(u, Table)]
    [block] = units
    assert isinstance(block, TextBlock) and "migration" in block.text


def test_bulleted_and_numbered_lists_are_not_tables(tmp_path: Path) -> None:
    """A list's markers sit in a column of their own (seen in real manuals converted to PDF)."""
    pdf = new_pdf()
    for marker in ("-", "-", "-", "1.", "2.", "3."):
        pdf.cell(10, 6, marker)  # type: ignore[attr-defined]
        pdf.cell(0, 6, "Switch stack, VLAN 20", new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
    path = tmp_path / "list.pdf"
    pdf.output(str(path))  # type: ignore[attr-defined]
    assert not tables_of(path)


def test_key_value_list_without_colons_is_still_found(tmp_path: Path) -> None:
    """Labels and values in two aligned columns, no colon: read as a two-column table of labels."""
    pdf = new_pdf()
    pairs = [("Hostname", "fw01.acme.local"), ("Username", "admin"), ("Password", "Fw!2024-secure")]
    for label, value in pairs:
        pdf.cell(40, 6, label)  # type: ignore[attr-defined]
        pdf.cell(60, 6, value, new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
    path = tmp_path / "kv.pdf"
    pdf.output(str(path))  # type: ignore[attr-defined]
    assert "Fw!2024-secure" in found(scan(path))


def test_form_of_labels_stays_text(tmp_path: Path) -> None:
    """ "Label: value" pairs side by side are read as lines, where the prose rules read labels."""
    pdf = new_pdf()
    for label, value in [("Hostname:", "fw01"), ("User:", "admin"), ("Password:", "Form-Pa55!x")]:
        pdf.cell(40, 6, label)  # type: ignore[attr-defined]
        pdf.cell(60, 6, value, new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
    path = tmp_path / "form.pdf"
    pdf.output(str(path))  # type: ignore[attr-defined]
    assert not tables_of(path)
    assert found(scan(path))["Form-Pa55!x"].location == {"page": 1, "line": 3}  # type: ignore[attr-defined]


def test_page_with_too_many_pieces_keeps_its_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_module, "MAX_RECTS", 5)
    pdf = new_pdf()
    unruled_rows(pdf, [HEADER, *ROWS])
    path = tmp_path / "dense.pdf"
    pdf.output(str(path))  # type: ignore[attr-defined]
    units = extract_file(path)[1]
    assert not [u for u in units if isinstance(u, Table)]
    assert "Xk9#mPq2!vL" in units[0].text  # type: ignore[attr-defined]


def test_many_pages_of_tables_stay_fast_and_capped(tmp_path: Path) -> None:
    pdf = new_pdf()
    for page in range(120):
        if page:
            pdf.add_page()  # type: ignore[attr-defined]
        unruled_rows(pdf, [HEADER, *ROWS] * 8)
    path = tmp_path / "pages.pdf"
    pdf.output(str(path))  # type: ignore[attr-defined]
    started = time.monotonic()
    with pytest.raises(LimitExceeded, match="max_pages"):
        extract_file(path, Limits(max_pages=100))
    assert time.monotonic() - started < 10
