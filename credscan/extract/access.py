"""Microsoft Access databases (Jet 3/4 .mdb, ACE .accdb) through mdbtools: every user table as a Table.

MSP shares hold Access databases of client logins (a table with the columns Site, User, Password); read as
tables, with their header row, the column detection that reads spreadsheets applies to them unchanged. The
reader is Debian's mdbtools (``mdb-tables``, ``mdb-export``; a maintained C library, fuzzed in OSS-Fuzz): no
Python library reads both Jet and ACE with that care. It runs as a child process, so a hostile file costs
at most that process, within fixed bounds:

- the database is handed over, and the export comes back, in memory (memfds, where the OS has them; else
  temporary files deleted at once): neither lands in a file of its own on disk;
- address space (``TOOL_MEMORY_BYTES``), CPU seconds and wall time (half of ``file_timeout_s`` for the whole
  database, so the worker is never abandoned first), and output (a table's export stops at
  ``max_text_bytes``: the kernel ends the writer at that size);
- at most ``MAX_TABLES`` tables, and ``max_cells`` cells in all;
- mdbtools' own messages are never shown (they may quote the file): errors are fixed one-liners.

The header page is read here (``read_header``): its RC4-masked block says whether the database is protected.
A Jet database password does not encrypt anything (it is stored in the header under a fixed mask) so the
tables are read, and the password itself, which anyone holding the file can recover, is reported as a
finding of its own (``{"part": "database password"}``). An ACE database with a password is encrypted (Office
crypto): it is listed as skipped (encrypted).
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import shutil
import signal
import struct
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, BinaryIO

from credscan.extract.interface import Encrypted, ExtractContext, ExtractError, Extractor, NotRead
from credscan.limits import LimitExceeded, Limits
from credscan.model import Table, TextBlock, Unit

SIGNATURES = {b"Standard Jet DB\x00": "Jet", b"Standard ACE DB\x00": "ACE"}
"""At offset 4 of every Access database."""
HEADER_KEY = bytes([0xC7, 0xDA, 0x39, 0x6B])
"""RC4 key of the header block at 0x18 (126 bytes in Jet 3, 128 from Jet 4 on)."""
JET3, JET4 = 0x00, 0x01
"""Header version byte (0x14); 0x02 and above are ACE (Access 2007 and later)."""
PASSWORD_OFFSET, DB_KEY_OFFSET, DATE_OFFSET = 0x42, 0x3E, 0x72
HEADER_BYTES = 0x18 + 128
TOOL_MEMORY_BYTES = 1024 * 1024 * 1024
"""Address space of one mdbtools process."""
MAX_TABLES = 1000
"""User tables read from one database; real ones have tens."""
MAX_FIELD_CHARS = 16 * 1024 * 1024
DAMAGE_MARKERS = (
    b"beyond EOF", b"doesn't match", b"reading page", b"didn't get a full page", b"Unable to read",
    b"Unable to find page row", b"not a valid table definition", b"Invalid",
)  # fmt: skip
"""What mdbtools says on stderr, and only there (it exits 0), when pages are missing (a truncated copy) or out
of place: its messages are searched for these and never shown (they may quote the file). Sound databases make
it say nothing."""
STDERR_BYTES = 64 * 1024
TOOL_ENV = {
    "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    "LC_ALL": "C.UTF-8",
    "MDB_JET3_CHARSET": "cp1252",
}
"""mdbtools reads its options from the environment (MDBOPTS, MDBPATH…): the child gets only these."""


@dataclass(frozen=True, slots=True)
class AccessHeader:
    engine: str
    """"Jet" or "ACE"."""
    version: int
    encoded: bool
    """The database key is set: pages are RC4-encoded (Jet: mdbtools decodes them) or, in ACE, encrypted."""
    password: str
    """The Jet database password ("" when there is none; ACE passwords are not stored here)."""

    @property
    def page_size(self) -> int:
        """Every Access file is a whole number of pages: 2 KiB in Jet 3, 4 KiB from Jet 4 on."""
        return 2048 if self.version == JET3 else 4096


def read_header(head: bytes) -> AccessHeader:
    """The facts of the header page that decide how the database is read. Raises ExtractError when ``head``
    is not the start of an Access database."""
    engine = SIGNATURES.get(head[4:20])
    if head[:4] != b"\x00\x01\x00\x00" or engine is None:
        raise ExtractError("not an Access database (no Jet/ACE signature)")
    if len(head) < HEADER_BYTES:
        raise ExtractError("truncated Access database (header page)")
    version = head[0x14]
    size = 126 if version == JET3 else 128
    block = bytearray(0x18) + _rc4(HEADER_KEY, head[0x18 : 0x18 + size])
    encoded = block[DB_KEY_OFFSET : DB_KEY_OFFSET + 4] != b"\x00\x00\x00\x00"
    return AccessHeader(engine, version, encoded, _password(block, version) if engine == "Jet" else "")


def _password(block: bytearray, version: int) -> str:
    """The Jet database password: 20 bytes of the code page in Jet 3; 40 bytes of UTF-16 in Jet 4, each
    masked once more with the bytes of the creation date's whole days."""
    if version == JET3:
        raw = bytes(block[PASSWORD_OFFSET : PASSWORD_OFFSET + 20])
        return raw.split(b"\x00", 1)[0].decode("cp1252", "replace")
    date = struct.unpack_from("<d", block, DATE_OFFSET)[0]
    days = int(date) if -(2**31) <= date < 2**31 else 0  # a corrupt date: no mask rather than an error
    mask = struct.pack("<i", days)
    raw = bytes(b ^ mask[i % 4] for i, b in enumerate(block[PASSWORD_OFFSET : PASSWORD_OFFSET + 40]))
    text = raw.decode("utf-16-le", "replace")
    return text.split("\x00", 1)[0]


