"""The real-content gate: scan real material nobody here wrote and hold the targets.

/usr/share/doc (Debian package documentation: HTML manuals, examples, and the compressed changelogs, test
logs and manuals a scan reads by default) must give at most 10 findings and the Python standard library
(lib/python3.X without site-packages) at most 25, and no file either may hold more than 20. Skipped where
the folder is absent. Cost: two real scans, about 100 s and 10 s on an idle 2-core machine
(benchmarks/real_content.py prints every finding for review).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

DOC = Path("/usr/share/doc")
STDLIB = Path(sysconfig.get_paths()["stdlib"])
MAX_PER_FILE = 20


def scan(target: Path, tmp_path: Path, *excludes: str) -> dict[str, Any]:
    out = tmp_path / "report.json"
    command = [sys.executable, "-m", "credscan", "scan", str(target), "--format", "json", "-o", str(out)]
    command += ["--no-progress", "--jobs", str(min(2, os.cpu_count() or 1))]
    for glob in excludes:
        command += ["--exclude", glob]
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=280)
    assert done.returncode in (0, 1), done.stderr[-2000:]
    report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return report


def review(report: dict[str, Any]) -> str:
    """The findings as a person reviews them (rule, place, masked context) for the failure message."""
    return "\n".join(f"{f['rule_id']} {f['path']} {f['location']} {f['context']}" for f in report["findings"])


@pytest.mark.skipif(not DOC.is_dir(), reason="no /usr/share/doc on this machine")
def test_usr_share_doc_is_quiet(tmp_path: Path) -> None:
    report = scan(DOC, tmp_path)
    findings = report["findings"]
    assert report["stats"]["files_scanned"] > 100
    assert len(findings) <= 10, review(report)
    assert max(Counter(f["path"] for f in findings).values(), default=0) <= MAX_PER_FILE
    assert not [f for f in findings if f["severity"] == "critical"], review(report)


@pytest.mark.skipif(not STDLIB.is_dir(), reason="no standard library sources")
def test_python_standard_library_holds_only_literal_credentials_and_keys(tmp_path: Path) -> None:
    report = scan(STDLIB, tmp_path, "site-packages", "dist-packages")
    findings = report["findings"]
    assert report["stats"]["files_scanned"] > 500
    assert len(findings) <= 25, review(report)
    assert max(Counter(f["path"] for f in findings).values(), default=0) <= MAX_PER_FILE
    keys = [f for f in findings if f["category"] == "private-key"]
    assert keys, "the test keys in test/certdata are real keys and stay findings"
