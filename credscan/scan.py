"""The scan pipeline: walk targets, extract and detect in workers, assemble findings and stats.

    walk_targets (parent) --FileRef--> Scanner workers: open -> type -> extract -> detect -> Finding
                                                  --FileResult--> run_scan: ScanResult (sorted, counted)

The same FileScanner runs in-process (jobs=1, the agent's watcher via Scanner.scan_one) and in the
worker processes (rules compiled once per worker). One file can never end the scan: every failure
becomes a Skipped or FileError entry with a one-line reason that never quotes the file's content.
"""

from __future__ import annotations

import hashlib
import io
import os
import posixpath
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from credscan.config import DEFAULT_VAULT_NAME
from credscan.detect.decoders import PKCS12_MAX_BYTES, probe_pkcs12
from credscan.detect.engine import DetectionEngine
from credscan.detect.interface import FileInfo
from credscan.detect.rules import RuleSet
from credscan.extract.interface import Encrypted, ExtractContext, ExtractError
from credscan.extract.registry import extractor_for
from credscan.filetype import detect_kind
from credscan.findings import FindingPolicy, build_findings
from credscan.keys import load_fingerprint_key
from credscan.limits import DEFAULT_LIMITS, LimitExceeded, Limits
from credscan.model import Candidate, Embedded, FileError, FileMeta, FileRef, Finding, ScanStats, Skipped
from credscan.redact import Fingerprinter
from credscan.sources import open_file, open_source
from credscan.sources.interface import WalkEntry, WalkOptions
from credscan.sources.local import os_reason
from credscan.statedir import default_state_dir
from credscan.workers import WorkerPool

if TYPE_CHECKING:
    from credscan.progress import Progress

IN_MEMORY_BYTES = 64 * 1024 * 1024
"""Files up to this size are read once into memory (hashed on the way); larger ones are hashed in a
streaming pass and then re-read by the extractor."""
HASH_CHUNK = 1024 * 1024
HEAD_BYTES = 8192
WORKER_PRELOAD = ("credscan.scan",)
"""Imported once by the forkserver, so a new (or replacement) worker starts with the pipeline loaded."""


@dataclass(frozen=True)
class ScanOptions:
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    """Worker processes; 0 runs everything in this process (no per-file time budget: debugging only)."""
    limits: Limits = DEFAULT_LIMITS
    excludes: tuple[str, ...] = ()
    follow_symlinks: bool = False
    rules_dirs: tuple[Path, ...] = ()
    show_secrets: bool = False
    """Keep Finding.secret (only for --show-secrets output)."""
    min_severity: str = "info"
    vault_name: str = DEFAULT_VAULT_NAME
    vault_url: str | None = None
    fingerprint_key: bytes = b""
    """HMAC key; empty means: load the installation's key (credscan.keys) when the scan starts."""
    source_options: dict[str, str] = field(default_factory=dict)
    """Source settings such as SMB user/password/require_encryption (see credscan.sources)."""

    def walk_options(self) -> WalkOptions:
        return WalkOptions(
            excludes=self.excludes,
            max_file_size=self.limits.max_file_size,
            follow_symlinks=self.follow_symlinks,
            extra=dict(self.source_options),
        )


@dataclass
class FileResult:
    ref: FileRef
    findings: list[Finding] = field(default_factory=list)
    skipped: Skipped | None = None
    error: FileError | None = None
    bytes_scanned: int = 0
    member_issues: list[Skipped | FileError] = field(default_factory=list)
    """Archive members (outer.zip!inner) that were skipped or broken while the outer file was fine."""


@dataclass
class ScanResult:
    findings: list[Finding]
    stats: ScanStats


def with_fingerprint_key(options: ScanOptions) -> ScanOptions:
    """Fill in the installation's key when the caller left it empty."""
    if options.fingerprint_key:
        return options
    return replace(options, fingerprint_key=load_fingerprint_key(default_state_dir()).key)


def walk_targets(targets: Sequence[str], options: ScanOptions) -> Iterator[WalkEntry]:
    """Every entry below every target. All targets are checked before the first entry is yielded, so a
    mistyped path is a UserError up front rather than after an hour of scanning."""
    sources = [open_source(target, options) for target in targets]
    walk_options = options.walk_options()

    def entries() -> Iterator[WalkEntry]:
        for source in sources:
            yield from source.walk(walk_options)

    return entries()


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

    def __init__(self, options: ScanOptions, rules: RuleSet | None = None) -> None:
        self.options = options
        self.limits = options.limits
        self.rules = rules if rules is not None else RuleSet.load(options.rules_dirs)
        self.engine = DetectionEngine(self.rules)
        self.policy = FindingPolicy(
            fingerprinter=Fingerprinter(options.fingerprint_key),
            vault_name=options.vault_name,
            vault_url=options.vault_url,
            min_severity=options.min_severity,
            show_secrets=options.show_secrets,
        )

    def scan(self, ref: FileRef) -> FileResult:
        result = FileResult(ref)
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
            located: list[tuple[str, Candidate]] = []
            outcome = self._scan_stream(
                body, ref.path, _base_name(ref.path), size, 0, located, result.member_issues
            )
        if isinstance(outcome, Skipped):
            result.skipped = outcome
        elif isinstance(outcome, FileError):
            result.error = outcome
        meta = FileMeta(size=ref.size, mtime=ref.mtime, owner=ref.owner, sha256=sha256)
        result.findings = build_findings(located, self.rules, meta, self.policy)
        return result

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
        kind = "unknown"
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
            for unit in extractor.extract(stream, ctx):
                if isinstance(unit, Embedded):
                    self._scan_member(path, unit, depth, located, issues)
                else:
                    located.extend((path, candidate) for candidate in self.engine.detect_unit(info, unit))
        except Encrypted:
            return Skipped(path, "encrypted")
        except Exception as exc:
            return FileError(path, _describe(exc, kind))
        return None

    def _scan_member(
        self,
        outer: str,
        member: Embedded,
        depth: int,
        located: list[tuple[str, Candidate]],
        issues: list[Skipped | FileError],
    ) -> None:
        path = f"{outer}!{member.name}"
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


