"""Files on an SMB 2/3 share, read directly with smbprotocol (no mount, no temp copies on disk).

Targets are ``smb://server[:port]/share[/folder]``. Credentials never appear in a target, a path, a
FileRef or an error message: the user comes from ``--smb-user`` (``DOMAIN\\user`` or ``user@REALM``),
the password from a secret reference (``env:NAME`` / ``keyring:SERVICE/NAME``) or from
``CREDSCAN_SMB_PASSWORD``, and is resolved only when a session is set up. With neither user nor
password, smbprotocol's "negotiate" lets pyspnego try Kerberos with the caller's ticket cache (needs
the optional ``gssapi``/``krb5`` Python packages on Linux, SSPI on Windows).

Source options (``ScanOptions.source_options``, all strings; see smb_source_options() for the
agent config):

- ``user``                 ``DOMAIN\\user`` or ``user@REALM``
- ``password_ref``         a secret reference; without it ``CREDSCAN_SMB_PASSWORD`` is used if set
- ``require_encryption``   ``"true"`` (default) or ``"false"``: SMB 3 encryption is required unless
  explicitly turned off, so credentials found on the wire stay on the wire encrypted
- ``owner``                ``"sid"`` (default): the owner and exposure from the file's security descriptor,
  one compounded round trip, asked only for files with findings, narrowed by the share's permissions
  (read once per share and process); ``"off"`` never asks
- ``timeout``              connection timeout in seconds (default 15)
- ``max_requests``         requests a scan keeps in flight to one server, across its worker processes
  (default DEFAULT_MAX_REQUESTS); ``processes`` (set by the scan, credscan.scan) is how many share it

Each process keeps its own connection (smbprotocol runs a receiver thread per connection, which a
forked worker does not inherit), so a source notices a fork and reconnects.
"""

from __future__ import annotations

import datetime
import io
import os
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, BinaryIO, Literal, Protocol

from credscan.config import DEFAULT_SMB_MAX_REQUESTS, SMB_MAX_REQUESTS_LIMIT
from credscan.errors import UserError
from credscan.model import FileAccess, FileError, FileRef, ScanOptions, Skipped, WalkEntry, WalkOptions
from credscan.sources.excludes import ExcludeMatcher
from credscan.sources.interface import CONNECTION_LOST, Source
from credscan.sources.smbreads import CompoundReader, ReadAhead, ReadFailed, read_length
from credscan.sources.smbwire import (
    EPOCH_FILETIME,
    FILE_ID_FULL_DIRECTORY_INFORMATION,
    DirectoryEntry,
    MalformedAnswer,
    parse_directory_entries,
    parse_query_directory_answer,
)
from credscan.sources.srvsvc import ShareInfo

if TYPE_CHECKING:
    from credscan.exposure import Descriptor
    from credscan.sources.lsarpc import Account

DEFAULT_PORT = 445
PASSWORD_ENV = "CREDSCAN_SMB_PASSWORD"
DEFAULT_TIMEOUT_S = 15
STREAM_BUFFER = 1024 * 1024
"""Small reads (zip directory probes) cost one round trip per 1 MiB; large reads bypass the buffer and
go out as SMB reads of up to the server's max read size."""
SMALL_FILE = 1024 * 1024
"""Files up to this size (and the server's maximum read) are read with one compound request."""
STATUS_END_OF_FILE = 0xC0000011
MAX_DEPTH = 256
"""Folders nested deeper than this are reported, not entered (a server-side link loop the file ids
did not reveal cannot walk forever)."""

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
MICROSECOND = datetime.timedelta(microseconds=1)
FILE_ATTRIBUTE_DIRECTORY = 0x10
FILE_ATTRIBUTE_REPARSE_POINT = 0x400
LINK_REPARSE_TAGS = frozenset({0xA000000C, 0xA0000003, 0xA000001D})
"""IO_REPARSE_TAG_SYMLINK, _MOUNT_POINT (junction), _LX_SYMLINK: links are never followed. Other
reparse points on files (dedup, cloud placeholders) hold real content and are read."""
SHARE_ACL_TTL = 600.0
"""Seconds a share's permissions are kept: once per share per scan, re-read by an agent that keeps its
sources between scans."""
_SHARE_ACLS: dict[tuple[str, int, str, str | None], tuple[float, Descriptor | None]] = {}
"""(server, port, share, user) -> (when read, the share's descriptor or None if unreadable), in this process,
for every source of the share: the agent's watch thread reads it when a watch starts (see agent.smbwatch),
so the first finding on a watched share does not wait for it."""
LISTING_BUFFER = 256 * 1024
"""Bytes of folder entries asked for per QUERY_DIRECTORY (four credits; ~2,000 entries of usual names)."""
QUERY_RESTART_SCANS = 0x01
DFS_REPARSE_TAG = 0x8000000A
"""IO_REPARSE_TAG_DFS: a link in a DFS namespace, followed to its target share (each target once)."""


class HasSourceOptions(Protocol):
    """What SmbSource needs from the scan's options (credscan.scan.ScanOptions satisfies it)."""

    @property
    def source_options(self) -> Mapping[str, str]: ...


# ---------------------------------------------------------------------------
# Targets
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SmbTarget:
    """A parsed ``smb://server[:port]/share[/folder]``; folder uses "/" and has no leading slash."""

    server: str
    port: int = DEFAULT_PORT
    share: str = ""
    folder: str = ""

    @property
    def host_url(self) -> str:
        host = f"[{self.server}]" if ":" in self.server else self.server
        return f"smb://{host}" + ("" if self.port == DEFAULT_PORT else f":{self.port}")

    def url(self, relative: str = "") -> str:
        """The display path: smb://server[:port]/share/relative (never credentials)."""
        parts = [p for p in (self.share, relative) if p]
        return "/".join([self.host_url, *parts])

    def unc(self, relative: str = "") -> str:
        r"""\\server\share\relative for smbclient (the port travels separately)."""
        parts = [p for p in (self.share, *relative.split("/")) if p]
        return "\\\\" + "\\".join([self.server, *parts])

    @property
    def root_url(self) -> str:
        return self.url(self.folder)

    def with_share(self, share: str) -> SmbTarget:
        return SmbTarget(self.server, self.port, share, "")


