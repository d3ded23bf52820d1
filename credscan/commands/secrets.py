"""`credscan secrets set|delete NAME`: the agent's own secrets (HEC token, SMB password) in the OS keyring.

The config then names them as ``keyring:credscan/NAME``. The value is read from a no-echo prompt or
from stdin, never from the command line, where it would end up in shell history and `ps` output.
A headless server usually has no keyring backend; the error then explains the ``env:`` alternative.
"""

from __future__ import annotations

import argparse
import getpass
import os
import re
import sys
from typing import Any

from credscan.errors import UserError
from credscan.secretref import ENV_ROUTE_HELP, NO_BACKEND_HELP, is_plaintext_backend

SERVICE = "credscan"
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "secrets",
        help="store the agent's secrets in the OS keyring",
        description="Store or remove a secret of the agent in the OS keyring (service 'credscan'). "
        'Reference it in the config as "keyring:credscan/NAME".',
    )
    actions = parser.add_subparsers(dest="secrets_action", metavar="ACTION", required=True)
    set_parser = actions.add_parser("set", help="store NAME (value from a hidden prompt or stdin)")
    set_parser.add_argument("name", metavar="NAME")
    set_parser.set_defaults(handler=_set)
    delete_parser = actions.add_parser("delete", help="remove NAME from the keyring")
    delete_parser.add_argument("name", metavar="NAME")
    delete_parser.set_defaults(handler=_delete)


def _check_name(name: str) -> str:
    if not NAME_PATTERN.match(name):
        raise UserError(f"invalid secret name {name!r} (letters, digits, '.', '_' and '-' only)")
    return name


def _env_name(name: str) -> str:
    return "CREDSCAN_" + re.sub(r"[^A-Za-z0-9]", "_", name).upper()


def _backend(name: str) -> Any:
    """The keyring module when a real backend exists; otherwise the UserError that explains env:."""
    import keyring
    from keyring.backends import fail

    env_hint = f' (here: "env:{_env_name(name)}")'
    if os.environ.get("CREDSCAN_NO_KEYRING") or isinstance(keyring.get_keyring(), fail.Keyring):
        raise UserError(NO_BACKEND_HELP + env_hint)
    if is_plaintext_backend(keyring.get_keyring()):
        raise UserError(
            f"the keyring backend {type(keyring.get_keyring()).__name__} stores secrets unencrypted in a "
            f"plain file; nothing stored. Select an encrypted backend, or {ENV_ROUTE_HELP}{env_hint}"
        )
    return keyring


def _read_value() -> str:
    if sys.stdin is None:
        raise UserError("no value: stdin is closed")
    if sys.stdin.isatty():
        value = getpass.getpass("Value (not shown): ")
        if value and getpass.getpass("Again: ") != value:
            raise UserError("the two values differ; nothing stored")
    else:
        value = sys.stdin.readline().rstrip("\r\n")
    if not value:
        raise UserError("empty value; nothing stored")
    return value


def _set(args: argparse.Namespace) -> int:
    name = _check_name(args.name)
    keyring = _backend(name)
    value = _read_value()
    try:
        keyring.set_password(SERVICE, name, value)
    except Exception as exc:  # backends raise their own types (locked collection, D-Bus errors)
        raise UserError(f"the keyring refused to store {name}: {type(exc).__name__}") from None
    print(f'stored {name}; reference it in the config as "keyring:{SERVICE}/{name}"')
    return 0


def _delete(args: argparse.Namespace) -> int:
    name = _check_name(args.name)
    keyring = _backend(name)
    try:
        keyring.delete_password(SERVICE, name)
    except Exception as exc:  # PasswordDeleteError when absent, backend errors otherwise
        raise UserError(f"cannot delete {name}: {type(exc).__name__}") from None
    print(f"deleted {name}")
    return 0