def _rc4(key: bytes, data: bytes) -> bytes:
    """RC4, for the 128-byte header block only (the pages themselves are mdbtools' business)."""
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out = bytearray(len(data))
    i = j = 0
    for n, byte in enumerate(data):
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out[n] = byte ^ state[(state[i] + state[j]) % 256]
    return bytes(out)


class AccessExtractor(Extractor):
    def extract(self, stream: BinaryIO, ctx: ExtractContext) -> Iterator[Unit]:
        stream.seek(0)
        header = read_header(stream.read(HEADER_BYTES))
        if header.engine == "ACE" and header.encoded:
            raise Encrypted("password-protected Access database")
        if shutil.which("mdb-export") is None or shutil.which("mdb-tables") is None:
            raise NotRead("Access database (mdbtools not installed: apt install mdbtools)")
        if header.password:
            yield TextBlock(
                text=f"Database password: {header.password}", location={"part": "database password"}
            )
        stream.seek(0)
        with _database_file(stream) as (path, keep_fds):
            tool = _Tool(path, keep_fds, ctx.limits)
            yield from _tables(tool, ctx.limits, whole_pages=ctx.size % header.page_size == 0)


def _tables(tool: _Tool, limits: Limits, whole_pages: bool) -> Iterator[Unit]:
    """Each user table as a Table at {"table": name}; a table mdbtools cannot export costs only itself (the
    error names how many were lost, after the others were read). A file that ends inside a page was cut
    short (mdbtools reads the stump as a page, silently); that is reported after what was read."""
    listing = tool.run(["mdb-tables", "-1", tool.path])
    if listing.returncode != 0:
        raise ExtractError("unreadable Access database (mdbtools could not read its catalog)")
    names = [name for name in listing.text.splitlines() if name.strip()]
    cells = unread = 0
    damaged = listing.damaged or not whole_pages
    for name in names[:MAX_TABLES]:
        output = tool.run(["mdb-export", "-b", "strip", "--", tool.path, name])
        damaged = damaged or output.damaged
        rows = _parse_csv(output.text, drop_last=output.truncated)
        if output.returncode != 0 and not output.truncated and not rows:
            unread += 1  # a corrupt table, or a name mdbtools' option parser takes for an option ("-x")
            continue
        kept = []
        for row in rows:
            cells += len(row)
            if cells > limits.max_cells:
                break
            kept.append(row)
        if len(kept) > 1 or (kept and any(kept[0])):
            yield Table(rows=kept, location={"table": name}, style="table")
        if cells > limits.max_cells:
            raise LimitExceeded(
                f"Access database over max_cells ({limits.max_cells}); the rest was not scanned"
            )
        if output.truncated:
            raise LimitExceeded(
                f"Access table over max_text_bytes ({limits.max_text_bytes}); the rest was not scanned"
            )
    if damaged:
        raise ExtractError(
            "damaged Access database (pages missing or out of place; what could be read was scanned)"
        )
    if unread:
        raise ExtractError(f"unreadable Access database ({unread} of {len(names)} tables could not be read)")
    if len(names) > MAX_TABLES:
        raise LimitExceeded(f"Access database has {len(names)} tables; the first {MAX_TABLES} were scanned")