PKCS12_NAMES = (".pfx", ".p12")


def _probe_kind(kind: str, name: str, stream: BinaryIO, size: int) -> str:
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


# ---------------------------------------------------------------------------
# Worker processes
# ---------------------------------------------------------------------------


def _worker_setup(options: ScanOptions) -> Callable[[FileRef], FileResult]:
    """Runs once in each worker: memory capped, rules loaded and compiled here, not per file."""
    cap_address_space(options.limits.worker_memory_bytes)
    return FileScanner(options).scan


def cap_address_space(limit: int) -> None:
    """Cap this process's address space (never raising the hard limit); a no-op where rlimits don't exist."""
    try:
        import resource
    except ImportError:  # Windows
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _failed(ref: FileRef, reason: str) -> FileResult:
    return FileResult(ref, error=FileError(ref.path, reason))


class Scanner:
    """Context manager owning the workers.

    Every jobs >= 1 scans in worker processes, so a file over its time budget can be abandoned (its worker
    killed); jobs=0 scans in this process, without a time budget, for debugging.
    """

    def __init__(self, options: ScanOptions, *, start_workers: bool = True) -> None:
        """``start_workers=False`` starts them with the first file instead (none for an unchanged tree), and
        loads the rules then too: an incremental rescan of an unchanged tree compiles no rule."""
        self.options = with_fingerprint_key(options)
        self._local: FileScanner | None = None
        self._pool: WorkerPool[FileRef, FileResult] | None = None
        if self.options.jobs >= 1:
            self._pool = WorkerPool(
                jobs=self.options.jobs,
                setup=_worker_setup,
                setup_arg=self.options,
                on_failure=_failed,
                timeout_s=self.options.limits.file_timeout_s,
                preload=WORKER_PRELOAD,
            )
            if start_workers:
                self._pool.start()  # the workers import and compile while this process loads the rules
        if start_workers or self._pool is None:
            try:
                self._scanner()  # a bad rule is a UserError now, not at the first file
            except BaseException:
                self.close(abort=True)
                raise

    def _scanner(self) -> FileScanner:
        """This process's FileScanner (rules loaded on first use)."""
        if self._local is None:
            self._local = FileScanner(self.options)
        return self._local

    def __enter__(self) -> Scanner:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc_info: object) -> None:
        self.close(abort=exc_type is not None)

    def close(self, abort: bool = False) -> None:
        if self._pool is not None:
            self._pool.close(abort)
            self._pool = None

    def scan(self, refs: Iterable[FileRef]) -> Iterator[FileResult]:
        """Results in completion order; at most jobs × WorkerPool.QUEUE_DEPTH files are in flight,
        whatever ``refs`` holds (it is consumed lazily: a million-file walk stays a stream)."""
        if self._pool is None:
            return map(self.scan_one, refs)
        return self._pool.map(self._rules_loaded_first(refs))

    def _rules_loaded_first(self, refs: Iterable[FileRef]) -> Iterator[FileRef]:
        """``refs``, with this process's rules loaded before the first file reaches a worker: a bad rule
        is a UserError here rather than a worker that cannot start."""
        for ref in refs:
            self._scanner()
            yield ref

    def scan_one(self, ref: FileRef) -> FileResult:
        """In-process scan of one file (the agent's watcher)."""
        return self._scanner().scan(ref)


def run_scan(targets: Sequence[str], options: ScanOptions, progress: Progress | None = None) -> ScanResult:
    """Scan every target; findings sorted by path (document order within a file) whatever the job count."""
    started = time.monotonic()
    stats = ScanStats()
    findings: list[Finding] = []
    refs = file_refs(walk_targets(targets, options), stats)
    try:
        with Scanner(options) as scanner:
            for result in scanner.scan(refs):
                findings.extend(result.findings)
                count_result(stats, result)
                if progress is not None:
                    progress.update(stats)
    finally:
        if progress is not None:
            progress.close()
    findings.sort(key=lambda finding: finding.path)
    stats.skipped.sort(key=lambda entry: entry.path)
    stats.errors.sort(key=lambda entry: entry.path)
    stats.files_skipped = len(stats.skipped)
    stats.duration_s = time.monotonic() - started
    return ScanResult(findings, stats)


def file_refs(entries: Iterable[WalkEntry], stats: ScanStats) -> Iterator[FileRef]:
    """The files to scan from a walk; what the walk skipped or could not list goes into ``stats``."""
    for entry in entries:
        ref = stats.add_walk_entry(entry)
        if ref is not None:
            yield ref


def count_result(stats: ScanStats, result: FileResult) -> None:
    """Fold one file's result into the totals (shared with the agent, which keeps findings elsewhere)."""
    own = [issue for issue in (result.skipped, result.error) if issue is not None]
    stats.add_file(result.bytes_scanned, len(result.findings), [*own, *result.member_issues], scanned=not own)
