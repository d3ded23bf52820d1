"""CEF formatting: escaping round-trips for any text, header shape, severity and extension mapping."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from credscan.central.events import finding_fields, make_event
from credscan.central.forward.cef import escape_extension, escape_header, format_cef
from credscan.safetext import printable
from tests.support.central_fixtures import parse_cef


@given(st.text())
def test_extension_escaping_round_trips_and_stays_on_one_line(text: str) -> None:
    escaped = escape_extension(text)
    assert "\n" not in escaped and "\r" not in escaped
    _, ext = parse_cef(f"CEF:0|a|b|1|sig|name|5|msg={escaped} act=x")
    # other control, bidi and separator characters arrive as visible escapes (credscan.safetext)
    assert ext["msg"] == printable(text.replace("\r\n", "\n"), keep="\r\n")
    assert ext["act"] == "x"


@given(st.text())
def test_header_escaping_keeps_seven_fields(text: str) -> None:
    header, _ = parse_cef(f"CEF:0|credscan|credscan|1|{escape_header(text)}|n|5|")
    expected = printable(text.replace("\r\n", " ").replace("\r", " ").replace("\n", " "))
    assert header[4] == expected
    assert header[5:] == ["n", "5"]


def test_non_finding_event_uses_action_as_signature() -> None:
    event = make_event(
        "file.error", {"file": {"path": "C:\\share\\a=b.xlsx"}, "event": {"reason": "corrupt"}}, "h"
    )
    header, ext = parse_cef(format_cef(event))
    assert header[4:7] == ["file.error", "File could not be scanned", "3"]
    assert ext["filePath"] == "C:\\share\\a=b.xlsx" and ext["reason"] == "corrupt" and ext["dvchost"] == "h"
    assert "cs1" not in ext


def test_resolved_finding_names_the_action_and_is_low_severity() -> None:
    record = {
        "id": "f1",
        "rule_id": "r1",
        "rule_name": "Rule",
        "category": "private-key",
        "severity": "critical",
        "path": "/a/id_rsa",
        "location": {},
        "secret_masked": "****",
        "secret_hash": "00",
        "context": "",
        "account": None,
        "file": {},
        "remediation": "Replace the key.",
        "secret": "must-not-appear",
    }
    event = make_event(
        "finding.resolved", {**finding_fields(record), "event": {"reason": "file deleted"}}, "h"
    )
    text = format_cef(event)
    header, ext = parse_cef(text)
    assert header[4:7] == ["r1", "Rule (finding.resolved)", "1"]
    assert ext["reason"] == "file deleted" and ext["msg"] == "Replace the key."
    assert "must-not-appear" not in text and "duser" not in ext and "cs5" not in ext