def parse_smb_url(url: str, need_share: bool = True) -> SmbTarget:
    """Parse without urllib: "#", "?" and "%" are ordinary characters in SMB names."""
    if url[:6].lower() != "smb://":
        raise UserError(f"not an smb:// URL: {url}")
    rest = url[6:].replace("\\", "/")
    authority, _, path = rest.partition("/")
    if "@" in authority:
        # Never echo the authority: it may hold a password.
        raise UserError(
            "credentials in smb:// URLs are not accepted; use --smb-user and CREDSCAN_SMB_PASSWORD "
            "or --smb-password-ref"
        )
    server, port = _split_host_port(authority, url)
    parts = [p for p in path.split("/") if p]
    if any(p in (".", "..") for p in parts):
        raise UserError(f"'.' and '..' are not allowed in smb:// paths: {url}")
    if need_share and not parts:
        raise UserError(
            f"no share in {url} (use smb://server/share[/folder] or --all-shares; see `credscan shares`)"
        )
    share = parts[0] if parts else ""
    return SmbTarget(server=server, port=port, share=share, folder="/".join(parts[1:]))


def _split_host_port(authority: str, url: str) -> tuple[str, int]:
    if authority.startswith("["):  # [IPv6]:port
        host, _, tail = authority[1:].partition("]")
        port_text = tail[1:] if tail.startswith(":") else ""
    elif authority.count(":") == 1:
        host, _, port_text = authority.partition(":")
    else:
        host, port_text = authority, ""
    if not host:
        raise UserError(f"no server in {url}")
    if not port_text:
        return host, DEFAULT_PORT
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise UserError(f"invalid port in {url}")
    return host, int(port_text)


