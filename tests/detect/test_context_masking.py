"""Contexts never reveal a piece of a secret: neither the finding's own, nor a neighbour's that a context
window or a shortened cell cut in half, nor a credential-like token that no rule reported. A property test
over generated lines, JSON and rows runs the real engine and build_findings."""

from __future__ import annotations

import json
import string
from collections.abc import Iterable

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from credscan.detect.engine import DetectionEngine
from credscan.detect.interface import FileInfo
from credscan.detect.rules import RuleSet
from credscan.findings import FindingPolicy, build_findings
from credscan.model import FileMeta, Finding, Table, TextBlock
from credscan.redact import Fingerprinter, credential_like, mask_secret, mask_tokens

META = FileMeta(size=1, mtime=0.0, owner=None, sha256="00" * 32)
POLICY = FindingPolicy(fingerprinter=Fingerprinter(b"k" * 32), vault_name="the vault", vault_url=None)
PIECE = 6
"""No substring of a secret this long may appear in any context, account or mask."""


def findings_of(engine: DetectionEngine, unit: TextBlock | Table, name: str) -> list[Finding]:
    kind = "csv" if name.endswith(".csv") else "json" if name.endswith(".json") else "text"
    info = FileInfo(path=name, name=name, kind=kind, head=b"", size=1)
    located = [(name, c) for c in engine.detect_unit(info, unit)]
    return build_findings(located, engine.ruleset, META, POLICY)


def pieces(secret: str) -> Iterable[str]:
    return (secret[i : i + PIECE] for i in range(len(secret) - PIECE + 1))


def assert_no_piece(findings: list[Finding], secrets: list[str], source: str) -> None:
    """No 6-character piece of a secret in what a finding shows, unless the piece is also in the source
    outside every secret (generated filler that happens to hold it)."""
    elsewhere = source
    for secret in sorted(secrets, key=len, reverse=True):
        elsewhere = elsewhere.replace(secret, "\0")
    for finding in findings:
        shown = " ".join([finding.context, finding.account or "", finding.secret_masked, finding.path])
        for secret in secrets:
            leaked = [p for p in pieces(secret) if p in shown and p not in elsewhere]
            assert not leaked, (secret, leaked, finding.context)


SECRET_ALPHABET = string.ascii_letters + string.digits + "!#%&*+-?@^_~"
secret_strategy = st.builds(
    lambda body, digit, symbol: body[:3] + digit + body[3:] + symbol,
    st.text(SECRET_ALPHABET, min_size=8, max_size=22).filter(lambda s: s[:1].isalpha()),
    st.sampled_from(string.digits),
    st.sampled_from("!#%&?@"),
)
"""Passwords as people write them: letters, a digit, a symbol (the kind the rules report)."""
filler_strategy = st.text(string.ascii_lowercase + " ", min_size=0, max_size=320)


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(filler_strategy, secret_strategy), min_size=2, max_size=4), filler_strategy)
@example([("", "Zq7-CUT-A1-k9!"), ("z" * 150 + " ", "Zq7-CUT-B2-m8#")], "")
def test_long_line_with_several_secrets(
    engine: DetectionEngine, parts: list[tuple[str, str]], tail: str
) -> None:
    line = " ".join(f"{filler} Password: {secret}" for filler, secret in parts) + " " + tail
    found = findings_of(engine, TextBlock(text=line + "\n", by_line=True), "notes.txt")
    assert found, line
    assert_no_piece(found, [secret for _, secret in parts], line)


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(secret_strategy, min_size=2, max_size=5), st.integers(0, 200))
def test_minified_json(engine: DetectionEngine, secrets: list[str], pad: int) -> None:
    doc = {f"svc{n}": {"host": f"h{n}", "password": s, "pad": "x" * pad} for n, s in enumerate(secrets)}
    text = json.dumps(doc, separators=(",", ":"))
    found = findings_of(engine, TextBlock(text=text, by_line=True), "a.json")
    assert found
    assert_no_piece(found, secrets, text)


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(secret_strategy, secret_strategy, filler_strategy)
def test_notes_cell_beside_a_password(engine: DetectionEngine, password: str, old: str, words: str) -> None:
    rows = [
        ["System", "User", "Password", "Notes"],
        ["NAS", "admin", password, f"{words} old one was {old} {words}"],
    ]
    found = findings_of(engine, Table(rows=rows, location={"sheet": "S"}), "logins.xlsx")
    assert found
    assert_no_piece(found, [password, old], json.dumps(rows))


def test_the_reported_cases() -> None:
    """The attack's own examples, through the real engine."""
    eng = DetectionEngine(RuleSet.load())
    row = [
        ["System", "User", "Password", "Notes"],
        ["NAS", "admin", "Xx9-Real-pw1", "old one was Zq7-LEAK-03-xq"],
    ]
    [finding] = findings_of(eng, Table(rows=row, location={"sheet": "S"}), "a.xlsx")
    assert finding.context == "System=NAS  User=admin  Password=Xx********  Notes=old one was Zq********"


def test_masks_give_no_length_and_nothing_of_short_secrets() -> None:
    assert mask_secret("1234") == mask_secret("hunter22") == mask_secret("Abcdefghi") == "********"
    assert mask_secret("Sup3rS3cret4!") == mask_secret("Su" + "x" * 40) == "Su********"


@pytest.mark.parametrize(
    "token", ["Zq7-LEAK-03-xq", "Pa$$word", "xKqPzLmWv", "hunter2x", "ab:cd!ef", "S3cr3t", "9f8e7d6c5b"]
)
def test_credential_like_tokens(token: str) -> None:
    assert credential_like(token.split(":")[-1]) or credential_like(token)
    assert token not in mask_tokens(f"note: {token} here")


@pytest.mark.parametrize(
    "text", ["System=NAS  Username=admin", "PowerShell ConvertTo-SecureString", "j.doe@example.com 10.0.0.1"]
)
def test_plain_words_stay_readable(text: str) -> None:
    assert mask_tokens(text) == text


def test_a_short_line_keeps_its_start_when_masks_are_longer_than_tokens() -> None:
    """A token masked to 8 asterisks is longer than it was: the window must not then cut the line's start."""
    from credscan.detect.context import line_context

    line = "machine fw01 login bob password Bob-Secret9x"
    start = line.index("Bob-")
    context = line_context(line, "Bob-Secret9x", start, len(line))
    assert context == "machine ******** login bob password Bo********"


def test_a_very_short_neighbour_secret_is_masked_as_a_word_only() -> None:
    """Found on /usr/share/doc: a one-letter "secret" in a file turned "object" into "o********ject"."""
    from credscan.redact import Redactor

    redact = Redactor(["b", "Zq7-long-secret"])
    assert redact("the object by b, Zq7-long-secret") == "the object by ********, Zq********"
