"""`scan --summary`: one line for RMM script monitors (NinjaOne, Datto RMM, N-able, ConnectWise …).

    CREDSCAN status=FINDINGS critical=2 high=5 medium=0 low=0 info=0 files=120 errors=1 duration=3.2s …

(then ``baselined=0``, all on one line). The keys and their order are stable; new keys are only ever
appended. ``status`` is OK (nothing to report), FINDINGS, or EMPTY (no file was scanned: an empty folder
or a share that is not mounted must not pass for a clean result); ``files`` counts files scanned,
``errors`` files that could not be read, ``baselined`` findings suppressed by --baseline. The exit code
stays that of `scan` (0 OK or EMPTY, 1 FINDINGS, 2 error: then no line, the message is on stderr).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from credscan.model import SEVERITIES, Finding, ScanStats


def summary_line(findings: Sequence[Finding], stats: ScanStats, baselined: int = 0) -> str:
    counts = Counter(finding.severity for finding in findings)
    status = "FINDINGS" if findings else ("OK" if stats.files_scanned else "EMPTY")
    fields = [f"status={status}"]
    fields += [f"{level}={counts.get(level, 0)}" for level in SEVERITIES]
    fields += [
        f"files={stats.files_scanned}",
        f"errors={len(stats.errors)}",
        f"duration={stats.duration_s:.1f}s",
        f"baselined={baselined}",
    ]
    return "CREDSCAN " + " ".join(fields)
