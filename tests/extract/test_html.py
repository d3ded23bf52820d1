"""HTML pages (saved pages, Confluence/wiki exports): tables read as tables, text by source line, scripts."""

from __future__ import annotations

from pathlib import Path

import pytest

from credscan.limits import LimitExceeded, Limits
from credscan.model import Table, TextBlock
from tests.support.docbuilders import extract_file
from tests.support.formatbuilders import scan_findings, secrets_at

SYSTEMS = ["Firewall", "Core-Switch", "NAS", "Backup", "ESXi", "vCenter", "iLO", "Drucker", "WLAN-Controller",
           "VPN", "Mailserver", "SQL", "AD-DSRM", "Telefonanlage", "Alarmanlage", "Kamera-NVR"]  # fmt: skip


def confluence_page(rows: list[tuple[str, str, str, str]]) -> str:
    """A Confluence storage export: header row of th, data rows of td, wrapped in the usual markup."""
    body = "".join(
        f"<tr><td><p>{system}</p></td><td><a href='https://{ip}'>{ip}</a></td><td>{user}</td>"
        f"<td><span style='color:red'>{password}</span></td></tr>"
        for system, ip, user, password in rows
    )
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Kunde Müller – Zugänge</title>"
        "<style>table { border: 1px }</style></head><body><div id='main-content' class='wiki-content'>"
        "<h1>Zugangsdaten</h1><p>Stand: 2024-05-01</p>"
        "<div class='table-wrap'><table class='confluenceTable'><colgroup><col/><col/></colgroup><tbody>"
        "<tr><th>System</th><th>Adresse</th><th>Benutzer</th><th>Passwort</th></tr>"
        f"{body}</tbody></table></div></div></body></html>"
    )


def test_every_password_cell_of_a_wiki_table_is_found(tmp_path: Path) -> None:
    """The class the issue measured (13 of 16 missed when read as lines): one finding per row, at its cell."""
    rows = [(system, f"10.0.0.{n}", "admin" if n % 2 else "", f"Wk{n:02d}!x{system[:3]}Pw") for n, system in
            enumerate(SYSTEMS, start=1)]  # fmt: skip
    path = tmp_path / "Kunde Müller - Zugänge.html"
    path.write_text(confluence_page(rows), encoding="utf-8")
    kind, units = extract_file(path)
    assert kind == "html"
    table = next(u for u in units if isinstance(u, Table))
    assert table.rows[0] == ["System", "Adresse", "Benutzer", "Passwort"]
    findings, stats = scan_findings(path)
    found = secrets_at(findings)
    assert found == {
        password: {"table": 1, "row": n + 1, "column": 4} for n, (*_, password) in enumerate(rows, start=1)
    }
    assert stats.errors == []  # type: ignore[attr-defined]


def test_spans_nested_tables_entities_pre_and_scripts(tmp_path: Path) -> None:
    page = """<html><body>
<p>WLAN-Passwort: <b>Html!Inline&amp;Pw-1</b></p>
<table>
<tr><th>System</th><th>URL</th><th>Benutzer</th><th>Passwort</th></tr>
<tr><td rowspan="2">NAS</td><td>https://10.0.0.5</td><td>root</td><td>Nas&#33;Html-Pw-3</td></tr>
<tr><td>https://10.0.0.6</td><td>backup</td><td>Bk!Html-Pw-4</td></tr>
<tr><td colspan="2">Drucker</td><td>service</td><td>Pr!Html-Pw-5<br>(alt: Pr!Old-Pw-0)</td></tr>
<tr><td>Inner</td><td colspan="3"><table><tr><th>Login</th><th>Kennwort</th></tr>
  <tr><td>sa</td><td>Inner!Tbl-Pw-7</td></tr></table></td></tr>
</table>
<pre>
[db]
password = Pre!Block-Pw-6
</pre>
<script>
var cfg = {user: "svc", password: "Script!Pw-991"};
</script>
<style>.password { display: none }</style>
</body></html>"""
    path = tmp_path / "export.htm"
    path.write_text(page, encoding="utf-8")
    _, units = extract_file(path)
    outer, inner = (u for u in units if isinstance(u, Table))
    assert outer.rows[2] == ["", "https://10.0.0.6", "backup", "Bk!Html-Pw-4"]  # under the rowspan
    assert outer.rows[3] == ["Drucker", "", "service", "Pr!Html-Pw-5\n(alt: Pr!Old-Pw-0)"]
    assert outer.rows[4] == ["Inner", "", "", ""]  # the nested table is a table of its own
    assert inner.rows == [["Login", "Kennwort"], ["sa", "Inner!Tbl-Pw-7"]]
    text = next(u for u in units if isinstance(u, TextBlock) and not u.location)
    assert "display: none" not in text.text and "password = Pre!Block-Pw-6" in text.text.split("\n")
    found = secrets_at(scan_findings(path)[0])
    assert found["Html!Inline&Pw-1"] == {"line": 2}
    assert found["Nas!Html-Pw-3"] == {"table": 1, "row": 2, "column": 4}
    assert found["Bk!Html-Pw-4"] == {"table": 1, "row": 3, "column": 4}
    assert found["Inner!Tbl-Pw-7"] == {"table": 2, "row": 2, "column": 2}
    assert found["Pre!Block-Pw-6"] == {"line": 13}
    assert found["Script!Pw-991"] == {"part": "script", "line": 16}


