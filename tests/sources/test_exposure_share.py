"""Share-level permissions: a file on a share is readable by whom both the share and the file's DACL let read.

The combination rule on descriptors built in code, the srvsvc NetrShareGetInfo level-502 decoder against
hostile answers, and end to end against a real Samba server whose shares carry real share ACLs (sharesec),
including the fallback when the server does not show them (JSON, CSV and the report say so), with no piece
of the planted password in any output. The Samba part starts two servers and runs three scan subprocesses.
"""

from __future__ import annotations

import csv
import grp
import io
import json
import os
import pwd
import random
import struct
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from smbprotocol.security_descriptor import AccessAllowedAce, AccessDeniedAce, AclPacket, SIDPacket
from smbprotocol.security_descriptor import SMB2CreateSDBuffer as SDBuffer

from credscan.exposure import UNKNOWN, Descriptor, parse_descriptor, smb_exposure
from credscan.report.data import input_from_scan_document
from credscan.report.render import render_report
from credscan.sources.dcerpc import RpcError
from credscan.sources.smb import SmbSource
from credscan.sources.srvsvc import MAX_SHARE_DESCRIPTOR, parse_share_security_response
from tests.support.smbserver import SambaServer, requires_samba, running_samba

ALLOW, DENY = 0, 1
READ, FULL, WRITE_ONLY = 0x001200A9, 0x001F01FF, 0x00000002
EVERYONE, AUTHENTICATED, ADMINS = "S-1-1-0", "S-1-5-11", "S-1-5-32-544"
DOMAIN = "S-1-5-21-100-200-300"
DOMAIN_USERS, GUESTS = f"{DOMAIN}-513", "S-1-5-32-546"
IT, FINANCE, JDOE, ASMITH = f"{DOMAIN}-1105", f"{DOMAIN}-1106", f"{DOMAIN}-1107", f"{DOMAIN}-1108"
NAMES = {IT: "CORP\\IT-Admins", FINANCE: "CORP\\Finance", JDOE: "CORP\\jdoe", ASMITH: "CORP\\asmith"}


def acl(*aces: tuple[int, int, str], owner: str | None = JDOE) -> Descriptor:
    return Descriptor(owner, tuple(aces))


def grants(*sids: str, mask: int = READ) -> Descriptor:
    return acl(*((ALLOW, mask, sid) for sid in sids))


def exposure(share: Descriptor | None, file: Descriptor) -> tuple[str, set[str], str | None]:
    found = smb_exposure(file, share, NAMES)
    return found.level, set(found.readers), found.share_acl


# ---------------------------------------------------------------------------
# The rule: the narrower of share and file, pair by pair
# ---------------------------------------------------------------------------


def test_share_and_file_both_open_is_everyone() -> None:
    assert exposure(grants(EVERYONE, mask=FULL), grants(EVERYONE)) == ("everyone", {"Everyone"}, "applied")


def test_a_share_for_one_group_narrows_a_file_open_to_everyone() -> None:
    assert exposure(grants(IT), grants(EVERYONE)) == ("group", {"CORP\\IT-Admins"}, "applied")


def test_an_open_share_leaves_a_file_restricted_to_a_user() -> None:
    # the owner of the file is a user; another domain SID is of unknown kind (a group) unless it is the owner
    assert exposure(grants(EVERYONE, mask=FULL), grants(JDOE)) == ("owner", {"CORP\\jdoe"}, "applied")


def test_domain_users_on_the_share_and_everyone_on_the_file_is_domain_users() -> None:
    level, readers, _ = exposure(grants(DOMAIN_USERS), grants(EVERYONE))
    assert level == "all-users" and readers == {f"Domain Users ({DOMAIN_USERS})"}
    level, readers, _ = exposure(grants(EVERYONE), grants(AUTHENTICATED))  # and the other way round
    assert (level, readers) == ("all-users", {"Authenticated Users"})


def test_membership_unknown_assumes_the_narrower_principal_is_inside_the_wider() -> None:
    # share: group IT; file: user jdoe. jdoe reads only if in IT: listed, never "nobody" (conservative)
    assert exposure(grants(IT), grants(JDOE)) == ("owner", {"CORP\\jdoe"}, "applied")
    assert exposure(grants(JDOE), grants(IT)) == ("owner", {"CORP\\jdoe"}, "applied")
    # two different groups: members of both read; the file's group is listed
    assert exposure(grants(IT), grants(FINANCE)) == ("group", {"CORP\\Finance"}, "applied")


