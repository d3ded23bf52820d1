"""Watch latency while a full scan runs: file written -> finding.new in events.jsonl (a busy agent must still
report a new file promptly).

    python benchmarks/watch_under_load.py [--share DIR] [--files 10] [--settle 0.5] [--jobs N]

Starts `credscan agent run --config …` on an empty watched folder (settle_seconds 0.5, schedules off), then a
full `credscan scan` of the benchmark share (restarted whenever it ends, so that every drop happens under
load), and drops password files one by one (text and xlsx alternately). The latency of a drop is the time
from the file being closed to its finding.new line appearing in the agent's event log (polled every 10 ms).
The agent runs as it does in production: niced, with its own worker processes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import xlsxwriter
from full_scan import REPO, compile_checkout, machine
from generate_share import generate

SETTLE_AFTER_DROP_S = 1.0
"""Pause between one finding arriving and the next drop, so drops do not queue behind each other."""


ALPHABET = "abcdefghkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _password(rng: random.Random) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(12)) + "!7"


def drop(folder: Path, index: int, rng: random.Random) -> Path:
    """Write one password file in a temporary name and rename it in place (as a copy tool would)."""
    if index % 2:
        path = folder / f"firewall-{index}.xlsx"
        temp = folder / f".tmp-{index}.xlsx"
        book = xlsxwriter.Workbook(str(temp))
        sheet = book.add_worksheet("Logins")
        sheet.write_row(0, 0, ["Host", "Username", "Password"])
        sheet.write_row(1, 0, [f"fw{index}.corp.local", "admin", _password(rng)])
        book.close()
    else:
        path = folder / f"passwords-{index}.txt"
        temp = folder / f".tmp-{index}.txt"
        temp.write_text(f"Notes for the new NAS\nadmin password: {_password(rng)}\n")
    os.replace(temp, path)
    return path


def finding_paths(events: Path, offset: int) -> tuple[set[str], int]:
    """Paths with a finding.new among the complete lines after ``offset``; the new offset."""
    try:
        with events.open("rb") as handle:
            handle.seek(offset)
            data = handle.read()
    except FileNotFoundError:
        return set(), offset
    complete = data[: data.rfind(b"\n") + 1]
    paths = set()
    for line in complete.splitlines():
        event = json.loads(line)
        if event["event"]["action"] == "finding.new":
            paths.add(event["file"]["path"])
    return paths, offset + len(complete)


def wait_for_action(events: Path, action: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if events.exists() and f'"{action}"' in events.read_text(encoding="utf-8"):
            return
        time.sleep(0.05)
    raise SystemExit(f"the agent did not log {action} within {timeout:g} s")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--share", type=Path, default=Path(tempfile.gettempdir()) / "credscan-bench-share")
    parser.add_argument("--files", type=int, default=10)
    parser.add_argument("--settle", type=float, default=0.5)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="workers of the full scan")
    args = parser.parse_args()
    compile_checkout()
    if not args.share.exists():
        print(f"generating the share under {args.share} …", file=sys.stderr)
        generate(args.share, 1200, seed=7)

    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        root, state = Path(tmp) / "watched", Path(tmp) / "state"
        root.mkdir()
        state.mkdir(mode=0o700)
        config = Path(tmp) / "agent.toml"
        config.write_text(
            f"[scan]\nroots = [{json.dumps(str(root))}]\njobs = 2\n"
            '[schedule]\nfull = ""\nincremental = ""\n'
            f"[watch]\nenabled = true\nsettle_seconds = {args.settle}\n"
            f'[state]\ndir = {json.dumps(str(state))}\n[agent]\nheartbeat = "1h"\n'
        )
        events = state / "events.jsonl"
        env = dict(os.environ, PYTHONPATH=REPO, CREDSCAN_NO_KEYRING="1", CREDSCAN_STATE_DIR=str(state))
        python = [sys.executable, "-m", "credscan"]
        agent = subprocess.Popen(
            [*python, "agent", "run", "--config", str(config)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        scan_command = [*python, "scan", str(args.share), "--format", "json", "-o", os.devnull]
        scan_command += ["--no-progress", "--jobs", str(args.jobs)]
        scan: subprocess.Popen[bytes] | None = None
        scans = 0
        latencies: list[float] = []
        try:
            wait_for_action(events, "agent.started", 60)
            wait_for_action(events, "scan.completed", 60)  # the start-up walk of the (empty) root
            offset = events.stat().st_size
            scan = subprocess.Popen(scan_command, stdout=subprocess.DEVNULL, env=env)
            scans = 1
            time.sleep(3)  # the scan's workers are busy
            for index in range(args.files):
                if scan.poll() is not None:  # keep the load on: start the next full scan
                    scan = subprocess.Popen(scan_command, stdout=subprocess.DEVNULL, env=env)
                    scans += 1
                    time.sleep(1)
                path = drop(root, index, rng)
                written = time.monotonic()
                while True:
                    paths, offset = finding_paths(events, offset)
                    if str(path) in paths:
                        latencies.append(time.monotonic() - written)
                        break
                    if time.monotonic() - written > 60:
                        raise SystemExit(f"no finding.new for {path.name} within 60 s")
                    time.sleep(0.01)
                print(f"  {path.name}: {latencies[-1]:.2f} s", file=sys.stderr)
                time.sleep(SETTLE_AFTER_DROP_S)
            under_load = scan.poll() is None
        finally:
            if scan is not None and scan.poll() is None:
                scan.terminate()
                scan.wait(30)
            agent.terminate()
            agent.wait(30)

    print(f"machine:        {machine()}")
    print(f"load:           full `credscan scan` of {args.share} with --jobs {args.jobs} ({scans} run(s))")
    print(f"drops:          {len(latencies)} files (txt and xlsx), settle_seconds {args.settle:g}")
    median, worst = statistics.median(latencies), max(latencies)
    print(f"latency:        median {median:.2f} s, max {worst:.2f} s (target: median < 3 s)")
    print(f"scan running:   {'yes' if under_load else 'NO'} at the last drop")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