# ---------------------------------------------------------------------------
# Settings and credentials
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SmbSettings:
    """Connection settings; holds a password *reference*, never the password."""

    user: str | None = None
    password_ref: str | None = None
    resolved_password: str | None = field(default=None, repr=False)
    """The password itself, only in worker processes' copy of the options (they do not inherit the
    environment, see credscan.workers) and never shown."""
    require_encryption: bool = True
    owner: bool = True
    timeout: int = DEFAULT_TIMEOUT_S
    max_requests: int = DEFAULT_SMB_MAX_REQUESTS
    """Requests in flight to one server for the whole scan (all its processes)."""
    processes: int = 1
    """How many processes of the scan share max_requests (its workers)."""

    @property
    def window(self) -> int:
        """This process's share of max_requests: the scan's processes together stay within it (each keeps
        at least one request, so a limit below the worker count allows one per worker)."""
        return max(1, self.max_requests // self.processes)

    @classmethod
    def from_options(cls, options: Mapping[str, str]) -> SmbSettings:
        encryption = options.get("require_encryption", "true").strip().lower()
        if encryption not in ("true", "false"):
            raise UserError(f"require_encryption must be true or false, not {encryption!r}")
        owner = options.get("owner", "sid").strip().lower()
        if owner not in ("sid", "off"):
            raise UserError(f"SMB owner lookup must be 'sid' or 'off', not {owner!r}")
        timeout = options.get("timeout", str(DEFAULT_TIMEOUT_S))
        if not timeout.isdigit() or int(timeout) < 1:
            raise UserError(f"invalid SMB timeout {timeout!r} (whole seconds)")
        max_requests = options.get(MAX_REQUESTS, str(DEFAULT_SMB_MAX_REQUESTS))
        if not max_requests.isdigit() or not 1 <= int(max_requests) <= SMB_MAX_REQUESTS_LIMIT:
            raise UserError(
                f"the SMB request limit must be a whole number from 1 to {SMB_MAX_REQUESTS_LIMIT}, "
                f"not {max_requests!r}"
            )
        processes = options.get(PROCESSES, "1")
        return cls(
            user=options.get("user") or None,
            password_ref=options.get("password_ref") or None,
            resolved_password=options.get(RESOLVED_PASSWORD) or None,
            require_encryption=encryption == "true",
            owner=owner == "sid",
            timeout=int(timeout),
            max_requests=int(max_requests),
            processes=max(1, int(processes)) if processes.isdigit() else 1,
        )

    @property
    def who(self) -> str:
        """How the user is named in messages (no secrets)."""
        return self.user or "the current Kerberos user"

    def password(self) -> str | None:
        """Resolve the password now (per connection, so a plaintext copy is never kept on the source)."""
        if self.resolved_password:
            return self.resolved_password
        if self.password_ref:
            from credscan.secretref import resolve_secret

            return resolve_secret(self.password_ref, "SMB password")
        return os.environ.get(PASSWORD_ENV) or None


def smb_source_options(
    user: str | None,
    password_ref: str | None,
    require_encryption: bool = True,
    max_requests: int = DEFAULT_SMB_MAX_REQUESTS,
) -> dict[str, str]:
    """ScanOptions.source_options for SMB targets, from CLI flags or the agent config's [scan] section.

    For the config: ``smb_source_options(cfg.scan.smb_user, cfg.scan.smb_password,
    cfg.scan.smb_require_encryption, cfg.scan.smb_max_requests)`` (smb_password is already checked to be
    a reference).
    """
    options = {
        "require_encryption": "true" if require_encryption else "false",
        MAX_REQUESTS: str(max_requests),
    }
    if user:
        options["user"] = user
    if password_ref:
        options["password_ref"] = password_ref
    return options


RESOLVED_PASSWORD = "resolved_password"
MAX_REQUESTS = "max_requests"
PROCESSES = "processes"


def for_processes(options: Mapping[str, str], processes: int) -> dict[str, str]:
    """Source options for a scan that reads with ``processes`` worker processes: each keeps its share of
    the per-server request limit (SmbSettings.window)."""
    return {**options, PROCESSES: str(max(1, processes))}


def worker_queue_depth(options: Mapping[str, str], default: int) -> int:
    """Files to hand each worker ahead (credscan.workers): enough for its read-ahead window on SMB scans,
    ``default`` for others."""
    if MAX_REQUESTS not in options:
        return default
    return max(default, SmbSettings.from_options(options).window + 1)


def with_resolved_password(options: Mapping[str, str]) -> dict[str, str]:
    """Source options that carry the SMB password itself, for worker processes, which are started without
    the secrets of the environment (CREDSCAN_SMB_PASSWORD included). Only the parent resolves: a reference
    that cannot be resolved here stays a reference, and fails where a share is actually opened."""
    if RESOLVED_PASSWORD in options:
        return dict(options)
    settings = SmbSettings.from_options(options)
    try:
        password = settings.password()
    except UserError:
        password = None
    return {**options, RESOLVED_PASSWORD: password} if password else dict(options)


def _settings_of(options: HasSourceOptions | Mapping[str, str] | None) -> SmbSettings:
    if options is None:
        return SmbSettings()
    if isinstance(options, Mapping):
        return SmbSettings.from_options(options)
    return SmbSettings.from_options(options.source_options)


# ---------------------------------------------------------------------------
# Errors: smbprotocol exceptions -> one clean line (never a password, never a traceback)
# ---------------------------------------------------------------------------

_STATUS_TEXT = {
    0xC000006D: "wrong user name or password",  # STATUS_LOGON_FAILURE
    0xC000006A: "wrong user name or password",  # STATUS_WRONG_PASSWORD
    0xC0000064: "wrong user name or password",  # STATUS_NO_SUCH_USER
    0xC0000071: "the password has expired",
    0xC0000072: "the account is disabled",
    0xC0000234: "the account is locked out",
    0xC0000022: "access denied",
    0xC00000CC: "share not found",  # STATUS_BAD_NETWORK_NAME
    0xC0000034: "not found",  # STATUS_OBJECT_NAME_NOT_FOUND
    0xC000003A: "not found",  # STATUS_OBJECT_PATH_NOT_FOUND
    0xC0000103: "not a folder",  # STATUS_NOT_A_DIRECTORY
    0xC0000043: "in use by another program (sharing violation)",
    0xC0000203: "the session was deleted by the server",  # STATUS_USER_SESSION_DELETED
    0xC000020C: "the server closed the connection",  # STATUS_CONNECTION_DISCONNECTED
}
LOGON_STATUSES = frozenset({0xC000006D, 0xC000006A, 0xC0000064, 0xC0000071, 0xC0000072, 0xC0000234})


def describe_error(exc: BaseException) -> str:
    """A short reason for an smbprotocol/pyspnego/socket failure."""
    from smbprotocol.exceptions import SMBAuthenticationError, SMBConnectionClosed, SMBResponseException

    status = getattr(exc, "ntstatus", None)
    if isinstance(exc, SMBResponseException):
        status = exc.status
    if isinstance(status, int) and status in _STATUS_TEXT:
        return _STATUS_TEXT[status]
    if isinstance(exc, SMBConnectionClosed):
        return "the server closed the connection"
    if isinstance(exc, SMBAuthenticationError):
        return "authentication failed"
    if isinstance(exc, ValueError) and "Failed to connect" in str(exc):
        cause = exc.__cause__
        if isinstance(cause, TimeoutError):
            return "connection timed out"
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, OSError) and cause.strerror:
            return f"cannot connect: {cause.strerror}"
        return "cannot connect"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    if isinstance(status, int):
        return f"NTSTATUS 0x{status:08X}"
    name = type(exc).__name__
    text = str(exc).splitlines()[0] if str(exc) else ""
    if "encrypt" in text.lower():
        return "the server does not support SMB encryption (use --no-smb-encryption to allow it)"
    return f"{name}: {text}" if text else name


def is_transport_failure(exc: BaseException) -> bool:
    """The TCP connection itself failed (refused, timed out, unreachable): no SMB exchange, no logon."""
    if isinstance(exc, ValueError) and "Failed to connect" in str(exc):
        return True
    return isinstance(exc, OSError) and not hasattr(exc, "ntstatus")


def _is_connection_loss(exc: BaseException) -> bool:
    from smbprotocol.exceptions import SMBConnectionClosed

    if isinstance(exc, SMBConnectionClosed | ConnectionError | BrokenPipeError):
        return True
    return getattr(exc, "ntstatus", getattr(exc, "status", None)) in (0xC000020C, 0xC0000203)


# ---------------------------------------------------------------------------
# The source
# ---------------------------------------------------------------------------


