"""The findings store: ``<state dir>/credscan.db`` (SQLite, WAL, mode 0600).

Tables (read by `findings`, `report` and `agent status`; timestamps are UTC ISO 8601 strings with a Z):

- ``files``: one row per scanned file — path, size, mtime, file_id, owner, sha256, last_scanned,
  last_scan (id of the scan that last saw it), error (last read error, NULL when it was read).
- ``findings``: one row per finding id — path (as in the finding: archive members "a.zip!b.txt"),
  file_path (the file scanned, the key for diffs), rule_id, rule_name, category, severity, confidence,
  masked, secret_hash, location (JSON), context, account, file (JSON: size, mtime, owner, sha256),
  remediation, first_seen, last_seen, status (open | resolved | accepted | false-positive),
  resolved_at, reason. Never a plaintext secret.
- ``scans``: id, kind (full | incremental | watch), started, completed, stats (JSON).
- ``history``: one row per completed scan — at, scan_id, kind, open, resolved, and open counts per
  severity (critical, high, medium, low, info): the report's "open vs resolved over time".
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from credscan.central.db import Batch, open_private_db
from credscan.model import SEVERITIES, FileRef

STATUSES = ("open", "resolved", "accepted", "false-positive")
ACTIVE_STATUSES = ("open", "accepted", "false-positive")
"""Findings still present in their file (accepted/false-positive ones are present but triaged)."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER, mtime REAL, file_id TEXT, owner TEXT, sha256 TEXT,
    last_scanned TEXT, last_scan TEXT, error TEXT
);
CREATE TABLE IF NOT EXISTS findings (
    id TEXT PRIMARY KEY, path TEXT NOT NULL, file_path TEXT NOT NULL, rule_id TEXT, rule_name TEXT,
    category TEXT, severity TEXT, confidence REAL, masked TEXT, secret_hash TEXT, location TEXT,
    context TEXT, account TEXT, file TEXT, remediation TEXT, first_seen TEXT, last_seen TEXT,
    status TEXT NOT NULL DEFAULT 'open', resolved_at TEXT, reason TEXT
);
CREATE INDEX IF NOT EXISTS findings_file_path ON findings(file_path);
CREATE INDEX IF NOT EXISTS findings_status ON findings(status);
CREATE TABLE IF NOT EXISTS scans (
    id TEXT PRIMARY KEY, kind TEXT, started TEXT, completed TEXT, stats TEXT
);
CREATE TABLE IF NOT EXISTS history (
    at TEXT, scan_id TEXT, kind TEXT, open INTEGER, resolved INTEGER,
    critical INTEGER, high INTEGER, medium INTEGER, low INTEGER, info INTEGER
);
"""

LOOKUP_CHUNK = 500
"""Paths per SELECT … IN (…): well under SQLite's variable limit."""


@dataclass(frozen=True, slots=True)
class FileState:
    size: int
    mtime: float
    file_id: str
    error: str | None


def _under(column: str) -> str:
    """SQL that is true for the path itself and everything below it (no LIKE: paths may hold % and _)."""
    return f"({column} = :path OR substr({column}, 1, length(:prefix)) = :prefix)"


def _prefix(path: str) -> dict[str, str]:
    trimmed = path.rstrip("/") or "/"
    return {"path": trimmed, "prefix": trimmed if trimmed.endswith("/") else trimmed + "/"}


