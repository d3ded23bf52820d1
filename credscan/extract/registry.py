"""File kind (credscan.filetype) -> extractor. Modules are imported on first use: a scan of text files
never pays for loading PDFium, python-docx or python-pptx. A new format is a module under credscan/extract
with an Extractor subclass, and its line here (docs/architecture.md)."""

from __future__ import annotations

from functools import cache

from credscan.extract.interface import Extractor
from credscan.model import FILE_KINDS, FileKind
from credscan.registry import Registry, subclass_of

EXTRACTORS: Registry[FileKind, type[Extractor]] = Registry(
    "extractor",
    FILE_KINDS,
    (
        ("text", "credscan.extract.text:TextExtractor"),
        ("csv", "credscan.extract.csv:CsvExtractor"),
        ("tsv", "credscan.extract.csv:CsvExtractor"),
        ("html", "credscan.extract.html:HtmlExtractor"),
        ("rtf", "credscan.extract.rtf:RtfExtractor"),
        ("eml", "credscan.extract.mail:EmlExtractor"),
        ("msg", "credscan.extract.mail:MsgExtractor"),
        ("xlsx", "credscan.extract.spreadsheet:SpreadsheetExtractor"),
        ("xlsb", "credscan.extract.xlsb:XlsbExtractor"),
        ("xls", "credscan.extract.spreadsheet:SpreadsheetExtractor"),
        ("ods", "credscan.extract.spreadsheet:SpreadsheetExtractor"),
        ("docx", "credscan.extract.word:WordExtractor"),
        ("pptx", "credscan.extract.slides:SlidesExtractor"),
        ("vsdx", "credscan.extract.visio:VisioExtractor"),
        ("doc", "credscan.extract.doc:DocExtractor"),
        ("ppt", "credscan.extract.ppt:PptExtractor"),
        ("wps", "credscan.extract.works:WorksExtractor"),
        ("one", "credscan.extract.onenote:OneNoteExtractor"),
        ("mdb", "credscan.extract.access:AccessExtractor"),
        ("odt", "credscan.extract.odf:OdfExtractor"),
        ("odp", "credscan.extract.odf:OdfExtractor"),
        ("pdf", "credscan.extract.pdf:PdfExtractor"),
        ("zip", "credscan.extract.archive:ArchiveExtractor"),
        ("tar", "credscan.extract.tar:TarExtractor"),
        ("gz", "credscan.extract.tar:TarExtractor"),
        ("bz2", "credscan.extract.tar:TarExtractor"),
        ("xz", "credscan.extract.tar:TarExtractor"),
        ("7z", "credscan.extract.sevenzip:SevenZipExtractor"),
        ("image", "credscan.extract.image:ImageExtractor"),
        ("office-encrypted", "credscan.extract.encrypted:EncryptedOfficeExtractor"),
        ("kdbx", None),
        ("sqlite", None),
        ("pkcs12-weak", None),
        ("binary", None),
    ),
    subclass_of(Extractor),
)
"""File kind -> its Extractor class, one line per kind of credscan.model.FileKind. None: the kind has no
content to extract (detectors judge a KeePass database, an SQLite file, a weakly protected PKCS#12 file
and other binaries by name and head alone)."""


@cache
def extractor_for(kind: FileKind) -> Extractor | None:
    """The extractor for ``kind`` (its module imported now); None when the kind has no content to extract."""
    extractor_class = EXTRACTORS.get(kind)
    return extractor_class() if extractor_class is not None else None
