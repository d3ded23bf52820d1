"""Small SMB files read ahead: compound CREATE/READ/CLOSE requests sent before their file is needed.

Reading a 4 KB file over SMB is one round trip (the three operations go out as one compound request), but
a worker that sends one and waits for its answer before typing and scanning the file leaves the server,
the network and itself idle in turn. The worker process knows which files come next (credscan.workers
hands each worker several at a time), so it sends their requests first and collects each answer when it
gets to that file: the server answers while the worker scans.

A window caps the requests this process has in flight on one connection (SmbSettings.window: the
per-server limit ``smb_max_requests`` divided among the scan's processes). The file being scanned may
need one more request of its own (a large file's reads, its owner), so at most ``window - 1`` files are
read ahead and the total never exceeds the window.

Credits (the server's grant of requests a client may have outstanding) are shared with the ordinary reads
of the same connection: a read-ahead is sent only while RESERVED_CREDITS more remain, so a large file's
read never fails for want of credits the read-ahead holds; a server that grants few credits gets less
read-ahead, not errors. Each read asks for a little more than the size the walk saw (one credit for a file
under 64 KiB); a file that grew past it is read again the ordinary way.

smbprotocol needs every sent request's answer to be received once (its receiver thread keeps them
until then): a read-ahead that is not used (the scan stopped, the source closes) is received and dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

STATUS_END_OF_FILE = 0xC0000011
"""A READ at offset 0 of an empty file."""
STATUS_CONNECTION_DISCONNECTED = 0xC000020C
CREDIT_BYTES = 64 * 1024
"""One credit pays for this much of a READ (SMB 2.1+ multi-credit)."""
RESERVED_CREDITS = 32
"""Credits the read-ahead leaves free for the ordinary path: a 1 MiB compound read (18), an owner lookup."""


def read_length(size: int, limit: int) -> int:
    """Bytes to ask for a file the walk saw at ``size``: more than that (an answer shorter than the request
    is the whole file), whole credits, at most ``limit``."""
    return min(limit, (size // CREDIT_BYTES + 1) * CREDIT_BYTES)


@dataclass(slots=True)
class _Sent:
    requests: list[Any]
    receivers: list[Callable[[Any], Any]]
    limit: int


class ReadFailed(Exception):
    """A read-ahead came back with an error: the caller reads the file the ordinary way, which follows DFS
    referrals and turns the status into the usual one-line reason."""


class ReadAhead:
    """The read-ahead requests of one SMB source in one process, keyed by UNC path."""

    def __init__(self, window: int) -> None:
        self.window = max(1, window)
        self._sent: dict[str, _Sent] = {}

    @property
    def in_flight(self) -> int:
        """Files whose compound request is sent and not yet received."""
        return len(self._sent)

    def has_room(self) -> bool:
        return len(self._sent) < self.window - 1

    def pending(self, unc: str) -> bool:
        return unc in self._sent

    def send(self, unc: str, raw: Any, limit: int) -> bool:
        """Send CREATE/READ(0, ``limit``)/CLOSE for ``unc`` through the smbclient SMBRawIO ``raw`` (not
        opened), without waiting for the answer; False (nothing sent) when the connection's credits are
        short."""
        from smbclient._io import SMBFileTransaction

        transaction = SMBFileTransaction(raw)
        raw.open(transaction=transaction)
        transaction += raw.fd.read(0, limit, send=False)
        raw.close(transaction=transaction)
        messages = [message for message, _ in transaction._actions]
        receivers = [receive for _, receive in transaction._actions]
        connection = raw.fd.connection
        needed = sum(max(1, connection._calculate_credit_charge(message)) for message in messages)
        with connection.sequence_lock:
            available = connection.sequence_window["high"] - connection.sequence_window["low"]
        if available < needed + RESERVED_CREDITS:
            return False
        tree = raw.fd.tree_connect
        requests = connection.send_compound(
            messages, tree.session.session_id, tree.tree_connect_id, related=True
        )
        self._sent[unc] = _Sent(list(requests), receivers, limit)
        return True

    def take(self, unc: str) -> bytes | None:
        """The content read ahead for ``unc``: None when the file is larger than one read returned (read it
        the ordinary way); ReadFailed when the server answered with an error."""
        sent = self._sent.pop(unc)
        results, failures = _receive_all(sent)
        if failures:
            if failures == {1: STATUS_END_OF_FILE}:
                return b""  # opened and closed fine; the read was past the end of an empty file
            raise ReadFailed(", ".join(f"NTSTATUS 0x{status:08X}" for status in failures.values()))
        content = bytes(results[1])
        return content if len(content) < sent.limit else None

    def drain(self) -> None:
        """Receive and drop every answer still due (before the connection is closed or given up)."""
        while self._sent:
            _, sent = self._sent.popitem()
            _receive_all(sent)

    def forget(self) -> None:
        """The connection is gone: its answers will never come."""
        self._sent.clear()


def _receive_all(sent: _Sent) -> tuple[list[Any], dict[int, int]]:
    """Every answer of one compound (each must be received, whatever the others say), and the NTSTATUS of
    each that failed, by position (0 CREATE, 1 READ, 2 CLOSE). A lost connection fails them all."""
    from smbprotocol.exceptions import SMBResponseException

    results: list[Any] = []
    failures: dict[int, int] = {}
    for position, (request, receive) in enumerate(zip(sent.requests, sent.receivers, strict=True)):
        try:
            results.append(receive(request))
        except SMBResponseException as exc:
            results.append(None)
            failures[position] = exc.status
        except Exception:  # the connection closed under us: no answer will come for any of them
            return [None] * len(sent.requests), {position: STATUS_CONNECTION_DISCONNECTED}
    return results, failures
