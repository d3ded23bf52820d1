"""The pytest fixtures shared by test modules in several folders: the detection engine, the Samba server,
the agents a test starts, PostgreSQL and the central server. Everything else a test needs (builders,
services, harnesses) is imported explicitly: ``from tests.support.<module> import …``."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from credscan.detect.engine import DetectionEngine
from credscan.detect.rules import RuleSet
from tests.support.agent_process import Agent
from tests.support.smbserver import SambaServer, running_samba


@pytest.fixture(scope="session")
def engine() -> DetectionEngine:
    """The real detection engine with the shipped rule packs, compiled once per test session."""
    return DetectionEngine(RuleSet.load())


# -- the central server (tests/support/server_fixtures.py, tests/support/postgres.py); imported lazily:
# -- only its tests pay for FastAPI, SQLAlchemy and a PostgreSQL cluster.


@pytest.fixture(scope="session")
def postgres() -> Iterator[Any]:
    """A real PostgreSQL cluster for the session (skipped where Debian's postgresql is missing)."""
    from tests.support.postgres import INITDB, Postgres

    if INITDB is None:
        pytest.skip("needs Debian's postgresql package (initdb, pg_ctl)")
    # Not below pytest's tmp folder: that is private to root, and PostgreSQL runs as another user.
    folder = Path(tempfile.mkdtemp(prefix="credscan-pg-"))
    server = Postgres(folder)
    try:
        yield server.start()
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """The server app on a fresh database: SQLite, then the same test on PostgreSQL."""
    from tests.support.server_fixtures import make_server

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'server.db'}"
    else:
        url = request.getfixturevalue("postgres").fresh_database()
    harness = make_server(url)
    try:
        yield harness
    finally:
        harness.engine.dispose()


@pytest.fixture(scope="session")
def samba_server() -> Iterator[SambaServer]:
    """One Samba server (encryption required) for the whole test session, shares under a temp dir
    (tests/support/smbserver.py; modules that use it also set ``pytestmark = requires_samba``)."""
    with running_samba() as server:
        yield server


@pytest.fixture
def agents() -> Iterator[list[Agent]]:
    """Every agent a test starts; whatever still runs at the end is killed."""
    started: list[Agent] = []
    yield started
    for agent in started:
        agent.kill()
