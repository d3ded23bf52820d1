"""Candidate -> Finding: rule metadata, masking, keyed hashes, per-file severity and de-duplication.

This is the one place where a plaintext secret becomes its safe forms (mask, HMAC). The plaintext
is kept on the Finding only when the user asked for --show-secrets.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from credscan.model import SEVERITY_RANK, Candidate, Category, FileMeta, Finding, Severity
from credscan.redact import Fingerprinter, Redactor, mask_secret, mask_tokens
from credscan.remediation import render_remediation
from credscan.sources.identity import identity_path

ESCALATED_CATEGORY = "plaintext-password"
ESCALATION_THRESHOLD = 10
"""A file holding this many distinct plaintext passwords, each with the account it opens, is a list of
logins: its passwords are critical, not high (docs/detection.md: "critical when a file holds 10 or more",
earned by the credentials rather than by the count of hits)."""
SYSTEMATIC_MIN = 20
"""From this many hits of one rule in one place (a column, or a text rule in a file), the hits are
checked for one systematic misreading."""
SECRET_LIKE_SHARE = 0.5
"""A real password column or log is mostly secret-like values (see _secret_like); below this share the
hits read a column of prose, names, tags or versions."""


class RuleMeta(Protocol):
    """What findings need from a rule (credscan.detect.rules.Rule satisfies it)."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def category(self) -> Category: ...
    @property
    def severity(self) -> Severity: ...
    @property
    def confidence(self) -> float: ...
    @property
    def remediation(self) -> str: ...


class RuleLookup(Protocol):
    def get(self, rule_id: str) -> RuleMeta: ...


@dataclass(frozen=True, slots=True)
class FindingPolicy:
    """The per-installation and per-run settings that shape findings."""

    fingerprinter: Fingerprinter
    vault_name: str
    vault_url: str | None
    min_severity: str = "info"
    show_secrets: bool = False


def build_findings(
    located: Iterable[tuple[str, Candidate]],
    rules: RuleLookup,
    meta: FileMeta,
    policy: FindingPolicy,
) -> list[Finding]:
    """All findings of one file on disk (its archive members included), in document order.

    ``located`` pairs each candidate with its display path (the file, or "outer.zip!member").
    """
    best: dict[tuple[str, str, str], tuple[str, Candidate, float]] = {}
    for path, candidate in located:
        confidence = _confidence(candidate, rules.get(candidate.rule_id))
        key = (path, _location_key(candidate.location), candidate.secret)
        kept = best.get(key)
        if kept is None or confidence > kept[2]:
            best[key] = (path, candidate, confidence)
    chosen = [(path, candidate) for path, candidate, _ in best.values()]
    summaries, dropped = _systematic(chosen, rules)
    kept_pairs: list[tuple[Finding, str]] = []
    for index, (path, candidate) in enumerate(chosen):
        if index in dropped:
            continue  # one misreading: reported once, and no keyed hash spent on each of its hits
        finding = _finding(path, candidate, rules.get(candidate.rule_id), meta, policy)
        if index in summaries:
            finding.severity = "info"
            finding.context = (
                f"{summaries[index]} values read by this rule here look like one systematic misreading "
                f"(few look like passwords); reported once: {finding.context}"
            )[:MAX_SUMMARY]
        kept_pairs.append((finding, candidate.secret))
    findings = [finding for finding, _ in kept_pairs]
    _mask_neighbours(kept_pairs)
    _escalate(kept_pairs)
    floor = SEVERITY_RANK.get(policy.min_severity, 0)
    kept_findings = [f for f in findings if SEVERITY_RANK[f.severity] >= floor]
    if not policy.show_secrets:
        for finding in kept_findings:
            finding.secret = None
    return kept_findings


def _location_key(location: dict[str, object]) -> str:
    return json.dumps(location, sort_keys=True, default=str)


WITHIN_LINE = frozenset({"cell", "column"})
"""Location keys that tell places on one line or table row apart."""
WHOLE_FILE_REDACTION = 256
"""Up to this many secrets in a file, every context is redacted with all of them (a context that spans
lines, a label that quotes another secret); past it, with those of its own line or row only, which keeps a
10,000-row export linear."""