class SmbSource(Source):
    """One ``smb://server[:port]/share[/folder]`` target (or a share's key in a worker process)."""

    @classmethod
    def for_target(cls, target: str, options: ScanOptions) -> SmbSource:
        return cls(target, options)

    def __init__(
        self, target: str, options: HasSourceOptions | Mapping[str, str] | None = None, check: bool = True
    ) -> None:
        self.target = parse_smb_url(target)
        self.settings = _settings_of(options)
        self._cache: dict[str, Any] = {}
        self._names: dict[str, Account | None] = {}
        """SID -> name and kind from the server's LSA (None when it had none), per process."""
        self._pid = 0
        self._ahead = ReadAhead(self.settings.window)
        self._reader: CompoundReader | Literal[False] | None = None
        """This process's compound reader of the share (False: a DFS namespace share has none)."""
        if check:
            self.root_stat()  # log on and find the target now: a typo or a wrong password fails before a scan
            self._follow_dfs_root()

    def _follow_dfs_root(self) -> None:
        """A target inside a DFS link (smb://ns/dfs/Link/folder) is walked where the link points, so its
        files have the same paths however they were reached (see _SmbWalk.dfs_link)."""
        from smbclient._pool import ClientConfig

        parts = [part for part in self.target.unc(self.target.folder).split("\\") if part]
        referral = ClientConfig().lookup_referral(parts)
        if referral is None or not referral.is_link:
            return
        linked = [part for part in referral.target_hint.target_path.split("\\") if part]
        below = parts[len([part for part in referral.dfs_path.split("\\") if part]) :]
        if len(linked) < 2:
            return
        self.close()  # the target may be another server: log on there on first use
        self.target = SmbTarget(linked[0], self.target.port, linked[1], "/".join([*linked[2:], *below]))
        self.root_stat()

    def root_stat(self) -> Any:
        """stat of the target folder (or file); every failure is a UserError naming server, share and user."""
        try:
            return self._stat(self.target.folder)
        except UserError:
            raise
        except Exception as exc:
            status = getattr(exc, "ntstatus", getattr(exc, "status", None))
            # a missing share surfaces as a failed DFS referral (STATUS_NOT_FOUND) or BAD_NETWORK_NAME
            reason = "share not found" if status in (0xC0000225, 0xC00000CC) else describe_error(exc)
            raise UserError(f"cannot read {self.target.root_url} as {self.settings.who}: {reason}") from None

    def __getstate__(self) -> dict[str, Any]:
        return {"target": self.target, "settings": self.settings}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.target = state["target"]
        self.settings = state["settings"]
        self._cache, self._pid, self._names = {}, 0, {}
        self._ahead = ReadAhead(self.settings.window)
        self._reader = None

    @property
    def key(self) -> str:
        """FileRef.source: the share URL, from which any process can rebuild this source."""
        return self.target.url()

    # -- connection -----------------------------------------------------------

    def _kwargs(self) -> dict[str, Any]:
        """smbclient keyword arguments; sets up (or re-sets up after a fork) the session first."""
        if self._pid != os.getpid():
            self._cache = {}  # a parent's connection belongs to the parent's receiver thread
            self._ahead.forget()
            self._reader = None
            self._pid = os.getpid()
        if any(not connection.transport.connected for connection in self._cache.values()):
            self._cache = {}  # the server went away since (agent rescans): log on again
            self._ahead.forget()
            self._reader = None
        if not self._cache:
            self.connect()
        return {"port": self.target.port, "connection_cache": self._cache}

    def connect(self) -> None:
        """Log on and check the share; any failure is a UserError naming the server, share and user."""
        import smbclient

        from credscan.sources.smbheaders import install

        install()  # answers' headers parsed with struct (before the connection's receiver thread starts)

        password = self.settings.password()
        shown = self.target.host_url if self.target.share.upper() == "IPC$" else self.target.url()
        where = f"{shown} as {self.settings.who}"
        self._pid = os.getpid()
        try:
            smbclient.register_session(
                self.target.server,
                username=self.settings.user,
                password=password,
                port=self.target.port,
                encrypt=True if self.settings.require_encryption else None,
                connection_timeout=self.settings.timeout,
                connection_cache=self._cache,
            )
        except Exception as exc:  # smbprotocol raises ValueError, SMB*, spnego errors: all become one line
            self.close()
            reason = describe_error(exc)
            if is_transport_failure(exc):  # no logon was attempted: say only what the network said
                raise UserError(f"cannot connect to {shown}: {reason}") from None
            if getattr(exc, "status", None) in LOGON_STATUSES:
                raise UserError(f"cannot log on to {where}: {reason}") from None
            if self.settings.user is None and password is None:
                reason += " (no --smb-user given and Kerberos logon failed)"
            raise UserError(f"cannot connect to {where}: {reason}") from None

    def close(self) -> None:
        """Disconnect this source's sessions (only in the process that opened them)."""
        from smbclient import reset_connection_cache

        if self._cache and self._pid == os.getpid():
            try:
                self._ahead.drain()
            finally:
                reset_connection_cache(fail_on_error=False, connection_cache=self._cache)
        self._ahead.forget()
        self._cache = {}
        self._reader = None

    # -- walking --------------------------------------------------------------

    def walk(self, options: WalkOptions) -> Iterator[WalkEntry]:
        return _SmbWalk(self, options).run()

    def scandir(self, relative: str) -> list[DirectoryEntry]:
        """Entries of one folder, listed completely before anything is yielded (handle closed quickly), in
        name order. QUERY_DIRECTORY answers are parsed by credscan.sources.smbwire (one struct call per
        entry); a DFS namespace share is listed by smbclient, which follows its referrals."""
        import smbclient
        from smbclient._io import SMBDirectoryIO
        from smbprotocol.exceptions import NoMoreFiles, NoSuchFile

        kwargs = self._kwargs()
        unc = self.target.unc(relative)
        if self._compound_reader() is None:
            with smbclient.scandir(unc, **kwargs) as listed:
                return sorted((_entry_of(entry.smb_info) for entry in listed), key=lambda e: e.name)
        entries: list[DirectoryEntry] = []
        with SMBDirectoryIO(unc, share_access="rwd", **kwargs) as directory:
            handle = directory.fd
            tree = handle.tree_connect
            connection = tree.session.connection
            length = min(LISTING_BUFFER, connection.max_transact_size)
            flags = QUERY_RESTART_SCANS
            while True:
                query, _ = handle.query_directory(
                    "*", FILE_ID_FULL_DIRECTORY_INFORMATION, flags=flags, max_output=length, send=False
                )
                request = connection.send(query, tree.session.session_id, tree.tree_connect_id)
                try:
                    answer = connection.receive(request)
                except (NoMoreFiles, NoSuchFile):  # the end of the listing (MS-SMB2 3.3.5.18)
                    break
                body = bytes(answer["data"].get_value())
                entries += parse_directory_entries(parse_query_directory_answer(body, length))
                flags = 0
        return sorted(entries, key=lambda e: e.name)

    def relative(self, url: str) -> str | None:
        """The share-relative path ("a/b.txt") of a URL on this source's share, None for another share."""
        target = parse_smb_url(url, need_share=False)
        same = (target.server.lower(), target.port, target.share.lower()) == (
            self.target.server.lower(),
            self.target.port,
            self.target.share.lower(),
        )
        return target.folder if same else None

    def at(self, url: str) -> SmbSource:
        """A source rooted at another folder or file of this share, sharing this one's connection (the
        agent walks a folder that appeared on a watched share without logging on again)."""
        relative = self.relative(url)
        if relative is None:
            raise OSError(f"{url} is not on {self.key}")
        folder = SmbTarget(self.target.server, self.target.port, self.target.share, relative)
        return self.with_target(folder, self._kwargs()["connection_cache"])

    def with_target(self, target: SmbTarget, connection_cache: dict[str, Any] | None = None) -> SmbSource:
        """A source for another target with this one's settings; it logs on when first used, unless it
        shares this process's connection cache for the same server."""
        source = SmbSource.__new__(SmbSource)
        source.target, source.settings, source._names = target, self.settings, {}
        source._ahead = ReadAhead(self.settings.window)
        source._reader = None
        source._cache = connection_cache if connection_cache is not None else {}
        source._pid = os.getpid() if connection_cache is not None else 0
        return source

    def open_root_folder(self) -> Any:
        """An open handle (smbclient SMBDirectoryIO) to the target folder, for CHANGE_NOTIFY requests;
        the caller closes it. Shares read, write and delete so nobody is locked out of the folder."""
        from smbclient._io import SMBDirectoryIO

        directory = SMBDirectoryIO(
            self.target.unc(self.target.folder), mode="r", share_access="rwd", **self._kwargs()
        )
        directory.open()
        return directory

    def dfs_target(self, relative: str) -> SmbTarget | None:
        """Where a DFS link of this share points (the server's first referral target), None if it has none.
        The target is reached on this source's port: a namespace and its targets serve one port."""
        from smbclient._pool import dfs_request, get_smb_tree
        from smbprotocol.dfs import ReferralEntry

        kwargs = self._kwargs()
        ipc_tree = get_smb_tree(self.target.with_share("IPC$").unc(), **kwargs)[0]
        response = dfs_request(ipc_tree, self.target.unc(relative)[1:])  # \\server\share\link -> \server\…
        targets = list(ReferralEntry(response).target_list)
        if not targets:
            return None
        parts = [part for part in targets[0].target_path.split("\\") if part]
        if len(parts) < 2:
            return None
        return SmbTarget(parts[0], self.target.port, parts[1], "/".join(parts[2:]))

    def _stat(self, relative: str) -> Any:
        """lstat of a share-relative path: one struct-packed compound (smbwire.stat_compound),
        or smbclient's stat for a DFS namespace share and whenever the compound fails (it follows referrals
        and says why in the usual words)."""
        reader = self._compound_reader()
        if reader is not None:
            try:
                return reader.stat(relative.replace("/", "\\"))
            except ReadFailed:
                pass
        return smbclient_stat(self.target.unc(relative), self._kwargs())

    def lstat(self, url: str) -> Any:
        """lstat over SMB of a URL on this share (OSError when it is gone or unreachable)."""
        relative = self.relative(url)
        if relative is None:
            raise OSError(f"{url} is not on {self.key}")
        try:
            return self._stat(relative)
        except MalformedAnswer as exc:
            raise OSError(f"malformed answer from the server ({exc})") from None
        except UserError as exc:
            raise OSError(str(exc)) from None
        except OSError:
            raise
        except Exception as exc:
            self._forget_lost_connection(exc)
            raise OSError(describe_error(exc)) from None

    def access(self, ref: FileRef) -> FileAccess:
        """Owner and exposure from the file's security descriptor (owner and DACL in one compounded round
        trip) narrowed by the share's (credscan.exposure.smb_exposure); unknown where the file's cannot be
        read, the file's alone (``share_acl: unknown``) where the share's cannot."""
        from credscan.exposure import UNKNOWN, parse_descriptor, smb_exposure

        relative = self.relative(ref.path)
        if relative is None or not self.settings.owner:
            return FileAccess(ref.owner, None)
        try:
            descriptor = parse_descriptor(_query_security(self.target.unc(relative), self._kwargs()))
        except Exception:  # an unreadable descriptor only costs the owner and exposure fields
            descriptor = None
        if descriptor is None:
            return FileAccess(None, UNKNOWN.to_dict())
        share = self.share_descriptor()
        sids = descriptor.sids() + (share.sids() if share else [])
        names, users = self.names(sids), self.users(sids)
        owner = descriptor.owner
        shown = None if owner is None else names.get(owner, owner)
        return FileAccess(shown, smb_exposure(descriptor, share, names, users).to_dict())

    def share_descriptor(self) -> Descriptor | None:
        """The share's security descriptor (its share-level permissions) from srvsvc NetrShareGetInfo level
        502, read once per share and process (_SHARE_ACLS; again after SHARE_ACL_TTL, for a long-running
        agent); None when the server does not show it: Windows refuses non-administrators, Samba sends none
        to users who cannot read its share database."""
        from credscan.exposure import parse_descriptor
        from credscan.sources.srvsvc import net_share_security

        key = (self.target.server.lower(), self.target.port, self.target.share.lower(), self.settings.user)
        now = time.monotonic()
        cached = _SHARE_ACLS.get(key)
        if cached is not None and now - cached[0] < SHARE_ACL_TTL:
            return cached[1]
        descriptor = None
        try:
            ipc = self.target.with_share("IPC$")
            with smbclient_pipe(ipc.unc("srvsvc"), self._kwargs()) as pipe:
                raw = net_share_security(pipe, self.target.server, self.target.share)
            descriptor = parse_descriptor(raw) if raw else None
        except Exception as exc:  # no rights, no srvsvc, a garbled answer: the file's DACL alone decides
            if _is_connection_loss(exc):
                self._forget_lost_connection(exc)
                return None  # not an answer about the share: ask again once reconnected
            descriptor = None
        _SHARE_ACLS[key] = (now, descriptor)
        return descriptor

    def names(self, sids: list[str]) -> dict[str, str]:
        """The server's names for SIDs ("CORP\\jdoe"), asked over its lsarpc pipe once per SID and
        process; {} where the server does not say (the SIDs are shown instead)."""
        return {sid: account.name for sid, account in self._accounts(sids).items()}

    def users(self, sids: list[str]) -> frozenset[str]:
        """Those of the SIDs the server says are single accounts (users, computers), not groups."""
        return frozenset(sid for sid, account in self._accounts(sids).items() if account.is_user)

    def _accounts(self, sids: list[str]) -> dict[str, Account]:
        from credscan.sources.lsarpc import lookup_sids

        unknown = [sid for sid in sids if sid not in self._names]
        if unknown:
            found: dict[str, Account] = {}
            try:
                ipc = self.target.with_share("IPC$")
                with smbclient_pipe(ipc.unc("lsarpc"), self._kwargs()) as pipe:
                    found = lookup_sids(pipe, unknown)
            except Exception:  # no names is no error: SIDs are shown
                found = {}
            for sid in unknown:
                self._names[sid] = found.get(sid)
        return {sid: account for sid in sids if (account := self._names.get(sid)) is not None}

    # -- reading --------------------------------------------------------------

    def open(self, ref: FileRef) -> BinaryIO:
        """Read-only, sharing read/write/delete so that users of the file are never locked out. A small file
        comes from its read-ahead or one compound read (credscan.sources.smbreads); a larger one, or one
        whose compound read failed (DFS referral, symlink, the reason in the usual words), is opened the
        ordinary way."""
        import smbclient

        path = self._share_path(ref)
        if path is None:
            raise OSError(f"{ref.path} is not on {self.key}")
        try:
            content = self._read_small(ref, path) if ref.size <= SMALL_FILE else None
            if content is not None:
                return io.BytesIO(content)
            unc = "\\\\" + "\\".join(part for part in (self.target.server, self.target.share, path) if part)
            raw = smbclient.open_file(unc, mode="rb", buffering=0, share_access="rwd", **self._kwargs())
        except MalformedAnswer as exc:
            raise OSError(f"malformed answer from the server ({exc})") from None
        except UserError as exc:
            raise OSError(str(exc)) from None
        except Exception as exc:
            self._forget_lost_connection(exc)
            raise OSError(describe_error(exc)) from None
        return io.BufferedReader(raw, buffer_size=STREAM_BUFFER)  # large reads go straight through

    def _read_small(self, ref: FileRef, path: str) -> bytes | None:
        """A small file's content in one round trip (read ahead, or a compound CREATE/READ/CLOSE now); None
        when it has to be read the ordinary way: it grew past one read, the compound failed (ReadFailed),
        the share is a DFS namespace or the connection has no credits to spare."""
        try:
            if self._ahead.pending(path):
                return self._ahead.take(path)
            reader = self._compound_reader()
            if reader is None:
                return None
            pending = reader.send(path, self._read_length(reader, ref.size), 0)
            return None if pending is None else reader.receive(pending)
        except ReadFailed:
            return None

    def prefetch(self, refs: Sequence[FileRef]) -> None:
        """Send the read requests of the next small files of this share (in order, within the window), so
        that their content is on its way while the current file is scanned (credscan.sources.smbreads)."""
        if self.settings.window < 2:
            return
        try:
            reader = self._compound_reader()
            if reader is None:
                return
            for ref in refs:
                if not self._ahead.has_room():
                    return
                path = self._share_path(ref) if ref.size <= SMALL_FILE else None
                if path is None or self._ahead.pending(path):
                    continue
                if not self._ahead.send(path, reader, path, self._read_length(reader, ref.size)):
                    return
        except Exception as exc:  # reading ahead is an optimisation: open() reads and reports as usual
            self._forget_lost_connection(exc)

    @staticmethod
    def _read_length(reader: CompoundReader, size: int) -> int:
        return read_length(size, min(SMALL_FILE, reader.connection.max_read_size))

    def _compound_reader(self) -> CompoundReader | None:
        """The compound reader of this source's share on this process's connection (made once per
        connection); None for a DFS namespace share."""
        kwargs = self._kwargs()  # reconnects after a fork or a lost connection, which drops the reader
        if self._reader is None or (self._reader is not False and not self._reader.connected):
            from smbclient._pool import get_smb_tree

            tree = get_smb_tree(self.target.unc(), **kwargs)[0]
            self._reader = False if tree.is_dfs_share else CompoundReader(tree)
        return self._reader or None

    def _share_path(self, ref: FileRef) -> str | None:
        r"""The share-relative path (backslashes) of a file on this source's share; None for a file elsewhere.
        The walk's own spelling of the share's URL is recognised without parsing (once per file read)."""
        prefix = self.key + "/"
        if ref.path.startswith(prefix):
            relative = ref.path[len(prefix) :]
        else:
            target = parse_smb_url(ref.path)
            if (target.server.lower(), target.port, target.share.lower()) != (
                self.target.server.lower(),
                self.target.port,
                self.target.share.lower(),
            ):
                return None
            relative = target.folder
        return relative.replace("/", "\\")

    def _forget_lost_connection(self, exc: BaseException) -> None:
        """After a dropped connection, the next open() reconnects instead of failing forever."""
        if _is_connection_loss(exc):
            self._cache = {}
            self._ahead.forget()
            self._reader = None


