"""SIEM forwarders, built from the config's [[forward]] tables (tokens resolved from their references)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace

from credscan.central.forward.interface import DeliveryError, Forwarder, url_origin
from credscan.config import FORWARD_TYPES, SECRET_REF_PATTERN, ForwardSection, ForwardType
from credscan.errors import UserError
from credscan.registry import Registry, subclass_of

__all__ = ["FORWARDERS", "FORWARD_TYPES", "DeliveryError", "Forwarder", "build_forwarder", "url_origin"]

FORWARDERS: Registry[ForwardType, type[Forwarder]] = Registry(
    "forwarder",
    FORWARD_TYPES,
    (
        ("syslog", "credscan.central.forward.syslog:SyslogForwarder"),
        ("splunk-hec", "credscan.central.forward.http:SplunkHecForwarder"),
        ("webhook", "credscan.central.forward.http:WebhookForwarder"),
        ("credscan", "credscan.central.forward.credscan:CredscanForwarder"),
    ),
    subclass_of(Forwarder),
)
"""[[forward]] ``type`` -> the Forwarder class (its module imported when a table of that type is built)."""

COMMON_KEYS = frozenset({"type", "url", "name", "batch_size"})
"""[[forward]] keys every type reads; the others are each type's ``Forwarder.takes``."""


def refuse_unsafe_token(token: str, where: str) -> None:
    """A token with a line break or another control character (a secret file saved with CRLF) would be
    refused by the HTTP library later with the token quoted in the error: refuse it here, without it."""
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in token) or token != token.strip():
        raise UserError(
            f"{where} token contains a line break, a control character or surrounding spaces: "
            "store it without them (the token is not shown here)"
        )


def build_forwarder(section: ForwardSection, resolve: Callable[[str, str], str]) -> Forwarder:
    """One forwarder; ``resolve(ref, where)`` turns a token reference into the token. Each type's module
    is imported here, when configured: ssl and urllib cost every agent command start-up time otherwise."""
    where = f"forward {section.name}"
    forwarder_class = FORWARDERS.get(section.type) if section.type in FORWARD_TYPES else None
    if forwarder_class is None:
        raise UserError(f"{where}: unknown type {section.type!r} (use one of {', '.join(FORWARD_TYPES)})")
    ignored = sorted(section.given - COMMON_KEYS - forwarder_class.takes)
    if ignored:
        takes = ", ".join(sorted(COMMON_KEYS | forwarder_class.takes))
        raise UserError(
            f"{where}: unknown option(s) {', '.join(ignored)} for type {section.type} (it reads {takes})"
        )
    token = resolve(section.token, f"{where} token") if section.token else None
    if token is not None:
        refuse_unsafe_token(token, where)
    if SECRET_REF_PATTERN.match(section.url):  # a webhook URL that is itself a secret
        section = replace(section, url=resolve(section.url, f"{where} url"))
    if token and section.url.lower().startswith("http://"):
        print(
            f"credscan: warning: {where} sends its token over plain http:// (anyone on the path can read it);"
            " use https://",
            file=sys.stderr,
        )
    forwarder = forwarder_class.from_section(section, token, where)
    batch = section.options.get("batch_size")
    if batch is not None:
        if not isinstance(batch, int) or batch < 1:
            raise UserError(f"{where}: batch_size must be a positive integer")
        forwarder.max_batch = batch
    return forwarder
