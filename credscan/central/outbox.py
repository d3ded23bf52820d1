"""The durable outbox: ``<state dir>/outbox.db`` (SQLite, WAL, mode 0600).

Every event is stored once (``events``: seq, body, size) and queued for each destination (``pending``:
dest, seq). A destination's queue is delivered in seq order and a row leaves it only when that destination
acknowledged it, so delivery is at least once and ordered per destination. An event row is deleted once no
destination needs it any more.

The outbox is bounded by the total size of its event bodies: past ``max_bytes`` the oldest events are
dropped (down to 90 % of the bound, so a full outbox does not drop on every event) and the caller is told
how many each destination lost. Each destination also keeps an ``unreported`` count: the delivery puts an
``outbox.dropped`` notice in front of its next batch and clears the count when that batch is acknowledged.
The notice itself never waits in the queue, so it can never be dropped (or make room run out) itself.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from credscan.central.db import Batch, open_private_db

SCHEMA = """
CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL, size INTEGER);
CREATE TABLE IF NOT EXISTS pending (dest TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (dest, seq));
CREATE TABLE IF NOT EXISTS announced (event_id TEXT PRIMARY KEY, seq INTEGER);
CREATE TABLE IF NOT EXISTS dest_state (
    dest TEXT PRIMARY KEY, last_error TEXT, last_error_at TEXT, last_success_at TEXT,
    delivered INTEGER NOT NULL DEFAULT 0, dropped INTEGER NOT NULL DEFAULT 0,
    unreported INTEGER NOT NULL DEFAULT 0
);
"""

TRIM_TARGET = 0.9
ANNOUNCED_KEPT = 200_000
"""Lifecycle event ids remembered (``announced``): far more than the findings a restart can re-announce."""


class Outbox:
    def __init__(self, path: Path, destinations: Sequence[str], max_bytes: int) -> None:
        self.path = path
        self.destinations = list(destinations)
        self.max_bytes = max(4096, max_bytes)
        self._lock = threading.RLock()
        self.conn = open_private_db(path, SCHEMA)
        self.batch = Batch(self.conn, max_ops=200, max_age_s=0.5)
        with self._lock:
            self.batch.begin()
            marks = ",".join("?" * len(self.destinations))
            # Destinations removed from the config never come back for their events.
            self.conn.execute(f"DELETE FROM pending WHERE dest NOT IN ({marks})", self.destinations)
            self.conn.execute("DELETE FROM events WHERE seq NOT IN (SELECT seq FROM pending)")
            self.conn.executemany(
                "INSERT OR IGNORE INTO dest_state(dest) VALUES (?)", [(d,) for d in self.destinations]
            )
            self.batch.commit()
            self._bytes = int(self.conn.execute("SELECT COALESCE(sum(size), 0) FROM events").fetchone()[0])

    def announced(self, event_id: str) -> bool:
        """Whether an event with this (deterministic) id was queued before: finding.new and
        finding.resolved carry ids derived from the finding, so a restart after kill -9 or a full disk,
        which redoes the work of its last uncommitted batch, finds them here and announces nothing twice."""
        with self._lock:
            row = self.conn.execute("SELECT 1 FROM announced WHERE event_id = ?", (event_id,)).fetchone()
            return row is not None

    def announced_count(self) -> int:
        with self._lock:
            return int(self.conn.execute("SELECT count(*) FROM announced").fetchone()[0])

    def put(self, body: str, event_id: str | None = None) -> dict[str, int]:
        """Queue one serialised event for every destination; returns events dropped per destination."""
        with self._lock:
            if event_id is not None:
                self.batch.begin()
                cursor = self.conn.execute(
                    "INSERT OR IGNORE INTO announced(event_id, seq) VALUES (?, (SELECT COALESCE(max(seq), 0)"
                    " + 1 FROM announced))",
                    (event_id,),
                )
                if cursor.lastrowid and cursor.lastrowid % 10_000 == 0:
                    self.conn.execute(
                        "DELETE FROM announced WHERE seq <= (SELECT max(seq) FROM announced) - ?",
                        (ANNOUNCED_KEPT,),
                    )
            if not self.destinations:
                if event_id is not None:
                    self.batch.done()
                return {}
        size = len(body.encode("utf-8"))
        with self._lock:
            self.batch.begin()
            cursor = self.conn.execute("INSERT INTO events(body, size) VALUES (?, ?)", (body, size))
            seq = cursor.lastrowid
            self.conn.executemany(
                "INSERT INTO pending(dest, seq) VALUES (?, ?)", [(dest, seq) for dest in self.destinations]
            )
            self._bytes += size
            dropped = self._trim() if self._bytes > self.max_bytes else {}
            self.batch.done()
            return dropped

    def _trim(self) -> dict[str, int]:
        """Drop the oldest events until the outbox is back under TRIM_TARGET of its bound."""
        target = int(self.max_bytes * TRIM_TARGET)
        excess = self._bytes - target
        cut_seq = None
        freed = 0
        for seq, size in self.conn.execute("SELECT seq, size FROM events ORDER BY seq"):
            cut_seq, freed = seq, freed + size
            if freed >= excess:
                break
        if cut_seq is None:
            return {}
        dropped = {
            row[0]: int(row[1])
            for row in self.conn.execute(
                "SELECT dest, count(*) FROM pending WHERE seq <= ? GROUP BY dest", (cut_seq,)
            )
        }
        self.conn.execute("DELETE FROM pending WHERE seq <= ?", (cut_seq,))
        self.conn.execute("DELETE FROM events WHERE seq <= ?", (cut_seq,))
        self.conn.executemany(
            "UPDATE dest_state SET dropped = dropped + ?, unreported = unreported + ? WHERE dest = ?",
            [(count, count, dest) for dest, count in dropped.items()],
        )
        self._bytes -= freed
        return dropped

    def peek(self, dest: str, limit: int) -> list[tuple[int, str]]:
        """The oldest events still owed to dest, committed to disk before anyone sends them."""
        with self._lock:
            self.batch.commit()
            rows = self.conn.execute(
                "SELECT e.seq, e.body FROM pending p JOIN events e ON e.seq = p.seq"
                " WHERE p.dest = ? ORDER BY p.seq LIMIT ?",
                (dest, limit),
            ).fetchall()
            return [(int(seq), str(body)) for seq, body in rows]

    def unreported(self, dest: str) -> int:
        """Events dropped for dest that no outbox.dropped notice has told it about yet."""
        with self._lock:
            row = self.conn.execute("SELECT unreported FROM dest_state WHERE dest = ?", (dest,)).fetchone()
            return int(row[0]) if row else 0

    def ack(self, dest: str, up_to_seq: int, count: int, now: str, reported: int = 0) -> None:
        """dest acknowledged everything up to up_to_seq: forget it for dest (and for good if no one waits)."""
        with self._lock:
            self.batch.begin()
            gone = self.conn.execute(
                "SELECT COALESCE(sum(size), 0) FROM events WHERE seq <= ? AND seq NOT IN"
                " (SELECT seq FROM pending WHERE seq <= ? AND dest != ?)",
                (up_to_seq, up_to_seq, dest),
            ).fetchone()[0]
            self.conn.execute("DELETE FROM pending WHERE dest = ? AND seq <= ?", (dest, up_to_seq))
            self.conn.execute(
                "DELETE FROM events WHERE seq <= ? AND seq NOT IN (SELECT seq FROM pending WHERE seq <= ?)",
                (up_to_seq, up_to_seq),
            )
            self.conn.execute(
                "UPDATE dest_state SET delivered = delivered + ?, last_success_at = ?,"
                " unreported = max(0, unreported - ?) WHERE dest = ?",
                (count, now, reported, dest),
            )
            self._bytes -= int(gone)
            self.batch.commit()

    def record_failure(self, dest: str, error: str, now: str) -> None:
        with self._lock:
            self.batch.begin()
            self.conn.execute(
                "UPDATE dest_state SET last_error = ?, last_error_at = ? WHERE dest = ?", (error, now, dest)
            )
            self.batch.commit()

    def depth(self, dest: str) -> int:
        with self._lock:
            self.batch.commit()
            row = self.conn.execute("SELECT count(*) FROM pending WHERE dest = ?", (dest,)).fetchone()
            return int(row[0])

    def state(self) -> dict[str, dict[str, Any]]:
        """Per destination: depth, delivered, dropped, last_error, last_error_at, last_success_at."""
        with self._lock:
            self.batch.commit()
            depths = dict(self.conn.execute("SELECT dest, count(*) FROM pending GROUP BY dest").fetchall())
            result: dict[str, dict[str, Any]] = {}
            for row in self.conn.execute(
                "SELECT dest, last_error, last_error_at, last_success_at, delivered, dropped FROM dest_state"
            ):
                dest = row[0]
                if dest not in self.destinations:
                    continue
                result[dest] = {
                    "depth": int(depths.get(dest, 0)),
                    "delivered": row[4],
                    "dropped": row[5],
                    "last_error": row[1],
                    "last_error_at": row[2],
                    "last_success_at": row[3],
                }
            return result

    @property
    def size_bytes(self) -> int:
        return self._bytes

    def commit(self) -> None:
        with self._lock:
            self.batch.commit()

    def rollback(self) -> None:
        """Give up the open batch (a write failed) and recount the bytes actually stored."""
        with self._lock:
            self.batch.rollback()
            with contextlib.suppress(sqlite3.Error):
                self._bytes = int(
                    self.conn.execute("SELECT COALESCE(sum(size), 0) FROM events").fetchone()[0]
                )

    def close(self) -> None:
        with self._lock:
            self.batch.commit()
            self.conn.close()
