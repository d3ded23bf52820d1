"""What a pattern's parsed regex guarantees about every match, derived once per pattern (cached).

- *required literal sets*: each literal run or alternation the pattern cannot do without, e.g. {"admin",
  "root"} and {"/"} for ``(admin|root) */ *[^ ]+``: a text lacking one of a set cannot match;
- the shortest match: a shorter text (a table cell) cannot match;
- whether a match can hold a newline, and how far past a line its lookaheads may look: if it cannot, the
  pattern can be run on single lines with exactly the whole-text result (credscan.detect.prose.LineWindows).

Literals and texts are compared folded (``fold``), the way re.IGNORECASE compares characters. The parse is
Python's own (``re._parser``), so these facts hold for exactly the regex engine that runs the rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from functools import lru_cache
from re import _constants as sre_constants  # type: ignore[attr-defined]  # the parser's view (3.11+)
from re import _parser as sre_parse  # type: ignore[attr-defined]
from re._casefix import _EXTRA_CASES
from typing import Any

Literals = frozenset[str]

_FOLD = {code: min((code, *others)) for code, others in _EXTRA_CASES.items()}
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
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # an exotic pattern: no prefilter, the rule simply runs
        return ()
    # a set holding "" is always satisfied; a string containing another member of its set adds nothing
    # (the shorter one is then present too)
    sets = {
        frozenset(x for x in found if not any(y != x and y in x for y in found))
        for found in _sequence_options(list(parsed))
        if all(found)
    }
    return tuple(sorted(sets, key=_selectivity, reverse=True))


@lru_cache(maxsize=1024)
def min_match_length(pattern: re.Pattern[str]) -> int:
    """The fewest characters a match of ``pattern`` spans (0 when unknown): a shorter text cannot match."""
    try:
        low, _ = sre_parse.parse(pattern.pattern, pattern.flags).getwidth()
    except Exception:  # an exotic pattern: no bound
        return 0
    return int(low)


_NEWLINE = ord("\n")
_NEWLINE_CATEGORIES = {
    sre_constants.CATEGORY_SPACE: True,
    sre_constants.CATEGORY_NOT_SPACE: False,
    sre_constants.CATEGORY_DIGIT: False,
    sre_constants.CATEGORY_NOT_DIGIT: True,
    sre_constants.CATEGORY_WORD: False,
    sre_constants.CATEGORY_NOT_WORD: True,
    sre_constants.CATEGORY_LINEBREAK: True,
    sre_constants.CATEGORY_NOT_LINEBREAK: False,
}
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT)


@lru_cache(maxsize=1024)
def line_window_slack(pattern: re.Pattern[str]) -> int | None:
    """When no match of ``pattern`` can hold a newline: how many characters past the end of a line a match
    attempt within it may look at (its lookaheads); None when a match may span lines or nothing is known.

    Every match then lies within one line, and ``pattern.finditer(text, line_start, line_end + slack)``
    finds exactly the matches of that line that ``pattern.finditer(text)`` finds: lookbehinds, ``^`` and
    ``\\b`` see the text before ``pos``, and ``$``/``\\Z`` cannot tell the shortened end from a newline."""
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:
        return None
    reach = _lookahead_reach(list(parsed), bool(parsed.state.flags & re.DOTALL))
    return None if reach is None else reach + 1


def _lookahead_reach(items: list[tuple[Any, Any]], dotall: bool) -> int | None:
    """The widest lookahead that may cross a newline (0 when none does), or None when the pattern itself
    may consume a newline or a lookahead may cross one without bound."""
    reach = 0
    for op, av in items:
        if op is sre_constants.ASSERT or op is sre_constants.ASSERT_NOT:
            direction, body = av
            if direction < 0 or _lookahead_reach(list(body), dotall) == 0:
                continue  # a lookbehind sees the text before pos; a newline-free lookahead stays on its line
            _, high = body.getwidth()
            if high >= sre_constants.MAXREPEAT:
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
    if op is sre_constants.LITERAL:
        return None if av == _NEWLINE else 0
    if op is sre_constants.NOT_LITERAL:
        return 0 if av == _NEWLINE else None
    if op is sre_constants.ANY:
        return None if dotall else 0
    if op is sre_constants.IN:
        return None if _set_holds_newline(av) is not False else 0
    if op is sre_constants.AT or op is sre_constants.GROUPREF:
        return 0  # a position, or the text of a group (which holds no newline either)
    if op is sre_constants.SUBPATTERN:
        _, add_flags, del_flags, body = av
        inner_dotall = (dotall or bool(add_flags & re.DOTALL)) and not del_flags & re.DOTALL
        return _lookahead_reach(list(body), inner_dotall)
    if op in _REPEATS:
        return _lookahead_reach(list(av[2]), dotall)
    if op is sre_constants.ATOMIC_GROUP:
        return _lookahead_reach(list(av), dotall)
    if op is sre_constants.BRANCH:
        reaches = [_lookahead_reach(list(alternative), dotall) for alternative in av[1]]
        return None if None in reaches else max(r for r in reaches if r is not None)
    if op is sre_constants.GROUPREF_EXISTS:
        _, yes, no = av
        reaches = [_lookahead_reach(list(branch), dotall) for branch in (yes, no) if branch is not None]
        return None if None in reaches else max((r for r in reaches if r is not None), default=0)
    return None  # anything else: unknown, assume the worst


def _set_holds_newline(items: list[tuple[Any, Any]]) -> bool | None:
    """Whether a character set ([...], a category) matches a newline; None when unknown."""
    negate, holds = False, False
    for op, av in items:
        if op is sre_constants.NEGATE:
            negate = True
        elif op is sre_constants.LITERAL:
            holds = holds or av == _NEWLINE
        elif op is sre_constants.RANGE:
            holds = holds or av[0] <= _NEWLINE <= av[1]
        elif op is sre_constants.CATEGORY and av in _NEWLINE_CATEGORIES:
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
    if op is sre_constants.LITERAL:
        return {fold(chr(av))}
    if op is sre_constants.IN and 0 < len(av) <= 8 and all(o is sre_constants.LITERAL for o, _ in av):
        return {fold(chr(code)) for _, code in av}
    if op is sre_constants.SUBPATTERN:
        return _all_spellings(list(av[3]))
    if op is sre_constants.BRANCH:
        union = _union(av[1], _all_spellings)
        return union if union is not None and len(union) <= _MAX_SPELLINGS else None
    if op is sre_constants.MAX_REPEAT and av[0] == 0 and av[1] == 1:
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
    if op is sre_constants.SUBPATTERN:
        return _sequence(list(av[3]))
    if op is sre_constants.ATOMIC_GROUP:
        return _sequence(list(av))
    if op in _REPEATS:
        low, _, body = av
        return _sequence(list(body)) if low >= 1 else None
    if op is sre_constants.BRANCH:
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
