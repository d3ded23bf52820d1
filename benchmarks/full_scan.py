"""Benchmark a full `credscan scan` of a generated share against the extraction floor (the cost of reading
the same files with no detection: a scan should cost no more wall time than that).

    python benchmarks/full_scan.py [--share DIR] [--files 1200] [--jobs N] [--repeat N]

Prints files/s, MB/s, wall time, peak memory of the whole process tree and the ratio to the floor,
all measured in one run on the same machine; and the CPU seconds of both, which a busy shared machine
distorts least (the wall-time target holds on N free cores when the scan needs at most N x the floor's
wall time in CPU).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from statistics import median_low
from typing import Any

from floor import floor_with_cpu
from generate_share import generate
from proctree import Measured, run_measured

REPO = str(Path(__file__).resolve().parents[1])
"""Measure this checkout, whatever credscan is installed."""


def compile_checkout() -> None:
    """Byte-compile the checkout's packages as `pip install` does, so that each process of a measured
    command loads bytecode instead of compiling the sources again (as it would under
    PYTHONDONTWRITEBYTECODE=1, set on some machines): an installed credscan never pays that."""
    for package in ("credscan", "agent", "rules"):
        compileall.compile_dir(str(Path(REPO) / package), quiet=1)


def machine() -> str:
    cpu = "unknown cpu"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    system = f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores"
    return f"{system}, {cpu}, Python {platform.python_version()}"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--share", type=Path, default=Path(tempfile.gettempdir()) / "credscan-bench-share")
    parser.add_argument("--files", type=int, default=1200)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="floor and scan this many times, alternating; medians are printed",
    )
    args = parser.parse_args()

    compile_checkout()
    if not args.share.exists():
        print(f"generating {args.files} files under {args.share} …", file=sys.stderr)
        generate(args.share, args.files, seed=7)

    runs: list[tuple[float, float, ScanRun]] = []
    for _ in range(max(1, args.repeat)):
        floor_s, floor_cpu, files, size = floor_with_cpu(args.share)
        scan = _scan(args.share, args.jobs)
        if scan is None:
            return 2
        runs.append((floor_s, floor_cpu, scan))
        if args.repeat > 1:
            print(
                f"run {len(runs)}: floor {floor_s:.2f} s, scan {scan.run.seconds:.2f} s, "
                f"ratio {scan.run.seconds / floor_s:.2f}x",
                file=sys.stderr,
            )
    ratios = [scan.run.seconds / floor_s for floor_s, _, scan in runs]
    floor_s, floor_cpu, scan = runs[ratios.index(median_low(ratios))]  # the run with the median ratio
    run, stats = scan.run, scan.stats

    print(f"machine:        {machine()}")
    print(f"share:          {files} files, {size / 1e6:.1f} MB")
    if len(runs) > 1:
        listed = ", ".join(f"{ratio:.2f}" for ratio in sorted(ratios))
        print(f"runs:           {len(runs)}, ratios {listed}; the median run:")
    print(f"floor:          {floor_s:.2f} s (one process, read only)")
    print(f"credscan scan:  {run.seconds:.2f} s with --jobs {args.jobs}")
    print(f"throughput:     {files / run.seconds:.1f} files/s, {size / 1e6 / run.seconds:.2f} MB/s")
    print(f"peak RSS:       {run.peak_rss_mb:.0f} MB (whole process tree)")
    print(f"ratio to floor: {run.seconds / floor_s:.2f}x (target <= 1.0)")
    print(f"cpu:            scan {run.cpu_seconds:.1f} s (all processes), floor {floor_cpu:.1f} s")
    estimate = run.cpu_seconds / args.jobs / floor_s
    print(f"idle estimate:  {estimate:.2f}x on {args.jobs} free cores (scan CPU / jobs / floor wall)")
    errors, skipped = len(stats["errors"]), stats["files_skipped"]
    print(f"findings:       {stats['findings']}, errors: {errors}, skipped: {skipped}")
    return 0


@dataclass
class ScanRun:
    run: Measured
    stats: dict[str, Any]


def _scan(share: Path, jobs: int) -> ScanRun | None:
    """One `credscan scan` of the share with a fresh state directory; None (and why) if it failed."""
    with tempfile.TemporaryDirectory() as state:
        env = dict(os.environ, CREDSCAN_STATE_DIR=state, PYTHONPATH=REPO)
        out = Path(state) / "scan.json"
        command = [sys.executable, "-m", "credscan", "scan", str(share), "--format", "json"]
        command += ["-o", str(out), "--no-progress", "--jobs", str(jobs)]
        run = run_measured(command, env=env)
        if run.returncode not in (0, 1) or not out.exists():
            print(f"credscan scan failed (exit {run.returncode}):", file=sys.stderr)
            print(run.stderr.decode(errors="replace"), file=sys.stderr)
            return None
        return ScanRun(run, json.loads(out.read_text())["stats"])


if __name__ == "__main__":
    raise SystemExit(main())
