"""The filtered findings page of the credscan server over 500 clients and 1,000,000 findings (PostgreSQL).

    python benchmarks/server_findings.py [--clients 500] [--findings 1000000] [--requests 200]

Fills PostgreSQL through the server's schema (COPY, a seeded mix of severities, statuses and categories;
~1-3 min), starts `credscan server run`, then times `GET /api/v1/findings` over HTTPS with an admin's API
key for a rotation of filters (one client + status + severity; all clients + status + severity +
category; a technician's 20 assigned clients; deep pages) and reports p50/p95/max and the server's RSS
(current and peak). Targets: p95 < 300 ms, RSS < 300 MB.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from full_scan import compile_checkout, machine
from server_common import Postgres, ServerProcess, hwm_mb, pg_folder, rss_mb

from credscan.model import CATEGORIES

SEVERITIES = ("critical", "high", "medium", "low", "info")
STATUSES = ("open", "open", "open", "resolved", "accepted", "false-positive")


def fill(url: str, clients: int, findings: int, seed: int = 5) -> None:
    import psycopg

    rng = random.Random(seed)
    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as conn:
        with conn.cursor() as cur:
            with cur.copy("COPY clients (id, name, created_at) FROM STDIN") as copy:
                for n in range(1, clients + 1):
                    copy.write_row((n, f"Client {n:04d}", "2026-01-01T00:00:00.000Z"))
            cur.execute("SELECT setval('clients_id_seq', %s)", (clients,))
            columns = (
                "client_id, finding_id, host, path, rule_id, rule_name, category, severity, confidence, "
            )
            columns += "secret_masked, secret_hash, location, context, account, status, first_seen, last_seen"
            with cur.copy(f"COPY findings ({columns}) FROM STDIN") as copy:
                for n in range(findings):
                    client = rng.randint(1, clients)
                    day = f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}T10:00:00.000Z"
                    copy.write_row((
                        client, f"{n:032x}", f"fs{client}",
                        f"/srv/client{client}/dept{n % 40}/Passwords-{n}.xlsx",
                        "table-password-column", "Password in a table column", rng.choice(CATEGORIES),
                        rng.choice(SEVERITIES), 0.9, "********", f"{n:064x}",
                        '{"sheet": "Logins", "cell": "C2"}',
                        "System=NAS  User=admin  Password=********", "admin", rng.choice(STATUSES), day, day,
                    ))  # fmt: skip
        conn.execute("ANALYZE")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--findings", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument(
        "--database", help="an already filled PostgreSQL database (postgresql://…); skips the fill"
    )
    args = parser.parse_args()
    compile_checkout()
    print(machine())
    with tempfile.TemporaryDirectory(prefix="credscan-bench-") as tmp:
        pg = None if args.database else Postgres(pg_folder(tmp)).start()
        try:
            url = args.database or (pg.fresh_database() if pg else "")
            server = ServerProcess(Path(tmp) / "srv", database=url)
            server.start()  # creates the schema
            try:
                began = time.monotonic()
                if pg is not None:
                    fill(url, args.clients, args.findings)
                    print(
                        f"filled {args.clients} clients, {args.findings:,} findings"
                        f" in {time.monotonic() - began:.0f} s"
                    )
                key = server.admin_key()
                rng = random.Random(9)
                timings: dict[str, list[float]] = {}
                for n in range(args.requests):
                    client = rng.randint(1, args.clients)
                    filters = {
                        "one client, open, high": f"client={client}&status=open&severity=high",
                        "all clients, open, critical, category": (
                            "status=open&severity=critical&category=private-key"
                        ),
                        "all clients, open, page 40": "status=open&page=40",
                        "20 clients, open": "&".join(f"client={c}" for c in range(client, client + 20))
                        + "&status=open",
                    }
                    name = list(filters)[n % len(filters)]
                    start = time.perf_counter()
                    status, body = server.call("GET", f"/api/v1/findings?{filters[name]}&per_page=50", key)
                    timings.setdefault(name, []).append(time.perf_counter() - start)
                    assert status == 200, body[:200]
                everything = sorted(t for values in timings.values() for t in values)
                for name, values in timings.items():
                    values.sort()
                    print(f"{name:40s} p50 {1000 * statistics.median(values):6.1f} ms  "
                          f"p95 {1000 * values[int(0.95 * (len(values) - 1))]:6.1f} ms")  # fmt: skip
                p95 = everything[int(0.95 * (len(everything) - 1))]
                print(f"all {len(everything)} requests: p50 {1000 * statistics.median(everything):.1f} ms, "
                      f"p95 {1000 * p95:.1f} ms (target < 300), "
                      f"max {1000 * everything[-1]:.1f} ms")  # fmt: skip
                assert server.process is not None
                pid = server.process.pid
                print(f"server RSS {rss_mb(pid):.0f} MB, peak {hwm_mb(pid):.0f} MB (target < 300)")
                return 0 if p95 < 0.3 else 1
            finally:
                server.stop()
        finally:
            if pg is not None:
                pg.stop()


if __name__ == "__main__":
    raise SystemExit(main())
