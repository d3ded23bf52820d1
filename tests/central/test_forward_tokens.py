"""Forwarder tokens are checked at start-up (issue 14, items 10 and 18): a token ending in CR/LF (a secret
file saved on Windows) is refused with one line that does not show it, instead of being quoted later by the
HTTP library in `agent status`; a token sent to a plain http:// URL gets a warning."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

TOKEN = "SPLUNK-SECRET-7f3e9a"


def run_agent(tmp_path: Path, token: str, url: str) -> subprocess.CompletedProcess[str]:
    share = tmp_path / "share"
    share.mkdir(exist_ok=True)
    config = tmp_path / "agent.toml"
    config.write_text(
        f"[scan]\nroots = [{json.dumps(str(share))}]\njobs = 1\n"
        f"[state]\ndir = {json.dumps(str(tmp_path / 'state'))}\n"
        f'[[forward]]\ntype = "splunk-hec"\nurl = "{url}"\ntoken = "env:TEST_TOKEN"\n'
    )
    env = {**os.environ, "CREDSCAN_NO_KEYRING": "1", "TEST_TOKEN": token}
    args = ["agent", "run", "--config", str(config), "--once", "--deliver-timeout", "1"]
    return subprocess.run(
        [sys.executable, "-m", "credscan", *args], capture_output=True, text=True, env=env, timeout=60
    )


def test_token_with_a_line_break_is_refused_without_showing_it(tmp_path: Path) -> None:
    done = run_agent(tmp_path, TOKEN + "\r\n", "https://127.0.0.1:9/services/collector/event")
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "line break" in done.stderr
    assert TOKEN not in done.stdout + done.stderr and "Traceback" not in done.stderr


def test_token_over_plain_http_warns(tmp_path: Path) -> None:
    done = run_agent(tmp_path, TOKEN, "http://127.0.0.1:9/services/collector/event")
    assert "plain http://" in done.stderr and TOKEN not in done.stderr
