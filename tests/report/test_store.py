"""`credscan report --config FILE`: the report from the agent's store, with history, triage and the vault."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from credscan.cli import main
from tests.support.report_fixtures import (
    CHROMIUM,
    HOSTILE_NAME,
    ROWS,
    SECRETS,
    agent_config,
    chromium,
    collect,
    make_finding,
    populate_store,
)


@pytest.fixture(scope="module")
def store_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two agent scans (the second finds the hostile file cleaned up), one accepted finding, the report."""
    tmp = tmp_path_factory.mktemp("store")
    config = agent_config(tmp)
    populate_store(config, ROWS)
    remaining = [row for row in ROWS if HOSTILE_NAME not in row[0]]
    populate_store(config, remaining, cleared=(ROWS[-1][0],))
    accepted = make_finding(ROWS[6]).id
    assert main(["findings", "accept", accepted, "--config", str(config), "--reason", "offline key"]) == 0
    out = tmp / "report.html"
    assert main(["report", "--config", str(config), "-o", str(out)]) == 0
    return out


def test_history_chart_shows_open_and_resolved(store_report: Path) -> None:
    html = store_report.read_text()
    points = re.findall(r'data-series="(\w+)" data-when="[^"]+" data-count="(\d+)"', html)
    # the two scans, then today: an acceptance after the last scan is in the chart's last point, so the
    # chart and the summary's "7 open findings" agree
    assert [c for s, c in points if s == "open"] == ["9", "8", "7"]
    assert [c for s, c in points if s == "resolved"] == ["0", "1", "1"]
    assert 'id="history-none"' not in html


def test_store_report_content(store_report: Path) -> None:
    html = store_report.read_text()
    assert '<strong class="vault">Acme Vault</strong> (<a href="https://vault.example.net">' in html
    assert 'id="card-open-findings" data-count="7"' in html
    assert "1 accepted, 1 resolved" in html
    rows = collect(html).rows
    assert len(rows) == 8
    assert [r["data-status"] for r in rows].count("accepted") == 1
    assert "accepted by" in html and "offline key" in html
    for secret in SECRETS:
        assert secret not in html
    assert HOSTILE_NAME not in html


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
def test_status_filter_in_the_browser(store_report: Path, tmp_path: Path) -> None:
    dom = chromium(["--dump-dom", store_report.as_uri() + "#status=accepted"], tmp_path / "profile")
    visible = [r for r in collect(dom).rows if "hidden" not in r]
    assert [r["data-status"] for r in visible] == ["accepted"]
    assert "<circle" in dom


def test_report_without_a_store_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--config", str(agent_config(tmp_path))]) == 2
    assert "no findings store" in capsys.readouterr().err
