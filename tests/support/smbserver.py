"""A real Samba server on a loopback port, for the SMB tests (and anyone else who needs one).

Usage in a test module::

    from tests.support.smbserver import SambaServer, requires_samba
    pytestmark = requires_samba

    def test_x(samba_server: SambaServer) -> None:  # the session fixture of tests/conftest.py
        (samba_server.share_dir("clients") / "a.txt").write_text("…")
        url = samba_server.url("clients")          # smb://127.0.0.1:PORT/clients

Everything smbd writes (config, tdb databases, sockets, logs, share folders) lives in one temporary
directory that is removed afterwards; the only system change is a locked-down local Unix account
(``SAMBA_USER``, no shell, no home) that Samba needs to map its user to. The server runs in its own
process group; samba-dcerpcd, which smbd starts on demand for srvsvc (share enumeration) and which puts
itself in a new session, is found through its pid file and stopped by its group's id too.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

SMBD = shutil.which("smbd") or "/usr/sbin/smbd"
SMBPASSWD = shutil.which("smbpasswd") or "/usr/bin/smbpasswd"
SHARESEC = shutil.which("sharesec") or "/usr/bin/sharesec"
PDBEDIT = shutil.which("pdbedit") or "/usr/bin/pdbedit"
SAMBA_USER = "credscansmb"
SAMBA_PASSWORD = "Smb-Test-Pa55!"
SHARES = ("clients", "archive")
"""Shares a server exports unless told otherwise: both read-only, both readable by SAMBA_USER."""

requires_samba = pytest.mark.skipif(
    os.geteuid() != 0 or not os.path.exists(SMBD) or not os.path.exists(SMBPASSWD),
    reason="needs root and the Debian samba package (smbd, smbpasswd) to run a Samba server on loopback",
)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def ensure_unix_user(name: str) -> None:
    """Samba maps its users to Unix accounts: create a locked one without home or shell if missing."""
    try:
        pwd.getpwnam(name)
    except KeyError:
        subprocess.run(
            ["useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", "--user-group", name],
            check=True,
            capture_output=True,
        )


@dataclass
class SambaServer:
    base: Path
    port: int
    user: str = SAMBA_USER
    password: str = SAMBA_PASSWORD
    encrypt: str = "required"
    writable: tuple[str, ...] = ()
    """Shares (of SHARES) that SAMBA_USER may also write to, as a Windows user changing files would."""
    shares: tuple[str, ...] = SHARES
    """Exported read-only shares (folders under base/shares); SHARES unless a test needs others."""
    dfs_links: dict[str, str] = field(default_factory=dict)
    """With links (name -> share of this server), a DFS namespace share "dfs" (msdfs root) holding them."""
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def conf(self) -> Path:
        return self.base / "smb.conf"

    @property
    def log(self) -> Path:
        return self.base / "log" / "smbd.log"

    def share_dir(self, share: str) -> Path:
        return self.base / "shares" / share

    def url(self, share: str = "", folder: str = "") -> str:
        tail = "/".join(part for part in (share, folder) if part)
        return f"smb://127.0.0.1:{self.port}/{tail}".rstrip("/")

    def write_config(self) -> None:
        for sub in ("private", "lock", "state", "cache", "pid", "ncalrpc", "log"):
            (self.base / sub).mkdir(parents=True, exist_ok=True)
        b = self.base
        lines = [
            "[global]",
            f"smb ports = {self.port}",
            "interfaces = 127.0.0.1",
            "bind interfaces only = yes",
            "disable netbios = yes",
            "server role = standalone server",
            "server min protocol = SMB2",
            f"server smb encrypt = {self.encrypt}",
            "map to guest = never",
            "passdb backend = tdbsam",
            f"private dir = {b / 'private'}",
            f"lock directory = {b / 'lock'}",
            f"state directory = {b / 'state'}",
            f"cache directory = {b / 'cache'}",
            f"pid directory = {b / 'pid'}",
            f"ncalrpc dir = {b / 'ncalrpc'}",
            f"log file = {self.log}",
            "log level = 1",
            "max log size = 10000",
            "disable spoolss = yes",
            "load printers = no",
            "printing = bsd",
            "printcap name = /dev/null",
            "usershare max shares = 0",
            "",
        ]
        for share in self.shares:
            lines += [
                f"[{share}]",
                f"path = {self.share_dir(share)}",
                f"read only = {'no' if share in self.writable else 'yes'}",
                "browseable = yes",
                "",
            ]
        if self.dfs_links:
            namespace = self.share_dir("dfs")
            namespace.mkdir(parents=True, exist_ok=True)
            namespace.chmod(0o755)
            for name, share in self.dfs_links.items():
                link = namespace / name
                if not link.is_symlink():
                    link.symlink_to(f"msdfs:127.0.0.1\\{share}")
            lines[1:1] = ["host msdfs = yes"]
            lines += ["[dfs]", f"path = {namespace}", "msdfs root = yes", "read only = yes", ""]
        self.conf.write_text("\n".join(lines), encoding="utf-8")

    def set_password(self) -> None:
        subprocess.run(
            [SMBPASSWD, "-c", str(self.conf), "-a", "-s", self.user],
            input=f"{self.password}\n{self.password}\n".encode(),
            check=True,
            capture_output=True,
        )

    def start(self) -> None:
        ensure_unix_user(self.user)
        self.base.chmod(0o755)  # the share folders below must be reachable by the Samba user
        for share in self.shares:
            self.share_dir(share).mkdir(parents=True, exist_ok=True)
            self.share_dir(share).chmod(0o755)
            if share in self.writable:
                entry = pwd.getpwnam(self.user)
                os.chown(self.share_dir(share), entry.pw_uid, entry.pw_gid)
        self.write_config()
        self.set_password()
        self.process = subprocess.Popen(
            [SMBD, "--foreground", "--no-process-group", "--debug-stdout", "-s", str(self.conf)],
            stdin=subprocess.DEVNULL,
            stdout=(self.base / "log" / "stdout.log").open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.wait_listening()

    def user_sid(self) -> str:
        """The Samba account's SID (S-1-5-21-<this server's SID>-<rid>), as ACLs name it."""
        out = subprocess.run(
            [PDBEDIT, "-s", str(self.conf), "-L", "-v", "-u", self.user],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        return next(
            line.split(":", 1)[1].strip() for line in out.splitlines() if line.startswith("User SID:")
        )

    def set_share_acl(self, share: str, aces: list[str]) -> None:
        """Share-level permissions with sharesec (ACEs like ``S-1-1-0:ALLOWED/0/READ``), stored in the share
        database share_info.tdb, which is then given to the Samba user: samba-dcerpcd answers srvsvc as the
        logged-on user, and shows share permissions only to whoever can open that database (root on a real
        server, as Windows shows them only to administrators). Without this call the user sees none."""
        subprocess.run(
            [SHARESEC, "-s", str(self.conf), share, "--replace", ",".join(aces)],
            check=True,
            capture_output=True,
        )
        entry = pwd.getpwnam(self.user)
        os.chown(self.base / "state" / "share_info.tdb", entry.pw_uid, entry.pw_gid)

    def wait_listening(self, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"smbd exited with {self.process.returncode}: {self.tail_log()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"smbd did not listen on port {self.port} within {timeout}s: {self.tail_log()}")

    def tail_log(self) -> str:
        out = self.base / "log" / "stdout.log"
        return out.read_text(errors="replace")[-2000:] if out.exists() else ""

    def stop(self) -> None:
        """Stop smbd (its own process group) and the samba-dcerpcd it spawned (which setsid()s itself)."""
        if self.process is None:
            return
        helper = self._helper_pid()
        _kill_group(self.process.pid, self.process)  # start_new_session made smbd its group's leader
        if helper is not None:
            _kill_group(helper, None)
        self.process = None

    def _helper_pid(self) -> int | None:
        """samba-dcerpcd's pid from its pid file, if it is still the process serving our config."""
        try:
            pid = int((self.base / "pid" / "samba-dcerpcd.pid").read_text().split()[0])
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            return None
        return pid if str(self.conf).encode() in cmdline else None


def _kill_group(pgid: int, process: subprocess.Popen[bytes] | None) -> None:
    """SIGTERM a process group we started, then SIGKILL what is left of it."""
    try:
        os.killpg(pgid, signal.SIGTERM)
        if process is not None:
            process.wait(timeout=10)
        else:
            time.sleep(0.2)
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(pgid, signal.SIGKILL)


@contextlib.contextmanager
def running_samba(**options: Any) -> Iterator[SambaServer]:
    """A started Samba server of its own (SambaServer fields as options), stopped and removed afterwards.
    Its folder comes from mkdtemp, not pytest's 0700 tmp_path, which would lock Samba's user out."""
    base = Path(tempfile.mkdtemp(prefix="credscan-smb-"))
    server = SambaServer(base=base, port=free_port(), **options)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(base, ignore_errors=True)