def test_every_pair_counts() -> None:
    share = grants(IT, ASMITH)
    file = grants(EVERYONE, JDOE)
    level, readers, _ = exposure(share, file)
    # IT ∩ Everyone = IT, asmith ∩ Everyone = asmith, IT ∩ jdoe = jdoe, asmith ∩ jdoe ⊆ jdoe
    assert (level, readers) == ("group", {"CORP\\IT-Admins", "CORP\\asmith", "CORP\\jdoe"})


def test_guests_on_the_share_do_not_widen_domain_users_on_the_file() -> None:
    assert exposure(grants(GUESTS), grants(DOMAIN_USERS))[0] == "all-users"


def test_administrators_only_on_either_side_leaves_only_administrators() -> None:
    assert exposure(grants(ADMINS, mask=FULL), grants(EVERYONE)) == ("owner", set(), "applied")
    assert exposure(grants(EVERYONE, mask=FULL), grants(ADMINS)) == ("owner", set(), "applied")


def test_share_rights_without_read_and_share_denials() -> None:
    assert exposure(grants(EVERYONE, mask=WRITE_ONLY), grants(EVERYONE))[0] == "owner"
    denied = acl((DENY, READ, IT), (ALLOW, FULL, IT), (ALLOW, READ, FINANCE))
    assert exposure(denied, grants(EVERYONE)) == ("group", {"CORP\\Finance"}, "applied")


def test_a_null_dacl_on_either_side_grants_everyone() -> None:
    null = Descriptor(JDOE, None)
    assert exposure(null, grants(IT)) == ("group", {"CORP\\IT-Admins"}, "applied")
    assert exposure(grants(IT), null) == ("group", {"CORP\\IT-Admins"}, "applied")
    assert exposure(null, null)[0] == "everyone"


def test_unknown_share_permissions_fall_back_to_the_file_and_say_so() -> None:
    found = smb_exposure(grants(EVERYONE), None, NAMES)
    assert (found.level, found.share_acl) == ("everyone", "unknown")
    assert found.to_dict() == {"level": "everyone", "readers": ["Everyone"], "share_acl": "unknown"}
    assert smb_exposure(None, grants(IT), NAMES) == UNKNOWN  # no file DACL: unknown whatever the share says


def test_a_huge_acl_on_both_sides_stays_linear() -> None:
    many = acl(*((ALLOW, READ, f"{DOMAIN}-{rid}") for rid in range(2000, 6000)))
    found = smb_exposure(many, many, {})
    assert found.level == "group" and len(found.readers) == 20


# ---------------------------------------------------------------------------
# Descriptors: one parser (smbprotocol) for owner and DACL, hostile input is "unknown"
# ---------------------------------------------------------------------------


def sid(text: str) -> SIDPacket:
    packet = SIDPacket()
    packet.from_string(text)
    return packet


def descriptor_bytes(
    owner: str | None, aces: list[tuple[int, int, str]] | None, first_flags: int = 0
) -> bytes:
    buffer = SDBuffer()
    buffer["control"].set_flag(0x8000)  # self-relative
    if owner:
        buffer.set_owner(sid(owner))
    if aces is not None:
        packet = AclPacket()
        entries = []
        for ace_type, mask, trustee in aces:
            ace = AccessAllowedAce() if ace_type == ALLOW else AccessDeniedAce()
            ace["mask"] = mask
            ace["sid"] = sid(trustee)
            ace["ace_flags"] = 0 if entries else first_flags
            entries.append(ace)
        packet["aces"] = entries
        buffer.set_dacl(packet)
    return buffer.pack()


def test_owner_and_dacl_round_trip() -> None:
    data = descriptor_bytes(JDOE, [(DENY, READ, FINANCE), (ALLOW, READ, IT)])
    parsed = parse_descriptor(data)
    assert parsed == Descriptor(JDOE, ((DENY, READ, FINANCE), (ALLOW, READ, IT)))
    assert parsed.sids() == [JDOE, FINANCE, IT]


def test_inherit_only_entries_do_not_apply_to_the_object() -> None:
    data = descriptor_bytes(JDOE, [(ALLOW, READ, EVERYONE), (ALLOW, READ, IT)], first_flags=0x08 | 0x01)
    assert parse_descriptor(data) == Descriptor(JDOE, ((ALLOW, READ, IT),))  # INHERIT_ONLY | OBJECT_INHERIT


