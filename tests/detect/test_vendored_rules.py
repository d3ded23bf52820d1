"""Rule packs in Nosey Parker's YAML schema, loaded natively (credscan.detect.vendored), and the script that
refreshes a vendored set from a checkout. The packs here are written by the tests in that schema (no
upstream data is needed); they cover the dialect translation, the skip reasons, credscan's own checks on
vendored findings, the prefilter and `credscan rules list|test --rules`. Costs about two seconds."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from credscan.detect.engine import DetectionEngine
from credscan.detect.patterns import required_literal_sets
from credscan.detect.rule import Rule
from credscan.detect.rules import RuleSet
from credscan.detect.vendored import parse_noseyparker_pack, translate_pattern
from credscan.errors import UserError
from tests.support.detect_helpers import secrets, text
from tests.support.paths import REPO

PACK = r"""
rules:
- name: Example Corp API Token
  id: np.examplecorp.1
  pattern: '\b(exc_[a-zA-Z0-9]{24})\b'
  categories: [api, secret]
  examples:
  - 'EXC_TOKEN=exc_9fK2mQ7xLp3vR8tW1zN5bH6d'
  negative_examples:
  - 'exc_short'

- name: Example Corp Webhook Secret
  id: np.examplecorp.2
  pattern: |
    (?x)
    examplecorp .{0,20}
    (?i)webhook_secret \s* [:=] \s* ["']?
    ([a-f0-9]{32})          (?# the secret )
  categories: [api, fuzzy, secret]
  examples:
  - 'examplecorp: WEBHOOK_SECRET = "3b1f0a9c8d7e6f5a4b3c2d1e0f9a8b7c"'

- name: Example Corp Account ID
  id: np.examplecorp.3
  pattern: '\b(ecid_[0-9]{8})\b'
  categories: [identifier]

- name: Example Password Hash
  id: np.examplecorp.4
  pattern: '(\$ex\$[a-z0-9]{20})'
  categories: [hashed, secret]

- name: Example Unicode Rule
  id: np.examplecorp.5
  pattern: '(\p{Greek}+_token)'
  categories: [api, secret]

- name: Example POSIX Rule
  id: np.examplecorp.6
  pattern: '\b(exq_[[:alnum:]]{20})\z'
  categories: [api, secret]
  non_examples:
  - 'exq_aaaaaaaaaaaaaaaaaaaa trailing'
"""


def test_translate_pattern_dialect() -> None:
    assert translate_pattern(r"\b(ghp_[a-z]{4})\b") == r"\b(?P<secret>ghp_[a-z]{4})\b"
    assert translate_pattern(r"(?:a|b)([x])") == r"(?:a|b)(?P<secret>[x])"
    assert translate_pattern(r"\(x\)([a-f]{2})") == r"\(x\)(?P<secret>[a-f]{2})"
    assert translate_pattern(r"[(]([0-9])") == r"[(](?P<secret>[0-9])"
    # Rust applies a later (?i) to the rest of its group; Python needs a scoped group
    scoped = translate_pattern(r"key(?:=(?i)secret)(\w+)")
    assert scoped == r"key(?:=(?i:secret))(?P<secret>\w+)"
    assert re.fullmatch(scoped, "key=SECRETabc") and not re.fullmatch(scoped, "KEY=secretabc")
    assert translate_pattern(r"([[:alnum:]]{3})\z") == r"(?P<secret>[A-Za-z0-9]{3})\Z"
    # several groups: the secret is the last one that is no host
    assert translate_pattern(r"login (\S+) password (\S+)") == r"login (\S+) password (?P<secret>\S+)"
    assert translate_pattern(r"://([^:]+):([^@]+)@([\w.]+)") == r"://([^:]+):(?P<secret>[^@]+)@([\w.]+)"
    for unsupported in (r"(\p{L}+)", r"(?U)(a+)", r"no group here"):
        with pytest.raises(ValueError):
            translate_pattern(unsupported)


def test_pack_loads_with_reasons_for_what_it_skips() -> None:
    pack = parse_noseyparker_pack(PACK, "vendor/example/example.yml")
    assert [r.id for r in pack.rules] == ["np.examplecorp.1", "np.examplecorp.2", "np.examplecorp.6"]
    reasons = {s.id: s.reason for s in pack.skipped}
    assert reasons["np.examplecorp.3"] == "reports an identifier, not a secret"
    assert reasons["np.examplecorp.4"].startswith("a password hash")
    assert reasons["np.examplecorp.5"].startswith("pattern:")
    token = pack.rules[0]
    assert token.category == "api-token" and token.severity == "high" and token.decoder == "plain_value"
    assert token.validators == ("not_dummy_token",)
    assert pack.rules[1].severity == "medium"  # fuzzy
    assert pack.rules[2].negative_examples == ("exq_aaaaaaaaaaaaaaaaaaaa trailing",)
    # the prefilter knows what each vendored pattern cannot do without
    assert any("exc_" in literals for literals in required_literal_sets(token.pattern))  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["rules: [", "just: text", "- a\n- b"])
def test_a_broken_pack_is_one_clear_error(bad: str) -> None:
    with pytest.raises(UserError):
        parse_noseyparker_pack(bad, "bad.yml")


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    (tmp_path / "example.yml").write_text(PACK, encoding="utf-8")
    return tmp_path


def test_vendored_findings_pass_credscans_checks(pack_dir: Path) -> None:
    engine = DetectionEngine(RuleSet.load([pack_dir]))
    found = text(engine, "EXC_TOKEN=exc_9fK2mQ7xLp3vR8tW1zN5bH6d\n", "settings.env")
    assert secrets(found) == {"exc_9fK2mQ7xLp3vR8tW1zN5bH6d"}
    # a documentation dummy matches the vendored pattern but is no finding
    assert secrets(text(engine, "EXC_TOKEN=exc_xxxxxxxxxxxxxxxxxxxxxxxx\n", "settings.env")) == set()
    assert secrets(text(engine, "EXC_TOKEN=exc_EXAMPLE0000000000000000\n", "settings.env")) == set()


def test_own_rules_win_over_vendored_ones_for_the_same_value(pack_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "gh.yml").write_text(
        "rules:\n- name: GH\n  id: np.gh.1\n"
        "  pattern: '\\b(ghp_[a-zA-Z0-9]{36})\\b'\n  categories: [api, secret]\n",
        encoding="utf-8",
    )
    engine = DetectionEngine(RuleSet.load([tmp_path]))
    found = text(engine, "token: ghp_XIxB7KMNdAr3zqWtQqhE94qglHqOzn1D1stg\n", "ci.yml")
    assert [c.rule_id for c in found] == ["token.github"]


def _credscan(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "credscan", *args], capture_output=True, text=True, timeout=120, cwd=REPO
    )


def test_rules_list_and_test_with_a_vendored_pack(pack_dir: Path) -> None:
    listed = _credscan("rules", "list", "--rules", str(pack_dir))
    assert listed.returncode == 0
    assert "np.examplecorp.1" in listed.stdout
    assert "skipped np.examplecorp.3" in listed.stdout and "identifier" in listed.stdout
    tested = _credscan("rules", "test", "--rules", str(pack_dir))
    assert tested.returncode == 0, tested.stdout
    assert "0 failed" in tested.stdout


def test_refresh_script_vendors_rules_with_licence_and_notice(tmp_path: Path) -> None:
    checkout = tmp_path / "checkout"
    rules_dir = checkout / "crates" / "noseyparker" / "data" / "default" / "builtin" / "rules"
    rules_dir.mkdir(parents=True)
    (rules_dir / "example.yml").write_text(PACK, encoding="utf-8")
    (checkout / "LICENSE").write_text("Apache License\nVersion 2.0, January 2004\n", encoding="utf-8")
    out = tmp_path / "vendor" / "noseyparker"
    out.mkdir(parents=True)
    (out / "stale.yml").write_text("rules: []\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "refresh_vendored_rules.py"), "--from", str(checkout),
         "--out", str(out), "--commit", "0123abc"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["LICENSE", "NOTICE.md", "example.yml"]
    notice = (out / "NOTICE.md").read_text(encoding="utf-8")
    assert "commit 0123abc" in notice and "Apache License, Version 2.0" in notice
    assert "3 rules loaded, 3 skipped" in done.stdout


def test_refresh_script_refuses_without_a_licence(tmp_path: Path) -> None:
    rules_dir = tmp_path / "crates" / "noseyparker" / "data" / "default" / "builtin" / "rules"
    rules_dir.mkdir(parents=True)
    (rules_dir / "example.yml").write_text(PACK, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "refresh_vendored_rules.py"), "--from", str(tmp_path),
         "--out", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode != 0 and "LICENSE" in done.stderr


def test_vendored_rule_is_a_rule() -> None:
    """The loader builds the same Rule objects the TOML packs do (one engine path for both)."""
    pack = parse_noseyparker_pack(PACK, "x.yml")
    assert all(isinstance(r, Rule) and r.scope == "text" and r.pattern is not None for r in pack.rules)


def test_every_text_rule_can_be_prefiltered(pack_dir: Path) -> None:
    """The Aho-Corasick prefilter skips a rule only where its keywords or required literals are absent: a
    rule with neither would run its regex on every line of every file (shipped and vendored packs). A rule
    limited to some file names (``file_names``) runs on those files only, so it needs neither."""
    ruleset = RuleSet.load([pack_dir])
    unfiltered = [
        r.id
        for r in ruleset.rules
        if r.scope == "text" and not r.file_names and not r.keywords and not required_literal_sets(r.pattern)  # type: ignore[arg-type]
    ]
    assert unfiltered == []
