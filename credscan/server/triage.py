"""Triage on the server: accept, mark false-positive (reason, optional expiry) or reopen a finding.

Each decision updates the finding, adds a history entry and an audit entry, and is appended to the
client's ``decisions`` feed, which that client's agents pull (``GET /api/v1/agent/decisions?after=SEQ``)
on each delivery cycle and apply to their own store, so the agent's SIEM stream stays quiet too.
An acceptance with an expiry lapses on its own: ``expire`` reopens it (and tells the agents).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, select, update

from credscan.central.events import utc_timestamp
from credscan.errors import UserError
from credscan.server import audit, models

ACTIONS = {"accept": "accepted", "false-positive": "false-positive", "reopen": "open"}
MAX_DECISIONS = 500


def parse_until(text: str | None) -> date | None:
    if not text:
        return None
    try:
        until = date.fromisoformat(text)
    except ValueError:
        raise UserError(f"expiry {text!r} is not a date (YYYY-MM-DD)") from None
    if until < datetime.now(UTC).date():
        raise UserError("the expiry date is in the past")
    return until


def decide(
    conn: Connection,
    row_id: int,
    action: str,
    actor: str,
    reason: str | None = None,
    until: str | None = None,
    address: str | None = None,
) -> dict[str, Any]:
    """Apply one decision to the finding with this server id (the caller has checked the tenant)."""
    if action not in ACTIONS:
        raise UserError(f"action must be one of {', '.join(ACTIONS)}")
    status = ACTIONS[action]
    reason = (reason or "").strip()[:1000] or None
    if status == "false-positive" and not reason:
        raise UserError("a false positive needs a reason")
    until_date = parse_until(until) if status == "accepted" else None
    f = models.findings
    row = conn.execute(select(f.c.client_id, f.c.finding_id, f.c.status).where(f.c.id == row_id)).first()
    if row is None:
        raise UserError("no such finding")
    if row.status == "resolved":
        raise UserError("the finding is resolved (no longer in its file); nothing to triage")
    if status == "open" and row.status == "open":
        raise UserError("the finding is already open")
    now = utc_timestamp()
    until_text = until_date.isoformat() if until_date else None
    conn.execute(
        update(f)
        .where(f.c.id == row_id)
        .values(
            status=status,
            triage_reason=reason if status != "open" else None,
            triage_by=actor if status != "open" else None,
            triage_until=until_text,
        )
    )
    detail = reason + (f" (until {until_text})" if until_text else "") if reason else until_text
    conn.execute(
        models.finding_history.insert().values(
            finding=row_id, at=now, action=status, actor=actor, detail=detail
        )
    )
    conn.execute(
        models.decisions.insert().values(
            client_id=row.client_id,
            finding_id=row.finding_id,
            status=status,
            reason=reason,
            until=until_text,
            actor=actor,
            at=now,
        )
    )
    audit.record(
        conn,
        f"finding.{action}",
        actor=actor,
        client_id=row.client_id,
        target=row.finding_id,
        detail=detail,
        address=address,
    )
    return {"id": row_id, "status": status, "reason": reason, "until": until_text}


def expire(conn: Connection, client_ids: frozenset[int] | None = None) -> int:
    """Reopen acceptances whose expiry day has passed (checked when findings are read)."""
    f = models.findings
    today = datetime.now(UTC).date().isoformat()
    query = select(f.c.id).where(
        f.c.status == "accepted", f.c.triage_until.is_not(None), f.c.triage_until < today
    )
    if client_ids is not None:
        query = query.where(f.c.client_id.in_(sorted(client_ids)))
    expired = [int(r) for r in conn.execute(query).scalars()]
    for row_id in expired:
        decide(conn, row_id, "reopen", "credscan", reason="acceptance expired")
    return len(expired)


def decisions_after(
    conn: Connection, client_id: int, after: int, limit: int = MAX_DECISIONS
) -> list[dict[str, Any]]:
    d = models.decisions
    rows = conn.execute(
        select(d.c.seq, d.c.finding_id, d.c.status, d.c.reason, d.c.until, d.c.actor, d.c.at)
        .where(d.c.client_id == client_id, d.c.seq > after)
        .order_by(d.c.seq)
        .limit(max(1, min(limit, MAX_DECISIONS)))
    )
    return [dict(row._mapping) for row in rows]
