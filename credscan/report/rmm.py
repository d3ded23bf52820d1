"""`scan --summary`: one line for RMM script monitors (NinjaOne, Datto RMM, N-able, ConnectWise …).

    CREDSCAN status=FINDINGS critical=2 high=5 medium=0 low=0 info=0 files=120 errors=1 duration=3.2s …

(then ``baselined=0``, all on one line). The keys and their order are stable; new keys are only ever
appended. ``status`` is FINDINGS (something to report), EMPTY (no finding and no file scanned: an empty
folder or a share that is not mounted must not pass for a clean result), INCOMPLETE (no finding, but
``errors`` files or parts could not be read: the scan cannot vouch for them) or OK (nothing to report,
everything read); ``files`` counts files scanned, ``errors`` every error of the scan (also those past the
listed 50,000), ``baselined`` findings suppressed by --baseline. The exit code stays that of `scan`
(0 OK, EMPTY or INCOMPLETE, 1 FINDINGS, 2 error: then no line, the message is on stderr).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from credscan.model import SEVERITIES, Finding, ScanStats


def summary_line(findings: Sequence[Finding], stats: ScanStats, baselined: int = 0) -> str:
    counts = Counter(finding.severity for finding in findings)
    if findings:
        status = "FINDINGS"
    elif not stats.files_scanned and not stats.errors_total:
        status = "EMPTY"
    else:
        status = "INCOMPLETE" if stats.errors_total else "OK"
    fields = [f"status={status}"]
    fields += [f"{level}={counts.get(level, 0)}" for level in SEVERITIES]
    fields += [
        f"files={stats.files_scanned}",
        f"errors={stats.errors_total}",
        f"duration={stats.duration_s:.1f}s",
        f"baselined={baselined}",
    ]
    return "CREDSCAN " + " ".join(fields)
