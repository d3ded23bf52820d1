"""Small SMB files read with one compound CREATE/READ/CLOSE each, and read ahead: sent before their file is
needed.

Reading a 4 KB file over SMB is one round trip (the three operations go out as one compound request), but
a worker that sends one and waits for its answer before typing and scanning the file leaves the server,
the network and itself idle in turn. The worker process knows which files come next (credscan.workers
hands each worker several at a time), so it sends their requests first and collects each answer when it
gets to that file: the server answers while the worker scans.

The compound's bytes are packed and its READ answer parsed by credscan.sources.smbwire (struct, not
smbprotocol's generic Structure classes, which cost more CPU than the rest of the scan of a small file).
They travel on smbprotocol's own connection: CompoundReader takes message ids and credits from its
sequence window, registers each request in its table of outstanding requests so that its receiver thread
hands over the answers, and signs or encrypts with the session's keys exactly when smbprotocol would
(a session that encrypts is not also signed; one that requires signing is signed).

A window caps the requests this process has in flight on one connection (SmbSettings.window: the
per-server limit ``smb_max_requests`` divided among the scan's processes). The file being scanned may
need one more request of its own (a large file's reads, its owner), so at most ``window - 1`` files are
read ahead and the total never exceeds the window.

Credits (the server's grant of requests a client may have outstanding) are shared with the ordinary reads
of the same connection: a read-ahead is sent only while RESERVED_CREDITS more remain, so a large file's
read never fails for want of credits the read-ahead holds; a server that grants few credits gets less
read-ahead, not errors. Each read asks for a little more than the size the walk saw (one credit for a file
under 64 KiB); a file that grew past it is read again the ordinary way.

Every request sent must have its answer received once (smbprotocol's receiver keeps them until then): a
read-ahead that is not used (the scan stopped, the source closes) is received and dropped.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from credscan.sources.smbwire import (
    COMMAND_READ,
    FLAG_SIGNED,
    FileStat,
    pack_compound,
    pack_transform,
    parse_read_answer,
    parse_stat,
    read_compound,
    read_credit_charge,
    stat_compound,
    transform_aad,
    with_signature,
)

STATUS_SUCCESS = 0
STATUS_PENDING = 0x00000103
STATUS_END_OF_FILE = 0xC0000011
"""A READ at offset 0 of an empty file."""
STATUS_CONNECTION_DISCONNECTED = 0xC000020C
CREDIT_BYTES = 64 * 1024
"""One credit pays for this much of a READ (SMB 2.1+ multi-credit)."""
RESERVED_CREDITS = 32
"""Credits the read-ahead leaves free for the ordinary path: a 1 MiB compound read (18), an owner lookup."""
MAX_FRAME = 0xFFFFFF


def read_length(size: int, limit: int) -> int:
    """Bytes to ask for a file the walk saw at ``size``: more than that (an answer shorter than the request
    is the whole file), whole credits, at most ``limit``."""
    return min(limit, (size // CREDIT_BYTES + 1) * CREDIT_BYTES)


class ReadFailed(Exception):
    """A compound read came back with an error status: the caller reads the file the ordinary way, which
    follows DFS referrals and symlinks and turns the status into the usual one-line reason."""


@dataclass(slots=True)
class Pending:
    """One compound on the wire: its message ids and smbprotocol Request objects."""

    message_ids: tuple[int, ...]
    requests: tuple[Any, ...]
    length: int
    """What the READ asked for (0 for a compound without one)."""


class CompoundReader:
    """Sends CREATE/READ/CLOSE compounds for files of one share (an smbprotocol TreeConnect) and collects
    their answers. One per tree and process; smbprotocol keeps everything else about the connection. Not
    for a DFS namespace share (its paths need DFS rewriting: the ordinary path does that)."""

    def __init__(self, tree: Any) -> None:
        from smbprotocol.header import SMB2HeaderRequest

        self.tree = tree
        self.session = tree.session
        self.connection = self.session.connection
        self.multi_credit = bool(self.connection.supports_multi_credit)
        placeholder = SMB2HeaderRequest()
        placeholder["command"] = COMMAND_READ
        self._placeholder = placeholder
        """What smbprotocol's receiver and keep-alive look at in a pending request (its command, and a
        reserved field that must stay 0); the bytes sent are smbwire's."""
        self._cipher: tuple[bytes, Any, int] | None = None

    @property
    def connected(self) -> bool:
        return bool(self.connection.transport.connected)

    def send(self, path: str, length: int, reserve: int) -> Pending | None:
        """Send the compound that reads ``length`` bytes of ``path`` (share-relative, backslashes) without
        waiting for the answer; None (nothing sent) when fewer than ``reserve`` credits would remain."""
        charge = read_credit_charge(length) if self.multi_credit else 0
        return self._send(read_compound(path, length), (1, charge, 1), length, reserve)

    def stat(self, path: str) -> FileStat:
        """lstat of ``path`` in one round trip (credscan.sources.smbwire.stat_compound); ReadFailed when the
        server answers with an error status or no credits are free (the caller asks smbclient, which says
        why in the usual words), MalformedAnswer when an answer does not fit its own lengths."""
        pending = self._send(stat_compound(path), (1, 1, 1, 1), 0, 0)
        if pending is None:
            raise ReadFailed("no credits")
        answers = self._answers(pending)
        failures = [status for status, _ in answers if status != STATUS_SUCCESS]
        if failures:
            raise ReadFailed(", ".join(f"NTSTATUS 0x{status:08X}" for status in failures))
        return parse_stat(answers[0][1], answers[1][1], answers[2][1])

    def _send(
        self, bodies: list[tuple[int, bytes]], charges: tuple[int, ...], length: int, reserve: int
    ) -> Pending | None:
        from smbprotocol.connection import Request

        connection = self.connection
        charges = charges if self.multi_credit else tuple(0 for _ in charges)
        steps = [max(1, charge) for charge in charges]
        with connection.sequence_lock:
            low = connection.sequence_window["low"]
            if connection.sequence_window["high"] - low < sum(steps) + reserve:
                return None
            connection.sequence_window["low"] = low + sum(steps)
        ids = tuple(low + sum(steps[:index]) for index in range(len(steps)))
        session = self.session
        encrypt = bool(session.encrypt_data or self.tree.encrypt_data)
        sign = not encrypt and bool(session.signing_required and session.signing_key)
        flags = FLAG_SIGNED if sign else 0
        tree_id = self.tree.tree_connect_id
        messages = pack_compound(bodies, ids, charges, session.session_id, tree_id, flags)
        if sign:
            key = session.signing_key
            messages = [
                with_signature(message, connection._generate_signature(message, key, mid, False, command))
                for message, mid, (command, _) in zip(messages, ids, bodies, strict=True)
            ]
        payload = b"".join(messages)
        if encrypt:
            payload = self._encrypt(payload)
        requests = tuple(Request(self._placeholder, None, connection, session.session_id) for _ in ids)
        for mid, request in zip(ids, requests, strict=True):
            connection.outstanding_requests[mid] = request  # before sending: the answer may come at once
        try:
            connection._check_worker_running()
            _send_frame(connection.transport, payload)
        except BaseException:
            for mid in ids:
                connection.outstanding_requests.pop(mid, None)
            raise
        return Pending(ids, requests, length)

    def _answers(self, pending: Pending) -> list[tuple[int, bytes]]:
        """Every answer of a compound, in order (each must be received, whatever the others say)."""
        sent = zip(pending.message_ids, pending.requests, strict=True)
        return [self._answer(mid, request) for mid, request in sent]

    def receive(self, pending: Pending) -> bytes | None:
        """The file's content: None when the file is at least as long as the READ asked (read it the
        ordinary way); ReadFailed when the server answered with an error status, MalformedAnswer when its
        READ answer does not fit its own lengths. Every answer of the compound is received, whatever the
        others say; a lost connection raises what smbprotocol raises for it."""
        answers = self._answers(pending)
        failures = {at: status for at, (status, _) in enumerate(answers) if status != STATUS_SUCCESS}
        if failures:
            if failures == {1: STATUS_END_OF_FILE}:
                return b""  # opened and closed fine; the read was past the end of an empty file
            raise ReadFailed(", ".join(f"NTSTATUS 0x{status:08X}" for status in failures.values()))
        content = parse_read_answer(answers[1][1], pending.length)
        return content if len(content) < pending.length else None

    def drop(self, pending: Pending) -> None:
        """Receive and forget the answers of a compound nobody needs any more."""
        for mid, request in zip(pending.message_ids, pending.requests, strict=True):
            try:
                self._answer(mid, request)
            except Exception:  # the connection is gone: no answer will come for any of them
                return

    def _answer(self, mid: int, request: Any) -> tuple[int, bytes]:
        """(NTSTATUS, body after the 64-byte header) of one answer, once final (a STATUS_PENDING interim
        answer is waited past, as smbprotocol does)."""
        from smbprotocol.exceptions import SMBConnectionClosed

        connection = self.connection
        while True:
            request.response_event.wait()
            with request.response_event_lock:
                connection._check_worker_running()  # raises what ended the receiver, if it ended
                response = request.response
                if response is None:
                    raise SMBConnectionClosed("the connection closed before the server answered")
                status = int(response["status"].get_value())
                if status == STATUS_PENDING:
                    request.response_event.clear()
                    continue
                connection.outstanding_requests.pop(mid, None)
                return status, bytes(response["data"].get_value()) if status == STATUS_SUCCESS else b""

    def _encrypt(self, payload: bytes) -> bytes:
        """An SMB 3 transform around ``payload`` with the session's encryption key and the negotiated cipher
        (AES-GCM, or AES-128-CCM before SMB 3.1.1), as smbprotocol encrypts its own messages."""
        key = self.session.encryption_key
        if self._cipher is None or self._cipher[0] != key:
            from cryptography.hazmat.primitives.ciphers.aead import AESCCM, AESGCM
            from smbprotocol import Dialects
            from smbprotocol.connection import Ciphers

            connection = self.connection
            modern = connection.dialect >= Dialects.SMB_3_1_1
            cipher_id = connection.cipher_id if modern else Ciphers.AES_128_CCM
            gcm = cipher_id in (Ciphers.AES_128_GCM, Ciphers.AES_256_GCM)
            self._cipher = (key, AESGCM(key) if gcm else AESCCM(key), 12 if gcm else 11)
        _, aead, nonce_length = self._cipher
        nonce = os.urandom(nonce_length)
        padded = nonce + b"\x00" * (16 - nonce_length)
        session_id = self.session.session_id
        sealed = aead.encrypt(nonce, payload, transform_aad(padded, len(payload), session_id))
        return pack_transform(padded, sealed[-16:], len(payload), session_id, sealed[:-16])


