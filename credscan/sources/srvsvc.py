"""Shares over the \\PIPE\\srvsvc named pipe: NetrShareEnum (MS-SRVS opnum 15) lists them, NetrShareGetInfo
(opnum 16) at level 502 gives one share's security descriptor (its share-level permissions).

smbprotocol has neither: BIND to srvsvc v3.0, one REQUEST (see dcerpc.py), then the answer is decoded,
bounds-checked. Windows answers level 502 only to administrators (WERROR_ACCESS_DENIED otherwise): callers
treat a refusal as "share permissions unknown", never as a failure.
"""

from __future__ import annotations

import struct
import uuid
from dataclasses import dataclass

from credscan.sources.dcerpc import Pipe, Reader, RpcError, align, bind, call

SRVSVC_UUID = uuid.UUID("4b324fc8-1670-01d3-1278-5a47bf6ee188")
SRVSVC_VERSION = (3, 0)
OPNUM_NETR_SHARE_ENUM = 15
OPNUM_NETR_SHARE_GET_INFO = 16
LEVEL_SECURITY = 502
MAX_SHARE_DESCRIPTOR = 0x40000
"""Bytes of share security descriptor accepted (Samba's own limit): a bigger one is not a real answer."""

STYPE_MASK = 0x0FFFFFFF
STYPE_SPECIAL = 0x80000000
SHARE_TYPES = {0: "disk", 1: "printer", 2: "device", 3: "ipc"}

__all__ = [
    "Pipe",
    "RpcError",
    "ShareInfo",
    "net_share_enum",
    "net_share_security",
    "parse_share_enum_response",
    "parse_share_security_response",
]


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


def net_share_security(pipe: Pipe, server: str, share: str) -> bytes | None:
    """The self-relative security descriptor of one share (NetrShareGetInfo level 502) on an open
    \\PIPE\\srvsvc; None when the server sends none. RpcError when it refuses (no rights, no such share)."""
    bind(pipe, SRVSVC_UUID, SRVSVC_VERSION, "srvsvc")
    return parse_share_security_response(
        call(pipe, 2, OPNUM_NETR_SHARE_GET_INFO, _share_info_request(server, share))
    )


# -- NDR ----------------------------------------------------------------------


def _share_enum_request(server: str) -> bytes:
    """NetrShareEnum(ServerName, InfoStruct{Level 1, empty container}, MaxLen -1, ResumeHandle NULL)."""
    name = _conformant_string(f"\\\\{server}")
    info_struct = struct.pack("<IIIII", 1, 1, 0x00020004, 0, 0)  # level, switch, ptr→container{0, NULL}
    return struct.pack("<I", 0x00020000) + name + info_struct + struct.pack("<II", 0xFFFFFFFF, 0)


def _share_info_request(server: str, share: str) -> bytes:
    """NetrShareGetInfo(ServerName (unique), NetName (ref, so no referent id), Level 502)."""
    return (
        struct.pack("<I", 0x00020000)
        + _conformant_string(f"\\\\{server}")
        + _conformant_string(share)
        + struct.pack("<I", LEVEL_SECURITY)
    )


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


def parse_share_security_response(stub: bytes) -> bytes | None:
    """The descriptor bytes of a NetrShareGetInfo level-502 answer: SHARE_INFO_502_I (netname, type, remark,
    permissions, max_uses, current_uses, path, passwd, reserved = descriptor size, descriptor), WERROR."""
    reader = Reader(stub)
    level, info_ptr = reader.u32(), reader.u32()
    if info_ptr == 0:  # a refusal carries no info, only its status
        status = reader.u32()
        raise RpcError(f"NetrShareGetInfo failed with WERROR 0x{status:08X}")
    if level != LEVEL_SECURITY:
        raise RpcError("the server answered with another info level")
    netname_ptr, _, remark_ptr, _, _, _, path_ptr, passwd_ptr = (reader.u32() for _ in range(8))
    size, descriptor_ptr = reader.u32(), reader.u32()
    for pointer in (netname_ptr, remark_ptr, path_ptr, passwd_ptr):
        if pointer:
            reader.string()
    descriptor = None
    if descriptor_ptr:
        if reader.u32() != size or size > MAX_SHARE_DESCRIPTOR:
            raise RpcError("inconsistent share descriptor size")
        descriptor = reader.raw(size)
    status = reader.u32()
    if status != 0:
        raise RpcError(f"NetrShareGetInfo failed with WERROR 0x{status:08X}")
    return descriptor or None
