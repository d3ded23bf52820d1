"""The agent's scan thread: the one place where files are scanned and the findings store is written.

Everything that changes the store goes through this thread's queue, in order: a file scanned and then
deleted ends resolved, never re-opened by a late result. Walks (full, incremental) are pulled lazily in
small chunks, and between chunks settled files from the watcher go first, so a file dropped into a
share during a nightly full walk is still reported within seconds. Memory stays bounded whatever the
share size: at most one chunk of FileRefs and ``jobs`` files in flight.
"""

from __future__ import annotations

import itertools
import logging
import os
import queue
import stat
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from credscan.central.events import deep_merge
from credscan.central.service import CentralLog
from credscan.errors import UserError
from credscan.model import FileRef, ScanOptions, ScanStats
from credscan.pathnames import display_path, os_path
from credscan.scan import Scanner, count_result, walk_roots
from credscan.sources import is_remote
from credscan.sources.interface import CONNECTION_LOST
from credscan.sources.local import ref_from_stat

if TYPE_CHECKING:
    from credscan.sources.smb import SmbSource

LOG = logging.getLogger(__name__)

RESUME_RETRY_S = 60.0
"""A full walk cut short by a lost share is resumed after this long (or as soon as its watch is back)."""
CHUNK_PER_JOB = 8
"""Files of a walk handed to the workers at once, per worker; watched files wait at most one chunk."""


@dataclass
class _Walk:
    kind: str
    scan_id: str
    refs: Iterator[FileRef]
    stats: ScanStats
    roots: list[str]
    started: float = field(default_factory=time.monotonic)


@dataclass
class _WatchScan:
    scan_id: str
    stats: ScanStats = field(default_factory=ScanStats)
    busy_s: float = 0.0
    """Time spent scanning watched files: the watch scan's duration (it stays open between batches)."""


