"""Triage on the server and the decisions feed the agents pull, on SQLite and PostgreSQL (about 4 s)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from credscan.server import models
from tests.support.server_fixtures import ServerHarness, finding_event, finding_record


def _setup(server: ServerHarness) -> tuple[object, object, int, str]:
    server.add_client("Acme")
    agent = server.enroll("Acme")
    record = finding_record()
    server.request(agent, "POST", "/api/v1/events", json=[finding_event("finding.new", record)])
    server.add_user("tech", "technician")
    tech = server.api_key("tech")
    (item,) = server.request(tech, "GET", "/api/v1/findings").json()["items"]
    return agent, tech, int(item["id"]), record["id"]


def test_decisions_flow_to_the_agents_of_the_client(server: ServerHarness) -> None:
    agent, tech, row, fid = _setup(server)
    until = (datetime.now(UTC).date() + timedelta(days=30)).isoformat()
    answer = server.request(
        tech,
        "POST",
        f"/api/v1/findings/{row}/triage",
        json={"action": "accept", "reason": "legacy NAS", "until": until},
    )
    assert answer.status_code == 200 and answer.json()["status"] == "accepted"
    feed = server.request(agent, "GET", "/api/v1/agent/decisions").json()
    (decision,) = feed["decisions"]
    assert decision["finding_id"] == fid and decision["status"] == "accepted" and decision["until"] == until
    assert decision["actor"] == "tech" and decision["reason"] == "legacy NAS"
    assert (
        server.request(agent, "GET", f"/api/v1/agent/decisions?after={feed['next']}").json()["decisions"]
        == []
    )
    server.request(tech, "POST", f"/api/v1/findings/{row}/triage", json={"action": "reopen"})
    later = server.request(agent, "GET", f"/api/v1/agent/decisions?after={feed['next']}").json()["decisions"]
    assert [d["status"] for d in later] == ["open"]
    detail = server.request(tech, "GET", f"/api/v1/findings/{row}").json()
    assert [h["action"] for h in detail["history"]] == ["new", "accepted", "open"]


def test_agent_sees_no_decisions_of_another_client(server: ServerHarness) -> None:
    _agent, tech, row, _fid = _setup(server)
    server.add_client("Globex")
    other = server.enroll("Globex", "gx01")
    server.request(
        tech,
        "POST",
        f"/api/v1/findings/{row}/triage",
        json={"action": "false-positive", "reason": "test data"},
    )
    assert server.request(other, "GET", "/api/v1/agent/decisions").json()["decisions"] == []


def test_triage_rules(server: ServerHarness) -> None:
    agent, tech, row, fid = _setup(server)
    url = f"/api/v1/findings/{row}/triage"
    assert (
        server.request(tech, "POST", url, json={"action": "false-positive"}).status_code == 400
    )  # no reason
    assert server.request(tech, "POST", url, json={"action": "reopen"}).status_code == 400  # already open
    past = {"action": "accept", "until": "2001-01-01"}
    assert server.request(tech, "POST", url, json=past).status_code == 400
    assert server.request(tech, "POST", url, json={"action": "delete"}).status_code == 422
    server.request(
        agent, "POST", "/api/v1/events", json=[finding_event("finding.resolved", finding_record(fid=fid))]
    )
    assert server.request(tech, "POST", url, json={"action": "accept"}).status_code == 400  # resolved


def test_expired_acceptance_reopens_and_tells_the_agents(server: ServerHarness) -> None:
    agent, tech, row, _fid = _setup(server)
    until = (datetime.now(UTC).date() + timedelta(days=1)).isoformat()
    server.request(tech, "POST", f"/api/v1/findings/{row}/triage", json={"action": "accept", "until": until})
    with server.engine.begin() as conn:
        conn.execute(update(models.findings).values(triage_until="2001-01-01"))
    statuses = [
        d["status"] for d in server.request(agent, "GET", "/api/v1/agent/decisions").json()["decisions"]
    ]
    assert statuses == ["accepted", "open"]
    assert server.request(tech, "GET", f"/api/v1/findings/{row}").json()["status"] == "open"


def test_agent_side_triage_is_mirrored_without_a_decision(server: ServerHarness) -> None:
    agent, tech, row, fid = _setup(server)
    event = finding_event("finding.accepted", finding_record(fid=fid))
    event["credscan"]["triage"] = {"status": "accepted", "by": "jdoe", "reason": "known"}
    server.request(agent, "POST", "/api/v1/events", json=[event])
    found = server.request(tech, "GET", f"/api/v1/findings/{row}").json()
    assert found["status"] == "accepted" and found["triage_by"] == "jdoe"
    assert server.request(agent, "GET", "/api/v1/agent/decisions").json()["decisions"] == []


def test_a_triaged_finding_announced_again_keeps_its_decision(server: ServerHarness) -> None:
    agent, tech, row, fid = _setup(server)
    server.request(
        tech, "POST", f"/api/v1/findings/{row}/triage", json={"action": "false-positive", "reason": "x"}
    )
    server.request(
        agent, "POST", "/api/v1/events", json=[finding_event("finding.new", finding_record(fid=fid))]
    )
    assert server.request(tech, "GET", f"/api/v1/findings/{row}").json()["status"] == "false-positive"


def test_decisions_and_logins_are_audited(server: ServerHarness) -> None:
    _agent, tech, row, _fid = _setup(server)
    server.request(
        tech, "POST", f"/api/v1/findings/{row}/triage", json={"action": "false-positive", "reason": "x"}
    )
    server.add_user("root", "admin")
    server.login("root")
    bad = server.fresh_client().post("/login", data={"name": "root", "password": "wrong password!"})
    assert bad.status_code == 401
    with server.engine.connect() as conn:
        actions = [r.action for r in conn.execute(select(models.audit_log.c.action))]
    for expected in ("agent.enrolled", "finding.false-positive", "login", "login.failed"):
        assert expected in actions
    entries = server.request(server.api_key("root"), "GET", "/api/v1/audit").json()["entries"]
    assert entries[0]["action"] in ("login.failed", "api_key.created")
