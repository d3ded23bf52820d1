"""Control characters and bidi overrides from file names, file contents or a destination's HTTP reason
phrase never reach a terminal, a log line or a report raw (issue 14, item 14): table output, CSV, the HTML
report, CEF and `agent status` show them escaped."""

from __future__ import annotations

import http.server
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from credscan.central.forward.cef import format_cef

RAW = ("\x1b", "\x07", "\u202e", "\u2028", "\x9b")
NASTY = "\x1b]0;owned\x07\x1b[2J \u202egpj.exe \u2028fake line \x9b31m"


def assert_clean(text: str, where: str) -> None:
    found = [repr(c) for c in RAW if c in text]
    assert not found, f"{found} raw in {where}"


def credscan(*args: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CREDSCAN_NO_KEYRING": "1", **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "credscan", *args], capture_output=True, text=True, env=env, timeout=120
    )


@pytest.fixture
def share(tmp_path: Path) -> Path:
    folder = tmp_path / "share"
    folder.mkdir()
    (folder / f"notes{NASTY}.txt").write_text(f"host{NASTY} Password: Zq7-Ctrl-99x! {NASTY}\n")
    return folder


def test_scan_outputs_and_report_escape_controls(share: Path, tmp_path: Path) -> None:
    env = {"CREDSCAN_STATE_DIR": str(tmp_path / "st")}
    for fmt in ("table", "csv"):
        done = credscan("scan", str(share), "--format", fmt, "--jobs", "1", env_extra=env)
        assert done.returncode == 1, done.stderr
        assert_clean(done.stdout + done.stderr, fmt)
    scan_json = tmp_path / "scan.json"
    credscan("scan", str(share), "--format", "json", "-o", str(scan_json), "--jobs", "1", env_extra=env)
    assert credscan("report", "--from", str(scan_json), "-o", str(tmp_path / "r.html")).returncode == 0
    assert_clean((tmp_path / "r.html").read_text(encoding="utf-8"), "html report")


def test_cef_escapes_controls() -> None:
    event = {
        "@timestamp": "2026-01-01T00:00:00Z",
        "message": NASTY,
        "event": {"action": "finding.new", "severity": 7, "reason": NASTY},
        "file": {"path": f"/s/{NASTY}"},
        "credscan": {
            "finding": {"rule_id": f"r{NASTY}", "rule_name": NASTY, "context": NASTY, "severity": "high"}
        },
    }
    assert_clean(format_cef(event), "CEF")


class _Rude(http.server.BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(500, "Bad\x1b[31m gateway\x07\x9b2J")  # latin-1: all a status line can carry
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def rude_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Rude)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    server.shutdown()


def test_agent_status_escapes_a_destinations_reason_phrase(
    share: Path, tmp_path: Path, rude_server: str
) -> None:
    config = tmp_path / "agent.toml"
    config.write_text(
        f"[scan]\nroots = [{json.dumps(str(share))}]\njobs = 1\n"
        f"[state]\ndir = {json.dumps(str(tmp_path / 'state'))}\n"
        f'[[forward]]\ntype = "webhook"\nurl = "{rude_server}"\n'
    )
    done = credscan("agent", "run", "--config", str(config), "--once", "--deliver-timeout", "2")
    assert done.returncode == 0, done.stderr
    assert_clean(done.stderr, "agent stderr")
    status = credscan("agent", "status", "--config", str(config))
    assert status.returncode == 0, status.stderr
    assert "gateway" in status.stdout  # the reason is shown…
    assert_clean(status.stdout, "agent status")  # …escaped
