"""What every detector offers: Units of one file in, Candidates out. Detectors know passwords, not formats."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass

from credscan.model import Candidate, Unit


@dataclass(frozen=True, slots=True)
class FileInfo:
    path: str
    name: str
    """Base name, e.g. "unattend.xml"."""
    kind: str
    """credscan.filetype kind."""
    head: bytes
    """The first bytes of the file (magic numbers: KeePass, PuTTY keys …)."""
    size: int


class Detector(ABC):
    def detect_file(self, info: FileInfo) -> Iterator[Candidate]:
        """Findings the file is by its name and first bytes alone (credential stores). Default: none."""
        return iter(())

    @abstractmethod
    def detect(self, info: FileInfo, unit: Unit) -> Iterator[Candidate]:
        """Findings in one TextBlock or Table of the file."""
