"""Syslog (RFC 5424) over udp://, tcp:// (RFC 6587 octet counting) and tls:// (RFC 5425), CEF or JSON payload.

Acknowledgement: TCP/TLS count a batch as delivered when every byte was handed to a connection that was
still open (a peer that closed is noticed before sending and the connection is rebuilt); UDP has no
acknowledgement at all, so a datagram that left the socket counts as delivered. TLS verifies the
server's certificate and host name by default; ``ca_file`` adds a private CA, ``verify = false`` (only
when written explicitly) turns verification off.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import socket
import ssl
import time
from collections.abc import Sequence
from typing import Any, ClassVar
from urllib.parse import urlsplit

from credscan.central.events import get_field
from credscan.central.forward.cef import format_cef
from credscan.central.forward.interface import DeliveryError, Forwarder
from credscan.config import ForwardSection
from credscan.errors import UserError

FACILITIES = {
    "kern": 0, "user": 1, "mail": 2, "daemon": 3, "auth": 4, "syslog": 5, "lpr": 6, "news": 7,
    "uucp": 8, "cron": 9, "authpriv": 10, "ftp": 11, "local0": 16, "local1": 17, "local2": 18,
    "local3": 19, "local4": 20, "local5": 21, "local6": 22, "local7": 23,
}  # fmt: skip
LEVEL_TO_SYSLOG = {"critical": 2, "high": 3, "medium": 4, "low": 5, "info": 6}
"""Finding/event level -> syslog severity (crit, err, warning, notice, info)."""

DEFAULT_PORTS = {"udp": 514, "tcp": 514, "tls": 6514}
UDP_MAX = 60000
"""Larger datagrams do not fit (IPv4 limit 65507 minus headroom); such a message is cut with a marker."""


def _ascii_token(value: Any, limit: int) -> str:
    """An RFC 5424 header field: printable US-ASCII without spaces, or the nil value "-"."""
    text = "".join(ch for ch in str(value or "") if 33 <= ord(ch) <= 126)[:limit]
    return text or "-"


class SyslogForwarder(Forwarder):
    takes: ClassVar[frozenset[str]] = frozenset({"format", "ca_file", "verify", "facility"})

    @classmethod
    def from_section(cls, section: ForwardSection, token: str | None, where: str) -> SyslogForwarder:
        if token:
            raise UserError(f"{where}: syslog takes no token")
        facility = str(section.options.get("facility", "local0"))
        return cls(
            section.name, section.url, section.format, ca_file=section.ca_file, verify=section.verify,
            facility=facility,
        )  # fmt: skip

    def __init__(
        self,
        name: str,
        url: str,
        payload: str = "cef",
        *,
        ca_file: str | None = None,
        verify: bool = True,
        facility: str = "local0",
        app_name: str = "credscan",
    ) -> None:
        parts = urlsplit(url)
        if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
            raise UserError(
                f"forward {name}: syslog url must be udp://, tcp:// or tls://HOST[:PORT], not {url!r}"
            )
        if payload not in ("cef", "json"):
            raise UserError(f"forward {name}: format must be 'cef' or 'json', not {payload!r}")
        if facility not in FACILITIES:
            raise UserError(f"forward {name}: unknown syslog facility {facility!r}")
        try:
            port = parts.port or DEFAULT_PORTS[parts.scheme]
        except ValueError:
            raise UserError(f"forward {name}: bad port in {url!r}") from None
        self.name = name
        self.scheme = parts.scheme
        self.host = parts.hostname
        self.port = port
        self.payload = payload
        self.facility = FACILITIES[facility]
        self.app_name = _ascii_token(app_name, 48)
        self.hostname = _ascii_token(socket.gethostname(), 255)
        self._sock: socket.socket | None = None
        self._tls: ssl.SSLContext | None = None
        if self.scheme == "tls":
            self._tls = (
                ssl.create_default_context(cafile=ca_file) if ca_file else ssl.create_default_context()
            )
            if not verify:
                self._tls.check_hostname = False
                self._tls.verify_mode = ssl.CERT_NONE

    def describe(self) -> str:
        return f"syslog {self.scheme}://{self.host}:{self.port} ({self.payload})"

    # -- formatting ----------------------------------------------------------------------------------

    def format(self, event: dict[str, Any]) -> bytes:
        """One RFC 5424 message: <PRI>1 TIMESTAMP HOST APP PROCID MSGID - MSG (MSG is UTF-8, no BOM)."""
        level = str(get_field(event, "log.level") or "info")
        pri = self.facility * 8 + LEVEL_TO_SYSLOG.get(level, 6)
        body = (
            format_cef(event)
            if self.payload == "cef"
            else json.dumps(event, ensure_ascii=False, separators=(",", ":"))
        )
        host = _ascii_token(get_field(event, "host.name") or self.hostname, 255)
        header = (
            f"<{pri}>1 {event.get('@timestamp') or '-'} {host} {self.app_name} {os.getpid()} "
            f"{_ascii_token(get_field(event, 'event.action'), 32)} -"
        )
        return f"{header} {body}".encode()

    # -- transport -----------------------------------------------------------------------------------

    def send(self, events: Sequence[dict[str, Any]], timeout_s: float) -> None:
        messages = [self.format(event) for event in events]
        try:
            if self.scheme == "udp":
                self._send_udp(messages, timeout_s)
            else:
                self._send_stream(messages, timeout_s)
        except (OSError, ssl.SSLError) as exc:
            self.close()
            raise DeliveryError(f"{self.describe()}: {exc}") from None

    def _send_udp(self, messages: list[bytes], timeout_s: float) -> None:
        family, kind, proto, _, address = socket.getaddrinfo(self.host, self.port, type=socket.SOCK_DGRAM)[0]
        with socket.socket(family, kind, proto) as sock:
            sock.settimeout(max(0.1, timeout_s))
            for message in messages:
                if len(message) > UDP_MAX:
                    message = message[: UDP_MAX - 12] + b" [truncated]"
                sock.sendto(message, address)

    def _send_stream(self, messages: list[bytes], timeout_s: float) -> None:
        deadline = time.monotonic() + max(0.1, timeout_s)
        sock = self._connection(timeout_s)
        frame = b"".join(b"%d %s" % (len(message), message) for message in messages)
        sock.settimeout(max(0.1, deadline - time.monotonic()))
        sock.sendall(frame)

    def _connection(self, timeout_s: float) -> socket.socket:
        """The open connection, rebuilt when the peer closed it (so a send never goes into the void)."""
        if self._sock is not None and self._peer_closed(self._sock):
            self.close()
        if self._sock is None:
            raw = socket.create_connection((self.host, self.port), timeout=max(0.1, timeout_s))
            if self._tls is not None:
                try:
                    raw = self._tls.wrap_socket(raw, server_hostname=self.host)
                except BaseException:
                    raw.close()
                    raise
            self._sock = raw
        return self._sock

    @staticmethod
    def _peer_closed(sock: socket.socket) -> bool:
        timeout = sock.gettimeout()
        try:
            readable, _, _ = select.select([sock], [], [], 0)
            if not readable:
                return False
            if not isinstance(sock, ssl.SSLSocket):
                return sock.recv(1, socket.MSG_PEEK) == b""
            sock.settimeout(0)  # TLS 1.3 session tickets make the socket readable without any data
            return sock.recv(1) == b""
        except (ssl.SSLWantReadError, BlockingIOError):
            return False
        except (OSError, ssl.SSLError):
            return True
        finally:
            with contextlib.suppress(OSError):
                sock.settimeout(timeout)

    def close(self) -> None:
        """Close the connection; TLS says goodbye first (close_notify) so the server logs no error."""
        if self._sock is not None:
            if isinstance(self._sock, ssl.SSLSocket):
                with contextlib.suppress(OSError, ValueError):
                    self._sock.settimeout(1.0)
                    self._sock.unwrap()
            with contextlib.suppress(OSError):
                self._sock.close()
            self._sock = None
