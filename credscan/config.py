"""The agent/scan configuration: TOML in, typed dataclasses out (reference: docs/agent.md).

The file is checked strictly, because a typo that is silently ignored is a scan that silently does less:
an unknown section or key is an error with a did-you-mean suggestion, every value must have its type
(the message names the type wanted), and sizes and durations need a unit ("200MB", "15m"), so that
``max_file_size = 200`` cannot quietly mean 200 bytes. ``KEYS`` is the one table of every key.

Secrets are never literals in the file: they are references, ``keyring:SERVICE/NAME``
or ``env:NAME``, resolved by credscan.secretref when they are needed.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeAlias, get_args

from credscan.errors import UserError
from credscan.userfiles import read_user_text

SIZE_UNITS = {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3, "TB": 1024**4}
SIZE_PATTERN = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMGT]?B?)\s*$", re.IGNORECASE)
INTERVAL_PATTERN = re.compile(r"^\s*(\d+)\s*([smhd])\s*$", re.IGNORECASE)
INTERVAL_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
SECRET_REF_PATTERN = re.compile(r"^(keyring:[^/\s]+/\S+|env:[A-Za-z_][A-Za-z0-9_]*)$")

DEFAULT_VAULT_NAME = "your password vault"


def parse_size(text: str) -> int:
    """ "200MB" -> 209715200 (binary units: 1KB = 1024 bytes). The unit is required: a bare number is refused,
    so that 200 cannot silently mean 200 bytes."""
    match = SIZE_PATTERN.match(text)
    if not match:
        raise UserError(f"invalid size {text!r} (use e.g. 500KB, 200MB, 2GB)")
    number, unit = match.groups()
    unit = unit.upper()
    if not unit:
        raise UserError(f"size {text!r} needs a unit: B, KB, MB, GB or TB (e.g. {text.strip()}MB)")
    if not unit.endswith("B"):
        unit += "B"
    return int(float(number) * SIZE_UNITS[unit])


def parse_interval(text: str) -> int:
    """ "15m" -> 900 seconds; the unit (s, m, h, d) is required."""
    match = INTERVAL_PATTERN.match(text)
    if not match:
        if text.strip().isdigit():
            raise UserError(f"duration {text!r} needs a unit: s, m, h or d (e.g. {text.strip()}s)")
        raise UserError(f"invalid duration {text!r} (use e.g. 30s, 15m, 6h, 1d)")
    return int(match.group(1)) * INTERVAL_SECONDS[match.group(2).lower()]


OCR_LANGUAGES = re.compile(r"[a-z][a-z_]{1,15}(?:\+[a-z][a-z_]{1,15}){0,7}")
"""Tesseract language codes joined with "+": "eng", "eng+deu", "chi_sim"."""


def check_ocr_languages(value: str, where: str) -> str:
    if not OCR_LANGUAGES.fullmatch(value):
        raise UserError(
            f'{where} must be Tesseract language codes joined with "+", e.g. "eng+deu" (got {value!r})'
        )
    return value


def check_cron(expression: str) -> str:
    """A five-field crontab expression (minute hour day month weekday) that APScheduler accepts, ranges
    included: "0 25 * * *" is refused here, not when the agent would first schedule it."""
    from apscheduler.triggers.cron import (
        CronTrigger,
    )  # the agent's scheduler: the same parser, the same verdict

    if len(expression.split()) != 5:
        raise UserError(
            f"{expression!r} is not a cron expression (five fields: minute hour day month weekday)"
        )
    try:
        CronTrigger.from_crontab(expression)
    except ValueError as exc:
        raise UserError(f"{expression!r} is not a valid cron expression: {exc}") from None
    return expression


def check_secret_ref(value: str, where: str) -> str:
    """Refuse literal secrets: only keyring:SERVICE/NAME or env:NAME references are accepted."""
    if not SECRET_REF_PATTERN.match(value):
        raise UserError(
            f"{where} looks like a literal secret; secrets in the config must be references: "
            f'"keyring:SERVICE/NAME" (store it with `credscan secrets set NAME`) or "env:NAME"'
        )
    return value


DEFAULT_SMB_MAX_REQUESTS = 8
"""Gentle for a production file server: one Windows client copying a folder keeps more in flight."""
SMB_MAX_REQUESTS_LIMIT = 256


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
    smb_max_requests: int = DEFAULT_SMB_MAX_REQUESTS
    """Requests a scan keeps in flight to one SMB server (read-ahead of small files), all workers together."""
    archives: bool = True
    """Read tar, tar.gz/bz2/xz and single .gz/.bz2/.xz files (zip and 7z are always read)."""
    ocr: bool = True
    """Read text from images (image files, pictures in documents) with OCR."""
    ocr_languages: str = "eng"


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


ForwardType: TypeAlias = Literal["syslog", "splunk-hec", "webhook", "credscan"]
"""A [[forward]] ``type``: each has one line in credscan.central.forward.FORWARDERS."""
FORWARD_TYPES: tuple[ForwardType, ...] = get_args(ForwardType)


@dataclass(slots=True)
class ForwardSection:
    type: ForwardType
    url: str
    format: str = "json"
    token: str | None = None
    """A secret reference, never a literal."""
    ca_file: str | None = None
    verify: bool = True
    name: str = ""
    options: dict[str, Any] = field(default_factory=dict)
    """The keys only some types read: batch_size, facility, index, credential_file."""
    given: frozenset[str] = frozenset()
    """Every key the table set: a key its type does not read is refused (credscan.central.forward)."""


@dataclass(slots=True)
class RemediationSection:
    vault_name: str = DEFAULT_VAULT_NAME
    vault_url: str | None = None


@dataclass(slots=True)
class ReportSection:
    """Who the report is for and from (credscan report; flags override these)."""

    client_name: str = ""
    msp_name: str = ""
    logo: Path | None = None


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
    duplicate_window_seconds: int = 90 * 86400
    """How long an ingested event id is remembered, so that a re-delivered copy changes nothing."""


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
    report: ReportSection = field(default_factory=ReportSection)
    agent: AgentSection = field(default_factory=AgentSection)
    server: ServerSection = field(default_factory=ServerSection)
    raw: dict[str, Any] = field(default_factory=dict)

    @property
    def event_log_path(self) -> Path:
        return self.log.path or self.state.dir / "events.jsonl"


Parser = Callable[[Any], Any]


@dataclass(frozen=True, slots=True)
class Key:
    """One config key: the attribute it sets, the type named in errors, and its parser."""

    attribute: str
    type_name: str
    parse: Parser


def _of(kind: type | tuple[type, ...], type_name: str, convert: Callable[[Any], Any] = lambda v: v) -> Parser:
    def parse(value: Any) -> Any:
        # bool is an int in Python, but `jobs = true` is a mistake, not 1
        if not isinstance(value, kind) or (isinstance(value, bool) and bool not in _as_tuple(kind)):
            raise _WrongType(type_name, value)
        return convert(value)

    return parse


def _as_tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


class _WrongType(Exception):
    def __init__(self, type_name: str, value: Any) -> None:
        super().__init__(type_name)
        self.type_name = type_name
        self.value = value


def _strings(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise _WrongType("a list of strings", value)
    return list(value)


def _size(value: Any) -> int:
    if not isinstance(value, str):
        raise _WrongType('a size with its unit, as a string (e.g. "200MB")', value)
    return parse_size(value)


def _duration(value: Any) -> int:
    if not isinstance(value, str):
        raise _WrongType('a duration with its unit, as a string (e.g. "15m")', value)
    return parse_interval(value)


def _optional_duration(value: Any) -> int | None:
    if value in ("", False):
        return None
    return _duration(value)


def _optional_cron(value: Any) -> str | None:
    if value in ("", False):
        return None
    if not isinstance(value, str):
        raise _WrongType('a cron expression as a string (e.g. "0 2 * * *"), or "" for none', value)
    return check_cron(value)


def _jobs(value: Any) -> int:
    jobs = _of(int, "an integer (worker processes, 0 or more)")(value)
    if jobs < 0:
        raise UserError("must be 0 or more")
    return int(jobs)


def _smb_max_requests(value: Any) -> int:
    limit = _of(int, "an integer (SMB requests in flight per server)")(value)
    if not 1 <= limit <= SMB_MAX_REQUESTS_LIMIT:
        raise UserError(f"must be from 1 to {SMB_MAX_REQUESTS_LIMIT}")
    return int(limit)


def _positive(parse: Parser, what: str) -> Parser:
    def check(value: Any) -> Any:
        parsed = parse(value)
        if parsed is not None and parsed <= 0:
            raise UserError(f"must be a positive {what}")
        return parsed

    return check


def _secret_ref(value: Any) -> str:
    reference = _of(str, 'a secret reference ("keyring:SERVICE/NAME" or "env:NAME")')(value)
    return check_secret_ref(reference, "the value")


def _ocr_languages(value: Any) -> str:
    return check_ocr_languages(_of(str, 'language codes joined with "+", e.g. "eng+deu"')(value), "the value")


_STRING = _of(str, "a string")
_BOOL = _of(bool, "true or false")

KEYS: dict[str, dict[str, Key]] = {
    "scan": {
        "roots": Key("roots", "a list of strings", _strings),
        "exclude": Key("exclude", "a list of strings", _strings),
        "max_file_size": Key("max_file_size", "a size", _positive(_size, "size")),
        "jobs": Key("jobs", "an integer", _jobs),
        "file_timeout": Key(
            "file_timeout_s", "a duration", _positive(lambda v: float(_duration(v)), "duration")
        ),
        "smb_user": Key("smb_user", "a string", _STRING),
        "smb_password": Key("smb_password", "a secret reference", _secret_ref),
        "smb_require_encryption": Key("smb_require_encryption", "true or false", _BOOL),
        "smb_max_requests": Key("smb_max_requests", "an integer", _smb_max_requests),
        "archives": Key("archives", "true or false", _BOOL),
        "ocr": Key("ocr", "true or false", _BOOL),
        "ocr_languages": Key("ocr_languages", 'Tesseract language codes joined with "+"', _ocr_languages),
    },
    "schedule": {
        "full": Key("full", "a cron expression", _optional_cron),
        "incremental": Key(
            "incremental_seconds", "a duration", _positive(_optional_duration, "duration (e.g. 15m)")
        ),
    },
    "watch": {
        "enabled": Key("enabled", "true or false", _BOOL),
        "settle_seconds": Key(
            "settle_seconds",
            "a number of seconds",
            lambda v: float(_of((int, float), "a number of seconds")(v)),
        ),
    },
    "state": {"dir": Key("dir", "a string", lambda v: Path(_STRING(v)))},
    "log": {
        "path": Key("path", "a string", lambda v: Path(_STRING(v))),
        "max_size": Key("max_bytes", "a size", _positive(_size, "size")),
        "backups": Key("backups", "an integer", _of(int, "an integer")),
    },
    "remediation": {
        "vault_name": Key("vault_name", "a string", _STRING),
        "vault_url": Key("vault_url", "a string", _STRING),
    },
    "report": {
        "client_name": Key("client_name", "a string", _STRING),
        "msp_name": Key("msp_name", "a string", _STRING),
        "logo": Key("logo", "a string", lambda v: Path(_STRING(v))),
    },
    "agent": {
        "heartbeat": Key("heartbeat_seconds", "a duration", _positive(_duration, "duration (e.g. 5m)")),
        "outbox_max_size": Key("outbox_max_bytes", "a size", _positive(_size, "size")),
    },
    "server": {  # the central server's own file, server.toml (docs/server.md); agents never carry it
        "listen": Key("listen", "a string", _STRING),
        "database": Key("database", "a string", _STRING),
        "database_password": Key("database_password", "a secret reference", _secret_ref),
        "tls": Key("tls", "true or false", _BOOL),
        "tls_cert": Key("tls_cert", "a string", _STRING),
        "tls_key": Key("tls_key", "a string", _STRING),
        "public_url": Key("public_url", "a string", _STRING),
        "silent_after": Key("silent_after_seconds", "a duration", _positive(_duration, "duration (e.g. 1d)")),
        "session_lifetime": Key("session_seconds", "a duration", _positive(_duration, "duration (e.g. 8h)")),
        "duplicate_window": Key(
            "duplicate_window_seconds", "a duration", _positive(_duration, "duration (e.g. 90d)")
        ),
    },
}
"""Every key of every [section] (``forward`` is an array of tables: FORWARD_KEYS). docs/agent.md lists them
with their defaults; tests/cli/test_config_strict.py checks that the two agree."""

FORWARD_KEYS: dict[str, Key] = {
    "type": Key("type", "a string", _STRING),
    "url": Key("url", "a string", _STRING),
    "format": Key("format", "a string", _STRING),
    "token": Key("token", "a secret reference", _secret_ref),
    "ca_file": Key("ca_file", "a string", _STRING),
    "verify": Key("verify", "true or false", _BOOL),
    "name": Key("name", "a string", _STRING),
    "batch_size": Key("batch_size", "an integer", _of(int, "an integer")),
    "facility": Key("facility", "a string", _STRING),
    "index": Key("index", "a string", _STRING),
    "credential_file": Key("credential_file", "a string", _STRING),
}
"""Keys of a [[forward]] table; which ones a destination type takes is checked by credscan.central.forward."""

SECTIONS = (*KEYS, "forward")


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """ "; did you mean 'exclude'?" for the closest choice, or "" when none is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _known_keys(table: dict[str, Any], allowed: Iterable[str], where: str) -> None:
    allowed = list(allowed)
    for key in table:
        if key not in allowed:
            raise UserError(f"config: unknown key {key!r} in {where}{did_you_mean(key, allowed)}")


