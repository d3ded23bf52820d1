"""Typed records that flow between the pipeline stages.

    ScanOptions --WalkOptions--> sources --FileRef--> filetype --kind--> extract --Unit-->
    detect --Candidate--> Finding --FileResult--> ScanResult --> outputs, central log, forwarders

Every record here is a plain dataclass so that it pickles cheaply between worker processes. Nothing in this
module knows about a file format or a password rule, and it imports no pipeline stage: every stage imports
its records from here, so the stages never import each other for a type (no import circle).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeAlias, get_args

from credscan.config import DEFAULT_VAULT_NAME
from credscan.limits import DEFAULT_LIMITS, Limits

Severity: TypeAlias = Literal["critical", "high", "medium", "low", "info"]
SEVERITIES: tuple[Severity, ...] = ("critical", "high", "medium", "low", "info")
SEVERITY_RANK: dict[str, int] = {name: rank for rank, name in enumerate(reversed(SEVERITIES))}
"""info=0 … critical=4, for comparisons such as --min-severity."""

Category: TypeAlias = Literal[
    "plaintext-password",
    "password-export",
    "config-credential",
    "private-key",
    "credential-store",
    "api-token",
]
CATEGORIES: tuple[Category, ...] = get_args(Category)
"""Every finding category, in the order of the contract's table."""

FileKind: TypeAlias = Literal[
    "text", "csv", "tsv", "html", "rtf", "eml", "msg",
    "xlsx", "xlsb", "xls", "ods", "docx", "pptx", "vsdx", "doc", "ppt", "wps", "one", "odt", "odp", "pdf",
    "zip", "tar", "gz", "bz2", "xz", "7z", "image", "office-encrypted",
    "kdbx", "sqlite", "mdb", "pkcs12-weak", "binary",
]  # fmt: skip
"""What credscan.filetype decides a file is. Each kind has one line in credscan.extract.registry.FORMATS
(None for the kinds detectors judge by name and head alone: kdbx, sqlite, pkcs12-weak, binary)."""
FILE_KINDS: tuple[FileKind, ...] = get_args(FileKind)

Location: TypeAlias = dict[str, Any]
"""Where inside a file: {"sheet","cell","row","column"} | {"line"} | {"page"} | {"paragraph"} |
{"table","row","column"} | {"slide","part"} … Keys as docs/scanning.md lists them."""


@dataclass(frozen=True, slots=True)
class FileRef:
    """One file a source listed: where it is and what stat said. Sources never parse."""

    path: str
    """The path as reported in findings: as given on the command line, or smb://server/share/…"""
    size: int
    mtime: float
    file_id: str = ""
    """inode (local) or SMB file id; with size and mtime it decides whether a file changed."""
    owner: str | None = None
    source: str = "local"
    """Key of the source that can open this file (see credscan.sources.open_file)."""
    root: str = ""
    """Local files found by walking a folder: that folder. The file is opened beneath it, one component
    at a time, never through a symlink (a folder swapped for a symlink mid-scan cannot lead outside)."""


@dataclass(frozen=True, slots=True)
class Skipped:
    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class FileError:
    path: str
    error: str
    partial: bool = False
    """The file was read up to a cap or its time budget: what was read was scanned, the rest was not."""


# ---------------------------------------------------------------------------
# Units: what extractors yield. They know formats, not passwords.
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class TextBlock:
    """A run of text: a whole text file, a paragraph, a PDF page, a slide's notes.

    ``location`` is the base location of the block. A match on the i-th line of
    ``text`` (0-based) is reported at:
    - ``location | line_locations[i]`` when line_locations is given (a Word body where
      each line is a paragraph: [{"paragraph": 1}, {"paragraph": 2}, …]);
    - ``location | {"line": first_line + i}`` when ``by_line`` is true (text, config files);
    - ``location`` otherwise (a PDF page, a slide's notes).
    Use line_location() rather than reading these fields.
    """

    text: str
    location: Location = field(default_factory=dict)
    by_line: bool = False
    first_line: int = 1
    line_locations: list[Location] | None = None
    tables: list[TextTable] = field(default_factory=list)
    """The tables written in ``text`` (Markdown, tab-separated, aligned), split into cells by the extraction
    stage (credscan.extract.texttables.with_text_tables); empty for program source and configuration."""
    manual: bool = False
    """The text is a program's manual (a man page, an info page: credscan.extract.manuals): its passwords
    are examples of the syntax it documents."""

    def line_location(self, line_index: int) -> Location:
        loc = dict(self.location)
        if self.line_locations is not None and 0 <= line_index < len(self.line_locations):
            loc.update(self.line_locations[line_index])
        elif self.by_line:
            loc["line"] = self.first_line + line_index
        return loc


CellStyle: TypeAlias = Literal["a1", "table", "line"]


