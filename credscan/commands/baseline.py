"""`credscan baseline create PATH... -o FILE`: scan and accept today's findings as the baseline.

Later `credscan scan PATH --baseline FILE` reports only findings that are not in it (credscan.baseline).
``--from scan.json`` turns an earlier `scan --format json` report into a baseline without scanning again.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from credscan.baseline import build_baseline, parse_date
from credscan.errors import UserError
from credscan.text import plural


def register(subparsers: Any) -> None:
    from credscan.commands.scan import add_scan_options

    parser = subparsers.add_parser(
        "baseline",
        help="accept today's findings so later scans report only new ones",
        description="Baselines: `scan --baseline FILE` reports only findings that are not in FILE.",
    )
    actions = parser.add_subparsers(dest="baseline_action", metavar="ACTION", required=True)
    create = actions.add_parser(
        "create",
        help="scan PATH... and write a baseline of what was found",
        description="Scan PATH... (or read --from SCAN_JSON) and write a baseline JSON of the findings. "
        "Entries can carry who accepted them, why and until when; expired entries stop suppressing.",
    )
    create.add_argument("paths", nargs="*", metavar="PATH", help="files, folders or smb:// shares to scan")
    create.add_argument("-o", "--output", metavar="FILE", required=True, help="the baseline file to write")
    create.add_argument(
        "--from", dest="from_json", metavar="SCAN_JSON", help="use a scan's JSON, do not scan"
    )
    create.add_argument("--by", help="who accepts these findings (recorded in every entry)")
    create.add_argument("--reason", help="why they are accepted")
    create.add_argument("--until", metavar="YYYY-MM-DD", help="the acceptance lapses after this day")
    add_scan_options(create)
    create.set_defaults(handler=_create, show_secrets=False)


def _scan_records(args: argparse.Namespace) -> list[dict[str, Any]]:
    """Run the scan `credscan scan` would run with these flags; the finding records (never a secret)."""
    from credscan.commands.scan import build_options, warn_about_excludes
    from credscan.commands.shares import expand_all_shares
    from credscan.config import load_config
    from credscan.console import Console
    from credscan.progress import Progress
    from credscan.scan import run_scan

    config = load_config(args.config) if args.config else None
    targets = list(args.paths) or (list(config.scan.roots) if config is not None else [])
    if not targets:
        raise UserError("no PATH given: name the files, folders or smb:// shares to scan")
    options = build_options(args, config)
    targets = expand_all_shares(targets, args, options.source_options)
    console = Console.from_args(args)
    warn_about_excludes(console, options, targets)
    result = run_scan(
        targets, options, Progress.for_terminal(enabled=not args.no_progress and not args.quiet)
    )
    console.problems(result.stats)
    console.nothing_scanned(result.stats, targets)
    return [finding.to_dict(include_secret=False) for finding in result.findings]


def _create(args: argparse.Namespace) -> int:
    from credscan.output.interface import open_output
    from credscan.report.data import read_scan_json

    until = parse_date(args.until, "--until date") if args.until else None
    if until is not None and until < datetime.now(UTC).date():
        raise UserError(f"--until {until.isoformat()} is in the past")
    if args.from_json and args.paths:
        raise UserError("give either PATH... to scan or --from SCAN_JSON, not both")
    if args.from_json:
        raw = read_scan_json(Path(args.from_json))["findings"]
        records = [r for r in raw if isinstance(r, dict) and isinstance(r.get("id"), str)]
    else:
        records = _scan_records(args)
    document = build_baseline(records, args.by, args.reason, until)
    with open_output(args.output) as out:
        json.dump(document, out, indent=2, ensure_ascii=False)
        out.write("\n")
    if not getattr(args, "quiet", False):
        print(
            f"credscan: baseline {args.output}: {plural(len(records), 'finding')} accepted", file=sys.stderr
        )
    return 0
