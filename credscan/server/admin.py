"""Administration shared by the CLI and the API: clients, enrollment tokens and agents (users and API keys:
accounts.py).

Each function takes an open transaction and raises UserError for a user mistake (a duplicate name, an
unknown client), which the CLI prints as one line and the API returns as a 4xx.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, select, update
from sqlalchemy.exc import IntegrityError

from credscan.central.events import utc_timestamp
from credscan.errors import UserError
from credscan.server import audit, models
from credscan.server.security import new_token, token_hash

NAME_PATTERN = re.compile(r"^[\w][\w .@&()'+-]{0,199}$")
MAX_ENROLL_SECONDS = 30 * 86400


def check_name(name: str, what: str) -> str:
    name = name.strip()
    if not NAME_PATTERN.match(name):
        raise UserError(f"invalid {what} name {name!r} (letters, digits, spaces and . @ & ( ) ' + - _)")
    return name


def iso_after(seconds: int) -> str:
    return (datetime.now(UTC) + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def client_id_by_name(conn: Connection, name: str) -> int:
    found = conn.execute(select(models.clients.c.id).where(models.clients.c.name == name)).scalar()
    if found is None:
        raise UserError(f"no client named {name!r} (see `credscan server client list`)")
    return int(found)


def add_client(conn: Connection, name: str, actor: str) -> int:
    name = check_name(name, "client")
    try:
        with conn.begin_nested():
            client_id = conn.execute(
                models.clients.insert().values(name=name, created_at=utc_timestamp())
            ).inserted_primary_key[0]  # type: ignore[index]
    except IntegrityError:
        raise UserError(f"a client named {name!r} exists already") from None
    audit.record(conn, "client.added", actor=actor, client_id=client_id, target=name)
    return int(client_id)


def list_clients(conn: Connection, client_ids: frozenset[int] | None = None) -> list[dict[str, Any]]:
    query = select(models.clients).order_by(models.clients.c.name)
    if client_ids is not None:
        query = query.where(models.clients.c.id.in_(sorted(client_ids)))
    return [dict(row._mapping) for row in conn.execute(query)]


def create_enroll_token(
    conn: Connection, client_id: int, expires_seconds: int, actor: str
) -> tuple[str, str]:
    """A one-time token (returned once, stored hashed) and its expiry."""
    if not 60 <= expires_seconds <= MAX_ENROLL_SECONDS:
        raise UserError("--expires must be between 1m and 30d")
    token = new_token("enroll")
    expires = iso_after(expires_seconds)
    conn.execute(
        models.enroll_tokens.insert().values(
            client_id=client_id,
            token_hash=token_hash(token),
            created_at=utc_timestamp(),
            created_by=actor,
            expires_at=expires,
        )
    )
    audit.record(conn, "enroll_token.created", actor=actor, client_id=client_id, detail=f"expires {expires}")
    return token, expires


def enroll_agent(conn: Connection, token: str, name: str, address: str | None) -> dict[str, Any]:
    """Exchange a one-time enrollment token for an agent credential (the token is spent atomically)."""
    name = check_name(name, "agent")
    now = utc_timestamp()
    row = conn.execute(
        select(models.enroll_tokens).where(models.enroll_tokens.c.token_hash == token_hash(token))
    ).first()
    if row is None or row.used_at is not None or row.expires_at < now:
        audit.record(conn, "agent.enroll_refused", actor=f"agent:{name}", address=address)
        raise UserError("enrollment token is unknown, used or expired")
    spent = conn.execute(
        update(models.enroll_tokens)
        .where(models.enroll_tokens.c.id == row.id, models.enroll_tokens.c.used_at.is_(None))
        .values(used_at=now)
    )
    if spent.rowcount != 1:  # another request spent it first
        raise UserError("enrollment token is unknown, used or expired")
    credential = new_token("agent")
    agent_id = conn.execute(
        models.agents.insert().values(
            client_id=row.client_id,
            name=name,
            credential_hash=token_hash(credential),
            created_at=now,
            last_seen=now,
            last_address=address,
        )
    ).inserted_primary_key[0]  # type: ignore[index]
    conn.execute(
        update(models.enroll_tokens).where(models.enroll_tokens.c.id == row.id).values(agent_id=agent_id)
    )
    client = conn.execute(select(models.clients.c.name).where(models.clients.c.id == row.client_id)).scalar()
    audit.record(
        conn,
        "agent.enrolled",
        actor=f"agent:{name}",
        client_id=row.client_id,
        target=str(agent_id),
        address=address,
    )
    return {
        "agent_id": int(agent_id),
        "client_id": int(row.client_id),
        "client": client,
        "credential": credential,
    }


def revoke_agent(conn: Connection, agent_id: int, actor: str) -> None:
    row = conn.execute(select(models.agents).where(models.agents.c.id == agent_id)).first()
    if row is None:
        raise UserError(f"no agent {agent_id}")
    conn.execute(
        update(models.agents).where(models.agents.c.id == agent_id).values(revoked_at=utc_timestamp())
    )
    audit.record(conn, "agent.revoked", actor=actor, client_id=row.client_id, target=f"{agent_id} {row.name}")
