"""Hold changed paths until they stop changing, then hand each one on exactly once.

A file server sees files grow for minutes (a large copy, an Outlook PST being written). Scanning on
the first event would read a half-written file and do the work again on every later event, so every
path waits until neither a new event arrived nor its size and mtime moved for ``settle_seconds``.
Events for the same path coalesce into one pending entry; memory is bounded by ``max_pending``
(past it the settler gives up on single paths and asks for a walk instead).
"""

from __future__ import annotations

import heapq
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from credscan.pathnames import os_path

LOG = logging.getLogger(__name__)

Signature = tuple[int, int] | None
"""(size, mtime_ns) of a path, None when it cannot be stat'ed."""


def signature(path: str) -> Signature:
    try:
        st = os.stat(os_path(path), follow_symlinks=False)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


@dataclass(slots=True)
class _Pending:
    deadline: float
    signature: Signature
    generation: int


class Settler:
    """Coalesces file events per path and calls ``on_ready(path)`` once the path has settled.

    ``touch`` is called from the watchdog thread and never blocks on disk beyond one stat;
    ``on_ready`` runs on the settler's own thread.
    """

    def __init__(
        self,
        settle_seconds: float,
        on_ready: Callable[[str], None],
        *,
        on_overflow: Callable[[], None] | None = None,
        max_pending: int = 100_000,
        clock: Callable[[], float] = time.monotonic,
        signature: Callable[[str], Signature] = signature,
    ) -> None:
        self._settle = max(0.0, settle_seconds)
        self._on_ready = on_ready
        self._on_overflow = on_overflow
        self._max_pending = max_pending
        self._clock = clock
        self._signature = signature
        """(size, mtime_ns) of a path: os.stat locally, a stat round trip for smb:// paths."""
        self._cond = threading.Condition()
        self._pending: dict[str, _Pending] = {}
        self._heap: list[tuple[float, int, str]] = []
        self._generation = 0
        self._overflowed = False
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="credscan-settle", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def pending(self) -> int:
        with self._cond:
            return len(self._pending)

    def touch(self, path: str) -> None:
        """A create/modify/close/move-to event for path: (re)start its quiet period."""
        sig = self._signature(path)
        with self._cond:
            if path not in self._pending and len(self._pending) >= self._max_pending:
                overflow = not self._overflowed
                self._overflowed = True
            else:
                overflow = False
                self._arm(path, sig)
        if overflow and self._on_overflow is not None:
            LOG.warning("more than %d paths changing at once: leaving them to a walk", self._max_pending)
            self._on_overflow()

    def forget(self, path: str) -> None:
        """The path was deleted or moved away: nothing to scan there any more."""
        with self._cond:
            self._pending.pop(path, None)

    def forget_tree(self, folder: str) -> None:
        separator = "/" if "://" in folder else os.sep
        prefix = folder.rstrip(separator) + separator
        with self._cond:
            for path in [p for p in self._pending if p.startswith(prefix)]:
                del self._pending[path]

    def _arm(self, path: str, sig: Signature) -> None:
        self._generation += 1
        deadline = self._clock() + self._settle
        self._pending[path] = _Pending(deadline, sig, self._generation)
        heapq.heappush(self._heap, (deadline, self._generation, path))
        self._cond.notify_all()

    def _due(self) -> list[tuple[str, _Pending]]:
        """Wait for the earliest deadline; return the entries that reached it (stale heap rows dropped)."""
        with self._cond:
            while not self._stopping:
                now = self._clock()
                due: list[tuple[str, _Pending]] = []
                while self._heap and self._heap[0][0] <= now:
                    _, generation, path = heapq.heappop(self._heap)
                    entry = self._pending.get(path)
                    if entry is not None and entry.generation == generation:
                        due.append((path, entry))
                if due:
                    return due
                if not self._pending:
                    self._heap.clear()
                    self._overflowed = False
                timeout = self._heap[0][0] - now if self._heap else None
                self._cond.wait(timeout)
            return []

    def _run(self) -> None:
        while True:
            due = self._due()
            if not due:
                return
            for path, entry in due:
                current = self._signature(path)
                with self._cond:
                    if self._pending.get(path) is not entry:
                        continue  # touched or forgotten meanwhile
                    if current is None:
                        del self._pending[path]  # vanished; its delete event does the bookkeeping
                        continue
                    if current != entry.signature:
                        self._arm(path, current)  # still being written
                        continue
                    del self._pending[path]
                try:
                    self._on_ready(path)
                except Exception:  # one bad hand-over must not stop watching
                    LOG.exception("settled path could not be queued")
