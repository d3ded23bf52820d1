"""An interrupted full walk of a share resumes where it stopped: after `kill -9` of the agent, and after
the server went away mid-walk. Real agent processes against a real Samba server."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.agent_process import Agent
from tests.support.smbserver import SambaServer, requires_samba, running_samba

pytestmark = requires_samba

FILES = 240


def secret(number: int) -> str:
    return f"Rs{number:03d}-Kq8!vZ"


@pytest.fixture()
def share() -> Iterator[SambaServer]:
    with running_samba() as server:
        for number in range(FILES):
            folder = server.share_dir("clients") / f"client-{number // 40:02d}"
            folder.mkdir(exist_ok=True)
            folder.chmod(0o755)
            note = folder / f"note-{number:03d}.txt"
            note.write_text(f"Server notes\nadmin password: {secret(number)}\n")
            note.chmod(0o644)
        yield server


def smb_agent(tmp_path: Path, server: SambaServer, monkeypatch: pytest.MonkeyPatch) -> Agent:
    monkeypatch.setenv("CREDSCAN_SMB_PASSWORD", server.password)
    agent = Agent(tmp_path, [server.url("clients")], settle=0.5)  # type: ignore[list-item]
    text = agent.config.read_text().replace("jobs = 2", "jobs = 1")
    agent.config.write_text(
        text.replace(
            "[scan]\n", f'[scan]\nsmb_user = "{server.user}"\nsmb_password = "env:CREDSCAN_SMB_PASSWORD"\n'
        )
    )
    return agent


def found_paths(agent: Agent) -> set[str]:
    return {event["file"]["path"] for event in agent.actions("finding.new")}


def scan_events(agent: Agent, action: str, scan_id: str) -> list[dict[str, object]]:
    return [e for e in agent.actions(action) if e["credscan"]["scan"]["id"] == scan_id]


def test_a_full_walk_killed_midway_resumes_under_its_id_without_reading_again(
    tmp_path: Path, share: SambaServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    agent = smb_agent(tmp_path, share, monkeypatch).start()
    try:
        agent.wait_for(lambda: len(agent.actions("finding.new")) >= 30, 120, "30 findings")
        agent.signal(signal.SIGKILL)
        agent.wait_exit(10)
        first = agent.actions("scan.started")[0]["credscan"]["scan"]
        assert first["kind"] == "full" and not agent.actions("scan.completed")
        read_before = len(found_paths(agent))

        agent.start()
        agent.wait_for(
            lambda: bool(scan_events(agent, "scan.completed", first["id"])), 180, "the resumed scan"
        )
        resumed = scan_events(agent, "scan.started", first["id"])
        assert len(resumed) == 2 and resumed[1]["credscan"]["scan"]["resumed"] is True  # type: ignore[index]
        completed = scan_events(agent, "scan.completed", first["id"])[0]
        files_read = completed["credscan"]["stats"]["files_scanned"]  # type: ignore[index]
        # what the first run committed is listed, not read again (a few in flight at the kill may be)
        assert files_read <= FILES - read_before + 2 * 8, (files_read, read_before)
        expected = {share.url("clients", f"client-{n // 40:02d}/note-{n:03d}.txt") for n in range(FILES)}
        assert found_paths(agent) == expected
        assert not agent.actions("finding.resolved")  # the resumed sweep took nothing read before for gone
    finally:
        agent.kill()


def test_a_share_lost_mid_walk_is_resumed_when_it_is_back(
    tmp_path: Path, share: SambaServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    agent = smb_agent(tmp_path, share, monkeypatch).start()
    try:
        agent.wait_for(lambda: len(agent.actions("finding.new")) >= 30, 120, "30 findings")
        share.stop()
        agent.wait_for(
            lambda: any(e["event"]["reason"] == "scan interrupted" for e in agent.actions("agent.warning")),
            120,
            "the scan-interrupted warning",
        )
        scan_id = agent.actions("scan.started")[0]["credscan"]["scan"]["id"]
        assert not scan_events(agent, "scan.completed", scan_id)  # kept open, not closed with a hole
        share.start()  # the watch reconnects and asks for a walk: the interrupted scan goes first
        agent.wait_for(lambda: bool(scan_events(agent, "scan.completed", scan_id)), 180, "the resumed scan")
        assert len(found_paths(agent)) == FILES
        assert not agent.actions("finding.resolved")
    finally:
        agent.kill()
    for line in agent.events_file.read_text(encoding="utf-8").splitlines():
        assert share.password not in line and secret(7) not in line
    assert os.path.exists(agent.events_file)
