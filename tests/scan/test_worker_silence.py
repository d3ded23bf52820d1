"""Workers never write to the user's stderr (issue 14, item 15): a Rust-style panic inside a reader (printed
on fd 2, then a BaseException) and a parent killed mid-scan leave no panic text and no traceback behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.support.hostile_traps import trap_env

SECRET = "Zq7-Panic-Quoted-5!"


def group_alive(pgid: int) -> bool:
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                return True
    return False


def test_a_panic_in_a_reader_never_reaches_stderr(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    (share / "panic-notes.txt").write_text(f"Password: {SECRET}\n")
    (share / "good.txt").write_text("Password: Zq7-Good-Beside-6!\n")
    env = {
        **trap_env(tmp_path / "hook"),
        "CREDSCAN_NO_KEYRING": "1",
        "CREDSCAN_STATE_DIR": str(tmp_path / "s"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "credscan", "scan", str(share), "--format", "json", "--jobs", "1"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert "panicked" not in done.stderr and SECRET not in done.stderr + done.stdout
    assert "Traceback" not in done.stderr
    assert "panic-notes.txt" in done.stdout and "good.txt" in done.stdout


def test_killing_the_parent_leaves_no_worker_traceback(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    for n in range(8):
        (share / f"slow-{n}.txt").write_text("Password: Zq7-Slow-Worker-7!\n")
    env = {**trap_env(tmp_path / "hook", sleep_s=3), "CREDSCAN_NO_KEYRING": "1"}
    env["CREDSCAN_STATE_DIR"] = str(tmp_path / "s")
    stderr = tmp_path / "stderr.txt"
    with stderr.open("wb") as sink:
        scan = subprocess.Popen(
            [sys.executable, "-m", "credscan", "scan", str(share), "--jobs", "2", "--no-progress"],
            stdout=subprocess.DEVNULL,
            stderr=sink,
            env=env,
            start_new_session=True,
        )
    time.sleep(2.5)  # the workers are inside their slow files
    os.kill(scan.pid, signal.SIGKILL)
    scan.wait(10)
    deadline = time.monotonic() + 30
    while group_alive(scan.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not group_alive(scan.pid), "workers outlived their parent by 30 s"
    text = stderr.read_text(errors="replace")
    assert "Traceback" not in text and "Error" not in text, text


def test_workers_do_not_inherit_secret_environment(tmp_path: Path) -> None:
    """issue 14, item 18: CREDSCAN_* secrets (and any secret-looking variable) stay in the parent (what a
    worker needs, the fingerprint key and the SMB password, travels in its options)."""
    share = tmp_path / "share"
    share.mkdir()
    (share / "slow-a.txt").write_text("Password: Zq7-Env-Worker-8!\n")
    secrets = {
        "CREDSCAN_SMB_PASSWORD": "smb-secret-value-1",
        "CREDSCAN_FINGERPRINT_KEY": "ab" * 32,
        "HEC_TOKEN": "hec-secret-value-2",
        "CREDSCAN_API_SECRET": "other-secret-value-3",
    }
    env = {**trap_env(tmp_path / "hook", sleep_s=4), "CREDSCAN_NO_KEYRING": "1", **secrets}
    env["CREDSCAN_STATE_DIR"] = str(tmp_path / "s")
    scan = subprocess.Popen(
        [sys.executable, "-m", "credscan", "scan", str(share), "--jobs", "1", "--no-progress"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        start_new_session=True,
    )
    try:
        time.sleep(2.5)
        members = [
            int(entry)
            for entry in os.listdir("/proc")
            if entry.isdigit() and int(entry) != scan.pid and _pgid(int(entry)) == scan.pid
        ]
        assert members, "no worker process found"
        for pid in members:
            environ = Path(f"/proc/{pid}/environ").read_bytes()
            assert b"CREDSCAN_NO_KEYRING" in environ  # the environment is there…
            for value in secrets.values():
                assert value.encode() not in environ, (pid, value)  # …without the secrets
    finally:
        scan.wait(60)


def _pgid(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[2])
    except (OSError, IndexError, ValueError):
        return -1
