"""Alembic environment: the engine comes from credscan.server.db (no alembic.ini, no URL in a file)."""

from __future__ import annotations

from alembic import context

from credscan.server.models import metadata

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    if connection.dialect.name == "postgresql":
        # Two servers starting at once must not both migrate: one waits for the other.
        connection.exec_driver_sql("SELECT pg_advisory_xact_lock(7219034)")
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    context.run_migrations()
