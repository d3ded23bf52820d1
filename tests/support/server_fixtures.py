"""The central server under test: an app on SQLite or on a real PostgreSQL, and helpers to drive it.

``server`` (fixture in conftest.py, parametrised sqlite|postgresql) gives a ServerHarness: the FastAPI
app with a fresh database, a TestClient over https://testserver (so Secure cookies are sent), and helpers
that create clients, users (logged in with a session and its CSRF token, or with an API key)
and enrolled agents.
"""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass, field
from typing import Any

from fastapi.testclient import TestClient

from credscan.central.events import finding_fields, make_event
from credscan.config import ServerSection
from credscan.server import accounts, admin
from credscan.server.app import create_app
from credscan.server.context import ServerContext
from credscan.server.db import database_url, make_engine, upgrade

PASSWORD = "correct horse battery staple"
_serial = itertools.count(1)


@dataclass
class Caller:
    """Credentials for one request style: headers (bearer) and/or a session cookie + CSRF token."""

    name: str
    headers: dict[str, str] = field(default_factory=dict)
    cookies: dict[str, str] = field(default_factory=dict)
    csrf: str | None = None


@dataclass
class ServerHarness:
    engine: Any
    app: Any
    client: TestClient

    def fresh_client(self) -> TestClient:
        return TestClient(self.app, base_url="https://testserver")

    def add_client(self, name: str) -> int:
        with self.engine.begin() as conn:
            return admin.add_client(conn, name, "test")

    def add_user(self, name: str, role: str, clients: list[str] | None = None) -> None:
        with self.engine.begin() as conn:
            accounts.add_user(conn, name, role, PASSWORD, clients or [], "test")

    def login(self, name: str, password: str = PASSWORD) -> Caller:
        """A session: the cookie and the CSRF token the console shows in its forms."""
        client = self.fresh_client()
        response = client.post("/login", data={"name": name, "password": password}, follow_redirects=False)
        assert response.status_code == 303, response.text
        cookies = dict(client.cookies.items())
        page = client.get("/")
        marker = 'name="csrf" value="'
        csrf = page.text.split(marker, 1)[1].split('"', 1)[0]
        return Caller(name, cookies=cookies, csrf=csrf)

    def api_key(self, name: str) -> Caller:
        with self.engine.begin() as conn:
            key = accounts.create_api_key(conn, name, "tests", "test")
        return Caller(name, headers={"Authorization": f"Bearer {key}"})

    def enroll(self, client_name: str, agent_name: str = "fs01") -> Caller:
        with self.engine.begin() as conn:
            token, _ = admin.create_enroll_token(
                conn, admin.client_id_by_name(conn, client_name), 3600, "test"
            )
        answer = self.fresh_client().post("/api/v1/enroll", json={"token": token, "name": agent_name})
        assert answer.status_code == 200, answer.text
        return Caller(agent_name, headers={"Authorization": f"Bearer {answer.json()['credential']}"})

    def request(self, caller: Caller | None, method: str, url: str, **kwargs: Any) -> Any:
        client = self.fresh_client()
        headers = dict(kwargs.pop("headers", {}))
        if caller is not None:
            headers.update(caller.headers)
            for key, value in caller.cookies.items():
                client.cookies.set(key, value)
        return client.request(method, url, headers=headers, follow_redirects=False, **kwargs)


def make_server(url: str) -> ServerHarness:
    engine = make_engine(database_url(url))
    upgrade(engine)
    app = create_app(ServerContext(engine, ServerSection(silent_after_seconds=3600)))
    return ServerHarness(engine, app, TestClient(app, base_url="https://testserver"))


def finding_record(path: str = "/srv/share/Passwords.xlsx", *, fid: str | None = None, severity: str = "high",
                   category: str = "plaintext-password") -> dict[str, Any]:  # fmt: skip
    """A finding record (docs/scanning.md) without ``secret``, as an agent's event carries it."""
    return {
        "id": fid or uuid.uuid4().hex,
        "rule_id": "table-password-column",
        "rule_name": "Password in a table column",
        "category": category,
        "severity": severity,
        "confidence": 0.9,
        "path": path,
        "location": {"sheet": "Logins", "cell": "C2", "row": 2, "column": 3},
        "secret_masked": "********",
        "secret_hash": "h" * 32,
        "context": "System=NAS  User=admin  Password=********",
        "account": "admin",
        "file": {"size": 100, "mtime": 1700000000.0, "owner": "root", "sha256": "0" * 64},
        "remediation": "Move it to the vault.",
    }


def finding_event(action: str, record: dict[str, Any], host: str = "fs01") -> dict[str, Any]:
    return make_event(action, finding_fields(record), host)
