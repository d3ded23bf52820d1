"""Who can read a file with findings: POSIX modes and ACLs on real files, NT ACLs from a real Samba server.

Each finding's ``file.exposure`` is ``{"level", "readers"}``; the report orders its findings and actions by
severity x exposure."""

from __future__ import annotations

import grp
import json
import os
import pwd
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from credscan.exposure import (
    UNKNOWN,
    local_exposure,
    parse_descriptor,
    parse_posix_acl,
    sid_kind,
    smb_exposure,
)
from credscan.report.data import ReportFinding
from credscan.report.executive import risk
from tests.support.smbserver import SambaServer, requires_samba, running_samba

SETFACL = shutil.which("setfacl")
needs_acl = pytest.mark.skipif(SETFACL is None or os.geteuid() != 0, reason="needs root and setfacl (acl)")
NOBODY = pwd.getpwnam("nobody")


def planted(folder: Path, name: str, mode: int, uid: int = 0, gid: int = 0) -> Path:
    path = folder / name
    path.write_text("Server notes\nadmin password: Xp7-Exposure-Pw!\n")
    os.chown(path, uid, gid)
    path.chmod(mode)
    return path


def test_the_other_read_bit_means_everyone(tmp_path: Path) -> None:
    exposure = local_exposure(str(planted(tmp_path, "a.txt", 0o644)))
    assert exposure.level == "everyone" and "everyone (other)" in exposure.readers


@needs_acl
def test_owner_only_names_the_owner_and_not_root(tmp_path: Path) -> None:
    mine = local_exposure(str(planted(tmp_path, "mine.txt", 0o600, NOBODY.pw_uid, NOBODY.pw_gid)))
    assert (mine.level, mine.readers) == ("owner", ("nobody (owner)",))
    roots = local_exposure(str(planted(tmp_path, "root.txt", 0o600)))
    assert roots.level == "owner" and roots.readers == ()  # root is an administrator: not counted


@needs_acl
def test_groups_and_the_all_users_group(tmp_path: Path) -> None:
    users = grp.getgrnam("users").gr_gid
    nogroup = grp.getgrnam("nogroup").gr_gid
    assert local_exposure(str(planted(tmp_path, "u.txt", 0o640, 0, users))).level == "all-users"
    team = local_exposure(str(planted(tmp_path, "g.txt", 0o640, 0, nogroup)))
    assert (team.level, team.readers) == ("group", ("group nogroup",))
    assert local_exposure(str(planted(tmp_path, "x.txt", 0o600, 0, nogroup))).level == "owner"


@needs_acl
def test_posix_acl_entries_and_the_mask(tmp_path: Path) -> None:
    path = planted(tmp_path, "acl.txt", 0o600)
    subprocess.run([SETFACL, "-m", "g:nogroup:r,u:nobody:r", str(path)], check=True)
    exposure = local_exposure(str(path))
    assert exposure.level == "group" and set(exposure.readers) == {"group nogroup", "nobody"}
    subprocess.run([SETFACL, "-m", "m::---", str(path)], check=True)  # the mask takes named entries away
    assert local_exposure(str(path)).level == "owner"


@needs_acl
def test_an_acl_inherited_from_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "it"
    folder.mkdir()
    subprocess.run([SETFACL, "-d", "-m", "g:users:r,o::-", str(folder)], check=True)
    path = folder / "new.txt"
    path.write_text("x")
    assert local_exposure(str(path)).level == "all-users"


def test_hostile_acls_and_descriptors_are_unknown_not_a_crash(tmp_path: Path) -> None:
    assert parse_posix_acl(b"") == [] and parse_posix_acl(b"\x02\x00\x00\x00\x01") == []
    assert parse_posix_acl(b"\x09\x00\x00\x00" + b"\x00" * 8) == []
    for garbage in (b"", b"\x01", b"\x01\x00\x04\x80" + b"\xff" * 16):
        assert smb_exposure(parse_descriptor(garbage), None) == UNKNOWN
    assert local_exposure(str(tmp_path / "missing")) == UNKNOWN


def test_sid_kinds() -> None:
    assert sid_kind("S-1-1-0")[1] == "everyone"
    assert sid_kind("S-1-5-11")[1] == "all-users"
    assert sid_kind("S-1-5-21-1-2-3-513")[1] == "all-users"
    assert sid_kind("S-1-5-21-1-2-3-512")[1] == "admin"
    assert sid_kind("S-1-5-21-1-2-3-1105")[1] == "group"  # a domain principal of unknown kind
    assert sid_kind("S-1-5-21-1-2-3-1105", owner="S-1-5-21-1-2-3-1105")[1] == "user"


def test_risk_orders_a_high_finding_readable_by_everyone_first() -> None:
    base = dict(id="1", path="p", location="", category="c", rule_name="r", masked="", secret_hash="")
    base |= dict(context="", account="", owner="", exposed_since=None)
    wide = ReportFinding(severity="high", exposure="everyone", **base)  # type: ignore[arg-type]
    narrow = ReportFinding(severity="critical", exposure="owner", **base)  # type: ignore[arg-type]
    assert risk(wide) > risk(narrow)


# ---------------------------------------------------------------------------
# NT ACLs over SMB, mapped by Samba from real POSIX permissions and ACLs
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def acl_share() -> Iterator[SambaServer]:
    if SETFACL is None:
        pytest.skip("needs setfacl (acl)")
    with running_samba() as server:
        folder = server.share_dir("clients")
        user = pwd.getpwnam(server.user)
        planted(folder, "everyone.txt", 0o644)
        planted(folder, "one-user.txt", 0o600, user.pw_uid, user.pw_gid)
        inherited = folder / "team"
        inherited.mkdir()
        inherited.chmod(0o755)
        subprocess.run(
            [SETFACL, "-d", "-m", f"u:{server.user}:r,g:nogroup:r,o::-", str(inherited)], check=True
        )
        subprocess.run([SETFACL, "-m", f"u:{server.user}:rx", str(inherited)], check=True)
        (inherited / "group.txt").write_text("Server notes\nadmin password: Xp7-Exposure-Pw!\n")
        os.chmod(inherited / "group.txt", 0o640)
        yield server


@requires_samba
def test_exposure_from_the_share_acls(acl_share: SambaServer) -> None:
    command = ["scan", acl_share.url("clients"), "--smb-user", acl_share.user, "--format", "json"]
    proc = subprocess.run(
        [sys.executable, "-m", "credscan", *command],
        env=dict(os.environ, CREDSCAN_SMB_PASSWORD=acl_share.password),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    levels = {
        finding["path"].rsplit("/", 1)[1]: finding["file"]["exposure"]
        for finding in json.loads(proc.stdout)["findings"]
    }
    assert levels["everyone.txt"]["level"] == "everyone" and "Everyone" in levels["everyone.txt"]["readers"]
    assert levels["one-user.txt"]["level"] == "owner"
    assert levels["group.txt"]["level"] == "group"  # inherited from the folder's default ACL
    # the Samba user may not read the share database: the files' DACLs alone decide, and findings say so
    assert {exposure["share_acl"] for exposure in levels.values()} == {"unknown"}