@dataclass(slots=True)
class Table:
    """A grid of cells as strings ('' for empty), top-left cell at (first_row, first_col).

    ``style`` decides how a cell's location is written:
    - "a1":    {"sheet": name, "cell": "D7", "row": 7, "column": 4}  (spreadsheets)
    - "table": {"table": n, "row": r, "column": c}                  (Word/PowerPoint/PDF tables)
    - "line":  {"line": n, "column": c}                             (CSV/TSV; n is the row's first line)
    ``location`` holds the keys shared by every cell (sheet name, table number, slide …).
    ``hidden`` marks a hidden/very hidden sheet, worth mentioning in context.
    """

    rows: list[list[str]]
    location: Location = field(default_factory=dict)
    style: CellStyle = "a1"
    first_row: int = 1
    first_col: int = 1
    hidden: bool = False
    row_lines: list[int] | None = None
    """Style "line": the 1-based line each row starts on, when a quoted field spans lines (a CSV export's
    multi-line note); None when row r is line r."""

    def cell_location(self, row_index: int, col_index: int) -> Location:
        """Location of rows[row_index][col_index] (0-based indexes into ``rows``)."""
        row = self.first_row + row_index
        col = self.first_col + col_index
        loc = dict(self.location)
        if self.style == "a1":
            loc.update(cell=f"{column_letters(col)}{row}", row=row, column=col)
        elif self.style == "line":
            lines = self.row_lines
            loc.update(line=lines[row_index] if lines is not None else row, column=col)
        else:
            loc.update(row=row, column=col)
        return loc


TextSeparator: TypeAlias = Literal["pipe", "tab", "gap", "blank"]
"""How a text table's cells are written: Markdown ``| a | b |`` rows, tab-separated (a pasted sheet range),
aligned with runs of blanks, or joined by single blanks (a table's rows in a PDF's text)."""


@dataclass(slots=True)
class TextTable(Table):
    """A table written as text, inside a TextBlock: its rows of cells and, for each row, the location of the
    line it stands on (the block's line_location), so a finding in a cell is reported at that line, exactly
    where a text rule's finding on the line would be."""

    row_locations: list[Location] = field(default_factory=list)
    separator: TextSeparator = "pipe"

    def cell_location(self, row_index: int, col_index: int) -> Location:
        return dict(self.row_locations[row_index])

    def rows_from(self, start: int, stop: int) -> TextTable:
        """Rows ``start`` to ``stop`` (exclusive) as a table of their own (a header and the rows below it)."""
        return TextTable(
            rows=self.rows[start:stop],
            style=self.style,
            row_locations=self.row_locations[start:stop],
            separator=self.separator,
        )


@dataclass(slots=True)
class Embedded:
    """A file inside a file (archive member, mail attachment, OLE object).

    The pipeline types and extracts it like any other file, under the path
    "outer!name", within the archive depth and size caps.
    """

    name: str
    data: bytes
    skipped: str | None = None
    """Set (and ``data`` empty) when the member could not be read, e.g. "encrypted" or "too large":
    the pipeline lists "outer!name" under stats.skipped with this reason instead of scanning it."""


Unit: TypeAlias = TextBlock | Table | Embedded


def column_letters(col: int) -> str:
    """1 -> A, 27 -> AA (spreadsheet column names)."""
    letters = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# ---------------------------------------------------------------------------
# Detection output
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class Candidate:
    """What a detector reports: a secret at a location, before masking and hashing.

    ``context`` must already be masked: the detector replaces the secret (and any
    other value it treats as a secret) with mask_secret() before building it.
    """

    rule_id: str
    secret: str
    location: Location
    context: str = ""
    account: str | None = None
    confidence: float | None = None
    """Overrides the rule's confidence when the detector knows better."""


@dataclass(frozen=True, slots=True)
class FileAccess:
    """Who owns a file and who can read it (see credscan.exposure), asked for files with findings only."""

    owner: str | None
    exposure: dict[str, Any] | None
    """{"level": everyone|all-users|group|owner|unknown, "readers": [names]}; None when not looked up."""


@dataclass(slots=True)
class FileMeta:
    size: int
    mtime: float
    owner: str | None
    sha256: str
    exposure: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "size": self.size,
            "mtime": self.mtime,
            "owner": self.owner,
            "sha256": self.sha256,
        }
        if self.exposure is not None:
            record["exposure"] = self.exposure
        return record


@dataclass(slots=True)
class Finding:
    """One credential exposure at one place (docs/scanning.md, "Finding record")."""

    id: str
    rule_id: str
    rule_name: str
    category: Category
    severity: Severity
    confidence: float
    path: str
    location: Location
    secret_masked: str
    secret_hash: str
    context: str
    account: str | None
    file: FileMeta
    remediation: str
    secret: str | None = None
    """The plaintext. Only ever serialised by to_dict(include_secret=True), i.e. --show-secrets."""
    legacy_id: str = ""
    """The id an older credscan gave this finding (see Fingerprinter.legacy_finding_id): matched against
    old stores and baselines so the upgrade re-announces nothing; never serialised."""

    def to_dict(self, include_secret: bool = False) -> dict[str, Any]:
        record: dict[str, Any] = {
            "id": self.id,
            "rule_id": self.rule_id,
            "rule_name": self.rule_name,
            "category": self.category,
            "severity": self.severity,
            "confidence": round(self.confidence, 2),
            "path": self.path,
            "location": self.location,
            "secret_masked": self.secret_masked,
            "secret_hash": self.secret_hash,
            "context": self.context,
            "account": self.account,
            "file": self.file.to_dict(),
            "remediation": self.remediation,
        }
        if include_secret and self.secret is not None:
            record["secret"] = self.secret
        return record


