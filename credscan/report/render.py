"""ReportInput -> one self-contained HTML file (inline CSS, inline SVG, a small inline script).

Why no template engine: the page is a handful of fixed sections, and every value goes through one escape
function here, which is easy to audit. Paths, contexts and owners come from the scanned files and are hostile.
A Content-Security-Policy with hashes of the inline style and script blocks any fetch and any injected script,
as a second line of defence behind the escaping.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import defaultdict
from datetime import UTC, datetime
from html import escape
from importlib import resources
from string import Template

from credscan import __version__
from credscan.exposure import LEVEL_WEIGHT
from credscan.model import SEVERITIES, SEVERITY_RANK
from credscan.remediation import category_guidance
from credscan.report.data import HistoryPoint, ReportFinding, ReportInput
from credscan.report.executive import Executive, executive, risk
from credscan.report.summary import Summary, summarize
from credscan.report.svg import bar_chart, history_chart

PLAN_FILES = 15
MAX_ROWS = 1000
"""Findings listed in the HTML (the riskiest first); the rest go to the CSV annex, so a report of 100,000
findings stays a few megabytes and renders in seconds."""
SCOPE_SHOWN = 10
"""Files listed per remediation group; the rest is counted."""

REUSED_ROWS = 10
MASK_SHOWN = 24
"""Masked values longer than this (keys, tokens) are shortened for display; the ends stay as masked."""
DAY = 86400.0


def _asset(name: str) -> str:
    return resources.files("credscan.report").joinpath(name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def format_age(seconds: float | None) -> str:
    if seconds is None:
        return "unknown"
    days = max(0.0, seconds) / DAY
    if days < 1:
        return "< 1 day"
    if days < 60:
        return f"{int(days)} days"
    if days < 730:
        return f"{int(days / 30.44)} months"
    return f"{int(days / 365.25)} years"


def _date(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d")


def vault_html(name: str, url: str | None) -> str:
    """The vault's name, and its URL as a link when it is a web address (never javascript: or data:)."""
    if not url:
        return f'<strong class="vault">{escape(name)}</strong>'
    shown = escape(url)
    link = f'<a href="{shown}">{shown}</a>' if url.lower().startswith(("https://", "http://")) else shown
    return f'<strong class="vault">{escape(name)}</strong> ({link})'


def short_mask(masked: str) -> str:
    """ "--*****…*****bn" rather than a 400-character row of stars for a private key."""
    if len(masked) <= MASK_SHOWN:
        return masked
    return masked[:2] + "*" * 8 + "…" + "*" * 8 + masked[-2:]


def _card(key: str, label: str, value: int | None, note: str = "") -> str:
    shown = "—" if value is None else str(value)
    count = "" if value is None else f' data-count="{value}"'
    extra = f'<span class="label">{escape(note)}</span>' if note else ""
    return (
        f'<div class="card" id="card-{key}"{count}><span class="value">{shown}</span>'
        f'<span class="label">{escape(label)}</span>{extra}</div>'
    )


def _cards(report: ReportInput, summary: Summary) -> str:
    closed = {k: v for k, v in summary.by_status.items() if k != "open"}
    if report.resolved:
        closed["resolved"] = report.resolved
    closed_note = ", ".join(f"{v} {k}" for k, v in sorted(closed.items()))
    return "".join(
        [
            _card("files-scanned", "files scanned", report.files_scanned),
            _card("open-findings", "open findings", len(summary.open_findings), closed_note),
            _card("files-with-findings", "files with findings", summary.files_with_findings),
            _card("distinct-secrets", "distinct passwords", summary.distinct_secrets),
            _card("reused-secrets", "reused across files", len(summary.reused)),
            _card("errors", "files that could not be read", report.errors),
        ]
    )


def _severities(summary: Summary) -> str:
    return "".join(
        f'<span class="sev sev-{name}" data-severity="{name}" data-count="{count}">{count} {name}</span>'
        for name, count in summary.by_severity.items()
    )


