"""Users, roles, sessions, CSRF, rate-limited logins and API keys (SQLite and PostgreSQL, about 6 s)."""

from __future__ import annotations

from credscan.server.auth import MAX_FAILURES_PER_USER, SESSION_COOKIE
from tests.support.server_fixtures import PASSWORD, ServerHarness, finding_event, finding_record


def test_session_cookie_is_secure_httponly_samesite(server: ServerHarness) -> None:
    server.add_user("root", "admin")
    response = server.fresh_client().post(
        "/login", data={"name": "root", "password": PASSWORD}, follow_redirects=False
    )
    assert response.status_code == 303
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{SESSION_COOKIE}=css_")
    for attribute in ("HttpOnly", "Secure", "SameSite=strict", "Path=/"):
        assert attribute.lower() in cookie.lower()
    assert "domain=" not in cookie.lower()


def test_logins_are_rate_limited(server: ServerHarness) -> None:
    server.add_user("root", "admin")
    client = server.fresh_client()
    for _ in range(MAX_FAILURES_PER_USER):
        assert client.post("/login", data={"name": "root", "password": "nope nope nope"}).status_code == 401
    blocked = client.post("/login", data={"name": "root", "password": PASSWORD})
    assert blocked.status_code == 429
    assert SESSION_COOKIE not in blocked.headers.get("set-cookie", "")


def test_wrong_and_unknown_users_look_alike(server: ServerHarness) -> None:
    server.add_user("root", "admin")
    client = server.fresh_client()
    wrong = client.post("/login", data={"name": "root", "password": "not the password"})
    unknown = client.post("/login", data={"name": "ghost", "password": "not the password"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.text == unknown.text


def test_session_state_changes_need_the_csrf_token(server: ServerHarness) -> None:
    server.add_client("Acme")
    agent = server.enroll("Acme")
    server.request(agent, "POST", "/api/v1/events", json=[finding_event("finding.new", finding_record())])
    server.add_user("tech", "technician")
    session = server.login("tech")
    row = server.request(session, "GET", "/api/v1/findings").json()["items"][0]["id"]
    form = {"action": "false-positive", "reason": "test data"}
    assert server.request(session, "POST", f"/findings/{row}/triage", data=form).status_code == 403
    assert (
        server.request(
            session, "POST", f"/findings/{row}/triage", data={**form, "csrf": "css_forged"}
        ).status_code
        == 403
    )
    api = {"action": "false-positive", "reason": "test data"}
    assert server.request(session, "POST", f"/api/v1/findings/{row}/triage", json=api).status_code == 403
    done = server.request(session, "POST", f"/findings/{row}/triage", data={**form, "csrf": session.csrf})
    assert done.status_code == 303
    assert server.request(session, "GET", f"/api/v1/findings/{row}").json()["status"] == "false-positive"


def test_logout_ends_the_session(server: ServerHarness) -> None:
    server.add_user("root", "admin")
    session = server.login("root")
    assert server.request(session, "GET", "/api/v1/clients").status_code == 200
    assert server.request(session, "POST", "/logout", data={"csrf": session.csrf}).status_code == 303
    assert server.request(session, "GET", "/api/v1/clients").status_code == 401
    assert server.request(session, "GET", "/").headers["location"] == "/login"


def test_roles(server: ServerHarness) -> None:
    server.add_client("Acme")
    server.add_client("Globex")
    agent = server.enroll("Acme")
    server.request(agent, "POST", "/api/v1/events", json=[finding_event("finding.new", finding_record())])
    server.add_user("viewer", "viewer", ["Acme"])
    server.add_user("assigned", "technician", ["Globex"])
    viewer, assigned = server.api_key("viewer"), server.api_key("assigned")
    row = server.request(viewer, "GET", "/api/v1/findings").json()["items"][0]["id"]
    assert (
        server.request(
            viewer, "POST", f"/api/v1/findings/{row}/triage", json={"action": "accept"}
        ).status_code
        == 403
    )
    assert server.request(assigned, "GET", "/api/v1/findings").json()["items"] == []
    assert [c["name"] for c in server.request(assigned, "GET", "/api/v1/clients").json()["clients"]] == [
        "Globex"
    ]
    assert (
        server.request(
            assigned, "POST", f"/api/v1/findings/{row}/triage", json={"action": "accept"}
        ).status_code
        == 404
    )
    assert server.request(viewer, "POST", "/api/v1/clients", json={"name": "New"}).status_code == 403


def test_user_add_rules(server: ServerHarness) -> None:
    import pytest

    from credscan.errors import UserError
    from credscan.server import accounts

    with server.engine.begin() as conn:
        with pytest.raises(UserError, match="viewer belongs to a client"):
            accounts.add_user(conn, "v", "viewer", PASSWORD, [], "t")
        with pytest.raises(UserError, match="at least 12"):
            accounts.add_user(conn, "v", "technician", "short", [], "t")
        with pytest.raises(UserError, match="no client named"):
            accounts.add_user(conn, "v", "technician", PASSWORD, ["Nobody"], "t")
    server.add_user("x", "admin")
    with server.engine.begin() as conn, pytest.raises(UserError, match="exists already"):
        accounts.add_user(conn, "x", "admin", PASSWORD, [], "t")


def test_passwords_are_argon2_hashes(server: ServerHarness) -> None:
    from sqlalchemy import select

    from credscan.server import models

    server.add_user("root", "admin")
    with server.engine.connect() as conn:
        stored = conn.execute(select(models.users.c.password_hash)).scalar()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
