"""File names that are not UTF-8 (a Latin-1 name from an old Windows share) work everywhere: the walk, the
agent's store, events, forwarders, `findings list`, reports and the watching service (issue 14, item 2).
They are shown in their display form (credscan.pathnames): ``caf\\xe9.txt``, which gives the bytes back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from credscan.pathnames import display_path, member_path, os_path
from tests.support.agent_process import Agent
from tests.support.services import HttpListener

PASSWORDS = 50


def plant(share: Path) -> dict[bytes, str]:
    """Latin-1 names beside UTF-8 ones, one distinct password each; raw name -> password."""
    share.mkdir(parents=True)
    planted: dict[bytes, str] = {}
    for n in range(PASSWORDS):
        raw = os.fsencode(str(share)) + (b"/caf\xe9-%d.txt" % n if n % 2 else b"/ok-%d!x.txt" % n)
        secret = f"Lat1n-{n:02d}-Pw!q"
        with open(raw, "wb") as handle:
            handle.write(f"VPN\nPassword: {secret}\n".encode())
        planted[raw] = secret
    return planted


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CREDSCAN_NO_KEYRING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "credscan", *args], capture_output=True, text=True, env=env, timeout=180
    )


def test_agent_once_store_events_forwarder_and_report(tmp_path: Path) -> None:
    share = tmp_path / "share"
    planted = plant(share)
    state = tmp_path / "state"
    with HttpListener() as hook:
        config = tmp_path / "agent.toml"
        config.write_text(
            f"[scan]\nroots = [{json.dumps(str(share))}]\njobs = 1\n[state]\ndir = {json.dumps(str(state))}\n"
            f'[[forward]]\ntype = "webhook"\nurl = "{hook.url("/hook")}"\n'
        )
        done = run("agent", "run", "--config", str(config), "--once", "--deliver-timeout", "20")
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        sent = [json.loads(request.body) for request in hook.received()]
    events = [json.loads(line) for line in (state / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    new = {e["file"]["path"] for e in events if e["event"]["action"] == "finding.new"}
    assert {os_path(path) for path in new} == set(planted)  # all 50, each name byte for byte
    assert f"{share}/caf\\xe9-1.txt" in new and f"{share}/ok-0\\x21x.txt" in new
    forwarded = json.dumps(sent)
    assert "caf\\\\xe9-1.txt" in forwarded and "\\udc" not in forwarded
    listed = run("findings", "list", "--config", str(config), "--json")
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) == PASSWORDS
    status = run("agent", "status", "--config", str(config))
    assert status.returncode == 0 and "never" not in status.stdout.split("Last full scan")[-1][:40]
    report = run("report", "--config", str(config), "-o", str(tmp_path / "r.html"))
    assert report.returncode == 0, report.stderr
    assert "caf\\xe9-1.txt" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_watching_service_scans_a_latin1_name(tmp_path: Path, agents: list[Agent]) -> None:
    share = tmp_path / "share"
    share.mkdir()
    agent = Agent(tmp_path, [share])
    agents.append(agent)
    agent.start()
    raw = os.fsencode(str(share)) + b"/Kennw\xf6rter.txt"
    with open(raw, "wb") as handle:
        handle.write(b"user: admin\npassword: Wx9-Latin!pw\n")
    agent.wait_finding(Path(f"{share}/Kennw\\xf6rter.txt"), timeout=30)
    os.unlink(raw)
    agent.wait_for(lambda: bool(agent.actions("finding.resolved")), 30, "finding.resolved")


@settings(max_examples=200, derandomize=True)
@given(st.binary(min_size=1, max_size=40))
def test_display_form_is_reversible_and_valid_text(raw: bytes) -> None:
    shown = display_path(os.fsdecode(raw))
    shown.encode("utf-8")  # strict: SQLite, JSON and syslog take it
    assert os_path(shown) == raw
    assert "!" not in shown and "\x1b" not in shown and "\u202e" not in shown


def test_display_forms_of_distinct_names_differ() -> None:
    names = [b"caf\xe9", b"caf\\xe9", b"caf\\x5cxe9", b"a!b", b"a\\x21b"]
    assert len({display_path(os.fsdecode(n)) for n in names}) == len(names)
    assert member_path("a.zip", "x!y.txt") == "a.zip!x\\x21y.txt"
