r"""The PNG and JPEG pictures of an RTF document, for OCR.

WordPad and Word store a pasted screenshot inside the RTF as a ``{\pict … \pngblip <hex digits>}`` group
(``\jpegblip`` for a photo); Word adds a metafile copy for old readers (``\nonshppict``, ``\wmetafile``),
which holds no pixels Pillow reads and is passed over. A picture is found by its blip control word, the
control words and ``{\*\blipuid …}`` group that may follow it are skipped, and the run of hex digits after
them is the picture. Every step moves forward and each picture's digits are read only up to
``max_image_bytes`` (a larger one reaches the OCR gates as too large, without being decoded), so a hostile
file costs one pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from credscan.model import Location

BLIP = re.compile(rb"\\(?:png|jpeg)blip(?![a-zA-Z])")
_CONTROL_WORD = re.compile(rb"\s*\\[a-zA-Z]{1,32}-?\d{0,10} ?")
_STAR_GROUP = re.compile(rb"\s*\{\\\*[^{}]{0,1024}\}")
_HEX = re.compile(rb"[0-9a-fA-F\s]*")
MAX_PREAMBLE = 64
"""Control words and groups between the blip word and the digits (Word writes two or three)."""


def has_pictures(data: bytes) -> bool:
    """Whether the RTF holds a PNG or JPEG picture at all (one C-speed search: the hot path of text RTF)."""
    return BLIP.search(data) is not None


def rtf_pictures(data: bytes, max_image_bytes: int) -> Iterator[tuple[Location, bytes]]:
    """Each picture's bytes at {"image": n} (its number in the document), one at a time."""
    for number, match in enumerate(BLIP.finditer(data), start=1):
        position = match.end()
        for _ in range(MAX_PREAMBLE):
            skipped = _CONTROL_WORD.match(data, position) or _STAR_GROUP.match(data, position)
            if skipped is None:
                break
            position = skipped.end()
        digits = _HEX.match(data, position, position + 2 * max_image_bytes + 4096)
        hex_text = b"".join(digits.group().split()) if digits else b""
        if len(hex_text) % 2:
            hex_text = hex_text[:-1]
        if hex_text:
            yield {"image": number}, bytes.fromhex(hex_text.decode("ascii"))
