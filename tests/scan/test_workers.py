"""The worker pool: one result per item, a stuck task is killed at its deadline, a crash costs one item."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from credscan.workers import WorkerPool
from tests.support.paths import REPO


def _setup(_: object) -> Callable[[str], str]:
    return _task


def _task(item: str) -> str:
    """Module-level so the forkserver workers can import it by reference."""
    if item == "hang":
        time.sleep(60)
    if item == "crash":
        os.kill(os.getpid(), signal.SIGKILL)
    if item == "raise":
        raise ValueError("content that must not leak: Sup3rS3cret4!")
    return f"done {item}"


def _failed(item: str, reason: str) -> str:
    return f"failed {item}: {reason}"


def run(items: list[str], jobs: int = 2, timeout_s: float = 30.0) -> list[str]:
    pool: WorkerPool[str, str] = WorkerPool(jobs, _setup, None, _failed, timeout_s)
    try:
        return list(pool.map(iter(items)))
    finally:
        pool.close()


@pytest.mark.timeout(60)
def test_every_item_gets_one_result() -> None:
    items = [str(n) for n in range(50)]
    assert sorted(run(items)) == sorted(f"done {n}" for n in items)


@pytest.mark.timeout(60)
def test_stuck_task_is_abandoned_and_the_rest_goes_on() -> None:
    """The items queued behind the stuck one on the same worker are re-sent, not lost."""
    started = time.monotonic()
    results = run(["a", "hang", "b", "c"], jobs=2, timeout_s=1.5)
    assert time.monotonic() - started < 20
    assert sorted(results) == ["done a", "done b", "done c", "failed hang: timed out after 1.5s"]


@pytest.mark.timeout(60)
def test_crashed_worker_is_replaced() -> None:
    results = run(["a", "crash", "b", "crash", "c"], jobs=2)
    assert sorted(results) == [
        "done a",
        "done b",
        "done c",
        "failed crash: worker crashed (SIGKILL)",
        "failed crash: worker crashed (SIGKILL)",
    ]


@pytest.mark.timeout(60)
def test_raised_exception_reports_only_its_type() -> None:
    assert run(["raise"]) == ["failed raise: internal error (ValueError)"]


@pytest.mark.timeout(60)
def test_input_is_consumed_lazily() -> None:
    """Bounded in-flight work: the pool pulls at most QUEUE_DEPTH items ahead per worker."""
    pulled: list[int] = []

    def items() -> Iterator[str]:
        for n in range(1000):
            pulled.append(n)
            yield str(n)

    pool: WorkerPool[str, str] = WorkerPool(2, _setup, None, _failed, 30.0)
    try:
        results = pool.map(items())
        first = [next(results) for _ in range(3)]
        assert len(first) == 3
        assert len(pulled) <= 3 + 2 * WorkerPool.QUEUE_DEPTH
    finally:
        pool.close()


def test_workers_of_a_terminated_scan_leave_no_traceback(tmp_path: Path) -> None:
    """SIGTERM to `credscan scan` (a benchmark, a service manager) ends it; its workers, answering into a
    closed pipe, exit quietly instead of printing a BrokenPipeError traceback each."""
    for index in range(400):
        (tmp_path / f"notes-{index}.txt").write_text("admin password: Gr8-Sunset!42\n" * 2000)
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "CREDSCAN_STATE_DIR": str(tmp_path),
    }
    scan = subprocess.Popen(
        [sys.executable, "-m", "credscan", "scan", str(tmp_path), "--jobs", "2", "--format", "json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    children = Path(f"/proc/{scan.pid}/task/{scan.pid}/children")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and scan.poll() is None and not children.read_text().split():
        time.sleep(0.05)
    time.sleep(1.0)  # the workers are scanning
    assert scan.poll() is None, "the scan ended before it could be terminated"
    scan.terminate()
    _, stderr = scan.communicate(timeout=30)
    time.sleep(1.0)  # orphaned workers notice the closed pipe
    assert b"Traceback" not in stderr, stderr.decode(errors="replace")[:2000]
