"""Share enumeration: NetrShareEnum (MS-SRVS opnum 15) over the \\PIPE\\srvsvc named pipe.

smbprotocol has no share listing: BIND to srvsvc v3.0, one REQUEST with level-1 info (see dcerpc.py),
then the share names, types and remarks are decoded from the answer, bounds-checked.
"""

from __future__ import annotations

import struct
import uuid
from dataclasses import dataclass

from credscan.sources.dcerpc import Pipe, Reader, RpcError, align, bind, call

SRVSVC_UUID = uuid.UUID("4b324fc8-1670-01d3-1278-5a47bf6ee188")
SRVSVC_VERSION = (3, 0)
OPNUM_NETR_SHARE_ENUM = 15

STYPE_MASK = 0x0FFFFFFF
STYPE_SPECIAL = 0x80000000
SHARE_TYPES = {0: "disk", 1: "printer", 2: "device", 3: "ipc"}

__all__ = ["Pipe", "RpcError", "ShareInfo", "net_share_enum", "parse_share_enum_response"]


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
    bind(pipe, SRVSVC_UUID, SRVSVC_VERSION, "srvsvc")
    return parse_share_enum_response(call(pipe, 2, OPNUM_NETR_SHARE_ENUM, _share_enum_request(server)))


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
    return data + b"\0" * (align(len(data), 4) - len(data))


def parse_share_enum_response(stub: bytes) -> list[ShareInfo]:
    reader = Reader(stub)
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
