"""The few bytes of DCE/RPC (MS-RPCE connection-oriented PDUs, NDR20 little-endian) that credscan's calls over
SMB named pipes need: BIND to one interface, REQUEST with an opnum, join the RESPONSE fragments. Used by
share listing (srvsvc) and SID-to-name lookups (lsarpc). Every length and offset read from the server is
bounds-checked: a malformed answer is an RpcError, never an IndexError or a huge allocation.
"""

from __future__ import annotations

import struct
import uuid
from typing import Protocol

NDR_UUID = uuid.UUID("8a885d04-1ceb-11c9-9fe8-08002b104860")
NDR_VERSION = (2, 0)

PTYPE_REQUEST, PTYPE_RESPONSE, PTYPE_FAULT, PTYPE_BIND, PTYPE_BIND_ACK, PTYPE_BIND_NAK = 0, 2, 3, 11, 12, 13
PFC_FIRST_FRAG, PFC_LAST_FRAG = 0x01, 0x02
MAX_FRAG = 4280
MAX_RESPONSE = 4 * 1024 * 1024
"""An answer bigger than this is not an answer to one of our calls."""


class RpcError(Exception):
    """The server refused the call or sent something that is not a valid answer."""


class Pipe(Protocol):
    """A message-mode named pipe: one write sends one PDU, one read returns one PDU (or part of one)."""

    def write(self, data: bytes) -> int: ...

    def read(self, size: int) -> bytes: ...


def call(pipe: Pipe, call_id: int, opnum: int, stub: bytes) -> bytes:
    """One REQUEST and its whole RESPONSE stub (on a pipe already bound to the interface)."""
    pipe.write(pdu(PTYPE_REQUEST, call_id, struct.pack("<IHH", len(stub), 0, opnum) + stub))
    return read_response_stub(pipe)


def pdu(ptype: int, call_id: int, body: bytes) -> bytes:
    """Common 16-byte header: version 5.0, first+last fragment, little-endian/ASCII/IEEE data rep."""
    header = struct.pack(
        "<BBBB4sHHI", 5, 0, ptype, PFC_FIRST_FRAG | PFC_LAST_FRAG, b"\x10\0\0\0", 16 + len(body), 0, call_id
    )
    return header + body


def _syntax(ident: uuid.UUID, version: tuple[int, int]) -> bytes:
    return ident.bytes_le + struct.pack("<HH", *version)


def bind(pipe: Pipe, interface: uuid.UUID, version: tuple[int, int], name: str) -> None:
    context = struct.pack("<HBB", 0, 1, 0) + _syntax(interface, version) + _syntax(NDR_UUID, NDR_VERSION)
    body = struct.pack("<HHIBBH", MAX_FRAG, MAX_FRAG, 0, 1, 0, 0) + context
    pipe.write(pdu(PTYPE_BIND, 1, body))
    ptype, _, answer = read_pdu(pipe)
    if ptype == PTYPE_BIND_NAK:
        raise RpcError(f"the server refused the {name} binding")
    if ptype != PTYPE_BIND_ACK:
        raise RpcError(f"unexpected answer to BIND (PDU type {ptype})")
    # bind_ack: max_xmit, max_recv, assoc_group, then the secondary address (u16 length + bytes), 4-aligned
    sec_len = u16(answer, 24)
    offset = align(26 + sec_len, 4)
    count = u8(answer, offset)
    if count < 1 or u16(answer, offset + 4) != 0:
        raise RpcError(f"the server does not accept {name} with NDR")


def read_pdu(pipe: Pipe) -> tuple[int, int, bytes]:
    """One whole PDU (type, flags, bytes), reading again while a fragment is incomplete."""
    data = pipe.read(65536)
    if len(data) < 16:
        raise RpcError("short DCE/RPC answer")
    frag_len = u16(data, 8)
    if frag_len < 16:
        raise RpcError("invalid DCE/RPC fragment length")
    while len(data) < frag_len:
        more = pipe.read(frag_len - len(data))
        if not more:
            raise RpcError("truncated DCE/RPC fragment")
        data += more
    if data[0] != 5 or data[4] & 0xF0 != 0x10:
        raise RpcError("not a little-endian DCE/RPC v5 answer")
    return data[2], data[3], data[:frag_len]


def read_response_stub(pipe: Pipe) -> bytes:
    stub = b""
    while True:
        ptype, flags, pdu = read_pdu(pipe)
        if ptype == PTYPE_FAULT:
            raise RpcError(f"the server answered with DCE/RPC fault 0x{u32(pdu, 24):08X}")
        if ptype != PTYPE_RESPONSE:
            raise RpcError(f"unexpected DCE/RPC PDU type {ptype}")
        auth_len = u16(pdu, 10)
        stub += pdu[24 : len(pdu) - (auth_len + 8 if auth_len else 0)]
        if len(stub) > MAX_RESPONSE:
            raise RpcError("DCE/RPC answer too large")
        if flags & PFC_LAST_FRAG:
            return stub


class Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def u32(self) -> int:
        value = u32(self.data, self.pos)
        self.pos += 4
        return value

    def raw(self, size: int) -> bytes:
        """``size`` bytes of a conformant byte array's body, then padding to 4."""
        check(self.data, self.pos, size)
        raw = self.data[self.pos : self.pos + size]
        self.pos = align(self.pos + size, 4)
        return raw

    def string(self) -> str:
        max_count, offset, actual = self.u32(), self.u32(), self.u32()
        if offset != 0 or actual > max_count or actual * 2 > len(self.data) - self.pos:
            raise RpcError("malformed NDR string")
        raw = self.data[self.pos : self.pos + actual * 2]
        self.pos = align(self.pos + actual * 2, 4)
        return raw.decode("utf-16-le", errors="replace").rstrip("\0")


def align(value: int, boundary: int) -> int:
    return (value + boundary - 1) // boundary * boundary


def check(data: bytes, offset: int, size: int) -> None:
    if offset < 0 or offset + size > len(data):
        raise RpcError("truncated DCE/RPC answer")


def u8(data: bytes, offset: int) -> int:
    check(data, offset, 1)
    return data[offset]


def u16(data: bytes, offset: int) -> int:
    check(data, offset, 2)
    return int(struct.unpack_from("<H", data, offset)[0])


def u32(data: bytes, offset: int) -> int:
    check(data, offset, 4)
    return int(struct.unpack_from("<I", data, offset)[0])
