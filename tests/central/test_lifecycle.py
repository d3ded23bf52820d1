"""Finding lifecycle in the central log: new, known, resolved, deleted, moved, swept; never re-announced."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from credscan.central.events import get_field
from credscan.central.service import CentralLog
from credscan.errors import UserError
from credscan.model import FileError, ScanStats, Skipped
from tests.support.central_fixtures import Result, file_mode, make_config, make_finding, make_ref
from tests.support.paths import REPO


def events(state: Path) -> list[dict[str, Any]]:
    path = state / "events.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def actions(state: Path) -> list[str]:
    return [event["event"]["action"] for event in events(state)]


def finding_events(state: Path, action: str) -> list[dict[str, Any]]:
    return [e for e in events(state) if e["event"]["action"] == action]


@pytest.fixture
def state(tmp_path: Path) -> Path:
    return tmp_path / "state"


def scan(central: CentralLog, results: list[Result], roots: list[str], full: bool = True) -> None:
    scan_id = central.begin_scan("full" if full else "incremental")
    for result in results:
        central.record_result(result, scan_id)
    central.complete_scan(scan_id, ScanStats(files_scanned=len(results)), roots=roots, full=full)


def test_new_then_known_then_resolved_across_restarts(tmp_path: Path, state: Path) -> None:
    root = tmp_path / "share"
    root.mkdir()
    config = make_config(tmp_path)
    a = make_finding(f"{root}/a.ini", "Winter2024!Pass", line=3)
    b = make_finding(f"{root}/a.ini", "Other-Secret-99", line=7)
    with CentralLog(config) as central:
        scan(central, [Result(make_ref(f"{root}/a.ini"), [a, b])], [str(root)])
    new = finding_events(state, "finding.new")
    assert {get_field(e, "credscan.finding.id") for e in new} == {a.id, b.id}

    # A restart and the same content: nothing is announced again.
    with CentralLog(config) as central:
        scan(central, [Result(make_ref(f"{root}/a.ini", mtime=2.0), [a, b])], [str(root)])
    assert len(finding_events(state, "finding.new")) == 2

    # b leaves the file: finding.resolved for b only, with a reason; a stays open.
    with CentralLog(config) as central:
        scan(central, [Result(make_ref(f"{root}/a.ini", mtime=3.0), [a])], [str(root)])
        status = central.status()
    resolved = finding_events(state, "finding.resolved")
    assert [get_field(e, "credscan.finding.id") for e in resolved] == [b.id]
    assert get_field(resolved[0], "event.reason") == "secret no longer in the file"
    assert get_field(resolved[0], "credscan.finding.status") == "resolved"
    assert status["findings_by_status"] == {"open": 1, "resolved": 1}
    assert status["open_by_severity"]["high"] == 1

    # b comes back: announced again as new (reopened), keeping first_seen in the store.
    with CentralLog(config) as central:
        scan(central, [Result(make_ref(f"{root}/a.ini", mtime=4.0), [a, b])], [str(root)])
        record = central.store.get_finding(b.id)
    again = finding_events(state, "finding.new")[-1]
    assert get_field(again, "credscan.finding.id") == b.id
    assert get_field(again, "credscan.finding.reopened") is True
    assert record is not None and record["status"] == "open" and record["reason"] is None


def test_finding_event_fields_are_ecs_and_spec(tmp_path: Path, state: Path) -> None:
    config = make_config(tmp_path)
    finding = make_finding("/srv/x/a.ini", "Winter2024!Pass", account="jdoe")
    with CentralLog(config, host_name="fs01") as central:
        scan(central, [Result(make_ref("/srv/x/a.ini"), [finding])], ["/srv/x"], full=False)
    event = finding_events(state, "finding.new")[0]
    assert event["@timestamp"].endswith("Z") and "T" in event["@timestamp"]
    assert get_field(event, "event.kind") == "alert"
    assert get_field(event, "event.severity") == 8
    assert get_field(event, "host.name") == "fs01"
    assert get_field(event, "agent.version")
    assert get_field(event, "file.path") == "/srv/x/a.ini"
    assert get_field(event, "file.name") == "a.ini"
    assert get_field(event, "rule.id") == "password-assignment"
    assert get_field(event, "user.name") == "jdoe"
    record = get_field(event, "credscan.finding")
    for key in ("id", "rule_id", "rule_name", "category", "severity", "confidence", "path", "location",
                "secret_masked", "secret_hash", "context", "account", "file", "remediation"):  # fmt: skip
        assert key in record, key
    assert "secret" not in record
    # The finding had no remediation: the central log writes one naming the configured vault.
    assert "Contoso Keeper (https://keeper.contoso.test)" in record["remediation"]


def test_record_gone_and_moved(tmp_path: Path, state: Path) -> None:
    config = make_config(tmp_path)
    one = make_finding("/srv/d/one.txt", "Secret-One-111")
    two = make_finding("/srv/d/sub/two.txt", "Secret-Two-222")
    three = make_finding("/srv/d/sub/three.txt", "Secret-Three-3")
    with CentralLog(config) as central:
        scan(
            central,
            [Result(make_ref(f.path), [f]) for f in (one, two, three)],
            ["/srv/d"],
            full=False,
        )
        central.record_gone("/srv/d/one.txt")
        central.record_moved("/srv/d/sub", "/srv/e/sub")  # a folder move: everything below it
        central.record_gone("/srv/d/one.txt")  # twice: nothing more to resolve
        counts = central.store.counts()
        assert central.store.file_states(["/srv/d/one.txt", "/srv/d/sub/two.txt"]) == {}
    reasons = {
        get_field(e, "credscan.finding.id"): get_field(e, "event.reason")
        for e in finding_events(state, "finding.resolved")
    }
    assert reasons == {
        one.id: "file deleted",
        two.id: "file moved to /srv/e/sub",
        three.id: "file moved to /srv/e/sub",
    }
    assert counts["by_status"] == {"resolved": 3}


def test_full_scan_sweeps_unseen_files_but_keeps_unreadable_ones(tmp_path: Path, state: Path) -> None:
    root = tmp_path / "share"
    (root / "locked").mkdir(parents=True)
    config = make_config(tmp_path)
    keep = make_finding(f"{root}/keep.txt", "Keep-Secret-1")
    gone = make_finding(f"{root}/gone.txt", "Gone-Secret-22")
    locked = make_finding(f"{root}/locked/x.txt", "Locked-Secret-3")
    big = make_finding(f"{root}/big.xlsx", "Big-Secret-4444")
    twin = make_finding(f"{root}2/other.txt", "Prefix-Twin-55")  # "share2" is not below "share"
    with CentralLog(config) as central:
        scan(central, [Result(make_ref(f.path), [f]) for f in (keep, gone, locked, big, twin)], [str(root)])
        scan_id = central.begin_scan("full")
        central.record_result(Result(make_ref(keep.path), [keep]), scan_id)
        stats = ScanStats(
            errors=[FileError(f"{root}/locked", "permission denied")],
            skipped=[Skipped(big.path, "too large")],
        )
        central.complete_scan(scan_id, stats, roots=[str(root)], full=True)
        statuses = {f["id"]: f["status"] for f in central.store.list_findings()}
    assert statuses == {
        keep.id: "open",
        gone.id: "resolved",
        locked.id: "open",
        big.id: "open",
        twin.id: "open",
    }
    resolved = finding_events(state, "finding.resolved")
    assert [get_field(e, "event.reason") for e in resolved] == [
        "file no longer found under the scanned roots"
    ]
    completed = finding_events(state, "scan.completed")[-1]
    assert get_field(completed, "credscan.scan.files_gone") == 1


def test_full_scan_of_an_unavailable_root_resolves_nothing(tmp_path: Path, state: Path) -> None:
    """An unmounted share looks like an empty folder: that must not resolve every finding."""
    root = tmp_path / "mnt"
    root.mkdir()
    config = make_config(tmp_path)
    findings = [make_finding(f"{root}/f{i}.txt", f"Mount-Secret-{i:03d}") for i in range(3)]
    with CentralLog(config) as central:
        scan(central, [Result(make_ref(f.path), [f]) for f in findings], [str(root)])
        scan(central, [], [str(root)])
        assert central.store.counts()["by_status"] == {"open": 3}
    assert finding_events(state, "finding.resolved") == []
    warning = finding_events(state, "agent.warning")[-1]
    assert get_field(warning, "event.reason") == "root unavailable"


def test_file_error_event_and_retry(tmp_path: Path, state: Path) -> None:
    config = make_config(tmp_path)
    finding = make_finding("/srv/y/a.docx", "Docx-Secret-77")
    ref = make_ref("/srv/y/a.docx")
    with CentralLog(config) as central:
        scan(central, [Result(ref, [finding])], ["/srv/y"], full=False)
        assert central.is_unchanged(ref)
        scan(central, [Result(ref, error=FileError(ref.path, "truncated zip"))], ["/srv/y"], full=False)
        # A failed read neither resolves the old finding nor lets the next incremental scan skip the file.
        assert not central.is_unchanged(ref)
        assert central.store.counts()["by_status"] == {"open": 1}
    error = finding_events(state, "file.error")[0]
    assert get_field(error, "file.path") == "/srv/y/a.docx"
    assert get_field(error, "error.message") == "truncated zip"


def test_a_file_read_in_part_announces_its_findings_and_resolves_nothing(tmp_path: Path, state: Path) -> None:
    """A file stopped at its time budget: the findings read so far are new, the ones in the unread rest stay
    open, and the file is read again by the next incremental scan."""
    config = make_config(tmp_path)
    ref = make_ref("/srv/logs/app.log")
    early = make_finding(ref.path, "Early-Secret-11", line=2)
    late = make_finding(ref.path, "Late-Secret-22", line=900_000)
    fresh = make_finding(ref.path, "Fresh-Secret-33", line=5)
    stopped = FileError(ref.path, "stopped at its time budget (120s, file_timeout_s)")
    with CentralLog(config) as central:
        scan(central, [Result(ref, [early, late])], ["/srv/logs"], full=False)
        scan(central, [Result(ref, [early, fresh], error=stopped)], ["/srv/logs"], full=False)
        assert not central.is_unchanged(ref)
        statuses = central.store.statuses_for_file(ref.path)
    assert statuses == {early.id: "open", late.id: "open", fresh.id: "open"}
    assert [get_field(e, "credscan.finding.id") for e in finding_events(state, "finding.new")] == [
        early.id,
        late.id,
        fresh.id,
    ]
    assert finding_events(state, "finding.resolved") == []
    assert get_field(finding_events(state, "file.error")[0], "error.message") == stopped.error


def test_unchanged_filter_batches_and_compares_size_mtime_inode(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    refs = [make_ref(f"/srv/z/{i}.txt", size=i, mtime=float(i), file_id=str(i)) for i in range(1200)]
    with CentralLog(config) as central:
        scan_id = central.begin_scan("full")
        for ref in refs:
            central.record_result(Result(ref), scan_id)
        central.complete_scan(scan_id, ScanStats(), roots=["/srv/z"], full=False)
        changed = [
            make_ref("/srv/z/5.txt", size=6, mtime=5.0, file_id="5"),  # size
            make_ref("/srv/z/6.txt", size=6, mtime=6.5, file_id="6"),  # mtime
            make_ref("/srv/z/7.txt", size=7, mtime=7.0, file_id="99"),  # inode (replaced file)
            make_ref("/srv/z/new.txt"),
        ]
        candidates = [*refs, *changed]
        assert [r.path for r in central.unchanged_filter(candidates)] == [r.path for r in changed]
        assert central.is_unchanged(refs[0]) and not central.is_unchanged(changed[0])


def test_state_dir_readable_by_others_is_refused(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    (tmp_path / "state").mkdir(mode=0o755)
    os.chmod(tmp_path / "state", 0o755)
    with pytest.raises(UserError, match="chmod 700"):
        CentralLog(config)


def test_state_files_are_private(tmp_path: Path, state: Path) -> None:
    config = make_config(tmp_path, log={"max_size": "2KB", "backups": 2})
    old_umask = os.umask(0o022)
    try:
        with CentralLog(config) as central:
            for n in range(60):
                central.emit("agent.heartbeat", {"message": f"beat {n}"})
            scan(central, [Result(make_ref("/s/a"), [make_finding("/s/a", "Private-Secret-1")])], ["/s"])
    finally:
        os.umask(old_umask)
    assert file_mode(state) == 0o700
    for name in ("credscan.db", "outbox.db", "events.jsonl", "events.jsonl.1", "events.jsonl.2"):
        assert file_mode(state / name) == 0o600, name
    for side in state.glob("*.db-*"):
        assert file_mode(side) == 0o600, side.name
    # Rotation keeps a bounded number of old files, each within the size bound.
    assert not (state / "events.jsonl.3").exists()
    for name in ("events.jsonl", "events.jsonl.1", "events.jsonl.2"):
        assert (state / name).stat().st_size <= 2048
        for line in (state / name).read_text().splitlines():
            json.loads(line)


def test_store_schema_is_readable_by_others(tmp_path: Path, state: Path) -> None:
    """The report and `findings` read credscan.db directly: the documented columns are there."""
    config = make_config(tmp_path)
    with CentralLog(config) as central:
        scan(central, [Result(make_ref("/s/a"), [make_finding("/s/a", "Schema-Secret-9")])], ["/s"])
    conn = sqlite3.connect(state / "credscan.db")
    columns = {row[1] for row in conn.execute("PRAGMA table_info(findings)")}
    assert {"id", "path", "rule_id", "category", "severity", "masked", "secret_hash", "location", "context",
            "account", "first_seen", "last_seen", "status", "resolved_at", "reason"} <= columns  # fmt: skip
    assert conn.execute("SELECT open, resolved, high FROM history").fetchall() == [(1, 0, 1)]
    conn.close()


def test_an_idle_agent_does_not_lock_out_triage(tmp_path: Path, state: Path) -> None:
    """After deliver() (which the agent calls when idle) another process can write the store at once."""
    config = make_config(tmp_path)
    finding = make_finding("/s/a", "Idle-Secret-77")
    with CentralLog(config) as central:
        scan_id = central.begin_scan("watch")
        central.record_result(Result(make_ref("/s/a"), [finding]), scan_id)
        other = sqlite3.connect(state / "credscan.db", timeout=0.2)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("UPDATE findings SET status='accepted' WHERE id=?", (finding.id,))
        central.deliver(1)
        other.execute("UPDATE findings SET status='accepted' WHERE id=?", (finding.id,))
        other.commit()
        other.close()
        assert central.store.counts()["by_status"] == {"accepted": 1}


def test_survives_kill_9_mid_write(tmp_path: Path, state: Path) -> None:
    """A SIGKILL while scanning leaves consistent databases; the queue is intact and still ordered."""
    import signal
    import subprocess
    import sys
    import textwrap
    import time

    script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(REPO)!r})
        from pathlib import Path
        from tests.support.central_fixtures import Result, make_config, make_finding, make_ref
        from credscan.central.service import CentralLog
        config = make_config(Path({str(tmp_path)!r}), [{{"type": "webhook", "url": "http://127.0.0.1:9/x"}}])
        central = CentralLog(config)
        scan_id = central.begin_scan("full")
        print("ready", flush=True)
        n = 0
        while True:
            path = f"/s/f{{n}}.txt"
            finding = make_finding(path, f"Kill-Secret-{{n:06d}}")
            central.record_result(Result(make_ref(path), [finding]), scan_id)
            n += 1
        """
    )
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    time.sleep(3.0)  # findings cost a scrypt derivation each: let a few batches commit
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    (state / "events.jsonl").open("ab").write(b'{"half a line')  # as if the power went mid-write
    config = make_config(tmp_path, [{"type": "webhook", "url": "http://127.0.0.1:9/x"}])
    with CentralLog(config) as central:
        central.emit("agent.started", {})
        for db in ("credscan.db", "outbox.db"):
            conn = sqlite3.connect(state / db)
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            conn.close()
        known = {record["id"] for record in central.store.list_findings()}
        queued = central.outbox.peek("webhook-0", 1_000_000)
    assert len(known) > 10
    seqs = [seq for seq, _ in queued]
    assert seqs == sorted(seqs)
    announced = {
        event["credscan"]["finding"]["id"]
        for event in (json.loads(body) for _, body in queued)
        if event["event"]["action"] == "finding.new"
    }
    assert known <= announced  # a finding the store knows was never lost on its way to the SIEM
    lines = (state / "events.jsonl").read_text().splitlines()
    assert lines[-2] == '{"half a line' and json.loads(lines[-1])["event"]["action"] == "agent.started"


def test_store_never_commits_ahead_of_the_outbox(tmp_path: Path, state: Path) -> None:
    """When the store commits a finding as known, its finding.new is already durable in the outbox."""
    config = make_config(tmp_path, [{"type": "webhook", "url": "http://127.0.0.1:9/x"}])
    with CentralLog(config) as central:
        scan_id = central.begin_scan("full")
        for n in range(20):
            path = f"/s/f{n}.txt"
            central.record_result(
                Result(make_ref(path), [make_finding(path, f"Order-Secret-{n:04d}")]), scan_id
            )
        central.store.commit()
        reader = sqlite3.connect(state / "outbox.db")  # another process's view: committed data only
        bodies = [json.loads(row[0]) for row in reader.execute("SELECT body FROM events")]
        reader.close()
        stored = sqlite3.connect(state / "credscan.db")
        known = {row[0] for row in stored.execute("SELECT id FROM findings")}
        stored.close()
    announced = {e["credscan"]["finding"]["id"] for e in bodies if e["event"]["action"] == "finding.new"}
    assert len(known) == 20 and known <= announced
