"""credscan.detect.regex_parse: the one door to CPython's private regex parser, and its fallback.

Run on every Python version pyproject.toml claims (3.11, 3.12, 3.13; docs/install.md). Cost: about three
seconds (two subprocesses run with the private parser hidden)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from credscan.detect import patterns, regex_parse

HIDE_PARSER = "import re, sys; sys.modules['re._casefix'] = None\n"
"""Run first in a subprocess: importing re._casefix (one of the three private modules) then fails, as it
would if CPython renamed it. The already imported regex compiler keeps working; hiding re._parser itself
would also break stdlib modules that import it (the e-mail reader), which is not what a rename does."""


def test_the_private_parser_is_usable_on_this_python() -> None:
    """A claimed Python version whose parser no longer matches would silently lose the prefilter."""
    assert regex_parse.AVAILABLE, f"re._parser changed in Python {sys.version_info[:3]}"
    parsed = regex_parse.parse(re.compile(r"(?s)ab+"))
    assert parsed is not None and parsed.min_width == 2 and parsed.flags & re.DOTALL
    assert regex_parse.EXTRA_CASES  # ı/i, ſ/s …: what re.IGNORECASE folds beyond str.lower()


@pytest.mark.parametrize(
    ("pattern", "literal_sets", "shortest", "slack"),
    [
        (r"(admin|root) */ *[^ \n]+", ({"admin", "root"}, {"/"}), 6, 1),
        (r"(admin|root) */ *[^ ]+", ({"admin", "root"}, {"/"}), 6, None),  # [^ ] may take a newline
        (
            r"(?i)pass(?:word|wd)?[=:]\s*\S+",
            ({"pass=", "pass:", "passwd=", "passwd:", "password=", "password:"},),
            6,
            None,
        ),
        (r"pw=[^\n]{4,}(?=\n\n)", ({"pw="},), 7, 3),  # the lookahead reads two characters past the line
        (r"(?s)key.{0,9}end", ({"end"}, {"key"}), 6, None),
    ],
)
def test_analysis_of_hand_made_patterns(
    pattern: str, literal_sets: tuple[set[str], ...], shortest: int, slack: int | None
) -> None:
    compiled = re.compile(pattern)
    assert set(map(frozenset, literal_sets)) == set(patterns.required_literal_sets(compiled))
    assert patterns.min_match_length(compiled) == shortest
    assert patterns.line_window_slack(compiled) == slack


def test_an_unexpected_parse_tree_disables_the_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    """A parser that loads but parses the probe differently is not trusted."""
    monkeypatch.setattr(regex_parse, "_expected_probe", lambda ops: [])
    assert regex_parse._load() is None


def test_without_the_private_parser_nothing_is_known() -> None:
    code = HIDE_PARSER + (
        "import re\n"
        "from credscan.detect import patterns, regex_parse\n"
        "p = re.compile(r'(admin|root) */ *[^ ]+')\n"
        "assert not regex_parse.AVAILABLE and regex_parse.EXTRA_CASES == {}\n"
        "assert patterns.required_literal_sets(p) == ()\n"
        "assert patterns.min_match_length(p) == 0 and patterns.line_window_slack(p) is None\n"
        "assert patterns.fold('ADMIN') == 'admin'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_without_the_private_parser_every_rule_example_still_holds() -> None:
    """The fallback is correct, only slower: `credscan rules test` passes with the parser hidden."""
    code = HIDE_PARSER + "from credscan.cli import main\nraise SystemExit(main(['rules', 'test']))\n"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert ", 0 failed" in done.stdout
