"""The PNG and JPEG pictures of a legacy Excel workbook (.xls), for OCR.

Excel 97-2003 keeps every picture of the workbook once, in the OfficeArt drawing group of the globals
substream ([MS-XLS] 2.4.170 MsoDrawingGroup, record 0x00EB): an OfficeArtDggContainer whose BStoreContainer
holds the BLIP records that Word and PowerPoint files hold too (credscan.extract.officeart). A BIFF8 record
carries at most 8,224 bytes, so a drawing group with a screenshot in it goes on in the CONTINUE records
(0x003C) that follow it, and a picture is split across them; some writers repeat MsoDrawingGroup instead. The
payloads are joined in stream order and read by the OfficeArt BLIP reader, which trusts no length it cannot
check.

Bounds: the record walk stops at the globals' EOF record or the end of the stream, each record advancing by
its header at least; a record whose length runs past the stream is cut there; the joined payload (never more
than the stream itself) stops at ``max_inflated_bytes``, what any container may unpack to.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from credscan.extract.officeart import blip_pictures_units, has_blip_pictures
from credscan.extract.xlsguard import records
from credscan.limits import LimitExceeded, Limits
from credscan.model import Unit

MSO_DRAWING_GROUP = 0x00EB
CONTINUE = 0x003C


class DrawingGroup(NamedTuple):
    payload: bytes
    """The joined OfficeArt records (b"" without a drawing group)."""
    cut: bool
    """Whether the payload stopped at its byte cap."""


def drawing_group(data: bytes, max_bytes: int) -> DrawingGroup:
    """The drawing group of a Workbook stream, its payloads joined up to ``max_bytes``."""
    parts: list[bytes] = []
    size = 0
    joining = False
    for record, start, length in records(data, 0):
        if record == MSO_DRAWING_GROUP or (record == CONTINUE and joining):
            joining = True
            take = min(length, max_bytes - size)
            parts.append(data[start : start + take])
            size += take
            if take < length:
                return DrawingGroup(b"".join(parts), cut=True)
        else:
            joining = False
    return DrawingGroup(b"".join(parts), cut=False)


def xls_drawing_group(data: bytes, limits: Limits) -> DrawingGroup:
    """The drawing group when OCR is on and the stream may hold a PNG or JPEG picture (one C-speed search
    of the stream first: the hot path of workbooks without any), else an empty one. Taken before calamine
    reads the sheets, so that only this part of the stream is kept meanwhile."""
    if not limits.ocr or not has_blip_pictures(data):
        return DrawingGroup(b"", cut=False)
    return drawing_group(data, limits.max_inflated_bytes)


def xls_pictures_units(group: DrawingGroup, limits: Limits) -> Iterator[Unit]:
    """The OCR text of the drawing group's pictures, each at ``{"image": n}`` in stream order; then
    LimitExceeded when the drawing group was cut at max_inflated_bytes."""
    yield from blip_pictures_units(group.payload, limits)
    if group.cut:
        raise LimitExceeded(f"xls drawing group over max_inflated_bytes ({limits.max_inflated_bytes})")
