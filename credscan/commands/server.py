"""`credscan server …`: the MSP's central server (docs/server.md): init, run, clients, tokens, users, keys."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from credscan.config import parse_interval
from credscan.errors import UserError

CLI_ACTOR = "cli"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("server", help="the MSP's central server: console and API for all agents")
    actions = parser.add_subparsers(dest="server_action", metavar="ACTION", required=True)

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = actions.add_parser(name, help=help_text)
        sub.add_argument(
            "--config", type=Path, metavar="FILE", help="server.toml (default: see docs/server.md)"
        )
        return sub

    init = actions.add_parser("init", help="create server.toml, a self-signed certificate and the schema")
    init.add_argument("--dir", type=Path, help="folder for the server's files (default $CREDSCAN_SERVER_DIR)")
    init.add_argument("--listen", default="127.0.0.1:8443", metavar="HOST:PORT")
    init.add_argument(
        "--database", metavar="URL", help="postgresql://user@host/db (default: SQLite in --dir)"
    )
    init.add_argument("--public-url", metavar="URL", help="the URL agents enroll with")
    init.add_argument(
        "--name", action="append", default=[], metavar="HOST", help="certificate host name (repeat)"
    )
    init.add_argument(
        "--cert", type=Path, metavar="FILE", help="use this certificate (PEM) instead of a self-signed one"
    )
    init.add_argument("--key", type=Path, metavar="FILE", help="its private key (PEM)")
    init.set_defaults(handler=_init)

    run = add("run", "serve the console and the API (creates a default setup on first run)")
    run.add_argument("--workers", type=int, default=1, help="server processes (default 1)")
    run.set_defaults(handler=_run)

    client = add("client", "clients (tenants): add, list")
    client.add_argument("client_action", choices=("add", "list"))
    client.add_argument("name", nargs="?")
    client.set_defaults(handler=_client)

    token = add("enroll-token", "a one-time token for `credscan agent enroll`")
    token.add_argument("--client", required=True, metavar="NAME")
    token.add_argument("--expires", default="24h", help="lifetime (default 24h, at most 30d)")
    token.set_defaults(handler=_enroll_token)

    user = add("user", "console and API users: add, list, disable, enable, passwd")
    user.add_argument("user_action", choices=("add", "list", "disable", "enable", "passwd"))
    user.add_argument("name", nargs="?")
    user.add_argument("--role", choices=("admin", "technician", "viewer"), help="for add")
    user.add_argument(
        "--client", action="append", default=[], metavar="NAME", help="assigned client (repeat; for add)"
    )
    user.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    user.set_defaults(handler=_user)

    key = add("api-key", "API keys for automation: create, list, revoke")
    key.add_argument("key_action", choices=("create", "list", "revoke"))
    key.add_argument("key_id", nargs="?", type=int, help="for revoke: the id `api-key list` shows")
    key.add_argument("--user", metavar="NAME", help="the key's user (create; filters list)")
    key.add_argument("--label", help="what the key is for")
    key.set_defaults(handler=_api_key)

    agent = add("agent", "enrolled agents: list, revoke")
    agent.add_argument("agent_action", choices=("list", "revoke"))
    agent.add_argument("agent_id", nargs="?", type=int)
    agent.set_defaults(handler=_agent)


def _files(args: argparse.Namespace) -> Any:
    from credscan.server import settings

    return settings.load(args.config)


def _init(args: argparse.Namespace) -> int:
    from credscan.server import settings
    from credscan.server.tls import fingerprint

    folder = args.dir or settings.default_dir()
    files = settings.init(
        folder,
        listen=args.listen,
        database=args.database,
        public_url=args.public_url,
        names=args.name,
        cert=args.cert,
        key=args.key,
    )
    print(f"server config: {files.config_path}")
    print(f"certificate:   {files.cert} (SHA-256 {fingerprint(files.cert.read_bytes())})")
    print(f"agents enroll with: {files.settings.public_url}")
    return 0


def _run(args: argparse.Namespace) -> int:
    from credscan.server import serve, settings

    if args.config is None and not settings.default_config_path().exists():
        print(f"credscan: first run: creating a default server in {settings.default_dir()}", file=sys.stderr)
        settings.init(
            settings.default_dir(), listen="127.0.0.1:8443", database=None, public_url=None, names=[],
            cert=None, key=None,
        )  # fmt: skip
    if args.workers < 1:
        raise UserError("--workers must be at least 1")
    return serve.run(_files(args), args.workers)


def _client(args: argparse.Namespace) -> int:
    from credscan.server import admin

    engine = _files(args).engine()
    with engine.begin() as conn:
        if args.client_action == "add":
            if not args.name:
                raise UserError("give the client's name: credscan server client add NAME")
            client_id = admin.add_client(conn, args.name, CLI_ACTOR)
            print(f"client {args.name.strip()} added (id {client_id})")
        else:
            for client in admin.list_clients(conn):
                print(f"{client['id']}\t{client['name']}")
    return 0


def _enroll_token(args: argparse.Namespace) -> int:
    from credscan.server import admin

    files = _files(args)
    with files.engine().begin() as conn:
        client_id = admin.client_id_by_name(conn, args.client)
        token, expires = admin.create_enroll_token(conn, client_id, parse_interval(args.expires), CLI_ACTOR)
    print(token)
    print(
        f"one-time token for client {args.client}, valid until {expires}; on the agent run:\n"
        f"  credscan agent enroll {files.settings.public_url} --token TOKEN --config agent.toml",
        file=sys.stderr,
    )
    return 0


def _read_password(from_stdin: bool) -> str:
    if from_stdin or not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise UserError("the passwords differ")
    return first


def _user(args: argparse.Namespace) -> int:
    from credscan.server import accounts

    action = args.user_action
    if action != "list" and not args.name:
        raise UserError(f"give the user's name: credscan server user {action} NAME")
    if action != "add" and (args.role or args.client):
        raise UserError("--role and --client are for `user add`")
    engine = _files(args).engine()
    if action == "list":
        with engine.begin() as conn:
            for user in accounts.list_users(conn):
                state = "disabled" if user["disabled"] else "enabled"
                clients = ",".join(user["clients"]) or ("all" if user["role"] != "viewer" else "-")
                print(f"{user['name']}\t{user['role']}\t{clients}\t{state}\t{user['api_keys']} API keys")
        return 0
    if action in ("disable", "enable"):
        with engine.begin() as conn:
            changed = accounts.set_disabled(conn, args.name, action == "disable", CLI_ACTOR)
        name, past = args.name.strip(), f"{action}d"
        print(f"user {name} {past}" if changed else f"user {name} was {past} already")
        return 0
    if action == "add" and not args.role:
        raise UserError("give the user's role: --role admin|technician|viewer")
    password = _read_password(args.password_stdin)
    with engine.begin() as conn:
        if action == "add":
            accounts.add_user(conn, args.name, args.role, password, args.client, CLI_ACTOR)
        else:
            accounts.set_password(conn, args.name, password, CLI_ACTOR)
    print(
        f"user {args.name.strip()} added ({args.role})"
        if action == "add"
        else f"password of {args.name.strip()} changed; their sessions ended"
    )
    return 0


def _api_key(args: argparse.Namespace) -> int:
    from credscan.server import accounts

    with _files(args).engine().begin() as conn:
        if args.key_action == "list":
            for row in accounts.list_api_keys(conn, args.user):
                state = f"revoked {row['revoked_at']}" if row["revoked_at"] else "active"
                print(f"{row['id']}\t{row['user']}\t{row['label'] or '-'}\t{row['created_at']}\t{state}")
            return 0
        if args.key_action == "revoke":
            if args.key_id is None:
                raise UserError("give the key's id: credscan server api-key revoke ID (see api-key list)")
            changed = accounts.revoke_api_key(conn, args.key_id, CLI_ACTOR)
            done = "revoked" if changed else "was revoked already"
            print(f"API key {args.key_id} {done}")
            return 0
        if not args.user:
            raise UserError("give the key's user: credscan server api-key create --user NAME")
        key = accounts.create_api_key(conn, args.user, args.label, CLI_ACTOR)
    print(key)
    print("shown once: store it in your automation's secret store", file=sys.stderr)
    return 0


def _agent(args: argparse.Namespace) -> int:
    from credscan.server import admin, queries

    files = _files(args)
    with files.engine().begin() as conn:
        if args.agent_action == "revoke":
            if args.agent_id is None:
                raise UserError("give the agent id: credscan server agent revoke ID")
            admin.revoke_agent(conn, args.agent_id, CLI_ACTOR)
            print(f"agent {args.agent_id} revoked")
            return 0
        for agent in queries.list_agents(conn, None, files.settings.silent_after_seconds):
            state = "revoked" if agent["revoked_at"] else ("silent" if agent["silent"] else "ok")
            print(f"{agent['id']}\t{agent['client']}\t{agent['name']}\t{agent['last_seen'] or '-'}\t{state}")
    return 0
