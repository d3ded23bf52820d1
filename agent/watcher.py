"""Real-time watching of local roots with watchdog (inotify on Linux, ReadDirectoryChangesW on Windows).

Created/modified files go to the Settler, which scans them once they stop changing; deletes and moves
are bookkeeping that needs no read. Roots that cannot be watched (remote shares, network mounts whose
changes the kernel never sees, an exhausted inotify limit) are reported and left to the schedule.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from watchdog.events import (
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from credscan.pathnames import display_path
from credscan.sources.excludes import ExcludeMatcher

from .settle import Settler

LOG = logging.getLogger(__name__)

EVENT_FILTER: list[type[FileSystemEvent]] = [
    FileCreatedEvent,
    FileModifiedEvent,
    FileClosedEvent,
    FileMovedEvent,
    DirMovedEvent,
    FileDeletedEvent,
    DirDeletedEvent,
]
"""Only what changes content or place. Leaving out open/access events matters: the agent's own reads
would otherwise wake it up for every file it scans."""

NETWORK_FS_TYPES = frozenset(
    {"cifs", "smb3", "smbfs", "nfs", "nfs4", "ncpfs", "afs", "9p", "fuse.sshfs", "davfs", "fuse.davfs2"}
)
"""inotify only sees changes made through this host; on these, other clients' writes go unnoticed."""


class TreeEvents(Protocol):
    """What the watcher reports that needs no reading of content (the agent's central thread)."""

    def gone(self, path: str) -> None: ...

    def moved(self, old_path: str, new_path: str) -> None: ...


@dataclass(frozen=True, slots=True)
class Unwatched:
    root: str
    reason: str


def mount_fstype(path: str, mounts_file: str = "/proc/self/mounts") -> str | None:
    """Filesystem type of the mount holding path (longest mount-point prefix), None if unknown."""
    try:
        with open(mounts_file, encoding="utf-8", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return None
    real = os.path.realpath(path)
    best, best_type = "", None
    for line in lines:
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point = fields[1].replace("\\040", " ")
        prefix = mount_point.rstrip("/") + "/"
        if (real == mount_point or real.startswith(prefix)) and len(mount_point) >= len(best):
            best, best_type = mount_point, fields[2]
    return best_type


def unwatchable_reason(root: str) -> str | None:
    """Why root cannot be watched in real time, or None when it can."""
    if not os.path.isdir(root):
        return "not a folder that exists"
    if sys.platform.startswith("linux"):
        fstype = mount_fstype(root)
        if fstype in NETWORK_FS_TYPES:
            return f"network mount ({fstype}): other clients' changes are invisible to inotify"
    return None


class RootExcludes:
    """The walk's exclude rules applied to a single event path: the file itself and every folder between
    it and its root (a walk never enters an excluded folder, so nothing below one may be scanned).
    Roots are local folders or smb:// URLs (whose paths use "/" whatever the platform)."""

    def __init__(self, roots: Iterable[str], patterns: Iterable[str]) -> None:
        trimmed = (root.rstrip(_separator(root)) or root for root in roots)
        self._roots = sorted(trimmed, key=len, reverse=True)
        self._matcher = ExcludeMatcher(patterns)

    def __call__(self, path: str) -> bool:
        root = next(
            (r for r in self._roots if path.startswith(r.rstrip(_separator(r)) + _separator(r))), None
        )
        if root is None:
            return True  # not below a configured root: not ours to scan
        if not self._matcher:
            return False
        separator = _separator(root)
        parts = path[len(root.rstrip(separator)) + 1 :].split(separator)
        for depth in range(1, len(parts)):
            folder = separator.join([root.rstrip(separator), *parts[:depth]])
            if self._matcher.excluded(folder, "/".join(parts[:depth]), is_dir=True):
                return True
        return self._matcher.excluded(path, "/".join(parts))


def _separator(root: str) -> str:
    return "/" if "://" in root else os.sep


class WatchEvents:
    """What a watch saw, applied the same way whichever watch saw it (inotify here, SMB2 CHANGE_NOTIFY
    for smb:// roots): changed files wait in the settler, deletes and moves go to the engine's
    bookkeeping, excluded paths are dropped."""

    def __init__(self, settler: Settler, tree: TreeEvents, excluded: Callable[[str], bool]) -> None:
        self._settler = settler
        self._tree = tree
        self._excluded = excluded

    def changed(self, path: str) -> None:
        if not self._excluded(path):
            self._settler.touch(path)

    def removed(self, path: str) -> None:
        """A file or a folder is gone (a folder moved out of the tree arrives as this one event too)."""
        self._settler.forget(path)
        self._settler.forget_tree(path)
        self._tree.gone(path)

    def renamed(self, old_path: str, new_path: str) -> None:
        self._settler.forget(old_path)
        self._settler.forget_tree(old_path)
        if self._excluded(new_path):
            self._tree.gone(old_path)
            return
        self._tree.moved(old_path, new_path)
        # Office saves by renaming a temp file over the document: the content may be new.
        # The central thread skips the scan when size, mtime and inode are unchanged.
        self._settler.touch(new_path)


class _Handler(FileSystemEventHandler):
    def __init__(self, events: WatchEvents) -> None:
        self._events = events

    def on_any_event(self, event: FileSystemEvent) -> None:
        try:
            self._dispatch(event)
        except Exception:  # never let one odd event kill the observer thread
            LOG.exception("file event %r could not be handled", event)

    def _dispatch(self, event: FileSystemEvent) -> None:
        src = display_path(os.fsdecode(event.src_path))
        if isinstance(event, FileCreatedEvent | FileModifiedEvent | FileClosedEvent):
            self._events.changed(src)
        elif isinstance(event, FileDeletedEvent | DirDeletedEvent):
            self._events.removed(src)
        elif isinstance(event, FileMovedEvent):
            self._events.renamed(src, display_path(os.fsdecode(event.dest_path)))
        # DirMovedEvent: watchdog follows it with one FileMovedEvent per file inside.


class Watcher:
    """One observer for all watchable roots."""

    def __init__(self, roots: Iterable[str], events: WatchEvents) -> None:
        self._roots = list(roots)
        self._handler = _Handler(events)
        self._observer: BaseObserver | None = None
        self.watched: list[str] = []
        self.unwatched: list[Unwatched] = []

    def start(self) -> None:
        observer = Observer()
        observer.start()
        for root in self._roots:
            reason = unwatchable_reason(root)
            if reason is None:
                try:
                    observer.schedule(self._handler, root, recursive=True, event_filter=EVENT_FILTER)
                    self.watched.append(root)
                    continue
                except OSError as exc:
                    reason = _watch_error(exc)
            self.unwatched.append(Unwatched(root, reason))
        self._observer = observer

    def stop(self, timeout: float = 2.0) -> None:
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout)
            self._observer = None


def _watch_error(exc: OSError) -> str:
    if exc.errno == 28:  # ENOSPC from inotify_add_watch
        return "inotify watch limit reached (raise fs.inotify.max_user_watches); relying on the schedule"
    if exc.errno == 24:  # EMFILE from inotify_init
        return "inotify instance limit reached (raise fs.inotify.max_user_instances); relying on the schedule"
    return f"cannot watch: {exc.strerror or exc}"
