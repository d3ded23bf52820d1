"""The background agent as a real process (`python -m credscan agent run --config CFG`) with its config,
state folder and event log, and the fixture that kills whatever a test left running."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.support.paths import REPO
from tests.support.services import wait_until

Event = dict[str, Any]


class Agent:
    """One agent process with its config, state folder and event log."""

    def __init__(self, tmp: Path, roots: list[Path], extra: str = "", settle: float = 0.5) -> None:
        self.tmp = tmp
        self.state = tmp / "state"
        self.state.mkdir(mode=0o700, exist_ok=True)
        self.config = tmp / "agent.toml"
        self.roots = roots
        self.write_config(roots, extra, settle)
        self.events_file = self.state / "events.jsonl"
        self.proc: subprocess.Popen[str] | None = None

    def write_config(self, roots: list[Path], extra: str = "", settle: float = 0.5) -> None:
        roots_toml = ", ".join(json.dumps(str(root)) for root in roots)
        self.config.write_text(
            f'[scan]\nroots = [{roots_toml}]\nexclude = ["**/~$*", "**/skip/**"]\njobs = 2\n'
            f'[schedule]\nfull = "0 3 * * *"\nincremental = "1h"\n'
            f"[watch]\nenabled = true\nsettle_seconds = {settle}\n"
            f'[state]\ndir = "{self.state}"\n[agent]\nheartbeat = "1h"\n{extra}'
        )

    def start(self) -> Agent:
        env = {**os.environ, "CREDSCAN_NO_KEYRING": "1", "PYTHONPATH": str(REPO)}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "credscan", "agent", "run", "--config", str(self.config)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
            cwd=self.tmp,
        )
        started = len(self.actions("agent.started"))
        self.wait_for(lambda: len(self.actions("agent.started")) > started, 30, "agent.started")
        return self

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def output(self) -> str:
        if self.proc is None or self.proc.poll() is None:
            return "(running)"
        return self.proc.stdout.read() if self.proc.stdout else ""

    def events(self) -> list[Event]:
        if not self.events_file.exists():
            return []
        # the last line may be mid-write (a reader can see part of a write): only whole lines count
        lines = self.events_file.read_text(encoding="utf-8").split("\n")[:-1]
        return [json.loads(line) for line in lines if line.strip()]

    def actions(self, action: str, path: str | None = None) -> list[Event]:
        return [
            event
            for event in self.events()
            if event["event"]["action"] == action
            and (path is None or event.get("file", {}).get("path") == path)
        ]

    def wait_for(self, predicate: Callable[[], bool], timeout: float, what: str) -> None:
        if not wait_until(predicate, timeout, interval=0.02):
            tail = [e["event"]["action"] + " " + str(e.get("message")) for e in self.events()[-15:]]
            raise AssertionError(
                f"timed out waiting for {what}; last events: {tail}; output: {self.output()}"
            )

    def wait_finding(self, path: Path, timeout: float = 10.0) -> float:
        """Seconds until finding.new for path appears in the event log."""
        start = time.monotonic()
        self.wait_for(lambda: bool(self.actions("finding.new", str(path))), timeout, f"finding.new {path}")
        return time.monotonic() - start

    def status(self) -> dict[str, Any]:
        proc = subprocess.run(
            [sys.executable, "-m", "credscan", "agent", "status", "--config", str(self.config), "--json"],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        assert proc.returncode == 0, proc.stderr
        return dict(json.loads(proc.stdout))

    def signal(self, signum: int) -> None:
        assert self.proc is not None
        self.proc.send_signal(signum)

    def wait_exit(self, timeout: float) -> int:
        assert self.proc is not None
        return self.proc.wait(timeout)

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
