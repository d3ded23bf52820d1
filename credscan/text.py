"""Small wording helpers for messages people read."""

from __future__ import annotations


def plural(count: int, noun: str, many: str | None = None) -> str:
    """ "1 finding", "2 findings", "0 findings"; ``many`` for irregular plurals ("1 entry", "2 entries")."""
    return f"{count} {noun if count == 1 else (many or noun + 's')}"
