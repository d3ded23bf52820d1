"""One file through the pipeline: open -> type -> extract -> detect -> findings (and archive members).

Runs in the worker processes (and in-process for --jobs 0 and the agent's watcher): this module imports
the detection engine, the extractors and their parsers, which the parent of a scan does not need; the
forkserver preloads it (credscan.scan.WORKER_PRELOAD), so a new worker starts with all of it loaded.
One file can never end the scan: every failure becomes a Skipped or FileError entry with a one-line reason
that never quotes the file's content.
"""

from __future__ import annotations

import hashlib
import io
import math
import posixpath
import time
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import BinaryIO

from credscan.detect.decoders import PKCS12_MAX_BYTES, probe_pkcs12
from credscan.detect.engine import DetectionEngine
from credscan.detect.interface import FileInfo
from credscan.detect.rules import RuleSet
from credscan.detect.syntax import is_test_code, may_hold_text_tables
from credscan.extract.interface import Encrypted, ExtractContext, ExtractError, NotRead
from credscan.extract.registry import extractor_for
from credscan.extract.texttables import with_text_tables
from credscan.filetype import detect_kind
from credscan.findings import FindingPolicy, build_findings
from credscan.limits import LimitExceeded
from credscan.model import (
    Candidate,
    Embedded,
    FileError,
    FileKind,
    FileMeta,
    FileRef,
    FileResult,
    ScanOptions,
    Skipped,
)
from credscan.pathnames import member_path
from credscan.redact import Fingerprinter
from credscan.sources import file_access, open_file, prefetch
from credscan.sources.local import os_reason

IN_MEMORY_BYTES = 64 * 1024 * 1024
"""Files up to this size are read once into memory (hashed on the way); larger ones are hashed in a
streaming pass and then re-read by the extractor."""
HASH_CHUNK = 1024 * 1024
HEAD_BYTES = 8192
SEEN_FILES = 128
"""Results remembered per worker by content and name (see FileScanner._seen)."""
SEEN_MAX_CANDIDATES = 1000
"""A file with more candidates than this is not remembered (memory stays small)."""


@dataclass(frozen=True, slots=True)
class _Seen:
    """What one file gave, to be given again for a copy of it under another path."""

    path: str
    located: tuple[tuple[str, Candidate], ...]
    outcome: Skipped | FileError | None
    issues: tuple[Skipped | FileError, ...]

    def at(
        self, path: str
    ) -> tuple[list[tuple[str, Candidate]], Skipped | FileError | None, list[Skipped | FileError]]:
        """The same result for the copy at ``path`` (member paths re-rooted: copy.tgz!etc/app.env)."""

        def moved(old: str) -> str:
            return path + old[len(self.path) :]

        located = [(moved(where), replace(candidate)) for where, candidate in self.located]
        outcome = None if self.outcome is None else replace(self.outcome, path=moved(self.outcome.path))
        issues = [replace(issue, path=moved(issue.path)) for issue in self.issues]
        return located, outcome, issues


def _one_line(text: str, limit: int = 200) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _describe(exc: BaseException, kind: str) -> str:
    """A reason for stats.errors. Our own exceptions carry curated one-line messages; anything else may
    quote content (a parser echoing a cell), so only its type is shown."""
    if isinstance(exc, ExtractError | LimitExceeded):
        return _one_line(str(exc)) or type(exc).__name__
    if isinstance(exc, OSError):
        return f"read error: {os_reason(exc)}"
    return f"{kind} could not be read ({type(exc).__name__})"


