"""SID to name: LsarOpenPolicy2 + LsarLookupSids (MS-LSAT opnums 44 and 15) over the \\PIPE\\lsarpc pipe.

A report that says a password file belongs to "S-1-5-21-…-1104" tells a client nothing; "CORP\\jdoe" does.
The file server that holds the file knows the names (its own accounts, and its domain's through its domain
controller), so the lookup goes to the same server over the SMB session the scan already has, the way
share listing talks to srvsvc. Answers are bounds-checked like every DCE/RPC answer (credscan.sources.dcerpc).
"""

from __future__ import annotations

import struct
import uuid
from typing import NamedTuple

from credscan.sources.dcerpc import Pipe, Reader, RpcError, align, bind, call, u16, u32

LSARPC_UUID = uuid.UUID("12345778-1234-abcd-ef00-0123456789ab")
LSARPC_VERSION = (0, 0)
OPNUM_CLOSE, OPNUM_LOOKUP_SIDS, OPNUM_OPEN_POLICY2 = 0, 15, 44
POLICY_LOOKUP_NAMES = 0x00000800
LOOKUP_LEVEL_WORKSTATION = 1
STATUS_SOME_NOT_MAPPED, STATUS_NONE_MAPPED = 0x00000107, 0xC0000073
MAX_SIDS = 1000
"""SIDs per call: a report's owners and readers, never a directory dump."""
SID_TYPE_USER, SID_TYPE_UNKNOWN, SID_TYPE_COMPUTER = 1, 8, 9
"""SID_NAME_USE values (MS-LSAT 2.2.13) that matter here: accounts, as opposed to groups and aliases."""


class Account(NamedTuple):
    """What the server says a SID is: its name ("DOMAIN\\name") and its SID_NAME_USE."""

    name: str
    use: int

    @property
    def is_user(self) -> bool:
        """One account (a user or a computer), not a group: it cannot contain anyone else."""
        return self.use in (SID_TYPE_USER, SID_TYPE_COMPUTER)


def lookup_sids(pipe: Pipe, sids: list[str]) -> dict[str, Account]:
    """``{sid: Account("DOMAIN\\name", use)}`` for the SIDs the server could name (others left out)."""
    if not sids:
        return {}
    bind(pipe, LSARPC_UUID, LSARPC_VERSION, "lsarpc")
    handle = _open_policy(pipe)
    try:
        names: dict[str, Account] = {}
        for start in range(0, len(sids), MAX_SIDS):
            chunk = sids[start : start + MAX_SIDS]
            names.update(
                parse_lookup_response(call(pipe, 3, OPNUM_LOOKUP_SIDS, _lookup_request(handle, chunk)), chunk)
            )
        return names
    finally:
        call(pipe, 4, OPNUM_CLOSE, handle)


def _open_policy(pipe: Pipe) -> bytes:
    # SystemName NULL; LSAPR_OBJECT_ATTRIBUTES {Length 24, five NULL/zero fields}; DesiredAccess
    stub = (
        struct.pack("<I", 0)
        + struct.pack("<IIIIII", 24, 0, 0, 0, 0, 0)
        + struct.pack("<I", POLICY_LOOKUP_NAMES)
    )
    answer = call(pipe, 2, OPNUM_OPEN_POLICY2, stub)
    if len(answer) < 24:
        raise RpcError("short LsarOpenPolicy2 answer")
    status = u32(answer, 20)
    if status != 0:
        raise RpcError(f"LsarOpenPolicy2 failed with NTSTATUS 0x{status:08X}")
    return answer[:20]


def encode_sid(sid: str) -> bytes:
    """An RPC_SID (conformant: its sub-authority count first)."""
    parts = sid.split("-")
    if len(parts) < 3 or parts[0] != "S" or not all(p.isdigit() for p in parts[1:]):
        raise ValueError(f"not a SID: {sid!r}")
    revision, authority, subs = int(parts[1]), int(parts[2]), [int(p) for p in parts[3:]]
    if len(subs) > 15 or any(s > 0xFFFFFFFF for s in subs) or authority >= 1 << 48:
        raise ValueError(f"not a SID: {sid!r}")
    return (
        struct.pack("<IBB", len(subs), revision, len(subs))
        + authority.to_bytes(6, "big")
        + struct.pack(f"<{len(subs)}I", *subs)
    )