def _oldest(report: ReportInput, summary: Summary) -> str:
    oldest = summary.oldest
    if oldest is None or oldest.exposed_since is None:
        return '<p id="oldest">Oldest exposure: unknown.</p>'
    age = report.generated_at.timestamp() - oldest.exposed_since
    where = f"{oldest.path} ({oldest.location})" if oldest.location else oldest.path
    return (
        f'<p id="oldest" data-since="{_date(oldest.exposed_since)}">Oldest exposure: since at least '
        f"<strong>{_date(oldest.exposed_since)}</strong> ({format_age(age)}) "
        f"in <code>{escape(where)}</code>.</p>"
    )


def _reused(summary: Summary) -> str:
    if not summary.reused:
        return ""
    rows = "".join(
        f'<tr data-files="{r.files}"><td class="masked">{escape(short_mask(r.masked))}</td><td>{r.files}</td>'
        f"<td>{r.findings}</td></tr>"
        for r in summary.reused[:REUSED_ROWS]
    )
    more = len(summary.reused) - REUSED_ROWS
    tail = f'<p class="muted">… and {more} more.</p>' if more > 0 else ""
    return (
        '<section id="reused"><h2>Passwords used in more than one file</h2>'
        "<p>The same password in several places usually means it is also used on several systems: "
        "rotate it everywhere.</p>"
        f"<table><thead><tr><th>Masked value</th><th>Files</th><th>Findings</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>{tail}</section>"
    )


