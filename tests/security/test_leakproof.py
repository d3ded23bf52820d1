"""Plant a distinct secret in every supported format, run every command that reads or forwards findings,
then grep every byte credscan wrote or sent for every piece of 6 or more characters of each secret (UTF-8 and
UTF-16): zero hits. Also planted: two passwords on one long line (a context window must not cut the
neighbour in half), minified JSON with several passwords, an old password in a Notes cell beside the
password column (never reported as a finding, still never shown), and hash dumps (a shadow copy, a hash
list: the hash is the secret; a cracked list: its password).

Commands: `scan` in every output format (stdout and -o files, --summary), `rules explain` of every planted
file, `agent run --once` with every
forwarder (rsyslog UDP and TCP, Splunk HEC, webhook), `report` from a scan and from the store, `agent
status`, `findings list`, all with a test-only extractor that crashes on a file quoting its secret and
logs it through a third-party logger; the agent is also enrolled with a real credscan server process.
Searched: stdout, stderr, every file below the test folder that credscan created (outputs, reports,
state dir with SQLite db/WAL/SHM, event log, outbox, key file, the server's database and log), what
rsyslog and the HTTP listeners received, and every server API answer and console page about the findings.
Also: every file credscan created is 0600
and every folder 0700.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from credscan.filetype import ONENOTE_SIGNATURE
from tests.support.accessbuilders import make_access
from tests.support.docbuilders import (
    make_csv,
    make_docx,
    make_eml,
    make_msg,
    make_ods,
    make_ole,
    make_pdf,
    make_pptx,
    make_rtf,
    make_text,
    make_xls,
    make_xlsx,
    make_zip,
    office_art_blip_store,
)
from tests.support.encoders import gpp_encrypt
from tests.support.formatbuilders import (
    make_7z,
    make_odf,
    make_tar,
    make_vsdx,
    make_xlsb,
    odf_table,
    retype_ooxml,
)
from tests.support.hostile_traps import trap_env
from tests.support.imagebuilders import router_page, save, to_bytes
from tests.support.server_process import ServerProcess
from tests.support.services import HttpListener, Rsyslog, requires_rsyslog

pytestmark = requires_rsyslog

HEC_TOKEN = "hec-leakproof-token-5e1"
PEM_BODY = "MIIEowIBAAKCAQEAleakproofKeyBodyq7Zr2Lw9Xk4Tm8Vb3Nc6Hs1Jd5Pf0Gy7Ua2Ke9Wx4Ro8Ti3Ev6+/"
"""Random-looking on purpose: every 6-character piece is searched for, and "012345" or "abcdef" could
occur in any id or timestamp."""
PIECE = 6


def plant(share: Path) -> dict[str, str]:
    """Write one file per format; returns relative path -> its distinct secret."""
    secrets: dict[str, str] = {}

    def secret(rel: str, value: str) -> str:
        secrets[rel] = value
        return value

    share.mkdir(parents=True)
    rows = [
        ["System", "User", "Password", "Notes"],
        [
            "NAS",
            "admin",
            secret("Passwords.xlsx", "Lk!Xlsx-7f3a91"),
            f"old one was {secret('notes cell', 'Lk!Old-4c8e2q')}",
        ],
    ]
    make_xlsx(share / "Passwords.xlsx", {"Logins": rows})
    filler = "lorem ipsum dolor " * 9
    make_text(
        share / "longline.txt",
        f"Password: {secret('longline.txt', 'Lk!Long-A1-k9x')} {filler} "
        f"Password: {secret('longline 2', 'Lk!Long-B2-m8y')} {filler}\n",
    )
    make_text(
        share / "appsettings.json",
        '{"db":{"host":"db1","password":"' + secret("appsettings.json", "Lk!Json-a7-Q2w") + '"},'
        '"redis":{"host":"r1","password":"' + secret("appsettings 2", "Lk!Json-b8-R3e") + '"},'
        '"pad":"' + "x" * 150 + '"}',
    )
    make_xls(
        share / "Legacy.xls",
        {"Logins": [["User", "Password"], ["root", secret("Legacy.xls", "Lk!Xls-2b81c4")]]},
    )
    make_ods(
        share / "Calc.ods", {"Logins": [["User", "Password"], ["root", secret("Calc.ods", "Lk!Ods-93ad0e")]]}
    )
    header = ["name", "url", "username", "password"]
    make_csv(
        share / "export.csv", [header, ["nas", "https://nas", "admin", secret("export.csv", "Lk!Csv-5c07f")]]
    )
    make_docx(share / "handover.docx", ["Firewall", f"Password: {secret('handover.docx', 'Lk!Docx-61be3f')}"])
    make_pptx(share / "demo.pptx", [(["Demo"], f"Password: {secret('demo.pptx', 'Lk!Pptx-0d94a7')}")])
    make_pdf(share / "runbook.pdf", [[f"Password: {secret('runbook.pdf', 'Lk!Pdf-c4e218')}"]])
    make_rtf(share / "memo.rtf", [f"Password: {secret('memo.rtf', 'Lk!Rtf-7a5b36')}"])
    make_eml(share / "mail.eml", "New account", f"Password: {secret('mail.eml', 'Lk!Eml-e81f09')}")
    make_msg(share / "mail.msg", "New account", f"Password: {secret('mail.msg', 'Lk!Msg-48c2d7')}")
    make_text(share / "notes.txt", f"VPN\nPassword: {secret('notes.txt', 'Lk!Txt-b3961e')}\n")
    make_text(
        share / "unattend.xml",
        "<unattend><AdministratorPassword><Value>"
        f"{secret('unattend.xml', 'Lk!Autologon-1f7c')}</Value><PlainText>true</PlainText>"
        "</AdministratorPassword></unattend>",
    )
    cpassword = gpp_encrypt(secret("Groups.xml", "Lk!Gpp-5d20ba"))
    make_text(
        share / "Groups.xml",
        f'<Groups><User name="svc"><Properties userName="svc" cpassword="{cpassword}"/></User></Groups>',
    )
    make_text(share / ".env", f"DB_PASSWORD={secret('.env', 'Lk!Env-a9e4c3')}\n")
    make_text(
        share / "deploy.ps1",
        f'$p = ConvertTo-SecureString "{secret("deploy.ps1", "Lk!Ps1-3c8e70")}" -AsPlainText -Force\n',
    )
    make_text(
        share / "id_rsa",
        f"-----BEGIN RSA PRIVATE KEY-----\n{secret('id_rsa', PEM_BODY)}\n-----END RSA PRIVATE KEY-----\n",
    )
    make_zip(
        share / "backup.zip",
        {"old/notes.txt": f"Password: {secret('backup.zip', 'Lk!Zip-6f1d88')}\n".encode()},
    )
    plant_new_formats(share, secret)
    # hash dumps: the hash is the secret (crypt alphabet: a hex hash's 6-character pieces would turn up by
    # chance in the reports' SHA-256 sums and ids)
    shadow_hash = "$6$LkShdw7q$" + (
        "UdNSMCZwSG.X1zKMlLedD9VwOQM78Ns7APe9Av8BWsDg5nTQwnFl/24z3hrDUy5wAGa90yhp.5xG1/S9vClwBF"
    )
    make_text(share / "shadow.bak", f"root:{secret('shadow.bak', shadow_hash)}:19523:0:99999:7:::\n")
    bcrypt_hash = "$2y$10$SVO9IJH14RkpyWBwpZXYuM0y720G/9BO8qJBlYuynMqUY9dcMXjxm"
    make_text(share / "crack-list.txt", f"{secret('crack-list.txt', bcrypt_hash)}\n")
    cracked = secret("john.pot", "Lk!Pot-6d2e8b")
    make_text(share / "john.pot", f"$1$LkPotS4l$hx5rVt7rPNoS4wqbXKX7m0:{cracked}\n")
    save(router_page([("Password:", secret("screenshot.png", "Lk!Png-7e2c4a"))]), share / "screenshot.png")
    (share / "crash-notes.txt").write_text(f"Password: {secret('crash-notes.txt', 'Lk!Crash-0e7b55')}\n")
    (share / "log-notes.txt").write_text(f"Password: {secret('log-notes.txt', 'Lk!Log-92f6a1')}\n")
    return secrets


def plant_new_formats(share: Path, secret: Callable[[str, str], str]) -> None:
    """The formats read since the legacy/structure work: archives, HTML, ODF, xlsb, Visio, Works, OneNote,
    a Word template, a cell note and a screenshot in an .xls (all built without LibreOffice)."""
    env_file = f"DB_PASSWORD={secret('backup.tgz', 'Lk!Tgz-4e21c9')}\n".encode()
    make_tar(share / "backup.tgz", {"etc/app.env": env_file}, "w:gz")
    make_7z(share / "export.7z", {"notes.txt": f"Password: {secret('export.7z', 'Lk!7z-8b03d1')}\n".encode()})
    (share / "wiki.html").write_text(
        "<html><body><table><tr><th>User</th><th>Password</th></tr>"
        f"<tr><td>admin</td><td>{secret('wiki.html', 'Lk!Html-2f7e60')}</td></tr></table></body></html>"
    )
    body = "<office:text>" + odf_table([["User", "Password"], ["root", secret("doku.odt", "Lk!Odt-91ce27")]])
    make_odf(share / "doku.odt", body + "</office:text>")
    make_xlsb(
        share / "Binary.xlsb",
        {"Logins": [["User", "Password"], ["sa", secret("Binary.xlsb", "Lk!Xlsb-c5a8e2")]]},
    )
    screenshot = router_page([("Password:", secret("Pictures.xls", "Lk!Drw-3b8e27"))])
    make_xls(
        share / "Pictures.xls",
        {"Logins": [["Router", "see the screenshot"]]},
        drawing_group=office_art_blip_store([to_bytes(screenshot)]),
    )
    make_vsdx(share / "Netz.vsdx", [[("Firewall", {"Password": secret("Netz.vsdx", "Lk!Vsdx-07bd44")})]])
    source = make_docx(share / "src.docx", [f"Password: {secret('Vorlage.dotx', 'Lk!Dotx-6a93f1')}"])
    retype_ooxml(source, share / "Vorlage.dotx")
    source.unlink()
    text = f"Kennwort: {secret('Kunde.wps', 'Lk!Wps-3d8c50')}\r".encode("utf-16-le")
    make_ole(share / "Kunde.wps", {"CONTENTS": b"CHNKWKS " + bytes(600) + text + bytes(3000)})
    value = f"Passwort: {secret('Notes.one', 'Lk!One-e47b19')}".encode("utf-16-le")
    (share / "Notes.one").write_bytes(
        ONENOTE_SIGNATURE + bytes(1024) + len(value).to_bytes(4, "little") + value
    )
    if shutil.which("mdb-export"):  # Access databases are read through mdbtools
        make_access(
            share / "Kunden.mdb",
            {
                "Logins": (
                    ["Site", "User", "Password"],
                    [["Contoso", "admin", secret("Kunden.mdb", "Lk!Mdb-5e1c7a")]],
                )
            },
            password=secret("database password", "Lk!MdbPw-a2f9"),
        )
    import openpyxl
    from openpyxl.comments import Comment

    book = openpyxl.Workbook()
    book.active["B2"] = "admin"
    book.active["B2"].comment = Comment(f"Passwort: {secret('Notiz.xlsx', 'Lk!Note-58f2ab')}", "M")
    book.save(share / "Notiz.xlsx")


def run(args: list[str], env: dict[str, str], outputs: list[bytes]) -> subprocess.CompletedProcess[bytes]:
    result = subprocess.run(
        [sys.executable, "-m", "credscan", *args], capture_output=True, env=env, timeout=120
    )
    outputs += [result.stdout, result.stderr]
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")
    return result


def written_files(root: Path, exclude: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and exclude not in p.parents and not p.is_symlink()]


def test_no_secret_anywhere_credscan_writes_or_sends(tmp_path: Path) -> None:
    share = tmp_path / "share"
    secrets = plant(share)
    out = tmp_path / "out"
    out.mkdir()
    env = {**trap_env(tmp_path / "hook"), "CREDSCAN_NO_KEYRING": "1", "TEST_HEC_TOKEN": HEC_TOKEN}
    env["CREDSCAN_STATE_DIR"] = str(tmp_path / "cli-state")
    outputs: list[bytes] = []

    # scan: every format on stdout and into -o files, and the RMM summary line
    for fmt in ("table", "json", "jsonl", "sarif", "csv"):
        result = run(["scan", str(share), "--archives", "--format", fmt, "--jobs", "2"], env, outputs)
        assert result.returncode == 1
        run(
            [
                "scan",
                str(share),
                "--archives",
                "--format",
                fmt,
                "--jobs",
                "1",
                "-o",
                str(out / f"scan.{fmt}"),
            ],
            env,
            outputs,
        )
    run(["scan", str(share), "--archives", "--summary", "--jobs", "2"], env, outputs)
    verbose = run(
        ["scan", str(share), "--archives", "--verbose", "--jobs", "1", "-o", str(out / "verbose.json")],
        env,
        outputs,
    )
    assert b"credscan: error in " in verbose.stderr and b"credscan: wrote " in verbose.stderr
    report = json.loads((out / "scan.json").read_text())
    found = {Path(f["path"].split("!")[0]).name for f in report["findings"]}
    missed = {rel for rel in secrets if " " not in rel} - found - {"crash-notes.txt", "log-notes.txt"}
    assert not missed, f"planted secrets not found (the grep would prove nothing for them): {missed}"
    errors = {Path(e["path"]).name for e in report["stats"]["errors"]}
    assert {"crash-notes.txt", "log-notes.txt"} <= errors
    run(["report", "--from", str(out / "scan.json"), "-o", str(out / "report-scan.html")], env, outputs)
    # rules explain: every planted file, traced rule by rule (values masked without --show-secrets)
    for rel in sorted(secrets):
        if rel not in ("crash-notes.txt", "log-notes.txt"):
            run(["rules", "explain", str(share / rel)], env, outputs)

    # agent run --once with every forwarder (the credscan server too), then status, findings and a report
    state = tmp_path / "state"
    server = ServerProcess(tmp_path / "srv")
    with server, Rsyslog(tmp_path / "rsyslog") as syslog, HttpListener() as hec, HttpListener() as hook:
        config = tmp_path / "agent.toml"
        config.write_text(
            "\n".join(
                [
                    "[scan]",
                    f"roots = [{json.dumps(str(share))}]",
                    "jobs = 2",
                    "archives = true",
                    "[state]",
                    f"dir = {json.dumps(str(state))}",
                    "[log]",
                    "max_size = '20KB'",
                    "backups = 2",
                    "[[forward]]",
                    'type = "syslog"',
                    f'url = "udp://127.0.0.1:{syslog.udp_port}"',
                    'format = "cef"',
                    "[[forward]]",
                    'type = "syslog"',
                    f'url = "tcp://127.0.0.1:{syslog.tcp_port}"',
                    'format = "json"',
                    "[[forward]]",
                    'type = "splunk-hec"',
                    f'url = "{hec.url()}"',
                    'token = "env:TEST_HEC_TOKEN"',
                    "[[forward]]",
                    'type = "webhook"',
                    f'url = "{hook.url("/hook")}"',
                ]
            )
            + "\n"
        )
        server.cli("client", "add", "Leak Test Ltd")
        token = server.cli("enroll-token", "--client", "Leak Test Ltd").stdout.strip()
        run(["agent", "enroll", server.url, "--token", token, "--config", str(config)], env, outputs)
        result = run(
            ["agent", "run", "--config", str(config), "--once", "--deliver-timeout", "20"], env, outputs
        )
        assert result.returncode == 0
        assert hec.received() and hook.received()
        outputs += server_responses(server)
        syslog.wait_for(lambda lines: any("CEF:0" in line for line in lines))
        sent = [request.body for request in hec.received() + hook.received()]
        syslog_text = "\n".join(syslog.lines()).encode()
    run(["config", "check", "--config", str(config)], env, outputs)  # resolves the token to check it
    run(["agent", "status", "--config", str(config)], env, outputs)
    run(["agent", "status", "--config", str(config), "--json"], env, outputs)
    for status in ("open", "all"):
        run(["findings", "list", "--config", str(config), "--status", status], env, outputs)
        run(["findings", "list", "--config", str(config), "--status", status, "--json"], env, outputs)
    run(["report", "--config", str(config), "-o", str(out / "report-store.html")], env, outputs)
    assert list(state.glob("events.jsonl.*")), "the event log should have rotated at 20KB"

    files = written_files(tmp_path, exclude=share)
    files = [p for p in files if tmp_path / "hook" not in p.parents and tmp_path / "rsyslog" not in p.parents]
    assert any(p.name == "credscan.db" for p in files)
    blobs = {str(p): p.read_bytes() for p in files}
    blobs.update({f"output {n}": data for n, data in enumerate(outputs)})
    blobs.update({f"forwarded {n}": data for n, data in enumerate(sent)})
    blobs["syslog"] = syslog_text
    for rel, value in secrets.items():
        pieces = {value[i : i + PIECE] for i in range(len(value) - PIECE + 1)}
        needles = {p.encode() for p in pieces} | {p.encode("utf-16-le") for p in pieces}
        for where, data in blobs.items():
            leaked = [n for n in needles if n in data]
            assert not leaked, f"a piece of the secret of {rel} found in {where}: {leaked}"

    # everything credscan created is private
    for path in [*files, *(p for p in tmp_path.rglob("*") if p.is_dir())]:
        if share in [path, *path.parents] or tmp_path / "hook" in [path, *path.parents]:
            continue
        if tmp_path / "rsyslog" in [path, *path.parents] or path in (out, config, server.log):
            continue
        mode = stat.S_IMODE(path.stat().st_mode)
        if path.is_dir():
            assert mode == 0o700, f"{path} is {oct(mode)}"
        else:
            assert mode == 0o600, f"{path} is {oct(mode)}"


def server_responses(server: ServerProcess) -> list[bytes]:
    """Every API answer and console page about the findings the agent delivered (an admin sees all)."""
    key = server.admin_key()
    findings = server.json("/api/v1/findings?per_page=200", key)["items"]
    assert len(findings) >= 10, "the server should hold the agent's findings"
    paths = [
        "/api/v1/clients",
        "/api/v1/agents",
        "/api/v1/audit",
        "/api/v1/findings?per_page=200",
        "/",
        "/findings",
    ]
    paths += [f"/api/v1/clients/{findings[0]['client_id']}", f"/clients/{findings[0]['client_id']}/report"]
    for finding in findings:
        paths += [f"/api/v1/findings/{finding['id']}", f"/findings/{finding['id']}"]
    bodies = []
    for path in paths:
        status, body = server.call("GET", path, key)
        assert status == 200, (path, status)
        bodies.append(body)
    return bodies


def test_agent_refuses_a_state_dir_others_can_read(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    state = tmp_path / "state"
    state.mkdir(mode=0o755)
    os.chmod(state, 0o755)
    config = tmp_path / "agent.toml"
    config.write_text(
        f"[scan]\nroots = [{json.dumps(str(share))}]\n[state]\ndir = {json.dumps(str(state))}\n"
    )
    env = {**os.environ, "CREDSCAN_NO_KEYRING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "credscan", "agent", "run", "--config", str(config), "--once"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (state / "credscan.db").exists()


if __name__ == "__main__":  # pragma: no cover
    pytest.main([__file__])
