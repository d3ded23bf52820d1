"""Cheap, exact prefilters that keep text rules away from texts and table cells they cannot match.

Three facts are used, all computed once per rule set:

- a rule's file-name/kind restrictions depend only on (file name, kind): cached per pair;
- a rule with keywords runs only where one of them occurs (a substring of the lowercased text);
- every match of a pattern contains one of each of its *required literal sets* (derived from the parsed
  regex: each literal run or alternation the pattern cannot do without, e.g. {"admin", "root"} and {"/"}
  for ``(admin|root) */ *[^ ]+``), so a text or table cell lacking one of them cannot match. A 20,000-row
  sheet then costs a few substring searches per rule instead of a regex pass over every cell (Python's
  regex engine cannot skip ahead on a case-insensitive alternation).

Keywords and literals of all rules are found in one Aho-Corasick pass over the text (native code, ~15x
faster than a trie-shaped regex tried at every position).

All of them only ever skip work that could not produce a match: detection results are unchanged.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, count
from operator import add
from re import _constants as sre_constants  # type: ignore[attr-defined]  # the parser's view (3.11+)
from re import _parser as sre_parse  # type: ignore[attr-defined]
from re._casefix import _EXTRA_CASES
from typing import Any

from ahocorasick_rs import AhoCorasick, Implementation

from credscan.detect.interface import FileInfo
from credscan.detect.rules import Rule

Literals = frozenset[str]

_FOLD = {code: min((code, *others)) for code, others in _EXTRA_CASES.items()}
"""Characters that re.IGNORECASE treats as equal (ı and i, ſ and s …) while str.lower() keeps them apart:
each maps to the smallest of its class, in texts and literals alike."""

_CACHE_LIMIT = 4096


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


class WordFinder:
    """Which of a fixed set of strings occur in a text (exactly what ``word in text`` says), in one pass.

    Python's re has no multi-string search: an alternation of 200 keywords is tried at every position of
    the text. An Aho-Corasick automaton finds them all in one native pass; single characters are left to
    ``in`` (memchr), so that a ":" on every line does not fill the automaton's answer.
    """

    def __init__(self, words: Iterable[str]) -> None:
        unique = {word for word in words if word}
        self._chars = tuple(sorted(word for word in unique if len(word) == 1))
        self._longer = tuple(sorted(unique.difference(self._chars)))
        self._automaton = _automaton(self._longer) if self._longer else None

        self._words = tuple(sorted(unique))
        self._every: AhoCorasick | None = None
        """All words, single characters too (for starts()); built on first use."""

    def present(self, text: str) -> set[str]:
        """The words that occur in ``text``."""
        found = {char for char in self._chars if char in text}
        if self._automaton is not None:
            try:
                found.update(self._automaton.find_matches_as_strings(text, overlapping=True))
            except UnicodeEncodeError:  # a lone surrogate (undecodable bytes) cannot cross into Rust
                found.update(word for word in self._longer if word in text)
        return found

    def starts(self, text: str) -> list[int]:
        """Ascending start offsets of non-overlapping occurrences of the words in ``text``. An occurrence
        overlapping an earlier one may be left out, but every line holding a word has one of its
        occurrences here, as long as no word holds a line break."""
        if not self._words:
            return []
        if self._every is None:
            self._every = _automaton(self._words)
        try:
            return [start for _, start, _ in self._every.find_matches_as_indexes(text)]
        except UnicodeEncodeError:  # see present(): every occurrence, found the slow way
            found: set[int] = set()
            for word in self._words:
                position = text.find(word)
                while position >= 0:
                    found.add(position)
                    position = text.find(word, position + 1)
            return sorted(found)


def _automaton(words: Sequence[str]) -> AhoCorasick:
    """A DFA: it searches about twice as fast as the default NFA (5 ms instead of 11 ms per MB of table
    text), and a few hundred keywords build it in well under a millisecond, once per process."""
    return AhoCorasick(words, implementation=Implementation.DFA)


@dataclass(frozen=True, slots=True)
class _Gate:
    """What a text must contain for a rule to be worth running."""

    rule: Rule
    keywords: frozenset[str] | None
    """One of these occurs in the lowercased text (None: the rule has no keywords)."""
    literal_sets: tuple[Literals, ...]
    """One literal of each set occurs in the folded text."""

    def opens(self, keywords: set[str], literals: set[str]) -> bool:
        if self.keywords is not None and self.keywords.isdisjoint(keywords):
            return False
        return all(not required.isdisjoint(literals) for required in self.literal_sets)


class RulePrefilter:
    """The text rules that can match a text: name/kind restrictions, then keywords and required literals
    (one pass over the text for all rules)."""

    def __init__(self, rules: Sequence[Rule], applies: Any) -> None:
        """``applies(rule, info)``: the rule's own name/kind test (cached here per name and kind)."""
        self.rules = tuple(rules)
        self._applies = applies
        self._by_file: dict[tuple[str, str], tuple[_Gate, ...]] = {}
        self._gates = [
            _Gate(
                rule,
                frozenset(rule.keywords) if rule.keywords else None,
                required_literal_sets(rule.pattern) if rule.pattern is not None else (),
            )
            for rule in self.rules
        ]
        self._keywords = frozenset(k for gate in self._gates for k in gate.keywords or ())
        literals = {x for gate in self._gates for required in gate.literal_sets for x in required}
        self._finder = WordFinder(self._keywords | literals)

    def present(self, lowered: str) -> frozenset[str]:
        """Exactly the keywords that occur in ``lowered`` (as `keyword in lowered` would say)."""
        return frozenset(self._keywords.intersection(self._finder.present(lowered)))

    def active(self, lowered: str, info: FileInfo) -> list[Rule]:
        """The rules that apply to the file and whose keywords (if any) and required literals occur in
        ``lowered`` (the text's str.lower())."""
        return self.active_and_literals(lowered, info)[0]

    def active_and_literals(self, lowered: str, info: FileInfo) -> tuple[list[Rule], set[str]]:
        """active(), and which of all rules' required literals (and keywords) occur in fold(text)."""
        gates = self._applicable(info)
        if not gates:
            return [], set()
        found = self._finder.present(lowered)
        folded = fold_lowered(lowered)
        literals = found if folded is lowered else self._finder.present(folded)
        return [gate.rule for gate in gates if gate.opens(found, literals)], literals

    def applicable(self, info: FileInfo) -> tuple[Rule, ...]:
        return tuple(gate.rule for gate in self._applicable(info))

    def _applicable(self, info: FileInfo) -> tuple[_Gate, ...]:
        key = (info.name, info.kind)
        gates = self._by_file.get(key)
        if gates is None:
            if len(self._by_file) >= _CACHE_LIMIT:
                self._by_file.clear()
            gates = tuple(gate for gate in self._gates if self._applies(gate.rule, info))
            self._by_file[key] = gates
        return gates


