"""Cheap, exact prefilters that keep text rules away from texts and table cells they cannot match.

Two facts are used, both computed once per rule set:

- a rule's file-name/kind restrictions depend only on (file name, kind): cached per pair;
- every match of a pattern contains one of its *required literals* (derived from the parsed regex: a
  literal run, or one literal per branch of an alternation), so a table cell without any of them cannot
  match on its own. A 20,000-row sheet then costs a few substring searches per rule instead of a regex
  pass over every cell (Python's regex engine cannot skip ahead on a case-insensitive alternation).

Both only ever skip work that could not produce a match: detection results are unchanged.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from re import _constants as sre_constants  # type: ignore[attr-defined]  # the parser's view (3.11+)
from re import _parser as sre_parse  # type: ignore[attr-defined]
from re._casefix import _EXTRA_CASES
from typing import Any

from credscan.detect.interface import FileInfo
from credscan.detect.rules import Rule

Literals = frozenset[str]

_FOLD = {code: min((code, *others)) for code, others in _EXTRA_CASES.items()}
"""Characters that re.IGNORECASE treats as equal (ı and i, ſ and s …) while str.lower() keeps them apart:
each maps to the smallest of its class, in texts and literals alike."""

_CACHE_LIMIT = 4096


def fold(text: str) -> str:
    """Lowercase as the prefilter compares (ASCII text, the usual case, is only lowercased)."""
    lowered = text.lower()
    return lowered if lowered.isascii() else lowered.translate(_FOLD)


@lru_cache(maxsize=1024)
def required_literals(pattern: re.Pattern[str]) -> Literals | None:
    """Folded strings of which every match of ``pattern`` contains at least one; None when unknown."""
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # an exotic pattern: no prefilter, the rule simply runs
        return None
    found = _sequence(list(parsed))
    if not found or not all(found):
        return None
    # a string that contains another member adds nothing: the shorter one is then present too
    return frozenset(x for x in found if not any(y != x and y in x for y in found))


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
        union: set[str] = set()
        for alternative in av[1]:
            inner = _all_spellings(list(alternative))
            if inner is None:
                return None
            union |= inner
        return union if len(union) <= _MAX_SPELLINGS else None
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
    if not options:
        return None
    return max(options, key=lambda s: (min(len(x) for x in s), -len(s)))


def _item(op: Any, av: Any) -> Literals | None:
    if op is sre_constants.SUBPATTERN:
        return _sequence(list(av[3]))
    if op is sre_constants.ATOMIC_GROUP:
        return _sequence(list(av))
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT):
        low, _, body = av
        return _sequence(list(body)) if low >= 1 else None
    if op is sre_constants.BRANCH:
        union: set[str] = set()
        for alternative in av[1]:
            inner = _sequence(list(alternative))
            if inner is None:
                return None
            union |= inner
        return frozenset(union)
    return None


def _trie_regex(words: Sequence[str]) -> str:
    """An alternation shaped as a trie, so the regex engine tries one branch per character, longest first."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


class RulePrefilter:
    """The text rules that can match a text: name/kind restrictions, then keywords (one regex pass)."""

    def __init__(self, rules: Sequence[Rule], applies: Any) -> None:
        """``applies(rule, info)``: the rule's own name/kind test (cached here per name and kind)."""
        self.rules = tuple(rules)
        self._applies = applies
        self._by_file: dict[tuple[str, str], tuple[Rule, ...]] = {}
        keywords = sorted({k for rule in self.rules for k in rule.keywords if k})
        # at every position the longest keyword starting there; the shorter ones inside it are implied
        self._keywords = re.compile(f"(?=({_trie_regex(keywords)}))") if keywords else None
        self._implied = {k: frozenset(j for j in keywords if j in k) for k in keywords}

    def present(self, lowered: str) -> frozenset[str]:
        """Exactly the keywords that occur in ``lowered`` (as `keyword in lowered` would say)."""
        if self._keywords is None:
            return frozenset()
        found: set[str] = set()
        for longest in set(self._keywords.findall(lowered)):
            found |= self._implied[longest]
        return frozenset(found)

    def active(self, lowered: str, info: FileInfo) -> list[Rule]:
        """The rules that apply to the file and whose keywords (if any) occur in ``lowered``."""
        rules = self.applicable(info)
        if not any(rule.keywords for rule in rules):
            return list(rules)
        present = self.present(lowered)
        return [r for r in rules if not r.keywords or not present.isdisjoint(r.keywords)]

    def applicable(self, info: FileInfo) -> tuple[Rule, ...]:
        key = (info.name, info.kind)
        rules = self._by_file.get(key)
        if rules is None:
            if len(self._by_file) >= _CACHE_LIMIT:
                self._by_file.clear()
            rules = tuple(rule for rule in self.rules if self._applies(rule, info))
            self._by_file[key] = rules
        return rules


class CellIndex:
    """Where literals occur in a table's joined cell text, mapped to cell numbers (cached per literal)."""

    def __init__(self, folded: str, starts: list[int]) -> None:
        self.folded = folded
        self.starts = starts
        self._cells: dict[str, set[int]] = {}

    def cells_with(self, literals: Literals) -> list[int]:
        """Cell numbers (ascending) whose text contains one of ``literals``."""
        found: set[int] = set()
        for literal in literals:
            found |= self._cells_with(literal)
        return sorted(found)

    def _cells_with(self, literal: str) -> set[int]:
        cached = self._cells.get(literal)
        if cached is not None:
            return cached
        cells: set[int] = set()
        text, find, position = self.folded, self.folded.find, 0
        while (position := find(literal, position)) >= 0:
            cell = bisect_right(self.starts, position) - 1
            cells.add(cell)
            # continue after this cell: one hit per cell is enough
            position = self.starts[cell + 1] if cell + 1 < len(self.starts) else len(text)
        self._cells[literal] = cells
        return cells