def test_owner_only_descriptor_has_a_null_dacl() -> None:
    # the header, then the owner SID at offset 20, no DACL: nothing restricts reading
    owner = bytes([1, 5, 0, 0, 0, 0, 0, 5]) + struct.pack("<5I", 21, 1, 2, 3, 1001)
    data = struct.pack("<BBHIIII", 1, 0, 0x8000, 20, 0, 0, 0) + owner
    assert parse_descriptor(data) == Descriptor("S-1-5-21-1-2-3-1001", None)
    # DACL marked present at offset 0 is a NULL DACL too
    present = struct.pack("<BBHIIII", 1, 0, 0x8004, 20, 0, 0, 0) + owner
    assert parse_descriptor(present) == Descriptor("S-1-5-21-1-2-3-1001", None)


def test_hostile_descriptors_are_none() -> None:
    data = descriptor_bytes(JDOE, [(ALLOW, READ, IT)])
    assert parse_descriptor(b"") is None
    assert parse_descriptor(data[:30]) is None  # truncated
    assert (
        parse_descriptor(struct.pack("<BBHIIII", 1, 0, 0x8000, 9999, 0, 0, 0)) is None
    )  # owner past the end
    assert parse_descriptor(struct.pack("<BBHIIII", 1, 0, 0x8004, 0, 0, 0, 4) + b"\0" * 16) is None
    rng = random.Random(18)
    for _ in range(2000):  # never an exception, whatever the bytes
        mutated = bytearray(data)
        for _ in range(rng.randint(1, 6)):
            mutated[rng.randrange(len(mutated))] = rng.randrange(256)
        result = parse_descriptor(bytes(mutated[: rng.randint(0, len(mutated))]))
        assert result is None or isinstance(result, Descriptor)


# ---------------------------------------------------------------------------
# NetrShareGetInfo level 502 answers
# ---------------------------------------------------------------------------


