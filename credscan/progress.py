"""One self-overwriting status line on stderr while a scan runs (only when stderr is a terminal).

    1520 of 4210 files (36%), 310.5 MB of 880.2 MB, 3 findings, 212 files/s, ETA 2m 41s  clients/acme/docs

The total comes from a WalkCounter: a second, metadata-only walk of the same local targets in a background
thread, which runs ahead of the scan (it only lists folders). Until it has finished the line says
"of 4000+ files" and shows no percentage or ETA; SMB targets are not counted (a second walk would double the
traffic on the share), and the line then shows what has been done so far. The percentage and the ETA follow
the bytes done, which predict the remaining time better than file counts when file sizes differ.
"""

from __future__ import annotations

import os
import shutil
import sys
import threading
import time
from collections.abc import Iterable
from typing import TextIO

from credscan.model import FileRef, ScanStats

REFRESH_S = 0.2
"""At most five redraws a second: a terminal that redraws per file slows the scan down."""
MIN_ETA_S = 2.0
"""No ETA before the scan has run this long: the first files say little about the rate."""


def human_bytes(count: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if count < 1024:
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1024
    return f"{count:.1f} TB"


def human_duration(seconds: float) -> str:
    """ "45s", "2m 41s", "1h 05m" """
    whole = round(seconds)
    if whole < 60:
        return f"{whole}s"
    if whole < 3600:
        return f"{whole // 60}m {whole % 60:02d}s"
    return f"{whole // 3600}h {whole % 3600 // 60:02d}m"


class WalkCounter:
    """Counts the files and bytes a walk will yield, in a daemon thread; stop() ends it early."""

    def __init__(self, entries: Iterable[object]) -> None:
        self.files = 0
        self.bytes = 0
        self.finished = False
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._count, args=(entries,), name="credscan-count", daemon=True
        )
        self._thread.start()

    def _count(self, entries: Iterable[object]) -> None:
        try:
            for entry in entries:
                if self._stop.is_set():
                    return
                if isinstance(entry, FileRef):
                    self.files += 1
                    self.bytes += entry.size
        except Exception:  # a folder that vanished mid-count: the scan reports it, the total stays open
            return
        self.finished = True

    def stop(self) -> None:
        self._stop.set()


class Progress:
    """Call update() as results arrive and close() at the end; it decides itself when to redraw."""

    def __init__(self, stream: TextIO | None = None, width: int | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.started = time.monotonic()
        self.counter: WalkCounter | None = None
        self.width = width
        self._done_bytes = 0
        self._folder = ""
        self._last_draw = 0.0
        self._width = 0

    @classmethod
    def for_terminal(cls, enabled: bool = True) -> Progress | None:
        """A Progress when asked for and stderr is a terminal; None when piped or --no-progress."""
        if not (enabled and sys.stderr.isatty()):
            return None
        return cls(width=shutil.get_terminal_size().columns)

    def count(self, entries: Iterable[object]) -> None:
        """Count these walk entries in the background to show a total, a percentage and an ETA."""
        self.counter = WalkCounter(entries)

    def line(self, stats: ScanStats) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-6)
        done = stats.files_scanned + len(stats.errors) + stats.files_skipped
        counter = self.counter
        if counter is None:
            head = f"{done} files, {human_bytes(stats.bytes_scanned)}"
        elif not counter.finished:
            head = (
                f"{done} of {max(counter.files, done)}+ files (counting), {human_bytes(stats.bytes_scanned)}"
            )
        else:
            total_bytes = max(counter.bytes, self._done_bytes, 1)
            share = min(self._done_bytes / total_bytes, 1.0)
            head = (
                f"{done} of {max(counter.files, done)} files ({share:.0%}), "
                f"{human_bytes(self._done_bytes)} of {human_bytes(total_bytes)}"
            )
        text = f"{head}, {stats.findings} findings, {done / elapsed:.0f} files/s"
        if counter is None or not counter.finished:
            text += f", {human_bytes(stats.bytes_scanned / elapsed)}/s"
        elif elapsed >= MIN_ETA_S and self._done_bytes:
            remaining = max(counter.bytes - self._done_bytes, 0) * elapsed / self._done_bytes
            text += f", ETA {human_duration(remaining)}"
        return self._with_folder(text)

    def _with_folder(self, text: str) -> str:
        """The folder being scanned, shortened from the left to what the terminal has room for."""
        if not self._folder:
            return text
        room = (self.width or 120) - 1 - len(text) - 2
        if room < 8:
            return text
        folder = self._folder if len(self._folder) <= room else "…" + self._folder[-(room - 1) :]
        return f"{text}  {folder}"

    def update(self, stats: ScanStats, ref: FileRef | None = None) -> None:
        if ref is not None:
            self._done_bytes += ref.size
            self._folder = os.path.dirname(ref.path.split("!", 1)[0])
        now = time.monotonic()
        if now - self._last_draw < REFRESH_S:
            return
        self._last_draw = now
        self._draw(self.line(stats))

    def _draw(self, text: str) -> None:
        text = "".join(char if char.isprintable() else "?" for char in text)  # names from the share
        pad = max(0, self._width - len(text))
        self.stream.write("\r" + text + " " * pad)
        self.stream.flush()
        self._width = len(text)

    def close(self) -> None:
        """Stop the counter and erase the status line so the report starts on a clean line."""
        if self.counter is not None:
            self.counter.stop()
        if self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0
