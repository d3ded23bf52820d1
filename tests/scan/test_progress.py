"""The progress line: throttled, erased at the end, silent when not on a terminal."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from credscan.model import FileRef, ScanStats, Skipped
from credscan.progress import Progress, human_bytes, human_duration


def test_throttled_and_erased() -> None:
    stream = io.StringIO()
    progress = Progress(stream)
    stats = ScanStats(files_scanned=3, bytes_scanned=2048, findings=1)
    for _ in range(100):
        progress.update(stats)
    assert stream.getvalue().count("\r") == 1  # 100 updates within 0.2 s: one draw
    assert "3 files, 2.0 KB, 1 findings" in stream.getvalue()
    time.sleep(0.25)
    progress.update(ScanStats(files_scanned=4))
    assert stream.getvalue().count("\r") == 2
    progress.close()
    assert stream.getvalue().endswith("\r")
    last_line = stream.getvalue().rsplit("\r", 2)[-2]
    assert last_line.strip() == ""


def test_no_progress_flag_means_no_progress() -> None:
    assert Progress.for_terminal(enabled=False) is None


@pytest.mark.parametrize(
    ("count", "text"), [(0, "0 B"), (1023, "1023 B"), (1536, "1.5 KB"), (5 * 1024**3, "5.0 GB")]
)
def test_human_bytes(count: int, text: str) -> None:
    assert human_bytes(count) == text


@pytest.mark.timeout(120)
@pytest.mark.parametrize("flag", [[], ["--no-progress"]])
def test_progress_on_a_terminal_stderr_only(flag: list[str], tmp_path: Path) -> None:
    """stderr on a real pseudo-terminal: the progress line appears there, unless --no-progress."""
    for index in range(3):
        (tmp_path / f"f{index}.txt").write_text("nothing\n")
    controller, terminal = pty.openpty()
    env = {**os.environ, "CREDSCAN_STATE_DIR": str(tmp_path / "state"), "CREDSCAN_NO_KEYRING": "1"}
    env["PYTHONWARNINGS"] = "ignore"
    done = subprocess.run(
        [sys.executable, "-m", "credscan", "scan", str(tmp_path), "--jobs", "1", "--format", "json", *flag],
        stdout=subprocess.PIPE,
        stderr=terminal,
        env=env,
        timeout=100,
    )
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    stderr = b"".join(chunks).decode()
    assert done.returncode == 0
    assert b"files/s" not in done.stdout
    assert ("files/s" in stderr) is (not flag)


def _wait_counted(progress: Progress) -> None:
    deadline = time.monotonic() + 10
    while progress.counter is not None and not progress.counter.finished and time.monotonic() < deadline:
        time.sleep(0.01)


def test_line_shows_total_percentage_eta_and_the_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    refs = [FileRef(path=f"clients/acme/docs/f{i}.txt", size=1000, mtime=0.0) for i in range(10)]
    progress = Progress(io.StringIO(), width=200)
    progress.count(iter([*refs, Skipped("clients/acme/big.iso", "too large")]))
    _wait_counted(progress)
    monkeypatch.setattr(progress, "started", time.monotonic() - 10.0)  # 10 s in, 4 of 10 files done
    for ref in refs[:4]:
        progress.update(ScanStats(files_scanned=4, bytes_scanned=4000, findings=2), ref)
    line = progress.line(ScanStats(files_scanned=4, bytes_scanned=4000, findings=2))
    assert line.startswith("4 of 10 files (40%), 3.9 KB of 9.8 KB, 2 findings, 0 files/s, ETA 15s")
    assert line.endswith("  clients/acme/docs")


def test_line_while_counting_and_without_a_counter() -> None:
    progress = Progress(io.StringIO(), width=200)
    assert progress.line(ScanStats(files_scanned=3)).startswith("3 files, 0 B, 0 findings")
    blocked = threading.Event()

    def slow_walk() -> Iterator[FileRef]:
        yield FileRef(path="a/x", size=10, mtime=0.0)
        blocked.wait(5)

    progress.count(slow_walk())
    time.sleep(0.1)
    assert progress.line(ScanStats(files_scanned=3)).startswith("3 of 3+ files (counting), ")
    blocked.set()
    progress.close()


def test_folder_is_shortened_from_the_left_and_made_printable() -> None:
    stream = io.StringIO()
    progress = Progress(stream, width=80)
    folder = "srv/shares/" + "deep/" * 30 + "evil\x1b[2J"
    progress.update(ScanStats(files_scanned=1), FileRef(path=folder + "/f.txt", size=1, mtime=0.0))
    drawn = stream.getvalue()
    assert "\x1b" not in drawn and "…" in drawn and len(drawn.strip("\r")) <= 80


@pytest.mark.parametrize(("seconds", "text"), [(5.2, "5s"), (161, "2m 41s"), (3900, "1h 05m")])
def test_human_duration(seconds: float, text: str) -> None:
    assert human_duration(seconds) == text