def ndr_string(text: str) -> bytes:
    raw = (text + "\0").encode("utf-16-le")
    data = struct.pack("<III", len(raw) // 2, 0, len(raw) // 2) + raw
    return data + b"\0" * (-len(data) % 4)


def share_info_502(descriptor: bytes | None, size: int | None = None, status: int = 0) -> bytes:
    length = len(descriptor or b"") if size is None else size
    out = struct.pack("<II", 502, 0x20000)
    out += struct.pack("<IIIIIIII", 0x20004, 0, 0x20008, 0, 0xFFFFFFFF, 1, 0x2000C, 0x20010)
    out += struct.pack("<II", length, 0x20014 if descriptor is not None else 0)
    out += ndr_string("clients") + ndr_string("") + ndr_string("C:\\srv\\clients") + ndr_string("")
    if descriptor is not None:
        out += struct.pack("<I", length) + descriptor + b"\0" * (-len(descriptor) % 4)
    return out + struct.pack("<I", status)


def test_share_descriptor_decoder() -> None:
    data = descriptor_bytes(None, [(ALLOW, FULL, EVERYONE)])
    assert parse_share_security_response(share_info_502(data)) == data
    assert parse_share_security_response(share_info_502(None)) is None  # Samba to users without rights


def test_refusals_and_garbage_are_rpc_errors() -> None:
    data = descriptor_bytes(None, [(ALLOW, FULL, EVERYONE)])
    access_denied = struct.pack("<III", 502, 0, 5)  # Windows to non-administrators: WERROR_ACCESS_DENIED
    hostile = [
        access_denied,
        share_info_502(data, size=len(data) + 1),  # the array's count disagrees with the size
        share_info_502(data, size=MAX_SHARE_DESCRIPTOR + 1),
        share_info_502(data)[:60],
        share_info_502(data, status=0x7C),
        struct.pack("<II", 1, 0x20000) + b"\0" * 40,  # another level
        b"\xff" * 7,
    ]
    for answer in hostile:
        with pytest.raises(RpcError):
            parse_share_security_response(answer)


# ---------------------------------------------------------------------------
# Against Samba: real share ACLs (sharesec) and real file permissions
# ---------------------------------------------------------------------------


SECRET = "Xp7-Share-Acl-Pw!"


def plant(folder: Path, name: str, mode: int, uid: int = 0, gid: int = 0) -> None:
    path = folder / name
    path.write_text(f"Server notes\nadmin password: {SECRET}\n")
    os.chown(path, uid, gid)
    path.chmod(mode)


def scan(server: SambaServer, fmt: str) -> str:
    """`credscan scan --all-shares` over the server: its output, checked to hold no piece of the secret."""
    command = ["scan", server.url(), "--all-shares", "--smb-user", server.user, "--format", fmt]
    proc = subprocess.run(
        [sys.executable, "-m", "credscan", *command, "--jobs", "1"],
        env=dict(os.environ, CREDSCAN_SMB_PASSWORD=server.password),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    assert_no_secret(proc.stdout + proc.stderr)
    return proc.stdout


def assert_no_secret(text: str) -> None:
    pieces = {SECRET[i : i + 6] for i in range(len(SECRET) - 5)}
    assert not [piece for piece in pieces if piece in text]


def exposures(document: str) -> dict[str, dict[str, object]]:
    """share/file -> the finding's file.exposure, from a scan's JSON."""
    return {
        "/".join(finding["path"].rsplit("/", 2)[1:]): finding["file"]["exposure"]
        for finding in json.loads(document)["findings"]
    }


@pytest.fixture(scope="module")
def acl_server() -> Iterator[SambaServer]:
    with running_samba(shares=("open", "restricted", "team", "itonly")) as server:
        user = pwd.getpwnam(server.user)
        for share in server.shares:
            plant(server.share_dir(share), "everyone.txt", 0o644)
        plant(server.share_dir("team"), "group.txt", 0o640, 0, user.pw_gid)
        server.set_share_acl("open", ["S-1-1-0:ALLOWED/0/FULL"])
        server.set_share_acl(
            "restricted", [f"{ADMINS}:ALLOWED/0/FULL", f"{server.user_sid()}:ALLOWED/0/READ"]
        )
        server.set_share_acl("itonly", [f"S-1-22-2-{user.pw_gid}:ALLOWED/0/READ"])
        # "team" keeps Samba's default share ACL: Everyone, full control
        yield server


@requires_samba
def test_share_acls_narrow_the_file_dacls(acl_server: SambaServer) -> None:
    found = exposures(scan(acl_server, "json"))
    user = acl_server.user
    assert found["open/everyone.txt"]["level"] == "everyone"
    assert "Everyone" in found["open/everyone.txt"]["readers"]
    # the share lets one user in: a file open to Everyone is readable by that user alone
    restricted = found["restricted/everyone.txt"]
    assert restricted["level"] == "owner" and [r.split("\\")[-1] for r in restricted["readers"]] == [user]
    # an open share, a file restricted to a group: that group
    team = found["team/group.txt"]
    group = grp.getgrgid(pwd.getpwnam(user).pw_gid).gr_name
    assert team["level"] == "group" and team["readers"] == [f"Unix Group\\{group}"]
    assert found["team/everyone.txt"]["level"] == "everyone"  # the default share ACL is Everyone
    # a share for one group, a file open to Everyone: that group (and, as the file also grants the group
    # root, members of both: membership is not looked up, see smb_exposure)
    itonly = found["itonly/everyone.txt"]
    assert itonly["level"] == "group" and f"Unix Group\\{group}" in itonly["readers"]
    assert "Everyone" not in itonly["readers"]
    assert {exposure["share_acl"] for exposure in found.values()} == {"applied"}


@requires_samba
def test_share_descriptor_is_read_once_per_share(
    acl_server: SambaServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    import credscan.sources.srvsvc as srvsvc

    calls: list[str] = []
    real = srvsvc.net_share_security

    def counted(pipe: srvsvc.Pipe, server: str, share: str) -> bytes | None:
        calls.append(share)
        return real(pipe, server, share)

    monkeypatch.setattr(srvsvc, "net_share_security", counted)
    monkeypatch.setenv("CREDSCAN_TEST_SHARE_PW", acl_server.password)
    options = {"user": acl_server.user, "password_ref": "env:CREDSCAN_TEST_SHARE_PW"}
    source = SmbSource(acl_server.url("team"), options)
    other = SmbSource(acl_server.url("team", "sub"), options, check=False)  # another source of the share
    try:
        first = source.share_descriptor()
        assert source.share_descriptor() is first and other.share_descriptor() is first
        assert calls == ["team"]
        assert first is not None and first.aces == ((ALLOW, FULL, EVERYONE),)
    finally:
        source.close()
        other.close()


@requires_samba
def test_without_rights_to_the_share_acl_the_file_dacl_decides() -> None:
    # no set_share_acl: the share database stays root's, and Samba sends no descriptor to the user
    with running_samba(shares=("plain",)) as server:
        plant(server.share_dir("plain"), "everyone.txt", 0o644)
        document = scan(server, "json")
        table = list(csv.DictReader(io.StringIO(scan(server, "csv"))))
    found = exposures(document)["plain/everyone.txt"]
    assert (found["level"], found["share_acl"]) == ("everyone", "unknown")
    assert {(row["exposure"], row["exposure_share_acl"]) for row in table} == {("everyone", "unknown")}
    # the report says the level comes from the file's permissions alone, in the table and on the first page
    html = render_report(input_from_scan_document(json.loads(document), "scan.json"))
    assert "share permissions not readable" in html
    assert "For 1 finding on network shares the share permissions could not be read" in html
    assert_no_secret(html)
