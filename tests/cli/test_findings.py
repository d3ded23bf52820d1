"""`credscan findings` triage over a store populated through the central log's API; events in the log."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from credscan.cli import main
from credscan.config import load_config
from credscan.report.storeview import open_central
from tests.support.report_fixtures import ROWS, SECRETS, agent_config, events, make_finding, populate_store


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = agent_config(tmp_path)
    populate_store(path, ROWS)
    return path


def listed(config: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> list[dict[str, object]]:
    capsys.readouterr()
    assert main(["findings", "list", "--config", str(config), "--json", *extra]) == 0
    records: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return records


def actions(config: Path) -> list[str]:
    return [event["event"]["action"] for event in events(config)]


def test_list_filters_by_status_and_severity(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert len(listed(config, capsys)) == len(ROWS)
    critical = listed(config, capsys, "--severity", "critical")
    assert len(critical) == 3 and {r["severity"] for r in critical} == {"critical"}
    assert len(listed(config, capsys, "--severity", "medium,high")) == 6
    assert listed(config, capsys, "--status", "accepted") == []


def test_accept_changes_status_and_emits_an_event(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = make_finding(ROWS[0]).id
    until = (datetime.now(UTC).date() + timedelta(days=30)).isoformat()
    code = main(
        [
            "findings",
            "accept",
            target[:10],
            "--config",
            str(config),
            "--reason",
            "legacy NAS",
            "--by",
            "jdoe",
            "--until",
            until,
        ]
    )
    assert code == 0
    assert f"finding {target} marked accepted by jdoe until {until}" in capsys.readouterr().out
    accepted = listed(config, capsys, "--status", "accepted")
    assert [r["id"] for r in accepted] == [target]
    assert accepted[0]["reason"] == f"accepted by jdoe until {until}: legacy NAS"
    assert target not in [r["id"] for r in listed(config, capsys)]
    event = events(config)[-1]
    assert event["event"]["action"] == "finding.accepted"
    assert event["credscan"]["finding"]["id"] == target
    assert event["credscan"]["triage"] == {
        "status": "accepted",
        "previous_status": "open",
        "by": "jdoe",
        "reason": "legacy NAS",
        "until": until,
    }


def test_false_positive_and_reopen(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = make_finding(ROWS[3]).id
    assert (
        main(["findings", "accept", target, "--config", str(config), "--false-positive", "--reason", "test"])
        == 0
    )
    assert [r["id"] for r in listed(config, capsys, "--status", "false-positive")] == [target]
    assert main(["findings", "reopen", target, "--config", str(config), "--by", "lead"]) == 0
    assert listed(config, capsys, "--status", "false-positive") == []
    assert target in [r["id"] for r in listed(config, capsys)]
    assert actions(config)[-2:] == ["finding.false_positive", "finding.reopened"]
    assert events(config)[-1]["credscan"]["triage"]["by"] == "lead"


def test_expired_acceptance_comes_back(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = make_finding(ROWS[1]).id
    tomorrow = datetime.now(UTC).date() + timedelta(days=1)
    assert (
        main(
            [
                "findings",
                "accept",
                target,
                "--config",
                str(config),
                "--reason",
                "r",
                "--until",
                tomorrow.isoformat(),
            ]
        )
        == 0
    )
    # Age the acceptance: rewrite its expiry to yesterday, as if two days had passed.
    with open_central(load_config(config)) as central:
        central.store.conn.execute(
            "UPDATE triage SET until = ?", ((date.today() - timedelta(days=1)).isoformat(),)
        )
    assert target in [r["id"] for r in listed(config, capsys)]
    assert actions(config)[-1] == "finding.reopened"
    assert events(config)[-1]["credscan"]["triage"]["reason"] == "acceptance expired"


def test_accepted_findings_are_not_reannounced_by_a_rescan(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = make_finding(ROWS[5]).id
    assert main(["findings", "accept", target, "--config", str(config), "--reason", "known"]) == 0
    before = len(events(config))
    populate_store(config, ROWS)
    new = [e for e in events(config)[before:] if e["event"]["action"] == "finding.new"]
    assert new == []
    assert [r["id"] for r in listed(config, capsys, "--status", "accepted")] == [target]


def test_show_prints_the_finding_without_secrets(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = make_finding(ROWS[0]).id
    capsys.readouterr()
    assert main(["findings", "show", target[:8], "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert target in out and "Clients!D7" in out and "Su********" in out and "Acme Vault" in out
    for secret in SECRETS:
        assert secret not in out


def test_shortest_unique_prefix_is_enough_and_an_ambiguous_one_is_explained(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = sorted(make_finding(row).id for row in ROWS)
    shortest = {}
    for finding_id in ids:
        length = 1
        while sum(other.startswith(finding_id[:length]) for other in ids) > 1:
            length += 1
        shortest[finding_id] = finding_id[:length]
    finding_id, prefix = min(shortest.items(), key=lambda item: len(item[1]))
    assert len(prefix) <= 2  # with a dozen findings, one or two characters identify one
    capsys.readouterr()
    assert main(["findings", "show", f" {prefix.upper()} ", "--config", str(config)]) == 0
    assert finding_id in capsys.readouterr().out
    first_chars = [i[0] for i in ids]
    shared = (
        next(c for c in first_chars if first_chars.count(c) > 1) if len(set(first_chars)) < len(ids) else None
    )
    if shared is not None:
        assert main(["findings", "show", shared, "--config", str(config)]) == 2
        err = capsys.readouterr().err
        assert f"finding id prefix '{shared}' is ambiguous ({shared}" in err and "give more characters" in err


def test_text_list_neutralises_control_characters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = agent_config(tmp_path)
    populate_store(
        config,
        [("/srv/x/\x1b[31mred\x07.txt", "plaintext-password", "high", "o", "Abcdef12345!", 3, {"line": 1})],
    )
    capsys.readouterr()
    assert main(["findings", "list", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\\x1b[31mred\\x07.txt" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["findings", "show", "deadbeef"], "no finding with id"),
        (["findings", "reopen", "{first}"], "already open"),
        (["findings", "accept", "{first}", "--reason", "x", "--until", "2001-01-01"], "in the past"),
        (["findings", "accept", "{first}", "--reason", "x", "--until", "soon"], "invalid --until date"),
        (["findings", "list", "--severity", "urgent"], "unknown severity"),
    ],
)
def test_mistakes_are_one_line_errors(
    config: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    first = make_finding(ROWS[0]).id
    capsys.readouterr()
    assert main([a.replace("{first}", first) for a in argv] + ["--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_missing_store_is_an_error_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = agent_config(tmp_path)
    assert main(["findings", "list", "--config", str(config)]) == 2
    assert "no findings store" in capsys.readouterr().err
    assert not (tmp_path / "state").exists()