def _known_sections(data: dict[str, Any]) -> None:
    for name, value in data.items():
        if name in SECTIONS:
            continue
        if isinstance(value, dict):
            close = difflib.get_close_matches(name, SECTIONS, n=1, cutoff=0.6)
            hint = f"; did you mean [{close[0]}]?" if close else f" (sections: {', '.join(SECTIONS)})"
            raise UserError(f"config: unknown section [{name}]{hint}")
        owner = next((section for section, keys in KEYS.items() if name in keys), None)
        hint = f"; it belongs under [{owner}]" if owner else did_you_mean(name, SECTIONS)
        raise UserError(f"config: key {name!r} is outside any section{hint}")


def _section(data: dict[str, Any], name: str) -> dict[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise UserError(f"config: [{name}] must be a table (a [{name}] header with keys under it)")
    return value


def _parse_key(key: Key, value: Any, where: str) -> Any:
    try:
        return key.parse(value)
    except _WrongType as exc:
        raise UserError(f"config: {where} must be {exc.type_name}, not {_describe(exc.value)}") from None
    except UserError as exc:
        raise UserError(f"config: {where}: {exc}") from None


def _describe(value: Any) -> str:
    names = {bool: "true/false", int: "an integer", float: "a number", str: "a string", list: "a list"}
    kind = names.get(type(value), type(value).__name__)
    shown = repr(value)
    return f"{kind} ({shown[:40]})"


def _apply(target: Any, table: dict[str, Any], keys: dict[str, Key], section: str) -> None:
    _known_keys(table, keys, f"[{section}]")
    for name, value in table.items():
        key = keys[name]
        setattr(target, key.attribute, _parse_key(key, value, f"{section}.{name}"))


def load_config(path: str | os.PathLike[str]) -> Config:
    """Read and validate a config file; every problem is a UserError with a one-line message."""
    file = Path(path)
    try:
        data = tomllib.loads(read_user_text(file, "config file"))
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"config {file} is not valid TOML: {exc}") from None
    try:
        config = parse_config(data)
    except UserError as exc:
        raise UserError(f"config {file}: {str(exc).removeprefix('config: ')}") from None
    config.source = file
    return config


