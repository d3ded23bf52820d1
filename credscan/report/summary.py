"""The numbers of the report: counts by severity, category, folder and owner; password reuse; oldest exposure.

Only findings that still need action (status "open") are counted; accepted and false-positive findings are
listed in the table with their status but do not inflate the risk figures.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from dataclasses import dataclass

from credscan.model import SEVERITIES
from credscan.report.data import ReportFinding, ReportInput

TOP_N = 10
"""Bars per chart; the rest is summed up as "other"."""

OTHER = "(other)"


@dataclass(frozen=True, slots=True)
class ReusedSecret:
    masked: str
    files: int
    findings: int


@dataclass(slots=True)
class Summary:
    open_findings: list[ReportFinding]
    by_severity: dict[str, int]
    by_category: list[tuple[str, int]]
    by_folder: list[tuple[str, int]]
    folder_root: str
    """The folder all top folders share (shown once in the caption, cut from the bar labels)."""
    by_owner: list[tuple[str, int]]
    by_status: dict[str, int]
    files_with_findings: int
    distinct_secrets: int
    reused: list[ReusedSecret]
    """Secrets (by secret_hash) found in more than one file, most widespread first."""
    oldest: ReportFinding | None


def outer_path(path: str) -> str:
    """An archive member "a/b.zip!x/y.txt" lives in the file "a/b.zip"."""
    return path.split("!", 1)[0]


def common_parts(paths: list[list[str]]) -> list[str]:
    """The leading path components all of ``paths`` share."""
    common = paths[0] if paths else []
    for parts in paths[1:]:
        size = 0
        while size < min(len(common), len(parts)) and common[size] == parts[size]:
            size += 1
        common = common[:size]
    return common


def folder_buckets(paths: list[str]) -> dict[str, str]:
    """Map each path to its top folder: the longest folder all paths share, plus one more level.

    For smb://server/share/… paths this groups by share when several shares are involved.
    """
    folders = {p: posixpath.dirname(outer_path(p).replace("\\", "/")) for p in paths}
    if not folders:
        return {}
    split = {p: f.split("/") for p, f in folders.items()}
    depth = len(common_parts(list(split.values()))) + 1
    return {p: "/".join(parts[:depth]) or "." for p, parts in split.items()}


def common_root(folders: set[str]) -> str:
    """ "/srv/shares/" for {"/srv/shares/it", "/srv/shares/hr"}; "" for one folder or none in common."""
    if len(folders) < 2:
        return ""
    common = common_parts([folder.split("/") for folder in folders])
    if all(part == "" or part.endswith(":") for part in common):  # only "/" or "smb://" in common
        return ""
    return "/".join(common) + "/"


def top_counts(counter: Counter[str], limit: int = TOP_N) -> list[tuple[str, int]]:
    """The ``limit`` largest entries (ties by name), the rest summed into one "(other)" bar."""
    ranked = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
    if len(ranked) <= limit:
        return ranked
    rest = sum(count for _, count in ranked[limit - 1 :])
    return [*ranked[: limit - 1], (OTHER, rest)]


def summarize(report: ReportInput) -> Summary:
    open_findings = [f for f in report.findings if f.status == "open"]
    severity = Counter(f.severity for f in open_findings)
    buckets = folder_buckets([f.path for f in open_findings])

    files_per_hash: dict[str, set[str]] = {}
    findings_per_hash: Counter[str] = Counter()
    masked_per_hash: dict[str, str] = {}
    for finding in open_findings:
        if not finding.secret_hash:
            continue
        files_per_hash.setdefault(finding.secret_hash, set()).add(outer_path(finding.path))
        findings_per_hash[finding.secret_hash] += 1
        masked_per_hash.setdefault(finding.secret_hash, finding.masked)
    reused = sorted(
        (
            ReusedSecret(masked_per_hash[h], len(files), findings_per_hash[h])
            for h, files in files_per_hash.items()
            if len(files) > 1
        ),
        key=lambda r: (-r.files, -r.findings, r.masked),
    )
    dated = [f for f in open_findings if f.exposed_since is not None]
    return Summary(
        open_findings=open_findings,
        by_severity={name: severity.get(name, 0) for name in SEVERITIES},
        by_category=top_counts(Counter(f.category for f in open_findings)),
        by_folder=top_counts(Counter(buckets[f.path] for f in open_findings)),
        folder_root=common_root(set(buckets.values())),
        by_owner=top_counts(Counter(f.owner for f in open_findings)),
        by_status=dict(Counter(f.status for f in report.findings)),
        files_with_findings=len({outer_path(f.path) for f in open_findings}),
        distinct_secrets=len(files_per_hash),
        reused=reused,
        oldest=min(dated, key=lambda f: f.exposed_since or 0.0) if dated else None,
    )
