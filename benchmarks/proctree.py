"""Run a command and sample the summed RSS and CPU time of its whole process tree (parent plus workers).

getrusage() only knows the largest single child; a scan with worker processes needs the sum. CPU seconds
are what a busy shared machine distorts least: wall time depends on how many cores others leave free.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")
TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Measured:
    seconds: float
    peak_rss_mb: float
    cpu_seconds: float
    """user + system time of every process of the tree (as last sampled)."""
    returncode: int
    stdout: bytes
    stderr: bytes


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(c) for c in text.split()]


def _tree_sample(pid: int, cpu: dict[int, float]) -> int:
    """The tree's summed RSS now; each process's CPU seconds so far go into ``cpu``."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            total += int(Path(f"/proc/{current}/statm").read_text().split()[1]) * PAGE
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            cpu[current] = (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime
        except (OSError, IndexError, ValueError):
            continue
        stack.extend(_children(current))
    return total


def run_measured(
    command: Sequence[str], interval: float = 0.05, env: dict[str, str] | None = None
) -> Measured:
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    peak = 0
    cpu: dict[int, float] = {}
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_sample(proc.pid, cpu))
            time.sleep(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    return Measured(seconds, peak / 1e6, sum(cpu.values()), proc.returncode, stdout, stderr)
