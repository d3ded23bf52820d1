"""Caps that bound the time and memory one file may cost (docs/security.md: untrusted input)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    max_file_size: int = 200 * 1024 * 1024
    """Files larger than this are skipped ("too large"), except text files, which are streamed."""
    max_text_bytes: int = 64 * 1024 * 1024
    """How much of one text file is read; the rest is listed as truncated."""
    max_inflated_bytes: int = 512 * 1024 * 1024
    """Total bytes an archive/OOXML file may inflate to before it is an error (zip bomb)."""
    max_members: int = 10_000
    """Members of one archive."""
    max_depth: int = 3
    """Nesting of archives in archives."""
    max_cells: int = 5_000_000
    """Cells of one workbook."""
    max_pages: int = 2_000
    """Pages of one PDF."""
    file_timeout_s: float = 120.0
    """Wall time one file may take in a worker before it is abandoned."""
    worker_memory_bytes: int = 4 * 1024**3
    """Address space of one worker process (RLIMIT_AS, where the OS has it): the last line of defence,
    should an allocation bomb get past the caps above. The worker's allocation fails, the file becomes an
    error, and the machine's memory is untouched."""


DEFAULT_LIMITS = Limits()


class LimitExceeded(Exception):
    """A file went over one of the caps; the message names the cap (it becomes stats.errors)."""
