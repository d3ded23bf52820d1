"""`credscan report`: the MSP risk-assessment report (one self-contained HTML file).

From the agent's store (``--config FILE``) or from an on-demand scan's JSON (``--from scan.json``); for the
latter the vault comes from ``--config`` if given, else ``--vault-name``/``--vault-url``.
"""

from __future__ import annotations

import argparse
import os
from datetime import UTC, datetime
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
    parser.add_argument(
        "--client", metavar="NAME", help="the client the report is for (shown on the first page)"
    )
    parser.add_argument("--msp", metavar="NAME", help="the MSP that prepared it")
    parser.add_argument("--logo", metavar="FILE", help="the MSP's logo (PNG, JPEG or SVG, at most 512 KB)")
    parser.add_argument(
        "--since", metavar="DATE", help="the previous report's date (YYYY-MM-DD): count new/resolved since"
    )
    parser.add_argument(
        "--pdf", action="store_true", help="write a PDF (printed by headless Chromium); needs -o"
    )
    parser.set_defaults(handler=_run)


LOGO_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml"}
LOGO_MAX_BYTES = 512 * 1024


def logo_data_uri(path: Path) -> str:
    """The logo as a data: URI (the report fetches nothing); a wrong type or size is a UserError."""
    import base64

    kind = LOGO_TYPES.get(path.suffix.lower())
    if kind is None:
        raise UserError(f"--logo must be a .png, .jpg or .svg file, not {path.name}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read the logo {path}: {exc.strerror or exc}") from None
    if len(data) > LOGO_MAX_BYTES:
        raise UserError(f"the logo {path} is larger than {LOGO_MAX_BYTES // 1024} KB")
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def since_date(text: str) -> datetime:
    try:
        return datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        raise UserError(f"--since must be a date like 2026-11-30, not {text!r}") from None


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

        report = input_from_store(config, since_date(args.since) if args.since else None)
    if config is not None:
        report.vault_name, report.vault_url = config.remediation.vault_name, config.remediation.vault_url
    if args.vault_name:
        report.vault_name = args.vault_name
    if args.vault_url:
        report.vault_url = args.vault_url
    branding = config.report if config is not None else None
    report.client_name = args.client or (branding.client_name if branding else "")
    report.msp_name = args.msp or (branding.msp_name if branding else "")
    logo = Path(args.logo) if args.logo else (branding.logo if branding else None)
    report.logo = logo_data_uri(logo) if logo else None
    return report


def _run(args: argparse.Namespace) -> int:
    """Written like a scan report: FILE gets mode 0600 (it says where every password lives)."""
    from credscan.output.interface import open_output
    from credscan.report.render import render_report

    if args.pdf and not args.output:
        raise UserError("--pdf needs -o FILE.pdf")
    report = _load(args)
    html = render_report(report)
    if args.pdf:
        from credscan.report.pdf import write_pdf

        write_pdf(html, Path(args.output))
    else:
        with open_output(args.output) as out:
            out.write(html)
    if args.output:
        write_annex(report, Path(args.output))
    return 0


def write_annex(report: ReportInput, output: Path) -> None:
    """Beside a report that lists only the riskiest findings, every finding as CSV (report.pdf ->
    report.findings.csv), cells quoted and formulas neutralised like `scan --format csv`."""
    import csv

    from credscan.output.csv import neutralise
    from credscan.report.render import MAX_ROWS, sorted_findings

    findings = sorted_findings(report)
    if len(findings) <= MAX_ROWS:
        return
    annex = output.with_name(output.stem + ".findings.csv")
    fd = os.open(annex, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
        columns = ("severity", "exposure", "category", "path", "location", "account", "masked", "status")
        writer.writerow(columns)
        for f in findings:
            row = (f.severity, f.exposure, f.category, f.path, f.location, f.account, f.masked, f.status)
            writer.writerow([neutralise(value) for value in row])
