"""Real-time watching of ``smb://`` roots with SMB2 CHANGE_NOTIFY, from the Linux agent.

A Windows (or Samba) file server reports changes below a folder to any client that asks: one
CHANGE_NOTIFY request with WATCH_TREE on a handle to the root folder stays pending on the server until
something changes, then returns the changed names. The server queues changes that happen between two
requests on the same handle, so re-arming after each answer loses nothing; when its queue overflows it
answers STATUS_NOTIFY_ENUM_DIR ("too much changed, enumerate yourself") instead.

Each watched root gets one thread with its own SMB session. Its events go the same way as local ones:
created and changed files to the Settler (which waits for them to stop changing, stat'ing over SMB), and
deletes and renames straight to the engine's bookkeeping. What cannot have been seen — an overflow, or
the time the server was unreachable — is covered by an incremental walk of that root, run as soon as the
watch is back; reconnects back off from 1 s to a minute.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from credscan.errors import UserError
from credscan.sources.smb import SmbSource, describe_error

from .settle import Signature
from .watcher import WatchEvents

LOG = logging.getLogger(__name__)

# [MS-SMB2] 2.2.35 CompletionFilter: names (files and folders), size, last write, creation.
COMPLETION_FILTER = 0x1 | 0x2 | 0x8 | 0x10 | 0x40
WATCH_TREE = 0x1
NOTIFY_BUFFER = 64 * 1024
"""Bytes of change records per answer (the server truncates to its own maximum; a burst past it comes
back as STATUS_NOTIFY_ENUM_DIR and is covered by a walk)."""

# [MS-FSCC] 2.7.1 FILE_NOTIFY_INFORMATION actions
ADDED, REMOVED, MODIFIED, RENAMED_OLD, RENAMED_NEW = 1, 2, 3, 4, 5
REMOVED_BY_DELETE = 9

BACKOFF_FIRST_S = 1.0
BACKOFF_MAX_S = 60.0


class WatchSink(Protocol):
    """Where a share watch sends what it learns."""

    def changed(self, url: str) -> None: ...

    def removed(self, url: str) -> None: ...

    def renamed(self, old_url: str, new_url: str) -> None: ...

    def missed(self, root: str) -> None: ...

    def lost(self, root: str, reason: str) -> None: ...

    def restored(self, root: str) -> None: ...


class _Walks(Protocol):
    def request_walk(self, kind: str, roots: Sequence[str] | None = None) -> None: ...


class _Emitter(Protocol):
    def emit(self, action: str, fields: dict[str, Any]) -> None: ...


class ShareEvents:
    """The agent's WatchSink: file changes as for local roots (settler, engine bookkeeping, excludes),
    a possible miss as an incremental walk of that root, a lost or restored watch in the central log."""

    def __init__(self, events: WatchEvents, walks: _Walks, central: _Emitter) -> None:
        self._events = events
        self._walks = walks
        self._central = central

    def changed(self, url: str) -> None:
        self._events.changed(url)

    def removed(self, url: str) -> None:
        self._events.removed(url)

    def renamed(self, old_url: str, new_url: str) -> None:
        self._events.renamed(old_url, new_url)

    def missed(self, root: str) -> None:
        """Changes below root may have been missed (overflow, reconnect): walk it incrementally."""
        self._walks.request_walk("incremental", [root])

    def lost(self, root: str, reason: str) -> None:
        self._central.emit(
            "agent.warning",
            {
                "message": f"lost the watch on {root}: {reason}; reconnecting, then catching up with a walk",
                "event": {"reason": "watch lost"},
                "file": {"path": root},
            },
        )

    def restored(self, root: str) -> None:
        LOG.info("SMB watch of %s restored", root)


@dataclass(frozen=True, slots=True)
class Change:
    """One FILE_NOTIFY_INFORMATION record: an action on a path relative to the watched folder."""

    action: int
    name: str


def changes_of(records: list[Any]) -> list[Change]:
    """smbprotocol's FileNotifyInformation structures as plain records ("a\\b.txt" names)."""
    return [Change(int(r["action"].get_value()), str(r["file_name"].get_value())) for r in records]


def dispatch(root_url: str, changes: list[Change], sink: WatchSink) -> None:
    """Turn one answer's records into sink calls, in order. A rename arrives as an OLD_NAME record
    followed by a NEW_NAME record; an OLD_NAME without its partner (the target left the watched tree)
    is a removal, a NEW_NAME without one (moved in from outside) a new file or folder."""
    pending_old: str | None = None
    for change in changes:
        url = root_url.rstrip("/") + "/" + change.name.replace("\\", "/").strip("/")
        if change.action == RENAMED_NEW and pending_old is not None:
            sink.renamed(pending_old, url)
            pending_old = None
            continue
        if pending_old is not None:
            sink.removed(pending_old)
            pending_old = None
        if change.action == RENAMED_OLD:
            pending_old = url
        elif change.action in (ADDED, MODIFIED, RENAMED_NEW):
            sink.changed(url)
        elif change.action in (REMOVED, REMOVED_BY_DELETE):
            sink.removed(url)
        # stream actions (6–8) and tunnelling notes (10, 11) change no file we read
    if pending_old is not None:
        sink.removed(pending_old)


