"""What a command says on stderr besides its report: warnings, the closing summary, --verbose detail.

stdout carries only the report (so `credscan scan … | jq` and `-o -` stay clean); everything here goes to
stderr. ``--quiet`` keeps only errors (printed by credscan.cli), ``--verbose`` adds what was skipped and why.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TextIO

from credscan.model import ScanStats
from credscan.output.interface import printable
from credscan.text import plural


@dataclass(slots=True)
class Console:
    quiet: bool = False
    verbose: bool = False
    stream: TextIO | None = None

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Console:
        return cls(quiet=getattr(args, "quiet", False), verbose=getattr(args, "verbose", False))

    def _write(self, text: str) -> None:
        print(text, file=self.stream or sys.stderr, flush=True)

    def info(self, text: str) -> None:
        """A normal message (the summary after `-o FILE`): not with --quiet."""
        if not self.quiet:
            self._write(f"credscan: {text}")

    def warn(self, text: str) -> None:
        if not self.quiet:
            self._write(f"credscan: warning: {text}")

    def detail(self, text: str) -> None:
        """Only with --verbose."""
        if self.verbose:
            self._write(f"credscan: {text}")

    def nothing_scanned(self, stats: ScanStats, targets: Sequence[str]) -> None:
        """An empty or unmounted folder must not look like a clean bill of health."""
        if stats.files_scanned:
            return
        where = ", ".join(printable(target) for target in targets)
        if not stats.files_seen and not stats.errors_total:
            self.warn(
                f"nothing was scanned: no files under {where} (an empty folder, or a share not mounted?)"
            )
        else:
            seen = plural(stats.files_seen, "file")
            self.warn(f"nothing was scanned: {seen} under {where}, all skipped or unreadable (see --verbose)")

    def problems(self, stats: ScanStats) -> None:
        """--verbose: every skipped and unreadable file with its reason (the table lists only counts)."""
        if not self.verbose:
            return
        for skipped in stats.skipped:
            self._write(f"credscan: skipped {printable(skipped.path)}: {printable(skipped.reason)}")
        for error in stats.errors:
            self._write(f"credscan: error in {printable(error.path)}: {printable(error.error)}")
