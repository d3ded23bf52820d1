"""The HTML report in a real headless Chromium: it renders, the script filters, nothing injected runs."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from credscan.report.data import input_from_scan_json
from credscan.report.render import render_report
from tests.support.report_fixtures import CHROMIUM, NOW, chromium, collect, write_scan_json

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    report = input_from_scan_json(write_scan_json(folder / "scan.json"))
    report.generated_at = datetime.fromtimestamp(NOW, UTC)
    report.vault_name, report.vault_url = "Acme Vault", "https://vault.example.net/"
    path = folder / "report.html"
    path.write_text(render_report(report), encoding="utf-8")
    return path


def visible_rows(report_file: Path, tmp_path: Path, fragment: str = "") -> list[dict[str, str | None]]:
    dom = chromium(["--dump-dom", report_file.as_uri() + fragment], tmp_path / "profile")
    rows = collect(dom).rows
    assert len(rows) == 9, "the table should always hold every finding"
    return [row for row in rows if "hidden" not in row]


def test_script_runs_and_shows_every_row(report_file: Path, tmp_path: Path) -> None:
    dom = chromium(["--dump-dom", report_file.as_uri()], tmp_path / "profile")
    assert 'data-visible="9"' in dom, "the filter script did not run (CSP hash or syntax error?)"
    assert len(visible_rows(report_file, tmp_path)) == 9


def test_severity_filter_from_the_url(report_file: Path, tmp_path: Path) -> None:
    rows = visible_rows(report_file, tmp_path, "#severity=critical")
    assert [row["data-severity"] for row in rows] == ["critical"] * 3


def test_text_and_category_filters_combine(report_file: Path, tmp_path: Path) -> None:
    rows = visible_rows(report_file, tmp_path, "#q=ACME&category=plaintext-password")
    assert len(rows) == 3
    assert all("/acme/" in str(row["data-search"]) for row in rows)
    assert all(row["data-category"] == "plaintext-password" for row in rows)


def test_text_filter_matches_hostile_text_literally(report_file: Path, tmp_path: Path) -> None:
    rows = visible_rows(report_file, tmp_path, "#q=" + "%3Cscript%3E")
    assert len(rows) == 1 and "<script>alert(1)</script>.xlsx" in str(rows[0]["data-search"])


def test_nothing_injected_ends_up_in_the_dom(report_file: Path, tmp_path: Path) -> None:
    dom = chromium(["--dump-dom", report_file.as_uri()], tmp_path / "profile")
    assert dom.count("<script") == 1
    assert "<img" not in dom and "<b>evil" not in dom


def test_screenshot_is_not_blank(report_file: Path, tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    chromium([f"--screenshot={shot}", "--window-size=1280,1600", report_file.as_uri()], tmp_path / "profile")
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000


def test_prints_to_pdf_with_every_section(report_file: Path, tmp_path: Path) -> None:
    import pypdfium2

    pdf_path = tmp_path / "report.pdf"
    chromium(
        [f"--print-to-pdf={pdf_path}", "--no-pdf-header-footer", report_file.as_uri()], tmp_path / "profile"
    )
    pdf = pypdfium2.PdfDocument(pdf_path)
    text = "".join(page.get_textpage().get_text_range() for page in pdf)
    pdf.close()
    for heading in ("Summary", "Where the exposures are", "Findings", "Remediation plan"):
        assert heading in text
    assert "Filter" not in text, "the filter controls are hidden in print"
    assert "https://vault.example.net/" in text
