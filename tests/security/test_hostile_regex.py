"""No rule pattern backtracks catastrophically: every rule of every shipped pack is run against adversarial
lines built from its own keywords and character classes, with a time limit per input.

Two checks per rule: a deterministic one (20 000-character runs of the characters a pattern repeats,
keyword + separator + a long run, near-misses without the closing quote) where one input must take
under a second of CPU time (a quadratic pattern takes minutes at that size, an exponential one forever;
CPU time of this thread, so a busy machine does not fail the test), and a
hypothesis search over short mixes of the same pieces with a per-example deadline.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from credscan.detect.rule import Rule
from credscan.detect.rules import RuleSet

RUN = 20_000
LIMIT_S = 1.0
RULES = [rule for rule in RuleSet.load().rules if rule.pattern is not None]
PIECES = list("aA09 \t=:\"'/\\-_.@+!%${}<>&;,|*é\u00a0")


def adversarial(rule: Rule) -> Iterator[tuple[str, str]]:
    """(label, text) pairs: runs of single characters, keyword-led runs, near-miss repetitions."""
    for piece in PIECES:
        yield f"run {piece!r}", piece * RUN
    for keyword in rule.keywords[:6] or ("password",):
        for separator in ("=", ": ", " ", '="', " is "):
            yield f"{keyword}{separator}run", keyword + separator + "A1b!" * (RUN // 4)
            yield f"({keyword}{separator})*", (keyword + separator) * (RUN // (len(keyword) + len(separator)))
        yield f"{keyword} quote never closed", f'{keyword}="' + "ab " * (RUN // 3)
    for example in rule.examples[:2]:
        yield "example repeated", (example + " ") * max(1, RUN // (len(example) + 1))
        half = example[: max(1, len(example) // 2)]
        yield "example without its end", half * (RUN // len(half))


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_rule_is_linear_on_adversarial_lines(rule: Rule) -> None:
    assert rule.pattern is not None
    for label, text in adversarial(rule):
        started = time.thread_time()
        for _ in rule.pattern.finditer(text):
            pass
        elapsed = time.thread_time() - started
        assert elapsed < LIMIT_S, f"{rule.id}: {label} took {elapsed:.2f}s on {len(text)} characters"


def test_every_pack_has_patterns_to_check() -> None:
    assert len(RULES) > 100


fragments = st.lists(
    st.sampled_from([*PIECES, "password", "pwd", "key", "token", "user", "admin", "Passwort", "secret"]),
    min_size=1,
    max_size=8,
)


@settings(
    max_examples=25,
    deadline=timedelta(milliseconds=1500),
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
@given(pieces=fragments, repeat=st.integers(min_value=50, max_value=400))
def test_all_rules_on_random_repetitions(pieces: list[str], repeat: int) -> None:
    """All patterns together on a repeated random mix: each example within the deadline."""
    text = "".join(pieces) * repeat
    for rule in RULES:
        assert rule.pattern is not None
        for _ in rule.pattern.finditer(text):
            pass
