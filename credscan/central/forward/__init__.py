"""SIEM forwarders, built from the config's [[forward]] tables (tokens resolved from their references)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from credscan.central.forward.interface import DeliveryError, Forwarder, url_origin
from credscan.config import SECRET_REF_PATTERN, ForwardSection
from credscan.errors import UserError

__all__ = ["FORWARD_TYPES", "DeliveryError", "Forwarder", "build_forwarder", "url_origin"]

FORWARD_TYPES = ("syslog", "splunk-hec", "webhook", "credscan")


def refuse_unsafe_token(token: str, where: str) -> None:
    """A token with a line break or another control character (a secret file saved with CRLF) would be
    refused by the HTTP library later with the token quoted in the error: refuse it here, without it."""
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in token) or token != token.strip():
        raise UserError(
            f"{where} token contains a line break, a control character or surrounding spaces: "
            "store it without them (the token is not shown here)"
        )


def build_forwarder(section: ForwardSection, resolve: Callable[[str, str], str]) -> Forwarder:
    """One forwarder; ``resolve(ref, where)`` turns a token reference into the token. Each kind's module
    is imported here, when configured: ssl and urllib cost every agent command start-up time otherwise."""
    where = f"forward {section.name}"
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
    options: dict[str, Any] = dict(section.options)
    batch = options.pop("batch_size", None)
    forwarder: Forwarder
    if section.type == "syslog":
        from credscan.central.forward.syslog import SyslogForwarder

        if token:
            raise UserError(f"{where}: syslog takes no token")
        facility = str(options.pop("facility", "local0"))
        forwarder = SyslogForwarder(
            section.name, section.url, section.format, ca_file=section.ca_file, verify=section.verify,
            facility=facility,
        )  # fmt: skip
    elif section.type == "splunk-hec":
        from credscan.central.forward.http import SplunkHecForwarder

        index = options.pop("index", None)
        forwarder = SplunkHecForwarder(
            section.name, section.url, token, ca_file=section.ca_file, verify=section.verify,
            index=str(index) if index else None,
        )  # fmt: skip
    elif section.type == "webhook":
        from credscan.central.forward.http import WebhookForwarder

        forwarder = WebhookForwarder(
            section.name, section.url, token, ca_file=section.ca_file, verify=section.verify
        )
    elif section.type == "credscan":
        from credscan.central.forward.credscan import CredscanForwarder

        credential = token or _credential_file(options.pop("credential_file", None), where)
        forwarder = CredscanForwarder(section.name, section.url, credential, ca_file=section.ca_file)
    else:
        raise UserError(f"{where}: unknown type {section.type!r} (use one of {', '.join(FORWARD_TYPES)})")
    if options:
        raise UserError(f"{where}: unknown option(s) {', '.join(sorted(options))}")
    if batch is not None:
        if not isinstance(batch, int) or batch < 1:
            raise UserError(f"{where}: batch_size must be a positive integer")
        forwarder.max_batch = batch
    return forwarder


def _credential_file(path: Any, where: str) -> str:
    """The agent credential kept in a private file of the state dir (where no keyring backend exists)."""
    from credscan.userfiles import read_user_text

    if not isinstance(path, str) or not path:
        raise UserError(
            f'{where}: needs token = "keyring:…" or credential_file = "PATH" (see `credscan agent enroll`)'
        )
    credential = read_user_text(Path(path), "agent credential file").strip()
    if not credential:
        raise UserError(f"{where}: the credential file {path} is empty")
    return credential
