"""A public regression suite: the examples of Nosey Parker's built-in rules (Apache-2.0 data).

Each example of a rule whose categories include "secret" is scanned as its own text block, the way a
one-line file would be. Other scanners found 48–64% of them; the floor below keeps us above that.
Password hashes are counted too although a hash is no finding (docs/detection.md); the share without them is
printed alongside. See tests/data/vendor/NOTICE.md for the data's origin and licence.
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
FLOOR = 0.75


@cache
def engine() -> DetectionEngine:
    return DetectionEngine(RuleSet.load())


@cache
def suite() -> list[dict[str, Any]]:
    data = json.loads(SUITE.read_text(encoding="utf-8"))
    return [rule for rule in data["rules"] if "secret" in rule.get("categories", [])]


def found(text: str) -> bool:
    head = text.encode()[:64]
    info = FileInfo(path="example.txt", name="example.txt", kind="text", head=head, size=len(text))
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