class Store:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.conn = open_private_db(path, SCHEMA)
        self.conn.row_factory = sqlite3.Row
        self.batch = Batch(self.conn)

    # -- files ---------------------------------------------------------------------------------------

    def file_states(self, paths: Sequence[str], read_by: str | None = None) -> dict[str, FileState]:
        """The recorded state of those paths the store knows (with read_by: that this scan has read)."""
        found: dict[str, FileState] = {}
        scan_filter = "" if read_by is None else "last_scan = ? AND "
        for start in range(0, len(paths), LOOKUP_CHUNK):
            chunk = paths[start : start + LOOKUP_CHUNK]
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                f"SELECT path, size, mtime, file_id, error FROM files WHERE {scan_filter}path IN ({marks})",
                [*([] if read_by is None else [read_by]), *chunk],
            ):
                found[row["path"]] = FileState(row["size"], row["mtime"], row["file_id"] or "", row["error"])
        return found

    def put_file(self, ref: FileRef, sha256: str | None, scan_id: str, now: str, error: str | None) -> None:
        self.batch.begin()
        self.conn.execute(
            "INSERT INTO files(path, size, mtime, file_id, owner, sha256, last_scanned, last_scan, error)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(path) DO UPDATE SET size=excluded.size,"
            " mtime=excluded.mtime, file_id=excluded.file_id, owner=excluded.owner,"
            " sha256=COALESCE(excluded.sha256, files.sha256), last_scanned=excluded.last_scanned,"
            " last_scan=excluded.last_scan, error=excluded.error",
            (ref.path, ref.size, ref.mtime, ref.file_id, ref.owner, sha256, now, scan_id, error),
        )

    def resolved_since(self, when: str) -> int:
        """Findings resolved at or after ``when`` (an ISO 8601 UTC timestamp)."""
        row = self.conn.execute(
            "SELECT count(*) FROM findings WHERE status = 'resolved' AND resolved_at >= ?", (when,)
        ).fetchone()
        return int(row[0])

    def interrupted_full_scan(self) -> str | None:
        """The newest full scan if it never completed (the agent stopped or lost its share mid-walk)."""
        row = self.conn.execute(
            "SELECT id, completed FROM scans WHERE kind = 'full' ORDER BY started DESC, rowid DESC LIMIT 1"
        ).fetchone()
        return str(row["id"]) if row is not None and row["completed"] is None else None

    def files_not_seen(self, root: str, scan_id: str) -> list[str]:
        """Files below root that the scan scan_id did not record: gone, unless the walk failed."""
        rows = self.conn.execute(
            f"SELECT path FROM files WHERE {_under('path')} AND (last_scan IS NULL OR last_scan != :scan)",
            {**_prefix(root), "scan": scan_id},
        )
        return [row["path"] for row in rows]

    def count_files_under(self, root: str) -> int:
        row = self.conn.execute(
            f"SELECT count(*) FROM files WHERE {_under('path')}", _prefix(root)
        ).fetchone()
        return int(row[0])

    def delete_files(self, path: str) -> None:
        self.batch.begin()
        self.conn.execute(f"DELETE FROM files WHERE {_under('path')}", _prefix(path))

    # -- findings ------------------------------------------------------------------------------------

    def rename_finding(self, old_id: str, new_id: str) -> None:
        """Give a finding a new id (the migration from 0.1 ids, see CentralLog._adopt_legacy_ids)."""
        self.conn.execute("UPDATE findings SET id = ? WHERE id = ?", (new_id, old_id))

    def statuses_for_file(self, file_path: str) -> dict[str, str]:
        rows = self.conn.execute("SELECT id, status FROM findings WHERE file_path = ?", (file_path,))
        return {row["id"]: row["status"] for row in rows}

    def active_under(self, path: str) -> list[dict[str, Any]]:
        """Unresolved findings of a file, or of every file below a folder."""
        rows = self.conn.execute(
            f"SELECT * FROM findings WHERE {_under('file_path')} AND status != 'resolved'", _prefix(path)
        )
        return [row_to_record(row) for row in rows]

    def upsert_finding(self, record: dict[str, Any], file_path: str, now: str) -> None:
        """Insert a new finding, refresh a known one, or reopen a resolved one that came back."""
        self.batch.begin()
        self.conn.execute(
            "INSERT INTO findings(id, path, file_path, rule_id, rule_name, category, severity, confidence,"
            " masked, secret_hash, location, context, account, file, remediation, first_seen, last_seen,"
            " status) VALUES (:id, :path, :file_path, :rule_id, :rule_name, :category, :severity,"
            " :confidence, :masked, :secret_hash, :location, :context, :account, :file, :remediation,"
            " :now, :now, 'open') ON CONFLICT(id) DO UPDATE SET last_seen=:now, path=:path,"
            " file_path=:file_path, severity=:severity, confidence=:confidence, context=:context,"
            " account=:account, file=:file, remediation=:remediation, rule_name=:rule_name,"
            " status=CASE WHEN findings.status='resolved' THEN 'open' ELSE findings.status END,"
            " resolved_at=CASE WHEN findings.status='resolved' THEN NULL ELSE findings.resolved_at END,"
            " reason=CASE WHEN findings.status='resolved' THEN NULL ELSE findings.reason END",
            {
                "id": record["id"],
                "path": record.get("path", file_path),
                "file_path": file_path,
                "rule_id": record.get("rule_id"),
                "rule_name": record.get("rule_name"),
                "category": record.get("category"),
                "severity": record.get("severity"),
                "confidence": record.get("confidence"),
                "masked": record.get("secret_masked"),
                "secret_hash": record.get("secret_hash"),
                "location": json.dumps(record.get("location") or {}, sort_keys=True),
                "context": record.get("context"),
                "account": record.get("account"),
                "file": json.dumps(record.get("file") or {}, sort_keys=True),
                "remediation": record.get("remediation"),
                "now": now,
            },
        )

    def resolve(self, ids: Iterable[str], reason: str, now: str) -> None:
        self.batch.begin()
        self.conn.executemany(
            "UPDATE findings SET status='resolved', resolved_at=?, reason=?"
            " WHERE id=? AND status!='resolved'",
            [(now, reason, finding_id) for finding_id in ids],
        )

    def get_finding(self, finding_id: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT * FROM findings WHERE id = ?", (finding_id,)).fetchone()
        return row_to_record(row) if row else None

    def list_findings(self, statuses: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """Finding records plus their status fields, most severe first."""
        query = "SELECT * FROM findings"
        params: list[str] = []
        if statuses:
            query += f" WHERE status IN ({','.join('?' * len(statuses))})"
            params = list(statuses)
        order = " ".join(f"WHEN '{name}' THEN {rank}" for rank, name in enumerate(SEVERITIES))
        query += f" ORDER BY CASE severity {order} ELSE 9 END, path, id"
        return [row_to_record(row) for row in self.conn.execute(query, params)]

    def set_status(self, finding_id: str, status: str, reason: str | None, now: str) -> bool:
        """Triage (accept, mark false-positive, reopen); False when the id is unknown."""
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}")
        self.batch.begin()
        cursor = self.conn.execute(
            "UPDATE findings SET status=?, reason=?, resolved_at=? WHERE id=?",
            (status, reason, now if status == "resolved" else None, finding_id),
        )
        self.batch.commit()
        return cursor.rowcount > 0

    # -- scans and history ---------------------------------------------------------------------------

    def start_scan(self, scan_id: str, kind: str, now: str) -> None:
        self.batch.begin()
        self.conn.execute("INSERT INTO scans(id, kind, started) VALUES (?, ?, ?)", (scan_id, kind, now))
        self.batch.commit()

    def finish_scan(self, scan_id: str, stats: dict[str, Any], now: str) -> None:
        """Close the scan and add a history point (counts after this scan)."""
        self.batch.begin()
        self.conn.execute(
            "UPDATE scans SET completed=?, stats=? WHERE id=?", (now, json.dumps(stats), scan_id)
        )
        kind_row = self.conn.execute("SELECT kind FROM scans WHERE id=?", (scan_id,)).fetchone()
        counts = self.counts()
        self.conn.execute(
            "INSERT INTO history(at, scan_id, kind, open, resolved, critical, high, medium, low, info)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                now,
                scan_id,
                kind_row["kind"] if kind_row else None,
                counts["by_status"].get("open", 0),
                counts["by_status"].get("resolved", 0),
                *(counts["open_by_severity"].get(level, 0) for level in SEVERITIES),
            ),
        )
        self.batch.commit()

    def last_scans(self) -> dict[str, dict[str, Any]]:
        """The last completed scan of each kind: {"full": {"id", "started", "completed", "stats"}, …}."""
        result: dict[str, dict[str, Any]] = {}
        rows = self.conn.execute(
            "SELECT id, kind, started, completed, stats FROM scans WHERE completed IS NOT NULL"
            " ORDER BY completed"
        )
        for row in rows:
            result[row["kind"]] = {
                "id": row["id"],
                "started": row["started"],
                "completed": row["completed"],
                "stats": json.loads(row["stats"] or "{}"),
            }
        return result

    def history(self) -> list[dict[str, Any]]:
        return [dict(row) for row in self.conn.execute("SELECT * FROM history ORDER BY at")]

    def counts(self) -> dict[str, Any]:
        by_status = {
            row[0]: row[1] for row in self.conn.execute("SELECT status, count(*) FROM findings GROUP BY 1")
        }
        open_by_severity = {
            row[0]: row[1]
            for row in self.conn.execute(
                "SELECT severity, count(*) FROM findings WHERE status='open' GROUP BY 1"
            )
        }
        files = self.conn.execute("SELECT count(*) FROM files").fetchone()[0]
        return {
            "files": int(files),
            "findings": sum(by_status.values()),
            "by_status": by_status,
            "open_by_severity": {level: open_by_severity.get(level, 0) for level in SEVERITIES},
        }

    def commit(self) -> None:
        self.batch.commit()

    def close(self) -> None:
        self.batch.commit()
        self.conn.close()


def row_to_record(row: sqlite3.Row) -> dict[str, Any]:
    """A stored finding as a finding record plus its lifecycle fields."""
    return {
        "id": row["id"],
        "rule_id": row["rule_id"],
        "rule_name": row["rule_name"],
        "category": row["category"],
        "severity": row["severity"],
        "confidence": row["confidence"],
        "path": row["path"],
        "location": json.loads(row["location"] or "{}"),
        "secret_masked": row["masked"],
        "secret_hash": row["secret_hash"],
        "context": row["context"],
        "account": row["account"],
        "file": json.loads(row["file"] or "{}"),
        "remediation": row["remediation"],
        "file_path": row["file_path"],
        "first_seen": row["first_seen"],
        "last_seen": row["last_seen"],
        "status": row["status"],
        "resolved_at": row["resolved_at"],
        "reason": row["reason"],
    }
