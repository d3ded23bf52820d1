"""<state dir>/agent.pid: lets `agent status` say whether the agent is running, and since when.

The file holds the pid and the process's start time; a pid alone could name an unrelated process after a
crash and a reboot (pids are reused), so a process only counts as the agent when its start time matches.
The file is removed on a clean stop; after a kill -9 it stays, and the start time tells it is stale.
"""

from __future__ import annotations

import json
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil

from credscan.statedir import write_private_file

PID_FILE = "agent.pid"
START_TIME_SLACK_S = 1.0


def write_pidfile(state_dir: Path) -> Path:
    path = state_dir / PID_FILE
    me = psutil.Process()
    write_private_file(path, json.dumps({"pid": me.pid, "started": me.create_time()}).encode() + b"\n")
    return path


def remove_pidfile(path: Path) -> None:
    with suppress(OSError):
        path.unlink()


def agent_process(state_dir: Path) -> dict[str, Any]:
    """{"running": bool, "pid": …, "since": ISO time} for the agent whose state is in state_dir."""
    try:
        recorded = json.loads((state_dir / PID_FILE).read_text(encoding="utf-8"))
        pid, started = int(recorded["pid"]), float(recorded["started"])
    except (OSError, ValueError, KeyError, TypeError):
        return {"running": False}
    try:
        alive = abs(psutil.Process(pid).create_time() - started) < START_TIME_SLACK_S
    except (psutil.Error, OSError):
        alive = False
    if not alive:
        return {"running": False}
    since = datetime.fromtimestamp(started, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {"running": True, "pid": pid, "since": since}
