"""The scan pipeline: walk targets, extract and detect in workers, assemble findings and stats.

    walk_targets (parent) --FileRef--> Scanner workers: open -> type -> extract -> detect -> Finding
                                                  --FileResult--> run_scan: ScanResult (sorted, counted)

One file's way through the pipeline is credscan.filescan.FileScanner: in the worker processes (rules
compiled once per worker) and in-process for --jobs 0 and the agent's watcher (Scanner.scan_one). This
module imports it only when a file is to be scanned, so an incremental rescan of an unchanged tree (and the
parent of a scan) never loads the detection engine and the parsers. The records passed between the stages
(ScanOptions, FileResult, ScanResult) live in credscan.model.
"""

from __future__ import annotations

import itertools
import sys
import time
import warnings
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from credscan.errors import UserError
from credscan.keys import load_fingerprint_key
from credscan.limits import worker_plan
from credscan.model import (
    FileError,
    FileRef,
    FileResult,
    Finding,
    ScanOptions,
    ScanResult,
    ScanStats,
    WalkEntry,
)
from credscan.sources import open_source
from credscan.statedir import default_state_dir
from credscan.workers import WorkerPool

if TYPE_CHECKING:
    from credscan.filescan import FileScanner
    from credscan.progress import Progress

WORKER_PRELOAD = ("credscan.filescan",)
"""Imported once by the forkserver, so a new (or replacement) worker starts with the pipeline loaded."""


def with_fingerprint_key(options: ScanOptions) -> ScanOptions:
    """Fill in the installation's key when the caller left it empty."""
    if options.fingerprint_key:
        return options
    return replace(options, fingerprint_key=load_fingerprint_key(default_state_dir()).key)


def with_source_secrets(options: ScanOptions) -> ScanOptions:
    """Resolve the SMB password for the workers (they start without the environment's secrets), and tell
    the SMB source how many workers share the per-server request limit."""
    if not options.source_options or options.jobs < 1:
        return options
    from credscan.sources.smb import for_processes, with_resolved_password

    source_options = for_processes(with_resolved_password(options.source_options), options.jobs)
    return replace(options, source_options=source_options)


def walk_targets(targets: Sequence[str], options: ScanOptions) -> Iterator[WalkEntry]:
    """Every entry below every target. All targets are checked before the first entry is yielded, so a
    mistyped path is a UserError up front rather than after an hour of scanning."""
    sources = [open_source(target, options) for target in targets]
    walk_options = options.walk_options()

    def entries() -> Iterator[WalkEntry]:
        for source in sources:
            yield from source.walk(walk_options)

    return entries()


# ---------------------------------------------------------------------------
# Worker processes
# ---------------------------------------------------------------------------


SOFT_BUDGET_SHARE = 0.9
"""A worker stops reading a file at this share of file_timeout_s and reports what it found, before the
parent's hard stop at file_timeout_s kills it with the file's findings (an extractor that never returns)."""


def _worker_setup(options: ScanOptions) -> FileScanner:
    """Runs once in each worker: memory capped, rules loaded and compiled here, not per file. Libraries'
    warnings about the files read stay off the terminal, as in the parent (credscan.cli)."""
    from credscan.filescan import FileScanner  # preloaded by the forkserver (WORKER_PRELOAD)

    if not sys.warnoptions:
        warnings.simplefilter("ignore")
    cap_address_space(options.limits.worker_memory_bytes)
    budget = options.limits.file_timeout_s * SOFT_BUDGET_SHARE
    return FileScanner(options, time_budget_s=budget)  # with prefetch(): SMB files are read ahead


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


def _within_memory_budget(options: ScanOptions) -> ScanOptions:
    """Workers and their address space from the scan's whole memory budget (credscan.limits.worker_plan)."""
    if options.jobs < 1:
        return options
    jobs, per_worker = worker_plan(options.limits, options.jobs)
    limits = replace(options.limits, worker_memory_bytes=per_worker)
    return replace(options, jobs=jobs, limits=limits)


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
        self.options = with_source_secrets(_within_memory_budget(with_fingerprint_key(options)))
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
                queue_depth=self._queue_depth(),
            )
            if start_workers:
                self._pool.start()  # the workers import and compile while this process loads the rules
        if start_workers or self._pool is None:
            try:
                self._scanner()  # a bad rule is a UserError now, not at the first file
            except BaseException:
                self.close(abort=True)
                raise

    def _queue_depth(self) -> int:
        """Files handed to a worker ahead: more on SMB scans, whose workers read them ahead."""
        if not self.options.source_options:
            return WorkerPool.QUEUE_DEPTH
        from credscan.sources.smb import worker_queue_depth

        return worker_queue_depth(self.options.source_options, WorkerPool.QUEUE_DEPTH)

    def _scanner(self) -> FileScanner:
        """This process's FileScanner (rules loaded on first use)."""
        if self._local is None:
            from credscan.filescan import FileScanner  # the engine and parsers load with the first file

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
        """Results in completion order; at most jobs × the queue depth files are in flight, whatever
        ``refs`` holds (it is consumed lazily: a million-file walk stays a stream)."""
        if self._pool is None:
            return self._in_process(refs)
        return self._pool.map(self._rules_loaded_first(refs))

    def _in_process(self, refs: Iterable[FileRef]) -> Iterator[FileResult]:
        """--jobs 0: one file after another, the next ones shown to the scanner as a worker shows them."""
        scanner = self._scanner()
        pending = iter(refs)
        ahead: deque[FileRef] = deque(itertools.islice(pending, self._queue_depth()))
        while ahead:
            ref = ahead.popleft()
            ahead.extend(itertools.islice(pending, 1))
            if ahead:
                scanner.prefetch(list(ahead))
            yield scanner.scan(ref)

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
    if progress is not None and not any("://" in target for target in targets):
        progress.count(walk_targets(targets, options))  # local only: an SMB share is not walked twice
    try:
        with Scanner(options) as scanner:
            for result in scanner.scan(refs):
                findings.extend(result.findings)
                count_result(stats, result)
                if progress is not None:
                    progress.update(stats, result.ref)
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


def walk_roots(roots: Sequence[str], options: ScanOptions, stats: ScanStats) -> Iterator[FileRef]:
    """The files to scan below each root, walked on its own (the agent and `agent run --once`): a root that
    is missing or unreachable becomes an error in ``stats`` and the others still scan (a full scan then
    keeps that root's findings), where run_scan refuses a mistyped target before it starts."""
    for root in roots:
        try:
            yield from file_refs(walk_targets([root], options), stats)
        except (UserError, OSError) as exc:
            stats.add_error(FileError(root, str(exc) or type(exc).__name__))


def count_result(stats: ScanStats, result: FileResult) -> None:
    """Fold one file's result into the totals (shared with the agent, which keeps findings elsewhere)."""
    own = [issue for issue in (result.skipped, result.error) if issue is not None]
    scanned = result.skipped is None and (result.error is None or result.error.partial)  # read up to a cap
    stats.add_file(result.bytes_scanned, len(result.findings), [*own, *result.member_issues], scanned=scanned)
