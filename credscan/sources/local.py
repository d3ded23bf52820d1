"""Local files and folders: a fast, loop-safe walk that only ever opens regular files.

The walk uses os.scandir so that the stat information the kernel already returned (type, size,
mtime, inode, owner) is reused instead of a second stat per file. Symlinks are listed as skipped
unless following was asked for; followed folders are remembered by (st_dev, st_ino) so a loop is
entered once. Opening re-checks with fstat that the file is still a regular file (a FIFO swapped
in after the walk would otherwise hang a worker) and sets O_NOATIME where the OS allows it.

Below the root, every folder is listed and every file opened through directory descriptors, one
path component at a time with O_NOFOLLOW (``open_beneath``): a folder exchanged for a symlink to
``/`` between the walk and the read (``renameat2(RENAME_EXCHANGE)``) makes that open fail with ELOOP
instead of reading outside the root. Paths are reported in their display form (credscan.pathnames).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from functools import lru_cache
from typing import BinaryIO

from credscan.errors import UserError
from credscan.model import FileError, FileRef, ScanOptions, Skipped, WalkEntry, WalkOptions
from credscan.pathnames import display_path, os_path
from credscan.sources.excludes import ExcludeMatcher
from credscan.sources.identity import tidy_target
from credscan.sources.interface import Source

SOURCE_KEY = "local"
SOURCE_KEY_FOLLOW = "local+follow"
"""FileRef.source of files reached through a followed symlink: opened without O_NOFOLLOW."""

_O_NOATIME = getattr(os, "O_NOATIME", 0)
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_BINARY = getattr(os, "O_BINARY", 0)


try:
    import pwd
except ImportError:  # Windows: no uid -> name database (owners come from SMB security descriptors instead)
    pwd = None  # type: ignore[assignment]


@lru_cache(maxsize=4096)
def owner_name(uid: int) -> str | None:
    """User name of a uid (cached: a share has few owners and millions of files)."""
    if pwd is None:
        return None
    try:
        return pwd.getpwuid(uid).pw_name
    except (KeyError, OverflowError):
        return str(uid)


def os_reason(exc: OSError) -> str:
    """A one-line reason without the path (the caller's entry already names it)."""
    return exc.strerror or type(exc).__name__


def ref_from_stat(path: str, st: os.stat_result, source: str = SOURCE_KEY, root: str = "") -> FileRef:
    return FileRef(
        path=path,
        size=st.st_size,
        mtime=st.st_mtime,
        file_id=f"{st.st_dev}:{st.st_ino}",
        owner=owner_name(st.st_uid),
        source=source,
        root=root,
    )


_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)


def open_dir_beneath(root: str, relative: str, follow_symlinks: bool = False) -> int:
    """A descriptor of the folder ``relative`` (display form, "" for the root itself) below ``root``,
    opened one component at a time from the root, each with O_NOFOLLOW unless following was asked for."""
    fd = os.open(os_path(root), _DIR_FLAGS)
    nofollow = 0 if follow_symlinks else _O_NOFOLLOW
    try:
        for part in _components(relative):
            child = os.open(part, _DIR_FLAGS | nofollow, dir_fd=fd)
            os.close(fd)
            fd = child
    except BaseException:
        os.close(fd)
        raise
    return fd


def _components(relative: str) -> list[bytes]:
    parts = [p for p in os_path(relative).split(b"/") if p]
    if b".." in parts:
        raise OSError(errno.EINVAL, "path leaves its root")
    return parts


def _relative_to(path: str, root: str) -> str:
    prefix = os.path.join(root, "")
    if not path.startswith(prefix):
        raise OSError(errno.EINVAL, "path outside its root")
    return path[len(prefix) :]


def open_regular_file(path: str, follow_symlinks: bool = False, root: str = "") -> BinaryIO:
    """Open read-only without blocking on FIFOs, without following a final symlink, without atime updates;
    with ``root``, beneath it through directory descriptors and no symlink on any component.

    ``path`` (and ``root``) are display forms (credscan.pathnames). Raises OSError (the caller turns it
    into a FileError) and refuses anything that is not a regular file at the moment it is opened.
    """
    flags = os.O_RDONLY | _O_NONBLOCK | _O_BINARY | (0 if follow_symlinks else _O_NOFOLLOW)
    dir_fd: int | None = None
    target: bytes = os_path(path)
    if root:
        *folders, name = _components(_relative_to(path, root))
        dir_fd = open_dir_beneath(
            root, "/".join(display_path(os.fsdecode(f)) for f in folders), follow_symlinks
        )
        target = name
    try:
        try:
            fd = os.open(target, flags | _O_NOATIME, dir_fd=dir_fd)
        except PermissionError:
            if not _O_NOATIME:
                raise
            fd = os.open(
                target, flags, dir_fd=dir_fd
            )  # O_NOATIME needs ownership of the file: EPERM otherwise
    finally:
        if dir_fd is not None:
            os.close(dir_fd)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        if _O_NONBLOCK:
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb", buffering=1024 * 1024)
    except BaseException:
        os.close(fd)
        raise


