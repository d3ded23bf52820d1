"""A finding is announced once, even across kill -9 of `agent run --once` (issue 14, item 9): the same
findings are re-found after every restart, but finding.new reaches the event log once per finding, and the
SIEM at most once more per kill for the batch it had taken when the kill came, with the same event.id.
Real processes, real kills; ~40 s."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest

from credscan.central.forward.interface import Forwarder
from tests.support.services import HttpListener

FILES = 450
KILLS = 3


def plant(share: Path) -> None:
    share.mkdir()
    for n in range(FILES):
        (share / f"note-{n:04d}.txt").write_text(f"VPN\nPassword: Once-{n:04d}-Pw!x\n")


def write_config(tmp_path: Path, share: Path, state: Path, url: str) -> Path:
    config = tmp_path / "agent.toml"
    config.write_text(
        f"[scan]\nroots = [{json.dumps(str(share))}]\njobs = 2\n[state]\ndir = {json.dumps(str(state))}\n"
        f'[[forward]]\ntype = "webhook"\nurl = "{url}"\n'
    )
    return config


def agent(config: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "CREDSCAN_NO_KEYRING": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "credscan", "agent", "run", "--config", str(config), "--once",
         "--deliver-timeout", "30"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,  # its own process group: the kill takes the workers too
    )  # fmt: skip


def wait_for_announcements(state: Path, count: int, process: subprocess.Popen[str]) -> None:
    """Until the event log holds ``count`` finding.new lines (mid-scan), or the run ended."""
    log = state / "events.jsonl"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if log.exists() and log.read_bytes().count(b'"finding.new"') >= count:
            return
        time.sleep(0.05)


def new_events(lines: list[dict[str, object]]) -> dict[str, list[str]]:
    """finding id -> the event ids of every finding.new seen for it."""
    seen: dict[str, list[str]] = defaultdict(list)
    for event in lines:
        if event["event"]["action"] == "finding.new":  # type: ignore[index]
            seen[event["credscan"]["finding"]["id"]].append(event["event"]["id"])  # type: ignore[index]
    return seen


def test_kill_9_mid_run_never_announces_twice(tmp_path: Path) -> None:
    share = tmp_path / "share"
    plant(share)
    state = tmp_path / "state"
    rng = random.Random(14)
    with HttpListener() as hook:
        config = write_config(tmp_path, share, state, hook.url("/hook"))
        kills = 0
        for round_ in range(1, KILLS + 1):
            process = agent(config)
            wait_for_announcements(state, round_ * FILES // (KILLS + 2), process)
            time.sleep(rng.uniform(0.0, 0.3))
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                kills += 1
            process.wait(30)
        done = agent(config)
        _, err = done.communicate(timeout=240)
        assert done.returncode == 0, err
        assert kills >= 2, "the runs ended before they could be killed: the test proves nothing"
        sent = [event for request in hook.received() for event in json.loads(request.body)]
    logged = [
        json.loads(line) for line in (state / "events.jsonl").read_text().splitlines() if line.startswith("{")
    ]
    at_siem, in_log = new_events(sent), new_events(logged)
    assert len(in_log) == FILES and len(at_siem) == FILES
    assert all(len(set(ids)) == 1 for ids in at_siem.values()), "a re-sent event must keep its event.id"
    assert all(len(ids) == 1 for ids in in_log.values()), "the event log announces each finding once"
    # Delivery is at least once: a kill after the SIEM took a batch but before the outbox recorded it sends
    # that one batch again (same event ids, so the SIEM can drop the copies), never more.
    repeats = sum(len(ids) - 1 for ids in at_siem.values())
    assert repeats <= KILLS * Forwarder.max_batch, f"{repeats} finding.new events reached the SIEM twice"


def test_full_disk_then_space_again_announces_each_finding_once(tmp_path: Path) -> None:
    """The state dir on a real 1.5 MB tmpfs fills mid-run; after it grows, the next run completes: every
    finding is in the event log once and reaches the SIEM under one event.id."""
    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1536k,mode=0700", "tmpfs", str(state)])
    if mounted.returncode != 0:
        pytest.skip("needs to mount a tmpfs (root)")
    try:
        share = tmp_path / "share"
        plant(share)
        with HttpListener() as hook:
            config = write_config(tmp_path, share, state, hook.url("/hook"))
            full = agent(config)
            _, err = full.communicate(timeout=240)
            assert "Traceback" not in err
            assert "cannot write agent state" in err, "the disk never filled: the test proves nothing"
            subprocess.run(["mount", "-o", "remount,size=64m", str(state)], check=True)
            done = agent(config)
            _, err = done.communicate(timeout=240)
            assert done.returncode == 0, err
            sent = [event for request in hook.received() for event in json.loads(request.body)]
        lines = (state / "events.jsonl").read_text().splitlines()
        logged = [json.loads(line) for line in lines if line.startswith("{") and line.endswith("}")]
    finally:
        subprocess.run(["umount", "-l", str(state)])
    at_siem, in_log = new_events(sent), new_events(logged)
    assert len(at_siem) == FILES
    assert all(len(set(ids)) == 1 for ids in at_siem.values()), "a re-sent event must keep its event.id"
    assert all(len(ids) == 1 for ids in in_log.values()), "the event log announces each finding once"
