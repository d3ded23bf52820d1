"""The HTML report from a scan's JSON: content, escaping, no plaintext, no network, CLI errors."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from credscan.cli import main
from credscan.report.data import format_location, input_from_scan_json
from credscan.report.render import render_report
from credscan.report.summary import folder_buckets
from tests.support.report_fixtures import HOSTILE_NAME, NOW, SECRETS, collect, scan_document, write_scan_json


def render(tmp_path: Path, **changes: object) -> str:
    report = input_from_scan_json(write_scan_json(tmp_path / "scan.json"))
    report.generated_at = datetime.fromtimestamp(NOW, UTC)
    report.vault_name = "Acme Vault"
    report.vault_url = "https://vault.example.net/"
    for key, value in changes.items():
        setattr(report, key, value)
    return render_report(report)


def bar_counts(html: str, chart: str) -> dict[str, int]:
    return {
        str(bar["data-label"]): int(str(bar["data-count"]))
        for bar in collect(html).bars
        if bar["chart"] == chart
    }


def test_no_plaintext_secret_even_from_a_show_secrets_scan(tmp_path: Path) -> None:
    assert all("secret" in f for f in scan_document()["findings"])
    html = render(tmp_path)
    for secret in SECRETS:
        assert secret not in html


def test_a_secret_leaking_into_other_fields_is_masked(tmp_path: Path) -> None:
    doc = scan_document()
    for finding in doc["findings"]:
        finding["context"] = "Password=" + finding["secret"]
        finding["account"] = finding["secret"]
        finding["path"] += finding["secret"]
    (tmp_path / "scan.json").write_text(json.dumps(doc))
    report = input_from_scan_json(tmp_path / "scan.json")
    html = render_report(report)
    for secret in SECRETS:
        assert secret not in html


def test_hostile_paths_and_contexts_are_escaped(tmp_path: Path) -> None:
    html = render(tmp_path)
    assert HOSTILE_NAME not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;.xlsx" in html
    assert "<img" not in html
    assert "<b>evil</b>" not in html
    assert len(re.findall(r"<script\b", html)) == 1


def test_nothing_is_fetched_and_a_csp_forbids_it(tmp_path: Path) -> None:
    html = render(tmp_path)
    assert set(collect(html).links) == {"https://vault.example.net/"}
    assert set(re.findall(r"https?://[^\s\"'<)]+", html)) == {"https://vault.example.net/"}
    assert "@import" not in html and "url(" not in html
    assert "default-src 'none'" in html
    assert "<link" not in html


def test_only_web_vault_urls_become_links(tmp_path: Path) -> None:
    html = render(tmp_path, vault_url="javascript:alert(1)")
    assert 'href="javascript' not in html
    assert "javascript:alert(1)" in html


def test_summary_counts(tmp_path: Path) -> None:
    html = render(tmp_path)
    assert 'id="card-files-scanned" data-count="120"' in html
    assert 'id="card-open-findings" data-count="9"' in html
    assert 'id="card-files-with-findings" data-count="8"' in html
    assert 'id="card-distinct-secrets" data-count="7"' in html
    assert 'id="card-reused-secrets" data-count="1"' in html
    assert 'id="card-errors" data-count="1"' in html
    assert 'data-severity="critical" data-count="3"' in html
    assert 'data-severity="high" data-count="5"' in html
    assert 'data-severity="low" data-count="0"' in html
    assert 'id="oldest" data-since="2024-04-04"' in html
    assert "Clients!D7" in html


def test_chart_counts(tmp_path: Path) -> None:
    html = render(tmp_path)
    assert bar_counts(html, "chart-category") == {
        "plaintext-password": 4,
        "config-credential": 2,
        "password-export": 1,
        "private-key": 1,
        "api-token": 1,
    }
    assert bar_counts(html, "chart-folder") == {
        "/srv/shares/clients": 4,
        "/srv/shares/it": 4,
        "/srv/shares/hr": 1,
    }
    assert bar_counts(html, "chart-owner") == {"jdoe": 3, "asmith": 3, "bwayne": 2, "<b>evil</b>": 1}
    assert 'id="history-none"' in html


def test_remediation_plan_names_the_vault_per_category(tmp_path: Path) -> None:
    html = render(tmp_path)
    plan = html[html.index('id="remediation"') :]
    groups = re.findall(r'class="plan-group" data-category="([^"]+)" data-count="(\d+)"', plan)
    assert groups[0] == ("password-export", "1") or groups[0][0] == "plaintext-password"
    assert dict(groups) == {
        "plaintext-password": "4",
        "password-export": "1",
        "config-credential": "2",
        "private-key": "1",
        "api-token": "1",
    }
    assert plan.count('<strong class="vault">Acme Vault</strong>') >= 5


def test_print_stylesheet_and_table(tmp_path: Path) -> None:
    html = render(tmp_path)
    assert "@media print" in html
    rows = collect(html).rows
    assert len(rows) == 9
    assert [r["data-severity"] for r in rows][:3] == ["critical"] * 3


def test_empty_scan_renders(tmp_path: Path) -> None:
    (tmp_path / "scan.json").write_text(json.dumps({"tool": {}, "findings": [], "stats": {}}))
    html = render_report(input_from_scan_json(tmp_path / "scan.json"))
    assert 'id="no-findings"' in html and 'id="plan-empty"' in html
    assert 'id="card-open-findings" data-count="0"' in html


def test_location_formats() -> None:
    assert format_location({"sheet": "Clients", "cell": "D7", "row": 7, "column": 4}) == "Clients!D7"
    assert format_location({"line": 12}) == "line 12"
    assert format_location({"slide": 2, "part": "notes"}) == "slide 2 notes"
    assert format_location(None) == "" and format_location("line 3") == ""


def test_folder_buckets_group_by_share() -> None:
    buckets = folder_buckets(
        ["smb://nas/clients/a/x.xlsx", "smb://nas/it/y.txt", "smb://nas/it/z/w.zip!q.txt"]
    )
    assert buckets == {
        "smb://nas/clients/a/x.xlsx": "smb://nas/clients",
        "smb://nas/it/y.txt": "smb://nas/it",
        "smb://nas/it/z/w.zip!q.txt": "smb://nas/it",
    }


def test_cli_writes_the_report(tmp_path: Path) -> None:
    scan = write_scan_json(tmp_path / "scan.json")
    out = tmp_path / "report.html"
    code = main(["report", "--from", str(scan), "-o", str(out), "--vault-name", "Vaultwarden"])
    assert code == 0
    assert "Vaultwarden" in out.read_text()


def test_cli_takes_the_vault_from_a_config(tmp_path: Path) -> None:
    scan = write_scan_json(tmp_path / "scan.json")
    config = tmp_path / "agent.toml"
    config.write_text('[remediation]\nvault_name = "IT Glue"\nvault_url = "https://itglue.example"\n')
    out = tmp_path / "report.html"
    assert main(["report", "--from", str(scan), "--config", str(config), "-o", str(out)]) == 0
    assert '<a href="https://itglue.example">' in out.read_text()


@pytest.mark.parametrize("content", ["", "{not json", "[1, 2]", '{"findings": 3}', "\xff\xfe"])
def test_cli_rejects_bad_input_in_one_line(
    tmp_path: Path, content: str, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "scan.json"
    bad.write_bytes(content.encode("latin-1"))
    assert main(["report", "--from", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("credscan: error:") and err.count("\n") == 1


def test_cli_needs_an_input(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report"]) == 2
    assert "--config" in capsys.readouterr().err


def test_cli_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--from", str(tmp_path / "nope.json")]) == 2
    assert "not found" in capsys.readouterr().err