class LocalSource(Source):
    """One file or folder given on the command line (or an agent root)."""

    @classmethod
    def for_target(cls, target: str, options: ScanOptions) -> LocalSource:
        return cls(target)

    def __init__(self, root: str) -> None:
        self.root = root = display_path(tidy_target(root))  # ./clients/ and clients: the same paths
        try:
            self._root_stat = os.stat(os_path(self.root))  # the named root itself is followed, like find -H
        except FileNotFoundError:
            raise UserError(f"no such file or directory: {root}") from None
        except OSError as exc:
            raise UserError(f"cannot read {root}: {os_reason(exc)}") from None

    def open(self, ref: FileRef) -> BinaryIO:
        return open_regular_file(ref.path, follow_symlinks=ref.source == SOURCE_KEY_FOLLOW, root=ref.root)

    def walk(self, options: WalkOptions) -> Iterator[WalkEntry]:
        st = self._root_stat
        if stat.S_ISDIR(st.st_mode):
            walker = _Walk(self.root, options)
            yield from walker.folder(self.root, st)
        elif stat.S_ISREG(st.st_mode):
            yield _file_entry(self.root, st, options, SOURCE_KEY)
        else:
            yield Skipped(self.root, "not a regular file")


def _file_entry(
    path: str, st: os.stat_result, options: WalkOptions, source: str, root: str = ""
) -> WalkEntry:
    if st.st_size > options.max_file_size:
        return Skipped(path, "too large")
    return ref_from_stat(path, st, source, root)


class _Walk:
    """State of one walk: the exclude matcher and the folders already entered (loop safety)."""

    def __init__(self, root: str, options: WalkOptions) -> None:
        self.root = root
        self.options = options
        self.excludes = ExcludeMatcher(options.excludes)
        self.seen_dirs: set[tuple[int, int]] = set()
        self._prefix = os.path.join(root, "")

    def relative(self, path: str) -> str:
        """scandir builds every path from the root string, so slicing is enough (relpath costs as much as the
        stat of an unchanged file in an incremental rescan)."""
        if path.startswith(self._prefix):
            return path[len(self._prefix) :]
        return os.path.relpath(path, self.root)

    def folder(self, path: str, st: os.stat_result) -> Iterator[WalkEntry]:
        """Depth-first with an explicit stack: deep trees cannot exhaust the recursion limit."""
        self.seen_dirs.add((st.st_dev, st.st_ino))
        stack = [path]
        while stack:
            current = stack.pop()
            try:
                fd = open_dir_beneath(
                    self.root,
                    self.relative(current) if current != self.root else "",
                    self.options.follow_symlinks,
                )
                try:
                    with os.scandir(fd) as entries:
                        listed = sorted(entries, key=lambda e: e.name)
                    subfolders: list[str] = []
                    found_here = [self.entry(entry, current, subfolders) for entry in listed]
                finally:
                    os.close(fd)
            except OSError as exc:
                yield FileError(current, f"cannot list folder: {os_reason(exc)}")
                continue
            yield from (found for found in found_here if found is not None)
            stack.extend(reversed(subfolders))

    def entry(self, entry: os.DirEntry[str], folder: str, subfolders: list[str]) -> WalkEntry | None:
        """What one listed name is (None for a folder, added to ``subfolders``, or a name that vanished);
        a plain function rather than a generator: an incremental rescan calls it for every file. Its stat
        goes through the listed folder's descriptor (fstatat), not through a path."""
        path = os.path.join(folder, display_path(entry.name))
        try:
            is_link = entry.is_symlink()
            is_dir = entry.is_dir(follow_symlinks=self.options.follow_symlinks)
            if self.excludes and self.excludes.excluded(path, self.relative(path), is_dir=is_dir):
                return Skipped(path, "excluded")
            if is_link and not self.options.follow_symlinks:
                return Skipped(path, "symlink")
            st = entry.stat(follow_symlinks=self.options.follow_symlinks)
        except FileNotFoundError:
            if entry.is_symlink():
                return Skipped(path, "broken symlink")
            return None  # vanished between listing and stat: nothing to report
        except OSError as exc:
            return FileError(path, f"cannot stat: {os_reason(exc)}")
        if stat.S_ISDIR(st.st_mode):
            key = (st.st_dev, st.st_ino)
            if key in self.seen_dirs:
                return Skipped(path, "symlink loop" if is_link else "already scanned")
            self.seen_dirs.add(key)
            subfolders.append(path)
            return None
        if stat.S_ISREG(st.st_mode):
            # O_NOFOLLOW only concerns the last component: only a symlinked file needs the follow key
            source = SOURCE_KEY_FOLLOW if is_link or self.options.follow_symlinks else SOURCE_KEY
            return _file_entry(path, st, self.options, source, self.root)
        return Skipped(path, "not a regular file")
