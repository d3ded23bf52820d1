"""A file over its time budget: its findings up to there are reported, with an error naming the budget."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from credscan.filescan import FileScanner
from credscan.limits import Limits
from credscan.model import FileRef, ScanOptions
from credscan.scan import SOFT_BUDGET_SHARE, Scanner
from tests.support.formatbuilders import make_tar, scan_findings
from tests.support.hostile_traps import trap_env

OPTIONS = ScanOptions(jobs=0, fingerprint_key=b"k" * 32, limits=Limits(archives=True, file_timeout_s=120))
CHUNK = 2 * 1024 * 1024
"""The text extractor's unit: a larger text is read in pieces of this size."""


def _text_in_pieces() -> bytes:
    """Two units of text: a password in each."""
    filler = b"nothing to see here\n" * (CHUNK // 10)
    return b"Password: First!Secret-1x\n" + filler + b"Password: Never!Read-9x\n"


def _scan(path: Path, budget: float | None) -> tuple[list[str], str | None, list[str]]:
    scanner = FileScanner(OPTIONS, time_budget_s=budget)
    result = scanner.scan(FileRef(path=str(path), size=path.stat().st_size, mtime=0.0))
    issues = [f"{issue.path}: {getattr(issue, 'error', '')}" for issue in result.member_issues]
    return [f.path for f in result.findings], None if result.error is None else result.error.error, issues


def test_findings_before_the_budget_are_reported_with_an_error_naming_it(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_bytes(_text_in_pieces())
    paths, error, _ = _scan(log, budget=0.0)  # spent after the first unit
    assert paths == [str(log)]  # the first password; the last one was never read
    assert error == (
        "stopped at its time budget (120s, file_timeout_s): findings up to here are reported, "
        "the rest was not read"
    )
    paths, error, _ = _scan(log, budget=None)  # no budget (--jobs 0): the whole file
    assert paths == [str(log)] * 2 and error is None


def test_an_archive_stops_as_a_whole_and_reports_its_members_findings_so_far(tmp_path: Path) -> None:
    archive = make_tar(
        tmp_path / "logs.tar.gz",
        {"a.log": b"Password: First!Secret-1x\n", "b.log": b"Password: Never!Read-9x\n"},
        "w:gz",
    )
    paths, error, issues = _scan(archive, budget=0.0)
    assert paths == [f"{archive}!a.log"]
    assert error is not None and "file_timeout_s" in error
    assert issues == []  # reported once, at the file's own path, not again for the member it stopped in


def test_worker_reports_findings_and_the_budget_before_the_parent_stops_it(tmp_path: Path) -> None:
    """In a worker the budget is a little under file_timeout_s, so a file whose units keep coming (one line
    every 0.1 s) is stopped by the worker itself with its findings, not killed without them."""
    share = tmp_path / "share"
    share.mkdir()
    lines = ["Password: First!Secret-1x", *(f"line {n}" for n in range(200)), "Password: Never!Read-9x"]
    (share / "drip-app.log").write_text("\n".join(lines) + "\n")
    (share / "good.txt").write_text("Password: Good!Secret-2x\n")
    script = (
        "import json, sys\n"
        "from credscan.limits import Limits\n"
        "from credscan.model import ScanOptions\n"
        "from credscan.scan import run_scan\n"
        "options = ScanOptions(jobs=1, fingerprint_key=b'k' * 32, limits=Limits(file_timeout_s=4.0))\n"
        "result = run_scan([sys.argv[1]], options)\n"
        "print(json.dumps({'findings': [[f.path, f.location] for f in result.findings],"
        " 'stats': result.stats.to_dict()}))\n"
    )
    env = {**trap_env(tmp_path / "hook", sleep_s=0.1), "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", script, str(share)], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    found = sorted((Path(path).name, location.get("line")) for path, location in report["findings"])
    assert found == [("drip-app.log", 1), ("good.txt", 1)]
    errors = {Path(e["path"]).name: e["error"] for e in report["stats"]["errors"]}
    assert errors == {
        "drip-app.log": "stopped at its time budget (4s, file_timeout_s): findings up to here are reported, "
        "the rest was not read"
    }


def test_workers_budget_is_under_the_hard_stop_and_in_process_scans_have_none() -> None:
    assert 0.5 < SOFT_BUDGET_SHARE < 1
    with Scanner(OPTIONS) as scanner:
        assert scanner._scanner().time_budget_s is None


def test_a_file_read_up_to_a_cap_counts_as_scanned_and_a_broken_one_does_not(tmp_path: Path) -> None:
    """A file over its budget or a size cap was scanned in part: it counts among the files scanned (no
    "nothing was scanned" warning beside its findings) and its error says the rest was not read. A corrupt
    file, read not at all, is no scanned file."""
    share = tmp_path / "share"
    share.mkdir()
    rows = "site,user,password\nfw01,admin,Xk9#mq2v-1\n" + "".join(f"host{n},svc{n},\n" for n in range(9_000))
    (share / "logins.csv").write_text(rows)
    limits = Limits(max_text_bytes=50_000)
    findings, stats = scan_findings(share, limits=limits)
    assert [f.secret for f in findings] == ["Xk9#mq2v-1"]
    assert stats.files_scanned == 1  # type: ignore[attr-defined]
    assert [e.error for e in stats.errors] == [  # type: ignore[attr-defined]
        "CSV over max_text_bytes (50000); the rest was not scanned"
    ]
    (share / "logins.csv").unlink()
    (share / "broken.xlsx").write_bytes(b"PK\x03\x04" + b"\0" * 200)
    findings, stats = scan_findings(share, limits=limits)
    assert not findings and stats.files_scanned == 0 and stats.errors  # type: ignore[attr-defined]
