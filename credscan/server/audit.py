"""The audit log: every login (failed ones too), triage decision, enrollment, revocation and admin change."""

from __future__ import annotations

from sqlalchemy import Connection

from credscan.central.events import utc_timestamp
from credscan.server import models


def record(
    conn: Connection,
    action: str,
    *,
    actor: str | None,
    client_id: int | None = None,
    target: str | None = None,
    detail: str | None = None,
    address: str | None = None,
) -> None:
    conn.execute(
        models.audit_log.insert().values(
            at=utc_timestamp(),
            actor=actor,
            action=action,
            client_id=client_id,
            target=(target or "")[:300] or None,
            detail=detail,
            address=address,
        )
    )
