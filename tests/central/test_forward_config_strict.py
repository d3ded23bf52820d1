"""A [[forward]] table is read whole by its type: a key that type would ignore is refused, not dropped.
(Unknown keys and bad values are in test_config_strict.py and test_forward_http.py.)"""

from __future__ import annotations

from typing import Any

import pytest

from credscan.central.forward import FORWARDERS, build_forwarder
from credscan.central.forward.syslog import SyslogForwarder
from credscan.config import parse_config
from credscan.errors import UserError

BASE: dict[str, dict[str, Any]] = {
    "syslog": {"url": "udp://127.0.0.1:514"},
    "splunk-hec": {"url": "https://127.0.0.1:8088/services/collector/event", "token": "env:HEC"},
    "webhook": {"url": "https://127.0.0.1/hook"},
    "credscan": {"url": "https://127.0.0.1:8443", "token": "env:CRED", "ca_file": "pinned.pem"},
}


def build(forward_type: str, **extra: Any) -> Any:
    config = parse_config({"forward": [{"type": forward_type, **BASE[forward_type], **extra}]})
    return build_forwarder(config.forward[0], lambda ref, where: "t0ken")


@pytest.mark.parametrize(
    ("forward_type", "key", "value"),
    [
        ("webhook", "format", "cef"),  # only syslog formats its events
        ("webhook", "facility", "local3"),
        ("splunk-hec", "credential_file", "/x"),
        ("syslog", "index", "security"),
        ("credscan", "verify", False),  # the pinned certificate is always checked: verify would be ignored
        ("credscan", "format", "json"),
    ],
)
def test_a_key_the_type_does_not_read_is_refused(forward_type: str, key: str, value: Any) -> None:
    with pytest.raises(UserError) as caught:
        build(forward_type, **{key: value})
    message = str(caught.value)
    assert f"unknown option(s) {key} for type {forward_type}" in message and "it reads" in message


def test_the_keys_a_type_reads_are_taken() -> None:
    forwarder = build("syslog", format="json", facility="local3", verify=False, batch_size=7)
    assert isinstance(forwarder, SyslogForwarder) and forwarder.max_batch == 7


def test_an_unknown_type_is_refused_with_the_types_named() -> None:
    with pytest.raises(
        UserError, match=r"unknown type 'sysl0g' \(use one of syslog, .*did you mean 'syslog'"
    ):
        parse_config({"forward": [{"type": "sysl0g", "url": "udp://x"}]})
    assert FORWARDERS.names() == ("syslog", "splunk-hec", "webhook", "credscan")
