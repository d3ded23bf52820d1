"""Triage decisions made on the credscan server, applied to the agent's own store.

After each delivery cycle the central log asks every forwarder that can (the ``credscan`` one) for its
client's decisions since the last cursor and applies each with the agent's own triage
(credscan.report.triage.set_triage): the store's status changes, a triage event goes to the SIEMs, and
the next scans no longer announce an accepted finding. A decision for a finding this agent does not hold
(another site of the same client) or that already has that status is skipped. The cursor is kept per
destination in ``<state dir>/decisions-<name>.json``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from credscan.central.events import utc_timestamp
from credscan.central.store import Store
from credscan.errors import UserError
from credscan.statedir import write_private_file

STATUSES = ("accepted", "false-positive", "open")


class DecisionSource(Protocol):
    name: str

    def pull_decisions(self, after: int, timeout_s: float) -> tuple[list[dict[str, Any]], int]: ...


def cursor_path(state_dir: Path, name: str) -> Path:
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in name)
    return state_dir / f"decisions-{safe}.json"


def read_cursor(path: Path) -> int:
    try:
        value = json.loads(path.read_text(encoding="utf-8")).get("after", 0)
    except (OSError, ValueError, AttributeError):
        return 0
    return value if isinstance(value, int) and value >= 0 else 0


def apply_decision(
    store: Store, emit: Callable[[str, dict[str, Any]], object], decision: dict[str, Any]
) -> bool:
    """True when the decision changed the store."""
    from credscan.report.triage import set_triage

    status = decision.get("status")
    finding_id = decision.get("finding_id")
    if status not in STATUSES or not isinstance(finding_id, str):
        return False
    record = store.get_finding(finding_id)
    if record is None or record["status"] in ("resolved", status):
        return False
    until = None
    if status == "accepted" and isinstance(decision.get("until"), str):
        try:
            until = date.fromisoformat(decision["until"])
        except ValueError:
            until = None
    reason = decision.get("reason") if isinstance(decision.get("reason"), str) else None
    actor = decision.get("actor") if isinstance(decision.get("actor"), str) else "server"
    try:
        set_triage(
            store,
            emit,
            finding_id,
            status,
            utc_timestamp(),
            reason=reason,
            by=f"{actor} (server)",
            until=until,
        )
    except UserError:
        return False
    return True


def sync_decisions(
    source: DecisionSource,
    store: Store,
    emit: Callable[[str, dict[str, Any]], object],
    state_dir: Path,
    timeout_s: float,
) -> int:
    """Pull and apply every new decision (pages of up to 500); the number applied. DeliveryError passes up."""
    path = cursor_path(state_dir, source.name)
    after = read_cursor(path)
    applied = 0
    while True:
        decisions, cursor = source.pull_decisions(after, timeout_s)
        for decision in decisions:
            applied += apply_decision(store, emit, decision)
        if cursor == after or not decisions:
            break
        after = cursor
        store.commit()
        write_private_file(path, json.dumps({"after": after}).encode("utf-8"))
    return applied
