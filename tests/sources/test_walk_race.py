"""A folder exchanged for a symlink to outside the root mid-scan (renameat2 RENAME_EXCHANGE, a real racing
thread) never makes the scanner read outside its root (issue 14, item 6): every folder is listed and every
file opened through directory descriptors with O_NOFOLLOW on each component. Costs ~5 s."""

from __future__ import annotations

import ctypes
import os
import threading
import time
from pathlib import Path

import pytest

from credscan.model import ScanOptions
from credscan.scan import run_scan
from credscan.sources.local import open_regular_file

AT_FDCWD = -100
RENAME_EXCHANGE = 2
INSIDE = "Inside-Pw-9x!"
OUTSIDE = "Outside-Pw-7z!"
FILES = 150
RACE_SECONDS = 4.0

_libc = ctypes.CDLL(None, use_errno=True)
_renameat2 = getattr(_libc, "renameat2", None)
pytestmark = pytest.mark.skipif(_renameat2 is None, reason="needs renameat2 (glibc 2.28+, Linux)")


def exchange(a: Path, b: Path) -> None:
    assert _renameat2 is not None
    if _renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) != 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err))


def build(tmp_path: Path) -> tuple[Path, Path, Path]:
    root, outside = tmp_path / "root", tmp_path / "outside"
    for folder, secret in ((root / "docs" / "sub", INSIDE), (outside / "sub", OUTSIDE)):
        folder.mkdir(parents=True)
        for n in range(FILES):
            (folder / f"f{n}.txt").write_text(f"Password: {secret}{n}\n")
    link = root / "link"
    link.symlink_to(outside)
    return root, root / "docs", link


def racing(a: Path, b: Path, stop: threading.Event) -> threading.Thread:
    def swap() -> None:
        deadline = time.monotonic() + RACE_SECONDS * 3
        while not stop.is_set() and time.monotonic() < deadline:
            exchange(a, b)

    thread = threading.Thread(target=swap, daemon=True)
    thread.start()
    return thread


def test_folder_swapped_for_a_symlink_mid_scan_never_leads_outside(tmp_path: Path) -> None:
    root, docs, link = build(tmp_path)
    stop = threading.Event()
    thread = racing(docs, link, stop)
    read: list[str] = []
    try:
        deadline = time.monotonic() + RACE_SECONDS
        while time.monotonic() < deadline:
            result = run_scan([str(root)], ScanOptions(jobs=1, show_secrets=True, fingerprint_key=b"k" * 32))
            read += [f.secret or "" for f in result.findings]
    finally:
        stop.set()
        thread.join(10)
    assert read, "the scans found nothing at all: the test proves nothing"
    assert not [s for s in read if s.startswith(OUTSIDE)], "read a file outside the root"


def test_open_refuses_a_symlinked_folder_between_walk_and_read(tmp_path: Path) -> None:
    root, docs, link = build(tmp_path)
    path = str(docs / "sub" / "f1.txt")
    with open_regular_file(path, root=str(root)) as stream:
        assert INSIDE.encode() in stream.read()
    exchange(docs, link)  # docs is now the symlink to outside/
    with pytest.raises(OSError):
        open_regular_file(path, root=str(root))
    with open(path, "rb") as plain:  # what a path-based open would have read
        assert OUTSIDE.encode() in plain.read()
