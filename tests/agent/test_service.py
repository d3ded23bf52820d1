"""The long-running agent as a real process: `python -m credscan agent run --config CFG` on a watched folder.

Real files are dropped, moved and deleted; the assertions read the agent's own event log (events.jsonl),
its store through `agent status`, /proc for CPU use, and an HTTP listener standing in for a SIEM.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tests.support.agent_process import Agent
from tests.support.docbuilders import make_xlsx
from tests.support.services import HttpListener

SECRET = "Xq7!mR2pLz"
CLK_TCK = os.sysconf("SC_CLK_TCK")


def tree_cpu_ticks(pid: int) -> int:
    """utime+stime of pid and all its descendants (forkserver, workers), from /proc."""
    parents: dict[int, int] = {}
    ticks: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            text = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2 :].split()
        parents[int(entry)] = int(fields[1])
        ticks[int(entry)] = int(fields[11]) + int(fields[12])
    family = {pid}
    grew = True
    while grew:
        new = {child for child, parent in parents.items() if parent in family} - family
        grew = bool(new)
        family |= new
    return sum(ticks.get(member, 0) for member in family)


def password_text(path: Path, account: str = "admin") -> Path:
    path.write_text(f"Firewall fw01\nuser: {account}\npassword: {SECRET}\n", encoding="utf-8")
    return path


def assert_no_plaintext(folder: Path) -> None:
    for file in folder.rglob("*"):
        if file.is_file():
            assert SECRET.encode() not in file.read_bytes(), file


def test_watch_finds_resolves_rehomes_and_stops_cleanly(tmp_path: Path, agents: list[Agent]) -> None:
    share = tmp_path / "share"
    (share / "skip").mkdir(parents=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    with HttpListener() as siem:
        agent = Agent(tmp_path, [share], f'[[forward]]\ntype = "webhook"\nurl = "{siem.url("/hook")}"\n')
        agents.append(agent.start())
        agent.wait_for(lambda: bool(agent.actions("scan.completed")), 30, "the start-up scan")
        first = agent.actions("scan.started")[0]
        assert first["credscan"]["scan"]["kind"] == "full"  # empty store: the first scan is a full one
        started = agent.actions("agent.started")[0]["credscan"]["agent"]
        assert started["watching"] == [str(share)] and started["config"]["roots"] == [str(share)]

        # Files dropped into the share: each one a finding.new within seconds.
        latencies = []
        for index in range(5):
            latencies.append(agent.wait_finding(password_text(share / f"logins-{index}.txt", f"adm{index}")))
        workbook = outside / "Passwords.xlsx"
        make_xlsx(workbook, {"Clients": [["System", "Username", "Password"], ["NAS", "admin", SECRET]]})
        moved_in = share / "Passwords.xlsx"
        start = time.monotonic()
        os.replace(workbook, moved_in)  # a finished file moved in from elsewhere
        agent.wait_finding(moved_in)
        latencies.append(time.monotonic() - start)
        median = statistics.median(latencies)
        print(f"\nwatch latency (file written -> finding.new in events.jsonl): median {median:.2f}s, "
              f"max {max(latencies):.2f}s, n={len(latencies)}")  # fmt: skip
        assert median < 3.0, latencies

        # Excluded names and folders are never scanned (checked after a later file, scanned in order).
        password_text(share / "~$lock.txt")
        password_text(share / "skip" / "hidden.txt")
        agent.wait_finding(password_text(share / "after-excluded.txt"))
        time.sleep(0.7)
        assert not agent.actions("finding.new", str(share / "~$lock.txt"))
        assert not agent.actions("finding.new", str(share / "skip" / "hidden.txt"))

        # Delete -> resolved.
        (share / "logins-0.txt").unlink()
        agent.wait_for(
            lambda: bool(agent.actions("finding.resolved", str(share / "logins-0.txt"))), 5, "resolve"
        )

        # Rename inside the share -> old place resolved, new place announced.
        os.rename(share / "logins-1.txt", share / "renamed.txt")
        agent.wait_finding(share / "renamed.txt")
        assert agent.actions("finding.resolved", str(share / "logins-1.txt"))

        # A folder with a finding moved out of the share -> everything below it resolved.
        sub = share / "project"
        sub.mkdir()
        agent.wait_finding(password_text(sub / "deep.txt"))
        shutil.move(str(sub), str(outside / "project"))
        agent.wait_for(
            lambda: bool(agent.actions("finding.resolved", str(sub / "deep.txt"))), 5, "tree resolve"
        )

        # Idle: the whole process tree (agent, forkserver, workers) stays under 3% of one CPU.
        time.sleep(1.0)
        before, t0 = tree_cpu_ticks(agent.pid), time.monotonic()
        time.sleep(3.0)
        cpu = (tree_cpu_ticks(agent.pid) - before) / CLK_TCK / (time.monotonic() - t0)
        print(f"idle CPU of the agent's process tree over 3 s: {cpu * 100:.2f}%")
        assert cpu < 0.03

        # SIGTERM: exit 0 within a few seconds, agent.stopped last, delivered to the SIEM too.
        start = time.monotonic()
        agent.signal(signal.SIGTERM)
        assert agent.wait_exit(10) == 0
        print(f"stop after SIGTERM: {time.monotonic() - start:.2f}s")
        assert time.monotonic() - start < 8
        assert agent.events()[-1]["event"]["action"] == "agent.stopped"
        delivered = [json.loads(r.body) for r in siem.received()]
        flat = [event for body in delivered for event in (body if isinstance(body, list) else [body])]
        assert any("agent.stopped" in json.dumps(event) for event in flat)
        assert any("finding.new" in json.dumps(event) for event in flat)
    assert_no_plaintext(agent.state)
    output = agent.output()
    assert "Traceback" not in output, output


def test_settling_file_is_scanned_once_complete(tmp_path: Path, agents: list[Agent]) -> None:
    share = tmp_path / "share"
    share.mkdir()
    agent = Agent(tmp_path, [share], settle=0.6)
    agents.append(agent.start())
    agent.wait_for(lambda: bool(agent.actions("scan.completed")), 30, "the start-up scan")
    growing = share / "export.txt"
    with growing.open("w", encoding="utf-8") as handle:  # a slow copy: the password arrives last
        for line in range(8):
            handle.write(f"line {line} of an export without credentials\n")
            handle.flush()
            time.sleep(0.2)
        handle.write(f"password: {SECRET}\n")
        handle.flush()
        finished = time.time()
    agent.wait_finding(growing)
    found = agent.actions("finding.new", str(growing))
    assert len(found) == 1
    # Scanned after the last write, not half-way: one file scanned by the watcher in total.
    agent.signal(signal.SIGTERM)
    assert agent.wait_exit(10) == 0
    kinds = {
        e["credscan"]["scan"]["id"]: e["credscan"]["scan"]["kind"] for e in agent.actions("scan.started")
    }
    watch_scans = [
        e for e in agent.actions("scan.completed") if kinds[e["credscan"]["scan"]["id"]] == "watch"
    ]
    assert sum(e["credscan"]["stats"]["files_scanned"] for e in watch_scans) == 1
    assert found[0]["@timestamp"] >= time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(finished))


def test_kill9_then_restart_resumes_without_duplicates(tmp_path: Path, agents: list[Agent]) -> None:
    share = tmp_path / "share"
    share.mkdir()
    password_text(share / "before.txt")
    agent = Agent(tmp_path, [share, tmp_path / "missing-root"])
    agents.append(agent.start())
    agent.wait_finding(share / "before.txt")
    unwatched = [e for e in agent.actions("agent.warning") if "not watching" in e.get("message", "")]
    assert unwatched and unwatched[0]["file"]["path"] == str(tmp_path / "missing-root")
    agent.wait_finding(password_text(share / "watched.txt"))
    # The store is readable while the agent runs; wait until both files are committed, then kill -9.
    agent.wait_for(lambda: agent.status()["files"] >= 2, 10, "store commit")
    running = agent.status()["agent"]
    assert running["running"] is True and running["pid"] == agent.pid and running["since"].endswith("Z")
    agent.proc.kill()  # type: ignore[union-attr]
    agent.wait_exit(10)
    assert agent.events()[-1]["event"]["action"] != "agent.stopped"

    status = agent.status()  # no agent running; kill -9 left its lock file, but no lock
    assert status["open_by_severity"]["high"] + status["open_by_severity"]["critical"] >= 2
    assert status["agent"] == {"running": False}

    restarted = Agent(tmp_path, [share, tmp_path / "missing-root"])
    agents.append(restarted.start())
    restarted.wait_for(lambda: len(restarted.actions("scan.completed")) >= 2, 30, "restart scan")
    scans = restarted.actions("scan.started")
    assert scans[-1]["credscan"]["scan"]["kind"] == "incremental"  # a full scan completed before
    restarted.wait_finding(password_text(share / "after-restart.txt"))
    for name in ("before.txt", "watched.txt"):
        ids = [e["credscan"]["finding"]["id"] for e in restarted.actions("finding.new", str(share / name))]
        assert len(ids) == len(set(ids)) == 1, f"{name} announced {len(ids)} times"
    assert restarted.status()["agent"]["pid"] == restarted.pid
    restarted.signal(signal.SIGINT)
    assert restarted.wait_exit(10) == 0
    assert restarted.events()[-1]["event"]["action"] == "agent.stopped"
    assert restarted.status()["agent"] == {"running": False}  # the lock died with the process


def test_sighup_reloads_config_and_keeps_old_one_when_bad(tmp_path: Path, agents: list[Agent]) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    agent = Agent(tmp_path, [first])
    agents.append(agent.start())
    agent.wait_for(lambda: bool(agent.actions("scan.completed")), 30, "the start-up scan")

    # A broken config: refused with an event, the agent keeps watching with the old one.
    agent.config.write_text("[scan\nroots = oops")
    agent.signal(signal.SIGHUP)
    agent.wait_for(
        lambda: any("reload refused" in e.get("message", "") for e in agent.actions("agent.warning")),
        10,
        "refusal",
    )
    agent.wait_finding(password_text(first / "still-watched.txt"))

    # A good config: the new root is watched after the reload.
    agent.write_config([first, second])
    agent.signal(signal.SIGHUP)
    agent.wait_for(lambda: bool(agent.actions("agent.reloaded")), 30, "agent.reloaded")
    reloaded = agent.actions("agent.reloaded")[0]["credscan"]["agent"]
    assert reloaded["watching"] == [str(first), str(second)]
    agent.wait_finding(password_text(second / "new-root.txt"))
    agent.signal(signal.SIGTERM)
    assert agent.wait_exit(10) == 0
    assert agent.events()[-1]["event"]["action"] == "agent.stopped"
    assert len(agent.actions("agent.started")) == 1  # a reload is not a restart

    # The same story on stderr, one line each (what `journalctl -u credscan-agent` shows); no secret.
    console = agent.output().splitlines()
    assert all(line.startswith("credscan-agent: ") for line in console), console
    assert any(
        f"started (pid {agent.pid}); 1 root; watching 1 of 1; full walk '0 3 * * *'; incremental every 1h"
        in line
        for line in console
    )
    assert any(
        re.search(r"watch scan completed in [0-9.]+s: 1 file scanned, 1 finding, 0 errors", line)
        for line in console
    )
    assert any(line.startswith("credscan-agent: warning: config reload refused") for line in console)
    assert any("reloaded (pid" in line and "2 roots; watching 2 of 2" in line for line in console)
    assert console[-1] == "credscan-agent: stopped: signal SIGTERM"

    # A watch scan stays open between batches; its duration is the time spent scanning, not its age.
    watch_ids = {
        e["credscan"]["scan"]["id"]
        for e in agent.actions("scan.started")
        if e["credscan"]["scan"]["kind"] == "watch"
    }
    watch_done = [e for e in agent.actions("scan.completed") if e["credscan"]["scan"]["id"] in watch_ids]
    assert watch_done and all(e["credscan"]["stats"]["duration_s"] < 1.5 for e in watch_done)
    assert SECRET not in agent.output()


def test_bad_config_is_a_one_line_error(tmp_path: Path) -> None:
    config = tmp_path / "agent.toml"
    config.write_text('[scan]\nroots = []\n[state]\ndir = "' + str(tmp_path / "s") + '"\n')
    proc = subprocess.run(
        [sys.executable, "-m", "credscan", "agent", "run", "--config", str(config)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 2 and "roots is empty" in proc.stderr and "Traceback" not in proc.stderr
    config.write_text(f'[scan]\nroots = ["{tmp_path}"]\n[schedule]\nfull = "every tuesday"\n')
    proc = subprocess.run(
        [sys.executable, "-m", "credscan", "agent", "run", "--config", str(config)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 2 and "schedule.full" in proc.stderr and "Traceback" not in proc.stderr


def test_sigterm_during_a_full_walk_abandons_it_and_the_restart_walks_again(
    tmp_path: Path, agents: list[Agent]
) -> None:
    share = tmp_path / "share"
    for folder in range(20):
        (share / f"d{folder}").mkdir(parents=True)
        for index in range(40):
            (share / f"d{folder}" / f"note{index}.txt").write_text("meeting notes, nothing secret\n" * 50)
    agent = Agent(tmp_path, [share])
    agents.append(agent.start())
    agent.wait_for(lambda: bool(agent.actions("scan.started")), 30, "scan.started")
    start = time.monotonic()
    agent.signal(signal.SIGTERM)
    assert agent.wait_exit(15) == 0
    print(f"\nstop during a full walk: {time.monotonic() - start:.2f}s")
    assert time.monotonic() - start < 8
    assert agent.events()[-1]["event"]["action"] == "agent.stopped"
    assert not agent.actions("scan.completed")  # abandoned, not completed as if it had seen everything

    restarted = Agent(tmp_path, [share])
    agents.append(restarted.start())
    restarted.wait_for(lambda: bool(restarted.actions("scan.completed")), 60, "the full walk")
    assert restarted.actions("scan.started")[-1]["credscan"]["scan"]["kind"] == "full"
    assert restarted.actions("scan.completed")[-1]["credscan"]["stats"]["files_seen"] == 800