def _entry_of(info: Any) -> DirectoryEntry:
    """A DirectoryEntry from smbclient's (the listing of a DFS namespace share)."""
    last_write = (info.last_write_time - EPOCH) // MICROSECOND * 10 + EPOCH_FILETIME
    return DirectoryEntry(
        info.file_name, info.file_attributes, info.ea_size, info.file_id, info.end_of_file, last_write
    )


def _dfs_key(target: SmbTarget) -> tuple[str, str, str]:
    """SMB names are case-insensitive: one key per folder however its link spells it."""
    return (target.server.lower(), target.share.lower(), target.folder.lower().strip("/"))


def smbclient_pipe(unc: str, kwargs: dict[str, Any]) -> Any:
    """An open named pipe (\\\\server\\IPC$\\srvsvc, …\\lsarpc) for one DCE/RPC exchange, on the session of
    ``kwargs``; a context manager."""
    import smbclient

    return smbclient.open_file(unc, mode="r+b", buffering=0, file_type="pipe", **kwargs)


def smbclient_stat(unc: str, kwargs: dict[str, Any]) -> Any:
    """lstat over SMB: a link is described, never followed."""
    import smbclient

    return smbclient.stat(unc, follow_symlinks=False, **kwargs)


class _SmbWalk:
    """One walk: excludes, visited folder ids (loop safety) and the stop-on-connection-loss rule."""

    def __init__(
        self, source: SmbSource, options: WalkOptions, dfs_seen: set[tuple[str, str, str]] | None = None
    ) -> None:
        self.source = source
        self.target = source.target
        self.options = options
        self.excludes = ExcludeMatcher(options.excludes)
        self.seen: set[int] = set()
        self.dfs_seen = dfs_seen if dfs_seen is not None else {_dfs_key(source.target)}
        """Folders walked through DFS links (and the root itself): a target reached twice is walked once."""

    def relative_to_root(self, relative: str) -> str:
        folder = self.target.folder
        return relative[len(folder) + 1 :] if folder else relative

    def run(self) -> Iterator[WalkEntry]:
        root = self.target.folder
        root_stat = self.source.root_stat()
        if not root_stat.st_file_attributes & FILE_ATTRIBUTE_DIRECTORY:
            yield from self.single_file(root, root_stat)
            return
        self.seen.add(root_stat.st_ino)
        try:
            entries = self.source.scandir(root)
        except Exception as exc:
            raise UserError(
                f"cannot list {self.target.root_url} as {self.source.settings.who}: {describe_error(exc)}"
            ) from None
        stack: list[tuple[str, int, list[DirectoryEntry] | None]] = [(root, 0, entries)]
        while stack:
            folder, depth, listed = stack.pop()
            if listed is None:
                try:
                    listed = self.source.scandir(folder)
                except Exception as exc:
                    if _is_connection_loss(exc) or isinstance(exc, UserError):  # gone, or no logon again
                        yield FileError(self.target.url(folder), CONNECTION_LOST)
                        yield from self.abandon(stack)
                        return
                    yield FileError(self.target.url(folder), f"cannot list folder: {describe_error(exc)}")
                    continue
            subfolders: list[tuple[str, int, list[DirectoryEntry] | None]] = []
            for entry in listed:
                yield from self.entry(folder, depth, entry, subfolders)
            stack.extend(reversed(subfolders))

    def abandon(self, stack: list[tuple[str, int, list[DirectoryEntry] | None]]) -> Iterator[WalkEntry]:
        """The server went away: the folders not yet listed are errors, and the walk ends."""
        for folder, _, _ in stack:
            yield FileError(self.target.url(folder), CONNECTION_LOST)

    def dfs_link(self, relative: str, path: str) -> Iterator[WalkEntry]:
        """Walk the share a DFS link points to, unless this walk has been there already. Its files are
        reported under the target's own path, so a file has one path however many links lead to it."""
        try:
            target = self.source.dfs_target(relative)
        except Exception as exc:
            yield FileError(path, f"DFS link not followed: {describe_error(exc)}")
            return
        if target is None:
            yield FileError(path, "DFS link not followed: the server named no target")
            return
        key = _dfs_key(target)
        if key in self.dfs_seen:
            yield Skipped(path, f"DFS link to {target.root_url}, scanned once already")
            return
        self.dfs_seen.add(key)
        linked = self.source.with_target(target)
        try:
            yield from _SmbWalk(linked, self.options, self.dfs_seen).run()
        except UserError as exc:
            yield FileError(path, f"DFS link not followed: {exc}")
        finally:
            linked.close()

    def single_file(self, relative: str, st: Any) -> Iterator[WalkEntry]:
        """smb://server/share/file.xlsx: a file given as the target."""
        path = self.target.url(relative)
        if st.st_file_attributes & FILE_ATTRIBUTE_REPARSE_POINT and st.st_reparse_tag in LINK_REPARSE_TAGS:
            yield Skipped(path, "symlink")
        elif st.st_size > self.options.max_file_size:
            yield Skipped(path, "too large")
        else:
            mtime = st.st_mtime_ns // 1000 / 1e6
            yield FileRef(path, st.st_size, mtime, str(st.st_ino), None, self.source.key)

    def entry(
        self,
        folder: str,
        depth: int,
        info: DirectoryEntry,
        subfolders: list[tuple[str, int, list[DirectoryEntry] | None]],
    ) -> Iterator[WalkEntry]:
        relative = f"{folder}/{info.name}" if folder else info.name
        path = self.target.url(relative)
        is_dir = bool(info.attributes & FILE_ATTRIBUTE_DIRECTORY)
        if self.excludes.excluded(path, self.relative_to_root(relative), is_dir=is_dir):
            yield Skipped(path, "excluded")
            return
        if is_dir and info.attributes & FILE_ATTRIBUTE_REPARSE_POINT and info.reparse_tag == DFS_REPARSE_TAG:
            yield from self.dfs_link(relative, path)
            return
        if info.attributes & FILE_ATTRIBUTE_REPARSE_POINT and (
            is_dir or info.reparse_tag in LINK_REPARSE_TAGS
        ):
            # FileIdFullDirectoryInformation carries the reparse tag in ea_size
            yield Skipped(path, "symlink")
            return
        if is_dir:
            if info.file_id and info.file_id in self.seen:
                yield Skipped(path, "symlink loop")  # Samba follows server-side links: same id twice
            elif depth + 1 > MAX_DEPTH:
                yield FileError(path, f"not entered: more than {MAX_DEPTH} nested folders")
            else:
                self.seen.add(info.file_id)
                subfolders.append((relative, depth + 1, None))
            return
        if info.size > self.options.max_file_size:
            yield Skipped(path, "too large")
            return
        yield FileRef(
            path=path,
            size=info.size,
            mtime=info.mtime,  # as single_file() computes it
            file_id=str(info.file_id),
            owner=None,  # asked for files with findings only (SmbSource.access): a round trip per file
            source=self.source.key,
        )


