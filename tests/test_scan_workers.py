"""The worker pool: one result per item, a stuck task is killed at its deadline, a crash costs one item."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterator

import pytest

from credscan.workers import WorkerPool


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
