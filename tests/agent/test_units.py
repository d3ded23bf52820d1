"""Agent building blocks on their own: the settler, exclude checks for event paths, mount detection,
schedule validation, priority lowering, and the walk de-duplication of the engine."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from credscan_agent.engine import Engine
from credscan_agent.schedules import validate_schedule
from credscan_agent.settle import Settler
from credscan_agent.watcher import RootExcludes, mount_fstype, unwatchable_reason

from credscan.config import parse_config
from credscan.errors import UserError
from tests.support.central_fixtures import FakeCentral


class Collector:
    def __init__(self) -> None:
        self.ready: list[tuple[str, float]] = []
        self.event = threading.Event()

    def __call__(self, path: str) -> None:
        self.ready.append((path, time.monotonic()))
        self.event.set()


def test_settler_waits_until_a_growing_file_stops_changing(tmp_path: Path) -> None:
    collector = Collector()
    settler = Settler(0.3, collector)
    settler.start()
    try:
        path = tmp_path / "copy.bin"
        with path.open("wb") as handle:
            for _ in range(6):  # writes every 0.15 s, each followed by its event
                handle.write(b"x" * 4096)
                handle.flush()
                settler.touch(str(path))
                time.sleep(0.15)
            last_write = time.monotonic()
        assert collector.event.wait(3)
        time.sleep(0.5)
        assert [p for p, _ in collector.ready] == [str(path)]  # coalesced: once
        assert collector.ready[0][1] - last_write >= 0.1  # not before the copy went quiet
    finally:
        settler.stop()


def test_settler_sees_growth_without_events(tmp_path: Path) -> None:
    """Some writers (mmap, network redirectors) do not raise an event per write: size/mtime re-check."""
    collector = Collector()
    settler = Settler(0.2, collector)
    settler.start()
    try:
        path = tmp_path / "silent.bin"
        path.write_bytes(b"a")
        settler.touch(str(path))
        time.sleep(0.1)
        path.write_bytes(b"a" * 100)  # changes size, no touch
        started = time.monotonic()
        assert collector.event.wait(3)
        assert collector.ready[0][1] - started >= 0.15  # re-armed by the changed signature
    finally:
        settler.stop()


def test_settler_forgets_deleted_and_moved_away_paths(tmp_path: Path) -> None:
    collector = Collector()
    settler = Settler(0.2, collector)
    settler.start()
    try:
        gone = tmp_path / "gone.txt"
        gone.write_text("x")
        folder = tmp_path / "dir"
        folder.mkdir()
        inside = folder / "a.txt"
        inside.write_text("x")
        keep = tmp_path / "keep.txt"
        keep.write_text("x")
        for path in (gone, inside, keep):
            settler.touch(str(path))
        settler.forget(str(gone))
        settler.forget_tree(str(folder))
        assert collector.event.wait(3)
        time.sleep(0.4)
        assert [p for p, _ in collector.ready] == [str(keep)]
        # A path that vanished before it settled is dropped silently.
        vanish = tmp_path / "vanish.txt"
        vanish.write_text("x")
        settler.touch(str(vanish))
        vanish.unlink()
        time.sleep(0.5)
        assert settler.pending() == 0 and len(collector.ready) == 1
    finally:
        settler.stop()


def test_settler_overflow_asks_for_a_walk_once(tmp_path: Path) -> None:
    overflows: list[int] = []
    settler = Settler(60, lambda path: None, on_overflow=lambda: overflows.append(1), max_pending=3)
    for index in range(10):
        settler.touch(str(tmp_path / f"f{index}"))
    assert settler.pending() == 3 and overflows == [1]


def test_settler_stop_returns_promptly_when_idle() -> None:
    settler = Settler(1.0, lambda path: None)
    settler.start()
    start = time.monotonic()
    settler.stop()
    assert time.monotonic() - start < 1.0


def test_root_excludes_checks_the_file_and_every_folder_above_it(tmp_path: Path) -> None:
    root = str(tmp_path / "share")
    excluded = RootExcludes([root], ["**/~$*", "**/.snapshot/**", "tmp", "*.iso"])
    assert not excluded(f"{root}/clients/passwords.xlsx")
    assert excluded(f"{root}/clients/~$passwords.xlsx")
    assert excluded(f"{root}/.snapshot/hourly.0/passwords.xlsx")
    assert excluded(f"{root}/a/tmp/b/passwords.txt")  # a folder name without "/" excludes the folder
    assert excluded(f"{root}/images/win.iso")
    assert excluded(str(tmp_path / "elsewhere" / "x.txt"))  # outside every root
    assert excluded(f"{root}x/y.txt")  # a sibling with the root as a name prefix is not below it
    assert not RootExcludes([root + "/"], [])(f"{root}/x.txt")


def test_mount_fstype_picks_the_longest_mount_point(tmp_path: Path) -> None:
    mounts = tmp_path / "mounts"
    mounts.write_text(
        "/dev/sda1 / ext4 rw 0 0\n"
        "//fs01/share /srv/shares cifs rw 0 0\n"
        "fs02:/export /srv/shares/nfs nfs4 rw 0 0\n"
        "/dev/sdb1 /srv/with\\040space xfs rw 0 0\n"
    )
    assert mount_fstype("/srv/shares/clients", str(mounts)) == "cifs"
    assert mount_fstype("/srv/shares/nfs/x", str(mounts)) == "nfs4"
    assert mount_fstype("/srv/sharesX", str(mounts)) == "ext4"
    assert mount_fstype("/srv/with space/a", str(mounts)) == "xfs"
    assert mount_fstype("/x", str(tmp_path / "missing")) is None


def test_unwatchable_reasons(tmp_path: Path) -> None:
    assert unwatchable_reason(str(tmp_path)) is None
    assert "not a folder" in (unwatchable_reason(str(tmp_path / "missing")) or "")


@pytest.mark.parametrize(
    ("schedule", "message"),
    [({"full": "61 * * * *"}, "schedule.full"), ({"full": "nightly"}, "schedule.full")],
)
def test_bad_schedules_are_user_errors(schedule: dict[str, str], message: str) -> None:
    with pytest.raises(UserError, match=message):
        validate_schedule(parse_config({"schedule": schedule}))


def test_good_schedule_and_disabled_parts_validate() -> None:
    validate_schedule(parse_config({"schedule": {"full": "30 1 * * 6", "incremental": "15m"}}))
    validate_schedule(parse_config({"schedule": {"full": "", "incremental": ""}}))


def test_lower_priority_in_a_child_process() -> None:
    """nice 10 and the idle IO class, applied to the process that calls it (and inherited by workers)."""
    code = (
        "import os, shutil, subprocess; from credscan_agent.priority import lower_priority; "
        "print(lower_priority()); print(os.getpriority(os.PRIO_PROCESS, 0)); "
        "ionice = shutil.which('ionice'); "
        "out = subprocess.run([ionice, '-p', str(os.getpid())], capture_output=True, text=True).stdout "
        "if ionice else 'no-ionice'; print(out.strip())"
    )
    before = os.getpriority(os.PRIO_PROCESS, 0)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    done, nice, io_class = proc.stdout.splitlines()
    assert int(nice) >= 10 and "nice=" in done
    if sys.platform.startswith("linux"):
        assert "io=idle" in done
        assert io_class in ("idle", "no-ionice")
    assert os.getpriority(os.PRIO_PROCESS, 0) == before  # only the calling process is lowered


def test_engine_never_queues_a_walk_twice() -> None:
    engine = Engine.__new__(Engine)  # bookkeeping only: no scanner, no thread
    engine._walk = None
    engine._wanted = None
    engine._wanted_roots = None
    engine._interrupted = None
    engine._lock = threading.Lock()
    engine._central = FakeCentral()  # type: ignore[assignment]
    engine._roots = []
    engine._want_walk("incremental")
    engine._want_walk("incremental")
    assert engine._wanted == "incremental"
    engine._want_walk("full")  # a full walk supersedes a waiting incremental one
    assert engine._wanted == "full"
    engine._want_walk("incremental")  # covered by the waiting full walk
    assert engine._wanted == "full"
    engine._begin_walk()
    assert engine._walk is not None and engine._walk.kind == "full" and engine._wanted is None
    engine._want_walk("full")  # the same kind is running: not started twice
    engine._want_walk("incremental")  # a full walk is running: nothing to add
    assert engine._wanted is None


def test_console_echo_prints_lifecycle_and_warnings_only(caplog: pytest.LogCaptureFixture) -> None:
    from credscan_agent.console import ConsoleEcho

    echo = ConsoleEcho()
    with caplog.at_level(logging.INFO, logger="credscan.agent"):
        echo("finding.new", {"message": "New finding", "secret_masked": "Su****"})
        echo("agent.heartbeat", {"message": "alive"})
        echo("scan.started", {"credscan": {"scan": {"id": "w1", "kind": "watch"}}})
        echo("scan.completed", {"credscan": {"scan": {"id": "w1"}, "stats": {"files_scanned": 1}}})
        echo("scan.started", {"credscan": {"scan": {"id": "f1", "kind": "full"}}})
        done = {"files_scanned": 2, "findings": 1, "errors_count": 0}
        echo(
            "scan.completed",
            {"event": {"duration": 1.5e9}, "credscan": {"scan": {"id": "f1"}, "stats": done}},
        )
        echo("agent.warning", {"message": "not watching /srv/\x1b[2Jx: network mount"})
        echo("agent.stopped", {"event": {"reason": "signal SIGTERM"}})
    lines = [(record.levelname, record.getMessage()) for record in caplog.records]
    assert lines == [
        ("INFO", "full scan started"),
        ("INFO", "full scan completed in 1.5s: 2 files scanned, 1 finding, 0 errors"),
        ("WARNING", "not watching /srv/\\x1b[2Jx: network mount"),
        ("INFO", "stopped: signal SIGTERM"),
    ]


def test_status_text_is_human_sized_and_says_each_word_once() -> None:
    from credscan_agent.status import format_status

    status = {
        "version": "0.1.0",
        "host": "fs01",
        "agent": {"running": True, "pid": 4242, "since": "2026-12-05T04:00:00Z"},
        "last_scan": {
            "watch": {"completed": "2026-12-05T05:00:00Z", "stats": {"files_scanned": 1, "duration_s": 0.42}},
        },
        "outbox": {
            "bytes": 0,
            "max_bytes": 100 * 1024 * 1024,
            "destinations": {
                "syslog-0": {"type": "syslog", "target": "syslog udp://127.0.0.1:514 (cef)", "depth": 3},
                "soc": {"type": "webhook", "target": "webhook https://soc.example.net", "depth": 0},
            },
        },
    }
    text = format_status(status)
    assert "Agent:             running (pid 4242, since 2026-12-05T04:00:00Z)" in text
    assert "Outbox:            0 B of 100.0 MB" in text
    assert "  syslog-0: udp://127.0.0.1:514 (cef): 3 queued" in text
    assert "  soc (webhook): https://soc.example.net: 0 queued" in text
    assert "Watched files:     2026-12-05T05:00:00Z  (1 file scanned, 0 findings, 0.4s)" in text
    assert "Agent:             not running" in format_status({**status, "agent": {"running": False}})
