"""`--format table` (default): what a technician reads in a terminal, then one summary line.

Every value is passed through printable(): paths and contexts come from the scanned share and must
not be able to move the cursor or recolour the terminal. Colours only when writing to a terminal.
"""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from credscan.model import SEVERITIES, SEVERITY_RANK, Finding, ScanResult, ScanStats
from credscan.output.interface import OutputContext, OutputFormat, format_location, printable
from credscan.progress import human_bytes
from credscan.text import plural

HEADERS = ("SEVERITY", "CATEGORY", "PATH", "LOCATION", "ACCOUNT", "SECRET")
COLORS = {
    "critical": "\x1b[1;31m",
    "high": "\x1b[31m",
    "medium": "\x1b[33m",
    "low": "\x1b[36m",
    "info": "\x1b[2m",
}
RESET = "\x1b[0m"
MIN_PATH_WIDTH = 24
MAX_LISTED_ERRORS = 20
GAP = "  "


def _shorten(text: str, width: int) -> str:
    """Keep both ends of a long path: the share and the file name are what identify it."""
    if len(text) <= width:
        return text
    keep = width - 1
    return text[: keep // 3] + "…" + text[len(text) - (keep - keep // 3) :]


def _cells(finding: Finding, show_secrets: bool) -> list[str]:
    secret = finding.secret if show_secrets and finding.secret is not None else finding.secret_masked
    return [
        finding.severity,
        finding.category,
        finding.path,
        format_location(finding.location),
        finding.account or "",
        secret or "",
    ]


def _fit(rows: list[list[str]], width: int | None) -> list[int]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADERS))]
    if width is not None:
        others = sum(widths) - widths[2] + len(GAP) * (len(HEADERS) - 1)
        widths[2] = max(MIN_PATH_WIDTH, min(widths[2], width - others))
    return widths


def summary_line(stats: ScanStats, findings: list[Finding]) -> str:
    """ "3 findings (1 critical, 2 high) in 2 files; 1 file scanned (85 MB) in 4.1s; 0 skipped; 1 error"."""
    by_severity = Counter(f.severity for f in findings)
    severity_text = ", ".join(f"{by_severity[s]} {s}" for s in SEVERITIES if by_severity[s])
    files = len({f.path.split("!", 1)[0] for f in findings})
    head = plural(len(findings), "finding")
    if findings:
        head += f" ({severity_text}) in {plural(files, 'file')}"
    return (
        f"{head}; {plural(stats.files_scanned, 'file')} scanned ({human_bytes(stats.bytes_scanned)}) "
        f"in {stats.duration_s:.1f}s; {stats.files_skipped} skipped; {plural(len(stats.errors), 'error')}"
    )


def table_order(findings: list[Finding]) -> list[Finding]:
    """Most severe first, then by path; within one file the scan's document order (sheet, row, line …)
    is kept (the sort is stable), which is the order of the locations in the file."""
    return sorted(findings, key=lambda f: (-SEVERITY_RANK.get(f.severity, 0), f.path))


class TableOutput(OutputFormat):
    def write(self, result: ScanResult, out: TextIO, ctx: OutputContext) -> None:
        if result.findings:
            rows = [list(HEADERS)] + [
                [printable(cell) for cell in _cells(f, ctx.show_secrets)]
                for f in table_order(result.findings)
            ]
            widths = _fit(rows, ctx.width)
            for index, row in enumerate(rows):
                cells = [_shorten(cell, w).ljust(w) for cell, w in zip(row, widths, strict=True)]
                line = GAP.join(cells).rstrip()
                if ctx.color and index > 0:
                    line = COLORS[row[0]] + cells[0] + RESET + line[len(cells[0]) :]
                out.write(line + "\n")
            out.write("\n")
        self._write_problems(result.stats, out)
        out.write(summary_line(result.stats, result.findings) + "\n")

    @staticmethod
    def _write_problems(stats: ScanStats, out: TextIO) -> None:
        """Errors one by one (they may hide credentials); skipped files as counts by reason."""
        for error in stats.errors[:MAX_LISTED_ERRORS]:
            out.write(f"error: {printable(error.path)}: {printable(error.error)}\n")
        if len(stats.errors) > MAX_LISTED_ERRORS:
            out.write(f"… and {len(stats.errors) - MAX_LISTED_ERRORS} more errors (see --format json)\n")
        reasons = Counter(s.reason for s in stats.skipped)
        if reasons:
            out.write("skipped: " + ", ".join(f"{n} {reason}" for reason, n in reasons.most_common()) + "\n")
