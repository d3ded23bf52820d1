"""Caps that bound the time and memory one file may cost (docs/security.md: untrusted input)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


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
    archives: bool = True
    """Read tar and gzip/bzip2/xz files (compressed tars and single compressed files); zip and 7z archives
    are always read. Off: they are listed as skipped ("gz archive (archives off)")."""
    ocr: bool = True
    """Read the text of images (image files, pictures in docx/pptx/pdf) with OCR; off: image files are
    skipped ("OCR off") and embedded pictures are passed over."""
    ocr_languages: str = "eng"
    """Tesseract languages, "+"-joined ("eng+deu"); each needs its language data (tesseract-ocr-deu)."""
    max_image_bytes: int = 50 * 1024 * 1024
    """An image file or embedded picture larger than this is not decoded."""
    max_image_pixels: int = 40_000_000
    """Width x height of one image, read from its header before decoding: a decompression bomb is refused."""
    max_images: int = 100
    """Images of one file that go to OCR (a document full of icons costs its gates, not 1,000 OCR runs)."""
    ocr_image_timeout_s: float = 5.0
    """Tesseract's time limit for one image."""
    ocr_file_budget_s: float = 20.0
    """OCR time of all images of one file; images past it are counted as not read (stats.errors)."""
    file_timeout_s: float = 120.0
    """Wall time one file may take in a worker before it is abandoned."""
    worker_memory_bytes: int = 4 * 1024**3
    """Address space of one worker process (RLIMIT_AS, where the OS has it): the last line of defence,
    should an allocation bomb get past the caps above. The worker's allocation fails, the file becomes an
    error, and the machine's memory is untouched. Never more than scan_memory_bytes / workers."""
    scan_memory_bytes: int = 0
    """What all the workers of one scan may use together; 0: half the memory this process may use (the
    machine's, or its cgroup's MemoryMax, whichever is smaller). --jobs never multiplies it."""
    max_xml_part_bytes: int = 64 * 1024 * 1024
    """An Office XML part larger than this (inflated) is not loaded as a tree: a docx body is read as a
    stream of paragraphs instead (bounded memory; tables and text boxes are not told apart there)."""
    max_pdf_stream_bytes: int = 32 * 1024 * 1024
    """A PDF stream that inflates past this is blanked before PDFium sees it (a 1.7 MB file whose stream
    inflates to 1 GB); the rest of the document is read."""


DEFAULT_LIMITS = Limits()
MIN_WORKER_MEMORY = 1024**3
"""A worker needs about this much address space for the parsers' own code and a normal document."""


def available_memory() -> int:
    """Physical memory, or the cgroup v2 limit (systemd MemoryMax) of this process when smaller."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        total = 8 * 1024**3
    try:
        line = Path("/proc/self/cgroup").read_text().splitlines()[0]
        limit = Path("/sys/fs/cgroup", line.split("::", 1)[1].lstrip("/"), "memory.max").read_text().strip()
        if limit.isdigit():
            total = min(total, int(limit))
    except (OSError, IndexError):
        pass
    return total


def worker_plan(limits: Limits, jobs: int) -> tuple[int, int]:
    """(workers, address space of each) so that all workers together stay within the scan's budget:
    more --jobs than the budget holds at MIN_WORKER_MEMORY each run as fewer workers."""
    budget = limits.scan_memory_bytes or available_memory() // 2
    workers = max(1, min(jobs, budget // MIN_WORKER_MEMORY))
    return workers, min(limits.worker_memory_bytes, max(MIN_WORKER_MEMORY, budget // workers))


class LimitExceeded(Exception):
    """A file went over one of the caps; the message names the cap (it becomes stats.errors)."""