def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    """ "Clients!D10" after "Clients!D9": digit runs compare as numbers."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", text) if part)


def _sort_key(finding: ReportFinding) -> tuple[int, int, float, str, tuple[tuple[int, int | str], ...]]:
    since = finding.exposed_since if finding.exposed_since is not None else float("inf")
    severity = SEVERITY_RANK.get(finding.severity, 0)
    return (-risk(finding), -severity, since, finding.path, _natural(finding.location))


def _breakable(path: str) -> str:
    """A long path wraps after its separators, not in the middle of a name."""
    return escape(path).replace("/", "/<wbr>").replace("\\", "\\<wbr>").replace("!", "!<wbr>")


def sorted_findings(report: ReportInput) -> list[ReportFinding]:
    """Riskiest first (severity x exposure), then the longest exposed: the table's and the annex's order."""
    return sorted(report.findings, key=_sort_key)


def _row(finding: ReportFinding, now: float) -> str:
    age = None if finding.exposed_since is None else now - finding.exposed_since
    search = " ".join(
        [
            finding.path,
            finding.location,
            finding.category,
            finding.severity,
            finding.owner,
            finding.masked,
            finding.account,
            finding.rule_name,
            finding.context,
            finding.status,
        ]
    ).lower()
    context = f'<span class="context">{escape(finding.context)}</span>' if finding.context else ""
    status = escape(finding.status) + (f" — {escape(finding.status_reason)}" if finding.status_reason else "")
    readable_by = escape(finding.exposure or "not known")
    if finding.share_acl == "unknown":  # the file's DACL alone: the share may let fewer people in
        readable_by += ' <span class="note">(file permissions; share permissions not readable)</span>'
    return (
        f'<tr data-id="{escape(finding.id)}" data-severity="{escape(finding.severity)}" '
        f'data-category="{escape(finding.category)}" data-status="{escape(finding.status)}" '
        f'data-search="{escape(search)}">'
        f'<td class="path">{_breakable(finding.path)}{context}</td>'
        f"<td>{escape(finding.location)}</td>"
        f'<td title="{escape(finding.rule_name)}">{escape(finding.category)}</td>'
        f'<td data-sort="{SEVERITY_RANK.get(finding.severity, 0)}">'
        f'<span class="sev sev-{escape(finding.severity)}">{escape(finding.severity)}</span></td>'
        f"<td>{escape(finding.owner)}</td>"
        f'<td data-sort="{LEVEL_WEIGHT.get(finding.exposure, 0)}">{readable_by}</td>'
        f'<td data-sort="{-1 if age is None else round(age)}">{format_age(age)}</td>'
        f'<td class="masked">{escape(short_mask(finding.masked))}</td>'
        f"<td>{status}</td></tr>"
    )


def _options(values: list[str], everything: str, selected: str = "") -> str:
    first = f'<option value="">{escape(everything)}</option>'
    chosen = ' selected="selected"'
    return first + "".join(
        f'<option value="{escape(v)}"{chosen if v == selected else ""}>{escape(v)}</option>' for v in values
    )


def _header(report: ReportInput, summary: Summary) -> str:
    """Whose report and of what, in words: client, MSP and logo, the shares assessed, the date."""
    logo = f'<img class="logo" alt="" src="{escape(report.logo)}">' if report.logo else ""
    client = (
        f'<p class="client">for <strong>{escape(report.client_name)}</strong></p>'
        if report.client_name
        else ""
    )
    msp = f'<p class="msp">prepared by {escape(report.msp_name)}</p>' if report.msp_name else ""
    roots = report.scope or ([summary.folder_root] if summary.folder_root else [])
    if roots:
        shown = ", ".join(f"<code>{escape(root)}</code>" for root in roots[:SCOPE_SHOWN])
        more = f" and {len(roots) - SCOPE_SHOWN} more" if len(roots) > SCOPE_SHOWN else ""
        scope = f"Scope: {shown}{more}"
    else:
        scope = f"Scope: {escape(report.source)}"
    dated = report.generated_at.strftime("%d %B %Y")
    title = "<h1>Credential exposure risk assessment</h1>"
    return f'{logo}{title}{client}{msp}<p class="meta">{scope} &middot; as of {dated}</p>'


def _executive(report: ReportInput, summary: Summary) -> str:
    view: Executive = executive(report, summary.open_findings)
    reasons = "".join(f"<li>{escape(reason)}</li>" for reason in view.reasons)
    vault = vault_html(report.vault_name, report.vault_url)
    actions = "".join(
        f'<li data-category="{escape(a.category)}">'
        f"<strong>{escape(category_guidance(a.category)[0])}</strong> "
        f"{a.findings} finding{'s' if a.findings != 1 else ''} in {a.files} file{'s' if a.files != 1 else ''}"
        f" ({escape(a.category)}; worst: {escape(a.worst.severity)}, readable by "
        f"{escape(a.worst.exposure or 'not known')}). Move what is still needed into {vault}.</li>"
        for a in view.actions
    )
    if view.changes is None:
        change = '<p id="changes" class="muted">No previous report to compare with (use --since DATE).</p>'
    else:
        c = view.changes
        resolved = (
            ""
            if c.resolved is None
            else f', <strong data-count="{c.resolved}">{c.resolved}</strong> resolved'
        )
        change = (
            f'<p id="changes">Since {c.since.strftime("%d %B %Y")}: '
            f'<strong data-count="{c.new}">{c.new}</strong> new, '
            f'<strong data-count="{c.still_open}">{c.still_open}</strong> still open{resolved}.</p>'
        )
    return (
        '<section id="executive"><h2>Executive summary</h2>'
        f'<p class="rating rating-{view.rating}" data-rating="{view.rating}">Risk rating: '
        f'<strong>{view.rating}</strong></p><ul class="reasons">{reasons}</ul>'
        f'<h3>Most important actions</h3><ol id="top-actions">{actions or "<li>None.</li>"}</ol>'
        f"{change}</section>"
    )


def _owner_chart(summary: Summary) -> str:
    """A chart of one bar says nothing a sentence would not."""
    if len(summary.by_owner) == 1:
        owner, count = summary.by_owner[0]
        findings = f"{count} open finding{'s' if count != 1 else ''}"
        owned = f"files owned by <code>{escape(owner)}</code>"
        return f'<p class="chart-empty" id="owner-one">All {findings} are in {owned}.</p>'
    return bar_chart("Open findings by file owner", summary.by_owner)


def _annex(annexed: int) -> str:
    if annexed <= 0:
        return ""
    return (
        f'<p id="annex" data-count="{annexed}">The {MAX_ROWS} riskiest findings are listed here; the other '
        f"{annexed} are in the CSV annex written beside this report.</p>"
    )


def _with_now(report: ReportInput, summary: Summary) -> list[HistoryPoint] | None:
    """The history with today's counts last, so the chart ends where the summary's numbers are (triage
    changes them without a scan adding a history point)."""
    if report.history is None:
        return None
    now = HistoryPoint(report.generated_at, len(summary.open_findings), report.resolved)
    last = report.history[-1] if report.history else None
    if last is not None and (last.open, last.resolved) == (now.open, now.resolved):
        return report.history
    return [*report.history, now]


def _plan(report: ReportInput, summary: Summary) -> str:
    if not summary.open_findings:
        return '<p id="plan-empty">No open findings: nothing to remediate.</p>'
    groups: dict[str, list[ReportFinding]] = defaultdict(list)
    for finding in summary.open_findings:
        groups[finding.category].append(finding)

    def urgency(item: tuple[str, list[ReportFinding]]) -> tuple[int, int, int, str]:
        category, findings = item
        worst = max(SEVERITY_RANK.get(f.severity, 0) for f in findings)
        return (-max(map(risk, findings)), -worst, -len(findings), category)

    vault = vault_html(report.vault_name, report.vault_url)
    parts = []
    for category, findings in sorted(groups.items(), key=urgency):
        summary_text, steps = category_guidance(category)
        files = sorted({f.path.split("!", 1)[0] for f in findings})
        listed = "".join(f"<li>{escape(path)}</li>" for path in files[:PLAN_FILES])
        more = f"<li>… and {len(files) - PLAN_FILES} more</li>" if len(files) > PLAN_FILES else ""
        step_items = "".join(f"<li>{escape(step).replace('{vault}', vault)}</li>" for step in steps)
        parts.append(
            f'<div class="plan-group" data-category="{escape(category)}" data-count="{len(findings)}">'
            f"<h3>{escape(category)}: {len(findings)} finding{'s' if len(findings) != 1 else ''} "
            f"in {len(files)} file{'s' if len(files) != 1 else ''}</h3>"
            f"<p>{escape(summary_text)}</p><ol>{step_items}</ol>"
            f'<ul class="files">{listed}{more}</ul></div>'
        )
    return "".join(parts)


def render_report(report: ReportInput) -> str:
    """The whole HTML document as a string."""
    summary = summarize(report)
    now = report.generated_at.timestamp()
    css, js = _asset("report.css"), _asset("report.js")
    csp = (
        f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(js)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    findings = sorted_findings(report)
    shown, annexed = findings[:MAX_ROWS], len(findings) - MAX_ROWS
    categories = sorted({f.category for f in report.findings})
    statuses = sorted({f.status for f in report.findings})
    values = {
        "csp": csp,
        "css": css,
        "js": js,
        "header": _header(report, summary),
        "executive": _executive(report, summary),
        "generated": report.generated_at.strftime("%Y-%m-%d %H:%M UTC"),
        "vault": vault_html(report.vault_name, report.vault_url),
        "cards": _cards(report, summary),
        "severities": _severities(summary),
        "oldest": _oldest(report, summary),
        "chart_category": bar_chart("Open findings by category", summary.by_category),
        "chart_folder": bar_chart(
            "Open findings by top folder", summary.by_folder, strip_prefix=summary.folder_root
        ),
        "folder_root": f" below <code>{escape(summary.folder_root)}</code>" if summary.folder_root else "",
        "chart_owner": _owner_chart(summary),
        "chart_history": history_chart(_with_now(report, summary)),
        "reused": _reused(summary),
        "severity_options": _options(list(SEVERITIES), "all severities"),
        "category_options": _options(categories, "all categories"),
        "status_options": _options(statuses, "all statuses", selected="open" if "open" in statuses else ""),
        "row_count": str(len(shown)),
        "rows": "\n".join(_row(f, now) for f in shown),
        "no_rows": "" if findings else '<p id="no-findings">No findings.</p>',
        "annex": _annex(annexed),
        "plan": _plan(report, summary),
        "version": escape(__version__),
    }
    return Template(_asset("report.html")).substitute(values)
