"""One self-overwriting status line on stderr while a scan runs (only when stderr is a terminal)."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from credscan.model import ScanStats

REFRESH_S = 0.2
"""At most five redraws a second: a terminal that redraws per file slows the scan down."""


def human_bytes(count: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if count < 1024:
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1024
    return f"{count:.1f} TB"


class Progress:
    """Call update() as results arrive and close() at the end; it decides itself when to redraw."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.started = time.monotonic()
        self._last_draw = 0.0
        self._width = 0

    @classmethod
    def for_terminal(cls, enabled: bool = True) -> Progress | None:
        """A Progress when asked for and stderr is a terminal; None when piped or --no-progress."""
        return cls() if enabled and sys.stderr.isatty() else None

    def line(self, stats: ScanStats) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-6)
        done = stats.files_scanned + len(stats.errors) + stats.files_skipped
        return (
            f"{done} files, {human_bytes(stats.bytes_scanned)}, {stats.findings} findings, "
            f"{done / elapsed:.0f} files/s, {human_bytes(stats.bytes_scanned / elapsed)}/s"
        )

    def update(self, stats: ScanStats) -> None:
        now = time.monotonic()
        if now - self._last_draw < REFRESH_S:
            return
        self._last_draw = now
        self._draw(self.line(stats))

    def _draw(self, text: str) -> None:
        pad = max(0, self._width - len(text))
        self.stream.write("\r" + text + " " * pad)
        self.stream.flush()
        self._width = len(text)

    def close(self) -> None:
        """Erase the status line so the report starts on a clean line."""
        if self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0
