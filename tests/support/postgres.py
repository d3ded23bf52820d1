"""A real PostgreSQL (Debian's postgresql package) started by the tests on a free loopback port.

initdb and pg_ctl run on a temporary directory as an unprivileged user (the ``postgres`` account when the
tests run as root, else the current user), with trust authentication on 127.0.0.1 only. One cluster per
test session; ``fresh_database`` hands each test an empty database of its own.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.services import free_port


def _pg_bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


INITDB = _pg_bin("initdb")
PG_CTL = _pg_bin("pg_ctl")


def _run_as() -> tuple[list[str], str]:
    """The command prefix that drops root, and that user's name."""
    if os.geteuid() != 0:
        return [], pwd.getpwuid(os.geteuid()).pw_name
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return ["runuser", "-u", name, "--"], name
    raise RuntimeError("no unprivileged account to run PostgreSQL as")


@dataclass
class Postgres:
    folder: Path
    port: int = 0
    user: str = ""
    _prefix: tuple[str, ...] = ()
    _counter: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def start(self) -> Postgres:
        prefix, self.user = _run_as()
        self._prefix = tuple(prefix)
        data = self.folder / "data"
        self.folder.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            pw = pwd.getpwnam(self.user)
            os.chown(self.folder, pw.pw_uid, pw.pw_gid)
        self._as(
            [INITDB or "initdb", "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]
        )
        self.port = free_port()
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder}"
        options += " -c fsync=off -c full_page_writes=off"
        self._as(
            [
                PG_CTL or "pg_ctl",
                "-D",
                str(data),
                "-l",
                str(self.folder / "log"),
                "-o",
                options,
                "-w",
                "start",
            ]
        )
        return self

    def _as(self, command: list[str]) -> None:
        done = subprocess.run(
            [*self._prefix, *command], capture_output=True, text=True, timeout=120, check=False
        )
        if done.returncode:
            raise RuntimeError(f"{command[0]} failed: {done.stderr.strip() or done.stdout.strip()}")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def fresh_database(self) -> str:
        """An empty database of its own (for one test) and its URL."""
        from sqlalchemy import create_engine, text

        name = f"t{os.getpid()}_{next(self._counter)}"
        engine = create_engine(
            self.url().replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT"
        )
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        return self.url(name)

    def stop(self) -> None:
        if self.port:
            stop = [PG_CTL or "pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "stop"]
            subprocess.run([*self._prefix, *stop], capture_output=True, timeout=60, check=False)
            self.port = 0
