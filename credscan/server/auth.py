"""Authentication: agent credentials and API keys (Bearer), console sessions (cookie + CSRF), logins.

Everything lives in the database (sessions, failed logins), so any server process behind a load balancer
can answer any request. Session cookies are ``__Host-`` cookies: Secure, HttpOnly, SameSite=Strict,
Path=/; each session has its own CSRF token that every state-changing request must echo (form field
``csrf`` or header ``X-CSRF-Token``). Logins are rate-limited per user name and per address.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from fastapi import HTTPException, Request
from sqlalchemy import Connection, Engine, delete, func, select, update

from credscan.central.events import utc_timestamp
from credscan.server import audit, models
from credscan.server.admin import iso_after
from credscan.server.security import new_token, same, token_hash, verify_password
from credscan.server.tenancy import Principal, user_client_ids

SESSION_COOKIE = "__Host-credscan-session"
LOGIN_WINDOW_S = 900
MAX_FAILURES_PER_USER = 5
MAX_FAILURES_PER_ADDRESS = 30
AGENT_CONTACT_WRITE_S = 10
"""An agent's last contact is written at most this often (not on every request of a busy agent)."""


@dataclass(frozen=True, slots=True)
class LoginResult:
    principal: Principal | None
    session_token: str | None = None
    throttled: bool = False


def client_address(request: Request) -> str:
    return request.client.host if request.client else "-"


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def authenticate(engine: Engine, request: Request) -> Principal | None:
    """The principal of a request, or None (no or invalid credentials: the same answer for both)."""
    token = _bearer(request)
    with engine.begin() as conn:
        if token is not None:
            if token.startswith("csa_"):
                return _agent(conn, token, client_address(request))
            if token.startswith("csk_"):
                return _api_key(conn, token)
            return None
        cookie = request.cookies.get(SESSION_COOKIE)
        return _session(conn, cookie) if cookie else None


def _agent(conn: Connection, token: str, address: str) -> Principal | None:
    a = models.agents
    row = conn.execute(
        select(a.c.id, a.c.client_id, a.c.name, a.c.last_seen, a.c.revoked_at).where(
            a.c.credential_hash == token_hash(token)
        )
    ).first()
    if row is None or row.revoked_at is not None:
        return None
    now = utc_timestamp()
    if not row.last_seen or row.last_seen < iso_after(-AGENT_CONTACT_WRITE_S):
        conn.execute(update(a).where(a.c.id == row.id).values(last_seen=now, last_address=address[:64]))
    return Principal("agent", row.name, "agent", frozenset({int(row.client_id)}), agent_id=int(row.id))


def _user_principal(conn: Connection, user_id: int, csrf: str | None = None) -> Principal | None:
    u = models.users
    row = conn.execute(select(u.c.id, u.c.name, u.c.role, u.c.disabled).where(u.c.id == user_id)).first()
    if row is None or row.disabled:
        return None
    visible = user_client_ids(conn, int(row.id), row.role)
    return Principal("user", row.name, row.role, visible, user_id=int(row.id), session_csrf=csrf)


def _api_key(conn: Connection, token: str) -> Principal | None:
    k = models.api_keys
    row = conn.execute(select(k.c.user_id, k.c.revoked_at).where(k.c.key_hash == token_hash(token))).first()
    if row is None or row.revoked_at is not None:
        return None
    return _user_principal(conn, int(row.user_id))


def _session(conn: Connection, cookie: str) -> Principal | None:
    s = models.sessions
    row = conn.execute(
        select(s.c.user_id, s.c.csrf_token, s.c.expires_at).where(s.c.token_hash == token_hash(cookie))
    ).first()
    if row is None or row.expires_at < utc_timestamp():
        return None
    return _user_principal(conn, int(row.user_id), row.csrf_token)


def check_csrf(principal: Principal, supplied: str | None) -> None:
    """State changes by a session must carry its CSRF token; bearer credentials are not sent by browsers."""
    if principal.session_csrf is None:
        return
    if not supplied or not same(supplied, principal.session_csrf):
        raise HTTPException(status_code=403, detail="missing or wrong CSRF token")


def login(engine: Engine, name: str, password: str, address: str, session_seconds: int) -> LoginResult:
    """Check a password (rate-limited), open a session; every attempt is in the audit log."""
    name = name.strip()[:200]
    now = time.time()
    subjects = (f"user:{name.lower()}", f"address:{address}")
    lf = models.login_failures
    with engine.begin() as conn:
        conn.execute(delete(lf).where(lf.c.at < now - LOGIN_WINDOW_S))
        counts: dict[str, int] = dict(
            conn.execute(
                select(lf.c.subject, func.count()).where(lf.c.subject.in_(subjects)).group_by(lf.c.subject)
            ).all()
        )
        if (
            counts.get(subjects[0], 0) >= MAX_FAILURES_PER_USER
            or counts.get(subjects[1], 0) >= MAX_FAILURES_PER_ADDRESS
        ):
            audit.record(conn, "login.throttled", actor=name, address=address)
            return LoginResult(None, throttled=True)
        u = models.users
        row = conn.execute(select(u.c.id, u.c.password_hash, u.c.disabled).where(u.c.name == name)).first()
        ok = verify_password(row.password_hash if row is not None else None, password)
        if row is None or not ok or row.disabled:
            conn.execute(lf.insert(), [{"subject": subject, "at": now} for subject in subjects])
            audit.record(conn, "login.failed", actor=name, address=address)
            return LoginResult(None)
        conn.execute(delete(lf).where(lf.c.subject == subjects[0]))
        token = new_token("session")
        csrf = new_token("session")
        conn.execute(
            models.sessions.insert().values(
                token_hash=token_hash(token),
                user_id=row.id,
                csrf_token=csrf,
                created_at=utc_timestamp(),
                expires_at=iso_after(session_seconds),
            )
        )
        conn.execute(delete(models.sessions).where(models.sessions.c.expires_at < utc_timestamp()))
        audit.record(conn, "login", actor=name, address=address)
        return LoginResult(_user_principal(conn, int(row.id), csrf), token)


def logout(engine: Engine, cookie: str | None, principal: Principal, address: str) -> None:
    with engine.begin() as conn:
        if cookie:
            conn.execute(delete(models.sessions).where(models.sessions.c.token_hash == token_hash(cookie)))
        audit.record(conn, "logout", actor=principal.actor, address=address)
