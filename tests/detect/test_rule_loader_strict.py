"""Nothing in a rule pack may load and then be ignored: each such entry is a one-line UserError at load.

(The loader's other checks, such as unknown categories and bad regexes, are in test_detect_rules.py.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from credscan.detect.rules import RuleSet
from credscan.errors import UserError

TEXT_RULE = """
[[rules]]
id = "custom.ticket-pw"
name = "Ticket system password"
category = "plaintext-password"
severity = "medium"
keywords = ["tkt-pw"]
pattern = '''tkt-pw:(?P<secret>\\S+)'''
"""

TABLE_RULE = """
[[rules]]
id = "custom.{layout}"
name = "Another table rule"
category = "plaintext-password"
severity = "high"
scope = "table"
layout = "{layout}"
"""


def load(tmp_path: Path, text: str) -> RuleSet:
    (tmp_path / "custom.toml").write_text(text, encoding="utf-8")
    return RuleSet.load([tmp_path])


def test_a_rule_as_written_here_loads(tmp_path: Path) -> None:
    """The baseline for the cases below: the same pack without the ignored entry is fine."""
    assert load(tmp_path, TEXT_RULE).get("custom.ticket-pw").layout is None


@pytest.mark.parametrize("layout", ["columns", "key-value"])
def test_a_second_rule_for_a_one_rule_table_detector_is_refused(tmp_path: Path, layout: str) -> None:
    """The column and label/value detectors each read one rule (the shipped password.table-column and
    password.key-value): a second one would load, pass `rules test` and never produce a finding."""
    with pytest.raises(UserError) as caught:
        load(tmp_path, TABLE_RULE.format(layout=layout))
    message = str(caught.value)
    assert f"custom.{layout}" in message and "never run" in message and "\n" not in message


def test_more_export_rules_are_fine(tmp_path: Path) -> None:
    """Export rules are matched by their headers, each of them: a new one is read."""
    text = TABLE_RULE.format(layout="export") + 'headers = ["site", "pin"]\nsecret_column = "pin"\n'
    assert load(tmp_path, text).get("custom.export").layout == "export"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('description = "what it finds"', "unknown key(s) description"),  # dropped key: no longer read
        ('layout = "columns"', "layout applies to table rules only"),
    ],
)
def test_keys_a_text_rule_would_ignore_are_refused(tmp_path: Path, extra: str, message: str) -> None:
    with pytest.raises(UserError) as caught:
        load(tmp_path, TEXT_RULE + extra + "\n")
    assert message in str(caught.value) and "custom.ticket-pw" in str(caught.value)
