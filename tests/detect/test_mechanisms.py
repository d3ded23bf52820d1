"""One mechanism per job: decoders decode, validators accept or reject with a named reason, filters drop
with a named reason, and every word list lives in rules/vocabulary.toml (docs/detection.md, "Where the
vocabulary lives"). Fast: no scan, except one `rules explain` subprocess (about a second)."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from credscan.detect import decoders
from credscan.detect.decoders import DECODERS
from credscan.detect.filters import FilterInput, not_a_value
from credscan.detect.rules import parse_rule
from credscan.detect.validators import VALIDATORS, checks_passed, random_token
from credscan.detect.vocabulary import vocabulary
from credscan.errors import UserError
from tests.support.paths import REPO

DETECT = REPO / "credscan" / "detect"


def test_placeholder_words_are_vocabulary_data() -> None:
    """The decoders' placeholder words and patterns come from vocabulary.toml, not from Python."""
    vocab = vocabulary()
    assert {"your_password", "token", "kennwort"} <= vocab.placeholder_words
    assert {"changeme", "secret", "admin"} <= vocab.default_passwords
    assert not vocab.placeholder_words & vocab.default_passwords
    assert decoders.is_placeholder("CHANGEME") and decoders.is_placeholder("'token'")
    assert decoders.is_placeholder("$(cat /run/secret)") and decoders.is_placeholder("os.environ['PW']")
    assert not decoders.is_placeholder("Wint3r!Pass42")
    assert any(p.search("AKIAIOSFODNN7EXAMPLE") for p in vocab.dummy_token_patterns)


def test_no_word_list_is_kept_in_detection_code() -> None:
    """A module-level set or frozenset literal of ten or more strings in credscan/detect is a word list
    that belongs in vocabulary.toml (the rule loader's list of rule keys is a schema, not vocabulary)."""
    offenders = []
    for source in sorted(DETECT.glob("*.py")):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Set | ast.List | ast.Tuple):
                strings = [e for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
                words = [str(s.value) for s in strings if str(s.value).isalpha()]
                if len(words) >= 10 and len(strings) == len(node.elts) and "validators" not in words:
                    offenders.append(f"{source.name}:{node.lineno}")
    assert offenders == []


def test_random_token_is_a_validator_with_reasons() -> None:
    assert "random_token" in VALIDATORS and "random_token" not in DECODERS
    assert "not_dummy_token" in VALIDATORS and "token_value" not in DECODERS
    assert random_token("zt7GeN6IH911xvRj")
    assert random_token("short1").reason.startswith("not 12 to")
    assert "entropy" in random_token("aaaaaaaaaaaa1b").reason
    assert "dummy" in random_token("AKIAIOSFODNN7EXAMPLE").reason
    assert "identifier" in random_token("https://login.example.net/oauth2/token").reason
    assert random_token("hello_world_test").reason == "too few character classes"
    assert "identifier" in random_token("gs_oauth2_refresh_token").reason  # words, one with its number
    assert "identifier" in random_token("bytes,1,opt,name=key,proto3").reason  # a list (a Go struct tag)
    assert random_token("sk_live_4eC39HqLyjWDarjtT1zdp7dc")  # words around a random part: a token


def test_a_rule_naming_a_validator_as_decoder_is_refused() -> None:
    rule = {
        "id": "custom.token", "name": "Token", "category": "api-token", "severity": "high",
        "confidence": 0.8, "pattern": "tok=(?P<secret>\\S+)", "decoder": "random_token",
    }  # fmt: skip
    with pytest.raises(UserError, match='gone: write decoder = "config_literal" and validators'):
        parse_rule(rule, "custom.toml")
    with pytest.raises(UserError, match='validators = \\["not_dummy_token"\\]'):
        parse_rule({**rule, "decoder": "token_value"}, "custom.toml")


def test_not_a_value_does_not_repeat_what_validators_passed() -> None:
    """A value the rule's looks_like_password accepted skips the five value checks; a rule without
    validators still gets them, with the check's name in the reason."""
    masked = FilterInput(secret="********", line="pw=********", prefix="pw=", file_name="a.ini")
    verdict = not_a_value(masked)
    assert verdict and verdict.reason.startswith("not_masked:")
    assert {"not_empty", "not_masked", "not_placeholder", "not_code", "not_markup"} <= checks_passed(
        ("looks_like_prose_password",)
    )
    assert checks_passed(("not_hash",)) == {"not_hash"}


def test_explain_names_the_validator_random_token() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "credscan", "rules", "explain", "--text",
         "API_SECRET = https://login.example.net/oauth2/token",
         "--name", "settings.ini"],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "rejected by random_token: a URL, path, e-mail address, file name or identifier" in done.stdout
