"""Masking and keyed fingerprints: the only forms in which a secret leaves the scanner (docs/security.md)."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from collections.abc import Iterable

from credscan.model import Location

MASK_CHAR = "*"
SHORT_SECRET = 8
"""Secrets shorter than this are masked entirely: two plus two visible characters would give half away."""


def mask_secret(secret: str) -> str:
    """ "Sup3rS3cret4!" -> "Su*********4!"; at most 2 leading and 2 trailing characters stay visible."""
    if len(secret) < SHORT_SECRET:
        return MASK_CHAR * max(len(secret), 4)
    return secret[:2] + MASK_CHAR * (len(secret) - 4) + secret[-2:]


def redact_text(text: str, secrets: Iterable[str]) -> str:
    """Replace every occurrence of each secret in text by its mask (longest first, so overlaps mask fully)."""
    for secret in sorted({s for s in secrets if s}, key=len, reverse=True):
        text = text.replace(secret, mask_secret(secret))
    return text


class Redactor:
    """Masks every one of a set of secrets in any text, in one regex pass (longest secret first).

    A detector masks the secret it reports in that finding's context; a Redactor over all the secrets
    of a file also catches the others that stand on the same line or row (two credentials on one line).
    """

    def __init__(self, secrets: Iterable[str]) -> None:
        unique = sorted({s for s in secrets if s}, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, unique))) if unique else None

    def __call__(self, text: str) -> str:
        if self._pattern is None or not text:
            return text
        return self._pattern.sub(lambda match: mask_secret(match.group(0)), text)


class Fingerprinter:
    """Keyed HMAC-SHA256 of secrets and finding ids, with the installation's key.

    The same password in two files gets the same secret_hash, so a SIEM can spot reuse,
    while the hash is useless to anyone without the key.
    """

    def __init__(self, key: bytes) -> None:
        if len(key) < 16:
            raise ValueError("fingerprint key must be at least 16 bytes")
        self._key = key

    def secret_hash(self, secret: str) -> str:
        return hmac.new(self._key, secret.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()

    def finding_id(self, path: str, rule_id: str, location: Location, secret: str) -> str:
        """Stable across runs: same file + rule + location + secret gives the same id. ``path`` is the
        file's identity path (credscan.sources.identity), so the id does not depend on how it was typed."""
        return self.finding_id_for_hash(path, rule_id, location, self.secret_hash(secret))

    def finding_id_for_hash(self, path: str, rule_id: str, location: Location, secret_hash: str) -> str:
        """finding_id from the secret's hash (a Finding keeps that, not the secret): baselines use it to
        recompute the id an older version gave a finding."""
        material = json.dumps([path, rule_id, location, secret_hash], sort_keys=True, ensure_ascii=False)
        digest = hmac.new(self._key, material.encode("utf-8", "surrogatepass"), hashlib.sha256)
        return digest.hexdigest()[:32]