def _lookup_request(handle: bytes, sids: list[str]) -> bytes:
    count = len(sids)
    # SidEnumBuffer {Entries, SidInfo ->[count]{Sid ->RPC_SID}}, deferred: array, then each SID
    stub = handle + struct.pack("<II", count, 0x00020000) + struct.pack("<I", count)
    stub += b"".join(struct.pack("<I", 0x00020004 + 4 * index) for index in range(count))
    stub += b"".join(encode_sid(sid) for sid in sids)
    # TranslatedNames {0, NULL}; LookupLevel (u16, padded); MappedCount
    stub += struct.pack("<II", 0, 0) + struct.pack("<HH", LOOKUP_LEVEL_WORKSTATION, 0) + struct.pack("<I", 0)
    return stub


def parse_lookup_response(stub: bytes, sids: list[str]) -> dict[str, Account]:
    """Names of ``sids`` (in request order) from an LsarLookupSids answer; unnamed SIDs are left out."""
    reader = Reader(stub)
    domains: list[str] = []
    if reader.u32():  # ReferencedDomains pointer
        entries, domains_ptr, _ = reader.u32(), reader.u32(), reader.u32()
        if domains_ptr:
            if reader.u32() != entries or entries > MAX_SIDS:
                raise RpcError("inconsistent domain count")
            fields = [(_unicode_header(reader), reader.u32()) for _ in range(entries)]
            for (length, buffer_ptr), sid_ptr in fields:
                domains.append(_deferred_string(reader, length) if buffer_ptr else "")
                if sid_ptr:
                    _skip_sid(reader)
    count, names_ptr = reader.u32(), reader.u32()
    if not names_ptr or count == 0:
        return {}
    if reader.u32() != count or count != len(sids):
        raise RpcError("the server named another number of SIDs than asked")
    translated = []
    for _ in range(count):
        use = u16(stub, reader.pos)
        reader.pos += 4  # Use (u16) and padding
        length, buffer_ptr = _unicode_header(reader)
        domain_index = struct.unpack("<i", struct.pack("<I", reader.u32()))[0]
        translated.append((use, length, buffer_ptr, domain_index))
    names: dict[str, Account] = {}
    for sid, (use, length, buffer_ptr, domain_index) in zip(sids, translated, strict=True):
        name = _deferred_string(reader, length) if buffer_ptr else ""
        if use == SID_TYPE_UNKNOWN or not name:
            continue
        domain = domains[domain_index] if 0 <= domain_index < len(domains) else ""
        names[sid] = Account(f"{domain}\\{name}" if domain else name, use)
    reader.u32()  # MappedCount
    status = reader.u32()
    if status not in (0, STATUS_SOME_NOT_MAPPED, STATUS_NONE_MAPPED):
        raise RpcError(f"LsarLookupSids failed with NTSTATUS 0x{status:08X}")
    return names


def _unicode_header(reader: Reader) -> tuple[int, int]:
    """RPC_UNICODE_STRING: Length and MaximumLength (bytes), Buffer pointer; returns (length, pointer)."""
    length = u16(reader.data, reader.pos)
    reader.pos += 4
    return length, reader.u32()


def _deferred_string(reader: Reader, length: int) -> str:
    max_count, offset, actual = reader.u32(), reader.u32(), reader.u32()
    if offset != 0 or actual > max_count or actual * 2 > len(reader.data) - reader.pos or actual * 2 < length:
        raise RpcError("malformed NDR string")
    raw = reader.data[reader.pos : reader.pos + length]
    reader.pos = align(reader.pos + actual * 2, 4)
    return raw.decode("utf-16-le", errors="replace")


def _skip_sid(reader: Reader) -> None:
    count = reader.u32()
    if count > 15:
        raise RpcError("malformed SID")
    reader.pos += 8 + 4 * count
    if reader.pos > len(reader.data):
        raise RpcError("truncated SID")
