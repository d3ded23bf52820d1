"""Image files (png, jpeg, bmp, tiff, gif, webp): their text through OCR (credscan.extract.ocr).

Screenshots of router pages and photos of sticky notes hold passwords as pixels. Lines are numbered from
the top of the image: a finding reads {"line": 3}, or {"table": 1, "row": 2, "column": 4} for a
table-like screenshot.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from credscan.extract.interface import ExtractContext, Extractor, NotRead
from credscan.extract.ocr import OcrBudget, OcrUnavailable, image_units
from credscan.model import Unit


class ImageExtractor(Extractor):
    def extract(self, stream: BinaryIO, ctx: ExtractContext) -> Iterator[Unit]:
        if not ctx.limits.ocr:
            raise NotRead("image (OCR off)")
        stream.seek(0)
        data = stream.read(ctx.limits.max_image_bytes + 1)
        try:
            units = image_units(data, {}, ctx.limits, OcrBudget.for_file(ctx.limits), whole_file=True)
        except OcrUnavailable as missing:
            raise NotRead(f"image ({missing})") from None
        yield from units
