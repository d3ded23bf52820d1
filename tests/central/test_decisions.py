"""Triage decisions pulled from the credscan server, applied to the agent's store (no server needed: a
fake decision source stands in for the HTTP call; the real one is in test_server_e2e.py). About 1 s."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from credscan.central.decisions import cursor_path, read_cursor, sync_decisions
from credscan.config import load_config
from credscan.report.storeview import open_central
from tests.support.report_fixtures import ROWS, agent_config, events, populate_store


class Feed:
    """Pages of decisions as the server returns them (``after`` -> decisions with a greater seq)."""

    name = "credscan-server"

    def __init__(self, decisions: list[dict[str, Any]]) -> None:
        self.decisions = decisions
        self.calls: list[int] = []

    def pull_decisions(self, after: int, timeout_s: float) -> tuple[list[dict[str, Any]], int]:
        self.calls.append(after)
        page = [d for d in self.decisions if d["seq"] > after][:2]
        return page, page[-1]["seq"] if page else after


def test_decisions_apply_page_by_page_and_skip_what_does_not_fit(tmp_path: Path) -> None:
    config = agent_config(tmp_path)
    populate_store(config, ROWS)
    with open_central(load_config(config)) as central:
        ids = [record["id"] for record in central.store.list_findings(("open",))]
        feed = Feed(
            [
                {"seq": 1, "finding_id": ids[0], "status": "accepted", "reason": "lab", "until": "2999-01-01",
                 "actor": "alice"},
                {"seq": 2, "finding_id": "not-on-this-agent", "status": "accepted"},
                {"seq": 3, "finding_id": ids[1], "status": "false-positive", "reason": "test data",
                 "actor": "bob"},
                {"seq": 4, "finding_id": ids[1], "status": "false-positive", "reason": "again"},
                {"seq": 5, "finding_id": ids[2], "status": "deleted"},
                {"seq": 6, "finding_id": ids[3], "status": "accepted", "until": "not a date"},
            ]
        )  # fmt: skip
        applied = sync_decisions(feed, central.store, central.emit, central.state_dir, 5)
        assert applied == 3
        assert feed.calls == [0, 2, 4, 6]
        assert central.store.get_finding(ids[0])["status"] == "accepted"
        assert central.store.get_finding(ids[1])["status"] == "false-positive"
        assert central.store.get_finding(ids[2])["status"] == "open"
        assert central.store.get_finding(ids[3])["status"] == "accepted"
        assert read_cursor(cursor_path(central.state_dir, feed.name)) == 6
        assert sync_decisions(feed, central.store, central.emit, central.state_dir, 5) == 0
        assert feed.calls[-1] == 6
    accepted = [e for e in events(config) if e["event"]["action"] == "finding.accepted"]
    assert accepted[0]["credscan"]["triage"]["by"] == "alice (server)"
    assert accepted[0]["credscan"]["triage"]["until"] == "2999-01-01"


def test_a_damaged_cursor_starts_over(tmp_path: Path) -> None:
    path = tmp_path / "decisions-x.json"
    for text in ("", "{", '{"after": -3}', '{"after": "7"}', "[]"):
        path.write_text(text)
        assert read_cursor(path) == 0
    assert read_cursor(tmp_path / "missing.json") == 0
