"""What the server benchmarks share: a PostgreSQL cluster (tests/support/postgres.py) and a server process
(tests/support/server_process.py) on free loopback ports, and the server's RSS."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from full_scan import REPO

sys.path.insert(0, REPO)  # tests.support

from tests.support.postgres import Postgres
from tests.support.server_process import ServerProcess


def pg_folder(tmp: str) -> Path:
    """A folder for the cluster inside the benchmark's temporary folder (removed with it), which the
    unprivileged PostgreSQL user may traverse."""
    os.chmod(tmp, 0o711)
    return Path(tmp) / "pg"


def rss_mb(pid: int) -> float:
    """Resident memory of one process (VmRSS), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def hwm_mb(pid: int) -> float:
    """Peak resident memory of one process (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


__all__ = ["Postgres", "ServerProcess", "hwm_mb", "pg_folder", "rss_mb"]
