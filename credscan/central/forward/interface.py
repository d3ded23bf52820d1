"""What every SIEM forwarder offers to the outbox: send a batch, or raise DeliveryError.

A forwarder receives serialised events (the JSON lines the event log holds) and formats them for its
destination. ``send`` returning means the destination acknowledged the whole batch (a TCP/TLS send that
completed, an HTTP 2xx); anything else raises DeliveryError, and the outbox keeps the batch for a retry.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Any, ClassVar
from urllib.parse import urlsplit

from credscan.config import SECRET_REF_PATTERN, ForwardSection


class DeliveryError(Exception):
    """The destination did not take the batch; the message says why in one line (never a secret)."""


class Forwarder(ABC):
    """One destination type; registered under its ``type`` in credscan.central.forward.FORWARDERS."""

    takes: ClassVar[frozenset[str]] = frozenset()
    """The [[forward]] keys this type reads besides type, url, name and batch_size: a table that sets any
    other key is refused (credscan.central.forward.build_forwarder), rather than the key being ignored."""
    name: str
    """The destination's key in the outbox (the [[forward]] name)."""
    max_batch: int = 100
    """How many events one send() takes at most."""

    @classmethod
    @abstractmethod
    def from_section(cls, section: ForwardSection, token: str | None, where: str) -> Forwarder:
        """The forwarder a [[forward]] table describes; ``token`` is resolved from its reference. Raises
        UserError for a value this type cannot use (``where`` names the table in the message)."""

    @abstractmethod
    def send(self, events: Sequence[dict[str, Any]], timeout_s: float) -> None:
        """Deliver events in order within timeout_s, or raise DeliveryError."""

    def describe(self) -> str:
        """Where events go (for status output and agent.started): no token, no credentials."""
        return self.name

    def close(self) -> None:  # noqa: B027 - optional hook, most forwarders hold no connection
        """Release connections; the next send() reconnects."""


def url_origin(url: str) -> str:
    """scheme://host[:port] only: a webhook's path or query can itself be the secret (chat webhooks)."""
    if SECRET_REF_PATTERN.match(url):
        return url
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        port = ""
    return (
        f"{parts.scheme}://{host}{port}/…"
        if parts.path not in ("", "/") or parts.query
        else f"{parts.scheme}://{host}{port}"
    )
