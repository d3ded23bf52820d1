"""Answer headers that smbprotocol's receiver thread parses with one struct call instead of a Structure.

(The same holds for the TRANSFORM_HEADER around each encrypted answer: LazyTransformHeader.)

smbprotocol's receiver thread builds an ``SMB2HeaderResponse`` (a generic ``Structure`` of 14 field objects)
for every answer the server sends and reads six of its fields to route it (message id, command, status,
credits, flags, session id; the signature and the header's bytes when it checks a signature); its caller
then reads the body (``data``). For a small file that is three
answers, and building them cost more CPU than everything else the receiver does (decryption included).

LazyHeaderResponse is a drop-in subclass: ``unpack`` reads those fields and keeps the bytes (``pack`` gives
them back unchanged); anything else (another field, setting a field, printing) builds the real Structure from
the kept bytes first and from then on behaves exactly as smbprotocol's. install() makes smbprotocol's
connection module use it; nothing else about the connection changes. Headers that are not a full SMB2
header are left to smbprotocol's own parser, so a malformed answer fails as it always did.
"""

from __future__ import annotations

import struct
from typing import Any

from smbprotocol.connection import SMB2TransformHeader
from smbprotocol.header import SMB2HeaderResponse

_FIELDS = struct.Struct("<4s4xIHHI4xQ8xQ")
"""ProtocolId, (StructureSize, CreditCharge), Status, Command, CreditResponse, Flags, (NextCommand),
MessageId, (Reserved, TreeId), SessionId: the fields the receiver and its callers read."""
_SMB2_MAGIC = b"\xfeSMB"
_TRANSFORM = struct.Struct("<4s16s16sIHHQ")
"""MS-SMB2 2.2.41: ProtocolId, Signature, Nonce, OriginalMessageSize, Reserved, Flags, SessionId."""
_TRANSFORM_MAGIC = b"\xfdSMB"
_HEADER_SIZE = 64


class _Value:
    """What ``header[name]`` gives for a field read from the bytes: its value, and the flag test."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def get_value(self) -> Any:
        return self.value

    def has_flag(self, flag: int) -> bool:
        return bool(self.value & flag == flag)


class _Lazy:
    """A Structure subclass built only when needed: ``unpack`` keeps the bytes and reads the fields
    ``_read_fields`` names; anything else builds the real Structure (``_REAL``) from the kept bytes."""

    _REAL: Any

    def __init__(self) -> None:  # the Structure is built only when something needs it (_materialize)
        self.__dict__["_raw"] = None
        self.__dict__["_read"] = None

    @staticmethod
    def _read_fields(raw: bytes) -> dict[str, _Value] | None:
        """The fields read up front, None when ``raw`` is not a whole message of this kind."""
        raise NotImplementedError

    def unpack(self, data: bytes) -> bytes:
        raw = bytes(data)
        read = self._read_fields(raw)
        if read is None:  # smbprotocol's own parser decides (and fails as it always did)
            self._materialize()
            return self._REAL.unpack(self, data)  # type: ignore[no-any-return]
        self.__dict__["_raw"] = raw
        self.__dict__["_read"] = read
        return b""

    def pack(self) -> bytes:
        """The bytes received (what a signature check hashes), until a field was changed."""
        if self.__dict__.get("_read") is not None:
            return bytes(self.__dict__["_raw"])
        return self._REAL.pack(self)  # type: ignore[no-any-return]

    def __getitem__(self, key: str) -> Any:
        read = self.__dict__.get("_read")
        if read is not None and key in read:
            return read[key]
        return self._REAL.__getitem__(self, key)

    def __getattr__(self, name: str) -> Any:
        """Called only for attributes not set yet: the Structure's own (``fields``) are built on first use."""
        if name == "fields":
            self._materialize()
            return self.__dict__["fields"]
        raise AttributeError(name)

    def _materialize(self) -> None:
        if "fields" in self.__dict__:
            return
        self._REAL.__init__(self)
        raw = self.__dict__["_raw"]
        self.__dict__["_read"] = None  # from now on the Structure answers (and may be changed)
        if raw is not None:
            self._REAL.unpack(self, raw)


class LazyHeaderResponse(_Lazy, SMB2HeaderResponse):  # type: ignore[misc]  # smbprotocol ships no annotations
    """An SMB2 answer header whose routing fields and body come from one struct call."""

    _REAL = SMB2HeaderResponse

    @staticmethod
    def _read_fields(raw: bytes) -> dict[str, _Value] | None:
        if len(raw) < _HEADER_SIZE or raw[:4] != _SMB2_MAGIC:
            return None
        _, status, command, credits, flags, message_id, session_id = _FIELDS.unpack_from(raw)
        return {
            "status": _Value(status),
            "command": _Value(command),
            "credit_response": _Value(credits),
            "flags": _Value(flags),
            "message_id": _Value(message_id),
            "session_id": _Value(session_id),
            "signature": _Value(raw[48:_HEADER_SIZE]),
            "data": _Value(raw[_HEADER_SIZE:]),
        }


class LazyTransformHeader(_Lazy, SMB2TransformHeader):  # type: ignore[misc]
    """An SMB 3 TRANSFORM_HEADER (an encrypted answer) read with one struct call: what decryption reads."""

    _REAL = SMB2TransformHeader

    @staticmethod
    def _read_fields(raw: bytes) -> dict[str, _Value] | None:
        if len(raw) < _TRANSFORM.size or raw[:4] != _TRANSFORM_MAGIC:
            return None
        _, signature, nonce, size, _, flags, session_id = _TRANSFORM.unpack_from(raw)
        return {
            "signature": _Value(signature),
            "nonce": _Value(nonce),
            "original_message_size": _Value(size),
            "flags": _Value(flags),
            "session_id": _Value(session_id),
            "data": _Value(raw[_TRANSFORM.size :]),
        }


def install() -> None:
    """Make smbprotocol's receiver thread parse answer and transform headers lazily (idempotent)."""
    import smbprotocol.connection

    smbprotocol.connection.SMB2HeaderResponse = LazyHeaderResponse
    smbprotocol.connection.SMB2TransformHeader = LazyTransformHeader
