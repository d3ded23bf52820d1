"""Events of the central log (docs/siem.md), shaped as ECS so Elastic, OpenSearch and Wazuh ingest them as is.

An event is a nested JSON object (ECS JSON form): ``{"@timestamp": …, "event": {"action": …},
"host": {"name": …}, …}``. Finding events carry the finding record (never ``secret``) under
``credscan.finding`` and the usual ECS fields (``file.path``, ``rule.id``, ``rule.name``, ``user.name``)
so dashboards work without a mapping.
Use ``get_field(event, "event.action")`` to read a dotted name.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from credscan import __version__

SEVERITY_SCORE: dict[str, int] = {"critical": 10, "high": 8, "medium": 5, "low": 3, "info": 1}
"""Finding severity -> 0..10 (CEF severity; also ECS event.severity)."""


@dataclass(frozen=True, slots=True)
class EventType:
    kind: str
    """ECS event.kind: alert (a finding), event (lifecycle), state (heartbeat)."""
    category: tuple[str, ...]
    type: tuple[str, ...]
    severity: str
    """Default level when the event has no finding: info | low | medium | high | critical."""
    message: str


EVENT_TYPES: dict[str, EventType] = {
    "finding.new": EventType("alert", ("file", "intrusion_detection"), ("creation",), "high", "New finding"),
    "finding.resolved": EventType(
        "alert", ("file", "intrusion_detection"), ("deletion",), "info", "Resolved"
    ),
    "scan.started": EventType("event", ("process",), ("start",), "info", "Scan started"),
    "scan.completed": EventType("event", ("process",), ("end",), "info", "Scan completed"),
    "file.error": EventType("event", ("file",), ("info",), "low", "File could not be scanned"),
    "agent.started": EventType("event", ("process",), ("start",), "info", "Agent started"),
    "agent.stopped": EventType("event", ("process",), ("end",), "info", "Agent stopped"),
    "agent.heartbeat": EventType("state", ("process",), ("info",), "info", "Agent heartbeat"),
    "agent.warning": EventType("event", ("configuration",), ("info",), "medium", "Agent warning"),
    "outbox.dropped": EventType(
        "event", ("process",), ("deletion",), "medium", "Outbox overflow: events dropped"
    ),
}
"""Every action the central log emits, with its ECS classification. Unknown actions are plain events."""

DEFAULT_TYPE = EventType("event", ("process",), ("info",), "info", "")


def utc_timestamp(moment: float | None = None) -> str:
    """UTC ISO 8601 with milliseconds and a Z, as ECS @timestamp expects."""
    when = datetime.now(UTC) if moment is None else datetime.fromtimestamp(moment, UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"


def deep_merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Merge nested dicts (extra wins on leaves), so callers can add e.g. {"event": {"reason": …}}."""
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            deep_merge(base[key], value)
        else:
            base[key] = value
    return base


def get_field(event: dict[str, Any], dotted: str) -> Any:
    """event["event"]["action"] for "event.action"; None when absent."""
    node: Any = event
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def lifecycle_event_id(action: str, finding_id: str, marker: str) -> str:
    """A finding.new / finding.resolved event's id, derived from the finding and the store state it
    changes (``marker``: when it was last resolved, or since when it was open): re-sent after a crash or a
    full disk, the event carries the same id, so the outbox and a SIEM can tell it is one event."""
    digest = hashlib.sha256(f"{action}\0{finding_id}\0{marker}".encode()).hexdigest()
    return digest[:32]


def make_event(
    action: str, fields: dict[str, Any], host_name: str, event_id: str | None = None
) -> dict[str, Any]:
    """The envelope every event shares, with ``fields`` merged in. Severity comes from the finding if any."""
    kind = EVENT_TYPES.get(action, DEFAULT_TYPE)
    finding = get_field(fields, "credscan.finding")
    level = str(finding.get("severity")) if isinstance(finding, dict) else kind.severity
    if action == "finding.resolved":
        level = "info"
    event: dict[str, Any] = {
        "@timestamp": utc_timestamp(),
        "message": kind.message or action,
        "event": {
            "id": event_id or uuid.uuid4().hex,
            "action": action,
            "kind": kind.kind,
            "category": list(kind.category),
            "type": list(kind.type),
            "severity": SEVERITY_SCORE.get(level, 1),
            "module": "credscan",
            "dataset": "credscan.events",
        },
        "log": {"level": level},
        "host": {"name": host_name},
        "agent": {"name": "credscan", "type": "credscan", "version": __version__},
        "ecs": {"version": "8.11.0"},
    }
    return deep_merge(event, fields)


def file_name(path: str) -> str:
    """The last component; backslashes separate only in Windows paths (C:\\…, \\\\server\\…)."""
    posix = path.startswith("/") or "://" in path
    return (path if posix else path.replace("\\", "/")).rsplit("/", 1)[-1]


def finding_fields(record: dict[str, Any]) -> dict[str, Any]:
    """ECS fields for a finding event from a finding record (``secret`` is always dropped)."""
    finding = {key: value for key, value in record.items() if key != "secret"}
    file_info = finding.get("file") or {}
    path = str(finding.get("path", ""))
    fields: dict[str, Any] = {
        "message": f"{finding.get('rule_name', '')} in {path}",
        "file": {"path": path, "name": file_name(path)},
        "rule": {
            "id": finding.get("rule_id"),
            "name": finding.get("rule_name"),
            "category": finding.get("category"),
            "ruleset": "credscan",
        },
        "credscan": {"finding": finding},
    }
    if file_info.get("size") is not None:
        fields["file"]["size"] = file_info["size"]
    if file_info.get("owner"):
        fields["file"]["owner"] = file_info["owner"]
    if file_info.get("sha256"):
        fields["file"]["hash"] = {"sha256": file_info["sha256"]}
    if file_info.get("mtime") is not None:
        fields["file"]["mtime"] = utc_timestamp(float(file_info["mtime"]))
    if finding.get("account"):
        fields["user"] = {"name": finding["account"]}
    return fields
