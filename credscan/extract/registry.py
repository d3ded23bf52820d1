"""Every file kind's extractor and signs (FORMATS), and the extractor registry built from it. Modules are
imported on first use: a scan of text files never pays for loading PDFium, python-docx or python-pptx. A
new format is a module under credscan/extract with an Extractor subclass, its line here and its name in
credscan.model.FileKind (docs/architecture.md)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from credscan.extract.interface import Extractor
from credscan.model import FILE_KINDS, FileKind
from credscan.registry import Registry, subclass_of

ONENOTE_SIGNATURE = bytes.fromhex("e4525c7b8cd8a74daeb15378d02996d3")
"""The file format GUID {7B5C52E4-D88C-4DA7-AEB1-5378D02996D3} a OneNote 2010+ section starts with."""
IMAGE_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"GIF87a", b"GIF89a")
"""PNG, JPEG, TIFF (both byte orders), GIF; WebP and BMP need more than a prefix (credscan.filetype)."""


@dataclass(frozen=True, slots=True)
class Format:
    """One file kind: the extractor that reads it and how credscan.filetype recognises it, so a new format
    is one line here (and its module, and its name in model.FileKind). Formats that need more than these
    signs (OLE compound files, tar, bzip2, WebP, BMP) are also recognised by code in credscan.filetype."""

    kind: FileKind
    extractor: str | None
    """"module:Class" of its Extractor; None: the kind has no content to extract (detectors judge it by name
    and head alone)."""
    extensions: tuple[str, ...] = ()
    """File name endings that say this kind when the content does not decide (lowercase, with the dot)."""
    prefixes: tuple[bytes, ...] = ()
    """Bytes a file of this kind starts with."""
    zip_member: str = ""
    """In an Office Open XML zip (with [Content_Types].xml): a member name prefix that says this kind. The
    first line whose prefix a member has wins, so a more specific prefix stands on an earlier line."""
    zip_mimetype: bytes = b""
    """In a zip with a ``mimetype`` member (OpenDocument, EPUB): how that member starts."""


FORMATS: tuple[Format, ...] = (
    Format("text", "credscan.extract.text:TextExtractor"),
    Format("csv", "credscan.extract.csv:CsvExtractor", (".csv",)),
    Format("tsv", "credscan.extract.csv:CsvExtractor", (".tsv", ".tab")),
    Format("html", "credscan.extract.html:HtmlExtractor", (".html", ".htm", ".xhtml")),
    Format("rtf", "credscan.extract.rtf:RtfExtractor", (".rtf",), (b"{\\rtf",)),
    Format("eml", "credscan.extract.mail:EmlExtractor", (".eml",)),
    Format("msg", "credscan.extract.mail:MsgExtractor", (".msg",)),
    Format("xlsb", "credscan.extract.xlsb:XlsbExtractor", (".xlsb",), zip_member="xl/workbook.bin"),
    Format(
        "xlsx",
        "credscan.extract.spreadsheet:SpreadsheetExtractor",
        (".xlsx", ".xlsm", ".xltx", ".xltm"),
        zip_member="xl/",
    ),
    Format("xls", "credscan.extract.spreadsheet:SpreadsheetExtractor", (".xls",)),
    Format(
        "ods",
        "credscan.extract.spreadsheet:SpreadsheetExtractor",
        (".ods",),
        zip_mimetype=b"application/vnd.oasis.opendocument.spreadsheet",
    ),
    Format(
        "docx",
        "credscan.extract.word:WordExtractor",
        (".docx", ".docm", ".dotx", ".dotm"),
        zip_member="word/",
    ),
    Format(
        "pptx",
        "credscan.extract.slides:SlidesExtractor",
        (".pptx", ".pptm", ".potx", ".potm", ".ppsx", ".ppsm"),
        zip_member="ppt/",
    ),
    Format("vsdx", "credscan.extract.visio:VisioExtractor", (".vsdx", ".vsdm"), zip_member="visio/"),
    Format("doc", "credscan.extract.doc:DocExtractor", (".doc", ".dot")),
    Format("ppt", "credscan.extract.ppt:PptExtractor", (".ppt", ".pps", ".pot")),
    Format("wps", "credscan.extract.works:WorksExtractor", (".wps",)),
    Format("one", "credscan.extract.onenote:OneNoteExtractor", (".one",), (ONENOTE_SIGNATURE,)),
    Format(
        "mdb",
        "credscan.extract.access:AccessExtractor",
        (".mdb", ".accdb"),
        (b"\x00\x01\x00\x00Standard Jet DB\x00", b"\x00\x01\x00\x00Standard ACE DB\x00"),
    ),
    Format(
        "odt",
        "credscan.extract.odf:OdfExtractor",
        (".odt", ".ott"),
        zip_mimetype=b"application/vnd.oasis.opendocument.text",
    ),
    Format(
        "odp",
        "credscan.extract.odf:OdfExtractor",
        (".odp",),
        zip_mimetype=b"application/vnd.oasis.opendocument.presentation",
    ),
    Format("pdf", "credscan.extract.pdf:PdfExtractor", (".pdf",), (b"%PDF-",)),
    Format("zip", "credscan.extract.archive:ArchiveExtractor", (".zip",)),
    Format("tar", "credscan.extract.tar:TarExtractor", (".tar",)),
    Format("gz", "credscan.extract.tar:TarExtractor", (".gz", ".tgz"), (b"\x1f\x8b\x08",)),
    Format("bz2", "credscan.extract.tar:TarExtractor", (".bz2", ".tbz2")),
    Format("xz", "credscan.extract.tar:TarExtractor", (".xz", ".txz"), (b"\xfd7zXZ\x00",)),
    Format("7z", "credscan.extract.sevenzip:SevenZipExtractor", (".7z",), (b"7z\xbc\xaf\x27\x1c",)),
    Format(
        "image",
        "credscan.extract.image:ImageExtractor",
        (".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".gif", ".webp"),
        IMAGE_SIGNATURES,
    ),
    Format("office-encrypted", "credscan.extract.encrypted:EncryptedOfficeExtractor"),
    Format(
        "kdbx",
        None,
        (".kdbx", ".kdb"),
        (b"\x03\xd9\xa2\x9a\x67\xfb\x4b\xb5", b"\x03\xd9\xa2\x9a\x65\xfb\x4b\xb5"),
    ),
    Format("sqlite", None, (".sqlite", ".db"), (b"SQLite format 3\x00",)),
    Format("pkcs12-weak", None),
    Format("binary", None),
)
"""Every FileKind, once: its extractor and its signs. None as the extractor: the kind has no content to
extract (detectors judge a KeePass database, an SQLite file, a weakly protected PKCS#12 file and other
binaries by name and head alone)."""

EXTRACTORS: Registry[FileKind, type[Extractor]] = Registry(
    "extractor", FILE_KINDS, ((f.kind, f.extractor) for f in FORMATS), subclass_of(Extractor)
)
"""File kind -> its Extractor class (FORMATS' extractor lines), checked complete against FileKind."""


@cache
def extractor_for(kind: FileKind) -> Extractor | None:
    """The extractor for ``kind`` (its module imported now); None when the kind has no content to extract."""
    extractor_class = EXTRACTORS.get(kind)
    return extractor_class() if extractor_class is not None else None
