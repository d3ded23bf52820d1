"""Baselines: accept today's findings so later scans report only what is new.

A baseline file is JSON::

    {"credscan_baseline": 1, "created": "2026-11-27T10:00:00Z",
     "entries": [{"id": "…", "path": "…", "rule_id": "…", "secret_masked": "Su****4!",
                  "accepted_by": "jdoe", "reason": "legacy NAS, replaced in Q1", "expires": "2027-03-31"}]}

``accepted_by``, ``reason`` and ``expires`` are optional; an entry whose ``expires`` date has passed no longer
suppresses its finding, so accepted risks come back for review. An earlier ``scan --format json`` report is
accepted as a baseline too (every finding in it counts as accepted, without expiry). Only masked values are
ever written: a baseline made from a ``--show-secrets`` report still holds no plaintext.

Finding ids are computed from the file's identity path (credscan.sources.identity), so a baseline matches
however the scanned folder is typed. Baselines of credscan 0.1 hold ids of the older scheme (path as typed,
fast secret hash); a finding's ``legacy_id`` is that id, so they keep matching scans of the same spelling.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from credscan.errors import UserError
from credscan.userfiles import read_user_json

FORMAT_KEY = "credscan_baseline"
FORMAT_VERSION = 1
DESCRIPTIVE_FIELDS = ("path", "rule_id", "category", "severity", "location", "secret_masked")
"""Copied from the finding into its entry so a person can read the baseline; matching uses only ``id``."""


@dataclass(frozen=True, slots=True)
class BaselineEntry:
    id: str
    accepted_by: str | None = None
    reason: str | None = None
    expires: date | None = None

    def active(self, today: date) -> bool:
        """Still suppresses its finding: no expiry, or the expiry day has not passed."""
        return self.expires is None or today <= self.expires


def parse_date(text: str, what: str = "date") -> date:
    """An ISO date (2027-03-31); a full ISO timestamp is accepted and cut to its date."""
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise UserError(f"invalid {what} {text!r} (use YYYY-MM-DD)") from None


@dataclass(slots=True)
class Baseline:
    entries: dict[str, BaselineEntry]

    def suppresses(self, finding_id: str, today: date) -> bool:
        entry = self.entries.get(finding_id)
        return entry is not None and entry.active(today)

    def split(self, findings: Iterable[Any], today: date | None = None) -> tuple[list[Any], int]:
        """(findings to report, how many it suppressed); findings need an ``id`` attribute or key."""
        day = today or datetime.now(UTC).date()
        kept: list[Any] = []
        suppressed = 0
        for finding in findings:
            finding_id = finding["id"] if isinstance(finding, dict) else finding.id
            legacy = "" if isinstance(finding, dict) else getattr(finding, "legacy_id", "")
            if self.suppresses(finding_id, day) or (legacy and self.suppresses(legacy, day)):
                suppressed += 1
            else:
                kept.append(finding)
        return kept, suppressed


def _entry(raw: Any, where: str) -> BaselineEntry:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str) or not raw["id"]:
        raise UserError(f"{where}: every entry needs an id")
    expires = raw.get("expires")
    if expires is not None and not isinstance(expires, str):
        raise UserError(f"{where}: expires of {raw['id']} must be a YYYY-MM-DD string")

    def optional(key: str) -> str | None:
        value = raw.get(key)
        return None if value is None else str(value)

    return BaselineEntry(
        id=raw["id"],
        accepted_by=optional("accepted_by"),
        reason=optional("reason"),
        expires=parse_date(expires, f"expires date in {where}") if expires else None,
    )


def load_baseline(path: Path) -> Baseline:
    """Read a baseline file or an earlier ``--format json`` report; anything else is a one-line UserError."""
    where = f"baseline {path}"
    data = read_user_json(path, "baseline")
    if isinstance(data, dict) and isinstance(data.get("entries"), list) and FORMAT_KEY in data:
        raw_entries = data["entries"]
    elif isinstance(data, dict) and isinstance(data.get("findings"), list):
        raw_entries = data["findings"]
    else:
        raise UserError(f"{where} is neither a credscan baseline nor a `scan --format json` report")
    entries = [_entry(raw, where) for raw in raw_entries]
    return Baseline({entry.id: entry for entry in entries})


def build_baseline(
    records: Iterable[dict[str, Any]],
    accepted_by: str | None = None,
    reason: str | None = None,
    expires: date | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """The baseline document for these finding records (docs/scanning.md dicts); never copies ``secret``."""
    entries = []
    for record in records:
        entry: dict[str, Any] = {"id": record["id"]}
        entry.update({key: record[key] for key in DESCRIPTIVE_FIELDS if key in record})
        if accepted_by:
            entry["accepted_by"] = accepted_by
        if reason:
            entry["reason"] = reason
        if expires:
            entry["expires"] = expires.isoformat()
        entries.append(entry)
    created = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {FORMAT_KEY: FORMAT_VERSION, "created": created, "entries": entries}
