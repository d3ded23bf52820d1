"""The PNG and JPEG pictures of a Word, PowerPoint or Excel 97-2003 file, for OCR.

All three keep a pasted picture as an OfficeArt BLIP record ([MS-ODRAW] 2.2.23-2.2.29): Word in its
``Data`` stream, PowerPoint in its ``Pictures`` stream, Excel in its drawing group
(credscan.extract.xlspictures). A record is an 8-byte header (version and instance, record type, length),
one or two 16-byte ids (two when the instance is odd), a tag byte and the picture's bytes. The pictures are
found by their signature (PNG, JPEG) and kept only when a BLIP header of the matching type sits right
before them, whose length then bounds the picture exactly; metafiles and DIBs (no signature, no pixels OCR
reads as such) are passed over.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

from credscan.limits import Limits
from credscan.model import Location, Unit

BLIP_TYPES: dict[bytes, frozenset[int]] = {
    b"\x89PNG\r\n\x1a\n": frozenset({0xF01E}),
    b"\xff\xd8\xff": frozenset({0xF01D, 0xF02A}),
}
"""Picture signature -> the BLIP record types that hold such a picture (JPEG: RGB and CMYK)."""
HEADER = 8
ID = 16


def has_blip_pictures(stream: bytes) -> bool:
    """Whether the stream may hold a picture (C-speed searches: the hot path of documents without any)."""
    return any(signature in stream for signature in BLIP_TYPES)


def blip_pictures_units(stream: bytes, limits: Limits) -> Iterator[Unit]:
    """The OCR text of the stream's pictures, each at {"image": n}; nothing (and no OCR engine loaded) for
    a stream without any."""
    if limits.ocr and has_blip_pictures(stream):
        from credscan.extract.ocr import pictures_units  # loaded for files with pictures only

        yield from pictures_units(blip_pictures(stream, limits.max_image_bytes), limits)


def blip_pictures(stream: bytes, max_image_bytes: int) -> Iterator[tuple[Location, bytes]]:
    """Each picture of the stream, in stream order, at {"image": n}; a picture is cut at max_image_bytes + 1
    bytes (the OCR gates then refuse it as too large)."""
    found: list[tuple[int, int]] = []
    for signature, types in BLIP_TYPES.items():
        position = stream.find(signature)
        while position >= 0:
            length = _blip_length(stream, position, types)
            if length:
                found.append((position, length))
            position = stream.find(signature, position + 1)
    for number, (start, length) in enumerate(sorted(found), start=1):
        yield {"image": number}, stream[start : start + min(length, max_image_bytes + 1)]


def _blip_length(stream: bytes, start: int, types: frozenset[int]) -> int:
    """The picture's length when a BLIP record header of one of ``types`` precedes ``start``, else 0."""
    for ids in (1, 2):
        header = start - (HEADER + ids * ID + 1)
        if header < 0:
            continue
        version_instance, record_type, record_length = struct.unpack_from("<HHI", stream, header)
        if record_type in types and version_instance & 0x0F == 0 and (version_instance >> 4) % 2 == ids - 1:
            length: int = record_length - (ids * ID + 1)
            if 0 < length <= len(stream) - start:
                return length
    return 0
