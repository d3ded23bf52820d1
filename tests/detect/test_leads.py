"""Lead literals: a long text is matched only where a match can start, with exactly finditer's matches."""

from __future__ import annotations

import random
import re

from credscan.detect.interface import FileInfo
from credscan.detect.leads import LeadIndex, lead_of
from credscan.detect.patterns import fold
from credscan.detect.prefilter import RulePrefilter
from credscan.detect.prose import ValueChecks, rule_applies
from credscan.detect.rules import RuleSet

RULES = RuleSet.load(())
TEXT_RULES = [rule for rule in RULES.rules if rule.scope == "text" and rule.pattern is not None]
INFO = FileInfo(path="a.txt", name="a.txt", kind="text", head=b"", size=0)


def _offsets(pattern: str) -> tuple[bool, dict[str, tuple[int, int]]] | None:
    lead = lead_of(re.compile(pattern))
    return None if lead is None else (lead.line_start, {x: (low, high) for x, low, high in lead.offsets})


def test_leads_of_hand_made_patterns() -> None:
    assert _offsets(r"(?i)(?<!\w)(?:password|pw)\s*[:=]\s*(?P<secret>\S+)") == (
        False,
        {"password": (0, 0), "pw": (0, 0)},
    )
    assert _offsets(r"(?i)\b\w{0,20}passwort\s*:\s*\S+") == (False, {"passwort": (0, 20)})
    # an optional part before the literal: it starts 0 to 3 characters in
    assert _offsets(r"(?i)(?:ms-?)?pass\S+") == (False, {"pass": (0, 3)})
    # after a line anchor, blanks and words of any length: the match starts where the line does
    line_led = _offsets(r"(?im)^[ \t]*(?:\w+[ \t]+)?key:\s*\S+")
    assert line_led is not None and line_led[0] and list(line_led[1]) == ["key:"]
    # a prefix that can hold a newline, or of unbounded length without an anchor: no lead
    assert _offsets(r"(?im)^[\s\S]{0,40}key:\s*\S+") == (False, {"key:": (0, 40)})
    assert _offsets(r"(?im)^\s*key:\s*\S+") is None
    assert _offsets(r"(?i)\w+@\w+") is None
    # one alternative without a literal: the branch gives none
    assert _offsets(r"(?i)(?:pass|\d+)=\S+") is None
    # a match may be empty: finditer's empty matches cannot be emulated, no lead
    assert _offsets(r"(?:pass)?") is None


def _texts(rng: random.Random) -> list[str]:
    examples = [example for rule in TEXT_RULES for example in (*rule.examples, *rule.negative_examples)]
    separators = ["\n", "\n\n", " ", "\r\n", "\n$\n", "ΑΣ\n", "passpass ", "\t", "Kennwort"]
    texts = []
    for _ in range(40):
        text = "".join(rng.choice(examples) + rng.choice(separators) for _ in range(rng.randint(1, 40)))
        texts.append(text.rstrip("\n") if rng.random() < 0.3 else text)
    return texts


def test_lead_matches_equal_whole_text_matches() -> None:
    """Spans and groups of every rule, on texts built of all rules' examples (overlapping literals, line
    ends, non-ASCII text): exactly finditer's, whether or not the prefilter's presence facts are used."""
    prefilter = RulePrefilter(TEXT_RULES, rule_applies)
    led = 0
    for text in _texts(random.Random(3)):
        folded = fold(text)
        _, present = prefilter.active_and_literals(text.lower(), INFO)
        for index in (LeadIndex(text, folded, present), LeadIndex(text, folded)):
            index.limit = len(text)  # no rule left out for frequent literals: every lead is checked
            for rule in TEXT_RULES:
                assert rule.pattern is not None
                found = index.matches(rule.pattern)
                if found is None:
                    continue
                expected = [(m.span(), m.groupdict()) for m in rule.pattern.finditer(text)]
                assert [(m.span(), m.groupdict()) for m in found] == expected, (rule.id, text)
                led += 1
    assert led > 5_000


