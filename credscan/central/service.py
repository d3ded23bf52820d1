"""CentralLog: the one object the agent talks to — findings store, finding lifecycle, event log, outbox, SIEM.

Lifecycle of a finding: ``record_result`` compares the findings of a scanned file with the store and emits
``finding.new`` for ids the store does not know (or had resolved: the secret came back) and
``finding.resolved`` for ids that left the file; ``record_gone`` resolves a deleted file's findings;
``complete_scan`` of a full scan resolves files below the roots that the walk no longer saw. Restarting
never re-announces known findings because the store remembers them.

Every event is written to the outbox before anything else happens with it, and the store is updated only
when that worked: a crash or a full disk can duplicate an event (delivery is at least once), never lose it.
A full disk is reported on stderr and, once writes work again, in an ``agent.warning`` event.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from credscan import __version__
from credscan.central.db import STATE_WRITE_ERRORS
from credscan.central.eventlog import EventLog
from credscan.central.events import finding_fields, lifecycle_event_id, make_event, utc_timestamp
from credscan.central.forward import DeliveryError, Forwarder, build_forwarder, url_origin
from credscan.central.outbox import Outbox
from credscan.central.store import Store
from credscan.config import Config
from credscan.errors import UserError
from credscan.keys import FingerprintKey, load_fingerprint_key
from credscan.model import FileRef, FileResult, Finding, ScanStats
from credscan.pathnames import display_path
from credscan.redact import redact_text
from credscan.remediation import render_remediation
from credscan.secretref import resolve_secret
from credscan.sources import is_remote

DB_NAME = "credscan.db"
OUTBOX_NAME = "outbox.db"
BACKOFF_BASE_S = 1.0
BACKOFF_MAX_S = 300.0
DECISIONS_IDLE_S = 30.0
"""A delivery cycle that sent nothing pulls the server's triage decisions at most this often."""
EVENT_LIST_CAP = 100
"""scan.completed lists at most this many skipped/error entries (the counts are always complete)."""
REASON_CHANGED = "secret no longer in the file"
REASON_DELETED = "file deleted"
REASON_NOT_FOUND = "file no longer found under the scanned roots"


def prepare_state_dir(path: Path) -> Path:
    """Create the state dir 0700, or refuse one that others can read (it holds the findings store)."""
    if not path.exists():
        try:
            path.mkdir(mode=0o700, parents=True)
            os.chmod(path, 0o700)
        except OSError as exc:
            raise UserError(f"cannot create state directory {path}: {exc.strerror}") from None
    if not path.is_dir():
        raise UserError(f"state directory {path} is not a directory")
    if os.name != "posix":
        return path  # Windows: the installer restricts the folder's ACL to SYSTEM and Administrators
    st = path.stat()
    if st.st_mode & 0o077:
        raise UserError(
            f"state directory {path} is accessible by group/others (mode {st.st_mode & 0o777:o}); "
            f"it holds the findings store: run `chmod 700 {path}`"
        )
    if st.st_uid != os.geteuid():
        raise UserError(
            f"state directory {path} belongs to another user (uid {st.st_uid}); use a directory of yours"
        )
    return path


