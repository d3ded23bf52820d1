"""Cheap, exact prefilters that keep text rules away from texts and table cells they cannot match.

Three facts are used, all computed once per rule set:

- a rule's file-name/kind restrictions depend only on the kind and on which of the rules' name globs the file
  name matches: cached per such class (most names match no glob, and a share of note-00001.txt …
  note-09999.txt is one class, not 10,000 cache entries);
- a rule with keywords runs only where one of them occurs (a substring of the lowercased text);
- every match of a pattern contains one of each of its *required literal sets*, and is at least as long as
  its shortest match (credscan.detect.patterns), so a text or table cell lacking one of them cannot match. A
  20,000-row sheet then costs a few substring searches per rule instead of a regex pass over every cell
  (Python's regex engine cannot skip ahead on a case-insensitive alternation).

Keywords and literals of all rules are found in one Aho-Corasick pass over the text (native code, ~15x
faster than a trie-shaped regex tried at every position).

All of them only ever skip work that could not produce a match: detection results are unchanged.
"""

from __future__ import annotations

import fnmatch
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, count
from operator import add
from typing import Any

from ahocorasick_rs import AhoCorasick, Implementation

from credscan.detect.interface import FileInfo
from credscan.detect.leads import lead_literals
from credscan.detect.patterns import Literals, fold_lowered, required_literal_sets
from credscan.detect.rule import Rule

_CACHE_LIMIT = 4096


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


@dataclass(frozen=True, slots=True)
class _GateIndex:
    """The gates that apply to one kind of file, indexed by keyword: a text wakes only the gates of the
    keywords it holds (and those without keywords), not all 180 of them."""

    gates: tuple[_Gate, ...]
    always: tuple[int, ...]
    """Positions of the gates without keywords."""
    by_keyword: dict[str, tuple[int, ...]]

    @classmethod
    def of(cls, gates: tuple[_Gate, ...]) -> _GateIndex:
        by_keyword: dict[str, list[int]] = {}
        for position, gate in enumerate(gates):
            for keyword in gate.keywords or ():
                by_keyword.setdefault(keyword, []).append(position)
        always = tuple(position for position, gate in enumerate(gates) if gate.keywords is None)
        return cls(gates, always, {k: tuple(v) for k, v in by_keyword.items()})

    def open_rules(self, keywords: set[str], literals: set[str]) -> list[Rule]:
        """The rules of the gates that open, in the gates' order (what ``gate.opens`` says of each)."""
        woken = set(self.always)
        for keyword in keywords & self.by_keyword.keys():
            woken.update(self.by_keyword[keyword])
        gates = self.gates
        return [
            gates[position].rule
            for position in sorted(woken)
            if all(not required.isdisjoint(literals) for required in gates[position].literal_sets)
        ]


class NameClasses:
    """Which of the rules' file-name globs (``file_names``, ``exclude_file_names``) a file name matches,
    lowercased as the rules' name test does: all that test can see of a name. One regex call answers the
    common case of a name that matches none of them."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        globs = sorted({glob for rule in rules for glob in (*rule.file_names, *rule.exclude_file_names)})
        self._globs = tuple((glob, re.compile(fnmatch.translate(glob))) for glob in globs)
        self._any = re.compile("|".join(fnmatch.translate(glob) for glob in globs)) if globs else None

    def of(self, name: str) -> tuple[str, ...]:
        lowered = name.lower()
        if self._any is None or self._any.match(lowered) is None:
            return ()
        return tuple(glob for glob, pattern in self._globs if pattern.match(lowered))


class RulePrefilter:
    """The text rules that can match a text: name/kind restrictions, then keywords and required literals
    (one pass over the text for all rules)."""

    def __init__(self, rules: Sequence[Rule], applies: Any) -> None:
        """``applies(rule, info)``: the rule's own name/kind test, which may look at the name only through
        the rule's globs (cached here per kind and NameClasses class)."""
        self.rules = tuple(rules)
        self._applies = applies
        self._names = NameClasses(self.rules)
        self._by_file: dict[tuple[tuple[str, ...], str], _GateIndex] = {}
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
        leads = {x for rule in self.rules for x in lead_literals(rule.pattern)} if self.rules else set()
        self._finder = WordFinder(self._keywords | literals | leads)
        """Also the literals matches start with (credscan.detect.leads): which of them occur is known too."""

    def present(self, lowered: str) -> frozenset[str]:
        """Exactly the keywords that occur in ``lowered`` (as `keyword in lowered` would say)."""
        return frozenset(self._keywords.intersection(self._finder.present(lowered)))

    def active(self, lowered: str, info: FileInfo) -> list[Rule]:
        """The rules that apply to the file and whose keywords (if any) and required literals occur in
        ``lowered`` (the text's str.lower())."""
        return self.active_and_literals(lowered, info)[0]

    def active_and_literals(self, lowered: str, info: FileInfo) -> tuple[list[Rule], set[str]]:
        """active(), and which of all rules' required literals (and keywords) occur in fold(text)."""
        index = self._applicable(info)
        if not index.gates:
            return [], set()
        found = self._finder.present(lowered)
        folded = fold_lowered(lowered)
        literals = found if folded is lowered else self._finder.present(folded)
        return index.open_rules(found, literals), literals

    def _applicable(self, info: FileInfo) -> _GateIndex:
        key = (self._names.of(info.name), info.kind)
        index = self._by_file.get(key)
        if index is None:
            if len(self._by_file) >= _CACHE_LIMIT:
                self._by_file.clear()
            index = _GateIndex.of(tuple(gate for gate in self._gates if self._applies(gate.rule, info)))
            self._by_file[key] = index
        return index


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
