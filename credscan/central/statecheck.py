"""The agent's state directory as something that can be damaged, shared by mistake, or restored.

- **One agent per state directory**: ``hold_agent_lock`` takes ``agent.lock`` (flock, kept for the life of
  the process): a second `agent run`, also a `--once` run beside the service, refuses with one line.
  The lock is also the one record of whether an agent runs (``running_agent``, for `agent status`): the
  kernel drops it when the process dies, kill -9 included, so there is no stale pid file to second-guess.
- **A damaged database** (``credscan.db``/``outbox.db`` truncated or overwritten) is one clear line for
  every command, naming the recovery: ``DamagedState``.
- **Recovery**: ``repair`` (`credscan agent repair --config FILE`) moves what cannot be read aside (kept,
  0600, as ``NAME.damaged-TIMESTAMP``) so the agent starts with empty databases again: the next full scan
  rebuilds the findings store, and findings already announced are not announced again (the outbox keeps
  their event ids; if the outbox itself was lost, the SIEM sees each again under the same event.id).
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from credscan.errors import UserError

LOCK_NAME = "agent.lock"
DATABASES = ("credscan.db", "outbox.db")
RECOVERY = "run `credscan agent repair --config FILE` (docs/security.md, Recovery)"


class DamagedState(UserError):
    """An agent state file that SQLite cannot read."""


def damaged(path: Path, exc: BaseException) -> DamagedState:
    return DamagedState(f"the agent state file {path} is damaged ({type(exc).__name__}); {RECOVERY}")


_held: dict[str, int] = {}
LOCK_RECORD_MAX = 256


def hold_agent_lock(state_dir: Path) -> None:
    """This process is the state directory's one agent until it exits (the lock dies with it, kill -9
    included). A UserError when another agent holds it."""
    key = str(state_dir.resolve())
    if key in _held:
        return
    try:
        import fcntl
    except ImportError:  # Windows: the service manager runs one instance
        return
    path = state_dir / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = _lock_record(fd).get("pid", "?")
        os.close(fd)
        raise UserError(
            f"another credscan agent (pid {holder}) is running on the state directory {state_dir}: "
            "stop it first (one agent per state directory; a --once run beside the service is refused too)"
        ) from None
    record = {"pid": os.getpid(), "started": time.time()}
    os.ftruncate(fd, 0)
    os.pwrite(fd, json.dumps(record).encode() + b"\n", 0)
    _held[key] = fd


def running_agent(state_dir: Path) -> dict[str, Any]:
    """{"running": bool, "pid": …, "since": ISO time}: whether an agent holds the state directory's lock.

    Asking for a shared lock without waiting: it is refused exactly while some process holds the agent's
    exclusive lock, and granted (then let go at once) when none does."""
    try:
        import fcntl
    except ImportError:
        return {"running": False}
    try:
        fd = os.open(state_dir / LOCK_NAME, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return {"running": False}
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            record = _lock_record(fd)
        else:
            fcntl.flock(fd, fcntl.LOCK_UN)
            return {"running": False}
    finally:
        os.close(fd)
    status: dict[str, Any] = {"running": True}
    if isinstance(record.get("pid"), int):
        status["pid"] = record["pid"]
    if isinstance(record.get("started"), float | int):
        status["since"] = datetime.fromtimestamp(record["started"], UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return status


def _lock_record(fd: int) -> dict[str, Any]:
    """What the holder wrote into the lock file; {} when it is not (yet) a record."""
    try:
        record = json.loads(os.pread(fd, LOCK_RECORD_MAX, 0))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def check_database(path: Path) -> str | None:
    """None when SQLite reads the file through (integrity_check), else why not."""
    if not path.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30.0)
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return type(exc).__name__
    return None if rows == [("ok",)] else "integrity check failed"


def repair(state_dir: Path) -> list[str]:
    """Move every unreadable database (with its WAL/SHM) aside; the lines to print, one per action."""
    done: list[str] = []
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    for name in DATABASES:
        path = state_dir / name
        problem = check_database(path)
        if problem is None:
            done.append(f"{name}: ok")
            continue
        for suffix in ("", "-wal", "-shm"):
            part = Path(f"{path}{suffix}")
            if part.exists():
                os.replace(part, Path(f"{part}.damaged-{stamp}"))
        rebuilt = (
            "the next full scan rebuilds it" if name == "credscan.db" else "its undelivered events are lost"
        )
        done.append(f"{name}: damaged ({problem}); moved aside as {name}.damaged-{stamp}, {rebuilt}")
    return done
