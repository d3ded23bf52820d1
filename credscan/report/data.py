"""What a report is made of, independent of where it came from (a scan's JSON or the agent's store).

Findings are copied field by field into ReportFinding, so a field the report does not know — above all a
``secret`` from a ``--show-secrets`` scan — can never reach the HTML. A finding's own plaintext is also masked
out of its other strings (context, account, path …), the policy of the central log too: the scanner already
masks neighbouring secrets in a context, and checking every string against every secret of a large scan
would cost findings × secrets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from credscan.config import DEFAULT_VAULT_NAME
from credscan.errors import UserError
from credscan.model import SEVERITIES
from credscan.output.interface import format_location as output_location
from credscan.redact import redact_text
from credscan.safetext import printable
from credscan.userfiles import read_user_json


@dataclass(frozen=True, slots=True)
class ReportFinding:
    id: str
    path: str
    location: str
    category: str
    severity: str
    rule_name: str
    masked: str
    secret_hash: str
    context: str
    account: str
    owner: str
    exposed_since: float | None
    """Epoch seconds: the earliest moment the secret is known to have been in the file
    (the file's mtime, or the store's first_seen when that is earlier)."""
    status: str = "open"
    status_reason: str = ""
    exposure: str = ""
    """Who can read the file (credscan.exposure level: everyone, all-users, group, owner, unknown)."""
    share_acl: str = ""
    """SMB: "unknown" when the share's permissions could not be read (the level is the file's DACL alone)."""
    first_seen: float | None = None
    """Epoch seconds the store first saw the finding (None for an on-demand scan)."""


@dataclass(frozen=True, slots=True)
class HistoryPoint:
    """Open and resolved findings at one moment (the store's history table)."""

    when: datetime
    open: int
    resolved: int


@dataclass(slots=True)
class ReportInput:
    findings: list[ReportFinding]
    source: str
    """One line saying what was assessed: "scan of /srv/shares" or "agent store /var/lib/credscan"."""
    files_scanned: int | None = None
    errors: int = 0
    history: list[HistoryPoint] | None = None
    """None when the input has no history (an on-demand scan)."""
    resolved: int = 0
    """Findings the store saw disappear (not listed, only counted)."""
    vault_name: str = DEFAULT_VAULT_NAME
    vault_url: str | None = None
    generated_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    scope: list[str] = field(default_factory=list)
    """What was assessed, as the client knows it: the shares and folders (never the store's path)."""
    client_name: str = ""
    msp_name: str = ""
    logo: str | None = None
    """The MSP's logo as a data: URI (PNG, JPEG or SVG), shown in the header."""
    since: datetime | None = None
    """The previous report's date: the executive summary counts what changed since."""
    resolved_since: int | None = None
    """Findings resolved since ``since`` (the store knows; an on-demand scan does not)."""


def format_location(location: Any) -> str:
    """The scan output's short form ("Clients!D7", "line 12"); "" for a missing or malformed location."""
    if not isinstance(location, dict):
        return ""
    return output_location(location)


def _text(value: Any) -> str:
    """Every string the report shows: control and bidi characters visible (credscan.safetext), so a file
    name with U+202E cannot reorder what a reader sees."""
    return "" if value is None else printable(str(value))


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _epoch(value: Any) -> float | None:
    """A number (epoch seconds) or an ISO 8601 string -> epoch seconds; anything else -> None."""
    number = _number(value)
    if number is not None:
        return number
    if isinstance(value, str) and value:
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=UTC)
        return parsed.timestamp()
    return None


def finding_from_record(record: dict[str, Any]) -> ReportFinding:
    """A finding record (or a store row shaped like one) -> ReportFinding, its secret masked out."""
    secret = record.get("secret")
    secrets = [secret] if isinstance(secret, str) else []
    file_meta = record.get("file") if isinstance(record.get("file"), dict) else {}
    assert isinstance(file_meta, dict)
    times = [t for t in (_epoch(file_meta.get("mtime")), _epoch(record.get("first_seen"))) if t is not None]
    severity = _text(record.get("severity")).lower()

    def clean(value: Any) -> str:
        return redact_text(_text(value), secrets)

    return ReportFinding(
        id=clean(record.get("id")),
        path=clean(record.get("path")),
        location=clean(format_location(record.get("location"))),
        category=clean(record.get("category")) or "unknown",
        severity=severity if severity in SEVERITIES else "info",
        rule_name=clean(record.get("rule_name") or record.get("rule_id") or record.get("rule")),
        masked=clean(record.get("secret_masked") or record.get("masked")),
        secret_hash=_text(record.get("secret_hash")),
        context=clean(record.get("context")),
        account=clean(record.get("account")),
        owner=clean(file_meta.get("owner") or record.get("owner")) or "(unknown)",
        exposed_since=min(times) if times else None,
        status=_text(record.get("status")) or "open",
        status_reason=clean(record.get("status_reason") or record.get("reason")),
        exposure=clean((file_meta.get("exposure") or {}).get("level")),
        share_acl=clean((file_meta.get("exposure") or {}).get("share_acl")),
        first_seen=_epoch(record.get("first_seen")),
    )


def read_scan_json(path: Path) -> dict[str, Any]:
    """Load `credscan scan --format json` output; a missing or malformed file is a UserError."""
    data = read_user_json(path, "scan report")
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise UserError(f"{path} is not a credscan scan report (no findings list)")
    return data


def input_from_scan_json(path: Path) -> ReportInput:
    """The report input of an on-demand scan's ``--format json`` output (no history)."""
    return input_from_scan_document(read_scan_json(path), f"on-demand scan ({path.name})")


def input_from_scan_document(data: dict[str, Any], source: str) -> ReportInput:
    """The report input of a scan document {"findings": [...], "stats": {...}} (docs/scanning.md), no
    history."""
    records = [r for r in data["findings"] if isinstance(r, dict)]
    stats = data.get("stats") if isinstance(data.get("stats"), dict) else {}
    assert isinstance(stats, dict)
    scanned = _number(stats.get("files_scanned"))
    errors = stats.get("errors")
    return ReportInput(
        findings=[finding_from_record(r) for r in records],
        source=source,
        files_scanned=int(scanned) if scanned is not None else None,
        errors=len(errors) if isinstance(errors, list) else 0,
        history=None,
    )