def test_lead_matches_of_hand_made_patterns_with_lookarounds_and_anchors() -> None:
    cases = [
        (r"(?<![\w-])pw\s*=\s*(?P<secret>\w+)(?=\s|$)", "pw=a xpw=b -pw=c pw = d\npw=e"),
        (r"(?im)^[ \t]*pw:\s*(?P<secret>\S+)", "pw: a\n  PW: b\nx pw: c\n\tpw:\n d"),
        (r"(?i)\Apw:(?P<secret>\S+)", "pw:a\npw:b"),
        (r"(?i)\b\w{0,3}key=(?P<secret>\w+)", "apikey=1 mykey=2 longerkey=3 key=4 keykey=5"),
        (r"(?s)pw:(?P<secret>.{1,5})", "pw:\nabc pw:pw:pw:x"),
    ]
    for pattern, text in cases:
        compiled = re.compile(pattern)
        index = LeadIndex(text, fold(text))
        index.limit = len(text)
        found = index.matches(compiled)
        assert found is not None, pattern
        assert [m.span() for m in found] == [m.span() for m in compiled.finditer(text)], pattern


def test_frequent_lead_literals_and_changed_lengths_leave_the_text_to_other_searches() -> None:
    pattern = re.compile(r"(?i):(?P<secret>\w+)")
    text = "a:b" * 1000
    assert LeadIndex(text, fold(text)).matches(pattern) is None  # one candidate in 3 characters
    rare = "x " * 1000 + "a:b"
    found = LeadIndex(rare, fold(rare)).matches(pattern)
    assert found is not None and [m.group("secret") for m in found] == ["b"]
    bounded = LeadIndex(rare + " c:d", fold(rare + " c:d"))
    bounded._room = 1  # what a text full of lead words leaves: their occurrences are not all kept
    assert bounded.matches(pattern) is None
    expanding = "İ pw:x"  # lower() makes "İ" two characters: folded offsets are not the text's
    assert LeadIndex(expanding, fold(expanding)).matches(re.compile("pw:(?P<secret>x)")) is None


def test_value_checks_run_once_per_value_and_keep_every_verdict() -> None:
    rule = next(r for r in TEXT_RULES if r.validators and r.clean_secret)
    checks = ValueChecks(rule)
    calls: list[str] = []

    def decoder(value: str) -> str | None:
        calls.append(value)
        if value == "boom":
            raise ValueError(value)
        return None if value == "no" else value.upper()

    checks.decoder = decoder
    assert [checks.decoded(v) for v in ("ab", "ab", "no", "no", "boom", "boom")] == [
        "AB",
        "AB",
        None,
        None,
        None,
        None,
    ]
    assert calls == ["ab", "no", "boom"]
    fresh = ValueChecks(rule)
    for value in ("Xk9#mQ2p!vL", "password", "Xk9#mQ2p!vL", "password"):
        assert (fresh.failure(value) is None) == (ValueChecks(rule).failure(value) is None)
    assert fresh.cleaned('"Xk9#mQ2p!";') == ValueChecks(rule).cleaned('"Xk9#mQ2p!";')


def test_the_password_word_rules_have_leads() -> None:
    """The rules that read the password vocabulary ran at every position of every line holding "pass" on a
    test log (gdb's check.log: 97,000 such lines): each must keep a lead, or large logs get 3x slower."""
    vocabulary_rules = [rule for rule in TEXT_RULES if "pass" in rule.keywords]
    assert len(vocabulary_rules) > 10
    without = [
        rule.id for rule in vocabulary_rules if rule.pattern is not None and lead_of(rule.pattern) is None
    ]
    assert without == [], without
    assert sum(lead_of(rule.pattern) is not None for rule in TEXT_RULES if rule.pattern) > 0.9 * len(
        TEXT_RULES
    )
