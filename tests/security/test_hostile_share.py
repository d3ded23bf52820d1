"""The judged scenario of issue 6: one share holding every hostile case beside a few good files.

`credscan scan` (a real subprocess, two workers) must finish in under 2 minutes with the process
tree's RSS under 600 MB, exit 1, find every good secret (also at the bottom of 300 folders and under
a name that is not UTF-8), list every hostile file under stats.skipped/errors with its reason,
resolve no external entity (a loopback listener must see no connection, /etc/passwd must not show
up) and print no traceback.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from benchmarks.proctree import run_measured
from credscan.pathnames import os_path
from tests.support.hostile_files import GOOD_SECRETS, NON_UTF8_SECRET, build_hostile_share
from tests.support.services import ConnectionRecorder

MAX_SECONDS = 120
MAX_RSS_MB = 600


@pytest.fixture
def recorder() -> Iterator[ConnectionRecorder]:
    listener = ConnectionRecorder()
    yield listener
    listener.close()


def scan_env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "CREDSCAN_NO_KEYRING": "1", "XDG_STATE_HOME": str(tmp_path / "xdg")}


def listed(stats: dict[str, Any]) -> dict[str, tuple[str, str]]:
    entries = {e["path"]: ("skipped", e["reason"]) for e in stats["skipped"]}
    entries.update({e["path"]: ("errors", e["error"]) for e in stats["errors"]})
    return entries


def test_hostile_share_is_bounded_complete_and_quiet(tmp_path: Path, recorder: ConnectionRecorder) -> None:
    share = tmp_path / "share"
    expect = build_hostile_share(share, recorder.url)
    measured = run_measured(
        [sys.executable, "-m", "credscan", "scan", str(share), "--format", "json", "--jobs", "2"],
        env=scan_env(tmp_path),
    )
    stderr = measured.stderr.decode(errors="replace")
    assert measured.returncode == 1, stderr
    assert "Traceback" not in stderr and stderr.strip() == ""
    assert measured.seconds < MAX_SECONDS
    assert measured.peak_rss_mb < MAX_RSS_MB

    report = json.loads(measured.stdout)
    found = {(f["path"], f["secret_hash"]) for f in report["findings"]}
    paths = {f["path"] for f in report["findings"]}
    for rel in GOOD_SECRETS:
        assert str(share / rel) in paths, rel
    # the non-UTF-8 name comes back byte for byte (its display form, credscan.pathnames)
    raw_names = {os_path(p) for p in paths}
    assert os.fsencode(str(share / "bad")) + b"/pass\xff\xfewords.txt" in raw_names
    assert len(found) >= len(GOOD_SECRETS) + 1

    entries = listed(report["stats"])
    for rel, expectation in expect.items():
        path = str(share / rel)
        hits = {p: v for p, v in entries.items() if p == path or p.startswith(path + "!")}
        assert hits, f"{rel} is not listed in stats"
        for where, reason in hits.values():
            if expectation.where != "either":
                assert where == expectation.where, (rel, where, reason)
            assert expectation.reason in reason.lower(), (rel, reason)
    for ext in ("xlsx", "docx", "pptx", "pdf", "xls", "msg", "ods"):
        assert entries[str(share / "bad" / f"empty.{ext}")] == ("skipped", "empty")
    assert entries[str(share / "bad" / "truncated.pdf")][0] == "errors"
    assert entries[str(share / "bad" / "laughs.docx")][0] == "errors"
    assert report["stats"]["files_scanned"] >= len(GOOD_SECRETS)

    # nothing was fetched, nothing from /etc/passwd was read into a finding or a message
    assert recorder.connections == []
    passwd_line = Path("/etc/passwd").read_text().splitlines()[0]
    assert passwd_line not in measured.stdout.decode(errors="replace")
    assert "root:x:0:0" not in measured.stdout.decode(errors="replace")
    # the hostile XML files yielded no finding, and no secret was printed
    assert not any(f["path"].startswith(str(share / "bad")) and "pass" not in f["path"]
                   for f in report["findings"])  # fmt: skip
    text = measured.stdout.decode(errors="replace")
    for secret in [*GOOD_SECRETS.values(), NON_UTF8_SECRET]:
        assert secret not in text