# ---------------------------------------------------------------------------
# Security descriptor: CREATE(READ_CONTROL) + QUERY_INFO(security: owner, DACL) + CLOSE in one compound
# ---------------------------------------------------------------------------

_READ_CONTROL = 0x00020000
_OWNER_SECURITY_INFORMATION = 0x00000001
_DACL_SECURITY_INFORMATION = 0x00000004
_DESCRIPTOR_BUFFER = 64 * 1024
"""Bytes of security descriptor asked for: a DACL with hundreds of entries fits."""
_SMB2_0_INFO_SECURITY = 0x03


def _query_security(unc: str, kwargs: dict[str, Any]) -> bytes:
    from smbclient._io import SMBFileTransaction, SMBRawIO
    from smbprotocol.open import SMB2QueryInfoRequest, SMB2QueryInfoResponse

    raw = SMBRawIO(unc, mode="r", share_access="rwd", desired_access=_READ_CONTROL, **kwargs)
    request = SMB2QueryInfoRequest()
    request["info_type"] = _SMB2_0_INFO_SECURITY
    request["file_info_class"] = 0
    request["additional_information"] = _OWNER_SECURITY_INFORMATION | _DACL_SECURITY_INFORMATION
    request["output_buffer_length"] = _DESCRIPTOR_BUFFER
    request["file_id"] = raw.fd.file_id

    def receive(sent: Any) -> bytes:
        response = raw.fd.connection.receive(sent)
        parsed = SMB2QueryInfoResponse()
        parsed.unpack(response["data"].get_value())
        return bytes(parsed["buffer"].get_value())

    transaction = SMBFileTransaction(raw)
    transaction += (request, receive)
    transaction.commit()
    assert transaction.results is not None
    return bytes(transaction.results[0])


