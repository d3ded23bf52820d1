"""The progress line: throttled, erased at the end, silent when not on a terminal."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
import time
from pathlib import Path

import pytest

from credscan.model import ScanStats
from credscan.progress import Progress, human_bytes


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
