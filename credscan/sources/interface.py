"""What every source (local folders, SMB shares) offers to the pipeline."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from credscan.model import FileAccess, FileRef, ScanOptions, WalkEntry, WalkOptions

CONNECTION_LOST = "not listed: the connection to the server was lost"
"""The error of every folder a walk could not reach because its source went away mid-walk: the agent
keeps such a full scan open and resumes it, instead of closing it with a hole."""


class Source(ABC):
    """A place files come from. Walks yield FileRefs and the entries they had to leave out. Registered
    under its target scheme in credscan.sources.SOURCES."""

    @classmethod
    @abstractmethod
    def for_target(cls, target: str, options: ScanOptions) -> Source:
        """The source of one command-line target (or of a FileRef's ``source`` key in a worker); a UserError
        when it does not exist or cannot be reached."""

    @abstractmethod
    def walk(self, options: WalkOptions) -> Iterator[WalkEntry]:
        """Every regular file below the root, plus Skipped/FileError for what could not be listed.

        Must not follow symlinks unless asked, must be loop-safe, and must never open
        anything but a regular file.
        """

    @abstractmethod
    def open(self, ref: FileRef) -> BinaryIO:
        """A readable, seekable binary stream of the file's content. Read-only, no locks."""

    def prefetch(self, refs: Sequence[FileRef]) -> None:  # noqa: B027 (optional, no-op by default)
        """The files of this source that will be opened next, in order: a remote source may start reading
        them (within its request limit). Never raises; open() reports what went wrong."""

    def access(self, ref: FileRef) -> FileAccess:
        """The file's owner and who can read it. A walk leaves these out where asking costs a round trip
        per file: the scanner asks only for files with findings."""
        return FileAccess(ref.owner, None)
