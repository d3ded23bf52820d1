"""Document structure: ODT/ODP tables and frames, RTF tables, docx text boxes (DrawingML + VML fallback, VML
only, in headers) and text inside content controls — each located, each read once."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from credscan.extract.interface import ExtractError
from credscan.limits import LimitExceeded, Limits
from credscan.model import Table, TextBlock
from tests.support.docbuilders import extract_file, make_docx
from tests.support.formatbuilders import make_odf, odf_paragraph, odf_table, scan_findings, secrets_at

NETWORK_TABLE = [
    ["Gerät", "IP-Adresse", "Benutzer", "Kennwort"],
    ["HPE iLO", "172.16.0.5", "Administrator", "Odt!Tbl-iLO-1"],
    ["Fortigate", "172.16.0.1", "admin", "Odt!Tbl-Fw-2"],
]


# ---------------------------------------------------------------------------
# ODT / ODP
# ---------------------------------------------------------------------------


def test_odt_paragraphs_tables_frames_comments_headers(tmp_path: Path) -> None:
    repeated = (
        '<table:table table:name="Wide"><table:table-row>'
        "<table:table-cell><text:p>Dienst</text:p></table:table-cell>"
        '<table:table-cell table:number-columns-spanned="2"><text:p>Zugang</text:p></table:table-cell>'
        "<table:covered-table-cell/>"
        "<table:table-cell><text:p>Passwort</text:p></table:table-cell>"
        '<table:table-cell table:number-columns-repeated="16000"/></table:table-row>'
        "<table:table-row><table:table-cell><text:p>VPN</text:p></table:table-cell>"
        '<table:table-cell table:number-columns-repeated="2">'
        "<text:p>vpn.example.org</text:p></table:table-cell>"
        "<table:table-cell><text:p>Odt!Span-3</text:p></table:table-cell></table:table-row>"
        '<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
        'table:number-columns-repeated="16000"/></table:table-row></table:table>'
    )
    body = (
        "<office:text>"
        + odf_paragraph("Netzwerkdokumentation")
        + '<text:h text:outline-level="1">Zugänge</text:h>'
        + "<text:p>Domänen-Admin Kennwort:<text:s/>Odt!Body-4<office:annotation><dc:creator>M</dc:creator>"
        + "<text:p>alt: Kennwort Odt!Comment-5</text:p></office:annotation></text:p>"
        + "<text:list><text:list-item>" + odf_paragraph("WLAN-Schlüssel: Odt!List-6")
        + "</text:list-item></text:list>"
        + odf_table(NETWORK_TABLE)
        + repeated
        + '<text:p><draw:frame draw:name="Box"><draw:text-box>'
        + odf_paragraph("Notfall-Zugang")
        + odf_paragraph("Passwort: Odt!Frame-7")
        + "</draw:text-box></draw:frame></text:p>"
        + "</office:text>"
    )  # fmt: skip
    styles = (
        '<style:master-page style:name="Standard"><style:header>'
        + odf_paragraph("Tresor-PIN: 4711 – Kennwort: Odt!Header-8")
        + "</style:header></style:master-page>"
    )
    path = make_odf(tmp_path / "Netzwerk.odt", body, styles)
    kind, units = extract_file(path)
    assert kind == "odt"
    tables = [u.rows for u in units if isinstance(u, Table)]
    assert tables[0] == NETWORK_TABLE
    assert tables[1] == [["Dienst", "Zugang", "", "Passwort"], ["VPN", "vpn.example.org", "", "Odt!Span-3"]]
    found = secrets_at(scan_findings(path)[0])
    assert found["Odt!Body-4"] == {"paragraph": 3}
    assert found["Odt!List-6"] == {"paragraph": 4}
    assert found["Odt!Tbl-iLO-1"] == {"table": 1, "row": 2, "column": 4}
    assert found["Odt!Tbl-Fw-2"] == {"table": 1, "row": 3, "column": 4}
    assert found["Odt!Span-3"] == {"table": 2, "row": 2, "column": 4}
    assert found["Odt!Comment-5"] == {"part": "comment", "comment": 1}
    assert found["Odt!Frame-7"] == {"part": "textbox", "textbox": 1}
    assert found["Odt!Header-8"] == {"part": "header"}


def test_odp_slides_and_notes(tmp_path: Path) -> None:
    body = (
        "<office:presentation>"
        '<draw:page draw:name="p1"><draw:frame><draw:text-box>' + odf_paragraph("WLAN Kennwort: Odp!Slide-1")
        + "</draw:text-box></draw:frame><presentation:notes><draw:frame><draw:text-box>"
        + odf_paragraph("demo password: Odp!Notes-2")
        + "</draw:text-box></draw:frame></presentation:notes></draw:page>"
        '<draw:page draw:name="p2"><draw:frame>' + odf_table([["User", "Password"], ["sa", "Odp!Tbl-3"]])
        + "</draw:frame></draw:page></office:presentation>"
    )  # fmt: skip
    path = make_odf(tmp_path / "Schulung.odp", body)
    assert extract_file(path)[0] == "odp"
    assert secrets_at(scan_findings(path)[0]) == {
        "Odp!Slide-1": {"slide": 1, "part": "body"},
        "Odp!Notes-2": {"slide": 1, "part": "notes"},
        "Odp!Tbl-3": {"slide": 2, "table": 1, "row": 2, "column": 2},
    }


def test_hostile_odt(tmp_path: Path) -> None:
    laughs = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    path = make_odf(tmp_path / "x.odt", "<office:text><text:p>&b;</text:p></office:text>")
    import zipfile

    from tests.support.formatbuilders import write_package

    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    content = members["content.xml"].decode()
    members["content.xml"] = content.replace("?>", "?>" + laughs, 1).encode()
    with pytest.raises(ExtractError, match="unreadable OpenDocument"):
        extract_file(write_package(tmp_path / "laughs.odt", members))
    members["content.xml"] = content[: len(content) // 2].encode()
    with pytest.raises(ExtractError, match="unreadable OpenDocument"):
        extract_file(write_package(tmp_path / "cut.odt", members))
    wide = make_odf(tmp_path / "wide.odt", "<office:text>" + odf_table([["x"] * 40] * 40) + "</office:text>")
    with pytest.raises(LimitExceeded, match="max_cells"):
        extract_file(wide, Limits(max_cells=1000))


def test_style_template_without_content_is_read_not_an_error(tmp_path: Path) -> None:
    """LibreOffice's own style templates (Default.ott) hold styles.xml and no content.xml: their page header
    is their text. A file with neither part is still an error."""
    import zipfile

    from tests.support.formatbuilders import write_package

    header = "<style:master-page><style:header>" + odf_paragraph("Kennwort: Ott!Header-8") + "</style:header>"
    path = make_odf(tmp_path / "Default.odt", "<office:text/>", header + "</style:master-page>")
    with zipfile.ZipFile(path) as archive:
        members = {i.filename: archive.read(i) for i in archive.infolist() if i.filename != "content.xml"}
    _, units = extract_file(write_package(tmp_path / "Default.ott", members))
    assert any("Ott!Header-8" in getattr(unit, "text", "") for unit in units)
    del members["styles.xml"]
    with pytest.raises(ExtractError, match=r"neither content\.xml nor styles\.xml"):
        extract_file(write_package(tmp_path / "empty.ott", members))


# ---------------------------------------------------------------------------
# RTF tables
# ---------------------------------------------------------------------------


def rtf_table(rows: list[list[str]]) -> str:
    """Rows the way Word writes them: \\trowd with cell boundaries, \\intbl paragraphs, \\cell, \\row."""
    out = []
    for row in rows:
        bounds = "".join(f"\\cellx{1500 * (k + 1)}" for k in range(len(row)))
        cells = "".join(f"\\pard\\intbl {escape_rtf(value)}\\cell " for value in row)
        out.append(f"\\trowd\\trgaph108{bounds}{cells}\\row ")
    return "".join(out)


def escape_rtf(text: str) -> str:
    return "".join(ch if ord(ch) < 128 else f"\\u{ord(ch)}?" for ch in text.replace("\\", "\\\\"))


def test_rtf_tables_become_tables(tmp_path: Path) -> None:
    rows = [["Gerät", "IP", "Benutzer", "Passwort"], ["Switch", "10.0.0.2", "admin", "Rtf!Tbl-1"],
            ["NAS", "10.0.0.5", "", "Rtf!Tbl-2"]]  # fmt: skip
    rtf = (
        "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Calibri;}}"
        "\\pard Netzwerk\\par Admin-Kennwort: Rtf!Body-3\\par "
        + rtf_table(rows)
        + "\\pard Danach\\par "
        + rtf_table([["Login", "Kennwort"], ["sa", "Rtf!Tbl2-4"]])
        + "}"
    )
    path = tmp_path / "doku.rtf"
    path.write_text(rtf, encoding="ascii")
    _, units = extract_file(path)
    tables = [u.rows for u in units if isinstance(u, Table)]
    assert tables == [rows, [["Login", "Kennwort"], ["sa", "Rtf!Tbl2-4"]]]
    text = next(u for u in units if isinstance(u, TextBlock))
    assert text.text.split("\n") == ["Netzwerk", "Admin-Kennwort: Rtf!Body-3", "Danach"]
    found = secrets_at(scan_findings(path)[0])
    assert found["Rtf!Body-3"] == {"line": 2}
    assert found["Rtf!Tbl-1"] == {"table": 1, "row": 2, "column": 4}
    assert found["Rtf!Tbl-2"] == {"table": 1, "row": 3, "column": 4}
    assert found["Rtf!Tbl2-4"] == {"table": 2, "row": 2, "column": 2}


def test_rtf_cells_without_row_definition_and_unclosed_rows(tmp_path: Path) -> None:
    path = tmp_path / "odd.rtf"
    path.write_text(
        "{\\rtf1\\ansi Vorher\\par \\intbl User\\cell Passwort\\cell\\row \\intbl root\\cell Rtf!Odd-5\\cell}"
    )
    _, units = extract_file(path)
    assert [u.rows for u in units if isinstance(u, Table)] == [[["User", "Passwort"], ["root", "Rtf!Odd-5"]]]


# ---------------------------------------------------------------------------
# docx text boxes
# ---------------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _box_xml(text: str) -> str:
    paragraphs = "".join(
        f"<w:p><w:r><w:t xml:space='preserve'>{escape(line)}</w:t></w:r></w:p>" for line in text.split("\n")
    )
    return f"<w:txbxContent>{paragraphs}</w:txbxContent>"


def drawing_textbox(text: str) -> str:
    """A text box as Word 2010+ writes it: a wps shape, and a VML copy in mc:Fallback for older readers."""
    return (
        f'<w:p xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><w:r><mc:AlternateContent>'
        '<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic>'
        '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f"<wps:wsp><wps:txbx>{_box_xml(text)}</wps:txbx></wps:wsp></a:graphicData></a:graphic>"
        "</wp:anchor></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{_box_xml(text)}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
    )


def test_docx_text_boxes_each_read_once(tmp_path: Path) -> None:
    from docx import Document
    from docx.oxml import parse_xml

    path = make_docx(tmp_path / "Box.docx", ["Deckblatt"], textboxes=["VML only: Kennwort Docx!Vml-1"])
    document = Document(str(path))
    body = document.element.body
    body.insert(len(body) - 1, parse_xml(drawing_textbox("Zugang Firewall\nPasswort: Docx!Wps-2")))
    # a box inside a paragraph that also has its own text, and runs inside a content control and an insertion
    paragraph = parse_xml(
        f'<w:p xmlns:w="{W}"><w:r><w:t>Siehe Kasten. </w:t></w:r>'
        "<w:sdt><w:sdtContent><w:r><w:t>WLAN-Passwort: Docx!Sdt-3</w:t></w:r></w:sdtContent></w:sdt>"
        '<w:ins w:id="1" w:author="x"><w:r><w:t> PIN-Code 2580</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="x"><w:r><w:delText>Passwort: Deleted!Old-0</w:delText></w:r></w:del></w:p>'
    )
    body.insert(len(body) - 1, paragraph)
    header = document.sections[0].header
    header._element.append(parse_xml(drawing_textbox("Notfall-Kennwort: Docx!Header-Box-4")))
    document.save(str(path))
    _, units = extract_file(path)
    boxes = next(u for u in units if isinstance(u, TextBlock) and u.location == {"part": "textbox"})
    assert boxes.text.split("\n") == [
        "VML only: Kennwort Docx!Vml-1", "Zugang Firewall", "Passwort: Docx!Wps-2",
        "Notfall-Kennwort: Docx!Header-Box-4",
    ]  # fmt: skip
    body_text = units[0].text  # type: ignore[union-attr]
    assert "Siehe Kasten. WLAN-Passwort: Docx!Sdt-3 PIN-Code 2580" in body_text.split("\n")
    assert "Deleted!Old-0" not in body_text and "Zugang Firewall" not in body_text
    found = secrets_at(scan_findings(path)[0])
    assert found["Docx!Vml-1"] == {"part": "textbox", "textbox": 1}
    assert found["Docx!Wps-2"] == {"part": "textbox", "textbox": 2}
    assert found["Docx!Header-Box-4"] == {"part": "textbox", "textbox": 3}
    assert found["Docx!Sdt-3"] == {"paragraph": 4}  # the text boxes' anchor paragraphs count
    assert "Deleted!Old-0" not in found


def test_rtf_table_splitting_always_ends() -> None:
    """Any order of row starts, cell ends, row ends and line breaks is cut in one forward pass (a stray cell
    mark after a row end once looped for ever)."""
    import random

    from credscan.extract.rtf import CELL_END, ROW_END, ROW_START, split_tables

    pieces = [ROW_START, CELL_END, ROW_END, "\n", "a", "Passwort", " "]
    generator = random.Random(7)
    for _ in range(3000):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 40)))
        units = list(split_tables(text))
        assert all(isinstance(u, TextBlock | Table) for u in units)
