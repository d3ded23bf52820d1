"""The migrations build exactly the schema models.py describes, on SQLite and PostgreSQL (about 2 s):
a model change without its Alembic migration fails here."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from credscan.server.db import upgrade
from credscan.server.models import metadata
from tests.support.server_fixtures import ServerHarness


def test_migrations_match_the_models(server: ServerHarness) -> None:
    with server.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    assert differences == []


def test_upgrade_is_idempotent(server: ServerHarness) -> None:
    upgrade(server.engine)
    upgrade(server.engine)
    with server.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == "0002"
