"""SID to name over the server's \\PIPE\\lsarpc (LsarOpenPolicy2 + LsarLookupSids), against a real Samba
server, and the decoder against hostile answers."""

from __future__ import annotations

import os
import struct

import pytest

from credscan.sources.dcerpc import RpcError
from credscan.sources.lsarpc import encode_sid, parse_lookup_response
from credscan.sources.smb import SmbSource
from tests.support.smbserver import SambaServer, requires_samba


@requires_samba
def test_the_server_names_its_sids(samba_server: SambaServer) -> None:
    os.environ["CREDSCAN_TEST_LSA_PW"] = samba_server.password
    source = SmbSource(
        samba_server.url("clients"), {"user": samba_server.user, "password_ref": "env:CREDSCAN_TEST_LSA_PW"}
    )
    account = samba_server.user_sid()
    try:
        names = source.names(["S-1-1-0", "S-1-5-32-544", "S-1-22-2-0", "S-1-5-21-1-2-3-9999"])
        users = source.users(["S-1-1-0", "S-1-5-32-544", account, "S-1-5-21-1-2-3-9999"])
    finally:
        source.close()
    assert users == {account}  # the server says which SIDs are single accounts: not groups, not unknown
    assert names["S-1-1-0"] == "Everyone"
    assert names["S-1-5-32-544"] == "BUILTIN\\Administrators"
    assert names["S-1-22-2-0"].endswith("\\root")
    assert "S-1-5-21-1-2-3-9999" not in names  # unknown to the server: the SID is shown instead


def test_sids_are_encoded_as_ndr_rpc_sids() -> None:
    encoded = encode_sid("S-1-5-21-10-20-30-1104")
    assert encoded[:4] == struct.pack("<I", 5) and encoded[4:6] == b"\x01\x05"
    assert encoded[6:12] == (5).to_bytes(6, "big") and len(encoded) == 12 + 5 * 4
    for bad in ("", "S-1", "X-1-5", "S-1-5-abc", "S-1-5-" + "-".join(["1"] * 16), "S-1-5-4294967296"):
        with pytest.raises(ValueError):
            encode_sid(bad)


def test_hostile_lookup_answers_are_rpc_errors() -> None:
    sids = ["S-1-1-0"]
    for answer in (b"", b"\x01\x00\x02\x00", b"\xff" * 64, struct.pack("<IIII", 1, 5, 0x20000, 5)):
        with pytest.raises(RpcError):
            parse_lookup_response(answer, sids)
    # no domains, no names: nothing named, no error
    assert parse_lookup_response(struct.pack("<IIIII", 0, 0, 0, 0, 0xC0000073), sids) == {}
