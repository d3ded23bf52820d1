"""Rule packs: loading, validation errors as one-line UserErrors, macros, file rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from credscan.detect.engine import DetectionEngine
from credscan.detect.interface import FileInfo
from credscan.detect.rules import RuleSet
from credscan.errors import UserError

GOOD = """
[[rules]]
id = "custom.ticket-pw"
name = "Ticket system password"
category = "plaintext-password"
severity = "medium"
keywords = ["tkt-pw"]
pattern = '''tkt-pw:(?P<secret>\\S+)'''
examples = ["tkt-pw:Abc!12345"]
"""


def pack(tmp_path: Path, text: str) -> Path:
    (tmp_path / "custom.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_shipped_rules_load_with_unique_ids() -> None:
    ruleset = RuleSet.load()
    ids = [r.id for r in ruleset.rules]
    assert len(ids) == len(set(ids))
    assert ruleset.get("password.table-column").layout == "columns"
    assert all(
        r.category == "password-export" and r.severity == "critical"
        for r in ruleset.rules
        if r.id.startswith("export.")
    )


def test_extra_pack_is_loaded_and_used(tmp_path: Path) -> None:
    ruleset = RuleSet.load([pack(tmp_path, GOOD)])
    engine = DetectionEngine(ruleset)
    info = FileInfo(path="a.txt", name="a.txt", kind="text", head=b"", size=0)
    from credscan.model import TextBlock

    found = engine.detect_unit(info, TextBlock("x tkt-pw:Abc!12345", by_line=True))
    assert [(c.rule_id, c.secret) for c in found] == [("custom.ticket-pw", "Abc!12345")]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('category = "plaintext-password"', 'category = "nonsense"'), "unknown category"),
        (('severity = "medium"', 'severity = "urgent"'), "unknown severity"),
        (("(?P<secret>\\S+)", "(?P<pw>\\S+)"), "no named group"),
        (("(?P<secret>\\S+)", "(?P<secret>[\\S+)"), "bad regex"),
        (('keywords = ["tkt-pw"]', 'keywords = ["tkt-pw"]\ndecoder = "rot13"'), "unknown decoder"),
        (('keywords = ["tkt-pw"]', 'keywords = ["tkt-pw"]\nvalidators = ["is_nice"]'), "unknown validator"),
        (('keywords = ["tkt-pw"]', 'keywords = ["tkt-pw"]\ncolour = "red"'), "unknown key"),
        (("tkt-pw:(?P", "<<nosuch>>tkt-pw:(?P"), "unknown macro"),
    ],
)
def test_bad_rules_are_one_line_user_errors(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    with pytest.raises(UserError) as caught:
        RuleSet.load([pack(tmp_path, GOOD.replace(*change))])
    text = str(caught.value)
    assert message in text and "custom.toml" in text and "custom.ticket-pw" in text and "\n" not in text


def test_duplicate_ids_and_missing_dirs_are_user_errors(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="defined twice"):
        RuleSet.load([pack(tmp_path, GOOD + GOOD)])
    with pytest.raises(UserError, match="not found"):
        RuleSet.load([tmp_path / "missing"])
    with pytest.raises(UserError, match="not valid TOML"):
        RuleSet.load([pack(tmp_path, "[[rules]\nid=")])


def test_file_rules_match_by_name_and_magic() -> None:
    engine = DetectionEngine(RuleSet.load())
    by_name = FileInfo(path="Database.kdbx", name="Database.kdbx", kind="binary", head=b"", size=10)
    by_magic = FileInfo(
        path="backup.dat",
        name="backup.dat",
        kind="binary",
        head=bytes.fromhex("03d9a29a67fb4bb5") + b"\0" * 8,
        size=16,
    )
    plain = FileInfo(path="notes.dat", name="notes.dat", kind="binary", head=b"hello", size=5)
    assert engine.detect_file(by_name) and all(c.secret == "" for c in engine.detect_file(by_name))
    assert engine.detect_file(by_magic)
    assert engine.detect_file(plain) == []
