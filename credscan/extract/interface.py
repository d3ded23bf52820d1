"""What every extractor offers: bytes of one file in, Units (TextBlock, Table, Embedded) out."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from credscan.limits import DEFAULT_LIMITS, Limits
from credscan.model import FileKind, Unit


@dataclass(frozen=True, slots=True)
class ExtractContext:
    path: str
    """Display path (for messages only)."""
    name: str
    """Base name of the file, e.g. "Passwords.xlsx" (archive members: the member's base name)."""
    kind: FileKind
    """What credscan.filetype decided (e.g. "xlsx", "text", "pdf")."""
    size: int
    limits: Limits = DEFAULT_LIMITS
    depth: int = 0
    """0 for a file on disk, n for a member n archives deep."""


class ExtractError(Exception):
    """The file is corrupt, truncated or unreadable; the message is one line for stats.errors."""


_DESCRIPTIONS: dict[str, str] = {
    "BadZipFile": "not a valid zip container",
    "XMLSyntaxError": "malformed XML",
    "ParseError": "malformed XML",
    "ExpatError": "malformed XML",
    "EntitiesForbidden": "XML entities are not allowed",
    "DTDForbidden": "XML DTDs are not allowed",
    "ExternalReferenceForbidden": "external XML references are not allowed",
    "PdfiumError": "PDFium could not read it",
    "CalamineError": "calamine could not read it",
    "PanicException": "the reader gave up on it",
    "KeyError": "a required part is missing",
    "IndexError": "a reference points outside the file",
    "ValueError": "an unexpected value",
    "TypeError": "an unexpected structure",
    "UnicodeDecodeError": "text in an unexpected encoding",
    "EOFError": "truncated",
    "error": "corrupt compressed data",
    "Error": "malformed content",
    "RecursionError": "nested too deeply",
    "MemoryError": "out of memory",
    "NotImplementedError": "a feature the reader does not support",
    "OSError": "read failed",
}
"""Fixed descriptions of the exceptions readers raise. The message itself is never shown: parsers fill it
with document content ("Unrecognized boolean cell value: <the cell>", "Entity '<name>' not defined")."""


def error_line(error: BaseException) -> str:
    """A library exception as one short line for an ExtractError message: its type and a fixed
    description, never its message (which may quote the document) and never a traceback."""
    name = type(error).__name__
    description = _DESCRIPTIONS.get(name)
    if description is None and "Entit" in name:
        description = "XML entities are not allowed"
    return f"{description} ({name})" if description else name


class Encrypted(Exception):
    """The file is encrypted or password-protected; it is listed under stats.skipped."""


class NotRead(Exception):
    """The file is of a known kind but was deliberately not read (an image with OCR off or no OCR engine);
    the message is the reason listed under stats.skipped."""


class Extractor(ABC):
    """One format's reader; registered under the file kinds it reads in credscan.extract.registry."""

    @abstractmethod
    def extract(self, stream: BinaryIO, ctx: ExtractContext) -> Iterator[Unit]:
        """Yield the file's content as Units. Raise ExtractError, Encrypted or LimitExceeded.

        A cap reached part-way (max_cells, max_pages, max_text_bytes, max_inflated_bytes) is
        raised as LimitExceeded AFTER the Units read so far were yielded: the caller scans what it
        got and records the error, so a huge file is still scanned up to the cap.
        """
