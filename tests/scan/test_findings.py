"""Candidate -> Finding: masking, keyed hashes, stable ids, escalation, de-duplication, severity floor."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from credscan.findings import FindingPolicy, build_findings
from credscan.model import Candidate, FileMeta
from credscan.redact import Fingerprinter

KEY = b"k" * 32
META = FileMeta(size=1, mtime=2.0, owner="root", sha256="00" * 32)


@dataclass(frozen=True)
class FakeRule:
    id: str
    name: str
    category: str
    severity: str
    confidence: float = 0.8
    remediation: str = "Rotate it and keep it in {vault}."


class FakeRules:
    """Only rule metadata lookup: build_findings needs nothing else from a RuleSet."""

    def __init__(self, *rules: FakeRule) -> None:
        self.rules = {rule.id: rule for rule in rules}

    def get(self, rule_id: str) -> FakeRule:
        return self.rules[rule_id]


RULES = FakeRules(
    FakeRule("pw-column", "Password column", "plaintext-password", "high"),
    FakeRule("pw-prose", "Password in prose", "plaintext-password", "high", confidence=0.6),
    FakeRule("kdbx", "KeePass database", "credential-store", "medium"),
    FakeRule("hint", "Weak hint", "config-credential", "low"),
)


def policy(**overrides: object) -> FindingPolicy:
    values: dict[str, object] = {
        "fingerprinter": Fingerprinter(KEY),
        "vault_name": "IT Glue",
        "vault_url": None,
    }
    values.update(overrides)
    return FindingPolicy(**values)  # type: ignore[arg-type]


def cand(rule: str, secret: str, line: int, **extra: object) -> tuple[str, Candidate]:
    return ("/share/a.txt", Candidate(rule_id=rule, secret=secret, location={"line": line}, **extra))  # type: ignore[arg-type]


def test_masks_hashes_and_names_the_vault() -> None:
    [finding] = build_findings(
        [cand("pw-column", "Sup3rS3cret4!", 3, account="admin")], RULES, META, policy()
    )
    assert finding.secret_masked == "Su********"
    assert finding.secret_hash == Fingerprinter(KEY).secret_hash("Sup3rS3cret4!")
    assert finding.id == Fingerprinter(KEY).finding_id(
        "/share/a.txt", "pw-column", {"line": 3}, "Sup3rS3cret4!"
    )
    assert (finding.rule_name, finding.category, finding.severity) == (
        "Password column",
        "plaintext-password",
        "high",
    )
    assert finding.confidence == 0.8 and finding.account == "admin"
    assert "IT Glue" in finding.remediation
    assert finding.secret is None
    assert "Sup3rS3cret4!" not in repr(finding.to_dict())


def test_secret_kept_only_with_show_secrets() -> None:
    [finding] = build_findings(
        [cand("pw-column", "Sup3rS3cret4!", 3)], RULES, META, policy(show_secrets=True)
    )
    assert finding.secret == "Sup3rS3cret4!"


def test_id_is_stable_and_depends_on_location_and_secret() -> None:
    first = build_findings([cand("pw-column", "Sup3rS3cret4!", 3)], RULES, META, policy())[0].id
    again = build_findings([cand("pw-column", "Sup3rS3cret4!", 3)], RULES, META, policy())[0].id
    moved = build_findings([cand("pw-column", "Sup3rS3cret4!", 4)], RULES, META, policy())[0].id
    changed = build_findings([cand("pw-column", "Other0ne!!", 3)], RULES, META, policy())[0].id
    assert first == again and len({first, moved, changed}) == 3


def test_file_scope_candidate_has_empty_hash() -> None:
    [finding] = build_findings(
        [("/share/db.kdbx", Candidate(rule_id="kdbx", secret="", location={}))], RULES, META, policy()
    )
    assert (finding.secret_hash, finding.secret_masked, finding.severity) == ("", "", "medium")


def test_duplicates_keep_the_most_confident() -> None:
    findings = build_findings(
        [
            cand("pw-prose", "Sup3rS3cret4!", 3),
            cand("pw-column", "Sup3rS3cret4!", 3),
            cand("pw-prose", "x1y2z3w4", 3),
        ],
        RULES,
        META,
        policy(),
    )
    assert [(f.rule_id, f.secret_masked) for f in findings] == [
        ("pw-column", "Su********"),
        ("pw-prose", "********"),
    ]


def test_candidate_confidence_overrides_rule_and_is_clamped() -> None:
    [finding] = build_findings([cand("pw-prose", "Sup3rS3cret4!", 1, confidence=1.7)], RULES, META, policy())
    assert finding.confidence == 1.0


@pytest.mark.parametrize(("count", "severity"), [(9, "high"), (10, "critical")])
def test_ten_plaintext_passwords_with_accounts_in_one_file_are_critical(count: int, severity: str) -> None:
    located = [cand("pw-column", f"Passw0rd-{n:03d}", n, account=f"user{n}") for n in range(count)] + [
        cand("hint", "abcdefgh", 99)
    ]
    findings = build_findings(located, RULES, META, policy())
    assert {f.severity for f in findings if f.category == "plaintext-password"} == {severity}
    assert [f.severity for f in findings if f.rule_id == "hint"] == ["low"]


def test_many_hits_without_accounts_or_repeating_are_not_critical() -> None:
    """Critical is earned by usable logins, not by the count of hits in a file."""
    no_accounts = [cand("pw-prose", f"Passw0rd-{n:03d}", n) for n in range(15)]
    assert {f.severity for f in build_findings(no_accounts, RULES, META, policy())} == {"high"}
    same_value = [cand("pw-column", "Winter2024!", n, account=f"user{n}") for n in range(15)]
    assert {f.severity for f in build_findings(same_value, RULES, META, policy())} == {"high"}


def test_one_systematic_misreading_is_one_info_finding() -> None:
    """A TSV of package summaries read as a password column: 60 hits, one finding that says so."""
    located = [
        ("/share/pkgs.tsv", Candidate("pw-column", f"Python Library {n}", {"row": n, "column": 5}, "x"))
        for n in range(60)
    ]
    findings = build_findings(located, RULES, META, policy())
    assert len(findings) == 1
    assert findings[0].severity == "info" and "systematic misreading" in findings[0].context


def test_a_real_password_column_of_many_rows_is_kept_whole() -> None:
    located = [
        ("/share/export.csv", Candidate("pw-column", f"Xk{n}#mQ{n}p", {"row": n, "column": 3}, "x", f"u{n}"))
        for n in range(60)
    ]
    findings = build_findings(located, RULES, META, policy())
    assert len(findings) == 60 and {f.severity for f in findings} == {"critical"}


def test_min_severity_drops_lower_findings_after_escalation() -> None:
    located = [cand("pw-column", "Sup3rS3cret4!", 1), cand("hint", "abcdefgh", 2), cand("kdbx", "", 3)]
    kept = build_findings(located, RULES, META, policy(min_severity="medium"))
    assert sorted(f.rule_id for f in kept) == ["kdbx", "pw-column"]
    assert [f.rule_id for f in build_findings(located, RULES, META, policy(min_severity="high"))] == [
        "pw-column"
    ]


def test_every_secret_of_the_file_is_masked_in_every_context_and_account() -> None:
    """Two credentials on one line: each detector masks its own secret, the file's redactor the other."""
    line = r"net use Z: \\srv\share Sh4re!Pass /user:CORP\Svc-B4ckup!"
    findings = build_findings(
        [
            cand("pw-column", "Sh4re!Pass", 1, context=line.replace("Sh4re!Pass", "Sh******ss")),
            cand("hint", r"CORP\Svc-B4ckup!", 1, context=line, account="Sh4re!Pass"),
        ],
        RULES,
        META,
        policy(),
    )
    assert len(findings) == 2
    for finding in findings:
        assert "Sh4re!Pass" not in finding.context and "B4ckup" not in finding.context
        assert "Sh4re!Pass" not in (finding.account or "")
