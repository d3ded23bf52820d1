"""`credscan agent status`: what the agent's store says, read directly (the agent need not be running).

SQLite in WAL mode lets this read while the agent writes. Nothing here connects to a destination or
resolves a secret reference: the status of a broken SIEM link comes from the outbox's own records.
"""

from __future__ import annotations

from typing import Any

from credscan.central.service import CentralLog
from credscan.config import Config
from credscan.errors import UserError
from credscan.model import SEVERITIES
from credscan.safetext import printable

SCAN_LABELS = (("full", "Last full scan"), ("incremental", "Last incremental"), ("watch", "Last watch batch"))


def collect_status(config: Config) -> dict[str, Any]:
    if not config.state.dir.is_dir():
        raise UserError(f"no agent state in {config.state.dir} (has the agent run with this config yet?)")
    with CentralLog(config, connect=False) as central:
        return central.status()


def format_status(status: dict[str, Any]) -> str:
    lines = [
        f"credscan agent {status.get('version', '?')} on {status.get('host', '?')}",
        f"State:             {status.get('state_dir')}",
        f"Event log:         {status.get('event_log')}",
    ]
    last = status.get("last_scan") or {}
    for kind, label in SCAN_LABELS:
        lines.append(f"{label + ':':<19}{_scan_line(last.get(kind))}")
    lines.append(f"Files known:       {status.get('files', 0)}")
    by_status = status.get("findings_by_status") or {}
    detail = ", ".join(f"{name} {count}" for name, count in sorted(by_status.items()))
    lines.append(f"Findings known:    {status.get('findings', 0)}" + (f" ({detail})" if detail else ""))
    severity = status.get("open_by_severity") or {}
    counts = ", ".join(f"{level} {severity.get(level, 0)}" for level in SEVERITIES)
    lines.append(f"Open by severity:  {counts}")
    outbox = status.get("outbox") or {}
    lines.append(f"Outbox:            {outbox.get('bytes', 0)} of {outbox.get('max_bytes', 0)} bytes")
    destinations = outbox.get("destinations") or {}
    if not destinations:
        lines.append("  (no [[forward]] destinations: events go to the event log only)")
    for name, dest in sorted(destinations.items()):
        lines.append(_destination_line(name, dest))
    if status.get("state_write_failures"):
        lines.append(f"State write failures: {status['state_write_failures']}")
    # a destination's error (an HTTP reason phrase), a path: nothing may drive the terminal (safetext)
    return "\n".join(printable(line) for line in lines)


def _scan_line(scan: dict[str, Any] | None) -> str:
    if not scan:
        return "never"
    stats = scan.get("stats") or {}
    return (
        f"{scan.get('completed')}  ({stats.get('files_scanned', 0)} files scanned, "
        f"{stats.get('findings', 0)} findings, {stats.get('duration_s', 0)} s)"
    )


def _destination_line(name: str, dest: dict[str, Any]) -> str:
    target = dest.get("target") or ""
    line = f"  {name} ({dest.get('type', '?')} {target}): {dest.get('depth', 0)} queued"
    if dest.get("delivered") is not None:
        line += f", {dest['delivered']} delivered"
    if dest.get("dropped"):
        line += f", {dest['dropped']} dropped"
    if dest.get("last_success_at"):
        line += f", last delivery {dest['last_success_at']}"
    if dest.get("last_error"):
        line += f"; last error {dest.get('last_error_at') or ''}: {dest['last_error']}"
    return line
