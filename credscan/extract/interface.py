"""What every extractor offers: bytes of one file in, Units (TextBlock, Table, Embedded) out."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO, ClassVar

from credscan.limits import DEFAULT_LIMITS, Limits
from credscan.model import Unit


@dataclass(frozen=True, slots=True)
class ExtractContext:
    path: str
    """Display path (for messages only)."""
    name: str
    """Base name of the file, e.g. "Passwords.xlsx" (archive members: the member's base name)."""
    kind: str
    """What credscan.filetype decided (e.g. "xlsx", "text", "pdf")."""
    size: int
    limits: Limits = DEFAULT_LIMITS
    depth: int = 0
    """0 for a file on disk, n for a member n archives deep."""


class ExtractError(Exception):
    """The file is corrupt, truncated or unreadable; the message is one line for stats.errors."""


def error_line(error: BaseException, limit: int = 200) -> str:
    """A library exception as one short line for an ExtractError message (never a traceback)."""
    text = " ".join(str(error).split())
    return text[:limit] or type(error).__name__


class Encrypted(Exception):
    """The file is encrypted or password-protected; it is listed under stats.skipped."""


class NotRead(Exception):
    """The file is of a known kind but was deliberately not read (an image with OCR off or no OCR engine);
    the message is the reason listed under stats.skipped."""


class Extractor(ABC):
    kinds: ClassVar[frozenset[str]]
    """The file kinds (credscan.filetype) this extractor reads."""

    @abstractmethod
    def extract(self, stream: BinaryIO, ctx: ExtractContext) -> Iterator[Unit]:
        """Yield the file's content as Units. Raise ExtractError, Encrypted or LimitExceeded.

        A cap reached part-way (max_cells, max_pages, max_text_bytes, max_inflated_bytes) is
        raised as LimitExceeded AFTER the Units read so far were yielded: the caller scans what it
        got and records the error, so a huge file is still scanned up to the cap.
        """
