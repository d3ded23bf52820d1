"""The pictures stored as members of a zip-based document (xlsx and xlsb ``xl/media/``, ODF ``Pictures/``),
for OCR.

A screenshot of a router page pasted into a workbook or a LibreOffice document holds its password as
pixels, like one pasted into a docx. The members are found by folder and name in the central directory
(already checked by the zip guard), so a file without pictures costs one pass over the member names and
never loads the OCR engine. Each picture is read only up to ``max_image_bytes`` + 1 bytes: a larger one is
refused by the OCR gates without being inflated whole.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from typing import BinaryIO

from credscan.extract.zipguard import ZIP_ERRORS, open_guarded_zip
from credscan.limits import Limits
from credscan.model import Location, Unit

PICTURE_FOLDERS: dict[str, tuple[str, ...]] = {
    "xlsx": ("xl/media/",),
    "xlsb": ("xl/media/",),
    "ods": ("Pictures/",),
    "odt": ("Pictures/",),
    "odp": ("Pictures/",),
}
"""Where each kind keeps its pictures (embedded charts' previews and thumbnails live elsewhere)."""
PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg", ".jpe", ".gif", ".bmp", ".dib", ".tif", ".tiff", ".webp")
"""Raster formats Pillow decodes; metafiles (emf, wmf, svm) and svg hold no pixels to read."""


def picture_members(archive: zipfile.ZipFile, kind: str) -> list[str]:
    """Names of the raster pictures of a ``kind`` document, in archive order."""
    folders = PICTURE_FOLDERS.get(kind, ())
    return [
        name
        for name in archive.namelist()
        if name.startswith(folders) and name.lower().endswith(PICTURE_SUFFIXES)
    ]


def zip_pictures_units(stream: BinaryIO, kind: str, limits: Limits) -> Iterator[Unit]:
    """The OCR text of the pictures of a zip-based ``kind`` document, each at ``{"image": member name}``,
    within one OCR budget for the file (LimitExceeded after the last picture when some were not read)."""
    if not limits.ocr or kind not in PICTURE_FOLDERS:
        return
    with open_guarded_zip(stream, limits) as archive:
        names = picture_members(archive, kind)
        if not names:
            return
        from credscan.extract.ocr import pictures_units  # loaded for documents with pictures only

        yield from pictures_units(_read(archive, names, limits.max_image_bytes), limits)


def _read(archive: zipfile.ZipFile, names: list[str], max_bytes: int) -> Iterator[tuple[Location, bytes]]:
    """Each picture's bytes, one at a time (not all held at once); an unreadable member is passed over
    like a corrupt picture: the document's text was read."""
    for name in names:
        try:
            with archive.open(name) as member:
                data = member.read(max_bytes + 1)
        except ZIP_ERRORS:
            continue
        yield {"image": name}, data
