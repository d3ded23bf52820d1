"""End to end, as the issue judges it: `agent run --once` over a realistic share, then `credscan report`,
then a baseline: the report has charts and the vault and no secret; a rescan against its own baseline exits 0
and one new secret exits 1 with exactly that finding."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from credscan.cli import main
from tests.support.report_corpus import PLANTED, make_corpus
from tests.support.report_fixtures import CHROMIUM, chromium, collect


@pytest.fixture(scope="module")
def agent(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("agent")
    share = make_corpus(tmp / "share")
    config = tmp / "agent.toml"
    config.write_text(
        f'[scan]\nroots = ["{share}"]\njobs = 1\n[watch]\nenabled = false\n'
        f'[state]\ndir = "{tmp / "state"}"\n'
        '[remediation]\nvault_name = "Acme Passwordstate"\nvault_url = "https://vault.acme.example/"\n',
        encoding="utf-8",
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CREDSCAN_NO_KEYRING", "1")
        assert main(["agent", "run", "--config", str(config), "--once"]) == 0
    return share, config


def test_report_after_agent_run(agent: tuple[Path, Path], tmp_path: Path) -> None:
    share, config = agent
    out = tmp_path / "report.html"
    assert main(["report", "--config", str(config), "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    for secret in PLANTED:
        assert secret not in html, secret
    assert "Acme Passwordstate" in html and '<a href="https://vault.acme.example/">' in html
    bars = collect(html).bars
    by_category = {b["data-label"]: int(str(b["data-count"])) for b in bars if b["chart"] == "chart-category"}
    assert by_category["plaintext-password"] >= 14
    assert by_category["password-export"] == 2
    assert by_category["config-credential"] == 3
    rows = collect(html).rows
    assert sum(by_category.values()) == len(rows)
    folders = {b["data-label"] for b in bars if b["chart"] == "chart-folder"}
    assert folders == {f"{share}/clients", f"{share}/it", f"{share}/home"}
    owners = {b["data-label"] for b in bars if b["chart"] == "chart-owner"}
    assert {"daemon", "bin", "sys", "nobody"} <= owners
    assert re.search(r'id="card-reused-secrets" data-count="1"', html), "Fw-B3ta!2021 is in two files"
    assert len(re.findall(r'data-series="open"', html)) == 1
    assert "&lt;script&gt;alert(1)&lt;/script&gt;.xlsx" in html and "<img" not in html


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
def test_agent_report_in_the_browser(agent: tuple[Path, Path], tmp_path: Path) -> None:
    _, config = agent
    out = tmp_path / "report.html"
    assert main(["report", "--config", str(config), "-o", str(out)]) == 0
    dom = chromium(["--dump-dom", out.as_uri() + "#category=password-export"], tmp_path / "profile")
    visible = [r for r in collect(dom).rows if "hidden" not in r]
    assert [r["data-category"] for r in visible] == ["password-export", "password-export"]
    assert dom.count("<script") == 1


def test_baseline_over_the_corpus(
    agent: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    share, _ = agent
    monkeypatch.setenv("CREDSCAN_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("CREDSCAN_NO_KEYRING", "1")
    common = ["--jobs", "1", "--no-progress"]
    assert main(["scan", str(share), "--format", "json", "-o", str(tmp_path / "scan.json"), *common]) == 1
    assert main(["baseline", "create", str(share), "-o", str(tmp_path / "baseline.json"), *common]) == 0
    for baseline in ("scan.json", "baseline.json"):
        capsys.readouterr()
        assert (
            main(["scan", str(share), "--baseline", str(tmp_path / baseline), "--format", "json", *common])
            == 0
        )
        assert json.loads(capsys.readouterr().out)["findings"] == []
    new = share / "it" / "deploy" / "new.ini"
    new.write_text("[db]\npassword = N3w!Secret-42\n")
    try:
        capsys.readouterr()
        argv = [
            "scan",
            str(share),
            "--baseline",
            str(tmp_path / "baseline.json"),
            "--format",
            "json",
            *common,
        ]
        assert main(argv) == 1
        findings = json.loads(capsys.readouterr().out)["findings"]
        assert [(f["path"], f["secret_masked"]) for f in findings] == [(str(new), "N3********")]
    finally:
        new.unlink()
