"""Who may see and change what: every request becomes a Principal, every query asks it for client ids.

Roles: ``admin`` manages everything; ``technician`` reads and triages all clients, or only the clients
assigned to them; ``viewer`` reads only their own client(s) and changes nothing; ``agent`` (an enrolled
agent's credential) writes events to and reads decisions of its own client only.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import HTTPException
from sqlalchemy import Connection, select

from credscan.server import models

ROLES = ("admin", "technician", "viewer")


@dataclass(frozen=True, slots=True)
class Principal:
    kind: str
    """user | agent"""
    name: str
    role: str
    """admin | technician | viewer | agent"""
    client_ids: frozenset[int] | None
    """Clients this principal may see; None = every client."""
    user_id: int | None = None
    agent_id: int | None = None
    session_csrf: str | None = None
    """Set when authenticated by a session cookie: state-changing requests must echo it."""

    @property
    def actor(self) -> str:
        return f"agent:{self.name}" if self.kind == "agent" else self.name

    def can_see(self, client_id: int) -> bool:
        return self.client_ids is None or client_id in self.client_ids

    @property
    def can_triage(self) -> bool:
        return self.role in ("admin", "technician")

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def not_found() -> HTTPException:
    """What another tenant's object looks like: exactly like one that does not exist."""
    return HTTPException(status_code=404, detail="not found")


def forbidden() -> HTTPException:
    return HTTPException(status_code=403, detail="forbidden")


def require_user(principal: Principal) -> Principal:
    if principal.kind != "user":
        raise forbidden()
    return principal


def require_admin(principal: Principal) -> Principal:
    if principal.kind != "user" or not principal.is_admin:
        raise forbidden()
    return principal


def require_triage(principal: Principal) -> Principal:
    if principal.kind != "user" or not principal.can_triage:
        raise forbidden()
    return principal


def require_client(principal: Principal, client_id: int) -> None:
    if not principal.can_see(client_id):
        raise not_found()


def user_client_ids(conn: Connection, user_id: int, role: str) -> frozenset[int] | None:
    """Admins see all; technicians all unless assigned; viewers only their assignments (maybe none)."""
    if role == "admin":
        return None
    rows = conn.execute(
        select(models.user_clients.c.client_id).where(models.user_clients.c.user_id == user_id)
    ).scalars()
    assigned = frozenset(int(r) for r in rows)
    if role == "technician" and not assigned:
        return None
    return assigned
