"""The people who use the console and the API, and their API keys: add, list, disable, reset, revoke.

A technician who leaves the MSP is disabled, not deleted: the audit log and triage history keep their name,
their sessions end at once and their API keys stop working (auth.py refuses every credential of a disabled
user). A reset password also ends the user's sessions. The last enabled admin cannot be disabled by accident:
the server would be left with nobody able to manage it.

Each function takes an open transaction and raises UserError for a user mistake, which the CLI prints as one
line. API keys are shown once, when created; a listing shows their id, label and state, never the key.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, delete, func, select, update
from sqlalchemy.exc import IntegrityError

from credscan.central.events import utc_timestamp
from credscan.errors import UserError
from credscan.server import audit, models
from credscan.server.admin import check_name, client_id_by_name
from credscan.server.security import MIN_PASSWORD_LENGTH, hash_password, new_token, token_hash
from credscan.server.tenancy import ROLES


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    return password


def add_user(
    conn: Connection, name: str, role: str, password: str, client_names: list[str], actor: str
) -> int:
    name = check_name(name, "user")
    if role not in ROLES:
        raise UserError(f"--role must be one of {', '.join(ROLES)}")
    if role == "viewer" and not client_names:
        raise UserError("a viewer belongs to a client: give --client NAME")
    if role == "admin" and client_names:
        raise UserError("an admin sees every client; --client is for technicians and viewers")
    check_password(password)
    client_ids = [client_id_by_name(conn, client) for client in client_names]
    try:
        with conn.begin_nested():
            user_id = conn.execute(
                models.users.insert().values(
                    name=name,
                    role=role,
                    password_hash=hash_password(password),
                    created_at=utc_timestamp(),
                    disabled=False,
                )
            ).inserted_primary_key[0]  # type: ignore[index]
    except IntegrityError:
        raise UserError(f"a user named {name!r} exists already") from None
    for client_id in sorted(set(client_ids)):
        conn.execute(models.user_clients.insert().values(user_id=user_id, client_id=client_id))
    audit.record(conn, "user.added", actor=actor, target=name, detail=f"role {role}")
    return int(user_id)


def user_id_by_name(conn: Connection, name: str) -> int:
    found = conn.execute(select(models.users.c.id).where(models.users.c.name == name.strip())).scalar()
    if found is None:
        raise UserError(f"no user named {name.strip()!r} (see `credscan server user list`)")
    return int(found)


def list_users(conn: Connection) -> list[dict[str, Any]]:
    """Every user with their role, assigned clients, state and number of usable API keys."""
    u, uc, c, k = models.users, models.user_clients, models.clients, models.api_keys
    clients: dict[int, list[str]] = {}
    for user_id, client in conn.execute(
        select(uc.c.user_id, c.c.name).join(c, c.c.id == uc.c.client_id).order_by(c.c.name)
    ):
        clients.setdefault(int(user_id), []).append(client)
    keys: dict[int, int] = dict(
        conn.execute(
            select(k.c.user_id, func.count()).where(k.c.revoked_at.is_(None)).group_by(k.c.user_id)
        ).all()
    )
    return [
        {
            "id": int(row.id),
            "name": row.name,
            "role": row.role,
            "clients": clients.get(int(row.id), []),
            "disabled": bool(row.disabled),
            "api_keys": int(keys.get(row.id, 0)),
            "created_at": row.created_at,
        }
        for row in conn.execute(select(u).order_by(u.c.name))
    ]


def set_disabled(conn: Connection, name: str, disabled: bool, actor: str) -> bool:
    """Disable (or enable) a user; a disabled user's sessions are deleted. False: nothing to change."""
    user_id = user_id_by_name(conn, name)
    u = models.users
    row = conn.execute(select(u.c.role, u.c.disabled).where(u.c.id == user_id)).one()
    if bool(row.disabled) == disabled:
        return False
    if disabled and row.role == "admin" and _enabled_admins(conn) <= 1:
        raise UserError(f"{name.strip()!r} is the last enabled admin: add another admin first")
    conn.execute(update(u).where(u.c.id == user_id).values(disabled=disabled))
    if disabled:
        conn.execute(delete(models.sessions).where(models.sessions.c.user_id == user_id))
    audit.record(conn, "user.disabled" if disabled else "user.enabled", actor=actor, target=name.strip())
    return True


def set_password(conn: Connection, name: str, password: str, actor: str) -> None:
    """A new password (an admin's reset); every open session of the user ends."""
    user_id = user_id_by_name(conn, name)
    check_password(password)
    conn.execute(
        update(models.users).where(models.users.c.id == user_id).values(password_hash=hash_password(password))
    )
    conn.execute(delete(models.sessions).where(models.sessions.c.user_id == user_id))
    audit.record(conn, "user.password_reset", actor=actor, target=name.strip())


def _enabled_admins(conn: Connection) -> int:
    u = models.users
    count = conn.execute(
        select(func.count()).select_from(u).where(u.c.role == "admin", u.c.disabled.is_(False))
    ).scalar()
    return int(count or 0)


def create_api_key(conn: Connection, user_name: str, label: str | None, actor: str) -> str:
    user_id = user_id_by_name(conn, user_name)
    key = new_token("api")
    conn.execute(
        models.api_keys.insert().values(
            user_id=user_id, key_hash=token_hash(key), label=label, created_at=utc_timestamp()
        )
    )
    audit.record(conn, "api_key.created", actor=actor, target=user_name, detail=label)
    return key


def list_api_keys(conn: Connection, user_name: str | None = None) -> list[dict[str, Any]]:
    """Keys by id, with their user, label and dates; the key itself is not stored, so never shown."""
    k, u = models.api_keys, models.users
    query = (
        select(k.c.id, u.c.name.label("user"), k.c.label, k.c.created_at, k.c.revoked_at)
        .join(u, u.c.id == k.c.user_id)
        .order_by(k.c.id)
    )
    if user_name is not None:
        query = query.where(k.c.user_id == user_id_by_name(conn, user_name))
    return [dict(row._mapping) for row in conn.execute(query)]


def revoke_api_key(conn: Connection, key_id: int, actor: str) -> bool:
    """Revoke one key by its id. False: it was revoked already."""
    k = models.api_keys
    row = conn.execute(
        select(k.c.revoked_at, models.users.c.name)
        .join(models.users, models.users.c.id == k.c.user_id)
        .where(k.c.id == key_id)
    ).first()
    if row is None:
        raise UserError(f"no API key {key_id} (see `credscan server api-key list`)")
    if row.revoked_at is not None:
        return False
    conn.execute(update(k).where(k.c.id == key_id).values(revoked_at=utc_timestamp()))
    audit.record(conn, "api_key.revoked", actor=actor, target=row.name, detail=f"key {key_id}")
    return True
