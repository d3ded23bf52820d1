"""Candidate -> Finding: rule metadata, masking, keyed hashes, per-file severity and de-duplication.

This is the one place where a plaintext secret becomes its safe forms (mask, HMAC). The plaintext
is kept on the Finding only when the user asked for --show-secrets.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, cast

from credscan.model import SEVERITIES, SEVERITY_RANK, Candidate, FileMeta, Finding, Severity
from credscan.redact import Fingerprinter, Redactor, mask_secret
from credscan.remediation import render_remediation
from credscan.sources.identity import identity_path

ESCALATED_CATEGORY = "plaintext-password"
ESCALATION_THRESHOLD = 10
"""docs/detection.md: a file holding this many plaintext passwords is critical, not high."""


class RuleMeta(Protocol):
    """What findings need from a rule (credscan.detect.rules.Rule satisfies it)."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def severity(self) -> str: ...
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
    best: dict[tuple[str, str, str], tuple[Finding, str]] = {}
    for path, candidate in located:
        finding = _finding(path, candidate, rules.get(candidate.rule_id), meta, policy)
        key = (path, _location_key(candidate.location), candidate.secret)
        kept = best.get(key)
        if kept is None or finding.confidence > kept[0].confidence:
            best[key] = (finding, candidate.secret)
    findings = [finding for finding, _ in best.values()]
    _mask_neighbours(list(best.values()))
    _escalate(findings)
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


def _mask_neighbours(found: list[tuple[Finding, str]]) -> None:
    """Mask, in each finding's context and account, the secrets of the other findings on its line or
    row: a detector masks only its own secret, and two credentials often share a line ("net use … PASS
    /user:…", a row with two password columns). Grouping by line keeps this linear on a 10,000-row export.
    """
    groups: dict[tuple[str, str], list[tuple[Finding, str]]] = {}
    for finding, secret in found:
        line = {k: v for k, v in finding.location.items() if k not in WITHIN_LINE}
        groups.setdefault((finding.path, _location_key(line)), []).append((finding, secret))
    for members in groups.values():
        if len(members) < 2:
            continue
        redact = Redactor(secret for _, secret in members)
        for finding, _ in members:
            finding.context = redact(finding.context)
            if finding.account:
                finding.account = redact(finding.account)


def _finding(
    path: str, candidate: Candidate, rule: RuleMeta, meta: FileMeta, policy: FindingPolicy
) -> Finding:
    secret = candidate.secret
    confidence = rule.confidence if candidate.confidence is None else candidate.confidence
    return Finding(
        id=policy.fingerprinter.finding_id(identity_path(path), rule.id, candidate.location, secret),
        rule_id=rule.id,
        rule_name=rule.name,
        category=rule.category,
        severity=_severity(rule.severity),
        confidence=max(0.0, min(1.0, float(confidence))),
        path=path,
        location=dict(candidate.location),
        secret_masked=mask_secret(secret) if secret else "",
        secret_hash=policy.fingerprinter.secret_hash(secret) if secret else "",
        context=candidate.context,
        account=candidate.account,
        file=meta,
        remediation=render_remediation(rule.category, rule.remediation, policy.vault_name, policy.vault_url),
        secret=secret or None,
    )


def _severity(name: str) -> Severity:
    if name not in SEVERITIES:
        raise ValueError(f"unknown severity {name!r}")
    return cast(Severity, name)


def _escalate(findings: list[Finding]) -> None:
    passwords = [f for f in findings if f.category == ESCALATED_CATEGORY]
    if len(passwords) >= ESCALATION_THRESHOLD:
        for finding in passwords:
            finding.severity = "critical"
