"""A public regression suite: the examples of Nosey Parker's built-in rules (Apache-2.0 data).

Each example of a rule whose categories include "secret" is scanned as its own text block, the way a
one-line file would be, under a neutral name (`snippet.txt`: a name such as `example.txt` is a template file
to the `template_value` filter). Other scanners found 48–64% of them. The password-hash examples (a line
that is only a crypt hash or a roast) read as hash lists, which are hash dumps (docs/detection.md); the
share without them is printed alongside. Every example credscan does not report is classed in NOT_FINDINGS,
so a new miss fails even while the share holds.
See tests/data/vendor/NOTICE.md for the data's origin and licence.
"""

from __future__ import annotations

import json
import time
from functools import cache
from typing import Any

import pytest

from credscan.detect.engine import DetectionEngine
from credscan.detect.interface import FileInfo
from credscan.detect.rules import RuleSet
from credscan.model import TextBlock
from tests.support.paths import DATA

SUITE = DATA / "vendor" / "noseyparker-rule-examples.json"
FLOOR = 0.95
"""Share of all secret examples found (368/386 = 95.3%): the rest are the classes below, by design."""
FLOOR_WITHOUT_HASHES = 0.95
"""Share of the examples that are not password hashes (349/367 = 95.1%)."""
NAME = "snippet.txt"

DUMMY = "a documentation dummy (aaaa…, xxxx…, 0000…, …EXAMPLE…, FakeValues…)"
PLACEHOLDER = "a word that means 'fill this in' (YOURPASSWROD, smtp_password) or a metavariable (-p PASSWORD)"
VARIABLE = "a variable passed as the value ($Password, %nothing%)"
NOT_A_CREDENTIAL = "a Jenkins crumb: a CSRF token bound to a web session, it opens nothing"

NOT_FINDINGS: dict[str, tuple[int, str]] = {
    # rule id: (how many of its examples credscan does not report, why); every "hashed" example is found.
    "np.aws.2": (3, DUMMY),
    "np.generic.5": (1, PLACEHOLDER),
    "np.google.3": (1, DUMMY),
    "np.jenkins.1": (1, NOT_A_CREDENTIAL),
    "np.newrelic.1": (1, DUMMY),
    "np.okta.1": (2, DUMMY),
    "np.psexec.1": (3, VARIABLE + " or " + PLACEHOLDER),
    "np.reactapp.2": (1, PLACEHOLDER),
    "np.salesforce.1": (1, DUMMY),
    "np.slack.2": (1, DUMMY),
    "np.tavily.1": (1, DUMMY),
    "np.vmware.1": (2, VARIABLE),
}


@cache
def engine() -> DetectionEngine:
    return DetectionEngine(RuleSet.load())


@cache
def suite() -> list[dict[str, Any]]:
    data = json.loads(SUITE.read_text(encoding="utf-8"))
    return [rule for rule in data["rules"] if "secret" in rule.get("categories", [])]


@cache
def found(text: str) -> bool:
    """Cached: the share and the per-rule miss check scan the same examples."""
    head = text.encode()[:64]
    info = FileInfo(path=NAME, name=NAME, kind="text", head=head, size=len(text))
    return bool(engine().detect_unit(info, TextBlock(text=text, by_line=True)))


def test_share_of_secret_examples_found() -> None:
    total = hits = hashed_total = hashed_hits = 0
    missed: list[str] = []
    for rule in suite():
        hashed = "hashed" in rule["categories"]
        for example in rule["examples"]:
            hit = found(example)
            total += 1
            hits += hit
            hashed_total += hashed
            hashed_hits += hit and hashed
            if not hit:
                missed.append(rule["id"])
    share = hits / total
    without_hashes = (hits - hashed_hits) / (total - hashed_total)
    print(
        f"\nNosey Parker secret examples found: {hits}/{total} = {share:.1%}"
        f" (without password hashes: {without_hashes:.1%}); missed rules: {sorted(set(missed))}"
    )
    assert total >= 300, "the suite shrank: check the data file"
    assert share >= FLOOR
    assert without_hashes >= FLOOR_WITHOUT_HASHES


def test_every_miss_is_a_classed_non_finding() -> None:
    """A dummy, a placeholder, a variable, a crumb — nothing else is missed (password hashes included: each
    example is a one-line hash list; default passwords such as postgresql://user:secret@localhost, Gradle's
    password 'password' and psexec -p mypass are live values in a config line, docs/detection.md)."""
    unexpected: list[str] = []
    for rule in suite():
        missed = [example for example in rule["examples"] if not found(example)]
        allowed = NOT_FINDINGS.get(rule["id"], (0, ""))[0]
        if len(missed) > allowed:
            unexpected.append(f"{rule['id']}: {len(missed)} missed, {allowed} classed")
    assert not unexpected


CORE_RULES = ("github.1", "slack.3", "aws.6", "azure.1", "mongodb.1", "pem.1", "generic.7", "odbc.1")


@pytest.mark.parametrize("rule_id", [f"np.{name}" for name in CORE_RULES])
def test_core_formats_mostly_found(rule_id: str) -> None:
    """The formats an MSP share typically holds must not regress even if the overall share stays up."""
    rule = next(r for r in suite() if r["id"] == rule_id)
    hits = sum(found(example) for example in rule["examples"])
    assert hits >= len(rule["examples"]) / 2, f"{rule_id}: {hits}/{len(rule['examples'])}"


@pytest.mark.timeout(120)
def test_negative_examples_and_mangled_inputs_do_not_explode() -> None:
    """Negative examples and every example cut, doubled and repeated: quick, and no exception."""
    texts: list[str] = []
    for rule in suite():
        texts += rule.get("negative_examples", [])
        for example in rule["examples"]:
            texts += [example[: len(example) // 2], example * 2, (example + "\n") * 20, example.swapcase()]
    started = time.monotonic()
    for text in texts:
        found(text)
    per_text = (time.monotonic() - started) / len(texts)
    assert per_text < 0.05, f"{per_text * 1000:.1f} ms per text"
