"""HTTP forwarders: Splunk HTTP Event Collector and a generic JSON webhook (urllib, no extra dependency).

Any 2xx answer acknowledges the whole batch; anything else (refused, timeout, 4xx, 5xx) is a DeliveryError
and the batch is retried later. HTTPS verifies the server certificate by default (``ca_file`` adds a
private CA, ``verify = false`` only when written explicitly). Redirects are not followed, so a token is
never sent to a host other than the configured one.
"""

from __future__ import annotations

import json
import ssl
import urllib.error
import urllib.request
from collections.abc import Sequence
from datetime import datetime
from typing import Any, ClassVar
from urllib.parse import urlsplit

from credscan.central.events import get_field
from credscan.central.forward.interface import DeliveryError, Forwarder, url_origin
from credscan.config import ForwardSection
from credscan.errors import UserError


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class HttpForwarder(Forwarder):
    """POSTs one request per batch; subclasses decide the body and the auth header."""

    content_type = "application/json"
    kind = "http"
    takes: ClassVar[frozenset[str]] = frozenset({"token", "ca_file", "verify"})

    @classmethod
    def from_section(cls, section: ForwardSection, token: str | None, where: str) -> HttpForwarder:
        return cls(section.name, section.url, token, ca_file=section.ca_file, verify=section.verify)

    def __init__(
        self, name: str, url: str, token: str | None, *, ca_file: str | None = None, verify: bool = True
    ) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise UserError(f"forward {name}: url must be http:// or https://, not {url!r}")
        if parts.username or parts.password:
            raise UserError(f'forward {name}: credentials in the url are not allowed; use token = "env:…"')
        self.name = name
        self.url = url
        self.token = token
        handlers: list[urllib.request.BaseHandler] = [_NoRedirect()]
        if parts.scheme == "https":
            context = ssl.create_default_context(cafile=ca_file) if ca_file else ssl.create_default_context()
            if not verify:
                context.check_hostname = False
                context.verify_mode = ssl.CERT_NONE
            handlers.append(urllib.request.HTTPSHandler(context=context))
        self._opener = urllib.request.build_opener(*handlers)

    def describe(self) -> str:
        return f"{self.kind} {url_origin(self.url)}"

    def body(self, events: Sequence[dict[str, Any]]) -> bytes:
        raise NotImplementedError

    def auth_header(self) -> str | None:
        return None

    def send(self, events: Sequence[dict[str, Any]], timeout_s: float) -> None:
        request = urllib.request.Request(self.url, data=self.body(events), method="POST")
        request.add_header("Content-Type", self.content_type)
        request.add_header("User-Agent", "credscan")
        auth = self.auth_header()
        if auth:
            request.add_header("Authorization", auth)
        try:
            with self._opener.open(request, timeout=max(0.1, timeout_s)) as response:
                response.read(65536)
                status = response.status
        except urllib.error.HTTPError as exc:
            raise DeliveryError(f"{self.describe()}: HTTP {exc.code} {exc.reason}") from None
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            raise DeliveryError(f"{self.describe()}: {reason}") from None
        if not 200 <= status < 300:
            raise DeliveryError(f"{self.describe()}: HTTP {status}")


def _epoch(timestamp: Any) -> float | None:
    try:
        return round(datetime.fromisoformat(str(timestamp)).timestamp(), 3)
    except ValueError:
        return None


class SplunkHecForwarder(HttpForwarder):
    """Batches to the HEC event endpoint: concatenated {"time", "host", "source", "sourcetype", "event"}."""

    kind = "splunk-hec"
    takes: ClassVar[frozenset[str]] = HttpForwarder.takes | {"index"}

    @classmethod
    def from_section(cls, section: ForwardSection, token: str | None, where: str) -> SplunkHecForwarder:
        index = section.options.get("index")
        return cls(
            section.name, section.url, token, ca_file=section.ca_file, verify=section.verify,
            index=str(index) if index else None,
        )  # fmt: skip

    def __init__(self, *args: Any, index: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.token:
            raise UserError(
                f'forward {self.name}: splunk-hec needs token = "env:NAME" or "keyring:SERVICE/NAME"'
            )
        self.index = index

    def auth_header(self) -> str | None:
        return f"Splunk {self.token}"

    def body(self, events: Sequence[dict[str, Any]]) -> bytes:
        lines = []
        for event in events:
            envelope: dict[str, Any] = {
                "time": _epoch(event.get("@timestamp")),
                "host": get_field(event, "host.name"),
                "source": "credscan",
                "sourcetype": "credscan",
                "event": event,
            }
            if self.index:
                envelope["index"] = self.index
            lines.append(json.dumps(envelope, ensure_ascii=False, separators=(",", ":")))
        return "\n".join(lines).encode("utf-8")


class WebhookForwarder(HttpForwarder):
    """One POST per batch with a JSON array of events; optional bearer token."""

    kind = "webhook"

    def auth_header(self) -> str | None:
        return f"Bearer {self.token}" if self.token else None

    def body(self, events: Sequence[dict[str, Any]]) -> bytes:
        return json.dumps(list(events), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
