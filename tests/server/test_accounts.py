"""A user's life after `user add`: disable/enable, password reset, API keys listed and revoked (SQLite and
PostgreSQL through the app, the CLI in-process; about 8 s: every password is an Argon2id hash)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import select

from credscan.cli import main
from credscan.errors import UserError
from credscan.server import accounts, models
from tests.support.server_fixtures import PASSWORD, ServerHarness

NEW_PASSWORD = "another long passphrase"


def audit_actions(server: ServerHarness) -> list[str]:
    with server.engine.connect() as conn:
        return list(conn.execute(select(models.audit_log.c.action)).scalars())


def test_a_disabled_user_loses_sessions_and_api_keys_and_an_enabled_one_gets_keys_back(
    server: ServerHarness,
) -> None:
    server.add_user("root", "admin")
    server.add_user("leaver", "technician")
    session = server.login("leaver")
    key = server.api_key("leaver")
    for caller in (session, key):
        assert server.request(caller, "GET", "/api/v1/clients").status_code == 200

    with server.engine.begin() as conn:
        assert accounts.set_disabled(conn, "leaver", True, "test")
        assert not accounts.set_disabled(conn, "leaver", True, "test")  # already: nothing changes
    for caller in (session, key):
        assert server.request(caller, "GET", "/api/v1/clients").status_code == 401
    login = server.fresh_client().post("/login", data={"name": "leaver", "password": PASSWORD})
    assert login.status_code == 401
    with server.engine.connect() as conn:
        sessions = conn.execute(select(models.sessions.c.user_id)).scalars().all()
        listed = {user["name"]: user for user in accounts.list_users(conn)}
    assert len(sessions) == 0
    assert listed["leaver"]["disabled"] and not listed["root"]["disabled"]

    with server.engine.begin() as conn:
        assert accounts.set_disabled(conn, "leaver", False, "test")
    assert server.request(key, "GET", "/api/v1/clients").status_code == 200  # the key was not revoked
    assert server.request(session, "GET", "/api/v1/clients").status_code == 401  # the session stays ended
    assert {"user.disabled", "user.enabled"} <= set(audit_actions(server))


def test_the_last_enabled_admin_cannot_be_disabled(server: ServerHarness) -> None:
    server.add_user("root", "admin")
    with server.engine.begin() as conn, pytest.raises(UserError, match="last enabled admin"):
        accounts.set_disabled(conn, "root", True, "test")
    server.add_user("second", "admin")
    with server.engine.begin() as conn:
        assert accounts.set_disabled(conn, "root", True, "test")
    with server.engine.begin() as conn, pytest.raises(UserError, match="last enabled admin"):
        accounts.set_disabled(conn, "second", True, "test")


def test_a_password_reset_ends_sessions_and_only_the_new_password_works(server: ServerHarness) -> None:
    server.add_user("tech", "technician")
    session = server.login("tech")
    with server.engine.begin() as conn:
        with pytest.raises(UserError, match="at least 12"):
            accounts.set_password(conn, "tech", "short", "test")
        with pytest.raises(UserError, match="no user named 'ghost'"):
            accounts.set_password(conn, "ghost", NEW_PASSWORD, "test")
    # refused resets change nothing
    assert server.request(session, "GET", "/api/v1/clients").status_code == 200
    with server.engine.begin() as conn:
        accounts.set_password(conn, "tech", NEW_PASSWORD, "test")
    assert server.request(session, "GET", "/api/v1/clients").status_code == 401
    old_login = server.fresh_client().post("/login", data={"name": "tech", "password": PASSWORD})
    assert old_login.status_code == 401
    assert server.login("tech", NEW_PASSWORD).cookies
    assert "user.password_reset" in audit_actions(server)


def test_an_api_key_is_revoked_by_id_and_listings_never_hold_a_key(server: ServerHarness) -> None:
    server.add_user("robot", "technician")
    kept, revoked = server.api_key("robot"), server.api_key("robot")
    with server.engine.connect() as conn:
        listed = accounts.list_api_keys(conn, "robot")
    assert [key["revoked_at"] for key in listed] == [None, None]
    secrets = {caller.headers["Authorization"].removeprefix("Bearer ") for caller in (kept, revoked)}
    assert not any(secret in repr(listed) for secret in secrets)

    with server.engine.begin() as conn:
        assert accounts.revoke_api_key(conn, listed[1]["id"], "test")
        assert not accounts.revoke_api_key(conn, listed[1]["id"], "test")
        with pytest.raises(UserError, match="no API key 999"):
            accounts.revoke_api_key(conn, 999, "test")
    assert server.request(kept, "GET", "/api/v1/clients").status_code == 200
    assert server.request(revoked, "GET", "/api/v1/clients").status_code == 401
    with server.engine.connect() as conn:
        assert accounts.list_users(conn)[0]["api_keys"] == 1
    assert "api_key.revoked" in audit_actions(server)


# -- the CLI (SQLite) ---------------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def config(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Path:
    assert run(capsys, "server", "init", "--dir", str(tmp_path / "srv"))[0] == 0
    path = tmp_path / "srv" / "server.toml"
    for name, role in (("root", "admin"), ("tech", "technician")):
        monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
        assert run(capsys, "server", "user", "add", name, "--role", role, "--config", str(path))[0] == 0
    return path


def test_cli_lists_disables_resets_and_revokes(
    config: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    server = ("server", "--config", str(config))
    code, key, _ = run(capsys, "server", "api-key", "create", "--user", "tech", "--label", "rmm", *server[1:])
    assert code == 0 and key.startswith("csk_")

    code, out, _ = run(capsys, server[0], "user", "list", *server[1:])
    assert code == 0
    assert out.splitlines() == [
        "root\tadmin\tall\tenabled\t0 API keys",
        "tech\ttechnician\tall\tenabled\t1 API keys",
    ]
    code, out, _ = run(capsys, server[0], "api-key", "list", *server[1:])
    assert code == 0 and out.startswith("1\ttech\trmm\t") and out.rstrip().endswith("active")
    assert key.strip() not in out

    assert run(capsys, server[0], "user", "disable", "tech", *server[1:])[1] == "user tech disabled\n"
    again = run(capsys, server[0], "user", "disable", "tech", *server[1:])[1]
    assert again == "user tech was disabled already\n"
    assert "\tdisabled\t" in run(capsys, server[0], "user", "list", *server[1:])[1].splitlines()[1]
    assert run(capsys, server[0], "user", "enable", "tech", *server[1:])[1] == "user tech enabled\n"

    monkeypatch.setattr("sys.stdin", io.StringIO(NEW_PASSWORD + "\n"))
    code, out, _ = run(capsys, server[0], "user", "passwd", "tech", "--password-stdin", *server[1:])
    assert code == 0 and "sessions ended" in out

    assert run(capsys, server[0], "api-key", "revoke", "1", *server[1:])[1] == "API key 1 revoked\n"
    assert "revoked 20" in run(capsys, server[0], "api-key", "list", "--user", "tech", *server[1:])[1]


@pytest.mark.parametrize(
    "args,message",
    [
        (["user", "disable"], "give the user's name"),
        (["user", "disable", "ghost"], "no user named 'ghost'"),
        (["user", "disable", "root"], "last enabled admin"),
        (["user", "add", "new"], "give the user's role"),
        (["user", "list", "--role", "admin"], "--role and --client are for `user add`"),
        (["api-key", "revoke"], "give the key's id"),
        (["api-key", "revoke", "7"], "no API key 7"),
        (["api-key", "create"], "give the key's user"),
        (["api-key", "list", "--user", "ghost"], "no user named 'ghost'"),
    ],
)
def test_cli_mistakes_are_one_line(
    config: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, _, err = run(capsys, "server", *args, "--config", str(config))
    assert code == 2 and message in err and "Traceback" not in err
