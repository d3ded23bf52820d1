"""Workers show a task the items sent ahead of the current one (credscan.workers: the SMB read-ahead's
hook): in order, never the current item, and a prefetch that fails costs nothing. ~3 s."""

from __future__ import annotations

import time

import pytest

from credscan.workers import WorkerPool


class _Recording:
    """Answers each item with what prefetch() had been shown just before it."""

    def __init__(self) -> None:
        self.shown: list[str] = []

    def prefetch(self, upcoming: list[str]) -> None:
        if "boom" in upcoming:
            raise RuntimeError("a read-ahead that fails")
        self.shown = list(upcoming)

    def __call__(self, item: str) -> tuple[str, list[str]]:
        time.sleep(0.02)  # the parent has sent the next items meanwhile
        shown, self.shown = self.shown, []
        return item, shown


def _setup(_: object) -> _Recording:
    return _Recording()


def _failed(item: str, reason: str) -> tuple[str, list[str]]:
    return f"failed {item}: {reason}", []


@pytest.mark.timeout(60)
def test_tasks_are_shown_the_items_queued_behind_the_current_one() -> None:
    items = [f"f{n:02d}" for n in range(30)] + ["boom"] + [f"g{n:02d}" for n in range(10)]
    pool: WorkerPool[str, tuple[str, list[str]]] = WorkerPool(1, _setup, None, _failed, 30.0, queue_depth=4)
    try:
        results = list(pool.map(iter(items)))
    finally:
        pool.close()
    assert [item for item, _ in results] == items  # one worker: answered in order, the failing hook harmless
    for position, (item, shown) in enumerate(results):
        assert item not in shown
        assert shown == items[position + 1 : position + 1 + len(shown)]  # the next ones, in order
        assert len(shown) <= 3  # queue depth 4: the current item and three more
    assert any(len(shown) == 3 for _, shown in results)  # the hook did see items ahead
