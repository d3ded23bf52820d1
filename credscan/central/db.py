"""SQLite files of the central log: private (0600), WAL, and writes that batch into few transactions.

WAL with synchronous=NORMAL survives a kill -9 of the agent (only a power loss can cost the last commits),
and lets `credscan agent status`, `findings` and `report` read while the agent writes.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

STATE_WRITE_ERRORS: tuple[type[BaseException], ...] = (OSError, sqlite3.OperationalError)
"""What a full or broken disk raises on a write: the agent warns and keeps going (docs/security.md)."""


def owned_by_me(uid: int) -> bool:
    """Whether we may tighten a file's mode (POSIX); Windows protects the state dir with ACLs instead."""
    return not hasattr(os, "geteuid") or uid == os.geteuid()


def open_private_db(path: Path, schema: str) -> sqlite3.Connection:
    """Open (creating with mode 0600) a database, switch it to WAL and apply the idempotent schema."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if owned_by_me(os.fstat(fd).st_uid):
            os.fchmod(fd, 0o600)
    finally:
        os.close(fd)
    conn = sqlite3.connect(path, timeout=30.0, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.executescript(schema)
    except sqlite3.DatabaseError as exc:
        conn.close()
        if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
            raise
        from credscan.central.statecheck import damaged

        raise damaged(path, exc) from None
    for suffix in ("-wal", "-shm"):
        side = Path(f"{path}{suffix}")
        if side.exists() and owned_by_me(side.stat().st_uid):
            os.chmod(side, 0o600)
    return conn


class Batch:
    """An open write transaction that commits every ``max_ops`` operations or ``max_age_s`` seconds.

    One transaction per result would cost a commit per file on a share with a million files; one per scan
    would lose a whole scan's state on a crash. This is the middle ground.
    """

    def __init__(self, conn: sqlite3.Connection, max_ops: int = 500, max_age_s: float = 1.0) -> None:
        self.conn = conn
        self.before_commit: Callable[[], None] | None = None
        """Runs before each commit: the store commits the outbox first, so a crash can never leave a
        finding recorded as announced while its event is not yet durable."""
        self.after_commit: Callable[[], None] | None = None
        """Runs after each commit (the outbox writes the event-log lines of what it just made durable)."""
        self.after_rollback: Callable[[], None] | None = None
        self.max_ops = max_ops
        self.max_age_s = max_age_s
        self._ops = 0
        self._since = 0.0

    def begin(self) -> None:
        """Make sure a transaction is open before a write."""
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN IMMEDIATE")
            self._ops = 0
            self._since = time.monotonic()

    def done(self) -> None:
        """Count one write; commit when the batch is full or old."""
        self._ops += 1
        if self._ops >= self.max_ops or time.monotonic() - self._since >= self.max_age_s:
            self.commit()

    def commit(self) -> None:
        if self.conn.in_transaction:
            if self.before_commit is not None:
                self.before_commit()
            self.conn.execute("COMMIT")
            if self.after_commit is not None:
                self.after_commit()
        self._ops = 0

    def rollback(self) -> None:
        if self.conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
        if self.after_rollback is not None:
            self.after_rollback()
        self._ops = 0
