"""What a pattern's parsed regex guarantees about every match, derived once per pattern (cached).

- *required literal sets*: each literal run or alternation the pattern cannot do without, e.g. {"admin",
  "root"} and {"/"} for ``(admin|root) */ *[^ ]+``: a text lacking one of a set cannot match;
- the shortest match: a shorter text (a table cell) cannot match;
- whether a match can hold a newline, and how far past a line its lookaheads may look: if it cannot, the
  pattern can be run on single lines with exactly the whole-text result (credscan.detect.prose.LineWindows).

Literals and texts are compared folded (``fold``), the way re.IGNORECASE compares characters. The parse is
Python's own, read through credscan.detect.regex_parse (the one module touching the private ``re._parser``),
so these facts hold for exactly the regex engine that runs the rules. When that parser is unavailable,
nothing is known: no required literals, no shortest match, no line windows; every rule runs everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from functools import lru_cache
from typing import Any

from credscan.detect import regex_parse
from credscan.detect.regex_parse import OPS

Literals = frozenset[str]

_FOLD = {code: min((code, *others)) for code, others in regex_parse.EXTRA_CASES.items()}
"""Characters that re.IGNORECASE treats as equal (ı and i, ſ and s …) while str.lower() keeps them apart:
each maps to the smallest of its class, in texts and literals alike."""


def fold(text: str) -> str:
    """Lowercase as the prefilter compares (ASCII text, the usual case, is only lowercased)."""
    return fold_lowered(text.lower())


def fold_lowered(lowered: str) -> str:
    """fold() of a text from its str.lower(): ``lowered`` itself when it is ASCII."""
    return lowered if lowered.isascii() else lowered.translate(_FOLD)


def required_literals(pattern: re.Pattern[str]) -> Literals | None:
    """Folded strings of which every match of ``pattern`` contains at least one; None when unknown.
    The most selective of required_literal_sets()."""
    sets = required_literal_sets(pattern)
    return sets[0] if sets else None


@lru_cache(maxsize=1024)
def required_literal_sets(pattern: re.Pattern[str]) -> tuple[Literals, ...]:
    """Sets of folded strings such that every match of ``pattern`` contains one string of each set, most
    selective set first; () when nothing is known."""
    parsed = regex_parse.parse(pattern)
    if parsed is None:  # an exotic pattern or no parser: no prefilter, the rule simply runs
        return ()
    try:
        options = _sequence_options(parsed.items)
    except Exception:  # a parse tree of an unexpected shape: nothing known
        return ()
    # a set holding "" is always satisfied; a string containing another member of its set adds nothing
    # (the shorter one is then present too)
    sets = {
        frozenset(x for x in found if not any(y != x and y in x for y in found))
        for found in options
        if all(found)
    }
    return tuple(sorted(sets, key=_selectivity, reverse=True))


@lru_cache(maxsize=1024)
def min_match_length(pattern: re.Pattern[str]) -> int:
    """The fewest characters a match of ``pattern`` spans (0 when unknown): a shorter text cannot match."""
    parsed = regex_parse.parse(pattern)
    return 0 if parsed is None else parsed.min_width


_NEWLINE = ord("\n")
_NEWLINE_CATEGORIES = {
    OPS.CATEGORY_SPACE: True,
    OPS.CATEGORY_NOT_SPACE: False,
    OPS.CATEGORY_DIGIT: False,
    OPS.CATEGORY_NOT_DIGIT: True,
    OPS.CATEGORY_WORD: False,
    OPS.CATEGORY_NOT_WORD: True,
    OPS.CATEGORY_LINEBREAK: True,
    OPS.CATEGORY_NOT_LINEBREAK: False,
}
_REPEATS = (OPS.MAX_REPEAT, OPS.MIN_REPEAT, OPS.POSSESSIVE_REPEAT)


@lru_cache(maxsize=1024)
def line_window_slack(pattern: re.Pattern[str]) -> int | None:
    """When no match of ``pattern`` can hold a newline: how many characters past the end of a line a match
    attempt within it may look at (its lookaheads); None when a match may span lines or nothing is known.

    Every match then lies within one line, and ``pattern.finditer(text, line_start, line_end + slack)``
    finds exactly the matches of that line that ``pattern.finditer(text)`` finds: lookbehinds, ``^`` and
    ``\\b`` see the text before ``pos``, and ``$``/``\\Z`` cannot tell the shortened end from a newline."""
    parsed = regex_parse.parse(pattern)
    if parsed is None:
        return None
    try:
        reach = _lookahead_reach(parsed.items, bool(parsed.flags & re.DOTALL))
    except Exception:  # a parse tree of an unexpected shape: nothing known
        return None
    return None if reach is None else reach + 1


def _lookahead_reach(items: list[tuple[Any, Any]], dotall: bool) -> int | None:
    """The widest lookahead that may cross a newline (0 when none does), or None when the pattern itself
    may consume a newline or a lookahead may cross one without bound."""
    reach = 0
    for op, av in items:
        if op is OPS.ASSERT or op is OPS.ASSERT_NOT:
            direction, body = av
            if direction < 0 or _lookahead_reach(list(body), dotall) == 0:
                continue  # a lookbehind sees the text before pos; a newline-free lookahead stays on its line
            _, high = regex_parse.width(body)
            if high >= OPS.MAXREPEAT:
                return None
            reach = max(reach, high)
            continue
        inner = _consumes_newline_or_reach(op, av, dotall)
        if inner is None:
            return None
        reach = max(reach, inner)
    return reach


def _consumes_newline_or_reach(op: Any, av: Any, dotall: bool) -> int | None:
    """_lookahead_reach of one item: None when it may consume a newline."""
    if op is OPS.LITERAL:
        return None if av == _NEWLINE else 0
    if op is OPS.NOT_LITERAL:
        return 0 if av == _NEWLINE else None
    if op is OPS.ANY:
        return None if dotall else 0
    if op is OPS.IN:
        return None if _set_holds_newline(av) is not False else 0
    if op is OPS.AT or op is OPS.GROUPREF:
        return 0  # a position, or the text of a group (which holds no newline either)
    if op is OPS.SUBPATTERN:
        _, add_flags, del_flags, body = av
        inner_dotall = (dotall or bool(add_flags & re.DOTALL)) and not del_flags & re.DOTALL
        return _lookahead_reach(list(body), inner_dotall)
    if op in _REPEATS:
        return _lookahead_reach(list(av[2]), dotall)
    if op is OPS.ATOMIC_GROUP:
        return _lookahead_reach(list(av), dotall)
    if op is OPS.BRANCH:
        reaches = [_lookahead_reach(list(alternative), dotall) for alternative in av[1]]
        return None if None in reaches else max(r for r in reaches if r is not None)
    if op is OPS.GROUPREF_EXISTS:
        _, yes, no = av
        reaches = [_lookahead_reach(list(branch), dotall) for branch in (yes, no) if branch is not None]
        return None if None in reaches else max((r for r in reaches if r is not None), default=0)
    return None  # anything else: unknown, assume the worst


def _set_holds_newline(items: list[tuple[Any, Any]]) -> bool | None:
    """Whether a character set ([...], a category) matches a newline; None when unknown."""
    negate, holds = False, False
    for op, av in items:
        if op is OPS.NEGATE:
            negate = True
        elif op is OPS.LITERAL:
            holds = holds or av == _NEWLINE
        elif op is OPS.RANGE:
            holds = holds or av[0] <= _NEWLINE <= av[1]
        elif op is OPS.CATEGORY and av in _NEWLINE_CATEGORIES:
            holds = holds or _NEWLINE_CATEGORIES[av]
        else:
            return None
    return holds != negate


def _selectivity(literals: Literals) -> tuple[int, int, tuple[str, ...]]:
    """Longer and fewer literals first (ties broken by the strings, so the order is stable)."""
    return min(len(x) for x in literals), -len(literals), tuple(sorted(literals))


_MAX_SPELLINGS = 64
"""A literal run with character classes ([Pp], [op]) expands to at most this many spellings."""


def _spellings(op: Any, av: Any) -> set[str] | None:
    """Every folded string a small, fixed piece of pattern can match (a literal, [Pp], (?:ghp|gho), an
    optional literal), or None when it can match more than _MAX_SPELLINGS strings or unbounded ones."""
    if op is OPS.LITERAL:
        return {fold(chr(av))}
    if op is OPS.IN and 0 < len(av) <= 8 and all(o is OPS.LITERAL for o, _ in av):
        return {fold(chr(code)) for _, code in av}
    if op is OPS.SUBPATTERN:
        return _all_spellings(list(av[3]))
    if op is OPS.BRANCH:
        union = _union(av[1], _all_spellings)
        return union if union is not None and len(union) <= _MAX_SPELLINGS else None
    if op is OPS.MAX_REPEAT and av[0] == 0 and av[1] == 1:
        inner = _all_spellings(list(av[2]))
        return None if inner is None else inner | {""}
    return None


def _all_spellings(items: list[tuple[Any, Any]]) -> set[str] | None:
    spellings = {""}
    for op, av in items:
        piece = _spellings(op, av)
        if piece is None or len(spellings) * len(piece) > _MAX_SPELLINGS:
            return None
        spellings = {prefix + part for prefix in spellings for part in piece}
    return spellings


def _sequence(items: list[tuple[Any, Any]]) -> Literals | None:
    """The most selective required set among the items of a sequence (all of them must match)."""
    options = _sequence_options(items)
    return max(options, key=_selectivity) if options else None


def _sequence_options(items: list[tuple[Any, Any]]) -> list[Literals]:
    """A required set for each item (or literal run) of a sequence that has one: all of them must match."""
    options: list[Literals] = []
    run: set[str] = {""}
    for op, av in items:
        chars = _spellings(op, av)
        if chars is not None and len(run) * len(chars) <= _MAX_SPELLINGS:
            run = {prefix + char for prefix in run for char in chars}
            continue
        if run != {""}:
            options.append(frozenset(run))
        run = chars if chars is not None else {""}
        inner = None if chars is not None else _item(op, av)
        if inner is not None:
            options.append(inner)
    if run != {""}:
        options.append(frozenset(run))
    return options


def _item(op: Any, av: Any) -> Literals | None:
    if op is OPS.SUBPATTERN:
        return _sequence(list(av[3]))
    if op is OPS.ATOMIC_GROUP:
        return _sequence(list(av))
    if op in _REPEATS:
        low, _, body = av
        return _sequence(list(body)) if low >= 1 else None
    if op is OPS.BRANCH:
        union = _union(av[1], _sequence)
        return None if union is None else frozenset(union)
    return None


def _union(
    alternatives: list[list[tuple[Any, Any]]],
    part: Callable[[list[tuple[Any, Any]]], AbstractSet[str] | None],
) -> set[str] | None:
    """The union of ``part`` of every alternative of a branch; None when one of them is unknown."""
    union: set[str] = set()
    for alternative in alternatives:
        inner = part(list(alternative))
        if inner is None:
            return None
        union |= inner
    return union
