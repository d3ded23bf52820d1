"""Share enumeration: NetrShareEnum (MS-SRVS opnum 15) over the \\PIPE\\srvsvc named pipe.

smbprotocol has no share listing, so this module speaks the few bytes of DCE/RPC (MS-RPCE,
connection-oriented PDUs, NDR20 little-endian) that one call needs: BIND to srvsvc v3.0, one
REQUEST with level-1 info, then the RESPONSE fragments are joined and the share names, types and
remarks decoded. Every length and offset read from the server is bounds-checked: a malformed
answer is an RpcError, never an IndexError or a huge allocation.
"""

from __future__ import annotations

import struct
import uuid
from dataclasses import dataclass
from typing import Protocol

SRVSVC_UUID = uuid.UUID("4b324fc8-1670-01d3-1278-5a47bf6ee188")
SRVSVC_VERSION = (3, 0)
NDR_UUID = uuid.UUID("8a885d04-1ceb-11c9-9fe8-08002b104860")
NDR_VERSION = (2, 0)
OPNUM_NETR_SHARE_ENUM = 15

PTYPE_REQUEST, PTYPE_RESPONSE, PTYPE_FAULT, PTYPE_BIND, PTYPE_BIND_ACK, PTYPE_BIND_NAK = 0, 2, 3, 11, 12, 13
PFC_FIRST_FRAG, PFC_LAST_FRAG = 0x01, 0x02
MAX_FRAG = 4280
MAX_RESPONSE = 4 * 1024 * 1024
"""A share list bigger than this is not a share list."""

STYPE_MASK = 0x0FFFFFFF
STYPE_SPECIAL = 0x80000000
SHARE_TYPES = {0: "disk", 1: "printer", 2: "device", 3: "ipc"}


class RpcError(Exception):
    """The server refused the call or sent something that is not a valid answer."""


class Pipe(Protocol):
    """A message-mode named pipe: one write sends one PDU, one read returns one PDU (or part of one)."""

    def write(self, data: bytes) -> int: ...

    def read(self, size: int) -> bytes: ...


@dataclass(frozen=True, slots=True)
class ShareInfo:
    name: str
    type: str
    """disk | printer | device | ipc | unknown"""
    remark: str
    special: bool
    """STYPE_SPECIAL: administrative shares (C$, ADMIN$, IPC$)."""


def net_share_enum(pipe: Pipe, server: str) -> list[ShareInfo]:
    """Bind to srvsvc on an open \\PIPE\\srvsvc and return every share the server lists."""
    _bind(pipe)
    stub = _share_enum_request(server)
    pipe.write(_pdu(PTYPE_REQUEST, 2, struct.pack("<IHH", len(stub), 0, OPNUM_NETR_SHARE_ENUM) + stub))
    return parse_share_enum_response(_read_response_stub(pipe))


# -- PDUs ---------------------------------------------------------------------


def _pdu(ptype: int, call_id: int, body: bytes) -> bytes:
    """Common 16-byte header: version 5.0, first+last fragment, little-endian/ASCII/IEEE data rep."""
    header = struct.pack(
        "<BBBB4sHHI", 5, 0, ptype, PFC_FIRST_FRAG | PFC_LAST_FRAG, b"\x10\0\0\0", 16 + len(body), 0, call_id
    )
    return header + body


def _syntax(ident: uuid.UUID, version: tuple[int, int]) -> bytes:
    return ident.bytes_le + struct.pack("<HH", *version)


def _bind(pipe: Pipe) -> None:
    context = (
        struct.pack("<HBB", 0, 1, 0) + _syntax(SRVSVC_UUID, SRVSVC_VERSION) + _syntax(NDR_UUID, NDR_VERSION)
    )
    body = struct.pack("<HHIBBH", MAX_FRAG, MAX_FRAG, 0, 1, 0, 0) + context
    pipe.write(_pdu(PTYPE_BIND, 1, body))
    ptype, _, pdu = _read_pdu(pipe)
    if ptype == PTYPE_BIND_NAK:
        raise RpcError("the server refused the srvsvc binding")
    if ptype != PTYPE_BIND_ACK:
        raise RpcError(f"unexpected answer to BIND (PDU type {ptype})")
    # bind_ack: max_xmit, max_recv, assoc_group, then the secondary address (u16 length + bytes), 4-aligned
    sec_len = _u16(pdu, 24)
    offset = _align(26 + sec_len, 4)
    count = _u8(pdu, offset)
    if count < 1 or _u16(pdu, offset + 4) != 0:
        raise RpcError("the server does not accept srvsvc with NDR")


