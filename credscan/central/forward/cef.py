"""ArcSight Common Event Format (CEF:0) for events, with the escaping the CEF spec requires.

Header: ``CEF:0|credscan|credscan|VERSION|SignatureID|Name|Severity|Extension``. In header fields ``\\`` and
``|`` are escaped; in extension values ``\\``, ``=`` and line breaks (``\\n``, ``\\r``). Severity is 0–10.

Mapping (documented in the README): rt = event time (ms since epoch), act = event action, fname = file name,
filePath = path, fsize, fileHash = sha256, duser = account, dvchost = host, externalId = finding id,
cs1 = category, cs2 = secret_masked, cs3 = secret_hash, cs4 = finding id, cs5 = location (JSON),
cs6 = context, cn1 = confidence (percent), reason = why a finding was resolved, msg = remediation
(or the event message for non-finding events), cat = event.kind.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from credscan import __version__
from credscan.central.events import get_field
from credscan.safetext import printable

CUSTOM_STRINGS = (
    ("cs1", "category", "credscan.finding.category"),
    ("cs2", "secretMasked", "credscan.finding.secret_masked"),
    ("cs3", "secretHash", "credscan.finding.secret_hash"),
    ("cs4", "findingId", "credscan.finding.id"),
    ("cs6", "context", "credscan.finding.context"),
)
"""(CEF key, label, event field) of the custom string extensions; cs5 (location) is built separately."""

PLAIN_EXTENSIONS = (
    ("act", "event.action"),
    ("cat", "event.kind"),
    ("dvchost", "host.name"),
    ("fname", "file.name"),
    ("filePath", "file.path"),
    ("fsize", "file.size"),
    ("fileHash", "file.hash.sha256"),
    ("duser", "credscan.finding.account"),
    ("externalId", "credscan.finding.id"),
    ("reason", "event.reason"),
)


def escape_header(value: Any) -> str:
    text = "" if value is None else str(value)
    text = printable(text, keep="\r\n").replace("\\", "\\\\").replace("|", "\\|")
    return text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


def escape_extension(value: Any) -> str:
    text = "" if value is None else str(value)
    text = printable(text, keep="\r\n").replace("\\", "\\\\").replace("=", "\\=")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\r")


def _epoch_ms(timestamp: Any) -> str | None:
    try:
        return str(int(datetime.fromisoformat(str(timestamp)).timestamp() * 1000))
    except ValueError:
        return None


def _extensions(event: dict[str, Any]) -> Iterable[tuple[str, Any]]:
    yield "rt", _epoch_ms(event.get("@timestamp"))
    for key, dotted in PLAIN_EXTENSIONS:
        yield key, get_field(event, dotted)
    for key, label, dotted in CUSTOM_STRINGS:
        value = get_field(event, dotted)
        if value not in (None, ""):
            yield key, value
            yield f"{key}Label", label
    location = get_field(event, "credscan.finding.location")
    if location:
        yield "cs5", json.dumps(location, sort_keys=True, ensure_ascii=False)
        yield "cs5Label", "location"
    confidence = get_field(event, "credscan.finding.confidence")
    if isinstance(confidence, int | float):
        yield "cn1", round(confidence * 100)
        yield "cn1Label", "confidencePercent"
    remediation = get_field(event, "credscan.finding.remediation")
    yield "msg", remediation or event.get("message")


def format_cef(event: dict[str, Any]) -> str:
    """One event as a CEF:0 line (no syslog header)."""
    finding = get_field(event, "credscan.finding")
    action = str(get_field(event, "event.action") or "event")
    if isinstance(finding, dict):
        signature = finding.get("rule_id") or action
        name = finding.get("rule_name") or action
        if action != "finding.new":
            name = f"{name} ({action})"
    else:
        signature, name = action, event.get("message") or action
    severity = get_field(event, "event.severity")
    severity = severity if isinstance(severity, int) and 0 <= severity <= 10 else 1
    header = "|".join(
        escape_header(part)
        for part in ("CEF:0", "credscan", "credscan", __version__, signature, name, severity)
    )
    extension = " ".join(
        f"{key}={escape_extension(value)}" for key, value in _extensions(event) if value not in (None, "")
    )
    return f"{header}|{extension}"