def _mask_neighbours(found: list[tuple[Finding, str]]) -> None:
    """Mask, in each finding's context and account, the secrets of the other findings of its file (or of
    its line or row, in a large file), also a piece of one that the context window cut at an edge: a
    detector masks only its own secret, and two credentials often share a line ("net use … PASS /user:…",
    a row with two password columns, minified JSON). Every credential-like token is masked as well
    (mask_tokens), whichever detector built the context.
    """
    groups: dict[tuple[str, str], list[tuple[Finding, str]]] = {}
    small = len(found) <= WHOLE_FILE_REDACTION
    for finding, secret in found:
        finding.context = mask_tokens(finding.context)
        line = {k: v for k, v in finding.location.items() if k not in WITHIN_LINE}
        key = ("", "") if small else (finding.path, _location_key(line))
        groups.setdefault(key, []).append((finding, secret))
    for members in groups.values():
        redact = Redactor(secret for _, secret in members)
        for finding, _ in members:
            finding.context = redact(finding.context, edges=True)
            if finding.account:
                finding.account = redact(finding.account, edges=True)


def _finding(
    path: str, candidate: Candidate, rule: RuleMeta, meta: FileMeta, policy: FindingPolicy
) -> Finding:
    secret = candidate.secret
    return Finding(
        id=policy.fingerprinter.finding_id(identity_path(path), rule.id, candidate.location, secret),
        rule_id=rule.id,
        rule_name=rule.name,
        category=rule.category,
        severity=rule.severity,
        confidence=_confidence(candidate, rule),
        path=path,
        location=dict(candidate.location),
        secret_masked=mask_secret(secret) if secret else "",
        secret_hash=policy.fingerprinter.secret_hash(secret) if secret else "",
        context=candidate.context,
        account=candidate.account,
        file=meta,
        remediation=render_remediation(rule.category, rule.remediation, policy.vault_name, policy.vault_url),
        secret=secret or None,
        legacy_id=policy.fingerprinter.legacy_finding_id(path, rule.id, candidate.location, secret),
    )


def _escalate(found: list[tuple[Finding, str]]) -> None:
    """Critical is earned: ten distinct plaintext passwords in one file, each with the account it opens
    (a list of logins an attacker would use first). Many hits without accounts, or the same few values
    repeated, stay high."""
    passwords = [(f, s) for f, s in found if f.category == ESCALATED_CATEGORY and f.severity != "info"]
    usable = {s for f, s in passwords if f.account}
    if len(usable) >= ESCALATION_THRESHOLD:
        for finding, _ in passwords:
            finding.severity = "critical"


_PLACE_KEYS = frozenset({"row", "cell", "line", "paragraph", "page"})
"""Location keys that tell the hits of one column or one text apart; the rest names the column/sheet."""


def _secret_like(secret: str) -> bool:
    """No blank, and a letter with a digit, or three of lower case, upper case, digit and symbol: what
    most passwords, keys and tokens are, and tag names, versions, paths and summaries are not."""
    if any(c.isspace() for c in secret):
        return False
    lower = any(c.islower() for c in secret)
    upper = any(c.isupper() for c in secret)
    digit = any(c.isdigit() for c in secret)
    symbol = any(not c.isalnum() for c in secret)
    return ((lower or upper) and digit) or lower + upper + digit + symbol >= 3


def _systematic(chosen: list[tuple[str, Candidate]], rules: RuleLookup) -> tuple[dict[int, int], set[int]]:
    """One misreading repeated down a column or a file (a header guessed wrong over 50,000 rows of
    package summaries, a tags file) is one finding at severity info that says so, not thousands of
    passwords: when a rule has SYSTEMATIC_MIN hits in one place and fewer than SECRET_LIKE_SHARE of their
    values look like secrets (see _secret_like). Exports, stores and keys are lists by nature: never.

    Returns the index of each group's first candidate with the group's size, and the indexes to drop."""
    groups: dict[tuple[str, str, str], list[int]] = {}
    for index, (path, candidate) in enumerate(chosen):
        if rules.get(candidate.rule_id).category not in WHOLE_LISTS:
            place = {k: v for k, v in candidate.location.items() if k not in _PLACE_KEYS}
            groups.setdefault((path, candidate.rule_id, _location_key(place)), []).append(index)
    summaries: dict[int, int] = {}
    dropped: set[int] = set()
    for members in groups.values():
        if len(members) < SYSTEMATIC_MIN:
            continue
        secrets = [chosen[i][1].secret for i in members]
        if sum(map(_secret_like, secrets)) >= SECRET_LIKE_SHARE * len(secrets):
            continue
        summaries[members[0]] = len(members)
        dropped.update(members[1:])
    return summaries, dropped


def _confidence(candidate: Candidate, rule: RuleMeta) -> float:
    confidence = rule.confidence if candidate.confidence is None else candidate.confidence
    return max(0.0, min(1.0, float(confidence)))


MAX_SUMMARY = 300
WHOLE_LISTS = frozenset({"password-export", "credential-store", "private-key"})
