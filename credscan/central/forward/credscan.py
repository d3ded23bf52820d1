"""Forwarding to the MSP's credscan server (`type = "credscan"`, docs/server.md).

Batches go to ``POST {url}/api/v1/events`` with the agent's own credential (from `credscan agent enroll`),
over TLS pinned to the certificate the agent saw at enrollment (``ca_file``): the pinned certificate is the
only trust anchor, so neither a public CA nor a hostname mismatch can redirect the agent. The server
ingests idempotently by event id, so a batch retried after a lost answer is harmless.

``pull_decisions`` fetches the client's triage decisions made on the server; the central log applies them
to the agent's store after each delivery cycle (credscan.central.decisions).
"""

from __future__ import annotations

import json
import ssl
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

from credscan.central.forward.interface import DeliveryError, Forwarder, url_origin
from credscan.config import ForwardSection
from credscan.errors import UserError
from credscan.userfiles import read_user_text

EVENTS_PATH = "/api/v1/events"
DECISIONS_PATH = "/api/v1/agent/decisions"
MAX_ANSWER = 4 * 1024 * 1024


def pinned_context(ca_file: str | None = None, cadata: str | None = None) -> ssl.SSLContext:
    """TLS trusting only the pinned certificate (self-signed or a CA-issued leaf), whatever the host name."""
    context = ssl.create_default_context(cafile=ca_file, cadata=cadata)
    context.check_hostname = False  # the pin is the identity: only this certificate is trusted at all
    context.verify_mode = ssl.CERT_REQUIRED
    context.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN
    return context


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class CredscanForwarder(Forwarder):
    kind = "credscan"
    takes: ClassVar[frozenset[str]] = frozenset({"token", "ca_file", "credential_file"})
    """No ``verify``: the server's certificate is always checked, against the one pinned at enrollment."""

    @classmethod
    def from_section(cls, section: ForwardSection, token: str | None, where: str) -> CredscanForwarder:
        credential = token or _credential_file(section.options.get("credential_file"), where)
        return cls(section.name, section.url, credential, ca_file=section.ca_file)

    def __init__(self, name: str, url: str, credential: str, *, ca_file: str | None) -> None:
        parts = urlsplit(url)
        if parts.scheme != "https" or not parts.hostname:
            raise UserError(f"forward {name}: a credscan server url must be https://HOST[:PORT], not {url!r}")
        if not ca_file:
            raise UserError(
                f"forward {name}: ca_file (the server certificate pinned at enrollment) is missing"
            )
        try:
            context = pinned_context(ca_file)
        except (OSError, ssl.SSLError) as exc:
            raise UserError(f"forward {name}: cannot read the pinned certificate {ca_file}: {exc}") from None
        self.name = name
        self.base = url.rstrip("/")
        self._credential = credential
        self._opener = urllib.request.build_opener(
            _NoRedirect(), urllib.request.HTTPSHandler(context=context)
        )

    def describe(self) -> str:
        return f"credscan {url_origin(self.base)}"

    def _request(self, method: str, path: str, body: bytes | None, timeout_s: float) -> Any:
        request = urllib.request.Request(self.base + path, data=body, method=method)
        request.add_header("Authorization", f"Bearer {self._credential}")
        request.add_header("User-Agent", "credscan-agent")
        if body is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with self._opener.open(request, timeout=max(0.1, timeout_s)) as response:
                answer = response.read(MAX_ANSWER)
        except urllib.error.HTTPError as exc:
            hint = " (agent credential refused: revoked? enroll again)" if exc.code in (401, 403) else ""
            raise DeliveryError(f"{self.describe()}: HTTP {exc.code}{hint}") from None
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise DeliveryError(f"{self.describe()}: {getattr(exc, 'reason', exc)}") from None
        try:
            return json.loads(answer)
        except ValueError:
            raise DeliveryError(f"{self.describe()}: the answer is not JSON") from None

    def send(self, events: Sequence[dict[str, Any]], timeout_s: float) -> None:
        body = json.dumps(list(events), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        self._request("POST", EVENTS_PATH, body, timeout_s)

    def pull_decisions(self, after: int, timeout_s: float) -> tuple[list[dict[str, Any]], int]:
        """The client's triage decisions after sequence number ``after`` and the next cursor."""
        answer = self._request("GET", f"{DECISIONS_PATH}?after={int(after)}", None, timeout_s)
        decisions = answer.get("decisions") if isinstance(answer, dict) else None
        cursor = answer.get("next") if isinstance(answer, dict) else None
        if not isinstance(decisions, list) or not isinstance(cursor, int):
            raise DeliveryError(f"{self.describe()}: malformed decisions answer")
        return [d for d in decisions if isinstance(d, dict)], cursor


def _credential_file(path: Any, where: str) -> str:
    """The agent credential kept in a private file of the state dir (where no keyring backend exists)."""
    if not isinstance(path, str) or not path:
        raise UserError(
            f'{where}: needs token = "keyring:…" or credential_file = "PATH" (see `credscan agent enroll`)'
        )
    credential = read_user_text(Path(path), "agent credential file").strip()
    if not credential:
        raise UserError(f"{where}: the credential file {path} is empty")
    return credential
