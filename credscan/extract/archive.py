"""zip archives: each member as an Embedded file for the pipeline to type and scan.

Bounded three ways: the zip guard checks the central directory (count, declared total,
ratio); every read is capped at the member's declared size and at what is left of
max_inflated_bytes (zipfile never inflates past the declared size; a lying header ends as a
CRC error); encrypted or unreadable members are skipped one by one, not the archive.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from typing import BinaryIO

from credscan.extract.interface import ExtractContext, Extractor, error_line
from credscan.extract.zipguard import ZIP_ERRORS, open_guarded_zip
from credscan.limits import LimitExceeded
from credscan.model import Embedded, Unit

ENCRYPTED_FLAG = 0x1


class ArchiveExtractor(Extractor):
    def extract(self, stream: BinaryIO, ctx: ExtractContext) -> Iterator[Unit]:
        limits = ctx.limits
        with open_guarded_zip(stream, limits) as archive:
            budget = limits.max_inflated_bytes
            for info in archive.infolist():
                if info.is_dir():
                    continue
                if info.flag_bits & ENCRYPTED_FLAG:
                    yield Embedded(name=info.filename, data=b"", skipped="encrypted")
                    continue
                if info.file_size > limits.max_file_size:
                    yield Embedded(name=info.filename, data=b"", skipped="too large")
                    continue
                if info.file_size > budget:
                    raise LimitExceeded(
                        f"zip inflates past max_inflated_bytes ({limits.max_inflated_bytes}) "
                        f"at member {info.filename!r}"
                    )
                member = _read_member(archive, info)
                if isinstance(member, str):
                    yield Embedded(name=info.filename, data=b"", skipped=member)
                    continue
                budget -= len(member)
                yield Embedded(name=info.filename, data=member)


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes | str:
    """The member's bytes, never more than its declared size; a reason string when unreadable."""
    try:
        with archive.open(info) as member:
            return member.read(info.file_size + 1)[: info.file_size]
    except RuntimeError as error:  # zipfile: "File is encrypted" for AES/odd encryption flags
        return f"unreadable: {error_line(error)}"
    except ZIP_ERRORS as error:
        return f"corrupt member: {error_line(error)}"
