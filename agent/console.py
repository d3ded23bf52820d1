"""The agent's lifecycle and warnings as one line each on stderr, for `journalctl -u credscan-agent`.

The event log and the SIEM get every event; the console gets what an administrator looking at the service
needs: started (what it watches, its schedule and destinations), reloaded or a refused reload, warnings,
each scan's start and end with its counts, stopped. Lines are built from the event's own fields, which never
hold a secret; paths from the share are passed through printable() so they cannot drive the terminal.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

from credscan.output.interface import printable
from credscan.text import interval, plural

LOG = logging.getLogger("credscan.agent")

ECHOED = (
    "agent.started",
    "agent.reloaded",
    "agent.stopped",
    "agent.warning",
    "scan.started",
    "scan.completed",
)


class ConsoleEcho:
    """CentralLog observer: logs the console line of each event (warnings at WARNING level). It remembers
    each scan's kind from scan.started, because scan.completed only says whether the scan was full."""

    def __init__(self) -> None:
        self._kinds: dict[str, str] = {}

    def __call__(self, action: str, event: dict[str, Any]) -> None:
        line = self.line(action, event)
        if line is not None:
            level = logging.WARNING if action == "agent.warning" else logging.INFO
            LOG.log(level, "%s", printable(line))

    def line(self, action: str, event: dict[str, Any]) -> str | None:
        """The console line for an event, or None for events that stay in the log (findings, heartbeats,
        and the small scans of watched files unless they found something or failed)."""
        if action not in ECHOED:
            return None
        credscan = event.get("credscan") or {}
        scan = credscan.get("scan") or {}
        if action in ("agent.started", "agent.reloaded"):
            return _started(action.split(".")[1], credscan.get("agent") or {})
        if action == "scan.started":
            kind = str(scan.get("kind", ""))
            self._kinds[str(scan.get("id"))] = kind
            return None if kind == "watch" else f"{kind} scan started"
        if action == "scan.completed":
            default = "full" if scan.get("full") else "incremental"
            kind = self._kinds.pop(str(scan.get("id")), default)
            return _completed(kind, credscan.get("stats") or {}, event)
        if action == "agent.warning":
            return str(event.get("message", ""))
        return f"stopped: {(event.get('event') or {}).get('reason', '')}"


def _started(verb: str, agent: dict[str, Any]) -> str:
    config = agent.get("config") or {}
    roots = config.get("roots") or []
    schedule = config.get("schedule") or {}
    destinations = [str(item) for item in config.get("forward") or []]
    parts = [f"{verb} (pid {agent.get('pid')})", plural(len(roots), "root")]
    if (config.get("watch") or {}).get("enabled") and "watching" in agent:
        parts.append(f"watching {len(agent['watching'])} of {len(roots)}")
    parts.append(f"full walk {schedule.get('full')!r}" if schedule.get("full") else "no full walk")
    if schedule.get("incremental_seconds"):
        parts.append(f"incremental every {interval(schedule['incremental_seconds'])}")
    listed = f" ({', '.join(destinations)})" if destinations else ""
    parts.append(plural(len(destinations), "destination") + listed)
    if agent.get("priority"):
        parts.append(" ".join(agent["priority"]))
    parts.append(f"event log {config.get('event_log')}")
    return "; ".join(parts)


def _completed(kind: str, stats: dict[str, Any], event: dict[str, Any]) -> str | None:
    seconds = (event.get("event") or {}).get("duration", 0) / 1e9
    errors = int(stats.get("errors_count", len(stats.get("errors") or [])))
    found = int(stats.get("findings", 0))
    if kind == "watch" and not (found or errors):
        return None
    files = plural(int(stats.get("files_scanned", 0)), "file")
    counts = f"{files} scanned, {plural(found, 'finding')}, {plural(errors, 'error')}"
    return f"{kind} scan completed in {seconds:.1f}s: {counts}"


class ConsoleFormatter(logging.Formatter):
    """ "credscan-agent: started …", "credscan-agent: warning: not watching …": the level only when it is
    not plain information."""

    def format(self, record: logging.LogRecord) -> str:
        level = "" if record.levelno == logging.INFO else f"{record.levelname.lower()}: "
        text = f"credscan-agent: {level}{record.getMessage()}"
        if record.exc_info:
            text += "\n" + self.formatException(record.exc_info)
        return text


def setup_console_logging() -> None:
    """One line per message on stderr (systemd's journal adds the time and the unit)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(ConsoleFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    for chatty in ("apscheduler", "smbprotocol", "smbclient", "spnego"):
        # they log every job run / SMB message at INFO: a journal flood (and a blocked agent on a full pipe)
        logging.getLogger(chatty).setLevel(logging.WARNING)
