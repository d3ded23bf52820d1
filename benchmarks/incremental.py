"""Benchmark the agent's incremental rescan of an unchanged tree against its first full run and `find`.

    python benchmarks/incremental.py [--tree DIR] [--files 30000] [--repeat 3]

Generates a tree of small files (mostly tiny text and CSV files, a few xlsx), runs the agent's first full
scan (`credscan agent run --once`), then rescans the unchanged tree incrementally, and times a bare
`find DIR -printf '%s %T@ %i\\n'` over the same tree. Incremental rescans are timed two ways:

- in-process, through the Python API the long-running agent's scheduled incremental scan uses
  (`credscan.central.runner.scan_roots(..., kind="incremental")`): the agent is already running, so this is
  the cost of one scheduled rescan — the target is < 25% of the first full run and < 8x of `find`;
- as a command (`credscan agent run --once --incremental`), which adds interpreter start-up and imports.

Each timing is the median of --repeat runs; the tree and its page cache are warm for all of them.
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
from collections.abc import Callable
from pathlib import Path

import xlsxwriter  # benchmarks only
from full_scan import REPO, compile_checkout, machine
from generate_share import WORDS, _password


def generate_tree(root: Path, files: int, seed: int = 11) -> None:
    """``files`` small files in 100-file folders: 70% text, 28% csv, 2% xlsx; a few planted passwords."""
    rng = random.Random(seed)
    for index in range(files):
        folder = root / f"dept{index // 3000:02d}" / f"f{(index // 100) % 30:02d}"
        if index % 100 == 0:
            folder.mkdir(parents=True, exist_ok=True)
        roll = rng.random()
        if roll < 0.02:
            book = xlsxwriter.Workbook(str(folder / f"sheet{index}.xlsx"))
            sheet = book.add_worksheet("Data")
            for row in range(rng.randint(5, 40)):
                sheet.write_row(row, 0, [rng.choice(WORDS), rng.randint(1, 999), f"srv{row:02d}"])
            book.close()
        elif roll < 0.30:
            rows = [f"{i},{rng.choice(WORDS)},{rng.randint(1, 999)}" for i in range(rng.randint(3, 30))]
            (folder / f"list{index}.csv").write_text("id,name,count\n" + "\n".join(rows) + "\n")
        else:
            lines = [" ".join(rng.choice(WORDS) for _ in range(8)) for _ in range(rng.randint(1, 15))]
            if rng.random() < 0.01:
                lines.append(f"admin password: {_password(rng)}")
            (folder / f"note{index}.txt").write_text("\n".join(lines) + "\n")


def write_config(path: Path, tree: Path, state: Path, jobs: int) -> None:
    lines = [
        "[scan]",
        f"roots = [{json.dumps(str(tree))}]",
        f"jobs = {jobs}",
        "[state]",
        f"dir = {json.dumps(str(state))}",
    ]
    path.write_text("\n".join(lines) + "\n")


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_agent(config: Path, *extra: str) -> None:
    command = [sys.executable, "-m", "credscan", "agent", "run", "--config", str(config), "--once", *extra]
    env = dict(os.environ, CREDSCAN_NO_KEYRING="1", PYTHONPATH=REPO)
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise SystemExit(f"agent run failed ({done.returncode}): {done.stderr.strip()}")


def find_printf(tree: Path) -> None:
    subprocess.run(["find", str(tree), "-printf", "%s %T@ %i\\n"], stdout=subprocess.DEVNULL, check=True)


def incremental_in_process(config_path: Path) -> tuple[float, int, int]:
    """Seconds of one scheduled incremental scan, files seen, files scanned (0 for an unchanged tree)."""
    from credscan.central.runner import scan_options, scan_roots
    from credscan.central.service import CentralLog
    from credscan.config import load_config

    config = load_config(str(config_path))
    with CentralLog(config) as central:
        options = scan_options(config, central.fingerprint_key().key)
        start = time.perf_counter()
        stats = scan_roots(central, options, config.scan.roots, kind="incremental")
        seconds = time.perf_counter() - start
    return seconds, stats.files_seen, stats.files_scanned


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tree", type=Path, default=Path(tempfile.gettempdir()) / "credscan-bench-30k")
    parser.add_argument("--files", type=int, default=30000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    compile_checkout()
    if not args.tree.exists():
        print(f"generating {args.files} files under {args.tree} …", file=sys.stderr)
        generate_tree(args.tree, args.files)
    os.environ["CREDSCAN_NO_KEYRING"] = "1"
    sys.path.insert(0, REPO)  # the in-process runs import this checkout too
    with tempfile.TemporaryDirectory() as work:
        config = Path(work) / "agent.toml"
        write_config(config, args.tree, Path(work) / "state", args.jobs)
        find_s = median_seconds(lambda: find_printf(args.tree), args.repeat)
        start = time.perf_counter()
        run_agent(config)
        full_s = time.perf_counter() - start
        runs = [incremental_in_process(config) for _ in range(args.repeat)]
        api_s = statistics.median(seconds for seconds, _, _ in runs)
        _, seen, rescanned = runs[-1]
        cli_s = median_seconds(lambda: run_agent(config, "--incremental"), args.repeat)

    print(f"machine:             {machine()}")
    print(f"tree:                {seen} files")
    print(f"find -printf:        {find_s:.3f} s")
    print(f"first full run:      {full_s:.2f} s (agent run --once, --jobs {args.jobs})")
    print(f"incremental (agent): {api_s:.3f} s, {rescanned} files rescanned, {seen / api_s:,.0f} files/s")
    print(f"  vs full run:       {100 * api_s / full_s:.1f}% (target < 25%)")
    print(f"  vs find:           {api_s / find_s:.1f}x (target < 8x)")
    print(f"incremental command: {cli_s:.3f} s (agent run --once --incremental, with start-up)")
    print(f"  vs full run:       {100 * cli_s / full_s:.1f}%")
    print(f"  vs find:           {cli_s / find_s:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
