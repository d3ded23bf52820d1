"""Resolve secret references from the config: ``env:NAME`` and ``keyring:SERVICE/NAME`` (docs/agent.md).

Literals never get this far (credscan.config refuses them). Every failure is a UserError that says what
to do, because the person reading it is setting up a service, often on a headless server.
"""

from __future__ import annotations

import os

from credscan.config import check_secret_ref
from credscan.errors import UserError

ENV_ROUTE_HELP = (
    'use "env:NAME" and put NAME=<value> in the service\'s root-only environment file (chmod 600, owned by '
    "root; /etc/credscan/agent.env, which systemd loads through EnvironmentFile=)"
)
NO_BACKEND_HELP = (
    "no OS keyring backend is available on this machine (typical for a headless server). Either "
    + ENV_ROUTE_HELP
    + ", or run under a session with an encrypted keyring (Secret Service such as gnome-keyring, KWallet, "
    "Windows Credential Manager, macOS Keychain). Do not use keyrings.alt's PlaintextKeyring: it keeps "
    "secrets base64-encoded in a plain file"
)
PLAINTEXT_BACKENDS = ("PlaintextKeyring",)
"""Keyring backends that store secrets unencrypted (keyrings.alt.file.PlaintextKeyring: base64 in
keyring_pass.cfg); `secrets set` refuses them, and rule store.python-plaintext-keyring reports their file."""


def is_plaintext_backend(backend: object) -> bool:
    """Does this keyring backend (or one of those a ChainerBackend holds) keep secrets unencrypted?"""
    backends = getattr(backend, "backends", None) or [backend]
    return any(type(item).__name__ in PLAINTEXT_BACKENDS for item in backends)


def resolve_secret(ref: str, where: str) -> str:
    """The secret a reference points to; ``where`` names the config key for error messages."""
    check_secret_ref(ref, where)
    kind, _, target = ref.partition(":")
    if kind == "env":
        value = os.environ.get(target)
        if not value:
            raise UserError(f"{where}: environment variable {target} (from {ref!r}) is not set or empty")
        return value
    service, _, name = target.partition("/")
    value = _keyring_get(service, name, where)
    if not value:
        raise UserError(
            f"{where}: the keyring holds no secret {name!r} for service {service!r}; "
            f'store it with `credscan secrets set {name}` or use "env:NAME"'
        )
    return value


def _keyring_get(service: str, name: str, where: str) -> str | None:
    try:
        import keyring
        from keyring.backends import fail
        from keyring.errors import KeyringError
    except ImportError:
        raise UserError(f"{where}: the keyring package is not installed; {NO_BACKEND_HELP}") from None
    if isinstance(keyring.get_keyring(), fail.Keyring):
        raise UserError(f"{where}: {NO_BACKEND_HELP}")
    try:
        return keyring.get_password(service, name)
    except (KeyringError, RuntimeError, OSError) as exc:
        raise UserError(
            f"{where}: keyring backend failed ({type(exc).__name__}); {NO_BACKEND_HELP}"
        ) from None
