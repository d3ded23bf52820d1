"""CSV output is safe to open in a spreadsheet, whatever the file names and contents (issue 14, item 5):
every cell quoted, formulas neutralised at the start of every cell and after any CR/LF/tab/","/";" inside
it, control characters visible. A real scan of a file named with a CR and a formula."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from credscan.output.csv import neutralise

TRIGGERS = "=+-@"


def fragments(raw: str) -> list[str]:
    """Every piece a spreadsheet might take for a cell: split at each delimiter any locale uses and at
    every line break, quotes and spaces stripped."""
    return [piece.strip(' "') for piece in re.split(r"[\r\n\t,;]", raw)]


def assert_inert(raw: str) -> None:
    for piece in fragments(raw):
        assert not piece.startswith(tuple(TRIGGERS)), (piece, raw)


def test_a_cr_in_a_file_name_cannot_start_a_formula(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    name = "report\r=2+5+cmd|' \\C calc'!A0\r.txt"
    (share / name).write_text('Password: Zq7-Csv-Inj-9!\nnote;=HYPERLINK("http://x")\n')
    (share / "b;=1+1.txt").write_text("Password: Zq7-Semi-Inj-8!\n")
    env = {**os.environ, "CREDSCAN_NO_KEYRING": "1", "CREDSCAN_STATE_DIR": str(tmp_path / "st")}
    done = subprocess.run(
        [sys.executable, "-m", "credscan", "scan", str(share), "--format", "csv", "--jobs", "1"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert "\r" not in done.stdout and "\x1b" not in done.stdout
    assert_inert(done.stdout)
    rows = list(csv.reader(io.StringIO(done.stdout)))
    assert all(len(row) == len(rows[0]) for row in rows) and len(rows) == 3
    assert done.stdout.count('"') >= 2 * len(rows[0]) * len(rows)


@settings(max_examples=300, derandomize=True)
@given(st.text(alphabet=st.sampled_from(list("=+-@\t\r\n,; ab'\"\x1b\u202e")), max_size=30))
def test_no_cell_or_fragment_starts_a_formula(text: str) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n").writerow([neutralise(text), "x"])
    assert_inert(buffer.getvalue())
    assert "\x1b" not in buffer.getvalue() and "\u202e" not in buffer.getvalue()