def _send_frame(transport: Any, payload: bytes) -> None:
    """``payload`` as one Direct TCP frame (MS-SMB2 2.1: a zero byte and a 24-bit big-endian length), on
    smbprotocol's socket under its send lock: what its transport.send does, without building a Structure
    for the 4-byte length."""
    if len(payload) > MAX_FRAME:
        raise ValueError(f"SMB frame of {len(payload)} bytes over the Direct TCP maximum")
    frame = len(payload).to_bytes(4, "big") + payload
    with transport._sock_lock:
        transport._sock.sendall(frame)


class ReadAhead:
    """The read-ahead compounds of one SMB source in one process, keyed by UNC path."""

    def __init__(self, window: int) -> None:
        self.window = max(1, window)
        self._sent: dict[str, tuple[CompoundReader, Pending]] = {}

    @property
    def in_flight(self) -> int:
        """Files whose compound request is sent and not yet received."""
        return len(self._sent)

    def has_room(self) -> bool:
        return len(self._sent) < self.window - 1

    def pending(self, unc: str) -> bool:
        return unc in self._sent

    def send(self, unc: str, reader: CompoundReader, path: str, length: int) -> bool:
        """Send the compound read of ``path`` (``unc`` names it) ahead; False (nothing sent) when the
        connection's credits are short."""
        pending = reader.send(path, length, RESERVED_CREDITS)
        if pending is None:
            return False
        self._sent[unc] = (reader, pending)
        return True

    def take(self, unc: str) -> bytes | None:
        """The content read ahead for ``unc`` (CompoundReader.receive says what else can happen)."""
        reader, pending = self._sent.pop(unc)
        return reader.receive(pending)

    def drain(self) -> None:
        """Receive and drop every answer still due (before the connection is closed or given up)."""
        while self._sent:
            _, (reader, pending) = self._sent.popitem()
            reader.drop(pending)

    def forget(self) -> None:
        """The connection is gone: its answers will never come."""
        self._sent.clear()