class Engine:
    """Owns the Scanner (worker processes) and every store write of the long-running agent."""

    def __init__(self, central: CentralLog, options: ScanOptions, roots: Sequence[str]) -> None:
        self._central = central
        self._options = options
        self._roots = list(roots)
        self._queue: queue.Queue[tuple[Any, ...]] = queue.Queue()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._walk: _Walk | None = None
        self._wanted: str | None = None
        """A walk asked for while another one runs; at most one waits, a full one wins."""
        self._wanted_roots: set[str] | None = None
        """The roots the waiting walk covers; None for all of them."""
        self._interrupted: str | None = None
        """A full scan cut short (agent stopped, share lost): the next walk resumes it under its id."""
        self._retry: threading.Timer | None = None
        self._remote_sources: dict[str, SmbSource] = {}
        """One logged-on source per share for watched smb:// files (this thread only)."""
        self._watch: _WatchScan | None = None
        self._scanner: Scanner | None = None
        self._thread = threading.Thread(target=self._run, name="credscan-engine", daemon=True)
        self.failed: BaseException | None = None

    # -- called from other threads ------------------------------------------------------------------

    def start(self) -> None:
        self._scanner = Scanner(self._options)  # rules compiled and workers started before any event
        self._thread.start()

    def request_walk(self, kind: str, roots: Sequence[str] | None = None) -> None:
        """Walk every root (roots=None) or only some: a watch that may have missed changes below one
        root (a lost connection, a server's overflowed change queue) asks for an incremental walk of it."""
        self._queue.put(("walk", kind, None if roots is None else tuple(roots)))

    def resume_walk(self, scan_id: str) -> None:
        """Continue the interrupted full scan scan_id: files it already read are listed, not read again."""
        self._queue.put(("resume", scan_id))

    def scan_path(self, path: str) -> None:
        self._queue.put(("scan", path))

    def gone(self, path: str) -> None:
        self._queue.put(("gone", path))

    def moved(self, old_path: str, new_path: str) -> None:
        self._queue.put(("moved", old_path, new_path))

    def heartbeat(self, fields: dict[str, Any]) -> None:
        self._queue.put(("heartbeat", fields))

    def is_alive(self) -> bool:
        return self._thread.is_alive()

    def activity(self) -> dict[str, Any]:
        """For the heartbeat: what the engine is doing (read without stopping it)."""
        with self._lock:
            walk = self._walk
            return {
                "scanning": walk.kind if walk else None,
                "scan_files_done": walk.stats.files_scanned if walk else 0,
                "walk_waiting": self._wanted,
                "queued_events": self._queue.qsize(),
            }

    def stop(self, timeout: float = 10.0) -> None:
        """Abandon the current walk (its scan stays incomplete), finish the watch scan, stop workers."""
        self._stop.set()
        if self._retry is not None:
            self._retry.cancel()
        self._queue.put(("stop",))
        if self._thread.is_alive():
            self._thread.join(timeout)
        if self._thread.is_alive():
            # A worker is deep in one big file: abandon it. The workers are daemonic children and are
            # terminated when the agent process exits.
            LOG.warning("abandoning the file being scanned to stop in time")
        elif self._scanner is not None:
            self._scanner.close()  # never started, or already closed by the thread (idempotent)

    # -- the engine thread --------------------------------------------------------------------------

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                try:
                    self._step()
                except Exception as exc:  # one bad file or event must not end watching for good
                    self._recover(exc)
            self._finish_watch_scan()
            self._flush()
        except BaseException as exc:  # reported by the service, which then stops the agent
            LOG.exception("scan engine failed")
            self.failed = exc
        finally:
            if self._scanner is not None:
                self._scanner.close()
            for source in self._remote_sources.values():
                source.close()

    def _step(self) -> None:
        block = self._walk is None and self._wanted is None
        paths = self._drain(block)
        if self._stop.is_set():
            return
        if paths:
            self._scan_watched(paths)
        elif self._walk is not None:
            self._walk_chunk()
        elif self._wanted is not None:
            self._begin_walk()
        else:
            self._flush()

    def _recover(self, exc: Exception) -> None:
        """Log, and abandon a walk that was hit: completing it would let a full scan's sweep take the
        files it never reached for deleted ones."""
        LOG.exception("scan engine error")
        walk = self._walk
        with self._lock:
            self._walk = None
        message = f"internal error ({type(exc).__name__})"
        if walk is not None:
            message = f"{walk.kind} scan {walk.scan_id} abandoned after an {message}; it runs again when due"
        self._central.emit("agent.warning", {"message": message, "event": {"reason": "engine error"}})

    def _drain(self, block: bool) -> list[str]:
        """Apply queued commands in order; return the settled paths to scan (deduplicated, in order)."""
        paths: dict[str, None] = {}
        try:
            command = self._queue.get(timeout=60.0) if block else self._queue.get_nowait()
        except queue.Empty:
            return []
        while True:
            action = command[0]
            if action == "scan":
                paths[command[1]] = None
            else:
                if paths:
                    # A delete or move after a change: scan what changed first, so order is kept.
                    self._scan_watched(list(paths))
                    paths.clear()
                self._apply(command)
            if action == "stop":
                return []
            try:
                command = self._queue.get_nowait()
            except queue.Empty:
                return list(paths)

    def _apply(self, command: tuple[Any, ...]) -> None:
        action = command[0]
        if action == "gone":
            self._central.record_gone(command[1])
        elif action == "moved":
            self._central.record_moved(command[1], command[2])
        elif action == "walk":
            self._want_walk(command[1], command[2])
        elif action == "resume":
            # only the newest full scan, and only while it is still open (a newer one supersedes it)
            if self._central.interrupted_full_scan() == command[1]:
                self._interrupted = command[1]
                self._want_walk("full")
        elif action == "heartbeat":
            self._finish_watch_scan()
            self._central.emit("agent.heartbeat", deep_merge(command[1], self._heartbeat_fields()))
            self._flush()

    def _heartbeat_fields(self) -> dict[str, Any]:
        return {"credscan": {"engine": self.activity()}}

    def _want_walk(self, kind: str, roots: Sequence[str] | None = None) -> None:
        """Queue a walk unless the same work is already running or waiting (never two at once). A walk of
        some roots waits even while one runs (what it must catch up on may lie behind the running walk),
        and merges into a waiting walk of the same kind."""
        if roots is not None:
            if self._wanted == "full" or (self._wanted == "incremental" and self._wanted_roots is None):
                return
            if self._wanted == "incremental" and self._wanted_roots is not None:
                self._wanted_roots.update(roots)
                return
            self._wanted, self._wanted_roots = kind, set(roots)
            return
        walk = self._walk
        running = walk.kind if walk is not None and walk.roots == self._roots else None
        covered = {running, self._wanted if self._wanted_roots is None else None}
        if kind in covered or (kind == "incremental" and "full" in covered):
            LOG.info("%s scan not started: one is already running or waiting", kind)
            return
        if kind == "full" or self._wanted != "full":
            self._wanted, self._wanted_roots = kind, None

    def _begin_walk(self) -> None:
        kind, self._wanted = self._wanted or "incremental", None
        wanted, self._wanted_roots = self._wanted_roots, None
        roots = self._roots if wanted is None else [root for root in self._roots if root in wanted]
        stats = ScanStats()
        resumed, self._interrupted = self._interrupted, None
        if resumed is not None:
            # Whatever was asked for, an interrupted full scan is finished first: its end resolves the
            # files that are gone, which no other walk does.
            kind, roots, scan_id = "full", self._roots, resumed
            self._central.resume_scan(scan_id)
            refs: Iterator[FileRef] = self._central.not_yet_read_by(scan_id, self._walk_refs(roots, stats))
        else:
            scan_id = self._central.begin_scan(kind)
            refs = self._walk_refs(roots, stats)
        if kind == "incremental":
            refs = self._central.unchanged_filter(refs)
        with self._lock:
            self._walk = _Walk(kind, scan_id, refs, stats, roots)

    def _walk_refs(self, roots: Sequence[str], stats: ScanStats) -> Iterator[FileRef]:
        """Every file below the roots; skipped and unreadable entries are counted, not scanned."""
        yield from walk_roots(roots, self._options, stats)

    def _walk_chunk(self) -> None:
        walk = self._walk
        assert walk is not None
        chunk = list(itertools.islice(walk.refs, CHUNK_PER_JOB * max(1, self._options.jobs)))
        if chunk:
            self._scan_refs(chunk, walk.scan_id, walk.stats)
            return
        if self._stop.is_set():
            return
        walk.stats.duration_s = time.monotonic() - walk.started
        with self._lock:
            self._walk = None
        if walk.kind == "full" and any(error.error == CONNECTION_LOST for error in walk.stats.errors):
            self._interrupt(walk)
            return
        self._central.complete_scan(walk.scan_id, walk.stats, roots=walk.roots, full=walk.kind == "full")

    def _interrupt(self, walk: _Walk) -> None:
        """A share went away mid-walk: keep the full scan open and resume it later, rather than closing it
        with a hole (and starting over next time)."""
        self._interrupted = walk.scan_id
        self._central.emit(
            "agent.warning",
            {
                "message": f"full scan {walk.scan_id} interrupted: the connection to a share was lost; "
                f"it resumes where it stopped when the share is back (retrying every {RESUME_RETRY_S:.0f} s)",
                "event": {"reason": "scan interrupted"},
                "credscan": {"scan": {"id": walk.scan_id, "kind": "full"}},
            },
        )
        if self._retry is not None:
            self._retry.cancel()
        self._retry = threading.Timer(RESUME_RETRY_S, self.resume_walk, (walk.scan_id,))
        self._retry.daemon = True
        self._retry.start()

    def _scan_watched(self, paths: list[str]) -> None:
        """Scan settled files from the watcher. During a full walk they count for it (the sweep at its
        end must not take a file created behind the walk for a deleted one)."""
        if self._walk is not None:
            scan_id, stats = self._walk.scan_id, self._walk.stats
        else:
            if self._watch is None:
                self._watch = _WatchScan(self._central.begin_scan("watch"))
            scan_id, stats = self._watch.scan_id, self._watch.stats
        refs = [ref for path in paths for ref in self._watched_refs(path)]
        refs = [ref for ref in refs if not self._central.is_unchanged(ref)]
        stats.files_seen += len(refs)
        started = time.monotonic()
        if refs:
            self._scan_refs(refs, scan_id, stats)
        if self._watch is not None and scan_id == self._watch.scan_id:
            self._watch.busy_s += time.monotonic() - started
        self._flush()

    def _watched_refs(self, path: str) -> list[FileRef]:
        """What a walk would list for a settled path: the file, or nothing when a walk would not scan it."""
        if is_remote(path):
            return self._remote_refs(path)
        ref = self._local_ref(path)
        return [] if ref is None else [ref]

    def _remote_refs(self, url: str) -> list[FileRef]:
        """A file on a watched share, or every file below a folder that appeared there: a server reports a
        folder moved in from elsewhere as one name, without the files inside it."""
        from credscan.sources.smb import SmbSource, parse_smb_url

        try:
            share = parse_smb_url(url).url()
            source = self._remote_sources.get(share)
            if source is None:
                source = self._remote_sources[share] = SmbSource(share, self._options, check=False)
            entries = list(source.at(url).walk(self._options.walk_options()))
        except (UserError, OSError):
            return []  # gone again, or the server went away: the watch's catch-up walk covers it
        return [entry for entry in entries if isinstance(entry, FileRef)]

    def _local_ref(self, path: str) -> FileRef | None:
        try:
            st = os.stat(os_path(path), follow_symlinks=self._options.follow_symlinks)
        except OSError:
            return None  # gone again: its delete event follows
        if not stat.S_ISREG(st.st_mode) or st.st_size > self._options.limits.max_file_size:
            return None
        if not self._options.follow_symlinks and os.path.islink(os_path(path)):
            return None
        roots = [display_path(r) for r in self._roots if not is_remote(r)]
        root = next((r for r in roots if path.startswith(os.path.join(r, ""))), "")
        return ref_from_stat(path, st, root=root)  # opened beneath its root, as a walk would

    def _scan_refs(self, refs: list[FileRef], scan_id: str, stats: ScanStats) -> None:
        assert self._scanner is not None
        results = self._scanner.scan(refs)
        try:
            for result in results:
                count_result(stats, result)
                self._central.record_result(result, scan_id)
                if self._stop.is_set():
                    break  # abandon the rest; Scanner.close() stops the workers
        finally:
            close = getattr(results, "close", None)
            if close is not None:
                close()

    def _finish_watch_scan(self) -> None:
        watch, self._watch = self._watch, None
        if watch is None:
            return
        watch.stats.duration_s = watch.busy_s
        self._central.complete_scan(watch.scan_id, watch.stats, roots=self._roots, full=False)

    def _flush(self) -> None:
        """Commit now: results must not sit in an open transaction while the agent idles (a kill -9
        would lose them, and triage commands in other processes would wait for the write lock)."""
        self._central.flush()
