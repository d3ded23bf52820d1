"""The durable outbox: nothing lost while a destination is down, order kept, bounded with a counted drop."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from typing import Any

from credscan.central.service import CentralLog
from tests.support.central_fixtures import make_config
from tests.support.paths import REPO
from tests.support.services import HttpListener


def delivered(listener: HttpListener) -> list[dict[str, Any]]:
    return [event for request in listener.received() for event in json.loads(request.body)]


def messages(listener: HttpListener) -> list[str]:
    return [e["message"] for e in delivered(listener) if e["event"]["action"] == "agent.heartbeat"]


def test_events_made_while_down_arrive_on_the_next_run_in_order(tmp_path: Path) -> None:
    listener = HttpListener().start()
    port = listener.port
    listener.stop()  # connection refused
    config = make_config(tmp_path, [{"type": "webhook", "url": f"http://127.0.0.1:{port}/hook"}])
    with CentralLog(config) as central:
        for n in range(30):
            central.emit("agent.heartbeat", {"message": f"beat {n:02d}"})
        first = central.deliver(0.5)
        assert first["webhook-0"]["delivered"] == 0 and first["webhook-0"]["pending"] == 30
        assert "refused" in first["webhook-0"]["error"]
        status = central.status()["outbox"]["destinations"]["webhook-0"]
        assert status["depth"] == 30 and "refused" in status["last_error"]
    # A new process (restart): the queue is still there and goes out first, then the new events.
    listener = HttpListener(port).start()
    try:
        with CentralLog(config) as central:
            central.emit("agent.heartbeat", {"message": "beat 30"})
            result = central.deliver(10)
        assert result["webhook-0"] == {"delivered": 31, "error": None, "pending": 0}
        assert messages(listener) == [f"beat {n:02d}" for n in range(31)]
    finally:
        listener.stop()


def test_retries_with_backoff_within_one_delivery(tmp_path: Path) -> None:
    with HttpListener() as listener:
        listener.fail_status = 503
        config = make_config(tmp_path, [{"type": "webhook", "url": listener.url("/hook")}])
        with CentralLog(config) as central:
            for n in range(3):
                central.emit("agent.heartbeat", {"message": f"beat {n:02d}"})
            threading.Timer(1.2, lambda: setattr(listener, "fail_status", None)).start()
            started = time.monotonic()
            result = central.deliver(8)
            elapsed = time.monotonic() - started
        assert result["webhook-0"]["pending"] == 0
        assert messages(listener) == ["beat 00", "beat 01", "beat 02"]
        assert 1.0 < elapsed < 6.0  # backed off 1 s, 2 s …, not a busy loop, not the whole budget


def test_one_destination_down_does_not_hold_back_the_other(tmp_path: Path) -> None:
    with HttpListener() as up:
        down_port = HttpListener().start()
        port = down_port.port
        down_port.stop()
        config = make_config(
            tmp_path,
            [
                {"type": "webhook", "url": up.url("/up"), "name": "up"},
                {"type": "webhook", "url": f"http://127.0.0.1:{port}/down", "name": "down"},
            ],
        )
        with CentralLog(config) as central:
            for n in range(5):
                central.emit("agent.heartbeat", {"message": f"beat {n:02d}"})
            started = time.monotonic()
            result = central.deliver(1.5)
            assert time.monotonic() - started < 3.0  # bounded even with one destination down
            assert result["up"]["pending"] == 0 and result["down"]["pending"] == 5
            outbox_bytes = central.outbox.size_bytes
            assert outbox_bytes > 0  # kept for "down"
        assert len(messages(up)) == 5
    # "down" removed from the config: its queue is dropped, and the event bodies with it.
    config = make_config(tmp_path, [{"type": "webhook", "url": "http://127.0.0.1:9/up", "name": "up"}])
    with CentralLog(config) as central:
        assert central.outbox.size_bytes == 0
        assert central.status()["outbox"]["destinations"]["up"]["depth"] == 0


def test_bounded_outbox_drops_oldest_and_counts(tmp_path: Path) -> None:
    listener = HttpListener().start()
    port = listener.port
    listener.stop()
    config = make_config(
        tmp_path,
        [{"type": "webhook", "url": f"http://127.0.0.1:{port}/hook", "batch_size": 500}],
        agent={"outbox_max_size": "16KB"},
    )
    with CentralLog(config) as central:
        for n in range(200):
            central.emit("agent.heartbeat", {"message": f"beat {n:03d}"})
        assert central.outbox.size_bytes <= 16 * 1024
        dropped_total = central.status()["outbox"]["destinations"]["webhook-0"]["dropped"]
    assert dropped_total > 0
    listener = HttpListener(port).start()
    try:
        with CentralLog(config) as central:
            central.deliver(10)
        events = delivered(listener)
    finally:
        listener.stop()
    beats = messages(listener)
    # The newest survive, in order, ending with the last one; the oldest are gone.
    assert beats == sorted(beats) and beats[-1] == "beat 199" and "beat 000" not in beats
    drops = [e for e in events if e["event"]["action"] == "outbox.dropped"]
    assert drops and sum(e["credscan"]["outbox"]["dropped"]["webhook-0"] for e in drops) == dropped_total
    assert len(beats) + dropped_total >= 200 - len(drops)


def test_full_disk_does_not_crash_and_is_reported(tmp_path: Path) -> None:
    """RLIMIT_FSIZE makes every write past the limit fail with EFBIG, like a full disk."""
    script = textwrap.dedent(
        f"""
        import json, resource, sys
        sys.path.insert(0, {str(REPO)!r})
        from tests.support.central_fixtures import make_config
        from credscan.central.service import CentralLog

        config = make_config(__import__("pathlib").Path({str(tmp_path)!r}))
        central = CentralLog(config)
        central.emit("agent.heartbeat", {{"message": "before"}})
        central.outbox.commit()
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, resource.RLIM_INFINITY))
        for n in range(400):
            central.emit("agent.heartbeat", {{"message": "x" * 400 + str(n)}})
        central.begin_scan("full")
        failures = central.status()["state_write_failures"]
        resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
        central.emit("agent.heartbeat", {{"message": "after"}})
        central.close()
        print(json.dumps({{"failures": failures}}))
        """
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["failures"] > 0
    assert "cannot write agent state" in run.stderr and "Traceback" not in run.stderr
    lines = (tmp_path / "state" / "events.jsonl").read_text().splitlines()
    actions = [json.loads(line)["event"]["action"] for line in lines]
    warning = [json.loads(line) for line in lines if '"agent.warning"' in line]
    # Every line is whole JSON (a half-written line is cut off); once writes work again, "after" is logged
    # and followed by the warning that counts the failures.
    assert (
        actions[-2:] == ["agent.heartbeat", "agent.warning"] and json.loads(lines[-2])["message"] == "after"
    )
    assert warning[-1]["event"]["reason"] == "state write failed"
    assert warning[-1]["credscan"]["state"]["write_failures"] > 0
