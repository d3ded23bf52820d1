"""Copies of one file are detected once per worker and reported at every path (credscan.filescan: _seen).

Debian ships one compressed changelog in each binary package of a source package (gnupg's in ten), shares
hold backups of backups: with archives read (the default), detecting each copy again was a large part of a
scan's time. Cost: in-process scans of a few small files, well under a second.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from credscan.filescan import FileScanner
from credscan.limits import Limits
from tests.support.formatbuilders import make_tar, scan_findings


@pytest.fixture()
def detections(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths the pipeline really read and detected (not those given from a copy)."""
    seen: list[str] = []
    original = FileScanner._scan_stream

    def spy(self: FileScanner, stream, path, name, size, depth, located, issues):  # type: ignore[no-untyped-def]
        if depth == 0:
            seen.append(path)
        return original(self, stream, path, name, size, depth, located, issues)

    monkeypatch.setattr(FileScanner, "_scan_stream", spy)
    return seen


def test_copies_are_detected_once_and_reported_at_each_path(tmp_path: Path, detections: list[str]) -> None:
    share = tmp_path / "share"
    for folder in ("gpg", "gpgsm", "dirmngr"):
        (share / folder).mkdir(parents=True)
    backup = make_tar(share / "gpg" / "backup.tgz", {"etc/app.env": b"DB_PASSWORD=Tgz!Pw-9911\n"}, "w:gz")
    shutil.copy(backup, share / "gpgsm" / "backup.tgz")
    shutil.copy(backup, share / "dirmngr" / "backup.tgz")
    findings, stats = scan_findings(share, limits=Limits(archives=True))
    paths = sorted(f.path for f in findings)
    assert paths == [
        str(share / folder / "backup.tgz") + "!etc/app.env" for folder in ("dirmngr", "gpg", "gpgsm")
    ]
    assert {f.secret for f in findings} == {"Tgz!Pw-9911"}
    assert len({f.id for f in findings}) == 3  # three exposures, three findings
    assert len(detections) == 1
    assert stats.files_scanned == 3  # type: ignore[attr-defined]


def test_a_copy_under_another_name_or_content_is_read_again(tmp_path: Path, detections: list[str]) -> None:
    """The name decides the syntax (a .py is code, a .txt prose): only the same name and content is a copy."""
    share = tmp_path / "share"
    share.mkdir()
    body = b"password: Harbour#2291\n"
    (share / "a.txt").write_bytes(body)
    (share / "b.txt").write_bytes(body.replace(b"2291", b"2292"))
    (share / "c.log").write_bytes(body)
    findings, _ = scan_findings(share)
    assert sorted(Path(f.path).name for f in findings) == ["a.txt", "b.txt", "c.log"]
    assert len(detections) == 3


def test_a_copy_in_a_test_folder_is_judged_as_test_code(tmp_path: Path, detections: list[str]) -> None:
    """Literals in a test folder's code are fixtures: the copy there is detected again, not given the
    result of the copy outside it."""
    share = tmp_path / "share"
    (share / "app").mkdir(parents=True)
    (share / "tests").mkdir()
    code = b'DB_PASSWORD = "Harbour#2291x"\n'
    (share / "app" / "settings.py").write_bytes(code)
    (share / "tests" / "settings.py").write_bytes(code)
    scan_findings(share)
    assert len(detections) == 2


def test_skipped_members_of_a_copy_are_listed_at_the_copy(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    members = {"notes.txt": b"Password: Tar!Pw-7731\n", "big.log": b"x" * 50_000}
    make_tar(share / "one.tgz", members, "w:gz")
    shutil.copy(share / "one.tgz", share / "two.tgz")
    findings, stats = scan_findings(share, limits=Limits(archives=True, max_file_size=10_000))
    assert sorted(Path(f.path).name for f in findings) == ["one.tgz!notes.txt", "two.tgz!notes.txt"]
    skipped = sorted(Path(s.path).name for s in stats.skipped)  # type: ignore[attr-defined]
    assert skipped == ["one.tgz!big.log", "two.tgz!big.log"]