@lru_cache(maxsize=1024)
def _any_of(literals: Literals) -> re.Pattern[str]:
    """A search for any of ``literals`` (exact, case-sensitive: they and the text are folded already). In a
    cell it costs one call at C speed, where ``any(x in cell for x in literals)`` cost a slice and a Python
    step per literal: a set matching 200,000 cells of a user column ("admin") made that a hot spot."""
    return re.compile("|".join(map(re.escape, sorted(literals, key=len, reverse=True))))


def joined_offsets(lengths: Iterable[int]) -> list[int]:
    """Offsets of texts of these lengths joined by one separator character ("\\n"): the lengths before each
    plus one separator per text, summed at C speed."""
    offsets = list(map(add, accumulate(lengths, initial=0), count()))
    offsets.pop()
    return offsets


class CellIndex:
    """Where literals occur in a table's joined cell text, mapped to cell numbers (cached per literal)."""

    def __init__(self, folded: str, starts: list[int], present: set[str] | None = None) -> None:
        """``present``: which of the literals that will be asked for occur in ``folded`` (RulePrefilter
        found all of its rules' literals in one pass); any other one then costs no search. None: search."""
        self.folded = folded
        self.starts = starts
        self.present = present
        self._cells: dict[str, set[int]] = {}

    def cells_with(self, literals: Literals) -> list[int]:
        """Cell numbers (ascending) whose text contains one of ``literals``."""
        found: set[int] = set()
        for literal in literals:
            found |= self._cells_with(literal)
        return sorted(found)

    def cells_with_all(self, literal_sets: Sequence[Literals], min_length: int = 0) -> list[int]:
        """Cell numbers (ascending) of at least ``min_length`` characters whose text contains one literal of
        each set: the cells holding the first (most selective) set are searched, the rest is checked in
        those cells only. The length check first: a user column of "admin" holds the account of the
        "admin / X" rule in every row, but not the pair."""
        first, *others = literal_sets
        cells = self.cells_with(first)
        if not cells or (not others and min_length <= 0):
            return cells
        text, starts, last = self.folded, self.starts, len(self.starts) - 1
        searches = [_any_of(required).search for required in others]
        kept = []
        for cell in cells:
            start, end = starts[cell], starts[cell + 1] - 1 if cell < last else len(text)
            if end - start >= min_length and all(search(text, start, end) for search in searches):
                kept.append(cell)
        return kept

    def _cells_with(self, literal: str) -> set[int]:
        cached = self._cells.get(literal)
        if cached is not None:
            return cached
        cells: set[int] = set()
        if self.present is not None and literal not in self.present:
            return cells
        text, find, position = self.folded, self.folded.find, 0
        while (position := find(literal, position)) >= 0:
            cell = bisect_right(self.starts, position) - 1
            cells.add(cell)
            # continue after this cell: one hit per cell is enough
            position = self.starts[cell + 1] if cell + 1 < len(self.starts) else len(text)
        self._cells[literal] = cells
        return cells
