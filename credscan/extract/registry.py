"""Kind (credscan.filetype) -> extractor. Modules are imported on first use: a scan of text
files never pays for loading PDFium, python-docx or python-pptx."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from functools import cache
from typing import BinaryIO, ClassVar

from credscan.extract.interface import Encrypted, ExtractContext, Extractor
from credscan.model import Unit

EXTRACTORS: dict[str, str] = {
    "xlsx": "credscan.extract.spreadsheet:SpreadsheetExtractor",
    "xlsb": "credscan.extract.xlsb:XlsbExtractor",
    "xls": "credscan.extract.spreadsheet:SpreadsheetExtractor",
    "ods": "credscan.extract.spreadsheet:SpreadsheetExtractor",
    "csv": "credscan.extract.csv:CsvExtractor",
    "tsv": "credscan.extract.csv:CsvExtractor",
    "text": "credscan.extract.text:TextExtractor",
    "docx": "credscan.extract.word:WordExtractor",
    "pptx": "credscan.extract.slides:SlidesExtractor",
    "doc": "credscan.extract.doc:DocExtractor",
    "ppt": "credscan.extract.ppt:PptExtractor",
    "wps": "credscan.extract.works:WorksExtractor",
    "one": "credscan.extract.onenote:OneNoteExtractor",
    "mdb": "credscan.extract.access:AccessExtractor",
    "vsdx": "credscan.extract.visio:VisioExtractor",
    "pdf": "credscan.extract.pdf:PdfExtractor",
    "rtf": "credscan.extract.rtf:RtfExtractor",
    "html": "credscan.extract.html:HtmlExtractor",
    "odt": "credscan.extract.odf:OdfExtractor",
    "odp": "credscan.extract.odf:OdfExtractor",
    "eml": "credscan.extract.mail:EmlExtractor",
    "msg": "credscan.extract.mail:MsgExtractor",
    "zip": "credscan.extract.archive:ArchiveExtractor",
    "tar": "credscan.extract.tar:TarExtractor",
    "gz": "credscan.extract.tar:TarExtractor",
    "bz2": "credscan.extract.tar:TarExtractor",
    "xz": "credscan.extract.tar:TarExtractor",
    "7z": "credscan.extract.sevenzip:SevenZipExtractor",
    "image": "credscan.extract.image:ImageExtractor",
    "office-encrypted": "credscan.extract.registry:EncryptedOfficeExtractor",
}
"""kdbx, sqlite and binary have no extractor: detectors judge them by name and head alone."""


class EncryptedOfficeExtractor(Extractor):
    """Password-protected Office files cannot be read; they are listed as skipped (encrypted)."""

    kinds: ClassVar[frozenset[str]] = frozenset({"office-encrypted"})

    def extract(self, stream: BinaryIO, ctx: ExtractContext) -> Iterator[Unit]:
        raise Encrypted("password-protected Office document")
        yield  # a generator like every extractor: the error surfaces on iteration, not on the call


@cache
def extractor_for(kind: str) -> Extractor | None:
    """The extractor for ``kind``, or None when the kind has no content to extract."""
    target = EXTRACTORS.get(kind)
    if target is None:
        return None
    module_name, class_name = target.split(":")
    extractor_class = getattr(importlib.import_module(module_name), class_name)
    extractor: Extractor = extractor_class()
    return extractor
