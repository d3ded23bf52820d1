"""The long-running agent: `credscan agent run --config FILE` without --once.

Threads: main (signals, reload, health), the engine (scans and store writes, agent.engine), the
settler and watchdog observer (file events), APScheduler (full/incremental/heartbeat timers) and the
delivery loop (outbox -> SIEM). All of them block on queues, events or the kernel when there is
nothing to do, so an idle agent costs no CPU.

Signals: SIGTERM/SIGINT stop within seconds (the current file is finished or abandoned, the outbox
gets a short last delivery, agent.stopped, exit 0); SIGHUP re-reads the config and restarts watches
and schedules, keeping the old config when the new one is bad. A kill -9 loses nothing: every event
is in the outbox before the store changes, and the next start resumes from the store.
"""

from __future__ import annotations

import logging
import os
import queue
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from apscheduler.schedulers.background import BackgroundScheduler

from credscan import __version__
from credscan.central.runner import scan_options
from credscan.central.service import CentralLog, prepare_state_dir
from credscan.central.statecheck import hold_agent_lock
from credscan.config import Config, load_config
from credscan.errors import UserError
from credscan.sources import is_remote

from .console import ConsoleEcho, setup_console_logging
from .engine import Engine
from .priority import lower_priority
from .schedules import start_scheduler, stop_scheduler, validate_schedule
from .settle import Settler, Signature, signature
from .smbwatch import RemoteSignatures, ShareEvents, ShareWatch, signature_for
from .watcher import RootExcludes, Watcher, WatchEvents

LOG = logging.getLogger("credscan.agent")

DELIVER_INTERVAL_S = 5.0
"""The delivery loop wakes at least this often (to retry a destination that was down)."""
DELIVER_TIMEOUT_S = 10.0
FINAL_DELIVER_S = 3.0
"""How long a stopping agent keeps trying to empty the outbox; the rest goes out after the next start."""
ENGINE_STOP_S = 6.0
HEALTH_CHECK_S = 30.0
SIGNAL_SLICE_S = 0.5
"""Longest time a signal (stop, reload) waits for the main thread to notice it."""

STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGINT") if hasattr(signal, name))
RELOAD_SIGNAL = getattr(signal, "SIGHUP", None)


def load_agent_config(path: str | os.PathLike[str]) -> Config:
    """The config as the long-running agent needs it: valid schedule, at least one root."""
    config = load_config(path)
    if not config.scan.roots:
        raise UserError(f"config {path}: [scan] roots is empty; nothing to scan")
    validate_schedule(config)
    return config


class DeliveryLoop:
    """Pushes the outbox to the destinations whenever events were queued (and every few seconds)."""

    def __init__(self, central: CentralLog) -> None:
        self._central = central
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="credscan-deliver", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float) -> None:
        self._stop.set()
        self._central.pending.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._central.pending.wait(DELIVER_INTERVAL_S)
            if self._stop.is_set():
                return
            self._central.pending.clear()
            try:
                results = self._central.deliver(DELIVER_TIMEOUT_S)
            except Exception:  # a destination bug must not end delivery for good
                LOG.exception("delivery failed")
                results = {}
            if any(result.get("pending") for result in results.values()):
                self._stop.wait(DELIVER_INTERVAL_S)  # destination down: CentralLog backs off, we wait


@dataclass
class Runtime:
    """Everything built from one config; a reload stops it and starts a new one."""

    config: Config
    central: CentralLog
    engine: Engine
    scheduler: BackgroundScheduler | None = None
    settler: Settler | None = None
    watcher: Watcher | None = None
    share_watches: list[ShareWatch] = field(default_factory=list)
    remote_signatures: RemoteSignatures | None = None
    delivery: DeliveryLoop | None = None
    started: float = field(default_factory=time.monotonic)

    @classmethod
    def start(cls, config: Config, central: CentralLog) -> Runtime:
        key = central.fingerprint_key()
        engine = Engine(central, scan_options(config, key.key), config.scan.roots)
        engine.start()
        runtime = cls(config, central, engine)
        runtime.delivery = DeliveryLoop(central)
        runtime.delivery.start()
        if config.watch.enabled:
            runtime._start_watching()
        runtime.scheduler = start_scheduler(config, engine.request_walk, runtime.heartbeat)
        return runtime

    def _start_watching(self) -> None:
        """inotify (watchdog) for local roots, one SMB2 CHANGE_NOTIFY watch per smb:// root; both feed
        the same settler and engine."""
        roots = self.config.scan.roots
        local = [root for root in roots if not is_remote(root)]
        remote = [root for root in roots if is_remote(root)]
        source_options = scan_options(self.config, b"").source_options
        stat: Callable[[str], Signature] = signature
        if remote:
            self.remote_signatures = RemoteSignatures(source_options)
            stat = signature_for(signature, self.remote_signatures)
        self.settler = Settler(
            self.config.watch.settle_seconds,
            self.engine.scan_path,
            on_overflow=lambda: self.engine.request_walk("incremental"),
            signature=stat,
        )
        self.settler.start()
        events = WatchEvents(self.settler, self.engine, RootExcludes(roots, self.config.scan.exclude))
        self.watcher = Watcher(local, events)
        self.watcher.start()
        sink = ShareEvents(events, self.engine, self.central)
        self.share_watches = [ShareWatch(root, source_options, sink) for root in remote]
        for watch in self.share_watches:
            watch.start()

    def announce(self, verb: str, lowered: list[str]) -> None:
        """agent.started / agent.reloaded with the config summary, then one warning per unwatched root."""
        agent = {
            "mode": "service",
            "pid": os.getpid(),
            "config": self.central.config_summary(),
            "priority": lowered,
            **self.summary(),
        }
        self.central.emit(
            f"agent.{verb}",
            {"message": f"credscan agent {__version__} {verb}", "credscan": {"agent": agent}},
        )
        for miss in self.watcher.unwatched if self.watcher else []:
            self.central.emit(
                "agent.warning",
                {
                    "message": f"not watching {miss.root}: {miss.reason}",
                    "event": {"reason": "watch unavailable"},
                    "file": {"path": miss.root},
                },
            )

    def summary(self) -> dict[str, Any]:
        """What agent.started/agent.reloaded add to the central log's config summary."""
        watcher = self.watcher
        return {
            "watching": (list(watcher.watched) if watcher else []) + [w.root for w in self.share_watches],
            "not_watching": [{"root": m.root, "reason": m.reason} for m in watcher.unwatched]
            if watcher
            else [],
        }

    def heartbeat(self) -> None:
        """Scheduler thread: the engine emits it, so the heartbeat also proves the engine is alive."""
        self.engine.heartbeat(
            {
                "message": f"credscan agent {__version__} alive",
                "credscan": {
                    "agent": {
                        "pid": os.getpid(),
                        "uptime_s": round(time.monotonic() - self.started),
                        "settling": self.settler.pending() if self.settler else 0,
                        "max_rss_kb": _max_rss_kb(),
                    }
                },
            }
        )

    def first_scan(self) -> None:
        """Resume: an interrupted full scan where it stopped; a full walk if no full scan ever completed;
        else an incremental one."""
        interrupted = self.central.interrupted_full_scan()
        if interrupted is not None:
            self.engine.resume_walk(interrupted)
            return
        last = self.central.status().get("last_scan", {})
        self.engine.request_walk("incremental" if last.get("full") else "full")

    def stop(self) -> None:
        """Stop timers and watches first (no new work), then the engine, then delivery."""
        stop_scheduler(self.scheduler)
        if self.watcher is not None:
            self.watcher.stop()
        for watch in self.share_watches:
            watch.stop()
        if self.remote_signatures is not None:
            self.remote_signatures.close()
        if self.settler is not None:
            self.settler.stop()
        self.engine.stop(ENGINE_STOP_S)
        if self.delivery is not None:
            self.delivery.stop(FINAL_DELIVER_S)


