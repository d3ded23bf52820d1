"""Enrollment and idempotent ingest, on SQLite and on a real PostgreSQL (about 3 s for both)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update

from credscan.central.events import make_event
from credscan.server import models, queries
from tests.support.server_fixtures import ServerHarness, finding_event, finding_record


def _findings(harness: ServerHarness) -> list[dict[str, Any]]:
    with harness.engine.connect() as conn:
        return [
            dict(r._mapping) for r in conn.execute(select(models.findings).order_by(models.findings.c.id))
        ]


def test_enroll_token_is_one_time_and_expires(server: ServerHarness) -> None:
    server.add_client("Acme")
    agent = server.enroll("Acme")
    assert agent.headers["Authorization"].startswith("Bearer csa_")
    from credscan.server import admin

    with server.engine.begin() as conn:
        token, _ = admin.create_enroll_token(conn, admin.client_id_by_name(conn, "Acme"), 3600, "t")
    first = server.client.post("/api/v1/enroll", json={"token": token, "name": "a"})
    again = server.client.post("/api/v1/enroll", json={"token": token, "name": "b"})
    assert first.status_code == 200 and again.status_code == 403
    with server.engine.begin() as conn:
        token, _ = admin.create_enroll_token(conn, admin.client_id_by_name(conn, "Acme"), 3600, "t")
        conn.execute(update(models.enroll_tokens).values(expires_at="2000-01-01T00:00:00.000Z"))
    assert server.client.post("/api/v1/enroll", json={"token": token, "name": "c"}).status_code == 403
    assert server.client.post("/api/v1/enroll", json={"token": "cse_guess", "name": "d"}).status_code == 403


def test_ingest_is_idempotent_by_event_id(server: ServerHarness) -> None:
    server.add_client("Acme")
    agent = server.enroll("Acme")
    record = finding_record()
    event = finding_event("finding.new", record)
    first = server.request(agent, "POST", "/api/v1/events", json=[event, event])
    assert first.json() == {"accepted": 1, "duplicates": 1, "rejected": []}
    second = server.request(agent, "POST", "/api/v1/events", json=[event])
    assert second.json() == {"accepted": 0, "duplicates": 1, "rejected": []}
    rows = _findings(server)
    assert len(rows) == 1 and rows[0]["status"] == "open" and rows[0]["finding_id"] == record["id"]


def test_event_ids_are_remembered_for_the_duplicate_window_only(server: ServerHarness) -> None:
    """Ids older than [server] duplicate_window are forgotten when a scan of that client completes; the
    client's recent ids and another client's old ids stay, so recent copies are still duplicates."""
    server.add_client("Acme")
    server.add_client("Globex")
    acme, globex = server.enroll("Acme"), server.enroll("Globex", "fs02")
    old = finding_event("finding.new", finding_record())
    recent = finding_event("finding.new", finding_record())
    server.request(acme, "POST", "/api/v1/events", json=[old, recent])
    server.request(globex, "POST", "/api/v1/events", json=[old])
    seen = models.ingested_events
    with server.engine.begin() as conn:
        long_ago = "2020-01-01T00:00:00.000Z"
        conn.execute(update(seen).where(seen.c.event_id == old["event"]["id"]).values(at=long_ago))
    server.request(acme, "POST", "/api/v1/events", json=[make_event("scan.completed", {}, "fs01")])
    with server.engine.connect() as conn:
        remembered = sorted(conn.execute(select(seen.c.client_id, seen.c.event_id)).all())
    ids = {row.event_id for row in remembered}
    assert old["event"]["id"] in ids and len(remembered) == 3  # Globex's old id, Acme's recent and scan ids
    assert server.request(acme, "POST", "/api/v1/events", json=[recent]).json()["duplicates"] == 1
    answer = server.request(acme, "POST", "/api/v1/events", json=[old]).json()
    assert answer == {"accepted": 1, "duplicates": 0, "rejected": []}  # forgotten: taken as new
    assert len(_findings(server)) == 3  # the late copy refreshed Acme's finding, made no second one


def test_lifecycle_new_resolved_reopened(server: ServerHarness) -> None:
    server.add_client("Acme")
    agent = server.enroll("Acme")
    record = finding_record()
    batch = [
        finding_event("finding.new", record),
        finding_event("finding.resolved", {**record, "status": "resolved"}),
    ]
    assert server.request(agent, "POST", "/api/v1/events", json=batch).json()["accepted"] == 2
    assert _findings(server)[0]["status"] == "resolved"
    server.request(agent, "POST", "/api/v1/events", json=[finding_event("finding.new", record)])
    (row,) = _findings(server)
    assert row["status"] == "open" and row["resolved_at"] is None
    with server.engine.connect() as conn:
        history = queries.finding_history(conn, row["id"])
    assert [entry["action"] for entry in history] == ["new", "resolved", "reopened"]
    assert history[0]["actor"] == "agent:fs01" and history[0]["at"] == row["first_seen"]


def test_event_with_a_secret_field_is_refused(server: ServerHarness) -> None:
    server.add_client("Acme")
    agent = server.enroll("Acme")
    leaky = finding_event("finding.new", finding_record())
    leaky["credscan"]["finding"]["secret"] = "Hunter2-Plaintext!"
    nested = finding_event("finding.new", finding_record())
    nested["labels"] = [{"Secret": "x"}]
    good = finding_event("finding.new", finding_record())
    answer = server.request(agent, "POST", "/api/v1/events", json=[leaky, nested, good]).json()
    assert answer["accepted"] == 1
    assert [r["index"] for r in answer["rejected"]] == [0, 1]
    assert all(r["reason"] == "carries a plaintext secret field" for r in answer["rejected"])
    assert len(_findings(server)) == 1
    with server.engine.connect() as conn:
        assert not conn.execute(
            select(models.ingested_events).where(models.ingested_events.c.event_id == leaky["event"]["id"])
        ).first()


def test_malformed_events_are_rejected_one_by_one(server: ServerHarness) -> None:
    server.add_client("Acme")
    agent = server.enroll("Acme")
    no_id = finding_event("finding.new", finding_record())
    del no_id["event"]["id"]
    bad_severity = finding_event("finding.new", finding_record(severity="apocalyptic"))
    answer = server.request(agent, "POST", "/api/v1/events", json=[no_id, bad_severity, "text", 5]).json()
    assert answer["accepted"] == 0 and len(answer["rejected"]) == 4
    assert server.request(agent, "POST", "/api/v1/events", content=b"{not json").status_code == 400
    assert server.request(agent, "POST", "/api/v1/events", json={"a": 1}).status_code == 400
    too_many = [make_event("agent.heartbeat", {}, "h")] * 1001
    assert server.request(agent, "POST", "/api/v1/events", json=too_many).status_code == 400


def test_agent_writes_only_to_its_own_client(server: ServerHarness) -> None:
    acme, _globex = server.add_client("Acme"), server.add_client("Globex")
    agent = server.enroll("Globex")
    event = finding_event("finding.new", finding_record())
    event["client"] = {"id": acme}  # nothing in the body chooses the client
    event["organization"] = {"name": "Acme", "id": str(acme)}
    server.request(agent, "POST", "/api/v1/events", json=[event])
    (row,) = _findings(server)
    assert row["client_id"] != acme


def test_same_event_id_from_two_clients_is_two_events(server: ServerHarness) -> None:
    server.add_client("Acme")
    server.add_client("Globex")
    a, b = server.enroll("Acme", "a"), server.enroll("Globex", "b")
    event = finding_event("finding.new", finding_record())
    assert server.request(a, "POST", "/api/v1/events", json=[event]).json()["accepted"] == 1
    assert server.request(b, "POST", "/api/v1/events", json=[event]).json()["accepted"] == 1
    assert len(_findings(server)) == 2


def test_revoked_agent_is_refused(server: ServerHarness) -> None:
    server.add_client("Acme")
    agent = server.enroll("Acme")
    server.add_user("root", "admin")
    admin_key = server.api_key("root")
    agent_id = server.request(admin_key, "GET", "/api/v1/agents").json()["agents"][0]["id"]
    assert server.request(admin_key, "POST", f"/api/v1/agents/{agent_id}/revoke").status_code == 200
    event = finding_event("finding.new", finding_record())
    assert server.request(agent, "POST", "/api/v1/events", json=[event]).status_code == 401
    assert server.request(agent, "GET", "/api/v1/agent/decisions").status_code == 401


def test_scan_completed_snapshots_the_trend(server: ServerHarness) -> None:
    server.add_client("Acme")
    agent = server.enroll("Acme")
    events = [finding_event("finding.new", finding_record(severity=s)) for s in ("critical", "high", "high")]
    events.append(make_event("scan.completed", {}, "fs01"))
    server.request(agent, "POST", "/api/v1/events", json=events)
    server.add_user("root", "admin")
    client = server.request(server.api_key("root"), "GET", "/api/v1/clients").json()["clients"][0]
    assert client["open"]["critical"] == 1 and client["open"]["high"] == 2
    assert client["trend"][-1]["open"] == 3
    assert client["agents"] == 1 and client["last_contact"]


def test_hostile_bodies_are_refused_cleanly(server: ServerHarness) -> None:
    server.add_client("Acme")
    agent = server.enroll("Acme")
    deep = b"[" * 100_000 + b"]" * 100_000
    assert server.request(agent, "POST", "/api/v1/events", content=deep).status_code == 400
    nested: dict[str, Any] = {}
    node = nested
    for _ in range(50):
        node["x"] = {}
        node = node["x"]
    event = finding_event("finding.new", finding_record())
    event["labels"] = nested
    answer = server.request(agent, "POST", "/api/v1/events", json=[event]).json()
    assert answer["accepted"] == 0 and answer["rejected"][0]["reason"] == "nested too deeply"
    huge = b"[" + b'"' + b"x" * (9 * 1024 * 1024) + b'"]'
    assert server.request(agent, "POST", "/api/v1/events", content=huge).status_code == 413


def test_findings_are_paged_beyond_the_count_cap(server: ServerHarness, monkeypatch: Any) -> None:
    from credscan.server import queries as q

    monkeypatch.setattr(q, "COUNT_CAP", 5)
    server.add_client("Acme")
    agent = server.enroll("Acme")
    server.request(
        agent,
        "POST",
        "/api/v1/events",
        json=[finding_event("finding.new", finding_record()) for _ in range(60)],
    )
    server.add_user("root", "admin")
    key = server.api_key("root")
    seen = []
    for page in (1, 2, 3):
        answer = server.request(key, "GET", f"/api/v1/findings?per_page=25&page={page}").json()
        assert answer["total"] == 5 and answer["total_capped"]
        seen += [item["id"] for item in answer["items"]]
        assert answer["has_next"] == (page < 3)
    assert len(seen) == len(set(seen)) == 60
