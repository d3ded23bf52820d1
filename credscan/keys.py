"""The installation's fingerprint key (HMAC key for secret_hash and finding ids).

Created on first use: in the OS keyring where a backend exists, otherwise in
<state dir>/fingerprint.key (mode 0600). Headless servers work out of the box.
"""

from __future__ import annotations

import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

from credscan.errors import UserError
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
    tightened: bool = False
    """True when an existing key file was readable by others and this call made it 0600."""


MIN_KEY_BYTES = 16
RECOVERY_HINT = "see 'Recovery' in docs/security.md"


def _parse_key(text: str, where: str) -> bytes:
    try:
        key = bytes.fromhex(text.strip())
    except ValueError:
        key = b""
    if len(key) < MIN_KEY_BYTES:
        raise UserError(
            f"the fingerprint key in {where} is not a valid key (hex, 16 bytes or more); {RECOVERY_HINT}"
        )
    return key


def _read_key_file(key_file: Path) -> tuple[bytes, bool]:
    """The key, and whether its mode had to be tightened. A key file others can read is made 0600 when it
    is ours; one owned by someone else is refused (it may have been planted or shared on purpose)."""
    try:
        fd = os.open(key_file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:
        raise UserError(
            f"cannot read the fingerprint key {key_file}: {exc.strerror}; {RECOVERY_HINT}"
        ) from None
    try:
        st = os.fstat(fd)
        tightened = False
        if not stat.S_ISREG(st.st_mode):
            raise UserError(f"the fingerprint key {key_file} is not a regular file; {RECOVERY_HINT}")
        if stat.S_IMODE(st.st_mode) & 0o077:
            if hasattr(os, "getuid") and st.st_uid != os.getuid():
                raise UserError(
                    f"the fingerprint key {key_file} is readable by others and owned by another user: refused"
                )
            os.fchmod(fd, 0o600)
            tightened = True
        with os.fdopen(fd, "r", encoding="ascii", errors="replace", closefd=False) as handle:
            text = handle.read(4096)
    finally:
        os.close(fd)
    return _parse_key(text, str(key_file)), tightened


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
        return FingerprintKey(_parse_key(env_value, ENV_KEY), "env", False)
    key_file = state_dir / KEY_FILE_NAME
    if key_file.exists() or key_file.is_symlink():
        key, tightened = _read_key_file(key_file)
        return FingerprintKey(key, str(key_file), False, tightened)
    stored = _from_keyring()
    if stored:
        return FingerprintKey(_parse_key(stored, "the keyring"), "keyring", False)
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