MAX_LISTED = 50_000
"""Skipped and error entries a scan keeps for its report; past that they are only counted, so a share
of a million broken files cannot fill the scanner's memory."""


@dataclass(slots=True)
class ScanStats:
    files_seen: int = 0
    files_scanned: int = 0
    files_skipped: int = 0
    bytes_scanned: int = 0
    findings: int = 0
    duration_s: float = 0.0
    skipped: list[Skipped] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    errors_total: int = 0
    """All errors, also those past MAX_LISTED (files_skipped does the same for skipped entries)."""

    def add_skipped(self, entry: Skipped) -> None:
        self.files_skipped += 1
        if len(self.skipped) < MAX_LISTED:
            self.skipped.append(entry)

    def add_error(self, entry: FileError) -> None:
        self.errors_total += 1
        if len(self.errors) < MAX_LISTED:
            self.errors.append(entry)

    def add_walk_entry(self, entry: FileRef | Skipped | FileError) -> FileRef | None:
        """Count one entry of a walk; the FileRef back when it is a file to scan."""
        if isinstance(entry, FileRef):
            self.files_seen += 1
            return entry
        if isinstance(entry, Skipped):
            self.files_seen += 1
            self.add_skipped(entry)
        else:
            self.add_error(entry)
        return None

    def add_file(
        self,
        bytes_scanned: int,
        findings: int,
        issues: list[Skipped | FileError],
        scanned: bool,
    ) -> None:
        """Count one scanned file: its findings, and what was skipped or broken in it (archive members)."""
        self.bytes_scanned += bytes_scanned
        self.findings += findings
        if scanned:
            self.files_scanned += 1
        for issue in issues:
            if isinstance(issue, Skipped):
                self.add_skipped(issue)
            else:
                self.add_error(issue)

    def to_dict(self) -> dict[str, Any]:
        return {
            "files_seen": self.files_seen,
            "files_scanned": self.files_scanned,
            "files_skipped": self.files_skipped,
            "bytes_scanned": self.bytes_scanned,
            "findings": self.findings,
            "duration_s": round(self.duration_s, 3),
            "skipped": [{"path": s.path, "reason": s.reason} for s in self.skipped],
            "errors": [{"path": e.path, "error": e.error} for e in self.errors],
            "errors_total": self.errors_total,
        }


# ---------------------------------------------------------------------------
# A scan: its options, what a walk yields, one file's result, the whole result
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WalkOptions:
    """What a source's walk needs to know (credscan.sources.interface.Source.walk)."""

    excludes: tuple[str, ...] = ()
    """Glob patterns (fnmatch on the full path, "**" allowed) of files and folders to leave out."""
    max_file_size: int = 200 * 1024 * 1024
    follow_symlinks: bool = False


WalkEntry: TypeAlias = FileRef | Skipped | FileError
"""One entry of a walk: a file to scan, or what the walk had to leave out."""


@dataclass(frozen=True)
class ScanOptions:
    """Everything a scan is told, from the command line or the agent's config; pickled to each worker."""

    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    """Worker processes; 0 runs everything in this process (no per-file time budget: debugging only)."""
    limits: Limits = DEFAULT_LIMITS
    excludes: tuple[str, ...] = ()
    follow_symlinks: bool = False
    rules_dirs: tuple[Path, ...] = ()
    show_secrets: bool = False
    """Keep Finding.secret (only for --show-secrets output)."""
    min_severity: Severity = "info"
    vault_name: str = DEFAULT_VAULT_NAME
    vault_url: str | None = None
    fingerprint_key: bytes = b""
    """HMAC key; empty means: load the installation's key (credscan.keys) when the scan starts."""
    source_options: dict[str, str] = field(default_factory=dict)
    """Source settings such as SMB user/password/require_encryption (see credscan.sources.smb). The only
    place the SMB password travels to the workers (resolved by credscan.scan.with_source_secrets)."""

    def walk_options(self) -> WalkOptions:
        return WalkOptions(
            excludes=self.excludes,
            max_file_size=self.limits.max_file_size,
            follow_symlinks=self.follow_symlinks,
        )


@dataclass
class FileResult:
    """One file's way through the pipeline: its findings, or why it was skipped or could not be read."""

    ref: FileRef
    findings: list[Finding] = field(default_factory=list)
    skipped: Skipped | None = None
    error: FileError | None = None
    bytes_scanned: int = 0
    member_issues: list[Skipped | FileError] = field(default_factory=list)
    """Archive members (outer.zip!inner) that were skipped or broken while the outer file was fine."""


@dataclass
class ScanResult:
    """A whole scan, as the output formats see it: findings sorted by path, and the totals."""

    findings: list[Finding]
    stats: ScanStats
