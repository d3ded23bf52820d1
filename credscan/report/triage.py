"""Triage over the agent's store: accept a risk, mark a false positive, reopen; acceptances can expire.

The store's ``findings`` row carries the status and the reason (credscan.central.store). Who accepted it and
until when live in a ``triage`` table of the same SQLite file, owned by this module. Every change is handed
to ``emit`` (the central log's CentralLog.emit), so the SIEM sees triage as it sees findings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from credscan.central.events import finding_fields
from credscan.central.store import Store
from credscan.errors import UserError

Emit = Callable[[str, dict[str, Any]], object]

TRIAGE_SCHEMA = """
CREATE TABLE IF NOT EXISTS triage (
    id TEXT PRIMARY KEY, status TEXT NOT NULL, by TEXT, reason TEXT, until TEXT, at TEXT NOT NULL
);
"""

TRIAGED = ("accepted", "false-positive")
ACTIONS = {
    "accepted": "finding.accepted",
    "false-positive": "finding.false_positive",
    "open": "finding.reopened",
}
"""Central log event per new status."""


@dataclass(frozen=True, slots=True)
class TriageInfo:
    status: str
    by: str | None
    reason: str | None
    until: str | None
    """ISO date after which an acceptance lapses; None = no expiry."""
    at: str

    def describe(self) -> str:
        """ "accepted by jdoe until 2027-03-31: legacy NAS" for tables and the report."""
        text = self.status
        if self.by:
            text += f" by {self.by}"
        if self.until:
            text += f" until {self.until}"
        return f"{text}: {self.reason}" if self.reason else text


def ensure_table(store: Store) -> None:
    store.conn.executescript(TRIAGE_SCHEMA)


def all_triage(store: Store) -> dict[str, TriageInfo]:
    ensure_table(store)
    rows = store.conn.execute("SELECT id, status, by, reason, until, at FROM triage")
    return {
        row["id"]: TriageInfo(row["status"], row["by"], row["reason"], row["until"], row["at"])
        for row in rows
    }


AMBIGUOUS_SHOWN = 5
"""Matching ids listed when a prefix is ambiguous."""


def find(store: Store, finding_id: str) -> dict[str, Any]:
    """The finding with this id, or with this unique id prefix, however short (ids are long; people type
    what `findings list` shows, or less); case and surrounding spaces do not matter."""
    wanted = finding_id.strip().lower()
    record = store.get_finding(wanted) if wanted else None
    if record is not None:
        return record
    if wanted:
        rows = store.conn.execute(
            "SELECT id FROM findings WHERE substr(id, 1, ?) = ? ORDER BY id LIMIT ?",
            (len(wanted), wanted, AMBIGUOUS_SHOWN + 1),
        ).fetchall()
        if len(rows) == 1:
            found = store.get_finding(rows[0]["id"])
            if found is not None:
                return found
        if len(rows) > 1:
            shown = ", ".join(row["id"][: len(wanted) + 4] for row in rows[:AMBIGUOUS_SHOWN])
            more = ", …" if len(rows) > AMBIGUOUS_SHOWN else ""
            raise UserError(
                f"finding id prefix {finding_id!r} is ambiguous ({shown}{more}): give more characters"
            )
    raise UserError(f"no finding with id {finding_id!r} (see `credscan findings list --status all`)")


def _event(record: dict[str, Any], info: dict[str, Any]) -> dict[str, Any]:
    fields = finding_fields(record)
    fields["credscan"]["triage"] = info
    fields["event"] = {"reason": info.get("reason") or info["status"]}
    return fields


def set_triage(
    store: Store,
    emit: Emit,
    finding_id: str,
    status: str,
    now: str,
    reason: str | None = None,
    by: str | None = None,
    until: date | None = None,
) -> dict[str, Any]:
    """Accept, mark false-positive or reopen one finding; returns the updated record."""
    record = find(store, finding_id)
    if record["status"] == "resolved":
        raise UserError(f"finding {record['id']} is resolved (no longer in its file); nothing to triage")
    if status == "open" and record["status"] == "open":
        raise UserError(f"finding {record['id']} is already open")
    ensure_table(store)
    until_text = until.isoformat() if until else None
    store.set_status(record["id"], status, reason, now)
    store.batch.begin()
    if status in TRIAGED:
        store.conn.execute(
            "INSERT OR REPLACE INTO triage(id, status, by, reason, until, at) VALUES (?, ?, ?, ?, ?, ?)",
            (record["id"], status, by, reason, until_text, now),
        )
    else:
        store.conn.execute("DELETE FROM triage WHERE id = ?", (record["id"],))
    store.batch.commit()
    updated = store.get_finding(record["id"]) or record
    info = {
        "status": status,
        "previous_status": record["status"],
        "by": by,
        "reason": reason,
        "until": until_text,
    }
    emit(ACTIONS[status], _event(updated, info))
    return updated


def expire_acceptances(store: Store, emit: Emit, today: date, now: str) -> list[str]:
    """Reopen accepted findings whose ``until`` day has passed; their ids."""
    expired = [
        finding_id
        for finding_id, info in all_triage(store).items()
        if info.status == "accepted" and info.until and info.until < today.isoformat()
    ]
    reopened = []
    for finding_id in expired:
        record = store.get_finding(finding_id)
        if record is None or record["status"] != "accepted":
            store.conn.execute("DELETE FROM triage WHERE id = ?", (finding_id,))
            continue
        set_triage(store, emit, finding_id, "open", now, reason="acceptance expired", by="credscan")
        reopened.append(finding_id)
    return reopened
