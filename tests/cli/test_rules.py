"""`credscan rules list|test` through the real CLI entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from credscan.cli import main


def test_rules_test_passes_on_shipped_packs(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "test"]) == 0
    out = capsys.readouterr().out
    assert "0 failed" in out and "FAIL" not in out


def test_rules_list_shows_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "list"]) == 0
    out = capsys.readouterr().out
    assert "password.table-column" in out and "export.lastpass-csv" in out and "plaintext-password" in out


def test_rules_list_json_is_one_document_with_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "list", "--format", "json"]) == 0
    rules = json.loads(capsys.readouterr().out)["rules"]
    table_rule = next(rule for rule in rules if rule["id"] == "password.table-column")
    assert table_rule["category"] == "plaintext-password" and table_rule["scope"] == "table"
    assert table_rule["source"].endswith(".toml") and isinstance(table_rule["confidence"], float)
    assert len({rule["id"] for rule in rules}) == len(rules) > 100
    assert all(set(rule) >= {"id", "name", "category", "severity"} for rule in rules)


def test_failing_example_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bad.toml").write_text(
        '[[rules]]\nid = "custom.x"\nname = "X"\ncategory = "api-token"\nseverity = "low"\n'
        "pattern = '''xq-(?P<secret>[0-9]{8})'''\n"
        'examples = ["xq-abc"]\nnegative_examples = ["xq-12345678"]\n',
        encoding="utf-8",
    )
    assert main(["rules", "test", "--rules", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "FAIL custom.x: example not detected" in out and "FAIL custom.x: negative example detected" in out
    assert main(["rules", "list", "--rules", str(tmp_path)]) == 0


def test_broken_pack_is_a_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "broken.toml").write_text('[[rules]]\nid = "custom.y"\nname = "Y"\n', encoding="utf-8")
    assert main(["rules", "test", "--rules", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("credscan: error: ") and err.count("\n") == 1 and "Traceback" not in err
