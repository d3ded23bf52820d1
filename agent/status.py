"""`credscan agent status`: what the agent's store says, read directly (the agent need not be running).

SQLite in WAL mode lets this read while the agent writes. Nothing here connects to a destination or
resolves a secret reference: the status of a broken SIEM link comes from the outbox's own records.
"""

from __future__ import annotations

from typing import Any

from credscan.central.service import CentralLog
from credscan.central.statecheck import running_agent
from credscan.config import Config
from credscan.errors import UserError
from credscan.model import SEVERITIES
from credscan.progress import human_bytes
from credscan.safetext import printable
from credscan.text import plural

SCAN_LABELS = (("full", "Last full scan"), ("incremental", "Last incremental"), ("watch", "Watched files"))


def collect_status(config: Config) -> dict[str, Any]:
    if not config.state.dir.is_dir():
        raise UserError(f"no agent state in {config.state.dir} (has the agent run with this config yet?)")
    with CentralLog(config, connect=False) as central:
        status = central.status()
    status["agent"] = running_agent(config.state.dir)
    return status


def format_status(status: dict[str, Any]) -> str:
    lines = [
        f"credscan agent {status.get('version', '?')} on {status.get('host', '?')}",
        f"Agent:             {_running_line(status.get('agent') or {})}",
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
    used, limit = human_bytes(outbox.get("bytes", 0)), human_bytes(outbox.get("max_bytes", 0))
    lines.append(f"Outbox:            {used} of {limit}")
    destinations = outbox.get("destinations") or {}
    if not destinations:
        lines.append("  (no [[forward]] destinations: events go to the event log only)")
    for name, dest in sorted(destinations.items()):
        lines.append(_destination_line(name, dest))
    if status.get("state_write_failures"):
        lines.append(f"State write failures: {status['state_write_failures']}")
    # a destination's error (an HTTP reason phrase), a path: nothing may drive the terminal (safetext)
    return "\n".join(printable(line) for line in lines)


def _running_line(agent: dict[str, Any]) -> str:
    if agent.get("running"):
        return f"running (pid {agent.get('pid')}, since {agent.get('since')})"
    return "not running"


def _scan_line(scan: dict[str, Any] | None) -> str:
    """When the scan ended and what it did; its duration is the time spent scanning (for watched files:
    the sum of the batches, not how long the agent has been watching)."""
    if not scan:
        return "never"
    stats = scan.get("stats") or {}
    files = plural(int(stats.get("files_scanned", 0)), "file")
    findings = plural(int(stats.get("findings", 0)), "finding")
    return f"{scan.get('completed')}  ({files} scanned, {findings}, {float(stats.get('duration_s', 0)):.1f}s)"


def _destination_line(name: str, dest: dict[str, Any]) -> str:
    """ "  syslog-0: udp://127.0.0.1:514 (cef): 3 queued, …"; the target without the type when the
    description already starts with it, so no word appears twice."""
    kind = str(dest.get("type") or "")
    target = str(dest.get("target") or "")
    if kind and target.startswith(kind + " "):
        target = target[len(kind) + 1 :]
    label = name if not kind or name.startswith(kind) else f"{name} ({kind})"
    line = f"  {label}: {target}: {dest.get('depth', 0)} queued"
    if dest.get("delivered") is not None:
        line += f", {dest['delivered']} delivered"
    if dest.get("dropped"):
        line += f", {dest['dropped']} dropped"
    if dest.get("last_success_at"):
        line += f", last delivery {dest['last_success_at']}"
    if dest.get("last_error"):
        line += f"; last error {dest.get('last_error_at') or ''}: {dest['last_error']}"
    return line
