"""Ingest throughput of the credscan server: 10 concurrent agents posting finding events into PostgreSQL.

    python benchmarks/server_ingest.py [--agents 10] [--events 3000] [--workers 2] [--batch 100]

Starts a PostgreSQL cluster and `credscan server run --workers N` (HTTPS, self-signed), enrolls --agents
agents (spread over 5 clients), then each agent — a separate process — posts --events finding.new events in
batches of --batch (the outbox's batch size) with the agent's own forwarder (CredscanForwarder, pinned TLS),
all starting together. Reports events/s over the whole run (first request to last answer) and checks that
the database holds every finding. The bodies are built before the clock starts: what is measured is the
server and the database, with the agents' HTTP clients competing for the same cores. Target: ≥ 2,000/s.
"""

from __future__ import annotations

import argparse
import multiprocessing
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from full_scan import compile_checkout, machine
from server_common import Postgres, ServerProcess, pg_folder, rss_mb

SEVERITIES = ("critical", "high", "medium", "low")


def events_for(agent: int, count: int) -> list[dict[str, Any]]:
    from credscan.central.events import finding_fields, make_event

    events = []
    for n in range(count):
        record = {
            "id": uuid.uuid4().hex, "rule_id": "table-password-column",
            "rule_name": "Password in a table column",
            "category": "plaintext-password", "severity": SEVERITIES[n % 4], "confidence": 0.9,
            "path": f"/srv/share{agent}/dept{n % 50}/Passwords-{n}.xlsx",
            "location": {"sheet": "Logins", "cell": f"C{n % 900 + 2}"}, "secret_masked": "********",
            "secret_hash": uuid.uuid4().hex, "context": "System=NAS  User=admin  Password=********",
            "account": "admin", "file": {"size": 4096, "mtime": 1.7e9, "owner": "root", "sha256": "0" * 64},
            "remediation": "Move it to the vault.",
        }  # fmt: skip
        events.append(make_event("finding.new", finding_fields(record), f"agent{agent}"))
    return events


def agent(args: tuple[str, str, str, list[dict[str, Any]], int, Any]) -> float:
    """One agent process: wait for the start signal, post every batch, return when the last was answered."""
    url, credential, ca_file, events, batch, start = args
    from credscan.central.forward.credscan import CredscanForwarder

    forwarder = CredscanForwarder("bench", url, credential, ca_file=ca_file)
    batches = [events[i : i + batch] for i in range(0, len(events), batch)]
    start.wait()
    for chunk in batches:
        forwarder.send(chunk, 60)
    return time.time()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--agents", type=int, default=10)
    parser.add_argument("--events", type=int, default=3000, help="finding events per agent")
    parser.add_argument("--workers", type=int, default=2, help="server processes")
    parser.add_argument("--batch", type=int, default=100)
    args = parser.parse_args()
    compile_checkout()
    print(machine())
    with tempfile.TemporaryDirectory(prefix="credscan-bench-") as tmp:
        root = Path(tmp)
        pg = Postgres(pg_folder(tmp)).start()
        try:
            server = ServerProcess(root / "srv", database=pg.fresh_database())
            server.start()
            try:
                rewrite_workers(server, args.workers)
                key = server.admin_key()
                credentials = []
                for n in range(args.agents):
                    client = f"Client {n % 5}"
                    if n < 5:
                        server.cli("client", "add", client)
                    token = server.cli("enroll-token", "--client", client).stdout.strip()
                    credentials.append(
                        server.json("/api/v1/enroll", "", "POST", {"token": token, "name": f"a{n}"})
                    )
                ca_file = str(server.folder / "tls" / "server.pem")
                manager = multiprocessing.Manager()
                start = manager.Event()
                jobs = [
                    (server.url, c["credential"], ca_file, events_for(n, args.events), args.batch, start)
                    for n, c in enumerate(credentials)
                ]
                with multiprocessing.Pool(args.agents) as pool:
                    pending = pool.map_async(agent, jobs)
                    time.sleep(1.0)
                    began = time.time()
                    start.set()
                    ends = pending.get(timeout=3600)
                elapsed = max(ends) - began
                total = args.agents * args.events
                stored = sum(c["open_total"] for c in server.json("/api/v1/clients", key)["clients"])
                print(
                    f"agents {args.agents}, events {total}, batch {args.batch}, server workers {args.workers}"
                )
                print(f"elapsed {elapsed:.2f} s -> {total / elapsed:,.0f} finding events/s (target >= 2,000)")
                print(f"findings stored: {stored} (expected {total})")
                if server.process is not None:
                    print(f"server main process RSS {rss_mb(server.process.pid):.0f} MB")
                return 0 if stored == total else 1
            finally:
                server.stop()
        finally:
            pg.stop()


def rewrite_workers(server: ServerProcess, workers: int) -> None:
    """Restart the server with --workers N (ServerProcess starts one)."""
    import subprocess
    import sys

    if workers == 1:
        return
    server.stop()
    with server.log.open("ab") as log:
        server.process = subprocess.Popen(
            [sys.executable, "-m", "credscan", "server", "run", "--config", str(server.config),
             "--workers", str(workers)],
            stdout=log, stderr=subprocess.STDOUT, env=server.env,
        )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if server.call("GET", "/api/v1/health")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("server did not restart")


if __name__ == "__main__":
    raise SystemExit(main())
