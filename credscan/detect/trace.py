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
    label: str
    """What the pattern matched before the value (the label)."""
    value: str
    """The value after cleaning and decoding: what validators and filters judged."""
    verdict: Verdict
    text_view: str = "text"
    """ "text", or "visible text" for prose rules reading a markup file."""


@dataclass
class Trace:
    steps: list[Step] = field(default_factory=list)
    view: str = "text"

    def step(self, rule: object, match: re.Match[str], value_at: int, value: str, verdict: Verdict) -> None:
        """One judged match: ``value_at`` is where the value starts in the text the match ran over."""
        line = match.string.count("\n", 0, match.start())
        rule_id = str(getattr(rule, "id", rule))
        label = match.string[match.start() : max(match.start(), value_at)]
        self.steps.append(Step(rule_id, line, label, value, verdict, self.view))
