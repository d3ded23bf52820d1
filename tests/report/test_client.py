"""The report an MSP hands to its client: whose and what, the executive summary, a report that stays small
at 100,000 findings (the rest in a CSV annex), and a PDF read back from Chromium's print."""

from __future__ import annotations

import base64
import csv
import json
import re
from pathlib import Path

import pytest

from credscan.cli import main
from credscan.report.data import ReportFinding
from credscan.report.executive import rate, top_actions
from tests.support.report_fixtures import (
    CHROMIUM,
    ROWS,
    agent_config,
    finding_record,
    populate_store,
    scan_document,
)

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
)


@pytest.fixture(scope="module")
def store_config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("client")
    config = agent_config(tmp)
    populate_store(config, ROWS)
    return config


def report_args(config: Path, out: Path, *extra: str) -> list[str]:
    return ["report", "--config", str(config), "-o", str(out), *extra]


def test_the_first_page_says_whose_report_and_what_was_assessed(store_config: Path, tmp_path: Path) -> None:
    logo = tmp_path / "msp.png"
    logo.write_bytes(PNG)
    out = tmp_path / "report.html"
    args = ["--client", "Acme <Corp>", "--msp", "Globex IT", "--logo", str(logo), "--since", "2020-01-01"]
    assert main(report_args(store_config, out, *args)) == 0
    html = out.read_text()
    assert "for <strong>Acme &lt;Corp&gt;</strong>" in html and "prepared by Globex IT" in html
    assert 'src="data:image/png;base64,' in html
    assert "credscan.db" not in html and "agent store" not in html  # no internal paths
    assert "Scope: <code>/srv/shares" in html  # the folders the findings share
    rating = re.search(r'data-rating="(\w+)"', html)
    assert rating is not None and rating.group(1) in ("critical", "high")
    assert len(re.findall(r"<li data-category=", html)) == 3  # the three most important actions
    changes = re.search(r'<p id="changes">Since 01 January 2020: <strong data-count="(\d+)">', html)
    assert changes is not None and int(changes.group(1)) > 0  # every finding is newer than 2020


def test_rating_follows_the_riskiest_finding_not_the_count() -> None:
    def finding(severity: str, exposure: str, category: str = "plaintext-password") -> ReportFinding:
        return ReportFinding(
            id="x", path=f"/s/{severity}{exposure}", location="", category=category, severity=severity,
            rule_name="r", masked="", secret_hash="", context="", account="", owner="", exposed_since=None,
            exposure=exposure,
        )  # fmt: skip

    assert rate([finding("high", "everyone")])[0] == "critical"
    assert rate([finding("critical", "owner")] * 100)[0] == "medium"
    assert rate([])[0] == "none"
    actions = top_actions([finding("critical", "owner", "a"), finding("high", "everyone", "b")])
    assert [a.category for a in actions] == ["b", "a"]  # readable by everyone first


def test_bad_logos_are_clear_errors(
    store_config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = tmp_path / "logo.js"
    script.write_text("alert(1)")
    assert main(report_args(store_config, tmp_path / "r.html", "--logo", str(script))) == 2
    big = tmp_path / "big.png"
    big.write_bytes(PNG + b"\0" * 600_000)
    assert main(report_args(store_config, tmp_path / "r.html", "--logo", str(big))) == 2
    assert main(report_args(store_config, tmp_path / "r.html", "--since", "last week")) == 2
    err = capsys.readouterr().err
    assert "--logo must be" in err and "larger than" in err and "--since must be a date" in err


def test_100000_findings_stay_small_with_a_csv_annex(tmp_path: Path) -> None:
    base = finding_record(*ROWS[0], show_secret=False)
    findings = []
    for number in range(100_000):
        record = dict(base, id=f"{number:032x}", path=f"/srv/shares/clients/c{number // 100}/f{number}.txt")
        record["severity"] = "critical" if number == 77_777 else "medium"
        findings.append(record)
    document = scan_document()
    document["findings"] = findings
    scan = tmp_path / "scan.json"
    scan.write_text(json.dumps(document))
    out = tmp_path / "big.html"
    assert main(["report", "--from", str(scan), "-o", str(out)]) == 0
    assert out.stat().st_size < 5_000_000
    html = out.read_text()
    assert html.count("<tr data-id=") == 1000 and 'id="annex" data-count="99000"' in html
    assert "/c777/f77777.txt" in html  # the critical one is among the riskiest listed
    with (tmp_path / "big.findings.csv").open(newline="") as annex:
        rows = list(csv.reader(annex))
    assert len(rows) == 100_001 and rows[1][0] == "critical"


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
def test_the_pdf_reads_back_with_the_client_the_counts_and_the_first_action(
    store_config: Path, tmp_path: Path
) -> None:
    import pypdfium2

    out = tmp_path / "report.pdf"
    assert main(report_args(store_config, out, "--pdf", "--client", "Initech Ltd", "--msp", "Globex IT")) == 0
    assert out.stat().st_mode & 0o077 == 0
    html = tmp_path / "report.html"
    assert main(report_args(store_config, html, "--client", "Initech Ltd")) == 0
    first_action = re.search(r'<li data-category="[^"]+"><strong>([^<]+)</strong>', html.read_text())
    assert first_action is not None
    pdf = pypdfium2.PdfDocument(str(out))
    try:
        pages = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()
    first = " ".join(pages[0].split())
    assert "Initech Ltd" in first and "Executive summary" in first
    assert " ".join(first_action.group(1).split())[:40] in first
    assert re.search(r"\d+ open findings? in \d+ files?", first)
    assert pages[-1].strip(), "no blank last page"


def test_pdf_needs_an_output_file(store_config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--config", str(store_config), "--pdf"]) == 2
    assert "--pdf needs -o" in capsys.readouterr().err


def test_an_owner_chart_of_one_owner_is_a_sentence(tmp_path: Path) -> None:
    document = scan_document([row for row in ROWS if row[3] == "jdoe"])
    scan = tmp_path / "scan.json"
    scan.write_text(json.dumps(document))
    out = tmp_path / "one.html"
    assert main(["report", "--from", str(scan), "-o", str(out)]) == 0
    html = out.read_text()
    assert 'id="owner-one"' in html and "files owned by <code>jdoe</code>" in html


def test_the_config_names_client_msp_and_logo(tmp_path: Path) -> None:
    config = agent_config(tmp_path)
    populate_store(config, ROWS)
    logo = tmp_path / "msp.png"
    logo.write_bytes(PNG)
    config.write_text(
        config.read_text()
        + f'[report]\nclient_name = "Umbrella plc"\nmsp_name = "Globex IT"\nlogo = "{logo}"\n'
    )
    out = tmp_path / "report.html"
    assert main(report_args(config, out)) == 0
    html = out.read_text()
    assert "for <strong>Umbrella plc</strong>" in html and "prepared by Globex IT" in html
    assert 'src="data:image/png;base64,' in html
    assert main(report_args(config, out, "--client", "Initech")) == 0  # the flag wins
    assert "for <strong>Initech</strong>" in out.read_text()
