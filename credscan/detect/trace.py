"""A record of why each match of a rule was or was not reported (``credscan rules explain``).

The detectors take an optional Trace and add one Step per regex match they judged: the value as the rule
read and decoded it, and the Verdict of the step that decided (a decoder, a validator, a filter, or
"accepted"). Scans pass no Trace and pay nothing for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from credscan.detect.verdict import Verdict


@dataclass(frozen=True, slots=True)
class Step:
    rule_id: str
    line: int
    """0-based line of the match in the text it was found in."""
    matched: str
    """The whole text the pattern matched (label and value)."""
    value: str
    """The value after cleaning and decoding: what validators and filters judged."""
    verdict: Verdict
    text_view: str = "text"
    """ "text", or "visible text" for prose rules reading a markup file."""


@dataclass
class Trace:
    steps: list[Step] = field(default_factory=list)
    view: str = "text"

    def step(self, rule: object, match: re.Match[str], value: str, verdict: Verdict) -> None:
        line = match.string.count("\n", 0, match.start())
        rule_id = str(getattr(rule, "id", rule))
        self.steps.append(Step(rule_id, line, match.group(0), value, verdict, self.view))
