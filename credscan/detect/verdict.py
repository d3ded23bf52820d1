"""The answer of one named check (a validator or a filter): what it is called, whether it holds, and why.

A Verdict is truthy exactly when the check holds, so callers that only need the bool keep writing
``if check(value):``; ``credscan rules explain`` prints the name and the reason. A reason never quotes
the value it judged: it may be shown where the value itself must stay masked.
"""

from __future__ import annotations


class Verdict:
    __slots__ = ("holds", "name", "reason")

    def __init__(self, name: str, holds: bool, reason: str = "") -> None:
        self.name = name
        self.holds = holds
        self.reason = reason

    def __bool__(self) -> bool:
        return self.holds

    def __repr__(self) -> str:
        return f"Verdict({self.name!r}, {self.holds}, {self.reason!r})"