# ---------------------------------------------------------------------------
# Share listing
# ---------------------------------------------------------------------------

ADMIN_SHARE_NAMES = frozenset({"ADMIN$", "IPC$", "PRINT$"})
GPP_SHARE_NAMES = frozenset({"SYSVOL", "NETLOGON"})
"""Domain controller shares: Group Policy Preferences (cpassword) and logon scripts live here."""


def is_admin_share(share: ShareInfo) -> bool:
    """C$, ADMIN$, IPC$ and other special (STYPE_SPECIAL / IPC) shares."""
    return share.special or share.type == "ipc" or share.name.upper() in ADMIN_SHARE_NAMES


@dataclass(frozen=True, slots=True)
class ShareListing:
    info: ShareInfo
    url: str
    admin: bool
    readable: bool | None
    """True/False for disk shares (their root could be listed or not); None for other types."""
    note: str = ""


def list_shares(url: str, options: HasSourceOptions | Mapping[str, str] | None = None) -> list[ShareListing]:
    """Every share ``smb://server[:port]`` lists over srvsvc, and whether the configured user can read it."""
    from credscan.sources.srvsvc import RpcError, net_share_enum

    server = parse_smb_url(url, need_share=False)
    ipc = server.with_share("IPC$")
    source = SmbSource(ipc.url(), options, check=False)
    try:
        kwargs = source._kwargs()
        try:
            with smbclient_pipe(ipc.unc("srvsvc"), kwargs) as pipe:
                shares = net_share_enum(pipe, server.server)
        except RpcError as exc:
            raise UserError(f"cannot list the shares of {server.host_url}: {exc}") from None
        except Exception as exc:
            raise UserError(f"cannot list the shares of {server.host_url}: {describe_error(exc)}") from None
        return [_listing(server.with_share(info.name), info, kwargs) for info in shares]
    finally:
        source.close()


def _listing(target: SmbTarget, info: ShareInfo, kwargs: dict[str, Any]) -> ShareListing:
    import smbclient

    readable: bool | None = None
    note = (
        "Group Policy and logon scripts: common home of GPP cpassword"
        if info.name.upper() in GPP_SHARE_NAMES
        else ""
    )
    if info.type == "disk":
        try:
            with smbclient.scandir(target.unc(), **kwargs) as entries:
                next(iter(entries), None)
            readable = True
        except Exception as exc:
            readable, note = False, describe_error(exc)
    return ShareListing(info, target.url(), is_admin_share(info), readable, note)


def readable_shares(
    url: str, options: HasSourceOptions | Mapping[str, str] | None, include_admin: bool = False
) -> list[str]:
    """``smb://server/share`` URLs of the readable disk shares, for ``scan --all-shares``."""
    return [
        share.url
        for share in list_shares(url, options)
        if share.readable and (include_admin or not share.admin)
    ]