def parse_config(data: dict[str, Any]) -> Config:
    """Check every section and key of a parsed TOML document and build the Config."""
    config = Config(raw=data)
    _known_sections(data)
    for name, target in (
        ("scan", config.scan),
        ("schedule", config.schedule),
        ("watch", config.watch),
        ("state", config.state),
        ("log", config.log),
        ("remediation", config.remediation),
        ("report", config.report),
        ("agent", config.agent),
        ("server", config.server),
    ):
        _apply(target, _section(data, name), KEYS[name], name)
    config.forward = _forwards(data.get("forward", []))
    return config


def _forwards(forwards: Any) -> list[ForwardSection]:
    if not isinstance(forwards, list):
        raise UserError("config: [[forward]] must be an array of tables (each destination under [[forward]])")
    sections = []
    for index, entry in enumerate(forwards):
        where = f"forward[{index}]"
        if not isinstance(entry, dict):
            raise UserError(f"config: {where} must be a table")
        _known_keys(entry, FORWARD_KEYS, f"[[forward]] number {index + 1}")
        values = {
            name: _parse_key(FORWARD_KEYS[name], value, f"{where}.{name}") for name, value in entry.items()
        }
        for required in ("type", "url"):
            if required not in values:
                raise UserError(f"config: {where} needs {required}")
        if values["type"] not in FORWARD_TYPES:
            raise UserError(
                f"config: {where}: unknown type {values['type']!r} (use one of {', '.join(FORWARD_TYPES)})"
                f"{did_you_mean(values['type'], FORWARD_TYPES)}"
            )
        sections.append(
            ForwardSection(
                type=values["type"],
                url=values["url"],
                format=values.get("format", "json"),
                token=values.get("token") or None,
                ca_file=values.get("ca_file"),
                verify=values.get("verify", True),
                name=values.get("name", f"{values['type']}-{index}"),
                options={
                    k: v
                    for k, v in values.items()
                    if k in ("batch_size", "facility", "index", "credential_file")
                },
                given=frozenset(values),
            )
        )
    return sections
