"""Output formats over a hand-built ScanResult: structure, secrecy, hostile paths, SARIF schema validity."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from credscan.model import FileError, FileMeta, Finding, ScanResult, ScanStats, Skipped
from credscan.output.interface import FORMATS, OutputContext, format_location, get_format, open_output
from credscan.pathnames import os_path
from tests.support.paths import DATA

SECRET = "Sup3rS3cret4!"
SPEC_FIELDS = (
    "id rule_id rule_name category severity confidence path location secret_masked secret_hash context"
)
SPEC_FIELDS += " account file remediation"
SARIF_SCHEMA = DATA / "vendor" / "sarif-schema-2.1.0.json"


def finding(path: str, location: dict[str, Any], severity: str = "high", **extra: Any) -> Finding:
    values: dict[str, Any] = {
        "id": f"id-{path}-{sorted(location.items())}",
        "rule_id": "password-column",
        "rule_name": "Password in a Password column",
        "category": "plaintext-password",
        "severity": severity,
        "confidence": 0.9,
        "path": path,
        "location": location,
        "secret_masked": "Su*********4!",
        "secret_hash": "ab" * 32,
        "context": "System=NAS  Username=admin  Password=Su*********4!",
        "account": "admin",
        "file": FileMeta(size=10, mtime=1.5, owner="root", sha256="cd" * 32),
        "remediation": "Move it to the vault.",
        "secret": SECRET,
    }
    values.update(extra)
    return Finding(**values)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "share").mkdir()
    return tmp_path / "share"


@pytest.fixture
def result(root: Path) -> ScanResult:
    findings = [
        finding(
            str(root / "Passwords.xlsx"),
            {"sheet": "Clients", "cell": "D7", "row": 7, "column": 4},
            "critical",
        ),
        finding(
            str(root / "deploy" / "setup.ps1"),
            {"line": 12},
            rule_id="ps-asplaintext",
            rule_name="AsPlainText",
        ),
        finding(str(root / "docs.zip") + "!net/doc.docx", {"paragraph": 5}, "medium"),
        finding(str(root / "=cmd|calc.csv"), {"line": 2, "column": 3}, "low", context="=HYPERLINK(1)"),
        finding(str(root) + "/caf\\xe9.txt", {"line": 1}, "info"),  # display form (credscan.pathnames)
        finding(str(root / "deck.pptx"), {"slide": 2, "part": "notes"}),
    ]
    stats = ScanStats(
        files_seen=9,
        files_scanned=6,
        files_skipped=2,
        bytes_scanned=1234,
        findings=len(findings),
        duration_s=0.5,
        skipped=[Skipped(str(root / "x.kdbx"), "encrypted"), Skipped(str(root / "l"), "symlink")],
        errors=[FileError(str(root / "bad.docx"), "corrupt zip")],
    )
    return ScanResult(findings, stats)


def render(name: str, result: ScanResult, **ctx: Any) -> str:
    """Through a real encoded stream, as stdout or -o would be."""
    buffer = io.BytesIO()
    stream = io.TextIOWrapper(buffer, encoding="utf-8", errors="backslashreplace", newline="")
    get_format(name).write(result, stream, OutputContext(**ctx))
    stream.flush()
    return buffer.getvalue().decode("utf-8")


REPORT_FORMATS = {"html"}
"""Reports are handed to clients: never a plaintext, not even with --show-secrets (docs/security.md)."""


@pytest.mark.parametrize("name", sorted(FORMATS.names()))
def test_secret_only_with_show_secrets(name: str, result: ScanResult, root: Path) -> None:
    assert SECRET not in render(name, result, roots=(str(root),))
    shown = render(name, result, roots=(str(root),), show_secrets=True)
    assert (SECRET in shown) is (name not in REPORT_FORMATS)


def test_html_format_is_the_report_naming_the_vault(result: ScanResult, root: Path) -> None:
    html = render("html", result, roots=(str(root),), vault_name="Acme Vault", vault_url="https://vault.acme")
    assert html.startswith("<!DOCTYPE html>")
    assert "Acme Vault" in html and 'href="https://vault.acme"' in html
    assert html.count("<tr") > len(result.findings)


def test_json_document(result: ScanResult, root: Path) -> None:
    document = json.loads(render("json", result))
    assert document["tool"]["name"] == "credscan" and document["tool"]["version"]
    assert document["stats"]["files_seen"] == 9
    assert document["stats"]["errors"] == [{"path": str(root / "bad.docx"), "error": "corrupt zip"}]
    assert document["stats"]["skipped"][0] == {"path": str(root / "x.kdbx"), "reason": "encrypted"}
    first = document["findings"][0]
    assert first["location"] == {"sheet": "Clients", "cell": "D7", "row": 7, "column": 4}
    assert set(first) >= set(SPEC_FIELDS.split())
    assert "secret" not in first
    assert first["file"] == {"size": 10, "mtime": 1.5, "owner": "root", "sha256": "cd" * 32}


def test_non_utf8_path_round_trips_through_json(result: ScanResult, root: Path) -> None:
    text = render("json", result)
    assert "\\udce9" not in text and "caf\\\\xe9.txt" in text
    paths = [f["path"] for f in json.loads(text)["findings"]]
    assert os.fsencode(str(root)) + b"/caf\xe9.txt" in [os_path(p) for p in paths]


def test_jsonl_one_finding_per_line(result: ScanResult) -> None:
    lines = render("jsonl", result).splitlines()
    assert len(lines) == len(result.findings)
    assert [json.loads(line)["path"] for line in lines] == [f.path for f in result.findings]


def test_csv_neutralises_formulas(result: ScanResult, root: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(render("csv", result))))
    assert len(rows) == len(result.findings)
    hostile = next(r for r in rows if "calc" in r["path"])
    assert hostile["context"] == "'=HYPERLINK(1)"
    assert rows[0]["location"] == "Clients!D7"
    assert "secret" not in rows[0]
    shown = list(csv.DictReader(io.StringIO(render("csv", result, show_secrets=True))))
    assert shown[0]["secret"] == SECRET


def test_table_lists_findings_and_summary(result: ScanResult, root: Path) -> None:
    text = render("table", result)
    lines = text.splitlines()
    assert lines[0].split() == ["SEVERITY", "CATEGORY", "PATH", "LOCATION", "ACCOUNT", "SECRET"]
    assert any("Clients!D7" in line and "Su********" in line and "critical" in line for line in lines)
    assert any("slide 2 notes" in line for line in lines)
    assert f"error: {root / 'bad.docx'}: corrupt zip" in text
    assert "skipped: 1 encrypted, 1 symlink" in text
    assert lines[-1].startswith(
        "6 findings (1 critical, 2 high, 1 medium, 1 low, 1 info) in 6 files; 6 files scanned"
    )
    assert "\x1b[" not in text


def test_table_colours_and_width_on_a_terminal(result: ScanResult) -> None:
    text = render("table", result, color=True, width=80)
    assert "\x1b[1;31mcritical" in text
    rows = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in text.split("\n\n")[0].splitlines()]
    assert all(len(row) <= 100 for row in rows)  # the path column gave way (24 characters at least)
    assert any("…" in row and row.split()[2].endswith("Passwords.xlsx") for row in rows)


def test_table_escapes_control_characters(result: ScanResult, root: Path) -> None:
    result.findings.append(finding(str(root / "evil\x1b[2Jname.txt"), {"line": 1}))
    text = render("table", result)
    assert "\x1b" not in text
    assert "evil\\x1b[2Jname.txt" in text


def test_no_findings_table_has_only_summary(result: ScanResult) -> None:
    empty = ScanResult([], ScanStats(files_scanned=3))
    assert render("table", empty).splitlines()[-1].startswith("0 findings; 3 files scanned")


def test_sarif_validates_and_is_relative(result: ScanResult, root: Path) -> None:
    document = json.loads(render("sarif", result, roots=(str(root),)))
    schema = json.loads(SARIF_SCHEMA.read_text())
    jsonschema.validate(document, schema)
    run = document["runs"][0]
    assert document["version"] == "2.1.0"
    assert run["originalUriBaseIds"]["ROOT0"]["uri"] == root.resolve().as_uri() + "/"
    results = run["results"]
    assert len(results) == len(result.findings)
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["password-column", "ps-asplaintext"]
    by_uri = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r for r in results}
    xlsx = by_uri["Passwords.xlsx"]
    assert xlsx["level"] == "error"
    assert xlsx["partialFingerprints"]["credscanFindingId/v1"] == result.findings[0].id
    assert xlsx["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "Clients!D7"
    assert by_uri["deploy/setup.ps1"]["locations"][0]["physicalLocation"]["region"] == {"startLine": 12}
    assert by_uri["docs.zip"]["properties"]["member"] == "net/doc.docx"
    assert "caf%E9.txt" in by_uri
    assert by_uri["%3Dcmd%7Ccalc.csv"]["level"] == "note"
    assert rules[0]["properties"]["security-severity"] == "9.5"
    assert all(loc["artifactLocation"]["uriBaseId"] == "ROOT0"
               for r in results for loc in [r["locations"][0]["physicalLocation"]])  # fmt: skip


def test_sarif_with_no_findings_validates() -> None:
    document = json.loads(render("sarif", ScanResult([], ScanStats()), roots=("smb://srv/share",)))
    jsonschema.validate(document, json.loads(SARIF_SCHEMA.read_text()))
    assert document["runs"][0]["originalUriBaseIds"]["ROOT0"]["uri"] == "smb://srv/share/"


@pytest.mark.parametrize(
    ("location", "text"),
    [
        ({"sheet": "Clients", "cell": "D7", "row": 7, "column": 4}, "Clients!D7"),
        ({"line": 12}, "line 12"),
        ({"page": 3}, "page 3"),
        ({"slide": 2, "part": "notes"}, "slide 2 notes"),
        ({"table": 1, "row": 3, "column": 2}, "table 1 row 3 col 2"),
        ({"line": 4, "column": 2}, "line 4 col 2"),
        ({"paragraph": 5}, "paragraph 5"),
        ({"page": 2, "annotation": 1}, "page 2 annotation 1"),
        ({}, ""),
    ],
)
def test_format_location(location: dict[str, Any], text: str) -> None:
    assert format_location(location) == text


def test_output_file_is_private_even_if_it_existed(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old")
    target.chmod(0o644)
    with open_output(str(target)) as out:
        out.write("new \udcff")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text() == "new \\udcff"


def test_output_to_a_device_or_fifo_keeps_its_mode(tmp_path: Path) -> None:
    """`-o /dev/null` as root once made the device 0600 for the whole machine: only files are tightened."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo, 0o644)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        with open_output(str(fifo)) as stream:
            stream.write("x")
    finally:
        os.close(reader)
    assert stat.S_IMODE(fifo.stat().st_mode) == 0o644
