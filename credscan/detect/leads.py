"""Where a match can start: the literal each match of a pattern begins with (within a known distance), so
that a long text is tried only where those literals occur.

Python's regex engine tries a pattern at every position of a text. A case-insensitive alternation of a
hundred password words (the vocabulary rules) gives it no prefix to skip to, so it costs ~150 ns a
character even on lines that hold no match: on a 9 MB test log whose every line holds "PASS", line windows
(credscan.detect.prose.LineWindows) still leave the whole text to search, rule after rule.

When the parse shows that every match holds an occurrence of one of a few literals at a bounded distance
from its start (``(?<!\\w)(?:password|pw|\\w{0,20}passwort)…``: "password" and "pw" at 0, "passwort" 0 to
20 characters in), the only positions a match can start at are those occurrences shifted back by that
distance, found with ``str.find`` in the folded text. A pattern that starts at a line start
(``^[ \\t]*password`` under re.MULTILINE) with nothing but blanks and words before its literal starts at
the start of the line holding an occurrence. ``pattern.match`` at each such position in turn, skipping
those inside the previous match, gives exactly the matches ``pattern.finditer`` gives: finditer tries the
same positions (and others, where no match can start) with the same engine, lookbehinds and anchors
seeing the text before the position as they do here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from credscan.detect import regex_parse
from credscan.detect.patterns import (
    _MAX_SPELLINGS,
    _REPEATS,
    _consumes_newline_or_reach,
    _spellings,
)
from credscan.detect.regex_parse import OPS

CANDIDATES_PER_CHAR = 0.25
"""A lead is used only when its candidate starts number at most this share of the text's characters: a
``pattern.match`` call costs about as much as the engine's attempt at 3–5 positions, so a lead literal
found everywhere (":" in a log) is left to the line windows."""
MAX_POSITIONS = 1_000_000
"""Literal occurrences one LeadIndex keeps in all, and candidate starts of one rule (tens of MB of ints at
most): a hostile text full of password words costs bounded memory; past it, rules go to the line windows."""


@dataclass(frozen=True, slots=True)
class Lead:
    """Literals every match of a pattern holds near its start."""

    offsets: tuple[tuple[str, int, int], ...]
    """(folded literal, fewest, most characters between the start of a match and the literal)."""
    line_start: bool
    """Every match starts at the start of the line that holds the literal (an anchor ``^``/``\\A``, then
    nothing that can consume a newline): the offsets may be unbounded."""


@dataclass(slots=True)
class _Found:
    offsets: dict[str, tuple[int, int]]
    line: bool
    """Nothing before the literals can consume a newline (and the match starts at a line start)."""


@lru_cache(maxsize=1024)
def lead_of(pattern: re.Pattern[str]) -> Lead | None:
    """The pattern's lead literals, or None when some match may start far from every literal (or nothing
    is known, or a match may be empty)."""
    parsed = regex_parse.parse(pattern)
    if parsed is None or parsed.min_width < 1:
        return None
    dotall = bool(parsed.flags & re.DOTALL)
    anchored = any(
        op is OPS.AT and av in (OPS.AT_BEGINNING, OPS.AT_BEGINNING_STRING)
        for op, av in _zero_width_head(parsed.items)
    )
    try:
        found = _lead(list(parsed.items), 0, 0, dotall, anchored)
    except Exception:  # a parse tree of an unexpected shape: nothing known
        return None
    if not isinstance(found, _Found) or not found.offsets:
        return None
    if not found.line and any(high >= OPS.MAXREPEAT for _, high in found.offsets.values()):
        return None
    offsets = tuple(sorted((literal, low, high) for literal, (low, high) in found.offsets.items()))
    return Lead(offsets, found.line)


def lead_literals(pattern: re.Pattern[str] | None) -> frozenset[str]:
    """The folded literals the matches of ``pattern`` start with (none when it has no lead)."""
    lead = None if pattern is None else lead_of(pattern)
    return frozenset() if lead is None else frozenset(literal for literal, _, _ in lead.offsets)


def _zero_width_head(items: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """The anchors and lookarounds a pattern starts with."""
    head = []
    for op, av in items:
        if op is not OPS.AT and op is not OPS.ASSERT and op is not OPS.ASSERT_NOT:
            break
        head.append((op, av))
    return head


def _lead(
    items: list[tuple[Any, Any]], low: int, high: int, dotall: bool, line: bool
) -> _Found | tuple[int, int]:
    """The lead literals of a sequence whose start lies ``low``..``high`` characters into a match, or, when
    it has none, the width range past it. ``line``: the match started at a line start and nothing before
    consumed a newline, so an unbounded distance is still of use; otherwise it ends the search."""
    run: set[str] | None = None
    run_at, run_line = (low, high), line
    for op, av in items:
        spellings = _spellings(op, av)
        if run is not None:
            if spellings is not None and len(run) * len(spellings) <= _MAX_SPELLINGS:
                run = {prefix + part for prefix in run for part in spellings}
                continue
            return _Found({literal: run_at for literal in run}, run_line)
        if spellings is not None and "" not in spellings:
            run, run_at, run_line = spellings, (low, high), line
            continue
        if op is OPS.AT or op is OPS.ASSERT or op is OPS.ASSERT_NOT:
            continue  # zero width
        inner = _inner(op, av, low, high, dotall, line)
        if inner is not None:
            return inner
        item_low, item_high = _width(op, av)
        low, high = low + item_low, min(high + item_high, OPS.MAXREPEAT)
        line = line and _consumes_newline_or_reach(op, av, dotall) is not None
        if high >= OPS.MAXREPEAT and not line:
            return low, high
    if run is not None:
        return _Found({literal: run_at for literal in run}, run_line)
    return low, high


def _inner(op: Any, av: Any, low: int, high: int, dotall: bool, line: bool) -> _Found | None:
    """The lead literals inside a group, a repeat or a branch that starts ``low``..``high`` in."""
    if op is OPS.SUBPATTERN:
        _, add_flags, del_flags, group = av
        dotall = (dotall or bool(add_flags & re.DOTALL)) and not del_flags & re.DOTALL
        body = list(group)
    elif op is OPS.ATOMIC_GROUP:
        body = list(av)
    elif op in _REPEATS and av[0] >= 1:
        body = list(av[2])
    elif op is OPS.BRANCH:
        merged: dict[str, tuple[int, int]] = {}
        newline_free = True
        for alternative in av[1]:
            found = _lead(list(alternative), low, high, dotall, line)
            if not isinstance(found, _Found):
                return None  # one alternative without a lead: the branch has none
            newline_free = newline_free and found.line
            for literal, (a, b) in found.offsets.items():
                known = merged.get(literal)
                merged[literal] = (a, b) if known is None else (min(a, known[0]), max(b, known[1]))
        return _Found(merged, newline_free)
    else:
        return None
    found = _lead(body, low, high, dotall, line)
    return found if isinstance(found, _Found) else None


def _width(op: Any, av: Any) -> tuple[int, int]:
    """The fewest and most characters one item matches (0 and unbounded when unknown)."""
    if op in (OPS.LITERAL, OPS.NOT_LITERAL, OPS.ANY, OPS.IN):
        return 1, 1
    if op is OPS.AT or op is OPS.ASSERT or op is OPS.ASSERT_NOT:
        return 0, 0
    if op is OPS.SUBPATTERN:
        return regex_parse.width(av[3])
    if op is OPS.ATOMIC_GROUP:
        return regex_parse.width(av)
    if op in _REPEATS:
        low, high = regex_parse.width(av[2])
        return low * av[0], min(high * av[1], OPS.MAXREPEAT)
    if op is OPS.BRANCH:
        widths = [regex_parse.width(alternative) for alternative in av[1]]
        return min(w[0] for w in widths), max(w[1] for w in widths)
    return 0, OPS.MAXREPEAT


class LeadIndex:
    """Where the lead literals of the rules occur in one long text (each literal searched once, for
    every rule that leads with it)."""

    def __init__(self, text: str, folded: str, present: AbstractSet[str] | None = None) -> None:
        """``folded``: fold() of ``text``. ``present``: which literals occur in it, when known (the
        prefilter's one pass found every rule's lead literals); any other one then costs no search."""
        self.text = text
        self.folded = folded
        self.present = present
        self.limit = min(int(len(text) * CANDIDATES_PER_CHAR), MAX_POSITIONS)
        self._room = MAX_POSITIONS
        """Occurrences this index may still keep."""
        self._found: dict[str, list[int] | None] = {}

    def matches(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]] | None:
        """``pattern.finditer(text)``, tried only where the pattern's lead literals put a match's start;
        None when the pattern has no lead, its literals are too frequent to pay, or folding changed the
        text's length (the offsets of the folded text would not be the text's)."""
        lead = lead_of(pattern)
        if lead is None or len(self.folded) != len(self.text):
            return None
        starts: set[int] = set()
        rfind = self.folded.rfind
        for literal, low, high in lead.offsets:
            positions = self._positions(literal)
            if positions is None or len(positions) * (1 if lead.line_start else high - low + 1) > self.limit:
                return None
            if lead.line_start:
                starts.update([rfind("\n", 0, position) + 1 for position in positions])
            elif high == 0:
                starts.update(positions)
            elif low == high:
                starts.update([position - low for position in positions if position >= low])
            else:
                for position in positions:
                    if position >= low:
                        starts.update(range(max(0, position - high), position - low + 1))
            if len(starts) > self.limit:
                return None
        return _matches_at(pattern, self.text, sorted(starts))

    def _positions(self, literal: str) -> list[int] | None:
        """Every start of ``literal`` in the folded text, overlapping ones too; None when more than the
        limit."""
        if literal in self._found:
            return self._found[literal]
        positions: list[int] | None = []
        if self.present is None or literal in self.present:
            folded, find = self.folded, self.folded.find
            count = folded.count(literal)
            if count > min(self.limit, self._room):
                positions = None
            else:
                self._room -= count
                found = []
                position = find(literal)
                while position >= 0:
                    found.append(position)
                    position = find(literal, position + 1)
                positions = found
        self._found[literal] = positions
        return positions


def _matches_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """The matches finditer finds, trying only ``starts``: leftmost first, none inside the one before."""
    match, end = pattern.match, 0
    for start in starts:
        if start >= end and (found := match(text, start)) is not None:
            yield found
            end = found.end()
