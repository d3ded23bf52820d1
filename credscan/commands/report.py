"""`credscan report`: the MSP risk-assessment report (one self-contained HTML file).

From the agent's store (``--config FILE``) or from an on-demand scan's JSON (``--from scan.json``); for the
latter the vault comes from ``--config`` if given, else ``--vault-name``/``--vault-url``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from credscan.config import load_config
from credscan.errors import UserError

if TYPE_CHECKING:
    from credscan.report.data import ReportInput


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "report",
        help="write the HTML risk-assessment report",
        description="Write the MSP risk-assessment report: one self-contained HTML file, no network fetches.",
    )
    parser.add_argument("--config", metavar="FILE", help="agent config: report on the agent's findings store")
    parser.add_argument(
        "--from", dest="from_json", metavar="SCAN_JSON", help="report on a `credscan scan --format json` file"
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="where to write the HTML (default: stdout)")
    parser.add_argument("--vault-name", help="the password vault to name in the remediation plan")
    parser.add_argument("--vault-url", help="the vault's URL")
    parser.set_defaults(handler=_run)


def _load(args: argparse.Namespace) -> ReportInput:
    if not args.config and not args.from_json:
        raise UserError("report needs --config FILE (agent store) or --from SCAN_JSON")
    from credscan.report.data import input_from_scan_json

    config = load_config(args.config) if args.config else None
    if args.from_json:
        report = input_from_scan_json(Path(args.from_json))
    else:
        assert config is not None
        from credscan.report.storeview import input_from_store

        report = input_from_store(config)
    if config is not None:
        report.vault_name, report.vault_url = config.remediation.vault_name, config.remediation.vault_url
    if args.vault_name:
        report.vault_name = args.vault_name
    if args.vault_url:
        report.vault_url = args.vault_url
    return report


def _run(args: argparse.Namespace) -> int:
    """Written like a scan report: FILE gets mode 0600 (it says where every password lives)."""
    from credscan.output.interface import open_output
    from credscan.report.render import render_report

    html = render_report(_load(args))
    with open_output(args.output) as out:
        out.write(html)
    return 0
