"""One scan of the configured roots into the central log: walk -> Scanner -> record_result -> complete_scan.

Shared by `agent run --once` and the long-running agent's scheduled full and incremental scans. A root that
cannot be walked (missing folder, unreachable share) is counted as an error of that root and the other
roots are still scanned; the full-scan sweep then keeps that root's findings instead of resolving them.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import replace

from credscan.central.service import CentralLog
from credscan.config import Config
from credscan.limits import DEFAULT_LIMITS
from credscan.model import FileRef, ScanOptions, ScanStats
from credscan.scan import Scanner, count_result, walk_roots
from credscan.sources import is_remote

SCAN_KINDS = ("full", "incremental", "watch")


def scan_options(config: Config, fingerprint_key: bytes) -> ScanOptions:
    """The scan pipeline's options from the agent config ([scan], [remediation])."""
    source_options: dict[str, str] = {}
    if any(is_remote(root) for root in config.scan.roots):
        from credscan.sources.smb import smb_source_options

        source_options = smb_source_options(
            config.scan.smb_user,
            config.scan.smb_password,
            config.scan.smb_require_encryption,
            config.scan.smb_max_requests,
        )
    return ScanOptions(
        jobs=config.scan.jobs,
        limits=replace(
            DEFAULT_LIMITS,
            max_file_size=config.scan.max_file_size,
            file_timeout_s=config.scan.file_timeout_s,
            archives=config.scan.archives,
            ocr=config.scan.ocr,
            ocr_languages=config.scan.ocr_languages,
        ),
        excludes=tuple(config.scan.exclude),
        vault_name=config.remediation.vault_name,
        vault_url=config.remediation.vault_url,
        fingerprint_key=fingerprint_key,
        source_options=source_options,
    )


def scan_roots(
    central: CentralLog, options: ScanOptions, roots: Sequence[str], kind: str = "full"
) -> ScanStats:
    """Scan roots into the central log. kind "incremental" skips files the store has unchanged."""
    if kind not in SCAN_KINDS:
        raise ValueError(f"unknown scan kind {kind!r}")
    started = time.monotonic()
    stats = ScanStats()
    scan_id = central.begin_scan(kind)
    refs: Iterator[FileRef] = walk_roots(roots, options, stats)
    if kind == "incremental":
        refs = central.unchanged_filter(refs)
    with Scanner(options, start_workers=kind != "incremental") as scanner:
        for result in scanner.scan(refs):
            count_result(stats, result)
            central.record_result(result, scan_id)
    stats.duration_s = time.monotonic() - started
    central.complete_scan(scan_id, stats, roots=roots, full=kind == "full")
    return stats
