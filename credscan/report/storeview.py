"""Read the agent's findings store (credscan.central.store) for the report and the triage commands.

The store is opened only if it exists: a report or a `findings list` must never create an empty database
(and a wrong --config should say so rather than report "no findings"). Queries the store API lacks live
here as small functions on the same SQLite connection.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from credscan.central.events import utc_timestamp
from credscan.central.service import DB_NAME, CentralLog
from credscan.central.store import ACTIVE_STATUSES, Store
from credscan.config import Config
from credscan.errors import UserError
from credscan.report.data import HistoryPoint, ReportInput, finding_from_record
from credscan.report.triage import all_triage, expire_acceptances


def open_central(config: Config) -> CentralLog:
    """The agent's central log without forwarders (triage events wait in the outbox for the agent)."""
    path: Path = config.state.dir / DB_NAME
    if not path.is_file():
        raise UserError(
            f"no findings store at {path}: run `credscan agent run --once --config FILE` first "
            "(or check [state] dir in the config)"
        )
    try:
        return CentralLog(config, connect=False)
    except sqlite3.DatabaseError as exc:
        raise UserError(f"cannot open the findings store {path}: {exc}") from None


def count_unreadable_files(store: Store) -> int:
    """Files whose last read failed (the store API has no such count)."""
    row = store.conn.execute("SELECT count(*) FROM files WHERE error IS NOT NULL").fetchone()
    return int(row[0])


def _when(text: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (AttributeError, ValueError):
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def history_points(store: Store) -> list[HistoryPoint]:
    points = []
    for row in store.history():
        when = _when(str(row.get("at") or ""))
        if when is not None:
            points.append(HistoryPoint(when, int(row.get("open") or 0), int(row.get("resolved") or 0)))
    return points


def triaged_records(store: Store, statuses: tuple[str, ...] | None) -> list[dict[str, Any]]:
    """Store records with the triage details (who, until, why) folded into ``reason`` for display."""
    triage = all_triage(store)
    records = store.list_findings(statuses)
    for record in records:
        info = triage.get(record["id"])
        if info is not None and info.status == record["status"]:
            record["reason"] = info.describe()
            record["triage"] = {"by": info.by, "until": info.until, "at": info.at}
    return records


def input_from_store(config: Config, since: datetime | None = None) -> ReportInput:
    """Every finding still in its file (open, accepted, false-positive), the history, the file counts.

    Acceptances that have expired are reopened first (with their events), so the report is current.
    """
    with open_central(config) as central:
        store = central.store
        expire_acceptances(store, central.emit, datetime.now(UTC).date(), utc_timestamp())
        counts = store.counts()
        return ReportInput(
            findings=[finding_from_record(r) for r in triaged_records(store, ACTIVE_STATUSES)],
            source="the agent's findings store",
            scope=list(config.scan.roots),
            since=since,
            resolved_since=None
            if since is None
            else store.resolved_since(since.strftime("%Y-%m-%dT%H:%M:%S")),
            files_scanned=int(counts["files"]),
            errors=count_unreadable_files(store),
            history=history_points(store),
            resolved=int(counts["by_status"].get("resolved", 0)),
        )
