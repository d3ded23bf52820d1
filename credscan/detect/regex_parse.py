"""The one module that reads CPython's private regex parser (``re._parser``, ``re._constants``,
``re._casefix``).

credscan.detect.patterns derives prefilter facts (required literals, shortest match, whether a match may
span lines) from the parse of the regex engine that runs the rules, so they hold exactly. That parse is a
private API: it may change in any Python release. Everything private is reached through this module's
narrow interface, and at import a probe pattern is parsed and compared with the tree this code expects.
If the import or the probe fails, ``AVAILABLE`` is False, ``parse`` returns None and ``EXTRA_CASES`` is
empty: every rule then runs on every text (correct, slower) instead of being skipped on a wrong guess.
Tested on every Python version pyproject.toml claims (tests/detect/test_regex_parse.py).
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from functools import lru_cache
from types import ModuleType
from typing import Any

Item = tuple[Any, Any]
"""One (opcode, argument) node of a parsed pattern; nested bodies are sequences of Items."""

_PROBE = r"ab(?:cd|ef)[^\n]x{2,3}(?=yz)\s"
"""Parsed at import: literals, a branch, a negated literal, a bounded repeat, a lookahead, a category."""


@dataclass(frozen=True, slots=True)
class Parsed:
    """A pattern as the regex engine parsed it."""

    items: list[Item]
    """Its top-level sequence."""
    flags: int
    """Its global flags, inline ones (``(?s)``) included."""
    min_width: int
    """The fewest characters a match spans."""


@dataclass(frozen=True, slots=True)
class Opcodes:
    """The opcodes and categories the analysis reads (names as in ``re._constants``)."""

    LITERAL: Any
    NOT_LITERAL: Any
    ANY: Any
    IN: Any
    AT: Any
    AT_BEGINNING: Any
    AT_BEGINNING_STRING: Any
    GROUPREF: Any
    GROUPREF_EXISTS: Any
    SUBPATTERN: Any
    ATOMIC_GROUP: Any
    BRANCH: Any
    MAX_REPEAT: Any
    MIN_REPEAT: Any
    POSSESSIVE_REPEAT: Any
    ASSERT: Any
    ASSERT_NOT: Any
    NEGATE: Any
    RANGE: Any
    CATEGORY: Any
    CATEGORY_SPACE: Any
    CATEGORY_NOT_SPACE: Any
    CATEGORY_DIGIT: Any
    CATEGORY_NOT_DIGIT: Any
    CATEGORY_WORD: Any
    CATEGORY_NOT_WORD: Any
    CATEGORY_LINEBREAK: Any
    CATEGORY_NOT_LINEBREAK: Any
    MAXREPEAT: int
    """A repeat's upper bound when it has none."""


def _load() -> tuple[ModuleType, Opcodes, dict[int, tuple[int, ...]]] | None:
    """The parser module, its opcodes and the extra case-folding table; None when any is missing or the
    probe does not parse to the expected tree."""
    try:
        parser = importlib.import_module("re._parser")
        constants = importlib.import_module("re._constants")
        casefix = importlib.import_module("re._casefix")
        ops = Opcodes(**{name: getattr(constants, name) for name in Opcodes.__dataclass_fields__})
        extra_cases = dict(casefix._EXTRA_CASES)
        parsed = parser.parse(_PROBE, 0)
        if _plain(parsed) != _expected_probe(ops) or tuple(parsed.getwidth()) != (8, 9):
            return None
        if not isinstance(parsed.state.flags, int):
            return None
    except Exception:  # a renamed module, opcode or attribute: fall back, never fail the scan
        return None
    return parser, ops, extra_cases


def _plain(node: Any) -> Any:
    """A parse tree as plain lists and tuples (nested bodies are the parser's SubPattern objects)."""
    if isinstance(node, list) or hasattr(node, "getwidth"):
        return [_plain(item) for item in node]
    if isinstance(node, tuple):
        return tuple(_plain(item) for item in node)
    return node


def _expected_probe(ops: Opcodes) -> list[Item]:
    """The tree _PROBE parses to (Python 3.11 to 3.13)."""
    lit = ops.LITERAL
    return [
        (lit, ord("a")),
        (lit, ord("b")),
        (ops.BRANCH, (None, [[(lit, ord("c")), (lit, ord("d"))], [(lit, ord("e")), (lit, ord("f"))]])),
        (ops.NOT_LITERAL, ord("\n")),
        (ops.MAX_REPEAT, (2, 3, [(lit, ord("x"))])),
        (ops.ASSERT, (1, [(lit, ord("y")), (lit, ord("z"))])),
        (ops.IN, [(ops.CATEGORY, ops.CATEGORY_SPACE)]),
    ]


_LOADED = _load()
AVAILABLE = _LOADED is not None
"""Whether the private parser is usable; when not, the analysis knows nothing and every rule runs."""
_ABSENT = Opcodes(
    **{name: object() for name in Opcodes.__dataclass_fields__ if name != "MAXREPEAT"}, MAXREPEAT=2**32 - 1
)
"""Opcodes that equal nothing: without the parser no tree is ever walked, but the names still exist."""
OPS: Opcodes = _ABSENT if _LOADED is None else _LOADED[1]
EXTRA_CASES: dict[int, tuple[int, ...]] = {} if _LOADED is None else _LOADED[2]
"""Characters re.IGNORECASE treats as equal beyond str.lower() (ı and i, ſ and s …): {code: others}."""


@lru_cache(maxsize=1024)
def parse(pattern: re.Pattern[str]) -> Parsed | None:
    """The engine's parse of ``pattern``; None when the parser is unavailable or rejects it. Parsed once
    for all the analyses (credscan.detect.patterns, credscan.detect.leads), which only read it."""
    if _LOADED is None:
        return None
    try:
        parsed = _LOADED[0].parse(pattern.pattern, pattern.flags)
        return Parsed(list(parsed), int(parsed.state.flags), int(parsed.getwidth()[0]))
    except Exception:  # an exotic pattern: nothing known
        return None


def width(body: Any) -> tuple[int, int]:
    """The fewest and most characters a nested body of a Parsed (a lookahead's, a group's) can match; a
    body with no upper bound reports OPS.MAXREPEAT or more."""
    low, high = body.getwidth()
    return int(low), int(high)
