"""Read-side queries for the API and the console, always scoped by the principal's client ids.

The findings list is filtered by client, status, severity and category and paged by offset (capped) with
a capped count, so a page over a million findings costs an index range scan, not a full count.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Select, func, select

from credscan.model import CATEGORIES, SEVERITIES
from credscan.server import models

STATUSES = ("open", "accepted", "false-positive", "resolved")
PAGE_SIZES = (25, 50, 100, 200)
MAX_OFFSET = 100_000
COUNT_CAP = 1_000
"""Counts beyond this are shown as "1000+": the count walks the matching rows, and a broad filter over a
million findings matches hundreds of thousands (paging does not depend on the count)."""

FINDING_COLUMNS = (
    "id",
    "client_id",
    "finding_id",
    "agent_id",
    "host",
    "path",
    "rule_id",
    "rule_name",
    "category",
    "severity",
    "confidence",
    "secret_masked",
    "secret_hash",
    "location",
    "context",
    "account",
    "file",
    "remediation",
    "status",
    "first_seen",
    "last_seen",
    "resolved_at",
    "triage_reason",
    "triage_by",
    "triage_until",
)


@dataclass(frozen=True, slots=True)
class FindingFilter:
    client_ids: Sequence[int] | None = None
    status: str | None = None
    severity: str | None = None
    category: str | None = None


def _scoped(query: Select[Any], flt: FindingFilter, visible: frozenset[int] | None) -> Select[Any]:
    f = models.findings
    wanted = None if flt.client_ids is None else set(flt.client_ids)
    if visible is not None:
        wanted = set(visible) if wanted is None else wanted & visible
    if wanted is not None:
        query = query.where(f.c.client_id.in_(sorted(wanted)))
    if flt.status:
        query = query.where(f.c.status == flt.status)
    if flt.severity:
        query = query.where(f.c.severity == flt.severity)
    if flt.category:
        query = query.where(f.c.category == flt.category)
    return query


def finding_row(row: Any) -> dict[str, Any]:
    record = dict(row._mapping)
    for key in ("location", "file"):
        value = record.get(key)
        if isinstance(value, str) and value[:1] in "{[":
            with contextlib.suppress(ValueError):
                record[key] = json.loads(value)
    return record


def list_findings(
    conn: Connection, flt: FindingFilter, visible: frozenset[int] | None, page: int, per_page: int
) -> dict[str, Any]:
    f = models.findings
    page = max(1, page)
    per_page = per_page if per_page in PAGE_SIZES else 50
    offset = min((page - 1) * per_page, MAX_OFFSET)
    columns = [f.c[name] for name in FINDING_COLUMNS] + [models.clients.c.name.label("client")]
    query = _scoped(select(*columns).join(models.clients, models.clients.c.id == f.c.client_id), flt, visible)
    rows = conn.execute(query.order_by(f.c.id.desc()).limit(per_page + 1).offset(offset)).all()
    items = [finding_row(row) for row in rows[:per_page]]
    counted = _scoped(select(f.c.id), flt, visible).limit(COUNT_CAP + 1).subquery()
    total = int(conn.execute(select(func.count()).select_from(counted)).scalar() or 0)
    return {
        "items": items,
        "page": page,
        "per_page": per_page,
        "total": min(total, COUNT_CAP),
        "total_capped": total > COUNT_CAP,
        "has_next": len(rows) > per_page and offset + per_page <= MAX_OFFSET,
    }


def get_finding(conn: Connection, row_id: int, visible: frozenset[int] | None) -> dict[str, Any] | None:
    f = models.findings
    query = (
        select(*[f.c[name] for name in FINDING_COLUMNS], models.clients.c.name.label("client"))
        .join(models.clients, models.clients.c.id == f.c.client_id)
        .where(f.c.id == row_id)
    )
    row = conn.execute(query).first()
    if row is None or (visible is not None and row.client_id not in visible):
        return None
    return finding_row(row)


def finding_history(conn: Connection, row_id: int) -> list[dict[str, Any]]:
    """The finding's history, oldest first; its first entry ("new": when and which agent first reported
    it) comes from the finding itself, the rest from finding_history."""
    f, a, h = models.findings, models.agents, models.finding_history
    first = conn.execute(
        select(f.c.first_seen, a.c.name).outerjoin(a, a.c.id == f.c.agent_id).where(f.c.id == row_id)
    ).first()
    rows = conn.execute(
        select(h.c.at, h.c.action, h.c.actor, h.c.detail).where(h.c.finding == row_id).order_by(h.c.id)
    )
    history = [dict(row._mapping) for row in rows]
    if first is not None:
        actor = f"agent:{first.name}" if first.name else None
        history.insert(0, {"at": first.first_seen, "action": "new", "actor": actor, "detail": None})
    return history


def silent_cutoff(silent_after_s: int) -> str:
    return (datetime.now(UTC) - timedelta(seconds=silent_after_s)).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def clients_overview(
    conn: Connection, visible: frozenset[int] | None, silent_after_s: int
) -> list[dict[str, Any]]:
    """Per client: open findings by severity, triaged counts, agents, last contact, silent agents, trend."""
    c, f, a = models.clients, models.findings, models.agents
    query = select(c.c.id, c.c.name).order_by(c.c.name)
    if visible is not None:
        query = query.where(c.c.id.in_(sorted(visible)))
    overview: dict[int, dict[str, Any]] = {
        int(row.id): {
            "id": int(row.id),
            "name": row.name,
            "open": dict.fromkeys(SEVERITIES, 0),
            "open_total": 0,
            "triaged": 0,
            "agents": 0,
            "silent_agents": 0,
            "revoked_agents": 0,
            "last_contact": None,
            "trend": [],
        }
        for row in conn.execute(query)
    }
    if not overview:
        return []
    ids = sorted(overview)
    counts = conn.execute(
        select(f.c.client_id, f.c.status, f.c.severity, func.count())
        .where(f.c.client_id.in_(ids), f.c.status != "resolved")
        .group_by(f.c.client_id, f.c.status, f.c.severity)
    )
    for client_id, status, severity, count in counts:
        entry = overview[int(client_id)]
        if status == "open":
            entry["open"][severity] = entry["open"].get(severity, 0) + int(count)
            entry["open_total"] += int(count)
        else:
            entry["triaged"] += int(count)
    cutoff = silent_cutoff(silent_after_s)
    for row in conn.execute(
        select(a.c.client_id, a.c.last_seen, a.c.revoked_at).where(a.c.client_id.in_(ids))
    ):
        entry = overview[int(row.client_id)]
        if row.revoked_at:
            entry["revoked_agents"] += 1
            continue
        entry["agents"] += 1
        if row.last_seen and (entry["last_contact"] is None or row.last_seen > entry["last_contact"]):
            entry["last_contact"] = row.last_seen
        if not row.last_seen or row.last_seen < cutoff:
            entry["silent_agents"] += 1
    h = models.client_history
    recent = (
        select(h.c.client_id, h.c.at, h.c.open)
        .where(h.c.client_id.in_(ids))
        .order_by(h.c.client_id, h.c.id.desc())
    )
    for row in conn.execute(recent):
        trend = overview[int(row.client_id)]["trend"]
        if len(trend) < 12:
            trend.insert(0, {"at": row.at, "open": int(row.open)})
    return list(overview.values())


def list_agents(
    conn: Connection, visible: frozenset[int] | None, silent_after_s: int, client_id: int | None = None
) -> list[dict[str, Any]]:
    a = models.agents
    query = (
        select(
            a.c.id,
            a.c.client_id,
            a.c.name,
            a.c.created_at,
            a.c.last_seen,
            a.c.last_address,
            a.c.version,
            a.c.revoked_at,
            models.clients.c.name.label("client"),
        )
        .join(models.clients, models.clients.c.id == a.c.client_id)
        .order_by(models.clients.c.name, a.c.name)
    )
    if visible is not None:
        query = query.where(a.c.client_id.in_(sorted(visible)))
    if client_id is not None:
        query = query.where(a.c.client_id == client_id)
    cutoff = silent_cutoff(silent_after_s)
    agents = []
    for row in conn.execute(query):
        item = dict(row._mapping)
        item["silent"] = not item["revoked_at"] and (not item["last_seen"] or item["last_seen"] < cutoff)
        agents.append(item)
    return agents


def report_records(conn: Connection, client_id: int) -> tuple[list[dict[str, Any]], int]:
    """The client's findings still in their files (for the HTML report) and its resolved count."""
    f = models.findings
    rows = conn.execute(
        select(*[f.c[name] for name in FINDING_COLUMNS]).where(
            f.c.client_id == client_id, f.c.status != "resolved"
        )
    )
    records = []
    for row in rows:
        record = finding_row(row)
        record["id"] = record.pop("finding_id")
        reason = record.get("triage_reason")
        if record["status"] != "open":
            who = f" by {record['triage_by']}" if record.get("triage_by") else ""
            until = f" until {record['triage_until']}" if record.get("triage_until") else ""
            record["reason"] = f"{record['status']}{who}{until}" + (f": {reason}" if reason else "")
        records.append(record)
    resolved = conn.execute(
        select(func.count()).select_from(f).where(f.c.client_id == client_id, f.c.status == "resolved")
    ).scalar()
    return records, int(resolved or 0)


def client_history(conn: Connection, client_id: int) -> list[dict[str, Any]]:
    h = models.client_history
    rows = conn.execute(
        select(h.c.at, h.c.open, h.c.resolved).where(h.c.client_id == client_id).order_by(h.c.id)
    )
    return [dict(row._mapping) for row in rows]


__all__ = ["CATEGORIES", "STATUSES", "FindingFilter"]
