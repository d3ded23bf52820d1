"""Secrets of the server itself: user passwords (Argon2id, memory-hard) and random bearer tokens.

Tokens (agent credentials, API keys, session and enrollment tokens) are 256-bit random strings, so a fast
SHA-256 of them is a safe lookup key: the database never holds a usable token. Each token kind has a
prefix so a leaked one is recognisable (and secret scanners, credscan included, can find it).
"""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

TOKEN_PREFIXES = {"agent": "csa_", "api": "csk_", "enroll": "cse_", "session": "css_"}
MIN_PASSWORD_LENGTH = 12

_hasher = PasswordHasher()  # Argon2id, 64 MiB, 3 passes: the library's RFC 9106 low-memory profile
_DUMMY_HASH = _hasher.hash("not a password of anyone")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    """Constant work whether or not the user exists (an unknown user is checked against a dummy hash)."""
    try:
        return _hasher.verify(stored or _DUMMY_HASH, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def new_token(kind: str) -> str:
    return TOKEN_PREFIXES[kind] + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def same(a: str, b: str) -> bool:
    return secrets.compare_digest(a.encode("utf-8"), b.encode("utf-8"))
