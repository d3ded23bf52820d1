"""What every output format offers, and the helpers they share (location text, safe output files).

Formats only see a ScanResult: they never read files and never decide whether a secret may be shown
(the plaintext is on a Finding only when the scan ran with --show-secrets, and is written only when
the OutputContext says so as well).
"""

from __future__ import annotations

import os
import stat
import sys
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any, Literal, TextIO, TypeAlias, get_args

from credscan import __version__, safetext
from credscan.config import DEFAULT_VAULT_NAME
from credscan.errors import UserError
from credscan.model import Finding, Location, ScanResult
from credscan.registry import Registry, subclass_of

ENCODING_ERRORS = "backslashreplace"
"""Paths that are not valid UTF-8 carry lone surrogates (surrogateescape). Written with backslashreplace
they become ``\\udcXX``: inside a JSON string that is a valid escape that json.loads turns back into
the same surrogate (os.fsencode then gives the original bytes); in a table it is a readable marker."""


@dataclass(frozen=True, slots=True)
class OutputContext:
    show_secrets: bool = False
    """Write Finding.secret (only with --show-secrets)."""
    roots: tuple[str, ...] = ()
    """The scanned targets, as given: SARIF writes artifact URIs relative to them."""
    color: bool = False
    width: int | None = None
    """Terminal width for the table (None: do not truncate, e.g. when writing to a file or a pipe)."""
    vault_name: str = DEFAULT_VAULT_NAME
    vault_url: str | None = None
    """The vault the HTML report's remediation plan names."""


class OutputFormat(ABC):
    """One ``--format``; registered under its name in FORMATS."""

    @abstractmethod
    def write(self, result: ScanResult, out: TextIO, ctx: OutputContext) -> None:
        """Write the whole result to ``out``."""


OutputFormatName: TypeAlias = Literal["table", "json", "jsonl", "sarif", "csv", "html"]
"""A ``--format`` value, in the order --help lists them."""

FORMATS: Registry[OutputFormatName, type[OutputFormat]] = Registry(
    "output format",
    get_args(OutputFormatName),
    (
        ("table", "credscan.output.table:TableOutput"),
        ("json", "credscan.output.json:JsonOutput"),
        ("jsonl", "credscan.output.jsonl:JsonlOutput"),
        ("sarif", "credscan.output.sarif:SarifOutput"),
        ("csv", "credscan.output.csv:CsvOutput"),
        ("html", "credscan.output.html:HtmlOutput"),
    ),
    subclass_of(OutputFormat),
)
"""Format name -> its OutputFormat class; a module is imported only when its format is used."""


def get_format(name: str) -> OutputFormat:
    """The output format called ``name``; a UserError for a name that is none."""
    known = FORMATS.name_of(name)
    format_class = FORMATS.get(known) if known is not None else None
    if format_class is None:
        raise UserError(f"unknown output format {name!r} (choose from {', '.join(FORMATS.names())})")
    return format_class()


def tool_info() -> dict[str, str]:
    return {"name": "credscan", "version": __version__}


def format_location(location: Location) -> str:
    """Short human form: "Clients!D7", "line 12", "page 3", "slide 2 notes", "table 1 row 3 col 2"."""
    loc = dict(location)
    parts: list[str] = []
    if "sheet" in loc and "cell" in loc:
        parts.append(f"{loc.pop('sheet')}!{loc.pop('cell')}")
        loc.pop("row", None)
        loc.pop("column", None)
    elif "sheet" in loc:
        parts.append(f"sheet {loc.pop('sheet')}")
    if "slide" in loc:
        slide = f"slide {loc.pop('slide')}"
        parts.append(f"{slide} {loc.pop('part')}" if loc.get("part") else slide)
    labels = {"column": "col"}
    for key in ("page", "table", "paragraph", "row", "line", "column"):
        if key in loc:
            parts.append(f"{labels.get(key, key)} {loc.pop(key)}")
    parts.extend(f"{key} {value}" for key, value in loc.items() if value not in (None, ""))
    return " ".join(parts)


printable = safetext.printable
"""Control, bidi and separator characters shown as \\xNN / \\uNNNN: a file name must not be able to drive
the terminal or reorder what is shown (credscan.safetext)."""


def _prepare_stream(stream: TextIO) -> TextIO:
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors=ENCODING_ERRORS)
    return stream


@contextmanager
def open_output(path: str | None) -> Iterator[TextIO]:
    """stdout, or FILE created with mode 0600 (an existing file is truncated and tightened to 0600).

    The report holds masked secrets, keyed hashes and where every password lives: not for other users.
    """
    if path is None or path == "-":
        yield _prepare_stream(sys.stdout)
        sys.stdout.flush()
        return
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror}") from None
    # Only a regular file is tightened: `-o /dev/null` run as root must not chmod the device for everyone.
    if stat.S_ISREG(os.fstat(fd).st_mode):
        with suppress(OSError):  # not our file: keep what its owner set
            os.fchmod(fd, 0o600)
    with open(fd, "w", encoding="utf-8", errors=ENCODING_ERRORS, newline="") as stream:
        yield stream


def finding_record(finding: Finding, ctx: OutputContext) -> dict[str, Any]:
    """The record of a finding, with the plaintext only when the context allows it."""
    record: dict[str, Any] = finding.to_dict(include_secret=ctx.show_secrets)
    return record
