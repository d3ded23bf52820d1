"""Decide what kind of file a stream holds, by content first and by name only as a fallback.

Users rename files (``passwords.xlsx.bak``, an export saved as ``.dat``), so the extension is
the weakest hint. Order of evidence:

1. Exact signatures we can check ourselves (most of them are data: each format's line in
   credscan.extract.registry.FORMATS): zip (then member names tell xlsx/xlsb/docx/pptx/vsdx/ods/
   odt/odp), OLE compound files (then stream names tell encrypted Office, xls, doc, ppt, Works, msg),
   PDF, RTF, SQLite, KeePass, Access, OneNote, 7z/gzip/bzip2/xz/tar. These work without libmagic.
2. libmagic (python-magic) on the first ``HEAD_BYTES``: text or binary, and mail.
3. The extension, for what content cannot tell (CSV vs. other text, or a corrupt file whose
   extension still says which extractor should report it as broken).

Only the head of the stream is read for typing (zip and OLE directories excepted, which need
their central directory); the stream position is restored.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import zipfile
from collections.abc import Callable
from typing import BinaryIO, Literal, TypeAlias

import olefile

from credscan.extract.decoding import BOMS, looks_like_text, sniff_delimiter
from credscan.extract.registry import FORMATS
from credscan.extract.registry import ONENOTE_SIGNATURE as ONENOTE_SIGNATURE
from credscan.extract.zipguard import ZIP_ERRORS
from credscan.model import FileKind

Probe: TypeAlias = FileKind | Literal["unknown"]
"""What one test says: a kind, or "unknown" (the extension decides then, else "binary")."""

log = logging.getLogger(__name__)

HEAD_BYTES = 8192
"""How much of a file goes to libmagic and to the signature checks."""

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
PREFIX_SIGNATURES: tuple[tuple[bytes, FileKind], ...] = tuple(
    (prefix, fmt.kind) for fmt in FORMATS for prefix in fmt.prefixes
)
"""What a file starts with -> its kind (each format's ``prefixes`` in credscan.extract.registry.FORMATS)."""
TAR_MAGIC_OFFSET = 257
TAR_MAGICS = (b"ustar\x0000", b"ustar  \x00")
"""POSIX (ustar/pax) and GNU tar headers; a pre-POSIX v7 tar has no magic and is typed by extension."""
_BZIP2_HEAD = re.compile(rb"BZh[1-9]1AY&SY")
HTML_HEAD = re.compile(
    rb"(?:\xef\xbb\xbf)?\s*(?:<!--.{0,2000}?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL
)
"""A document that declares itself HTML in its first element (saved pages, wiki exports)."""
_WEBP = re.compile(rb"RIFF....WEBP", re.DOTALL)
_BMP = re.compile(rb"BM.{12}(?:\x0c|\x28|\x34|\x38|\x6c|\x7c)\x00\x00\x00", re.DOTALL)
"""A BMP's "BM" alone would claim text files starting with "BM…": its DIB header size must follow."""

EXTENSION_KINDS: dict[str, FileKind] = {ext: fmt.kind for fmt in FORMATS for ext in fmt.extensions}
"""Fallback by extension, used only when the content did not decide."""

DELIMITED_KINDS: dict[str, FileKind] = {",": "csv", ";": "csv", "|": "csv", "\t": "tsv"}

AMBIGUOUS_TEXT_EXTENSIONS = frozenset({"", ".txt", ".dat", ".bak", ".old", ".out", ".export", ".tmp"})
"""Text files with these extensions are sniffed for CSV; a .ini or .ps1 never is."""

TEXT_MIME_TYPES = frozenset(
    {
        "application/json", "application/xml", "application/javascript", "application/x-sh",
        "application/x-shellscript", "application/x-wine-extension-ini", "application/x-ndjson",
        "application/x-php", "application/x-perl", "application/x-ruby", "application/x-python",
        "application/csv", "application/x-yaml", "application/yaml", "application/toml",
        "application/x-bat", "application/x-msdos-program", "image/svg+xml", "message/news",
    }
)  # fmt: skip
"""libmagic MIME types that are text although they do not start with "text/"."""

MAIL_MIME_TYPES = frozenset({"message/rfc822"})
MAIL_KEY_HEADERS = frozenset({b"subject", b"to", b"date"})
_HEADER_LINE = re.compile(rb"([A-Za-z][A-Za-z0-9-]*):")
_MAIL_START = re.compile(
    rb"(?i:from:|date:|received:|return-path:|delivered-to:|relay-version:|forward to|pipe to)|N?#! ?rnews"
)
"""Where libmagic's rules for mail (message/rfc822) can match: the start of the file, with one of the names
its mail.news rules test (libmagic 5.x; tried: a mail after one other line, or indented, is text/plain, and
"Message-ID:", "Subject:" or "To:" first is text/plain too). Matched without case, a superset of libmagic's
mostly case-sensitive tests. Its news rules ("Path:", "Article ") give message/news, which is text anyway.
tests/extract/test_filetype_mail.py checks this against the installed libmagic."""
_BOM_PREFIXES = tuple(bom for bom, _ in BOMS)

_ZIP_MEMBER_KINDS: tuple[tuple[str, FileKind], ...] = tuple(
    (fmt.zip_member, fmt.kind) for fmt in FORMATS if fmt.zip_member
)
"""Office Open XML member prefix -> kind, the first match wins (xl/workbook.bin before xl/)."""
_ODF_KINDS: tuple[tuple[bytes, FileKind], ...] = tuple(
    (fmt.zip_mimetype, fmt.kind) for fmt in FORMATS if fmt.zip_mimetype
)
"""A zip's ``mimetype`` member -> kind (OpenDocument)."""

INSTALL_HINT = (
    "libmagic not available, typing files by signature and extension only; install it with "
    "'apt-get install libmagic1' (Debian/Ubuntu), 'brew install libmagic' (macOS) or "
    "'pip install python-magic-bin' (Windows)"
)


def read_head(stream: BinaryIO, size: int = HEAD_BYTES) -> bytes:
    """The first ``size`` bytes of ``stream``, leaving its position where it was."""
    position = stream.tell()
    try:
        stream.seek(0)
        return stream.read(size)
    finally:
        stream.seek(position)


def detect_kind(stream: BinaryIO, name: str) -> FileKind:
    """The kind of file in ``stream`` (see the module docstring); "binary" when nothing says more."""
    head = read_head(stream)
    extension = _extension(name)
    kind = _kind_by_signature(stream, head)
    if kind is None:
        _magic_instance()  # libmagic loaded, or its absence warned about, even if no file needs it
        kind = "text" if _plainly_text(head) else _kind_by_mime(head, _magic_mime(head))
    if kind == "unknown":
        return EXTENSION_KINDS.get(extension, "binary")
    if kind == "text":
        return _refine_text(head, extension)
    return kind


def _extension(name: str) -> str:
    base = os.path.basename(name.replace("\\", "/")).lower()
    return os.path.splitext(base)[1]


def _kind_by_signature(stream: BinaryIO, head: bytes) -> Probe | None:
    if head.startswith(ZIP_SIGNATURES):
        return _with_restored_position(stream, _zip_kind)
    if head.startswith(OLE_SIGNATURE):
        return _with_restored_position(stream, _ole_kind)
    if b"%PDF-" in head[:1024]:  # PDF readers accept junk before the header
        return "pdf"
    for signature, kind in PREFIX_SIGNATURES:
        if head.startswith(signature):
            return kind
    if _BZIP2_HEAD.match(head):
        return "bz2"
    if head[TAR_MAGIC_OFFSET : TAR_MAGIC_OFFSET + 8] in TAR_MAGICS:
        return "tar"
    if _WEBP.match(head) or _BMP.match(head):
        return "image"
    return None


def _with_restored_position(stream: BinaryIO, probe: Callable[[BinaryIO], Probe]) -> Probe:
    position = stream.tell()
    try:
        stream.seek(0)
        return probe(stream)
    finally:
        stream.seek(position)


def _zip_kind(stream: BinaryIO) -> Probe:
    """xlsx/docx/pptx/ods by member names; "unknown" for a zip we cannot read (the extension
    then picks the extractor that reports it as corrupt)."""
    try:
        with zipfile.ZipFile(stream) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                with archive.open("mimetype") as mimetype_member:
                    mimetype = mimetype_member.read(100)
                for odf_prefix, odf_kind in _ODF_KINDS:  # templates ("…text-template") are read alike
                    if mimetype.startswith(odf_prefix):
                        return odf_kind
    except (*ZIP_ERRORS, RuntimeError):
        return "unknown"
    if "[Content_Types].xml" in names:
        for prefix, member_kind in _ZIP_MEMBER_KINDS:
            if any(member.startswith(prefix) for member in names):
                return member_kind
    return "zip"


def _ole_kind(stream: BinaryIO) -> Probe:
    """Encrypted OOXML, legacy encrypted xls/doc/ppt, xls, doc, ppt, Works, msg, or binary."""
    try:
        with olefile.OleFileIO(stream) as ole:
            streams = {"/".join(entry) for entry in ole.listdir(streams=True, storages=False)}
            if "EncryptionInfo" in streams and "EncryptedPackage" in streams:
                return "office-encrypted"
            if "Workbook" in streams or "Book" in streams:
                workbook = "Workbook" if "Workbook" in streams else "Book"
                return "office-encrypted" if _xls_is_encrypted(ole, workbook) else "xls"
            if "WordDocument" in streams:  # Word 97-2003, also Kingsoft WPS Writer's .wps
                return "office-encrypted" if _doc_is_encrypted(ole) else "doc"
            if "PowerPoint Document" in streams:
                return "office-encrypted" if "EncryptedSummary" in streams else "ppt"
            if any(entry.startswith("__substg1.0_") for entry in streams):
                return "msg"
            if "CONTENTS" in streams and not any(entry.startswith("Quill") for entry in streams):
                return "wps"  # Microsoft Works word processor 4-9 (Publisher has CONTENTS too, and Quill/)
    except (OSError, ValueError, IndexError, TypeError, AttributeError):
        return "unknown"
    return "binary"


XLS_FILEPASS = 0x002F
XLS_EOF = 0x000A


def _xls_is_encrypted(ole: olefile.OleFileIO, stream_name: str) -> bool:
    """BIFF8: a FILEPASS record in the workbook globals (before the first EOF) means encrypted."""
    with ole.openstream(stream_name) as workbook:
        data = workbook.read(64 * 1024)
    offset = 0
    while offset + 4 <= len(data):
        record = int.from_bytes(data[offset : offset + 2], "little")
        length = int.from_bytes(data[offset + 2 : offset + 4], "little")
        if record == XLS_FILEPASS:
            return True
        if record == XLS_EOF:
            return False
        offset += 4 + length
    return False


def _doc_is_encrypted(ole: olefile.OleFileIO) -> bool:
    """Word 97+: bit fEncrypted (0x0100) of the FIB flags at offset 0x0A of WordDocument."""
    with ole.openstream("WordDocument") as document:
        fib = document.read(12)
    return len(fib) >= 12 and bool(int.from_bytes(fib[10:12], "little") & 0x0100)


def _plainly_text(head: bytes) -> bool:
    """Text that libmagic could only call text: it passes our own test, and it starts neither with a byte
    order mark nor with one of the header names where libmagic's mail rules match (_MAIL_START): prose
    that merely starts "word word" or "Note: …" never waits for libmagic. For such a head libmagic would
    only confirm what _kind_by_mime concludes without it, and asking it costs more than reading the file
    (a third of a millisecond per file)."""
    return not head.startswith(_BOM_PREFIXES) and _MAIL_START.match(head) is None and looks_like_text(head)


def _kind_by_mime(head: bytes, mime: str | None) -> Probe:
    """text / eml / binary from libmagic's MIME type, or from our own sniffing without it."""
    if not head:
        return "text"  # an empty file is an empty text file (it has nothing to find)
    if mime in MAIL_MIME_TYPES:
        return "eml"
    if mime is not None and (mime.startswith("text/") or mime in TEXT_MIME_TYPES):
        return "text"
    if looks_like_text(head):
        # libmagic calls BOM-less UTF-16 and some legacy code pages "data"; our sniffing does not
        return "text"
    return "unknown"


def _refine_text(head: bytes, extension: str) -> FileKind:
    """Text that is really CSV/TSV (by extension, or sniffed when the name says nothing) or mail."""
    by_extension = EXTENSION_KINDS.get(extension)
    if by_extension in ("csv", "tsv", "eml", "rtf", "html"):
        return by_extension
    if extension in AMBIGUOUS_TEXT_EXTENSIONS and HTML_HEAD.match(head):
        return "html"  # a .php/.aspx/.jsp page that starts like HTML stays text: its code is what matters
    if _looks_like_mail(head) and extension in AMBIGUOUS_TEXT_EXTENSIONS:
        return "eml"
    if extension in AMBIGUOUS_TEXT_EXTENSIONS:
        delimiter = sniff_delimiter(head)
        if delimiter is not None:
            return DELIMITED_KINDS[delimiter]
    return "text"


def _looks_like_mail(head: bytes) -> bool:
    """RFC 5322 headers at the top: every line up to the first blank one is a header (or its
    continuation), with From and at least one of Subject/To/Date among them."""
    lines = head[:8192].replace(b"\r\n", b"\n").split(b"\n\n", 1)[0].split(b"\n")
    names = set()
    for line in lines:
        if line[:1] in (b" ", b"\t"):
            continue
        match = _HEADER_LINE.match(line)
        if match is None:
            return False
        names.add(match.group(1).lower())
    return b"from" in names and bool(names & MAIL_KEY_HEADERS)


# ---------------------------------------------------------------------------
# libmagic, optional
# ---------------------------------------------------------------------------

_magic_lock = threading.Lock()
_magic_state: dict[str, object] = {}


def _magic_instance() -> object | None:
    """libmagic, loaded on first use; None when it is missing (warned about once, whether or not a file
    then needs it)."""
    with _magic_lock:
        if "instance" not in _magic_state:
            _magic_state["instance"] = _load_magic()
        return _magic_state["instance"]


def _magic_mime(head: bytes) -> str | None:
    """libmagic's MIME type for ``head``, or None when libmagic is missing."""
    instance = _magic_instance()
    with _magic_lock:
        if instance is None:
            return None
        try:
            mime = instance.from_buffer(head)  # type: ignore[attr-defined]
        except Exception:  # libmagic errors on odd input must not stop typing
            return None
    return str(mime).split(";", 1)[0].strip().lower()


def _load_magic() -> object | None:
    try:
        import magic

        return magic.Magic(mime=True)
    except Exception:  # ImportError, or OSError/AttributeError when the shared library is missing
        log.warning(INSTALL_HINT)
        return None