class FileScanner:
    """Scans one file (and its archive members); holds the compiled rules. One per process."""

    def __init__(
        self, options: ScanOptions, rules: RuleSet | None = None, time_budget_s: float | None = None
    ) -> None:
        """``time_budget_s``: wall time after which a file's reading stops, its findings so far reported
        with an error naming the budget (credscan.scan sets it in workers, a little under the parent's
        hard stop at ``file_timeout_s``); None: no budget (``--jobs 0``)."""
        self.options = options
        self.time_budget_s = time_budget_s
        self._deadline = math.inf
        self.limits = options.limits
        self.rules = rules if rules is not None else RuleSet.load(options.rules_dirs)
        self.engine = DetectionEngine(self.rules)
        self._seen: OrderedDict[tuple[str, str, bool], _Seen] = OrderedDict()
        """(sha256, file name, under a test folder) -> what that file gave. Copies of one file under
        other paths (Debian ships one changelog.gz in each of a source package's ten binary packages;
        shares hold backups of backups) are read and detected once per worker: detection depends only on
        the content, the name and whether a folder marks it as test code, and each copy is still reported
        at its own path."""
        self.policy = FindingPolicy(
            fingerprinter=Fingerprinter(options.fingerprint_key),
            vault_name=options.vault_name,
            vault_url=options.vault_url,
            min_severity=options.min_severity,
            show_secrets=options.show_secrets,
        )

    def __call__(self, ref: FileRef) -> FileResult:
        """The worker task (credscan.scan): scan one file."""
        return self.scan(ref)

    def prefetch(self, upcoming: list[FileRef]) -> None:
        """The files this process scans next, in order: a remote source starts reading them now."""
        prefetch(upcoming, self.options)

    def scan(self, ref: FileRef) -> FileResult:
        result = FileResult(ref)
        if self.time_budget_s is not None:
            self._deadline = time.monotonic() + self.time_budget_s
        try:
            stream = open_file(ref, self.options)
        except OSError as exc:
            result.error = FileError(ref.path, f"cannot open: {os_reason(exc)}")
            return result
        except Exception as exc:  # a source failing in an unexpected way is one file's error
            result.error = FileError(ref.path, f"cannot open ({type(exc).__name__})")
            return result
        with stream:
            try:
                body, sha256, size = _load(stream, ref.size)
            except OSError as exc:
                result.error = FileError(ref.path, f"read error: {os_reason(exc)}")
                return result
            if size == 0:  # nothing to find; listed so that an emptied or placeholder file is visible
                result.skipped = Skipped(ref.path, "empty")
                return result
            result.bytes_scanned = size
            name = _base_name(ref.path)
            key = (sha256, name, is_test_code(ref.path, "code"))
            seen = self._seen.get(key)
            if seen is not None:
                self._seen.move_to_end(key)
                located, outcome, result.member_issues = seen.at(ref.path)
            else:
                located = []
                outcome = self._scan_stream(body, ref.path, name, size, 0, located, result.member_issues)
                self._remember(key, ref.path, located, outcome, result.member_issues)
        if isinstance(outcome, Skipped):
            result.skipped = outcome
        elif isinstance(outcome, FileError):
            result.error = outcome
        access = file_access(ref, self.options) if located else None  # a round trip on SMB: only if needed
        meta = FileMeta(
            size=ref.size,
            mtime=ref.mtime,
            owner=access.owner if access else ref.owner,
            sha256=sha256,
            exposure=access.exposure if access else None,
        )
        result.findings = build_findings(located, self.rules, meta, self.policy)
        return result

    def _remember(
        self,
        key: tuple[str, str, bool],
        path: str,
        located: list[tuple[str, Candidate]],
        outcome: Skipped | FileError | None,
        issues: list[Skipped | FileError],
    ) -> None:
        if len(located) > SEEN_MAX_CANDIDATES:
            return
        self._seen[key] = _Seen(path, tuple(located), outcome, tuple(issues))
        if len(self._seen) > SEEN_FILES:
            self._seen.popitem(last=False)

    def _scan_stream(
        self,
        stream: BinaryIO,
        path: str,
        name: str,
        size: int,
        depth: int,
        located: list[tuple[str, Candidate]],
        issues: list[Skipped | FileError],
    ) -> Skipped | FileError | None:
        """Type, extract and detect one (possibly embedded) file; what went wrong is returned, not raised."""
        kind: FileKind | None = None
        try:
            kind = _probe_kind(detect_kind(stream, name), name, stream, size)
            stream.seek(0)
            info = FileInfo(path=path, name=name, kind=kind, head=stream.read(HEAD_BYTES), size=size)
            stream.seek(0)
            file_candidates = self.engine.detect_file(info)
            located.extend((path, candidate) for candidate in file_candidates)
            extractor = extractor_for(kind)
            if extractor is None:
                return None if file_candidates else Skipped(path, "no text (binary)")
            ctx = ExtractContext(path=path, name=name, kind=kind, size=size, limits=self.limits, depth=depth)
            tables = may_hold_text_tables(name, kind, info.head)
            for unit in with_text_tables(extractor.extract(stream, ctx), tables):
                if isinstance(unit, Embedded):
                    self._scan_member(path, unit, depth, located, issues)
                else:
                    located.extend((path, candidate) for candidate in self.engine.detect_unit(info, unit))
                if time.monotonic() > self._deadline:
                    raise OverTimeBudget(self._over_budget())
        except OverTimeBudget as exc:
            if depth:
                raise  # the whole file stops, reported once at its own path
            return FileError(path, str(exc), partial=True)
        except Encrypted:
            return Skipped(path, "encrypted")
        except NotRead as reason:
            return Skipped(path, str(reason))
        except LimitExceeded as exc:
            return FileError(path, _describe(exc, kind or "unknown"), partial=True)
        except Exception as exc:
            return FileError(path, _describe(exc, kind or "unknown"))
        return None

    def _over_budget(self) -> str:
        return (
            f"stopped at its time budget ({self.options.limits.file_timeout_s:g}s, file_timeout_s): "
            "findings up to here are reported, the rest was not read"
        )

    def _scan_member(
        self,
        outer: str,
        member: Embedded,
        depth: int,
        located: list[tuple[str, Candidate]],
        issues: list[Skipped | FileError],
    ) -> None:
        path = member_path(outer, member.name)
        if member.skipped:
            issues.append(Skipped(path, member.skipped))
            return
        if depth + 1 > self.limits.max_depth:
            issues.append(FileError(path, f"nested deeper than {self.limits.max_depth} archives"))
            return
        stream = io.BytesIO(member.data)
        outcome = self._scan_stream(
            stream, path, _base_name(member.name), len(member.data), depth + 1, located, issues
        )
        if outcome is not None:
            issues.append(outcome)


