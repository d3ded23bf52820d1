"""Readable rule patterns: a pattern line over MAX_PATTERN_LINE characters is refused at load time, long
patterns are written in verbose form (docs/detection.md, "Writing a long pattern"). Fast: no scan."""

from __future__ import annotations

import re
import tomllib
from importlib import resources

import pytest

from credscan.detect.rules import MAX_PATTERN_LINE, parse_pack
from credscan.errors import UserError


def pack(pattern: str, example: str = "tok=Xk9#mQ2p-77") -> str:
    return f"""
[[rules]]
id = "custom.token"
name = "Token"
category = "api-token"
severity = "high"
confidence = 0.8
pattern = '''{pattern}'''
examples = ["{example}"]
"""


def test_a_long_one_line_pattern_is_refused() -> None:
    long = "tok=(?P<secret>" + "[A-Za-z0-9#!-]" * 10 + "+)"
    assert len(long) > MAX_PATTERN_LINE
    with pytest.raises(UserError, match=r"the pattern is \d+ characters \(limit 120\).*verbose form"):
        parse_pack(pack(long), "custom.toml")


def test_a_long_line_of_a_verbose_pattern_is_refused() -> None:
    long_line = "  tok=(?P<secret>" + "[A-Za-z0-9#!-]" * 10 + "+)"
    with pytest.raises(UserError, match="line 2 of the pattern is"):
        parse_pack(pack("(?x)\n" + long_line + "\n"), "custom.toml")


def test_a_comment_ending_in_a_backslash_is_refused() -> None:
    """In verbose mode "\\" + line break is an escaped blank: the next line would join the comment."""
    with pytest.raises(UserError, match="ends in a backslash"):
        parse_pack(pack("(?x)\n  tok=   # DOMAIN\\\n  (?P<secret>\\S+)\n"), "custom.toml")


def test_a_verbose_pattern_with_comments_matches_like_its_one_line_form() -> None:
    verbose = "(?ix)\n  user[ ]name:[ ]   # the label, its blank escaped\n  (?P<secret>\\S+)   # the value\n"
    (rule,) = parse_pack(pack(verbose), "custom.toml")
    assert rule.pattern is not None
    one_line = re.compile(r"(?i)user name: (?P<secret>\S+)")
    for text in ("User Name: Xk9#mQ2p", "username: Xk9", "user  name: x", "USER NAME: a#b"):
        assert (rule.pattern.search(text) is None) == (one_line.search(text) is None), text
    unescaped = re.compile("(?ix) user name: (?P<secret>\\S+)")  # the pitfall: blanks vanish
    assert unescaped.search("username:X") and not one_line.search("username:X")


def test_every_shipped_pattern_line_is_within_the_limit() -> None:
    for pack_file in resources.files("credscan_rules").iterdir():
        if not pack_file.name.endswith(".toml") or pack_file.name == "vocabulary.toml":
            continue
        for rule in tomllib.loads(pack_file.read_text(encoding="utf-8")).get("rules", []):
            for line in rule.get("pattern", "").splitlines():
                assert len(line) <= MAX_PATTERN_LINE, (pack_file.name, rule["id"])
