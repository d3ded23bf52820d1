"""`--format csv`: one finding a row, for the spreadsheet an MSP hands to its client.

File names and context snippets come from the scanned share, i.e. from anyone, so every cell is
quoted, its control characters are made visible (credscan.safetext), and a quote is put before anything a
spreadsheet would evaluate (= + - @ tab CR) at the start of the cell *and* after any place a spreadsheet
may start a new cell or line: CR, LF, tab, a double quote, "," and ";" (the list separator of many
European locales, which Excel uses as the CSV delimiter there), spaces after them included.
"""

from __future__ import annotations

import csv
import re
from typing import TextIO

from credscan.model import Finding, ScanResult
from credscan.output.interface import OutputContext, OutputFormat, format_location
from credscan.safetext import printable

COLUMNS = (
    "severity", "category", "rule_id", "rule_name", "confidence", "path", "location", "account",
    "secret_masked", "secret_hash", "context", "id", "file_size", "file_mtime", "file_owner", "file_sha256",
    "exposure", "exposure_readers", "exposure_share_acl", "remediation",
)  # fmt: skip
_FORMULA_START = re.compile(r"(^|[\r\n\t,;\"])([ ]*)(?=[=+\-@\t\r])")


def neutralise(value: object) -> str:
    """A cell no spreadsheet evaluates, whatever delimiter it is read with."""
    text = "" if value is None else str(value)
    text = _FORMULA_START.sub(lambda m: m.group(1) + m.group(2) + "'", text)
    return printable(text)


def _row(finding: Finding, show_secrets: bool) -> list[str]:
    values: dict[str, object] = {
        "severity": finding.severity,
        "category": finding.category,
        "rule_id": finding.rule_id,
        "rule_name": finding.rule_name,
        "confidence": f"{finding.confidence:.2f}",
        "path": finding.path,
        "location": format_location(finding.location),
        "account": finding.account,
        "secret_masked": finding.secret_masked,
        "secret_hash": finding.secret_hash,
        "context": finding.context,
        "id": finding.id,
        "file_size": finding.file.size,
        "file_mtime": finding.file.mtime,
        "file_owner": finding.file.owner,
        "file_sha256": finding.file.sha256,
        "exposure": (finding.file.exposure or {}).get("level"),
        "exposure_readers": "; ".join((finding.file.exposure or {}).get("readers", [])),
        "exposure_share_acl": (finding.file.exposure or {}).get("share_acl"),
        "remediation": finding.remediation,
    }
    if show_secrets:
        values["secret"] = finding.secret
    return [neutralise(value) for value in values.values()]


class CsvOutput(OutputFormat):
    def write(self, result: ScanResult, out: TextIO, ctx: OutputContext) -> None:
        writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
        writer.writerow([*COLUMNS, "secret"] if ctx.show_secrets else COLUMNS)
        for finding in result.findings:
            writer.writerow(_row(finding, ctx.show_secrets))
