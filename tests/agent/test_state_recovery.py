"""A damaged or shared state directory (issue 14, items 12 and 13): garbage or truncated databases are one
clear line and exit 2 for every command, `credscan agent repair` gets the agent going again without
announcing anything twice, an empty store that held findings is reported, and a second agent on the same
state directory (a --once run beside the service too) refuses to start."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

SECRET = "Zq7-Corrupt-State-1!"


def setup(tmp_path: Path) -> Path:
    share = tmp_path / "share"
    share.mkdir()
    (share / "a.txt").write_text(f"Password: {SECRET}\n")
    config = tmp_path / "agent.toml"
    config.write_text(
        f"[scan]\nroots = [{json.dumps(str(share))}]\njobs = 1\n"
        f"[state]\ndir = {json.dumps(str(tmp_path / 'state'))}\n"
    )
    return config


def credscan(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CREDSCAN_NO_KEYRING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "credscan", *args], capture_output=True, text=True, env=env, timeout=timeout
    )


def events(state: Path, action: str) -> list[dict[str, object]]:
    lines = (state / "events.jsonl").read_text().splitlines()
    return [e for e in map(json.loads, lines) if e["event"]["action"] == action]  # type: ignore[index]


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
@pytest.mark.parametrize("name", ["credscan.db", "outbox.db"])
def test_damaged_database_is_one_line_then_repair(tmp_path: Path, name: str, damage: str) -> None:
    config = setup(tmp_path)
    state = tmp_path / "state"
    assert credscan("agent", "run", "--config", str(config), "--once").returncode == 0
    db = state / name
    data = db.read_bytes()
    db.write_bytes(os.urandom(len(data)) if damage == "garbage" else data[: len(data) // 3])
    for side in ("-wal", "-shm"):
        Path(f"{db}{side}").unlink(missing_ok=True)
    commands = [
        (["agent", "run"], ["--once"]),
        (["agent", "status"], []),
        (["findings", "list"], []),
        (["report"], ["-o", str(tmp_path / "r.html")]),
    ]
    for words, extra in commands:
        done = credscan(*words, "--config", str(config), *extra)
        if done.returncode == 0:  # a truncated file SQLite still opens: what can be read is read
            continue
        assert done.returncode == 2, (words, done.stderr)
        assert len(done.stderr.strip().splitlines()) == 1 and "agent repair" in done.stderr, done.stderr
        assert "Traceback" not in done.stderr
    repaired = credscan("agent", "repair", "--config", str(config))
    assert repaired.returncode == 0, repaired.stderr
    again = credscan("agent", "run", "--config", str(config), "--once")
    assert again.returncode == 0, again.stderr
    assert credscan("agent", "status", "--config", str(config)).returncode == 0
    assert len(events(state, "finding.new")) == 1  # re-found, not re-announced


def test_empty_store_after_findings_is_an_agent_warning(tmp_path: Path) -> None:
    config = setup(tmp_path)
    state = tmp_path / "state"
    assert credscan("agent", "run", "--config", str(config), "--once").returncode == 0
    for part in state.glob("credscan.db*"):
        part.unlink()  # an old backup without the store, or a store deleted by hand
    assert credscan("agent", "run", "--config", str(config), "--once").returncode == 0
    warnings = [e for e in events(state, "agent.warning") if "store" in str(e.get("message"))]
    assert warnings and len(events(state, "finding.new")) == 1


def test_garbage_key_file_is_one_line(tmp_path: Path) -> None:
    config = setup(tmp_path)
    assert credscan("agent", "run", "--config", str(config), "--once").returncode == 0
    key = tmp_path / "state" / "fingerprint.key"
    key.write_text("zz-not-hex\n")
    done = credscan("agent", "run", "--config", str(config), "--once")
    assert (
        done.returncode == 2
        and len(done.stderr.strip().splitlines()) == 1
        and "fingerprint key" in done.stderr
    )


def test_second_agent_on_one_state_dir_refuses(tmp_path: Path) -> None:
    config = setup(tmp_path)
    env = {**os.environ, "CREDSCAN_NO_KEYRING": "1"}
    service = subprocess.Popen(
        [sys.executable, "-m", "credscan", "agent", "run", "--config", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    try:
        lock = tmp_path / "state" / "agent.lock"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not (lock.exists() and lock.read_text().strip()):
            time.sleep(0.1)
        for args in (["--once"], []):
            done = credscan("agent", "run", "--config", str(config), *args, timeout=30)
            assert done.returncode == 2, done.stderr
            assert "another credscan agent" in done.stderr and str(service.pid) in done.stderr
    finally:
        service.terminate()
        service.wait(30)
    assert credscan("agent", "run", "--config", str(config), "--once").returncode == 0  # free again


HOLD_LOCK = (
    "import sys, time; from pathlib import Path; from credscan.central.statecheck import hold_agent_lock; "
    "hold_agent_lock(Path(sys.argv[1])); print('held', flush=True); time.sleep(60)"
)


def test_running_agent_is_whoever_holds_the_lock_and_dies_with_it(tmp_path: Path) -> None:
    from credscan.central.statecheck import LOCK_NAME, running_agent

    state = tmp_path / "state"
    state.mkdir()
    assert running_agent(state) == {"running": False}  # never ran: no lock file at all
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(state)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        running = running_agent(state)
        assert running["running"] is True and running["pid"] == holder.pid
        assert running["since"].endswith("Z")
        assert running_agent(state)["running"] is True  # asking did not take the lock away
    finally:
        holder.kill()
        holder.wait(10)
    assert (state / LOCK_NAME).exists()  # kill -9 leaves the file behind ...
    assert running_agent(state) == {"running": False}  # ... but not the lock: no stale pid is believed


def test_running_agent_reads_an_unwritten_lock_as_running_without_details(tmp_path: Path) -> None:
    import fcntl

    from credscan.central.statecheck import LOCK_NAME, running_agent

    fd = os.open(tmp_path / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # taken, record not written yet (or garbage)
        os.write(fd, b"\x00garbage")
        assert running_agent(tmp_path) == {"running": True}
    finally:
        os.close(fd)
    assert running_agent(tmp_path) == {"running": False}
