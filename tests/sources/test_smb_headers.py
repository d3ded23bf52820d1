"""Answer and transform headers parsed with one struct call (credscan.sources.smbheaders) read exactly
what smbprotocol's SMB2HeaderResponse and SMB2TransformHeader read, give back the bytes received, and
turn into the real Structure for anything else; a header too short or not SMB2 fails as smbprotocol's
does. Pure, < 1 s."""

from __future__ import annotations

import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from smbprotocol.connection import SMB2TransformHeader
from smbprotocol.header import SMB2HeaderResponse

from credscan.sources.smbheaders import LazyHeaderResponse, LazyTransformHeader

SMB2_FLAGS = (0x1, 0x2, 0x4, 0x8, 0x10000000, 0x20000000)
"""The flags smbprotocol knows (its parser refuses others; the lazy one only tests the known ones)."""
FIELDS = ("status", "command", "credit_response", "message_id", "session_id", "signature", "data")


def _header(status: int, command: int, flags: int, message_id: int, session_id: int, body: bytes) -> bytes:
    fixed = struct.pack(
        "<4sHHIHHIIQIIQ16s",
        b"\xfeSMB",
        64,
        1,
        status,
        command,
        3,
        flags,
        0,
        message_id,
        0,
        9,
        session_id,
        b"s" * 16,
    )
    return fixed + body


@settings(max_examples=200, deadline=None)
@given(
    st.integers(0, 2**32 - 1),
    st.integers(0, 0x12),
    st.sets(st.sampled_from(SMB2_FLAGS)).map(sum),
    st.integers(0, 2**64 - 1),
    st.integers(0, 2**64 - 1),
    st.binary(max_size=40),
)
def test_reads_what_smbprotocol_reads(
    status: int, command: int, flags: int, message_id: int, session_id: int, body: bytes
) -> None:
    raw = _header(status, command, flags, message_id, session_id, body)
    real, lazy = SMB2HeaderResponse(), LazyHeaderResponse()
    real.unpack(raw)
    lazy.unpack(raw)
    for name in FIELDS:
        assert lazy[name].get_value() == real[name].get_value(), name
    for flag in (0x1, 0x2, 0x4, 0x8, 0x10000000):
        assert lazy["flags"].has_flag(flag) == real["flags"].has_flag(flag)
    assert lazy.pack() == real.pack() == raw  # what a signature check hashes


def test_anything_else_builds_the_real_structure() -> None:
    raw = _header(0, 8, 1, 5, 6, b"body")
    lazy = LazyHeaderResponse()
    lazy.unpack(raw)
    assert lazy["tree_id"].get_value() == 9  # not one of the fields read up front
    lazy["status"] = 0xC0000022  # a change is the Structure's from now on
    assert lazy["status"].get_value() == 0xC0000022
    assert lazy.pack()[8:12] == struct.pack("<I", 0xC0000022)
    assert "SMB2HeaderResponse" in str(lazy) or "status" in str(lazy)


@pytest.mark.parametrize("raw", [b"\xfeSMB" + b"\0" * 10, b"\xfdSMB" + b"\0" * 70])
def test_a_header_that_is_not_whole_smb2_fails_as_smbprotocol_fails(raw: bytes) -> None:
    def outcome(header: SMB2HeaderResponse) -> str:
        try:
            header.unpack(raw)
        except Exception as exc:  # whatever smbprotocol raises, the lazy header raises too
            return type(exc).__name__
        return "ok " + repr(header["protocol_id"].get_value())

    assert outcome(LazyHeaderResponse()) == outcome(SMB2HeaderResponse())


@settings(max_examples=100, deadline=None)
@given(
    st.binary(min_size=16, max_size=16),
    st.binary(min_size=16, max_size=16),
    st.integers(0, 2**64 - 1),
    st.binary(),
)
def test_transform_header_reads_what_smbprotocol_reads(
    signature: bytes, nonce: bytes, session_id: int, data: bytes
) -> None:
    raw = struct.pack("<4s16s16sIHHQ", b"\xfdSMB", signature, nonce, len(data), 0, 1, session_id) + data
    real, lazy = SMB2TransformHeader(), LazyTransformHeader()
    real.unpack(raw)
    lazy.unpack(raw)
    for name in ("signature", "nonce", "original_message_size", "flags", "session_id", "data"):
        assert lazy[name].get_value() == real[name].get_value(), name
    assert lazy.pack() == real.pack() == raw  # decryption authenticates pack()[20:52]


def test_a_transform_header_built_for_sending_is_the_real_structure() -> None:
    header = LazyTransformHeader()  # smbprotocol's own _encrypt builds one field by field
    header["original_message_size"] = 3
    header["session_id"] = 7
    header["nonce"] = b"n" * 16
    header["signature"] = b"s" * 16
    header["data"] = b"abc"
    real = SMB2TransformHeader()
    for name, value in (("original_message_size", 3), ("session_id", 7), ("nonce", b"n" * 16)):
        real[name] = value
    real["signature"] = b"s" * 16
    real["data"] = b"abc"
    assert header.pack() == real.pack()