class OverTimeBudget(LimitExceeded):
    """A file's time budget ran out between two of its units (see FileScanner.time_budget_s)."""


PKCS12_NAMES = (".pfx", ".p12")


def _probe_kind(kind: FileKind, name: str, stream: BinaryIO, size: int) -> FileKind:
    """Kinds only the file's whole content can tell: a .pfx/.p12 that opens with an empty or common
    password becomes "pkcs12-weak", which the key.pkcs12-common-password file rule reports."""
    if name.lower().endswith(PKCS12_NAMES) and size <= PKCS12_MAX_BYTES:
        stream.seek(0)
        if probe_pkcs12(stream.read(PKCS12_MAX_BYTES + 1)) is not None:
            return "pkcs12-weak"
    return kind


def _base_name(path: str) -> str:
    """ "share/IT/unattend.xml" -> "unattend.xml" (also for Windows-style archive member names)."""
    return posixpath.basename(path.replace("\\", "/")) or path


def _load(stream: BinaryIO, expected_size: int) -> tuple[BinaryIO, str, int]:
    """The stream to extract from, the SHA-256 of the file, and its size as read.

    Small files are read once into memory and hashed on the way. Large ones are hashed in a streaming
    pass, then rewound for the extractor (which may stop early, e.g. at max_text_bytes).
    """
    digest = hashlib.sha256()
    if expected_size <= IN_MEMORY_BYTES:
        data = stream.read(IN_MEMORY_BYTES + 1)
        if len(data) <= IN_MEMORY_BYTES:  # the file did not grow past the in-memory cap meanwhile
            digest.update(data)
            return io.BytesIO(data), digest.hexdigest(), len(data)
        digest.update(data)
        size = len(data)
    else:
        size = 0
    while chunk := stream.read(HASH_CHUNK):
        digest.update(chunk)
        size += len(chunk)
    stream.seek(0)
    return stream, digest.hexdigest(), size
