"""`credscan scan smb://…` and `credscan shares` end to end: real subprocesses against real Samba."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from tests.support.docbuilders import make_docx, make_text, make_xlsx
from tests.support.smbserver import SambaServer, requires_samba

pytestmark = requires_samba

SECRETS = {
    "Passwords.xlsx": "Sup3r-Secret-4!",
    "network.docx": "Fw-Adm1n-Pa55!",
    "notes.txt": "Db-Pa55-w0rd-9",
}


@pytest.fixture(scope="module")
def share(samba_server: SambaServer) -> Iterator[SambaServer]:
    folder = samba_server.share_dir("archive")
    make_xlsx(
        folder / "Passwords.xlsx",
        {"Clients": [["System", "Username", "Password"], ["NAS", "admin", SECRETS["Passwords.xlsx"]]]},
    )
    make_docx(folder / "network.docx", [f"Firewall admin password: {SECRETS['network.docx']}"])
    make_text(folder / "notes.txt", f"db_password = {SECRETS['notes.txt']}\n")
    for path in folder.iterdir():
        path.chmod(0o644)
    yield samba_server


def credscan(
    server: SambaServer, *args: str, password: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, CREDSCAN_SMB_PASSWORD=password or server.password)
    return subprocess.run(
        [sys.executable, "-m", "credscan", *args], env=env, capture_output=True, text=True, timeout=120
    )


def test_scan_finds_all_three_documents_over_smb(share: SambaServer) -> None:
    result = credscan(
        share, "scan", share.url("archive"), "--smb-user", share.user, "--format", "json", "--jobs", "2"
    )
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    paths = {finding["path"] for finding in report["findings"]}
    assert {share.url("archive", name) for name in SECRETS} <= paths
    assert report["stats"]["errors"] == []
    # the owner is asked for files with findings only, but every finding has it, named by the server's LSA
    assert {finding["file"]["owner"].rsplit("\\", 1)[-1] for finding in report["findings"]} <= {"root"}
    for secret in [*SECRETS.values(), share.password]:
        assert secret not in result.stdout and secret not in result.stderr


def test_wrong_password_exits_2_with_one_clear_line(share: SambaServer) -> None:
    result = credscan(
        share,
        "scan",
        share.url("archive"),
        "--smb-user",
        share.user,
        "--no-progress",
        password="Not-The-Pa55",
    )
    assert result.returncode == 2
    assert result.stdout == ""
    where = f"{share.url('archive')} as {share.user}"
    assert result.stderr == f"credscan: error: cannot log on to {where}: wrong user name or password\n"
    assert "Not-The-Pa55" not in result.stderr


def test_shares_lists_the_readable_shares(share: SambaServer) -> None:
    result = credscan(share, "shares", share.url(), "--smb-user", share.user, "--format", "json")
    assert result.returncode == 0, result.stderr
    listed = {s["name"]: s for s in json.loads(result.stdout)["shares"]}
    assert listed["clients"]["readable"] is True and listed["archive"]["readable"] is True
    assert listed["IPC$"]["admin"] is True
    table = credscan(share, "shares", share.url(), "--smb-user", share.user)
    assert table.returncode == 0 and "clients" in table.stdout and "administrative" in table.stdout


def test_password_reference_and_all_shares(share: SambaServer) -> None:
    env_name = "CREDSCAN_TEST_SMB_REF"
    os.environ[env_name] = share.password
    try:
        result = credscan(
            share,
            *("scan", share.url(), "--all-shares", "--smb-user", share.user),
            *("--smb-password-ref", f"env:{env_name}", "--format", "json", "--no-progress"),
            password="wrong-one-must-not-be-used",
        )
    finally:
        del os.environ[env_name]
    assert result.returncode == 1, result.stderr
    paths = {finding["path"] for finding in json.loads(result.stdout)["findings"]}
    assert share.url("archive", "notes.txt") in paths