class SignalBox:
    """Signals become items of a queue the main thread waits on (SimpleQueue.put is signal-safe)."""

    def __init__(self) -> None:
        self._queue: queue.SimpleQueue[int] = queue.SimpleQueue()

    def install(self) -> None:
        for signum in (*STOP_SIGNALS, RELOAD_SIGNAL):
            if signum is not None:
                signal.signal(signum, self._handle)

    def _handle(self, signum: int, frame: object) -> None:
        self._queue.put(signum)

    def wait(self, timeout: float) -> int | None:
        """The next signal, or None after ``timeout``. Waits in short slices: the kernel may deliver a
        signal to any thread (watchdog's, the scheduler's), and then nothing interrupts the main thread's
        wait; Python runs the handler only when the main thread wakes up (it did after up to 30 s)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                return self._queue.get(timeout=max(0.0, min(SIGNAL_SLICE_S, deadline - time.monotonic())))
            except queue.Empty:
                if time.monotonic() >= deadline:
                    return None


def run_agent(config_path: str | os.PathLike[str]) -> int:
    """Run until SIGTERM/SIGINT; 0 on a clean stop, 1 when the engine died."""
    setup_console_logging()
    config = load_agent_config(config_path)
    hold_agent_lock(prepare_state_dir(config.state.dir))
    lowered = lower_priority()
    signals = SignalBox()
    signals.install()
    runtime = Runtime.start(config, _observed(CentralLog(config)))
    runtime.announce("started", lowered)
    runtime.first_scan()
    reason, code = "stopped", 0
    try:
        while True:
            signum = signals.wait(HEALTH_CHECK_S)
            if signum is None:
                if not runtime.engine.is_alive():
                    reason, code = f"scan engine failed ({type(runtime.engine.failed).__name__})", 1
                    break
                continue
            if signum in STOP_SIGNALS:
                reason = f"signal {signal.Signals(signum).name}"
                break
            if signum == RELOAD_SIGNAL:
                runtime = reload(runtime, config_path, lowered)
    finally:
        runtime.stop()
        runtime.central.agent_stopped(reason)
        runtime.central.deliver(FINAL_DELIVER_S)
        runtime.central.close()
    return code


def reload(runtime: Runtime, config_path: str | os.PathLike[str], lowered: list[str]) -> Runtime:
    """SIGHUP: a new runtime from the re-read config, or the old one untouched when the config is bad."""
    try:
        config = load_agent_config(config_path)
        central = CentralLog(config)  # validates forwarders and tokens before anything is stopped
    except UserError as exc:
        runtime.central.emit(
            "agent.warning",
            {
                "message": f"config reload refused, keeping the running configuration: {exc}",
                "event": {"reason": "config reload failed"},
                "file": {"path": str(Path(config_path))},
            },
        )
        return runtime
    runtime.stop()
    runtime.central.close()
    new = Runtime.start(config, _observed(central))
    new.announce("reloaded", lowered)
    new.engine.request_walk("incremental")  # roots or excludes may have changed
    return new


def _observed(central: CentralLog) -> CentralLog:
    """The central log with the console echo attached (lifecycle and warnings on stderr)."""
    central.observers.append(ConsoleEcho())
    return central


def _max_rss_kb() -> int | None:
    try:
        import resource
    except ImportError:  # Windows
        return None
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
