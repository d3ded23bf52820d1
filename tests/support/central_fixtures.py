"""Hand-built scan results for the central-log tests: real Finding records, no scanner needed.

Findings are made the way the pipeline makes them (mask_secret, keyed HMAC, stable ids), so the store,
the events and the forwarders see exactly what they see in production.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from credscan.config import Config, parse_config
from credscan.model import FileMeta, FileRef, FileResult, Finding
from credscan.redact import Fingerprinter, mask_secret

KEY = b"k" * 32
FINGERPRINTS = Fingerprinter(KEY)


Result = FileResult
"""The record CentralLog.record_result reads, under the short name these tests use."""


def make_ref(
    path: str | Path, size: int = 100, mtime: float = 1_700_000_000.0, file_id: str = "1"
) -> FileRef:
    return FileRef(path=str(path), size=size, mtime=mtime, file_id=file_id)


def make_finding(
    path: str,
    secret: str,
    *,
    line: int = 1,
    rule_id: str = "password-assignment",
    category: str = "config-credential",
    severity: Any = "high",
    account: str | None = "admin",
    context: str | None = None,
    remediation: str = "",
) -> Finding:
    location = {"line": line}
    return Finding(
        id=FINGERPRINTS.finding_id(path, rule_id, location, secret),
        rule_id=rule_id,
        rule_name="Password | in a config=file",
        category=category,
        severity=severity,
        confidence=0.9,
        path=path,
        location=location,
        secret_masked=mask_secret(secret),
        secret_hash=FINGERPRINTS.secret_hash(secret),
        context=context if context is not None else f"user={account}  password={mask_secret(secret)}",
        account=account,
        file=FileMeta(size=100, mtime=1_700_000_000.0, owner="root", sha256="ab" * 32),
        remediation=remediation,
        secret=secret,
    )


def make_config(tmp_path: Path, forward: list[dict[str, Any]] | None = None, **sections: Any) -> Config:
    data: dict[str, Any] = {
        "state": {"dir": str(tmp_path / "state")},
        "remediation": {"vault_name": "Contoso Keeper", "vault_url": "https://keeper.contoso.test"},
        "forward": forward or [],
    }
    data.update(sections)
    return parse_config(data)


def file_mode(path: Path) -> int:
    return os.stat(path).st_mode & 0o777


def split_unescaped(text: str, sep: str, limit: int) -> list[str]:
    """Split a CEF header on sep, honouring backslash escapes (the inverse of the header escaping)."""
    parts, current, index = [], "", 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            current += text[index : index + 2]
            index += 2
            continue
        if char == sep and len(parts) < limit:
            parts.append(current)
            current = ""
        else:
            current += char
        index += 1
    parts.append(current)
    return parts


def unescape(value: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "r": "\r"}.get(m.group(1), m.group(1)), value)


def parse_cef(message: str) -> tuple[list[str], dict[str, str]]:
    """(header fields unescaped, extension dict unescaped) of a CEF:0 message."""
    parts = split_unescaped(message, "|", 7)
    assert len(parts) == 8, message
    header = [unescape(p) for p in parts[:7]]
    extension: dict[str, str] = {}
    # A key starts after an unescaped space and is followed by an unescaped "=".
    for match in re.finditer(r"(?:^| )([A-Za-z0-9]+)=((?:\\.|[^\\=])*?)(?= [A-Za-z0-9]+=|$)", parts[7]):
        extension[match.group(1)] = unescape(match.group(2))
    return header, extension


class FakeCentral:
    """Just enough of CentralLog for the walk bookkeeping (no scanning happens)."""

    def __init__(self) -> None:
        self.begun: list[str] = []

    def begin_scan(self, kind: str) -> str:
        self.begun.append(kind)
        return f"id-{len(self.begun)}"

    def unchanged_filter(self, refs):  # type: ignore[no-untyped-def]
        return refs
