"""`credscan findings list|show|accept|reopen --config FILE`: triage over the agent's findings store.

Each change becomes a central-log event (finding.accepted, finding.false_positive, finding.reopened) that
the agent forwards with its next delivery. Expired acceptances are reopened whenever the store is read.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from datetime import UTC, date, datetime
from typing import Any

from credscan.baseline import parse_date
from credscan.central.events import utc_timestamp
from credscan.central.store import STATUSES
from credscan.config import load_config
from credscan.errors import UserError
from credscan.model import SEVERITIES
from credscan.output.interface import printable
from credscan.report.data import format_location

# The store and the central log are imported by the handlers: `credscan --help` should not load them.

SHORT_ID = 12
"""Characters of the id shown by `list`; `show`, `accept` and `reopen` take any unique prefix."""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "findings",
        help="list and triage the agent's findings",
        description="List findings in the agent's store; accept a risk, mark a false positive, reopen.",
    )
    actions = parser.add_subparsers(dest="findings_action", metavar="ACTION", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", metavar="FILE", required=True, help="the agent's config file")

    listing = actions.add_parser("list", parents=[common], help="list findings")
    listing.add_argument(
        "--status", choices=[*STATUSES, "all"], default="open", help="which findings (default: open)"
    )
    listing.add_argument(
        "--severity", metavar="LEVEL[,LEVEL]", help=f"only these severities ({', '.join(SEVERITIES)})"
    )
    listing.add_argument("--json", action="store_true", help="one JSON array of finding records")
    listing.set_defaults(handler=_list)

    show = actions.add_parser("show", parents=[common], help="show one finding")
    show.add_argument("id", help="finding id (a unique prefix is enough)")
    show.add_argument("--json", action="store_true", help="the finding record as JSON")
    show.set_defaults(handler=_show)

    accept = actions.add_parser("accept", parents=[common], help="accept a risk or mark a false positive")
    accept.add_argument("id", help="finding id (a unique prefix is enough)")
    accept.add_argument("--reason", required=True, help="why (kept in the store and the event)")
    accept.add_argument("--by", help="who accepts it (default: the current user)")
    accept.add_argument("--until", metavar="YYYY-MM-DD", help="the acceptance lapses after this day")
    accept.add_argument("--false-positive", action="store_true", help="not a credential at all")
    accept.set_defaults(handler=_accept)

    reopen = actions.add_parser("reopen", parents=[common], help="reopen a triaged finding")
    reopen.add_argument("id", help="finding id (a unique prefix is enough)")
    reopen.add_argument("--by", help="who reopens it (default: the current user)")
    reopen.set_defaults(handler=_reopen)


def _severities(text: str | None) -> set[str] | None:
    if not text:
        return None
    wanted = {part.strip().lower() for part in text.split(",") if part.strip()}
    unknown = wanted - set(SEVERITIES)
    if unknown:
        raise UserError(f"unknown severity {sorted(unknown)[0]!r} (use {', '.join(SEVERITIES)})")
    return wanted


def _list(args: argparse.Namespace) -> int:
    from credscan.report.storeview import open_central, triaged_records
    from credscan.report.triage import expire_acceptances

    severities = _severities(args.severity)
    statuses = None if args.status == "all" else (args.status,)
    with open_central(load_config(args.config)) as central:
        expire_acceptances(central.store, central.emit, datetime.now(UTC).date(), utc_timestamp())
        records = triaged_records(central.store, statuses)
    if severities is not None:
        records = [r for r in records if r["severity"] in severities]
    if args.json:
        json.dump(records, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    if not records:
        print(f"no {'' if args.status == 'all' else args.status + ' '}findings")
        return 0
    for record in records:
        where = format_location(record["location"])
        place = printable(record["path"]) + (f" ({printable(where)})" if where else "")
        print(
            f"{record['id'][:SHORT_ID]}  {record['severity']:<8}  {record['status']:<14}  "
            f"{record['category']:<18}  {place}  {printable(record['secret_masked'])}"
        )
    return 0


SHOW_FIELDS = (
    ("id", "id"),
    ("severity", "severity"),
    ("status", "status"),
    ("reason", "triage"),
    ("category", "category"),
    ("rule_name", "rule"),
    ("path", "path"),
    ("location", "location"),
    ("secret_masked", "masked value"),
    ("account", "account"),
    ("context", "context"),
    ("first_seen", "first seen"),
    ("last_seen", "last seen"),
    ("resolved_at", "resolved"),
    ("remediation", "remediation"),
)


def _show(args: argparse.Namespace) -> int:
    from credscan.report.storeview import open_central, triaged_records
    from credscan.report.triage import find

    with open_central(load_config(args.config)) as central:
        found = find(central.store, args.id)
        records = [r for r in triaged_records(central.store, None) if r["id"] == found["id"]]
    record = records[0] if records else found
    if args.json:
        print(json.dumps(record, indent=2, ensure_ascii=False))
        return 0
    for key, label in SHOW_FIELDS:
        value = format_location(record[key]) if key == "location" else record.get(key)
        if value not in (None, ""):
            print(f"{label + ':':<14} {printable(str(value))}")
    owner = (record.get("file") or {}).get("owner")
    if owner:
        print(f"{'owner:':<14} {printable(str(owner))}")
    return 0


def _accept(args: argparse.Namespace) -> int:
    from credscan.report.storeview import open_central
    from credscan.report.triage import set_triage

    until: date | None = parse_date(args.until, "--until date") if args.until else None
    if until is not None and until < datetime.now(UTC).date():
        raise UserError(f"--until {until.isoformat()} is in the past")
    if args.false_positive and until is not None:
        raise UserError("--until applies to accepted risks, not to false positives")
    status = "false-positive" if args.false_positive else "accepted"
    by = args.by or getpass.getuser()
    with open_central(load_config(args.config)) as central:
        now = utc_timestamp()
        record = set_triage(central.store, central.emit, args.id, status, now, args.reason, by, until)
    expiry = f" until {until.isoformat()}" if until else ""
    print(f"finding {record['id']} marked {status} by {printable(by)}{expiry}: {printable(args.reason)}")
    return 0


def _reopen(args: argparse.Namespace) -> int:
    from credscan.report.storeview import open_central
    from credscan.report.triage import set_triage

    by = args.by or getpass.getuser()
    with open_central(load_config(args.config)) as central:
        record = set_triage(central.store, central.emit, args.id, "open", utc_timestamp(), None, by)
    print(f"finding {record['id']} reopened by {printable(by)}")
    return 0