def test_html_is_typed_by_content_and_prose_alone_gives_nothing(tmp_path: Path) -> None:
    page = (
        "\ufeff<!-- saved from url=(0014)about:internet -->\n<!doctype html><html><body>"
        + (
            "<p>Forgot your password? Use the reset link. Passwords must have 12 characters.</p>"
            "<table><tr><th>Setting</th><th>Password policy</th></tr>"
            "<tr><td>Length</td><td>12</td></tr></table>"
        )
        + "</body></html>"
    )
    path = tmp_path / "saved_page"
    path.write_text(page, encoding="utf-8")
    assert extract_file(path)[0] == "html"
    assert scan_findings(path)[0] == []


def test_hostile_html(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    spans = tmp_path / "spans.html"
    spans.write_text(
        "<html><table><tr><td colspan='999999999' rowspan='-5'>x</td><td>y</td></tr></table></html>"
    )
    table = next(u for u in extract_file(spans)[1] if isinstance(u, Table))
    assert len(table.rows[0]) == 1001  # colspan clamped to the HTML limit of 1000
    deep = tmp_path / "deep.html"
    deep.write_text("<html>" + "<table><tr><td>" * 5000 + "Passwort: Deep!Html-1" + "</td></tr></table>" * 10)
    assert isinstance(extract_file(deep)[1], list)
    many = tmp_path / "many.html"
    many.write_text("<html><table>" + "<tr><td>a</td><td>b</td></tr>" * 600 + "</table></html>")
    with pytest.raises(LimitExceeded, match="max_cells"):
        extract_file(many, Limits(max_cells=1000))
    cut = tmp_path / "cut.html"
    cut.write_text("<html><body><table><tr><th>User</th><th>Passwort</th></tr><tr><td>adm</td><td>Cut!Html-9")
    assert "Cut!Html-9" in secrets_at(scan_findings(cut)[0])
    big = tmp_path / "big.html"
    big.write_text("<html><body>" + "<p>filler text</p>" * 1000 + "</body></html>")
    with pytest.raises(LimitExceeded, match="max_text_bytes"):
        extract_file(big, Limits(max_text_bytes=1000))
    junk = tmp_path / "junk.html"
    junk.write_bytes(bytes(range(256)) * 50)
    scan_findings(deep, junk)
    assert "Traceback" not in capfd.readouterr().err


def test_credentials_in_attributes(tmp_path: Path) -> None:
    path = tmp_path / "links.html"
    path.write_text(
        "<html><body><p>Download: <a href='ftp://backup:Attr!Ftp-Pw-8@10.0.0.9/dump'>Backup</a></p>"
        "<a href='https://example.org/about'>About</a>"
        "<form><input type='password' name='admin_pass' value='Attr!Input-Pw-9'></form></body></html>"
    )
    _, units = extract_file(path)
    lines = units[0].text.split("\n")  # type: ignore[union-attr]
    assert "ftp://backup:Attr!Ftp-Pw-8@10.0.0.9/dump" in lines and "admin_pass: Attr!Input-Pw-9" in lines
    assert not any("example.org" in line for line in lines)
    found = secrets_at(scan_findings(path)[0])
    assert "Attr!Input-Pw-9" in found


def test_server_pages_stay_text_and_processing_instructions_are_kept(tmp_path: Path) -> None:
    page = "<!DOCTYPE html>\n<html><body>\n<?php $db_password = 'Php!Inline-Pw-4'; ?>\n</body></html>\n"
    php = tmp_path / "login.php"
    php.write_text(page)
    assert extract_file(php)[0] == "text"
    saved = tmp_path / "login.html"
    saved.write_text(page)
    kind, units = extract_file(saved)
    assert kind == "html"
    assert any("Php!Inline-Pw-4" in u.text for u in units if isinstance(u, TextBlock))
