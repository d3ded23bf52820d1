"""The installation's fingerprint key (HMAC key for secret_hash and finding ids).

Created on first use: in the OS keyring where a backend exists, otherwise in
<state dir>/fingerprint.key (mode 0600). Headless servers work out of the box.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from credscan.statedir import ensure_private_dir, write_private_file

KEYRING_SERVICE = "credscan"
KEYRING_NAME = "fingerprint-key"
KEY_FILE_NAME = "fingerprint.key"
ENV_KEY = "CREDSCAN_FINGERPRINT_KEY"
"""Hex key from the environment (a service manager's root-only environment file); wins over the rest."""


@dataclass(frozen=True, slots=True)
class FingerprintKey:
    key: bytes
    where: str
    """"env", "keyring" or the key file's path: where the key lives, for status output."""
    created: bool
    """True when this call created the key (the agent then emits a one-time warning for a key file)."""


def _from_keyring() -> str | None:
    """The stored key, "" when a backend exists but holds none, None when there is no usable backend."""
    if os.environ.get("CREDSCAN_NO_KEYRING"):
        return None
    try:
        import keyring
        from keyring.backends import fail

        if isinstance(keyring.get_keyring(), fail.Keyring):
            return None
        return keyring.get_password(KEYRING_SERVICE, KEYRING_NAME) or ""
    except Exception:  # any backend failure means: no usable keyring here
        return None


def load_fingerprint_key(state_dir: Path) -> FingerprintKey:
    env_value = os.environ.get(ENV_KEY)
    if env_value:
        return FingerprintKey(bytes.fromhex(env_value), "env", False)
    key_file = state_dir / KEY_FILE_NAME
    if key_file.exists():
        return FingerprintKey(bytes.fromhex(key_file.read_text().strip()), str(key_file), False)
    stored = _from_keyring()
    if stored:
        return FingerprintKey(bytes.fromhex(stored), "keyring", False)
    new_key = secrets.token_bytes(32)
    if stored == "":
        try:
            import keyring

            keyring.set_password(KEYRING_SERVICE, KEYRING_NAME, new_key.hex())
            return FingerprintKey(new_key, "keyring", True)
        except Exception:  # backend refused: fall back to the key file
            pass
    ensure_private_dir(state_dir)
    write_private_file(key_file, new_key.hex().encode() + b"\n")
    return FingerprintKey(new_key, str(key_file), True)
