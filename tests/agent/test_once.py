"""`credscan agent run --config FILE --once` as a subprocess against real rsyslog and HTTP listeners.

Covers the acceptance checks of the central log: CEF lines in rsyslog (UDP and TLS), JSON over TCP,
finding.new at a HEC listener with the token header and the configured vault, no re-announcement on a
second run, finding.resolved after a delete, delivery of what was made while the listener was down,
private state files, and no planted plaintext secret anywhere.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tests.support.docbuilders import make_text, make_zip
from tests.support.report_corpus import PLANTED, make_corpus
from tests.support.services import (
    HttpListener,
    Rsyslog,
    make_tls_files,
    requires_rsyslog,
    requires_rsyslog_tls,
)

pytestmark = [requires_rsyslog, requires_rsyslog_tls]

HEC_TOKEN = "hec-7d1f0a52-test-token"
HOOK_TOKEN = "hook-bearer-93c4"
VAULT = "Fabrikam Passwordstate"
VAULT_URL = "https://pwstate.fabrikam.test"
ZIP_SECRET = "Zipped!Svc-Pass42"
FACILITY_PRI = {"local1": range(136, 144), "local2": range(144, 152), "local3": range(152, 160)}


def write_config(tmp_path: Path, root: Path, forward: list[dict[str, Any]]) -> Path:
    lines = [
        "[scan]",
        f"roots = [{json.dumps(str(root))}]",
        "jobs = 1",
        "[state]",
        f"dir = {json.dumps(str(tmp_path / 'state'))}",
        "[remediation]",
        f"vault_name = {json.dumps(VAULT)}",
        f"vault_url = {json.dumps(VAULT_URL)}",
    ]
    for entry in forward:
        lines.append("[[forward]]")
        lines += [f"{key} = {json.dumps(value)}" for key, value in entry.items()]
    path = tmp_path / "agent.toml"
    path.write_text("\n".join(lines) + "\n")
    return path


def run_once(config: Path, *extra: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "CREDSCAN_NO_KEYRING": "1",
        "TEST_HEC_TOKEN": HEC_TOKEN,
        "TEST_HOOK_TOKEN": HOOK_TOKEN,
    }
    return subprocess.run(
        [sys.executable, "-m", "credscan", "agent", "run", "--config", str(config), "--once", *extra],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )


def hec_events(listener: HttpListener) -> list[dict[str, Any]]:
    decoder = json.JSONDecoder()
    events = []
    for request in listener.received():
        text, index = request.body.decode(), 0
        while index < len(text):
            obj, index = decoder.raw_decode(text, index)
            events.append(obj["event"])
            while index < len(text) and text[index].isspace():
                index += 1
    return events


def actions(events: list[dict[str, Any]], action: str) -> list[dict[str, Any]]:
    return [e for e in events if e["event"]["action"] == action]


def log_events(tmp_path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (tmp_path / "state" / "events.jsonl").read_text().splitlines()]


def syslog_by_facility(lines: list[str], facility: str) -> list[str]:
    out = []
    for line in lines:
        match = re.match(r"<(\d+)>1 ", line)
        if match and int(match.group(1)) in FACILITY_PRI[facility] and " credscan " in line:
            out.append(line)
    return out


def test_once_forwards_everywhere_tracks_lifecycle_and_never_leaks(tmp_path: Path) -> None:
    share = make_corpus(tmp_path / "share")
    make_zip(share / "it" / "old-configs.zip", {"svc/app.ini": f"[db]\npassword = {ZIP_SECRET}\n".encode()})
    planted = [*PLANTED, ZIP_SECRET]
    tls = make_tls_files(tmp_path / "tls")
    with Rsyslog(tmp_path, tls=tls) as syslog, HttpListener() as hec, HttpListener() as hook:
        config = write_config(
            tmp_path,
            share,
            [
                {
                    "type": "syslog",
                    "url": f"udp://127.0.0.1:{syslog.udp_port}",
                    "format": "cef",
                    "facility": "local1",
                },
                {
                    "type": "syslog",
                    "url": f"tls://127.0.0.1:{syslog.tls_port}",
                    "format": "cef",
                    "ca_file": str(tls.ca_cert),
                    "facility": "local2",
                },
                {
                    "type": "syslog",
                    "url": f"tcp://127.0.0.1:{syslog.tcp_port}",
                    "format": "json",
                    "facility": "local3",
                },
                {"type": "splunk-hec", "url": hec.url(), "token": "env:TEST_HEC_TOKEN"},
                {"type": "webhook", "url": hook.url("/hook"), "token": "env:TEST_HOOK_TOKEN"},
            ],
        )
        first = run_once(config)
        assert first.returncode == 0, first.stderr
        received = hec_events(hec)
        new = actions(received, "finding.new")
        assert len(new) >= 8
        assert all(r.header("Authorization") == f"Splunk {HEC_TOKEN}" for r in hec.received())
        assert all(r.header("Authorization") == f"Bearer {HOOK_TOKEN}" for r in hook.received())
        for event in new:
            assert f"{VAULT} ({VAULT_URL})" in event["credscan"]["finding"]["remediation"]
        categories = {
            e["credscan"]["finding"]["category"]: e["credscan"]["finding"]["remediation"] for e in new
        }
        assert len(set(categories.values())) == len(categories) >= 2  # category-specific guidance
        zipped = [e for e in new if "old-configs.zip!" in e["credscan"]["finding"]["path"]]
        assert zipped and zipped[0]["file"]["path"].endswith("old-configs.zip!svc/app.ini")
        assert [e["event"]["action"] for e in received][:3] == [
            "agent.warning",
            "agent.started",
            "scan.started",
        ]
        assert received[-1]["event"]["action"] == "agent.stopped"
        started = actions(received, "agent.started")[0]["credscan"]["agent"]["config"]
        assert started["roots"] == [str(share)] and HEC_TOKEN not in json.dumps(started)

        lines = syslog.wait_for(lambda ls: len(syslog_by_facility(ls, "local2")) >= len(received))
        syslog.wait_for(lambda ls: len(syslog_by_facility(ls, "local3")) >= len(received))
        cef_udp = syslog_by_facility(lines, "local1")
        cef_tls = syslog_by_facility(lines, "local2")
        assert sum("CEF:0|credscan|credscan|" in line and " finding.new " in line for line in cef_tls) == len(
            new
        )
        assert any("CEF:0|credscan|credscan|" in line for line in cef_udp)  # UDP: best effort, no count
        json_tcp = [json.loads(line.split(" - ", 1)[1]) for line in syslog_by_facility(lines, "local3")]
        assert [e["event"]["id"] for e in json_tcp] == [
            e["event"]["id"] for e in received
        ]  # same events, same order

        # Private state.
        state = tmp_path / "state"
        assert os.stat(state).st_mode & 0o777 == 0o700
        for name in ("events.jsonl", "credscan.db", "outbox.db", "fingerprint.key"):
            assert os.stat(state / name).st_mode & 0o777 == 0o600, name

        # Second run over the same files: nothing new is announced.
        second = run_once(config)
        assert second.returncode == 0, second.stderr
        assert len(actions(hec_events(hec), "finding.new")) == len(new)
        assert len(actions(log_events(tmp_path), "finding.new")) == len(new)

        # A deleted file: its findings are resolved, with a reason.
        doc = share / "clients" / "Beta Dental" / "Network documentation.docx"
        doc_ids = {e["credscan"]["finding"]["id"] for e in new if e["file"]["path"] == str(doc)}
        assert doc_ids
        doc.unlink()
        third = run_once(config)
        assert third.returncode == 0, third.stderr
        resolved = actions(hec_events(hec), "finding.resolved")
        assert {e["credscan"]["finding"]["id"] for e in resolved} == doc_ids
        assert all(e["event"]["reason"] == "file no longer found under the scanned roots" for e in resolved)

        time.sleep(0.5)  # let UDP datagrams land before the grep
        artifacts: dict[str, bytes] = {
            str(path): path.read_bytes() for path in state.rglob("*") if path.is_file()
        }
        artifacts["rsyslog"] = syslog.output.read_bytes()
        artifacts["hec"] = b"".join(r.body + repr(r.headers).encode() for r in hec.received())
        artifacts["webhook"] = b"".join(r.body + repr(r.headers).encode() for r in hook.received())
        for index, run in enumerate((first, second, third)):
            artifacts[f"run{index}"] = (run.stdout + run.stderr).encode()
    leaks = [
        (secret, where)
        for secret in planted
        for where, data in artifacts.items()
        if secret.encode() in data or secret.encode("utf-16-le") in data
    ]
    assert leaks == []


def test_once_queues_while_the_siem_is_down_and_delivers_next_run_in_order(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    make_text(share / "app.env", "DB_PASSWORD=Queued!Pass-2024\n")
    listener = HttpListener().start()
    port = listener.port
    listener.stop()
    config = write_config(
        tmp_path,
        share,
        [
            {
                "type": "splunk-hec",
                "url": f"http://127.0.0.1:{port}/services/collector/event",
                "token": "env:TEST_HEC_TOKEN",
            }
        ],
    )
    started = time.monotonic()
    down = run_once(config, "--deliver-timeout", "1")
    assert down.returncode == 0, down.stderr  # destinations down is not a failure of --once
    assert time.monotonic() - started < 60
    made_while_down = [e["event"]["id"] for e in log_events(tmp_path)]
    assert "finding.new" in [e["event"]["action"] for e in log_events(tmp_path)]

    listener = HttpListener(port).start()
    try:
        up = run_once(config)
        assert up.returncode == 0, up.stderr
        received = hec_events(listener)
    finally:
        listener.stop()
    ids = [e["event"]["id"] for e in received]
    assert ids == [e["event"]["id"] for e in log_events(tmp_path)]  # everything, in the order it was made
    assert ids[: len(made_while_down)] == made_while_down
    assert len(set(ids)) == len(ids)


def test_once_refuses_a_literal_token_and_an_open_state_dir(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    config = write_config(
        tmp_path,
        share,
        [{"type": "splunk-hec", "url": "https://siem.test:8088/e", "token": "Zx81-literal-token"}],
    )
    run = run_once(config)
    assert run.returncode == 2
    assert "literal secret" in run.stderr and "env:NAME" in run.stderr
    assert "Traceback" not in run.stderr and "Zx81-literal-token" not in run.stderr
    assert not (tmp_path / "state").exists()

    config = write_config(tmp_path, share, [])
    (tmp_path / "state").mkdir(mode=0o755)
    os.chmod(tmp_path / "state", 0o755)
    run = run_once(config)
    assert run.returncode == 2 and "chmod 700" in run.stderr and "Traceback" not in run.stderr