class CentralLog:
    def __init__(self, config: Config, *, host_name: str | None = None, connect: bool = True) -> None:
        """Open the state; with connect=False (status, triage) no forwarder is built and no token resolved."""
        self.config = config
        self.host_name = host_name or socket.gethostname()
        names = [section.name for section in config.forward]
        if len(set(names)) != len(names):
            raise UserError("config: two [[forward]] tables have the same name")
        # Forwarders first: a bad url or a missing token is reported before anything is written.
        self.forwarders: list[Forwarder] = (
            [build_forwarder(section, resolve_secret) for section in config.forward] if connect else []
        )
        self.state_dir = prepare_state_dir(config.state.dir)
        self._lock = threading.RLock()
        self._write_failures = 0
        self._closed = False
        try:
            self.store = Store(self.state_dir / DB_NAME)
            self.outbox = Outbox(self.state_dir / OUTBOX_NAME, names, config.agent.outbox_max_bytes)
            self.event_log = EventLog(config.event_log_path, config.log.max_bytes, config.log.backups)
            self.store.batch.before_commit = self.outbox.commit
            self.outbox.batch.after_commit = self._flush_log
            self.outbox.batch.after_rollback = self._drop_log
        except STATE_WRITE_ERRORS as exc:
            raise UserError(f"cannot open the agent state in {self.state_dir}: {exc}") from None
        self._log_lock = threading.Lock()
        self._held_lines: list[dict[str, Any]] = []
        """Lifecycle events waiting for the outbox commit that makes them durable before the event log gets
        them: a crash or a full disk before it leaves no line behind that a restart would write again."""
        self._stop = threading.Event()
        self._busy = {name: threading.Lock() for name in names}
        self._failures: dict[str, int] = dict.fromkeys(names, 0)
        self._next_try: dict[str, float] = dict.fromkeys(names, 0.0)
        self._last_pull: dict[str, float] = {}
        self.pending = threading.Event()
        """Set whenever an event is queued: a delivery loop can wait on it instead of polling."""
        self.observers: list[Callable[[str, dict[str, Any]], None]] = []
        """Called with (action, event) after each event is written: the agent's console lines."""

    # -- events --------------------------------------------------------------------------------------

    def emit(self, action: str, fields: dict[str, Any]) -> None:
        """One event to the event log and the outbox (every destination)."""
        self._emit(action, fields)

    def _flush_log(self) -> None:
        with self._log_lock:
            lines, self._held_lines = self._held_lines, []
            for event in lines:
                self._guard(self.event_log.write, event)

    def _drop_log(self) -> None:
        with self._log_lock:
            self._held_lines = []

    def _log(self, event: dict[str, Any], hold: bool) -> Any:
        with self._log_lock:
            if hold:
                self._held_lines.append(event)
                return True
            return self._guard(self.event_log.write, event)

    def _emit(self, action: str, fields: dict[str, Any], event_id: str | None = None) -> bool:
        """True when the event is safely in the outbox (the event log is best effort). With ``event_id``
        (finding lifecycle events) an event queued before is not queued or logged again."""
        event = make_event(action, fields, self.host_name, event_id)
        body = json.dumps(event, ensure_ascii=False, separators=(",", ":"))
        with self._lock:
            if event_id is not None and self._guard(self.outbox.announced, event_id) is True:
                return True
            logged = self._log(event, hold=event_id is not None)
            dropped = self._guard(self.outbox.put, body, event_id)
            queued = dropped is not None
            if queued:
                self.pending.set()
            if dropped:
                # Logged here, forwarded by the delivery as a notice in front of the next batch.
                self._log(make_event("outbox.dropped", dropped_fields(dropped), self.host_name), hold=False)
            for observer in self.observers:  # a console that fails must not stop the agent
                with contextlib.suppress(Exception):
                    observer(action, event)
            if queued and logged is not None and self._write_failures:
                failures, self._write_failures = self._write_failures, 0
                self._emit(
                    "agent.warning",
                    {
                        "message": f"state writes failed {failures} times (disk full?); events made while "
                        "writes failed may be missing from the event log",
                        "event": {"reason": "state write failed"},
                        "credscan": {"state": {"dir": str(self.state_dir), "write_failures": failures}},
                    },
                )
            return queued

    def _guard(self, write: Callable[..., Any], *args: Any) -> Any:
        """Run a state write; on a full/broken disk warn on stderr, count it and return None.

        A failed outbox write also drops the store's open batch: the store must never keep a finding as
        announced whose event did not make it to disk (the next scan announces it again instead).
        """
        try:
            result = write(*args)
            return True if result is None else result
        except STATE_WRITE_ERRORS as exc:
            owner = getattr(write, "__self__", None)
            if owner is self.outbox or owner is self.outbox.batch:
                self.outbox.rollback()
                self.store.batch.rollback()
            elif owner is self.store or owner is self.store.batch:
                self.store.batch.rollback()
            self._report_failure(exc)
            return None

    def _report_failure(self, exc: BaseException) -> None:
        self._write_failures += 1
        if self._write_failures == 1 or self._write_failures % 1000 == 0:
            print(
                f"credscan: warning: cannot write agent state in {self.state_dir} ({exc}); "
                "continuing, events are kept only where they could be written",
                file=sys.stderr,
            )

    @contextlib.contextmanager
    def _survive(self) -> Iterator[None]:
        """Reads fail too on a broken disk or a store locked for too long: report, never crash the agent."""
        try:
            yield
        except STATE_WRITE_ERRORS as exc:
            self.store.batch.rollback()
            self._report_failure(exc)

    # -- scans ---------------------------------------------------------------------------------------

    def begin_scan(self, kind: str) -> str:
        scan_id = f"{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}-{uuid.uuid4().hex[:8]}"
        with self._lock:
            self._guard(self.store.start_scan, scan_id, kind, utc_timestamp())
            self._emit("scan.started", {"credscan": {"scan": {"id": scan_id, "kind": kind}}})
        return scan_id

    def resume_scan(self, scan_id: str) -> None:
        """Continue an interrupted full scan under its own id (what it read stays read)."""
        with self._lock:
            self._emit(
                "scan.started", {"credscan": {"scan": {"id": scan_id, "kind": "full", "resumed": True}}}
            )

    def interrupted_full_scan(self) -> str | None:
        scan_id = None
        with self._lock, self._survive():
            scan_id = self.store.interrupted_full_scan()
        return scan_id

    def not_yet_read_by(self, scan_id: str, refs: Iterable[FileRef], chunk: int = 500) -> Iterator[FileRef]:
        """The refs that the scan scan_id has not read yet, or that changed since it read them."""
        batch: list[FileRef] = []
        for ref in refs:
            batch.append(ref)
            if len(batch) >= chunk:
                yield from self._unread(scan_id, batch)
                batch = []
        yield from self._unread(scan_id, batch)

    def _unread(self, scan_id: str, batch: list[FileRef]) -> Iterator[FileRef]:
        states: dict[str, Any] = {}
        with self._lock, self._survive():  # on failure every file counts as unread: read again, not lost
            states = self.store.file_states([ref.path for ref in batch], read_by=scan_id) if batch else {}
        yield from (ref for ref in batch if not _same(states.get(ref.path), ref))

    def is_unchanged(self, ref: FileRef) -> bool:
        """Size, mtime and file id equal to what the store recorded (and the last read did not fail)."""
        state = None
        with self._lock, self._survive():
            state = self.store.file_states([ref.path]).get(ref.path)
        return _same(state, ref)

    def unchanged_filter(self, refs: Iterable[FileRef], chunk: int = 500) -> Iterator[FileRef]:
        """Only the refs that are new or changed, looked up in batches. Non-FileRef entries pass through."""
        buffer: list[FileRef] = []
        for ref in refs:
            buffer.append(ref)
            if len(buffer) >= chunk:
                yield from self._changed(buffer)
                buffer = []
        yield from self._changed(buffer)

    def _changed(self, batch: list[FileRef]) -> Iterator[FileRef]:
        paths = [ref.path for ref in batch if isinstance(ref, FileRef)]
        states: dict[str, Any] = {}
        with self._lock, self._survive():  # on failure every file counts as changed: scanned, not skipped
            states = self.store.file_states(paths) if paths else {}
        for ref in batch:
            if not isinstance(ref, FileRef) or not _same(states.get(ref.path), ref):
                yield ref

    def record_result(self, result: FileResult, scan_id: str) -> None:
        """Store a scanned file's state and findings; emit finding.new / finding.resolved / file.error.

        A file read only in part (stopped at its time or text budget) has an error and the findings up to
        there: those are announced like any others, but nothing of the file is resolved (the rest was not
        read) and the file is not recorded as done, so the next incremental scan reads it again."""
        ref = result.ref
        now = utc_timestamp()
        error = result.error.error if result.error is not None else None
        with self._lock, self._survive():
            if error is not None:
                fields = {"file": {"path": ref.path}, "error": {"message": error}, "event": {"reason": error}}
                if self._emit("file.error", fields):
                    self._guard(self.store.put_file, ref, None, scan_id, now, error)
                if not result.findings:
                    return
            records = {finding.id: self._record(finding) for finding in result.findings}
            known = self.store.statuses_for_file(ref.path)
            self._adopt_legacy_ids(result.findings, known)
            complete = True
            for finding_id, record in records.items():
                status = known.get(finding_id)
                if status is None or status == "resolved":
                    lifecycle: dict[str, Any] = {"status": "open", "first_seen": now, "last_seen": now}
                    if status == "resolved":
                        lifecycle["reopened"] = True
                    marker = self._resolved_at(finding_id) if status == "resolved" else ""
                    event_id = lifecycle_event_id("finding.new", finding_id, marker)
                    if not self._emit("finding.new", finding_fields({**record, **lifecycle}), event_id):
                        complete = False
                        continue
                self._guard(self.store.upsert_finding, record, ref.path, now)
            if error is None:  # a file read in part resolves nothing: what was not read is not gone
                vanished = [f for f, status in known.items() if f not in records and status != "resolved"]
                complete &= self._resolve(vanished, REASON_CHANGED, now)
                if complete:
                    sha256 = next((f.file.sha256 for f in result.findings if f.file.sha256), None)
                    self._guard(self.store.put_file, ref, sha256, scan_id, now, None)
            self._guard(self.store.batch.done)

    def _adopt_legacy_ids(self, findings: Sequence[Finding], known: dict[str, str]) -> None:
        """A store written before secret_hash became scrypt holds the old ids: rename each row to its new id
        (and hash, on upsert) in place, so an upgrade announces nothing new and resolves nothing."""
        for finding in findings:
            if finding.id not in known and finding.legacy_id in known:
                self._guard(self.store.rename_finding, finding.legacy_id, finding.id)
                known[finding.id] = known.pop(finding.legacy_id)

    def _resolved_at(self, finding_id: str) -> str:
        record = self.store.get_finding(finding_id)
        return str(record.get("resolved_at") or "") if record else ""

    def _record(self, finding: Finding) -> dict[str, Any]:
        """The finding record without the plaintext, masked again where a detector let it slip through."""
        record = finding.to_dict(include_secret=False)
        if finding.secret:
            for key in ("context", "account"):
                if isinstance(record.get(key), str):
                    record[key] = redact_text(record[key], [finding.secret])
        vault = self.config.remediation
        if not record.get("remediation") or vault.vault_name not in str(record["remediation"]):
            record["remediation"] = render_remediation(
                finding.category, "", vault.vault_name, vault.vault_url
            )
        return record

    def _resolve(self, finding_ids: Sequence[str], reason: str, now: str) -> bool:
        """Emit finding.resolved for each id (records from the store) and mark them resolved."""
        complete = True
        for finding_id in finding_ids:
            record = self.store.get_finding(finding_id)
            if record is None:
                continue
            record.update(status="resolved", resolved_at=now, reason=reason)
            fields = finding_fields(record)
            fields["event"] = {"reason": reason}
            event_id = lifecycle_event_id("finding.resolved", finding_id, str(record.get("first_seen") or ""))
            if self._emit("finding.resolved", fields, event_id):
                self._guard(self.store.resolve, [finding_id], reason, now)
            else:
                complete = False
        return complete

    def record_gone(self, path: str, reason: str = REASON_DELETED) -> None:
        """A file (or a folder: everything below it) was deleted: resolve its findings, forget the files."""
        now = utc_timestamp()
        with self._lock, self._survive():
            ids = [record["id"] for record in self.store.active_under(path)]
            if self._resolve(ids, reason, now):
                self._guard(self.store.delete_files, path)
            self._guard(self.store.batch.done)

    def record_moved(self, old_path: str, new_path: str) -> None:
        """Resolve the findings at old_path (reason "file moved to NEW"); the caller then scans new_path.

        Finding ids include the path, so a moved file's findings get new ids when it is rescanned: they are
        announced as finding.new at the new place, which is what a SOC wants to see anyway.
        """
        self.record_gone(old_path, reason=f"file moved to {new_path}")

    def complete_scan(self, scan_id: str, stats: ScanStats, *, roots: Sequence[str], full: bool) -> None:
        """Close a scan; a full scan also resolves the files below its roots that the walk did not see."""
        now = utc_timestamp()
        gone = 0
        with self._lock, self._survive():
            self._guard(self.store.commit)
            if full:
                for root in (r if is_remote(r) else display_path(r) for r in roots):
                    gone += self._sweep_root(root, scan_id, stats)
            summary = stats.to_dict()
            summary["skipped_count"] = len(summary["skipped"])
            summary["errors_count"] = len(summary["errors"])
            summary["skipped"] = summary["skipped"][:EVENT_LIST_CAP]
            summary["errors"] = summary["errors"][:EVENT_LIST_CAP]
            self._guard(self.store.finish_scan, scan_id, stats.to_dict(), now)
            self._emit(
                "scan.completed",
                {
                    "message": f"Scan completed: {stats.files_scanned} files, {stats.findings} findings",
                    "event": {"duration": int(stats.duration_s * 1e9)},
                    "credscan": {
                        "scan": {"id": scan_id, "full": full, "roots": list(roots), "files_gone": gone},
                        "stats": summary,
                    },
                },
            )

    def _sweep_root(self, root: str, scan_id: str, stats: ScanStats) -> int:
        """Resolve files below root that this full scan did not see, unless the root itself was unreadable.

        A missing mount or an unreachable share must not look like "every file deleted": when the walk saw
        nothing below a root the store knows files for, the sweep is skipped with an agent.warning.
        """
        skipped = {entry.path for entry in stats.skipped}
        unreadable = [entry.path for entry in stats.errors]
        unseen = [
            path
            for path in self.store.files_not_seen(root, scan_id)
            if path not in skipped and not _under_any(path, unreadable)
        ]
        if not unseen:
            return 0
        known = self.store.count_files_under(root)
        root_is_gone_file = unseen == [root.rstrip("/")] and not os.path.lexists(root)
        if len(unseen) >= known and not root_is_gone_file:
            self._emit(
                "agent.warning",
                {
                    "message": f"full scan saw no file below {root}; {known} known files kept (share or "
                    "mount unavailable?). Findings there resolve once the root is readable again.",
                    "event": {"reason": "root unavailable"},
                    "file": {"path": root},
                },
            )
            return 0
        for path in unseen:
            self.record_gone(path, reason=REASON_NOT_FOUND)
        return len(unseen)

    # -- fingerprint key and agent lifecycle ---------------------------------------------------------

    def fingerprint_key(self) -> FingerprintKey:
        """The installation's key; a newly created key *file* is announced once with agent.warning."""
        key = load_fingerprint_key(self.state_dir)
        if key.created and key.where not in ("keyring", "env"):
            self._emit(
                "agent.warning",
                {
                    "message": "no OS keyring backend: the fingerprint key was created as a file "
                    f"({key.where}, mode 0600). Keep a copy apart from backups of the state directory "
                    "(a backup that holds both makes short passwords guessable from their hashes); "
                    "losing it changes every finding id.",
                    "event": {"reason": "fingerprint key stored in a file"},
                    "file": {"path": key.where},
                },
            )
        if key.tightened:
            self._emit(
                "agent.warning",
                {
                    "message": f"the fingerprint key file {key.where} was readable by others: made 0600",
                    "event": {"reason": "fingerprint key file mode tightened"},
                    "file": {"path": key.where},
                },
            )
        return key

    def config_summary(self) -> dict[str, Any]:
        """The configuration as agent.started reports it: no token, no reference, no credential."""
        cfg = self.config
        return {
            "config": str(cfg.source) if cfg.source else None,
            "roots": list(cfg.scan.roots),
            "exclude": list(cfg.scan.exclude),
            "max_file_size": cfg.scan.max_file_size,
            "jobs": cfg.scan.jobs,
            "schedule": {"full": cfg.schedule.full, "incremental_seconds": cfg.schedule.incremental_seconds},
            "watch": {"enabled": cfg.watch.enabled, "settle_seconds": cfg.watch.settle_seconds},
            "state_dir": str(self.state_dir),
            "event_log": str(self.event_log.path),
            "forward": [forwarder.describe() for forwarder in self.forwarders]
            or [f"{s.type} {url_origin(s.url)}" for s in cfg.forward],
            "vault": {"name": cfg.remediation.vault_name, "url": cfg.remediation.vault_url},
        }

    def agent_started(self, mode: str) -> None:
        self._emit(
            "agent.started",
            {
                "message": f"credscan agent {__version__} started ({mode})",
                "credscan": {"agent": {"mode": mode, "pid": os.getpid(), "config": self.config_summary()}},
            },
        )
        self._warn_if_store_lost()

    def _warn_if_store_lost(self) -> None:
        """The findings store is empty although findings were announced from this state directory (a
        repaired or deleted store, an old backup restored): say so, the SOC should know why findings come
        back to "new" in the store."""
        with self._lock, self._survive():
            if self.store.counts()["findings"] == 0 and self.outbox.announced_count() > 0:
                self._emit(
                    "agent.warning",
                    {
                        "message": "the findings store is empty although findings were announced before "
                        "(repaired, deleted or restored from an old backup): the next full scan rebuilds it; "
                        "findings already announced are not announced again",
                        "event": {"reason": "findings store found empty"},
                    },
                )

    def agent_stopped(self, reason: str) -> None:
        self._emit(
            "agent.stopped", {"message": f"credscan agent stopped: {reason}", "event": {"reason": reason}}
        )

    # -- delivery ------------------------------------------------------------------------------------

    def deliver(self, timeout_s: float) -> dict[str, Any]:
        """Push the outbox to every destination in parallel, retrying with backoff until timeout_s.

        Returns per destination: delivered (events acknowledged now), pending, error (last failure or None).
        """
        deadline = time.monotonic() + max(0.0, timeout_s)
        self.flush()
        if not self.forwarders:
            return {}
        with ThreadPoolExecutor(max_workers=len(self.forwarders), thread_name_prefix="credscan-fwd") as pool:
            futures = {fw.name: pool.submit(self._deliver_one, fw, deadline) for fw in self.forwarders}
            results = {name: future.result() for name, future in futures.items()}
        for name, result in results.items():
            result["pending"] = self.outbox.depth(name)
        for forwarder in self.forwarders:
            name = forwarder.name
            idle = not results[name].get("delivered") and not results[name].get("error")
            due = time.monotonic() - self._last_pull.get(name, -DECISIONS_IDLE_S) >= DECISIONS_IDLE_S
            if hasattr(forwarder, "pull_decisions") and (due or not idle):
                self._last_pull[name] = time.monotonic()
                results[name]["decisions"] = self._pull_decisions(forwarder, deadline)
        return results

    def _pull_decisions(self, source: Any, deadline: float) -> int | str:
        """Apply the server's triage decisions (credscan.central.decisions); the count, or why it failed."""
        from credscan.central.decisions import sync_decisions

        try:
            with self._lock:
                return sync_decisions(
                    source, self.store, self.emit, self.state_dir, max(1.0, deadline - time.monotonic())
                )
        except DeliveryError as exc:
            return str(exc)
        except STATE_WRITE_ERRORS as exc:
            self.store.batch.rollback()
            self._report_failure(exc)
            return "state write failed"

    def _deliver_one(self, forwarder: Forwarder, deadline: float) -> dict[str, Any]:
        name = forwarder.name
        delivered, error = 0, None
        if not self._busy[name].acquire(blocking=False):
            return {"delivered": 0, "error": "another delivery is in progress"}
        try:
            while not self._stop.is_set():
                now = time.monotonic()
                if now >= deadline:
                    break
                if self._next_try[name] > now:
                    if self._next_try[name] >= deadline:
                        break
                    self._stop.wait(self._next_try[name] - now)
                    continue
                batch = self.outbox.peek(name, forwarder.max_batch)
                unreported = self.outbox.unreported(name)
                if not batch and not unreported:
                    break
                events = [json.loads(body) for _, body in batch]
                if unreported:
                    notice = make_event("outbox.dropped", dropped_fields({name: unreported}), self.host_name)
                    events.insert(0, notice)
                try:
                    forwarder.send(events, max(0.1, deadline - time.monotonic()))
                except DeliveryError as exc:
                    error = str(exc)
                    self._failures[name] += 1
                    delay = min(BACKOFF_MAX_S, BACKOFF_BASE_S * 2 ** (self._failures[name] - 1))
                    self._next_try[name] = time.monotonic() + delay
                    self._guard(self.outbox.record_failure, name, error or "", utc_timestamp())
                    continue
                self._failures[name] = 0
                self._next_try[name] = 0.0
                last_seq = batch[-1][0] if batch else 0
                acked = self._guard(self.outbox.ack, name, last_seq, len(batch), utc_timestamp(), unreported)
                if acked is None:
                    break
                delivered += len(batch)
                error = None
        finally:
            self._busy[name].release()
        return {"delivered": delivered, "error": error}

    # -- status and shutdown -------------------------------------------------------------------------

    def flush(self) -> None:
        """Commit the open write batches, so an idle agent holds no lock other processes (triage) wait for."""
        with self._lock:
            self._guard(self.store.commit)
            self._guard(self.outbox.commit)

    def status(self) -> dict[str, Any]:
        """What `agent status` shows: last scans, files and findings known, outbox per destination."""
        with self._lock:
            self._guard(self.store.commit)
            counts = self.store.counts()
            last = self.store.last_scans()
        describe = {fw.name: fw.describe() for fw in self.forwarders}
        destinations = self.outbox.state()
        for section in self.config.forward:
            entry = destinations.setdefault(section.name, {"depth": 0})
            entry["type"] = section.type
            entry["target"] = describe.get(section.name) or f"{section.type} {url_origin(section.url)}"
            entry["backoff_s"] = round(max(0.0, self._next_try.get(section.name, 0.0) - time.monotonic()), 1)
        return {
            "host": self.host_name,
            "version": __version__,
            "state_dir": str(self.state_dir),
            "event_log": str(self.event_log.path),
            "last_scan": {kind: last.get(kind) for kind in ("full", "incremental", "watch")},
            "files": counts["files"],
            "findings": counts["findings"],
            "findings_by_status": counts["by_status"],
            "open_by_severity": counts["open_by_severity"],
            "outbox": {
                "bytes": self.outbox.size_bytes,
                "max_bytes": self.outbox.max_bytes,
                "destinations": destinations,
            },
            "state_write_failures": self._write_failures,
        }

    def close(self) -> None:
        """Commit everything and release files and connections (idempotent)."""
        if self._closed:
            return
        self._closed = True
        self._stop.set()
        for forwarder in self.forwarders:
            forwarder.close()
        with self._lock:
            for closer in (self.store.close, self.outbox.close, self.event_log.close):
                self._guard(closer)

    def __enter__(self) -> CentralLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def dropped_fields(dropped: dict[str, int]) -> dict[str, Any]:
    """The outbox.dropped event: how many events each destination lost to the outbox bound."""
    total = sum(dropped.values())
    return {
        "message": f"outbox full: {total} oldest events dropped",
        "event": {"reason": "outbox size limit"},
        "credscan": {"outbox": {"dropped": dropped, "total": total}},
    }


def _same(state: Any, ref: FileRef) -> bool:
    return (
        state is not None
        and state.error is None
        and state.size == ref.size
        and state.mtime == ref.mtime
        and state.file_id == (ref.file_id or "")
    )


def _under_any(path: str, prefixes: Iterable[str]) -> bool:
    for prefix in prefixes:
        trimmed = prefix.rstrip("/")
        if path == trimmed or path.startswith(trimmed + "/"):
            return True
    return False


__all__ = ["CentralLog", "prepare_state_dir"]
