"""A realistic MSP file share, generated in code, for the end-to-end report test and the README screenshot.

Files get different owners (system accounts that exist on any Debian) and ages, so the report's folder,
owner and age figures have something to show. ``PLANTED`` lists every plaintext secret written.
"""

from __future__ import annotations

import os
import pwd
import time
from pathlib import Path

from tests.support.docbuilders import make_csv, make_docx, make_text, make_xlsx

DAY = 86400
PLANTED: list[str] = []


def _secret(value: str) -> str:
    PLANTED.append(value)
    return value


def _age(path: Path, days: float, owner: str) -> None:
    when = time.time() - days * DAY
    os.utime(path, (when, when))
    try:
        entry = pwd.getpwnam(owner)
        os.chown(path, entry.pw_uid, entry.pw_gid)
    except (KeyError, PermissionError):
        pass


def make_corpus(root: Path) -> Path:
    clients = root / "clients"
    it = root / "it"
    for folder in (
        clients / "Acme",
        clients / "Beta Dental",
        it / "scripts",
        it / "deploy",
        root / "home" / "jdoe",
    ):
        folder.mkdir(parents=True, exist_ok=True)

    rows: list[list[object]] = [["System", "URL", "Username", "Password"]]
    for n in range(12):
        rows.append([f"Server {n}", f"https://srv{n}.acme.local", "admin", _secret(f"Acme!Adm1n-{n:02d}x")])
    _age(make_xlsx(clients / "Acme" / "Passwords.xlsx", {"Clients": rows}), 1200, "daemon")

    _age(
        make_docx(
            clients / "Beta Dental" / "Network documentation.docx",
            [
                "Beta Dental network documentation",
                f"Firewall admin password: {_secret('Fw-B3ta!2021')}",
                f"NAS admin password: {_secret('Nas$Beta77')}",
            ],
        ),
        700,
        "bin",
    )
    _age(
        make_text(
            it / "scripts" / "map-drives.ps1",
            '$pw = ConvertTo-SecureString "' + _secret("Dr1ve!Map2023") + '" -AsPlainText -Force\n',
        ),
        300,
        "sys",
    )
    _age(
        make_text(
            it / "scripts" / "backup.cmd",
            f"net use Z: \\\\nas\\backup {_secret('Backup#Job55')} /user:ACME\\svc_backup\n",
        ),
        90,
        "sys",
    )
    _age(
        make_text(it / "deploy" / "app.env", f"DB_PASSWORD={_secret('Wint3r!Pass2024')}\nDEBUG=false\n"),
        45,
        "nobody",
    )
    _age(
        make_csv(
            root / "home" / "jdoe" / "lastpass_export.csv",
            [
                ["url", "username", "password", "totp", "extra", "name", "grouping", "fav"],
                [
                    "https://portal.acme.com",
                    "jdoe",
                    _secret("Portal!Jd0e#1"),
                    "",
                    "",
                    "Acme portal",
                    "Clients",
                    "0",
                ],
                ["https://bank.example", "jdoe", _secret("Fw-B3ta!2021"), "", "", "Bank", "Private", "0"],
            ],
        ),
        3,
        "nobody",
    )
    hostile = [["Host", "Password"], ["<img src=x onerror=alert(3)>", _secret("Xss!Trap-2024")]]
    # A "/" cannot be part of a file name: a folder "<script>alert(1)<" holding "script>.xlsx" gives the path
    # …/<script>alert(1)</script>.xlsx all the same.
    (clients / "<script>alert(1)<").mkdir()
    _age(make_xlsx(clients / "<script>alert(1)<" / "script>.xlsx", {"<img src=x>": hostile}), 20, "daemon")
    _age(
        make_text(root / "home" / "jdoe" / "shopping.txt", "milk, eggs, a new password manager\n"),
        10,
        "nobody",
    )
    return root
