"""What detectors know of the file whose Units they read. Detectors know passwords, not formats.

The detectors (credscan.detect.engine.DetectionEngine: file rules, prose and text rules, table detectors)
take Units of one file and return Candidates; FileInfo is what they may know besides the Unit."""

from __future__ import annotations

from dataclasses import dataclass

from credscan.model import FileKind


@dataclass(frozen=True, slots=True)
class FileInfo:
    """One file as the detectors see it: its path and name, what it is, and its first bytes."""

    path: str
    name: str
    """Base name, e.g. "unattend.xml"."""
    kind: FileKind
    """What credscan.filetype decided."""
    head: bytes
    """The first bytes of the file (magic numbers: KeePass, PuTTY keys …)."""
    size: int