def _read_pdu(pipe: Pipe) -> tuple[int, int, bytes]:
    """One whole PDU (type, flags, bytes), reading again while a fragment is incomplete."""
    data = pipe.read(65536)
    if len(data) < 16:
        raise RpcError("short DCE/RPC answer")
    frag_len = _u16(data, 8)
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


def _read_response_stub(pipe: Pipe) -> bytes:
    stub = b""
    while True:
        ptype, flags, pdu = _read_pdu(pipe)
        if ptype == PTYPE_FAULT:
            raise RpcError(f"the server answered with DCE/RPC fault 0x{_u32(pdu, 24):08X}")
        if ptype != PTYPE_RESPONSE:
            raise RpcError(f"unexpected DCE/RPC PDU type {ptype}")
        auth_len = _u16(pdu, 10)
        stub += pdu[24 : len(pdu) - (auth_len + 8 if auth_len else 0)]
        if len(stub) > MAX_RESPONSE:
            raise RpcError("share list answer too large")
        if flags & PFC_LAST_FRAG:
            return stub


# -- NDR ----------------------------------------------------------------------


def _share_enum_request(server: str) -> bytes:
    """NetrShareEnum(ServerName, InfoStruct{Level 1, empty container}, MaxLen -1, ResumeHandle NULL)."""
    name = _conformant_string(f"\\\\{server}")
    info_struct = struct.pack("<IIIII", 1, 1, 0x00020004, 0, 0)  # level, switch, ptr→container{0, NULL}
    return struct.pack("<I", 0x00020000) + name + info_struct + struct.pack("<II", 0xFFFFFFFF, 0)


def _conformant_string(text: str) -> bytes:
    encoded = (text + "\0").encode("utf-16-le")
    chars = len(encoded) // 2
    data = struct.pack("<III", chars, 0, chars) + encoded
    return data + b"\0" * (_align(len(data), 4) - len(data))


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def u32(self) -> int:
        value = _u32(self.data, self.pos)
        self.pos += 4
        return value

    def string(self) -> str:
        max_count, offset, actual = self.u32(), self.u32(), self.u32()
        if offset != 0 or actual > max_count or actual * 2 > len(self.data) - self.pos:
            raise RpcError("malformed string in share list")
        raw = self.data[self.pos : self.pos + actual * 2]
        self.pos = _align(self.pos + actual * 2, 4)
        return raw.decode("utf-16-le", errors="replace").rstrip("\0")


def parse_share_enum_response(stub: bytes) -> list[ShareInfo]:
    reader = _Reader(stub)
    level, switch, container_ptr = reader.u32(), reader.u32(), reader.u32()
    if level != 1 or switch != 1:
        raise RpcError("the server answered with another info level")
    if container_ptr == 0:
        return []
    count, buffer_ptr = reader.u32(), reader.u32()
    if buffer_ptr == 0 or count == 0:
        entries: list[tuple[int, int, int]] = []
    else:
        if reader.u32() != count or count * 12 > len(stub):
            raise RpcError("inconsistent share count")
        entries = [(reader.u32(), reader.u32(), reader.u32()) for _ in range(count)]
    shares = []
    for name_ptr, share_type, remark_ptr in entries:
        name = reader.string() if name_ptr else ""
        remark = reader.string() if remark_ptr else ""
        shares.append(
            ShareInfo(
                name=name,
                type=SHARE_TYPES.get(share_type & STYPE_MASK, "unknown"),
                remark=remark,
                special=bool(share_type & STYPE_SPECIAL),
            )
        )
    reader.u32()  # TotalEntries
    if reader.u32():  # ResumeHandle pointer, then its value
        reader.u32()
    status = reader.u32()
    if status != 0:
        raise RpcError(f"NetrShareEnum failed with WERROR 0x{status:08X}")
    return shares


def _align(value: int, boundary: int) -> int:
    return (value + boundary - 1) // boundary * boundary


def _check(data: bytes, offset: int, size: int) -> None:
    if offset < 0 or offset + size > len(data):
        raise RpcError("truncated DCE/RPC answer")


def _u8(data: bytes, offset: int) -> int:
    _check(data, offset, 1)
    return data[offset]


def _u16(data: bytes, offset: int) -> int:
    _check(data, offset, 2)
    return int(struct.unpack_from("<H", data, offset)[0])


def _u32(data: bytes, offset: int) -> int:
    _check(data, offset, 4)
    return int(struct.unpack_from("<I", data, offset)[0])
