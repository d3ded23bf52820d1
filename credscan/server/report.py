"""The per-client risk report: credscan.report's HTML, fed from the server's findings and trend."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Connection, select

from credscan.report.data import HistoryPoint, ReportInput, finding_from_record
from credscan.report.render import render_report
from credscan.server import models, queries


def _when(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)
    except ValueError:
        return None


def client_report(conn: Connection, client_id: int) -> str | None:
    """The report HTML, or None when the client does not exist (the caller has checked the tenant)."""
    name = conn.execute(select(models.clients.c.name).where(models.clients.c.id == client_id)).scalar()
    if name is None:
        return None
    records, resolved = queries.report_records(conn, client_id)
    history = [
        HistoryPoint(when, int(point["open"]), int(point["resolved"]))
        for point in queries.client_history(conn, client_id)
        if (when := _when(str(point["at"]))) is not None
    ]
    report = ReportInput(
        findings=[finding_from_record(record) for record in records],
        source=f"client {name} (credscan server)",
        history=history,
        resolved=resolved,
    )
    return render_report(report)
