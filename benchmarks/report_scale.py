"""Benchmark the HTML report at scale: size and render time in headless Chromium.

    python benchmarks/report_scale.py [--findings 100000]

Builds a scan JSON of ``--findings`` findings (one critical, the rest medium, in folders of 100), writes the
report with `credscan report --from`, and times Chromium loading it and running its script (--dump-dom).
Targets: < 5 MB and < 3 s to render for 100,000 findings.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from full_scan import REPO, compile_checkout, machine

sys.path.insert(0, str(REPO))  # tests.support
from tests.support.report_fixtures import CHROMIUM_FLAGS, ROWS, finding_record, scan_document


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--findings", type=int, default=100_000)
    options = parser.parse_args()
    compile_checkout()
    print(machine())
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    with tempfile.TemporaryDirectory(prefix="credscan-bench-report-") as work:
        base = finding_record(*ROWS[0], show_secret=False)
        document = scan_document()
        document["findings"] = [
            dict(base, id=f"{n:032x}", path=f"/srv/shares/c{n // 100}/f{n}.txt", severity="medium")
            for n in range(options.findings)
        ]
        scan = Path(work) / "scan.json"
        scan.write_text(json.dumps(document))
        out = Path(work) / "report.html"
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "credscan", "report", "--from", str(scan), "-o", str(out)], check=True
        )
        written = time.perf_counter() - started
        size = out.stat().st_size / 1e6
        print(f"{options.findings:,} findings: report {size:.2f} MB written in {written:.2f} s")
        if browser is None:
            print("chromium not installed: render time not measured")
            return
        started = time.perf_counter()
        subprocess.run(
            [
                browser,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={Path(work) / 'profile'}",
                "--dump-dom",
                out.as_uri(),
            ],
            check=True,
            capture_output=True,
        )
        print(f"Chromium load, script and DOM dump: {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