class ShareWatch:
    """One thread keeping a CHANGE_NOTIFY request pending on one ``smb://`` root, reconnecting as needed."""

    def __init__(self, root: str, options: Mapping[str, str], sink: WatchSink) -> None:
        self.root = root
        self._options = dict(options)
        self._sink = sink
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._watcher: Any = None
        self._source: SmbSource | None = None
        self.connected = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"credscan-smbwatch {root}", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        with self._lock:
            watcher, source = self._watcher, self._source
        if watcher is not None:
            with contextlib.suppress(Exception):  # the connection may already be gone
                watcher.cancel()
        if source is not None:
            source.close()  # wakes a wait() on a dead connection too
        self._thread.join(timeout)

    def _run(self) -> None:
        delay, outage = BACKOFF_FIRST_S, False
        while not self._stop.is_set():
            try:
                self._watch(catch_up=outage)
            except Exception as exc:  # every failure ends in a reconnect, never in a dead thread
                self.connected.clear()
                if self._stop.is_set():
                    break
                reason = str(exc) if isinstance(exc, UserError) else describe_error(exc)
                if not outage:
                    self._sink.lost(self.root, reason)
                    outage = True
                LOG.info("SMB watch of %s lost (%s); retrying in %.0f s", self.root, reason, delay)
                self._stop.wait(delay)
                delay = min(delay * 2, BACKOFF_MAX_S)
                continue
            delay = BACKOFF_FIRST_S
        self.connected.clear()

    def _watch(self, catch_up: bool) -> None:
        """Log on, open the root folder and keep one request pending until stopped or disconnected."""
        from smbprotocol.change_notify import FileSystemWatcher

        source = SmbSource(self.root, self._options)  # logs on and checks the root: UserError otherwise
        with self._lock:
            self._source = source
        directory = source.open_root_folder()
        threading.Thread(target=_prepare_exposure, args=(self.root, self._options), daemon=True).start()
        try:
            self.connected.set()
            if catch_up:
                self._sink.restored(self.root)
                self._sink.missed(self.root)
            while not self._stop.is_set():
                watcher = FileSystemWatcher(directory.fd)
                with self._lock:
                    self._watcher = watcher
                watcher.start(COMPLETION_FILTER, flags=WATCH_TREE, output_buffer_length=NOTIFY_BUFFER)
                records = watcher.wait()  # raises what the server or the connection raised
                if self._stop.is_set():
                    return
                if records is None:  # no answer: the connection ended under the request
                    raise ConnectionError("the server closed the connection")
                if not records:  # STATUS_NOTIFY_ENUM_DIR: the server dropped what it had queued
                    self._sink.missed(self.root)
                    continue
                dispatch(source.target.root_url, changes_of(records), self._sink)
        finally:
            with self._lock:
                self._watcher, self._source = None, None
            with contextlib.suppress(Exception):
                directory.close()
            source.close()


def _prepare_exposure(root: str, options: Mapping[str, str]) -> None:
    """Ask the server for the share's permissions and their names once, on a session of its own, when a watch
    starts: the first finding on the share then does not wait for the server to get ready (Samba starts a
    helper process per RPC service on first use, a second or more each), and this process keeps the
    share's permissions (credscan.sources.smb._SHARE_ACLS). Nothing here is needed: failures are ignored."""
    source = SmbSource(root, options, check=False)
    if not source.settings.owner:  # owner and exposure lookups are turned off
        return
    try:
        share = source.share_descriptor()
        source.names(share.sids() if share else ["S-1-1-0"])  # Everyone: any name starts the LSA service
    except Exception as exc:  # the watch reports real connection problems itself
        LOG.debug("exposure lookups for %s not prepared: %s", root, describe_error(exc))
    finally:
        source.close()


class RemoteSignatures:
    """(size, mtime_ns) of ``smb://`` paths for the Settler, one logged-on session per share.

    Called from the watch threads and the settler thread, hence the lock: each call is one small
    round trip, and a session is set up once per share, not once per file.
    """

    def __init__(self, options: Mapping[str, str]) -> None:
        self._options = dict(options)
        self._sources: dict[str, SmbSource] = {}
        self._lock = threading.Lock()

    def __call__(self, url: str) -> Signature:
        from credscan.sources.smb import parse_smb_url

        try:
            share = parse_smb_url(url).url()
            with self._lock:
                source = self._sources.get(share)
                if source is None:
                    source = self._sources[share] = SmbSource(share, self._options, check=False)
                st = source.lstat(url)  # reconnects by itself after a lost connection
        except (OSError, UserError):  # gone, unreachable or not ours: "cannot be stat'ed"
            return None
        return (int(st.st_size), int(st.st_mtime_ns))

    def close(self) -> None:
        with self._lock:
            for source in self._sources.values():
                source.close()
            self._sources.clear()


def signature_for(
    local: Callable[[str], Signature], remote: Callable[[str], Signature]
) -> Callable[[str], Signature]:
    """One signature function for the Settler that sends smb:// paths over SMB and the rest to stat."""
    from credscan.sources import is_remote

    def signature(path: str) -> Signature:
        return remote(path) if is_remote(path) else local(path)

    return signature
