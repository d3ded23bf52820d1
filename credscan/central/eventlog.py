"""The local event log: one JSON event a line, mode 0600, rotated by size with a bounded number of old files.

events.jsonl is the current file; events.jsonl.1 … events.jsonl.N are older (N = [log] backups). A log
shipper (Filebeat, Wazuh, Fluent Bit) tails it as is. Write errors (a full disk) raise OSError to the caller,
which warns and carries on: losing a log line must never stop the agent.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from credscan.central.db import owned_by_me


def open_private_append(path: Path) -> int:
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    if owned_by_me(os.fstat(fd).st_uid):
        os.fchmod(fd, 0o600)
    return fd


class EventLog:
    def __init__(self, path: Path, max_bytes: int, backups: int) -> None:
        self.path = path
        self.max_bytes = max(1024, max_bytes)
        self.backups = max(0, backups)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._fd: int | None = open_private_append(path)
        self._end_partial_line()

    def _end_partial_line(self) -> None:
        """After a crash mid-line (power loss), start on a fresh line so only that one line is damaged."""
        assert self._fd is not None
        if os.fstat(self._fd).st_size == 0:
            return
        with self.path.open("rb") as current:
            current.seek(-1, os.SEEK_END)
            if current.read(1) != b"\n":
                os.write(self._fd, b"\n")

    def write(self, event: dict[str, Any]) -> None:
        line = (json.dumps(event, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
        if self._fd is None:
            self._fd = open_private_append(self.path)
        size = os.fstat(self._fd).st_size
        if size + len(line) > self.max_bytes:
            self._rotate()
            size = 0
        assert self._fd is not None
        try:
            written = os.write(self._fd, line)
            if written != len(line):
                raise OSError(f"short write to {self.path} ({written} of {len(line)} bytes)")
        except OSError:
            # A full disk may take half a line: cut it off, so the log stays one JSON object a line.
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, size)
            raise

    def _rotate(self) -> None:
        """events.jsonl -> .1 -> .2 …; the oldest beyond ``backups`` is deleted."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        if self.backups == 0:
            self.path.unlink(missing_ok=True)
        else:
            Path(f"{self.path}.{self.backups}").unlink(missing_ok=True)
            for index in range(self.backups - 1, 0, -1):
                older = Path(f"{self.path}.{index}")
                if older.exists():
                    older.rename(f"{self.path}.{index + 1}")
            if self.path.exists():
                self.path.rename(f"{self.path}.1")
        self._fd = open_private_append(self.path)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
