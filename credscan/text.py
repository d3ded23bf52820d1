"""Small wording helpers for messages people read."""

from __future__ import annotations


def plural(count: int, noun: str, many: str | None = None) -> str:
    """ "1 finding", "2 findings", "0 findings"; ``many`` for irregular plurals ("1 entry", "2 entries")."""
    return f"{count} {noun if count == 1 else (many or noun + 's')}"


def interval(seconds: float) -> str:
    """A configured interval as people write it: 900 -> "15m", 3600 -> "1h", 90 -> "90s"."""
    whole = round(seconds)
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if whole and whole % size == 0:
            return f"{whole // size}{unit}"
    return f"{whole}s"
