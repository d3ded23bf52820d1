"""The agent/scan configuration (SPEC §6): TOML in, typed dataclasses out.

Secrets are never literals in the file: they are references, ``keyring:SERVICE/NAME``
or ``env:NAME``, resolved by credscan.secretref when they are needed.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from credscan.errors import UserError
from credscan.userfiles import read_user_text

SIZE_UNITS = {"": 1, "B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3, "TB": 1024**4}
SIZE_PATTERN = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMGT]?B?)\s*$", re.IGNORECASE)
INTERVAL_PATTERN = re.compile(r"^\s*(\d+)\s*([smhd])\s*$", re.IGNORECASE)
INTERVAL_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
SECRET_REF_PATTERN = re.compile(r"^(keyring:[^/\s]+/\S+|env:[A-Za-z_][A-Za-z0-9_]*)$")

DEFAULT_VAULT_NAME = "your password vault"


def parse_size(text: str | int) -> int:
    """ "200MB" -> 209715200; plain integers are bytes."""
    if isinstance(text, int):
        return text
    match = SIZE_PATTERN.match(text)
    if not match:
        raise UserError(f"invalid size {text!r} (use e.g. 500KB, 200MB, 2GB)")
    number, unit = match.groups()
    unit = unit.upper()
    if unit and not unit.endswith("B"):
        unit += "B"
    return int(float(number) * SIZE_UNITS[unit])


def parse_interval(text: str | int) -> int:
    """ "15m" -> 900 seconds; plain integers are seconds."""
    if isinstance(text, int):
        return text
    match = INTERVAL_PATTERN.match(text)
    if not match:
        raise UserError(f"invalid interval {text!r} (use e.g. 30s, 15m, 6h, 1d)")
    return int(match.group(1)) * INTERVAL_SECONDS[match.group(2).lower()]


def check_secret_ref(value: str, where: str) -> str:
    """Refuse literal secrets: only keyring:SERVICE/NAME or env:NAME references are accepted."""
    if not SECRET_REF_PATTERN.match(value):
        raise UserError(
            f"{where} looks like a literal secret; secrets in the config must be references: "
            f'"keyring:SERVICE/NAME" (store it with `credscan secrets set NAME`) or "env:NAME"'
        )
    return value


@dataclass(slots=True)
class ScanSection:
    roots: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    max_file_size: int = 200 * 1024 * 1024
    jobs: int = 2
    file_timeout_s: float = 120.0
    """A file that takes longer is abandoned (its worker killed) and listed under stats.errors."""
    smb_user: str | None = None
    smb_password: str | None = None
    """A secret reference, never a literal."""
    smb_require_encryption: bool = True


@dataclass(slots=True)
class ScheduleSection:
    full: str | None = "0 2 * * *"
    incremental_seconds: int | None = 900


@dataclass(slots=True)
class WatchSection:
    enabled: bool = True
    settle_seconds: float = 2.0


@dataclass(slots=True)
class StateSection:
    dir: Path = Path("/var/lib/credscan")


@dataclass(slots=True)
class LogSection:
    path: Path | None = None
    max_bytes: int = 50 * 1024 * 1024
    backups: int = 5


@dataclass(slots=True)
class ForwardSection:
    type: str
    url: str
    format: str = "json"
    token: str | None = None
    """A secret reference, never a literal."""
    ca_file: str | None = None
    verify: bool = True
    name: str = ""
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class RemediationSection:
    vault_name: str = DEFAULT_VAULT_NAME
    vault_url: str | None = None


@dataclass(slots=True)
class AgentSection:
    heartbeat_seconds: int = 300
    outbox_max_bytes: int = 100 * 1024 * 1024


@dataclass(slots=True)
class ServerSection:
    """The central server (`credscan server`, docs/server.md): where it listens and what it keeps where."""

    listen: str = "127.0.0.1:8443"
    database: str | None = None
    """SQLAlchemy URL (sqlite:///… or postgresql://user@host/db); None: SQLite in the data dir."""
    database_password: str | None = None
    """A secret reference, never a literal (the URL itself must not hold a password)."""
    tls: bool = True
    """False only behind a reverse proxy that terminates TLS."""
    tls_cert: str | None = None
    tls_key: str | None = None
    public_url: str | None = None
    """The URL agents enroll with (printed by `server enroll-token`)."""
    silent_after_seconds: int = 86400
    """An agent with no contact for longer is listed as silent."""
    session_seconds: int = 8 * 3600


@dataclass(slots=True)
class Config:
    source: Path | None = None
    scan: ScanSection = field(default_factory=ScanSection)
    schedule: ScheduleSection = field(default_factory=ScheduleSection)
    watch: WatchSection = field(default_factory=WatchSection)
    state: StateSection = field(default_factory=StateSection)
    log: LogSection = field(default_factory=LogSection)
    forward: list[ForwardSection] = field(default_factory=list)
    remediation: RemediationSection = field(default_factory=RemediationSection)
    agent: AgentSection = field(default_factory=AgentSection)
    server: ServerSection = field(default_factory=ServerSection)
    raw: dict[str, Any] = field(default_factory=dict)

    @property
    def event_log_path(self) -> Path:
        return self.log.path or self.state.dir / "events.jsonl"


def _table(data: dict[str, Any], name: str) -> dict[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise UserError(f"config: [{name}] must be a table")
    return value


def _typed(table: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    value = table[key]
    if not isinstance(value, kind):
        raise UserError(f"config: {where}.{key} has the wrong type ({type(value).__name__})")
    return value


def load_config(path: str | os.PathLike[str]) -> Config:
    """Read and validate a config file; every problem is a UserError with a one-line message."""
    file = Path(path)
    try:
        data = tomllib.loads(read_user_text(file, "config file"))
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"config {file} is not valid TOML: {exc}") from None
    config = parse_config(data)
    config.source = file
    return config


def parse_config(data: dict[str, Any]) -> Config:
    config = Config(raw=data)
    scan = _table(data, "scan")
    if "roots" in scan:
        config.scan.roots = [str(r) for r in _typed(scan, "roots", list, "scan")]
    if "exclude" in scan:
        config.scan.exclude = [str(g) for g in _typed(scan, "exclude", list, "scan")]
    if "max_file_size" in scan:
        config.scan.max_file_size = parse_size(_typed(scan, "max_file_size", (str, int), "scan"))
    if "jobs" in scan:
        config.scan.jobs = max(0, int(_typed(scan, "jobs", int, "scan")))
    if "file_timeout" in scan:
        config.scan.file_timeout_s = float(parse_interval(_typed(scan, "file_timeout", (str, int), "scan")))
    if "smb_user" in scan:
        config.scan.smb_user = str(_typed(scan, "smb_user", str, "scan"))
    if "smb_password" in scan:
        config.scan.smb_password = check_secret_ref(
            _typed(scan, "smb_password", str, "scan"), "scan.smb_password"
        )
    if "smb_require_encryption" in scan:
        config.scan.smb_require_encryption = bool(_typed(scan, "smb_require_encryption", bool, "scan"))

    schedule = _table(data, "schedule")
    if "full" in schedule:
        full = schedule["full"]
        config.schedule.full = str(full) if full else None
    if "incremental" in schedule:
        inc = schedule["incremental"]
        config.schedule.incremental_seconds = parse_interval(inc) if inc else None

    watch = _table(data, "watch")
    if "enabled" in watch:
        config.watch.enabled = bool(_typed(watch, "enabled", bool, "watch"))
    if "settle_seconds" in watch:
        config.watch.settle_seconds = float(_typed(watch, "settle_seconds", (int, float), "watch"))

    state = _table(data, "state")
    if "dir" in state:
        config.state.dir = Path(str(_typed(state, "dir", str, "state")))

    log = _table(data, "log")
    if "path" in log:
        config.log.path = Path(str(_typed(log, "path", str, "log")))
    if "max_size" in log:
        config.log.max_bytes = parse_size(_typed(log, "max_size", (str, int), "log"))
    if "backups" in log:
        config.log.backups = int(_typed(log, "backups", int, "log"))

    forwards = data.get("forward", [])
    if not isinstance(forwards, list):
        raise UserError("config: [[forward]] must be an array of tables")
    for index, entry in enumerate(forwards):
        where = f"forward[{index}]"
        if not isinstance(entry, dict) or "type" not in entry or "url" not in entry:
            raise UserError(f"config: {where} needs at least type and url")
        token = entry.get("token")
        config.forward.append(
            ForwardSection(
                type=str(entry["type"]),
                url=str(entry["url"]),
                format=str(entry.get("format", "json")),
                token=check_secret_ref(str(token), f"{where}.token") if token else None,
                ca_file=str(entry["ca_file"]) if "ca_file" in entry else None,
                verify=bool(entry.get("verify", True)),
                name=str(entry.get("name", f"{entry['type']}-{index}")),
                options={
                    k: v
                    for k, v in entry.items()
                    if k not in {"type", "url", "format", "token", "ca_file", "verify", "name"}
                },
            )
        )

    remediation = _table(data, "remediation")
    if "vault_name" in remediation:
        config.remediation.vault_name = str(_typed(remediation, "vault_name", str, "remediation"))
    if "vault_url" in remediation:
        config.remediation.vault_url = str(_typed(remediation, "vault_url", str, "remediation"))

    agent = _table(data, "agent")
    if "heartbeat" in agent:
        config.agent.heartbeat_seconds = parse_interval(_typed(agent, "heartbeat", (str, int), "agent"))
    if "outbox_max_size" in agent:
        config.agent.outbox_max_bytes = parse_size(_typed(agent, "outbox_max_size", (str, int), "agent"))
    _parse_server(_table(data, "server"), config.server)
    return config


SERVER_STRINGS = ("listen", "database", "tls_cert", "tls_key", "public_url")


def _parse_server(table: dict[str, Any], server: ServerSection) -> None:
    """[server]: the central server's own file (server.toml); agents never carry this table."""
    for key in SERVER_STRINGS:
        if key in table:
            setattr(server, key, str(_typed(table, key, str, "server")))
    if "database_password" in table:
        server.database_password = check_secret_ref(
            _typed(table, "database_password", str, "server"), "server.database_password"
        )
    if "tls" in table:
        server.tls = bool(_typed(table, "tls", bool, "server"))
    if "silent_after" in table:
        server.silent_after_seconds = parse_interval(_typed(table, "silent_after", (str, int), "server"))
    if "session_lifetime" in table:
        server.session_seconds = parse_interval(_typed(table, "session_lifetime", (str, int), "server"))
    unknown = sorted(
        set(table) - {*SERVER_STRINGS, "database_password", "tls", "silent_after", "session_lifetime"}
    )
    if unknown:
        raise UserError(f"config: unknown key(s) in [server]: {', '.join(unknown)}")
