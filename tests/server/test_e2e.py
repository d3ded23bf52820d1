"""Real agents and a real server: `credscan server run` over HTTPS, `credscan agent enroll` and
`credscan agent run --once` as separate processes (about 25 s: two server start-ups, six agent runs).

Covers: certificate pinning and the one-time token, the credential kept out of the config, findings of
two clients landing each in its own tenant, a decision made on the server reaching the agent's store
(and no second announcement of the accepted finding), revocation, and the same over PostgreSQL.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.support.docbuilders import make_xlsx
from tests.support.server_process import ServerProcess

ENV = {**os.environ, "CREDSCAN_NO_KEYRING": "1"}


def credscan(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "credscan", *args],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=180,
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    if check:
        assert result.returncode == 0, result.stderr
    return result


def make_agent(folder: Path, rows: list[list[str]]) -> Path:
    share = folder / "share"
    share.mkdir(parents=True)
    make_xlsx(share / "Passwords.xlsx", {"Logins": [["System", "User", "Password"], *rows]})
    config = folder / "agent.toml"
    config.write_text(
        f"# agent of a test client\n[scan]\nroots = [{json.dumps(str(share))}]\njobs = 1\n"
        f"[state]\ndir = {json.dumps(str(folder / 'state'))}\n"
    )
    return config


def store_statuses(config: Path) -> dict[str, str]:
    db = config.parent / "state" / "credscan.db"
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT id, status FROM findings"))


def run_once(config: Path, deliver_timeout: float = 20) -> None:
    """One scan and delivery; a delivery meant to fail gets a short timeout (it retries until then)."""
    credscan("agent", "run", "--once", "--config", str(config), "--deliver-timeout", str(deliver_timeout))


def events_of(config: Path, action: str) -> list[dict[str, Any]]:
    lines = (config.parent / "state" / "events.jsonl").read_text().splitlines()
    return [e for e in map(json.loads, lines) if e["event"]["action"] == action]


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_agents_enroll_deliver_and_receive_decisions(
    tmp_path: Path, backend: str, request: pytest.FixtureRequest
) -> None:
    database = request.getfixturevalue("postgres").fresh_database() if backend == "postgresql" else None
    with ServerProcess(tmp_path / "srv", database=database) as server:
        key = server.admin_key()
        server.cli("client", "add", "Acme")
        server.cli("client", "add", "Globex")
        acme = make_agent(
            tmp_path / "acme", [["NAS", "admin", "Acme-Secret-91x!"], ["FW", "root", "Acme-Fw-55q!"]]
        )
        globex = make_agent(tmp_path / "globex", [["VPN", "ops", "Globex-Vpn-77z!"]])
        token = server.cli("enroll-token", "--client", "Acme", "--expires", "1h").stdout.strip()
        fingerprint = credscan("agent", "enroll", server.url, "--token", token, "--config", str(acme)).stdout
        assert "enrolled as agent" in fingerprint and "of client Acme" in fingerprint
        again = credscan(
            "agent", "enroll", server.url, "--token", token, "--config", str(globex), check=False
        )
        assert again.returncode == 2 and "unknown, used or expired" in again.stderr
        token = server.cli("enroll-token", "--client", "Globex").stdout.strip()
        credscan(
            "agent", "enroll", server.url, "--token", token, "--config", str(globex), "--name", "gx-fs01"
        )

        # the credential is in a private file of the state dir, the config only points at it
        credential_file = acme.parent / "state" / "server-agent.key"
        credential = credential_file.read_text().strip()
        assert credential.startswith("csa_") and stat.S_IMODE(credential_file.stat().st_mode) == 0o600
        assert credential not in acme.read_text() and 'type = "credscan"' in acme.read_text()
        assert acme.read_text().startswith("# agent of a test client")

        run_once(acme)
        run_once(globex)
        clients = {c["name"]: c for c in server.json("/api/v1/clients", key)["clients"]}
        assert clients["Acme"]["open_total"] == 2 and clients["Globex"]["open_total"] == 1
        assert clients["Acme"]["agents"] == 1 and clients["Acme"]["last_contact"]
        acme_id = clients["Acme"]["id"]
        findings = server.json(f"/api/v1/findings?client={acme_id}", key)["items"]
        assert {f["path"].rsplit("/", 1)[-1] for f in findings} == {"Passwords.xlsx"}
        assert all(f["client"] == "Acme" for f in findings)

        # triage on the server reaches the agent's store on its next delivery cycle
        target = findings[0]
        server.json(
            f"/api/v1/findings/{target['id']}/triage", key, "POST", {"action": "accept", "reason": "lab"}
        )
        run_once(acme)
        statuses = store_statuses(acme)
        assert statuses[target["finding_id"]] == "accepted"
        assert sum(status == "open" for status in statuses.values()) == 1
        assert store_statuses(globex) and "accepted" not in store_statuses(globex).values()
        accepted = events_of(acme, "finding.accepted")
        assert [e["credscan"]["finding"]["id"] for e in accepted] == [target["finding_id"]]
        run_once(acme)  # the accepted finding is not announced again
        news = [e["credscan"]["finding"]["id"] for e in events_of(acme, "finding.new")]
        assert news.count(target["finding_id"]) == 1
        detail = server.json(f"/api/v1/findings/{target['id']}", key)
        assert detail["status"] == "accepted"

        # revocation: the agent's next deliveries are refused and wait in its outbox
        agents = server.json("/api/v1/agents", key)["agents"]
        acme_agent = next(a for a in agents if a["client"] == "Acme")
        server.json(f"/api/v1/agents/{acme_agent['id']}/revoke", key, "POST")
        run_once(acme, deliver_timeout=1)
        status = json.loads(credscan("agent", "status", "--config", str(acme), "--json").stdout)
        destination = status["outbox"]["destinations"]["credscan-server"]
        assert destination["depth"] > 0 and "HTTP 401" in destination["last_error"]
    assert b"Traceback" not in server.log.read_bytes()


def test_enroll_refuses_a_certificate_that_does_not_match(tmp_path: Path) -> None:
    with ServerProcess(tmp_path / "srv") as server:
        server.cli("client", "add", "Acme")
        config = make_agent(tmp_path / "acme", [["NAS", "admin", "Pin-Secret-1!"]])
        token = server.cli("enroll-token", "--client", "Acme").stdout.strip()
        enroll = ["agent", "enroll", server.url, "--token", token, "--config", str(config)]
        wrong = credscan(*enroll, "--fingerprint", "AB:CD", check=False)
        assert wrong.returncode == 2 and "does not match --fingerprint" in wrong.stderr
        assert "credscan" not in config.read_text().split("[state]")[1]
        # the token was not spent: enrolling with the right fingerprint works
        init_print = server.cli("agent", "list").stdout
        assert init_print == ""
        from credscan.central.enroll import pem_fingerprint

        right = pem_fingerprint((server.folder / "tls" / "server.pem").read_text())
        credscan(
            "agent", "enroll", server.url, "--token", token, "--config", str(config), "--fingerprint", right
        )
        # a server presenting another certificate is refused by the pinned agent
        other = tmp_path / "other"
        from credscan.server.tls import make_self_signed

        other.mkdir()
        make_self_signed(other / "c.pem", other / "k.pem", ["127.0.0.1"])
        os.replace(other / "c.pem", config.parent / "state" / "server-cert.pem")
        run_once(config, deliver_timeout=1)
        status = json.loads(credscan("agent", "status", "--config", str(config), "--json").stdout)
        assert "CERTIFICATE_VERIFY_FAILED" in (
            status["outbox"]["destinations"]["credscan-server"]["last_error"] or ""
        )
