"""The first page for the client: a risk rating with its reasons, the three most important actions, and what
changed since the previous report.

The rating follows the riskiest open finding (severity x exposure, see credscan.exposure): one usable
critical credential readable by everyone makes the whole estate "critical", however few findings there are,
while a hundred findings only their owners can open stay "medium". The reasons say which facts decided it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from credscan.exposure import LEVEL_WEIGHT
from credscan.model import SEVERITY_RANK
from credscan.report.data import ReportFinding, ReportInput

RATINGS = ((12, "critical"), (8, "high"), (4, "medium"), (1, "low"))
"""Lowest risk of the riskiest open finding for each rating (critical x everyone = 16, high x everyone = 12,
critical readable by its owner only = 4)."""
WIDE = ("everyone", "all-users")


def risk(finding: ReportFinding) -> int:
    """Severity weighted by who can read the file: a high finding readable by Everyone comes before a
    critical one only its owner can read."""
    return SEVERITY_RANK.get(finding.severity, 0) * LEVEL_WEIGHT.get(
        finding.exposure, LEVEL_WEIGHT["unknown"]
    )


@dataclass(frozen=True, slots=True)
class Action:
    category: str
    findings: int
    files: int
    worst: ReportFinding


@dataclass(frozen=True, slots=True)
class Changes:
    since: datetime
    new: int
    still_open: int
    resolved: int | None
    """None when the input cannot tell (an on-demand scan keeps no resolved findings)."""


@dataclass(frozen=True, slots=True)
class Executive:
    rating: str
    reasons: list[str]
    actions: list[Action]
    changes: Changes | None


def rate(open_findings: list[ReportFinding]) -> tuple[str, list[str]]:
    """The rating and the facts that decided it, in words a client reads."""
    if not open_findings:
        return "none", ["No open findings: no password was found where it should not be."]
    worst = max(open_findings, key=risk)
    rating = next(name for threshold, name in RATINGS if risk(worst) >= threshold or threshold == 1)
    wide = sum(1 for finding in open_findings if finding.exposure in WIDE)
    critical = sum(1 for finding in open_findings if finding.severity == "critical")
    files = len({finding.path.split("!", 1)[0] for finding in open_findings})
    reasons = [f"{_count(len(open_findings), 'open finding')} in {_count(files, 'file')}."]
    if critical:
        reasons.append(
            f"{_count(critical, 'finding')} rated critical: usable logins an attacker would try first."
        )
    if wide:
        reasons.append(f"{_count(wide, 'finding')} in files every user (or anyone) can read.")
    elif any(finding.exposure for finding in open_findings):
        reasons.append("No finding is in a file that every user can read.")
    unchecked = sum(1 for finding in open_findings if finding.share_acl == "unknown")
    if unchecked:
        reasons.append(
            f"For {_count(unchecked, 'finding')} on network shares the share permissions could not be read: "
            "who can read those files is judged from their own permissions (the share may admit fewer)."
        )
    return rating, reasons


def top_actions(open_findings: list[ReportFinding], limit: int = 3) -> list[Action]:
    """The categories to work on first: the riskiest finding of each decides, then the count."""
    groups: dict[str, list[ReportFinding]] = defaultdict(list)
    for finding in open_findings:
        groups[finding.category].append(finding)
    actions = [
        Action(category, len(found), len({f.path.split("!", 1)[0] for f in found}), max(found, key=risk))
        for category, found in groups.items()
    ]
    actions.sort(key=lambda action: (-risk(action.worst), -action.findings, action.category))
    return actions[:limit]


def changes(report: ReportInput, open_findings: list[ReportFinding]) -> Changes | None:
    """New, still open and resolved since the previous report; None without a date or without a store."""
    if report.since is None or report.history is None:
        return None
    since = report.since.timestamp()
    new = sum(1 for f in open_findings if f.first_seen is not None and f.first_seen >= since)
    return Changes(report.since, new, len(open_findings) - new, report.resolved_since)


def executive(report: ReportInput, open_findings: list[ReportFinding]) -> Executive:
    rating, reasons = rate(open_findings)
    return Executive(rating, reasons, top_actions(open_findings), changes(report, open_findings))


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
