"""The database: one SQLAlchemy engine for SQLite (embedded default) and PostgreSQL (production).

Both run the same SQL: upserts use each dialect's ``INSERT … ON CONFLICT`` through ``insert_ignore``, and
the schema comes from Alembic migrations (``upgrade``). SQLite runs in WAL mode with foreign keys on and a
busy timeout, so the server's worker threads do not fail on each other's writes.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Table, create_engine, event, make_url
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import NullPool

from credscan.errors import UserError

MIGRATIONS = Path(__file__).with_name("migrations")


def database_url(url: str, password: str | None = None) -> URL:
    """Parse a database URL: sqlite or postgresql (driver psycopg 3); a password only from a reference."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise UserError(f"server.database {url!r} is not a database URL") from None
    if parsed.password is not None:
        raise UserError(
            'server.database must not hold a password; use database_password = "env:NAME" or a .pgpass file'
        )
    backend = parsed.get_backend_name()
    if backend == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
        if password:
            parsed = parsed.set(password=password)
    elif backend != "sqlite":
        raise UserError(f"server.database: {backend} is not supported (use sqlite:/// or postgresql://)")
    return parsed


def make_engine(url: URL, *, pool_size: int = 10) -> Engine:
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not Path(url.database).exists():
                fd = os.open(url.database, os.O_WRONLY | os.O_CREAT, 0o600)
                os.close(fd)
        engine = create_engine(
            url, poolclass=NullPool, connect_args={"timeout": 30, "check_same_thread": False}
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True)


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def insert_ignore(engine_or_dialect: Engine | str, table: Table) -> Any:
    """INSERT … ON CONFLICT DO NOTHING for the engine's dialect (the same statement on both)."""
    name = engine_or_dialect if isinstance(engine_or_dialect, str) else engine_or_dialect.dialect.name
    module = postgresql if name == "postgresql" else sqlite
    return module.insert(table).on_conflict_do_nothing()


def alembic_config(engine: Engine) -> Any:
    from alembic.config import Config as AlembicConfig

    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration (idempotent; safe from several processes on PostgreSQL)."""
    from alembic import command

    command.upgrade(alembic_config(engine), "head")
