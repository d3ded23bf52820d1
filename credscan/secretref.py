"""Resolve secret references from the config: ``env:NAME`` and ``keyring:SERVICE/NAME`` (SPEC §6).

Literals never get this far (credscan.config refuses them). Every failure is a UserError that says what
to do, because the person reading it is setting up a service, often on a headless server.
"""

from __future__ import annotations

import os

from credscan.config import check_secret_ref
from credscan.errors import UserError

NO_BACKEND_HELP = (
    "no OS keyring backend is available on this machine (typical for a headless server). Either install "
    "and select one (e.g. `pip install keyrings.alt` and set "
    "PYTHON_KEYRING_BACKEND=keyrings.alt.file.PlaintextKeyring for a root-only file, or run under a "
    'desktop session with Secret Service), or use "env:NAME" and put the value in the service\'s '
    "root-only environment file"
)


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
