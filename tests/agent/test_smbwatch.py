"""Live watching of smb:// roots: SMB2 CHANGE_NOTIFY records to agent events, and the real thing.

The end-to-end tests run a real Samba server with a writable share and a real agent process; files are
written, renamed and deleted with smbclient, as a Windows user would change them, and the server is
restarted under the watch.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from credscan_agent.engine import Engine
from credscan_agent.smbwatch import (
    ADDED,
    MODIFIED,
    REMOVED,
    RENAMED_NEW,
    RENAMED_OLD,
    Change,
    dispatch,
)
from credscan_agent.watcher import RootExcludes

from tests.support.agent_process import Agent
from tests.support.central_fixtures import FakeCentral
from tests.support.smbserver import SambaServer, requires_samba, running_samba

ROOT = "smb://fs01/clients"


class _Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, ...]] = []

    def changed(self, url: str) -> None:
        self.calls.append(("changed", url))

    def removed(self, url: str) -> None:
        self.calls.append(("removed", url))

    def renamed(self, old_url: str, new_url: str) -> None:
        self.calls.append(("renamed", old_url, new_url))

    def missed(self, root: str) -> None:
        self.calls.append(("missed", root))

    def lost(self, root: str, reason: str) -> None:
        self.calls.append(("lost", root))

    def restored(self, root: str) -> None:
        self.calls.append(("restored", root))


def test_notify_records_become_changes_removals_and_renames_in_order() -> None:
    sink = _Recorder()
    dispatch(
        ROOT + "/",
        [
            Change(ADDED, "acme\\new.xlsx"),
            Change(MODIFIED, "acme\\new.xlsx"),
            Change(RENAMED_OLD, "acme\\old name.txt"),
            Change(RENAMED_NEW, "acme\\new name.txt"),
            Change(REMOVED, "acme\\gone.txt"),
            Change(6, "acme\\new.xlsx:stream"),  # stream records change nothing we read
        ],
        sink,
    )
    assert sink.calls == [
        ("changed", f"{ROOT}/acme/new.xlsx"),
        ("changed", f"{ROOT}/acme/new.xlsx"),
        ("renamed", f"{ROOT}/acme/old name.txt", f"{ROOT}/acme/new name.txt"),
        ("removed", f"{ROOT}/acme/gone.txt"),
    ]


def test_a_rename_half_is_a_move_out_of_or_into_the_tree() -> None:
    sink = _Recorder()
    dispatch(ROOT, [Change(RENAMED_OLD, "a.txt"), Change(ADDED, "b.txt"), Change(RENAMED_NEW, "c.txt")], sink)
    assert sink.calls == [
        ("removed", f"{ROOT}/a.txt"),  # its partner never came: it left the watched tree
        ("changed", f"{ROOT}/b.txt"),
        ("changed", f"{ROOT}/c.txt"),  # moved in from outside: new here
    ]
    sink = _Recorder()
    dispatch(ROOT, [Change(RENAMED_OLD, "last.txt")], sink)
    assert sink.calls == [("removed", f"{ROOT}/last.txt")]


def test_root_excludes_apply_to_share_urls() -> None:
    excluded = RootExcludes([ROOT + "/"], ["**/~$*", "tmp"])
    assert not excluded(f"{ROOT}/acme/passwords.xlsx")
    assert excluded(f"{ROOT}/acme/~$passwords.xlsx")
    assert excluded(f"{ROOT}/acme/tmp/x.txt")
    assert excluded("smb://fs01/other/x.txt")
    assert excluded("smb://fs01/clientsX/x.txt")


def test_a_watch_catch_up_walks_only_its_root_and_merges_with_a_waiting_one() -> None:
    engine = Engine.__new__(Engine)  # bookkeeping only: no scanner, no thread
    engine._walk, engine._wanted, engine._wanted_roots, engine._interrupted = None, None, None, None
    engine._lock = threading.Lock()
    engine._central = FakeCentral()  # type: ignore[assignment]
    engine._roots = ["/srv/local", "smb://fs01/a", "smb://fs02/b"]
    engine._want_walk("incremental", ["smb://fs01/a"])
    engine._want_walk("incremental", ["smb://fs02/b"])
    assert (engine._wanted, engine._wanted_roots) == ("incremental", {"smb://fs01/a", "smb://fs02/b"})
    engine._begin_walk()
    assert engine._walk is not None and engine._walk.roots == ["smb://fs01/a", "smb://fs02/b"]
    engine._want_walk(
        "incremental", ["smb://fs01/a"]
    )  # waits behind the running walk: changes may be behind it
    assert engine._wanted == "incremental"
    engine._want_walk("incremental")  # the schedule's walk of everything covers it
    assert (engine._wanted, engine._wanted_roots) == ("incremental", None)
    engine._want_walk("incremental", ["smb://fs01/a"])
    assert engine._wanted_roots is None
    engine._want_walk("full")
    engine._want_walk("incremental", ["smb://fs01/a"])  # covered by the waiting full walk
    assert (engine._wanted, engine._wanted_roots) == ("full", None)


# ---------------------------------------------------------------------------
# A real agent watching a real Samba share
# ---------------------------------------------------------------------------

SECRET = "Kv8#wQ2-smbwatch"
SETTLE = 1.0


@pytest.fixture()
def writable_samba() -> Iterator[SambaServer]:
    if os.geteuid() != 0 or not shutil.which("smbclient"):
        pytest.skip("needs root, Samba and smbclient")
    with running_samba(writable=("clients",)) as server:
        yield server


def smbclient(server: SambaServer, commands: str) -> None:
    """Change the share as a Windows user would: through the SMB protocol, not on the server's disk."""
    proc = subprocess.run(
        [
            "smbclient",
            "//127.0.0.1/clients",
            "-p",
            str(server.port),
            "-U",
            f"{server.user}%{server.password}",
            "--option=client min protocol=SMB2",
            "-c",
            commands,
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert proc.returncode == 0 and "NT_STATUS" not in proc.stdout, proc.stdout + proc.stderr


@requires_samba
def test_a_file_written_to_a_watched_share_is_found_within_seconds_and_survives_a_server_restart(
    tmp_path: Path, writable_samba: SambaServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = writable_samba
    monkeypatch.setenv("CREDSCAN_SMB_PASSWORD", server.password)
    url = server.url("clients")
    agent = Agent(tmp_path, [url], settle=SETTLE)  # type: ignore[list-item]
    config = agent.config.read_text().replace(
        "[scan]\n", f'[scan]\nsmb_user = "{server.user}"\nsmb_password = "env:CREDSCAN_SMB_PASSWORD"\n'
    )
    agent.config.write_text(config)
    local = tmp_path / "upload"
    local.mkdir()
    agent.start()
    try:
        agent.wait_for(lambda: bool(agent.actions("scan.completed")), 30, "the first full scan")

        # A new file, written over SMB: reported within settle_seconds + 3 s.
        (local / "wifi.txt").write_text(f"Guest Wi-Fi\nPassword: {SECRET}\n")
        started = time.monotonic()
        smbclient(server, f"mkdir acme; put {local / 'wifi.txt'} acme/wifi.txt")
        agent.wait_for(lambda: bool(agent.actions("finding.new", f"{url}/acme/wifi.txt")), 30, "finding.new")
        latency = time.monotonic() - started
        assert latency < SETTLE + 3, f"{latency:.1f} s from write to finding.new"

        # A folder renamed on the share: the findings move with it.
        smbclient(server, "rename acme acme-2024")
        agent.wait_for(
            lambda: bool(agent.actions("finding.new", f"{url}/acme-2024/wifi.txt")), 30, "moved finding.new"
        )
        assert agent.actions("finding.resolved", f"{url}/acme/wifi.txt")

        # Deleted over SMB: resolved.
        smbclient(server, "del acme-2024/wifi.txt")
        agent.wait_for(
            lambda: bool(agent.actions("finding.resolved", f"{url}/acme-2024/wifi.txt")),
            30,
            "finding.resolved",
        )

        # The server restarts; what changed while it was away is found once the watch is back.
        server.stop()
        agent.wait_for(
            lambda: any(e["event"]["reason"] == "watch lost" for e in agent.actions("agent.warning")),
            30,
            "the watch-lost warning",
        )
        (server.share_dir("clients") / "while-down.txt").write_text(f"admin password: {SECRET}x\n")
        server.start()
        agent.wait_for(
            lambda: bool(agent.actions("finding.new", f"{url}/while-down.txt")), 90, "catch-up finding.new"
        )
        # ... and the watch itself works again.
        smbclient(server, f"put {local / 'wifi.txt'} after-restart.txt")
        agent.wait_for(
            lambda: bool(agent.actions("finding.new", f"{url}/after-restart.txt")),
            30,
            "finding.new after restart",
        )
    finally:
        agent.kill()
    for line in agent.events_file.read_text(encoding="utf-8").splitlines():
        assert SECRET not in line and server.password not in line


class RecordingCentral:
    """What the engine's watched-file path needs of CentralLog: results kept in memory."""

    def __init__(self) -> None:
        self.results: list[Any] = []

    def begin_scan(self, kind: str) -> str:
        return f"{kind}-1"

    def is_unchanged(self, ref: Any) -> bool:
        return False

    def record_result(self, result: Any, scan_id: str) -> None:
        self.results.append(result)

    def flush(self) -> None:
        pass


@requires_samba
def test_a_burst_of_new_files_on_a_watched_share_is_read_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    """Settled files arrive at the engine together; their small files go out as compound reads several at a
    time (the read-ahead of a walk), each read once and found. ~5 s (a Samba server of its own)."""
    from credscan.model import ScanOptions
    from credscan.scan import Scanner
    from credscan.sources.smb import smb_source_options
    from credscan.sources.smbreads import CompoundReader

    with running_samba() as server:
        folder = server.share_dir("clients")
        for index in range(12):
            path = folder / f"burst-{index:02d}.txt"
            path.write_text(f"admin password: Burst-{index:02d}-Pw!\n" if index % 4 == 0 else "notes\n")
            path.chmod(0o644)
        sent: list[str] = []
        peak = 0
        original = CompoundReader.send

        def counting(reader: CompoundReader, path: str, length: int, reserve: int) -> Any:
            nonlocal peak
            pending = original(reader, path, length, reserve)
            if pending is not None:
                sent.append(path)
            peak = max(peak, len(reader.connection.outstanding_requests))
            return pending

        monkeypatch.setattr(CompoundReader, "send", counting)
        options = smb_source_options(server.user, None, max_requests=8)
        scan_options = ScanOptions(
            jobs=0,  # in this process, where the reads can be counted (workers read ahead the same way)
            source_options={**options, "resolved_password": server.password},
            fingerprint_key=b"k" * 32,
        )
        central = RecordingCentral()
        engine = Engine(central, scan_options, [server.url("clients")])  # type: ignore[arg-type]
        engine._scanner = Scanner(scan_options)
        try:
            engine._scan_watched([server.url("clients", f"burst-{index:02d}.txt") for index in range(12)])
        finally:
            engine._scanner.close()
            for source in engine._remote_sources.values():
                source.close()
    assert sorted(sent) == [f"burst-{index:02d}.txt" for index in range(12)]  # each read once
    assert peak > 3, "compound reads were in flight together"
    assert sum(len(result.findings) for result in central.results) == 3
    assert not [result.error for result in central.results if result.error]
