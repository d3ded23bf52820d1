"""One file through the whole pipeline (type, extract, detect, findings), in this process, secrets shown:
what format tests assert on when they care where a planted password was found."""

from __future__ import annotations

from pathlib import Path

from credscan.limits import DEFAULT_LIMITS, Limits
from credscan.model import FileRef, FileResult, ScanOptions
from credscan.scan import Scanner

KEY = b"k" * 32


def scan_file(path: Path, limits: Limits = DEFAULT_LIMITS) -> FileResult:
    options = ScanOptions(jobs=0, fingerprint_key=KEY, show_secrets=True, limits=limits)
    with Scanner(options) as scanner:
        stat = path.stat()
        return scanner.scan_one(FileRef(path=str(path), size=stat.st_size, mtime=stat.st_mtime))


def found(result: FileResult) -> dict[str, dict[str, object]]:
    """secret -> location of each finding."""
    return {str(f.secret): f.location for f in result.findings}
