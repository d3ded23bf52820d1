"""A pool of worker processes where one stuck or crashed task costs one worker, not the scan.

concurrent.futures cannot abandon a single task: a PDF that makes a parser spin forever would hold a
worker until the end of the scan. Here every worker runs one task at a time over its own pipe, so the
parent knows what each worker is doing and since when; past the deadline it kills that worker, reports
the task as failed and starts a fresh worker. In-flight work is bounded by the number of workers, so
memory stays flat however many items the (lazy) input yields.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import multiprocessing.connection
import os
import re
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.context import ForkServerContext, SpawnContext
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

from credscan.errors import UserError

READY = "ready"
"""First message of a worker: set-up (rule compilation) is done, so set-up time never counts against the
first file's deadline."""
STARTUP_TIMEOUT_S = 120.0

_NO_ITEM: Any = object()

T = TypeVar("T")
R = TypeVar("R")


def _context(preload: Sequence[str]) -> ForkServerContext | SpawnContext:
    """forkserver where it exists (the agent has threads: plain fork could copy a held lock), else spawn."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        # The default preload is __main__, which for `python -m credscan` would run the CLI again.
        ctx.set_forkserver_preload(list(preload))
        return ctx
    return multiprocessing.get_context("spawn")


def _worker_main(conn: Connection, setup: Callable[[Any], Callable[[Any], Any]], setup_arg: Any) -> None:
    """Worker loop: build the task function once (rules compiled once), then answer one item at a time.

    Items the parent has sent ahead are taken off the pipe as they arrive; a task with a ``prefetch``
    method is shown them before each item (an SMB source sends their read requests while it scans this
    one). They are still answered one at a time, in order.

    A worker's stderr goes to /dev/null at the file-descriptor level: every failure travels back as an
    answer, so nothing a worker could print has an audience, and native code (a Rust panic message from
    calamine, a C library's warning quoting a document) or a traceback after the parent was killed must
    not reach the user's terminal or the service's journal."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop; no traceback spam
    _silence_stderr()
    try:
        task = setup(setup_arg)
        conn.send(READY)
    except Exception:  # e.g. a bad rule: the parent, loading the same rules, says why in one line
        return
    prefetch: Callable[[list[Any]], None] | None = getattr(task, "prefetch", None)
    ahead: deque[Any] = deque()
    while True:
        try:
            item = ahead.popleft() if ahead else conn.recv()
            while prefetch is not None and (not ahead or ahead[-1] is not None) and conn.poll():
                ahead.append(conn.recv())
        except (EOFError, OSError):  # the parent is gone
            return
        if item is None:
            return
        try:
            if prefetch is not None and ahead:
                prefetch([upcoming for upcoming in ahead if upcoming is not None])
        except Exception:  # reading ahead only saves time; the item itself reports what went wrong
            pass
        try:
            answer = (True, task(item))
        except (KeyboardInterrupt, SystemExit):
            return
        except BaseException as exc:  # a task must not raise; if it does (a Rust panic is a
            answer = (False, type(exc).__name__)  # BaseException), the parent reports the type only
        try:
            conn.send(answer)
        except (OSError, EOFError):  # the parent is gone (killed, terminated): nobody to answer, no traceback
            return
        except Exception as exc:  # an answer that cannot be pickled; a gone parent shows at the next recv
            with contextlib.suppress(OSError, EOFError):
                conn.send((False, type(exc).__name__))


SECRET_NAME = re.compile(r"PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL|(?:^|_)KEY(?:$|_)|APIKEY", re.IGNORECASE)
"""Environment variables a worker does not get: it is the process that parses hostile input, and what it
needs travels in its options (the fingerprint key, the SMB password resolved by the parent:
credscan.scan.with_source_secrets)."""


@contextlib.contextmanager
def _without_secrets() -> Iterator[None]:
    """os.environ minus secret-looking variables (CREDSCAN_SMB_PASSWORD, CREDSCAN_FINGERPRINT_KEY, a
    forwarder's env: token…) while a worker process is started; restored right after."""
    removed = {name: value for name, value in os.environ.items() if SECRET_NAME.search(name)}
    for name in removed:
        del os.environ[name]
    try:
        yield
    finally:
        os.environ.update(removed)


def _silence_stderr() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        return
    os.dup2(devnull, 2)
    os.close(devnull)


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    queue: deque[Any] = field(default_factory=deque)
    """Items sent and not yet answered, in order: the worker is busy with the first one."""
    started: float = 0.0
    """When the first queued item started: when it was sent, or when the answer before it arrived."""
    ready: bool = False


class WorkerPool(Generic[T, R]):
    """Runs ``setup(setup_arg)(item)`` for each item in ``jobs`` processes; results in completion order.

    Each worker gets up to ``QUEUE_DEPTH`` items ahead, so it never waits for the parent between two
    small files; the deadline still applies to one item at a time, because a worker answers its items
    in order and the next one starts when the previous answer arrives. ``on_failure(item, reason)``
    turns a timeout, a crash or a raised exception into a result: one result per item, always.
    """

    QUEUE_DEPTH = 2
    """Items sent to a worker ahead by default: the one it works on and the next, so it never waits for the
    parent, and at the end of a scan at most one file waits behind a slow one while another worker idles.
    An SMB scan sends more (``queue_depth``): the worker reads them ahead (credscan.sources.smbreads)."""

    def __init__(
        self,
        jobs: int,
        setup: Callable[[Any], Callable[[T], R]],
        setup_arg: Any,
        on_failure: Callable[[T, str], R],
        timeout_s: float,
        preload: Sequence[str] = (),
        queue_depth: int = QUEUE_DEPTH,
    ) -> None:
        """``preload``: modules the forkserver imports once, so that new workers start warm.
        ``queue_depth``: items sent to a worker ahead (see QUEUE_DEPTH)."""
        self._ctx = _context(preload)
        self._setup = setup
        self._setup_arg = setup_arg
        self._on_failure = on_failure
        self._timeout_s = timeout_s
        self._queue_depth = max(1, queue_depth)
        self._retry: deque[T] = deque()
        """Items that were queued behind a killed worker's current item: sent again before new ones."""
        self._jobs = max(1, jobs)
        self._workers: list[_Worker] = []
        """Started by start() or with the first item, so a pool that gets no item (an incremental rescan of
        an unchanged tree) starts no process."""

    def start(self) -> None:
        """Start the workers now (the agent does, so the first watched file does not wait for them)."""
        if not self._workers:
            self._workers = [self._start() for _ in range(self._jobs)]

    def _start(self) -> _Worker:
        parent_end, child_end = self._ctx.Pipe()
        process = self._ctx.Process(
            target=_worker_main, args=(child_end, self._setup, self._setup_arg), daemon=True
        )
        with _without_secrets():  # the forkserver (or a spawned worker) starts here, with this environment
            process.start()
        child_end.close()
        return _Worker(process, parent_end)

    def _replace(self, worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5)
        worker.conn.close()
        self._workers[self._workers.index(worker)] = self._start()

    def map(self, items: Iterable[T]) -> Iterator[R]:
        pending = iter(items)
        first = next(pending, _NO_ITEM)
        if first is _NO_ITEM:
            return
        pending = itertools.chain([first], pending)
        self.start()
        while True:
            for index in range(len(self._workers)):
                self._fill(index, pending)
            busy = [w for w in self._workers if w.queue]
            if not busy:
                return
            deadline = min(w.started for w in busy) + self._timeout_s
            waitables: list[Any] = [w.conn for w in busy] + [w.process.sentinel for w in busy]
            ready = set(
                multiprocessing.connection.wait(waitables, timeout=max(0.0, deadline - time.monotonic()))
            )
            for worker in busy:
                yield from self._collect(worker, ready)

    def _fill(self, index: int, pending: Iterator[T]) -> None:
        """Queue items on worker ``index`` up to its queue depth (re-sent items first)."""
        worker = self._workers[index]
        while len(worker.queue) < self._queue_depth:
            item = self._retry.popleft() if self._retry else next(pending, _NO_ITEM)
            if item is _NO_ITEM:
                return
            if not self._send(index, item):
                if worker.queue:  # died with work queued: _collect reports the crash, the item waits
                    self._retry.appendleft(item)
                    return
                self._replace(worker)  # died while idle (OOM killer…): a fresh worker takes the item
                worker = self._workers[index]
                if not self._send(index, item):
                    raise UserError("worker processes cannot be started (see the system log)")
            if not worker.queue:
                worker.started = time.monotonic()
            worker.queue.append(item)

    def _send(self, index: int, item: T) -> bool:
        """Wait for the worker's set-up to finish (first use only), then hand it the item."""
        worker = self._workers[index]
        try:
            if not worker.ready:
                if not worker.conn.poll(STARTUP_TIMEOUT_S) or worker.conn.recv() != READY:
                    return False
                worker.ready = True
            worker.conn.send(item)
        except (OSError, EOFError):
            return False
        return True

    def _collect(self, worker: _Worker, ready: set[Any]) -> Iterator[R]:
        """Every answer this worker has ready; then its crash or its timeout, if any."""
        if worker.conn in ready:
            while worker.queue and worker.conn.poll():
                try:
                    ok, payload = worker.conn.recv()
                except (EOFError, OSError):
                    yield self._fail(worker, self._exit_reason(worker))
                    return
                item = worker.queue.popleft()
                worker.started = time.monotonic()
                yield payload if ok else self._on_failure(item, f"internal error ({payload})")
        if not worker.queue:
            return
        if worker.process.sentinel in ready and not worker.process.is_alive():
            yield self._fail(worker, self._exit_reason(worker))
        elif time.monotonic() - worker.started >= self._timeout_s:
            yield self._fail(worker, f"timed out after {self._timeout_s:g}s")

    def _exit_reason(self, worker: _Worker) -> str:
        worker.process.join(1)
        code = worker.process.exitcode
        if code is not None and code < 0:
            try:
                return f"worker crashed ({signal.Signals(-code).name})"
            except ValueError:
                pass
        return f"worker crashed (exit code {code})"

    def _fail(self, worker: _Worker, reason: str) -> R:
        """Replace the worker: its current item fails with ``reason``; the items queued behind it are
        re-sent to whichever worker has room next."""
        current, *behind = worker.queue
        self._replace(worker)
        self._retry.extendleft(reversed(behind))
        return self._on_failure(current, reason)

    def close(self, abort: bool = False) -> None:
        """Stop the workers: politely (finish, exit) or, on abort (Ctrl-C, an error), at once."""
        for worker in self._workers:
            if abort:
                worker.process.kill()
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        deadline = time.monotonic() + 5
        for worker in self._workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(1)
            worker.conn.close()
