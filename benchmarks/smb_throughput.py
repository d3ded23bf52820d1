"""Benchmark scanning many small files over SMB, and an unchanged incremental rescan of the same share.

    python benchmarks/smb_throughput.py [--files 10000] [--size 4096] [--jobs 2] [--repeat 3]
                                        [--max-requests N] [--no-agent]

Starts a real Samba server on a loopback port (tests/support/smbserver.py; needs root and the Debian samba
package), fills its share with ``--files`` text files of ``--size`` bytes (1 in 100 holds a password),
then times:

- ``credscan scan smb://127.0.0.1:PORT/clients --jobs N`` (JSON to a file): files/s over SMB, and the CPU
  seconds per 1,000 files of the scan's process tree and of smbd (what a shared machine distorts least);
- ``credscan scan FOLDER --jobs N`` of the same files on local disk: what the per-file pipeline costs alone;
- the agent's first full run of the share (``agent run --once``) and then ``agent run --once --incremental``
  of the unchanged share: the rescan lists every folder and stats nothing else, reads no file.

Targets (2 cores): ≥ 1,500 small files/s; the unchanged incremental rescan of 10,000 files in < 10 s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from full_scan import REPO, compile_checkout, machine
from proctree import run_measured

sys.path.insert(0, str(REPO))  # tests.support
from tests.support.smbserver import SambaServer, free_port

WORDS = [
    "server",
    "backup",
    "printer",
    "switch",
    "firewall",
    "client",
    "office",
    "network",
    "share",
    "folder",
    "invoice",
    "meeting",
    "notes",
]


def fill_share(folder: Path, files: int, size: int, seed: int = 5) -> int:
    """``files`` text files of ``size`` bytes in folders of 200; returns how many hold a password."""
    rng = random.Random(seed)
    planted = 0
    for index in range(files):
        sub = folder / f"client-{index // 200:03d}"
        if index % 200 == 0:
            sub.mkdir(parents=True, exist_ok=True)
            sub.chmod(0o755)
        text = " ".join(rng.choice(WORDS) for _ in range(size // 6))
        if index % 100 == 0:
            text = f"admin password: Bench-{index:05d}-Pw!\n" + text
            planted += 1
        path = sub / f"note-{index:05d}.txt"
        path.write_text(text[:size])
        path.chmod(0o644)
    return planted


TICKS = os.sysconf("SC_CLK_TCK")


def server_cpu(pid: int) -> float:
    """CPU seconds of smbd so far: the main process with its reaped children (one per connection), plus
    the children still running."""
    total, stack = 0.0, [pid]
    while stack:
        current = stack.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += sum(int(value) for value in fields[11:15]) / TICKS  # utime stime cutime cstime
            stack.extend(int(c) for c in Path(f"/proc/{current}/task/{current}/children").read_text().split())
        except (OSError, ValueError):
            continue
    return total


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def measured_scan(args: list[str], env: dict[str, str], server_pid: int | None) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds of the scan's process tree, CPU seconds of smbd meanwhile."""
    before = server_cpu(server_pid) if server_pid else 0.0
    result = run_measured([sys.executable, "-m", "credscan", *args], env=env)
    if result.returncode not in (0, 1):
        raise SystemExit(f"credscan {' '.join(args)} failed ({result.returncode}): {result.stderr[-2000:]!r}")
    time.sleep(0.5)  # smbd reaps the connection's process
    after = server_cpu(server_pid) if server_pid else 0.0
    return result.seconds, result.cpu_seconds, after - before


def report(what: str, runs: list[tuple[float, float, float]], files: int) -> None:
    wall = statistics.median(run[0] for run in runs)
    cpu = statistics.median(run[1] for run in runs)
    server = statistics.median(run[2] for run in runs)
    print(
        f"{what}: {files} files in {wall:.2f} s median of {[round(run[0], 2) for run in runs]}: "
        f"{files / wall:,.0f} files/s; CPU per 1,000 files: scan {1000 * cpu / files:.2f} s"
        + (f", smbd {1000 * server / files:.2f} s" if server else "")
        + f" (load average now {load()})"
    )


def run(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "credscan", *args], env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        raise SystemExit(f"credscan {' '.join(args)} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--size", type=int, default=4096)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--max-requests", type=int, default=None, help="--smb-max-requests of the scans")
    parser.add_argument("--no-agent", action="store_true", help="skip the agent's full and incremental runs")
    options = parser.parse_args()
    compile_checkout()
    print(machine(), f"load average {load()}")
    base = Path(tempfile.mkdtemp(prefix="credscan-bench-smb-"))
    server = SambaServer(base=base, port=free_port())
    try:
        server.start()
        planted = fill_share(server.share_dir("clients"), options.files, options.size)
        env = dict(os.environ, CREDSCAN_SMB_PASSWORD=server.password, PYTHONPATH=str(REPO))
        url = server.url("clients")
        out = base / "scan.json"
        scan_args = ["scan", url, "--smb-user", server.user, "--jobs", str(options.jobs)]
        scan_args += ["--format", "json", "-o", str(out), "--no-progress"]
        if options.max_requests is not None:
            scan_args += ["--smb-max-requests", str(options.max_requests)]
        assert server.process is not None
        runs = [measured_scan(scan_args, env, server.process.pid) for _ in range(options.repeat)]
        result = json.loads(out.read_text())
        scanned, found = result["stats"]["files_scanned"], len(result["findings"])
        limit = options.max_requests or "default"
        report(f"scan over SMB (jobs {options.jobs}, max requests {limit})", runs, scanned)
        print(f"  {found} findings of {planted} planted")
        local_args = ["scan", str(server.share_dir("clients")), "--jobs", str(options.jobs)]
        local_args += ["--format", "json", "-o", str(base / "local.json"), "--no-progress"]
        report(
            "same files scanned locally",
            [measured_scan(local_args, env, None) for _ in range(options.repeat)],
            scanned,
        )
        if options.no_agent:
            return

        state = base / "agent-state"
        state.mkdir(mode=0o700)
        config = base / "agent.toml"
        config.write_text(
            f'[scan]\nroots = ["{url}"]\nsmb_user = "{server.user}"\n'
            f'smb_password = "env:CREDSCAN_SMB_PASSWORD"\njobs = {options.jobs}\n'
            f'[state]\ndir = "{state}"\n'
        )
        agent_env = dict(env, CREDSCAN_NO_KEYRING="1")
        first = run(["agent", "run", "--config", str(config), "--once"], agent_env)
        rescans = [
            run(["agent", "run", "--config", str(config), "--once", "--incremental"], agent_env)
            for _ in range(options.repeat)
        ]
        print(
            f"agent first full run: {first:.2f} s; unchanged incremental rescan: median "
            f"{statistics.median(rescans):.2f} s of {[round(t, 2) for t in rescans]}"
        )
    finally:
        server.stop()
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
