"""One stray far cell never hides a workbook, and an error never reads as OK (issue 14, item 8): a 5 KB xlsx
with a password in row 2 and '.' in Z200000 is scanned (its used range is read row by row, not densified),
and `--summary` says INCOMPLETE, not OK, when files could not be read and nothing was found."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl

SECRET = "Zq7-Far-Cell-1!"


def scan(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CREDSCAN_NO_KEYRING": "1", "CREDSCAN_STATE_DIR": str(path.parent / "state")}
    return subprocess.run(
        [sys.executable, "-m", "credscan", "scan", str(path), "--jobs", "1", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_stray_far_cell_does_not_hide_the_password(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Logins"
    sheet.append(["System", "User", "Password"])
    sheet.append(["NAS", "admin", SECRET])
    sheet["Z200000"] = "."
    path = tmp_path / "far.xlsx"
    book.save(path)
    assert path.stat().st_size < 10_000
    done = scan(path, "--format", "json", "--show-secrets")
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert [f["secret"] for f in report["findings"]] == [SECRET]
    assert report["findings"][0]["location"]["cell"] == "C2"
    summary = scan(path, "--summary")
    assert summary.stdout.startswith("CREDSCAN status=FINDINGS")


def test_errors_without_findings_are_not_ok(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04" + os.urandom(2000))
    done = scan(path, "--summary")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("CREDSCAN status=INCOMPLETE ")
    assert " errors=1 " in done.stdout
