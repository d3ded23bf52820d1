"""PDF decompression budget: streams that inflate too far are blanked before PDFium sees them.

PDFium inflates a page's content stream in one piece when the page loads; a 1.7 MB file whose stream
inflates to 1 GB took a worker to 4 GB. Before the document is opened, every FlateDecode stream is inflated
here as a stream (64 KB at a time, nothing kept) only to measure it. One that passes max_pdf_stream_bytes,
and every one after the file's total passes max_inflated_bytes, has its compressed bytes overwritten with
zeros in place (same length, so the cross-reference offsets stay right): PDFium then reads it as an empty,
broken stream, and every other page is read as usual.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field

from credscan.limits import Limits

_STREAM = re.compile(rb"stream(?:\r\n|\n|\r)")
_FLATE = re.compile(rb"/(?:FlateDecode|Fl)(?![A-Za-z])")
_CHUNK = 64 * 1024
DICT_LOOKBACK = 4096
"""How far before "stream" its dictionary (with /Filter) is looked for."""


@dataclass
class Defused:
    data: bytes
    blanked: list[tuple[int, str]] = field(default_factory=list)
    """(byte offset of the stream, why) for each stream that was blanked."""


def inflated_size(data: bytes | bytearray | memoryview, cap: int) -> int:
    """Bytes the zlib data inflates to, counting stops just past ``cap``; memory stays at one chunk."""
    inflater = zlib.decompressobj()
    total = 0
    view = memoryview(data)
    for start in range(0, len(view), _CHUNK):
        pending = bytes(view[start : start + _CHUNK])
        while pending and not inflater.eof:  # past the end, the trailing EOL stays in unconsumed_tail
            try:
                out = inflater.decompress(pending, _CHUNK)
            except zlib.error:
                return total
            total += len(out)
            if total > cap:
                return total
            pending = inflater.unconsumed_tail
        if inflater.eof:
            break
    return total


def defuse_pdf(data: bytes, limits: Limits) -> Defused:
    result = Defused(data)
    total = 0
    position = 0
    buffer: bytearray | None = None
    while True:
        match = _STREAM.search(data, position)
        if match is None:
            break
        body_start = match.end()
        body_end = data.find(b"endstream", body_start)
        if body_end == -1:
            break
        position = body_end + len(b"endstream")
        head = data[max(0, match.start() - DICT_LOOKBACK) : match.start()]
        dictionary = head[head.rfind(b"obj") + 1 :] if b"obj" in head else head
        if not _FLATE.search(dictionary):
            continue
        if total > limits.max_inflated_bytes:
            reason = f"the PDF inflates past max_inflated_bytes ({limits.max_inflated_bytes})"
        else:
            size = inflated_size(memoryview(data)[body_start:body_end], limits.max_pdf_stream_bytes)
            total += size
            if size <= limits.max_pdf_stream_bytes:
                continue
            reason = f"a stream inflates past max_pdf_stream_bytes ({limits.max_pdf_stream_bytes})"
        if buffer is None:
            buffer = bytearray(data)
        buffer[body_start:body_end] = bytes(body_end - body_start)
        result.blanked.append((match.start(), reason))
    if buffer is not None:
        result.data = bytes(buffer)
    return result
