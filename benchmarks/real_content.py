"""Findings on real content nobody here wrote, the judge no test corpus can be: /usr/share/doc and the Python
standard library.

    python benchmarks/real_content.py [--all-share] [--jobs N] [--quiet] [PATH ...]

Scans each target with this checkout's `credscan scan --format json` and prints, per target, the files
scanned, the findings, findings per 1,000 files, severities, the files with more than 20 findings, and
then every finding (rule, path:location, masked context) for a person to review. Secrets are never
printed: the report is the scan's own masked JSON. Targets (docs/detection.md): /usr/share/doc at most 10
findings, the standard library at most 25, all of /usr/share (--all-share) at most 100 and no file with
more than 20.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = str(Path(__file__).resolve().parents[1])
"""Measure this checkout, whatever credscan is installed."""
FLOOD = 20
"""A file with more findings than this is a flood (the /usr/share target allows none)."""


def stdlib_dir() -> Path:
    """lib/python3.X of the running interpreter (its site-packages is left out of the scan)."""
    return Path(sysconfig.get_paths()["stdlib"])


def scan(target: Path, jobs: int, excludes: list[str]) -> dict[str, Any]:
    """One `credscan scan` of ``target``; the parsed JSON report and the wall time."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        command = [sys.executable, "-m", "credscan", "scan", str(target), "--format", "json", "-o", str(out)]
        command += ["--no-progress", "--jobs", str(jobs)]
        for glob in excludes:
            command += ["--exclude", glob]
        env = {**os.environ, "PYTHONPATH": REPO + os.pathsep + os.environ.get("PYTHONPATH", "")}
        started = time.monotonic()
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if done.returncode not in (0, 1):
            raise SystemExit(
                f"credscan scan {target} failed ({done.returncode}): {done.stderr.strip()[-500:]}"
            )
        report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
        report["wall_s"] = time.monotonic() - started
        return report


def summarise(name: str, report: dict[str, Any], quiet: bool) -> list[str]:
    findings = report["findings"]
    scanned = report["stats"]["files_scanned"]
    per_file = Counter(f["path"] for f in findings)
    floods = [(path, n) for path, n in per_file.most_common() if n > FLOOD]
    lines = [
        f"== {name}: {scanned} files scanned, {len(findings)} findings, "
        f"{1000 * len(findings) / max(scanned, 1):.2f} per 1,000 files, {report['wall_s']:.0f} s",
        "   severities: "
        + ", ".join(f"{k} {v}" for k, v in Counter(f["severity"] for f in findings).most_common()),
        "   rules: "
        + ", ".join(f"{k} {v}" for k, v in Counter(f["rule_id"] for f in findings).most_common()),
        f"   files with more than {FLOOD} findings: "
        + (", ".join(f"{path} ({n})" for path, n in floods) if floods else "none"),
        f"   files not (fully) scanned: {report['stats'].get('errors_total', 0)}"
        + "".join(f"\n     {e['path']}: {e['error']}" for e in report["stats"]["errors"]),
    ]
    if not quiet:
        for finding in findings:
            where = " ".join(f"{k}={v}" for k, v in finding["location"].items())
            lines.append(f"   {finding['severity']:<8} {finding['rule_id']:<36} {finding['path']} {where}")
            lines.append(f"            {finding['context']}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="*", type=Path, help="scan these instead of the default targets")
    parser.add_argument("--all-share", action="store_true", help="also scan all of /usr/share (minutes)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--quiet", action="store_true", help="only the summary of each target")
    args = parser.parse_args()
    targets: list[tuple[str, Path, list[str]]] = [(str(p), p, []) for p in args.paths]
    if not targets:
        targets = [
            ("/usr/share/doc", Path("/usr/share/doc"), []),
            (f"standard library ({stdlib_dir()})", stdlib_dir(), ["site-packages", "dist-packages"]),
        ]
        if args.all_share:
            targets.append(("/usr/share", Path("/usr/share"), []))
    for name, path, excludes in targets:
        if not path.is_dir():
            print(f"== {name}: not present, skipped")
            continue
        for line in summarise(name, scan(path, args.jobs, excludes), args.quiet):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