def _parse_csv(text: str, drop_last: bool) -> list[list[str]]:
    """mdb-export's CSV (quoted fields may hold line breaks); a cut-off export loses its last, partial row."""
    previous = csv.field_size_limit()
    csv.field_size_limit(MAX_FIELD_CHARS)
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        raise ExtractError("unreadable Access table export (malformed CSV)") from None
    finally:
        csv.field_size_limit(previous)
    return rows[:-1] if drop_last and rows else rows


@dataclass(frozen=True, slots=True)
class _Output:
    text: str
    returncode: int
    truncated: bool
    """The output reached max_text_bytes and was cut there."""
    damaged: bool
    """mdbtools met pages that are missing or out of place (DAMAGE_MARKERS)."""


class _Tool:
    """Runs one mdbtools command at a time on the database, within the bounds of the whole database."""

    def __init__(self, path: str, keep_fds: tuple[int, ...], limits: Limits) -> None:
        self.path = path
        self.keep_fds = keep_fds
        self.output_cap = limits.max_text_bytes
        self.deadline = time.monotonic() + limits.file_timeout_s / 2

    def run(self, argv: list[str]) -> _Output:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise LimitExceeded("Access database over its time budget (half of file_timeout_s)")
        with _scratch() as sink, _scratch() as complaints:
            try:
                process = subprocess.run(  # a fixed program, no shell
                    argv,
                    stdin=subprocess.DEVNULL,
                    stdout=sink,
                    stderr=complaints,
                    env=TOOL_ENV,
                    pass_fds=self.keep_fds,
                    timeout=remaining,
                    preexec_fn=_child_limits(self.output_cap, remaining),  # setrlimit only
                    check=False,
                )
            except subprocess.TimeoutExpired:
                raise LimitExceeded("Access database over its time budget (half of file_timeout_s)") from None
            except OSError:
                raise NotRead("Access database (mdbtools could not be started)") from None
            sink.seek(0)
            data = sink.read(self.output_cap + 1)
            complaints.seek(0)
            said = complaints.read(STDERR_BYTES)
            damaged = any(marker in said for marker in DAMAGE_MARKERS)
        truncated = len(data) >= self.output_cap or process.returncode == -_sigxfsz()
        text = data[: self.output_cap].decode("utf-8", "replace")
        return _Output(text, process.returncode, truncated, damaged)


def _sigxfsz() -> int:
    return int(getattr(signal, "SIGXFSZ", 25))


def _child_limits(output_cap: int, seconds: float) -> Callable[[], None]:
    """setrlimit in the child before it runs mdbtools: memory, CPU time, size of what it writes."""

    def apply() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (TOOL_MEMORY_BYTES, TOOL_MEMORY_BYTES))
        cpu = max(1, int(seconds) + 1)
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
        resource.setrlimit(resource.RLIMIT_FSIZE, (output_cap, output_cap))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply


def _scratch() -> IO[bytes]:
    """Where a child's output goes: a memfd where the OS has one (a table's rows never touch the disk), else
    an unnamed temporary file. The child's RLIMIT_FSIZE bounds both."""
    if hasattr(os, "memfd_create"):
        return open(os.memfd_create("credscan-access-out"), "w+b")
    return tempfile.TemporaryFile()


@contextlib.contextmanager
def _database_file(stream: BinaryIO) -> Iterator[tuple[str, tuple[int, ...]]]:
    """A path mdbtools can open holding the stream's bytes: /dev/fd/N of a memfd (Linux), else a private
    temporary file removed on exit."""
    if hasattr(os, "memfd_create"):
        fd = os.memfd_create("credscan-access")
        try:
            with open(fd, "wb", closefd=False) as copy:
                shutil.copyfileobj(stream, copy)
            yield f"/dev/fd/{fd}", (fd,)
        finally:
            os.close(fd)
        return
    with tempfile.TemporaryDirectory(prefix="credscan-access-") as folder:
        path = os.path.join(folder, "database")
        with open(path, "wb") as copy:
            shutil.copyfileobj(stream, copy)
        yield path, ()
