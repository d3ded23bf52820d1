"""`--format html`: the self-contained risk-assessment report (credscan.report) of this scan.

The same renderer as `credscan report --from scan.json`, fed directly from the result; the report
never carries a plaintext, even with --show-secrets.
"""

from __future__ import annotations

from typing import TextIO

from credscan.model import ScanResult
from credscan.output.interface import OutputContext, OutputFormat
from credscan.report.data import input_from_scan_document
from credscan.report.render import render_report


class HtmlOutput(OutputFormat):
    def write(self, result: ScanResult, out: TextIO, ctx: OutputContext) -> None:
        document = {
            "findings": [finding.to_dict(include_secret=False) for finding in result.findings],
            "stats": result.stats.to_dict(),
        }
        report = input_from_scan_document(document, f"scan of {', '.join(ctx.roots)}")
        report.vault_name = ctx.vault_name
        report.vault_url = ctx.vault_url
        out.write(render_report(report))
