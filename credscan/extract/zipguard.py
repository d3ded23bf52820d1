"""Zip bomb checks run before any zip-based reader (calamine, python-docx, python-pptx, archives).

The libraries inflate whatever the archive contains, so the central directory is checked
first: member count, declared inflated total and per-member compression ratio. Python's
zipfile never inflates a member past its declared size (a lying header ends in a CRC error),
so the declared sizes are a sound budget for what our own reads cost.

OOXML files protected with a password are not zips at all but OLE compound files holding
EncryptionInfo/EncryptedPackage streams; the guard reports those as Encrypted.
"""

from __future__ import annotations

import itertools
import zipfile
import zlib
from typing import BinaryIO

import olefile

from credscan.extract.interface import Encrypted, ExtractError, error_line
from credscan.limits import LimitExceeded, Limits

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_RATIO = 250
"""Compression ratio above which a large member is treated as a bomb (real documents: < 100)."""
RATIO_FLOOR = 16 * 1024 * 1024
"""Members inflating to less than this are not ratio-checked (small, very repetitive XML is normal)."""
ZIP_ERRORS = (
    zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError,
)  # fmt: skip
"""What zipfile raises on corrupt input."""


def open_guarded_zip(stream: BinaryIO, limits: Limits) -> zipfile.ZipFile:
    """A ZipFile on ``stream`` whose central directory passed the caps; the caller closes it."""
    stream.seek(0)
    if stream.read(len(OLE_SIGNATURE)) == OLE_SIGNATURE:
        stream.seek(0)
        raise_if_ole_encrypted(stream)
        raise ExtractError("not a zip-based document (an OLE compound file)")
    stream.seek(0)
    try:
        archive = zipfile.ZipFile(stream)
    except ZIP_ERRORS as error:
        raise ExtractError(f"corrupt zip container: {error_line(error)}") from None
    try:
        check_members(archive.infolist(), limits)
    except BaseException:
        archive.close()
        raise
    return archive


def check_zip(stream: BinaryIO, limits: Limits) -> None:
    """Run the guard and rewind ``stream`` for the library that reads it next."""
    with open_guarded_zip(stream, limits):
        pass
    stream.seek(0)


LOCAL_HEADER = 30
"""Fixed part of a zip local file header; the name follows it, then the extra field, then the data."""


def overlapping_members(members: list[zipfile.ZipInfo]) -> bool:
    """Whether two central-directory entries share bytes of the archive (each entry's local header, name
    and compressed data, the extra field left out so the bound stays conservative). No zip writer does
    that; the "better zip bomb" does, to make a few kilobytes inflate once per entry."""
    spans = sorted(
        (info.header_offset, info.header_offset + LOCAL_HEADER + len(info.orig_filename) + info.compress_size)
        for info in members
    )
    return any(start < end for (_, end), (start, _) in itertools.pairwise(spans))


def check_members(members: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(members) > limits.max_members:
        raise LimitExceeded(f"zip has {len(members)} members, over max_members ({limits.max_members})")
    if overlapping_members(members):
        raise LimitExceeded("zip entries overlap (a zip bomb construction): not inflated")
    declared = sum(info.file_size for info in members)
    if declared > limits.max_inflated_bytes:
        raise LimitExceeded(
            f"zip inflates to {declared} bytes, over max_inflated_bytes ({limits.max_inflated_bytes})"
        )
    for info in members:
        if info.file_size >= RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise LimitExceeded(
                f"zip member {info.filename!r} has compression ratio over {MAX_RATIO}:1 (zip bomb)"
            )


def raise_if_ole_encrypted(stream: BinaryIO) -> None:
    """Raise Encrypted for an OLE file holding an encrypted OOXML package."""
    try:
        with olefile.OleFileIO(stream) as ole:
            encrypted = ole.exists("EncryptionInfo") and ole.exists("EncryptedPackage")
    except (OSError, ValueError, IndexError, TypeError, AttributeError):
        return
    finally:
        stream.seek(0)
    if encrypted:
        raise Encrypted("password-protected Office document")
