"""SMB failure modes that need a server of their own: no encryption offered, and a server that goes away."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from credscan.errors import UserError
from credscan.model import FileError, FileRef, WalkOptions
from credscan.sources.smb import SmbSource
from tests.support.smbserver import SambaServer, free_port, requires_samba

pytestmark = requires_samba


@contextmanager
def private_server(encrypt: str = "required") -> Iterator[SambaServer]:
    base = Path(tempfile.mkdtemp(prefix="credscan-smb-own-"))
    server = SambaServer(base=base, port=free_port(), encrypt=encrypt)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(base, ignore_errors=True)


def smb_options(server: SambaServer, **extra: str) -> dict[str, str]:
    os.environ["CREDSCAN_TEST_SMB_PW"] = server.password
    return {"user": server.user, "password_ref": "env:CREDSCAN_TEST_SMB_PW", **extra}


def scan_cli(server: SambaServer, *flags: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, CREDSCAN_SMB_PASSWORD=server.password, CREDSCAN_NO_KEYRING="1")
    env["CREDSCAN_STATE_DIR"] = str(server.base / "state-credscan")
    command = [sys.executable, "-m", "credscan", "scan", server.url("clients"), "--smb-user", server.user]
    command += ["--format", "json", "--no-progress", *flags]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)


def test_encryption_is_required_unless_the_user_opts_out() -> None:
    with private_server(encrypt="off") as server:
        (server.share_dir("clients") / "vpn.txt").write_text("vpn password: Vpn-Pa55-w0rd-7\n")
        (server.share_dir("clients") / "vpn.txt").chmod(0o644)
        refused = scan_cli(server)
        assert refused.returncode == 2
        assert "Traceback" not in refused.stderr
        assert len(refused.stderr.strip().splitlines()) == 1
        assert "encrypt" in refused.stderr.lower()
        allowed = scan_cli(server, "--no-smb-encryption")
        assert allowed.returncode == 1, allowed.stderr
        assert '"smb://127.0.0.1:' in allowed.stdout and "vpn.txt" in allowed.stdout


def test_a_server_that_goes_away_mid_walk_leaves_errors_not_a_crash() -> None:
    with private_server() as server:
        root = server.share_dir("clients")
        for n in range(6):
            folder = root / f"dept{n}"
            folder.mkdir()
            folder.chmod(0o755)
            (folder / "notes.txt").write_text(f"password: Dept-{n}-Pa55!\n")
            (folder / "notes.txt").chmod(0o644)
        source = SmbSource(server.url("clients"), smb_options(server))
        entries = source.walk(WalkOptions())
        first = next(entries)
        assert isinstance(first, FileRef)
        server.stop()  # the server disappears while the walk is under way
        rest = list(entries)  # must end, with the unlisted folders as errors
        errors = [entry for entry in rest if isinstance(entry, FileError)]
        assert errors, rest
        assert all("\n" not in error.error and server.password not in error.error for error in errors)
        with pytest.raises((OSError, UserError)):
            source.open(first).read()
