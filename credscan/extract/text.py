"""Plain text of any common encoding, streamed in line-aligned chunks so memory stays bounded.

Each chunk is one TextBlock(by_line=True) whose first_line continues the count of the
previous one, so a 60 MB log costs a few MiB at a time and still reports true line numbers.
troff source (a man page) is rendered to the text it shows, line for line (roff.py). A man page, an info
page or a Vim help file is marked as a manual (manuals.py).
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from typing import BinaryIO

from credscan.extract.decoding import detect_encoding, normalize_newlines
from credscan.extract.interface import ExtractContext, ExtractError, Extractor, error_line
from credscan.extract.manuals import is_manual
from credscan.extract.roff import is_roff, render
from credscan.limits import LimitExceeded
from credscan.model import TextBlock, Unit

CHUNK_BYTES = 2 * 1024 * 1024
SNIFF_BYTES = 64 * 1024
MAX_LINE_CARRY = CHUNK_BYTES
"""A "line" longer than this (minified JSON, binary junk) is cut rather than buffered whole."""


class TextExtractor(Extractor):
    def extract(self, stream: BinaryIO, ctx: ExtractContext) -> Iterator[Unit]:
        troff: bool | None = None
        manual = False
        for text, first_line in iter_text_chunks(stream, ctx):
            if troff is None:
                troff, manual = is_roff(text), is_manual(text)
            yield TextBlock(
                text=render(text) if troff else text, by_line=True, first_line=first_line, manual=manual
            )


def iter_text_chunks(
    stream: BinaryIO, ctx: ExtractContext, chunk_bytes: int = CHUNK_BYTES
) -> Iterator[tuple[str, int]]:
    """(text, number of its first line) per chunk; every chunk but the last ends at a line break.

    Reads at most ``ctx.limits.max_text_bytes``; a longer file raises LimitExceeded after its
    first part was yielded.
    """
    budget = ctx.limits.max_text_bytes
    try:
        stream.seek(0)
        sample = stream.read(min(SNIFF_BYTES, budget))
    except OSError as error:
        raise ExtractError(f"read failed: {error_line(error)}") from None
    decoder = codecs.getincrementaldecoder(detect_encoding(sample))(errors="replace")
    pending = sample
    consumed = len(sample)
    carry = ""
    line = 1
    first = True
    while True:
        if not pending and consumed < budget:
            try:
                pending = stream.read(min(chunk_bytes, budget - consumed))
            except OSError as error:
                raise ExtractError(f"read failed: {error_line(error)}") from None
            consumed += len(pending)
        final = not pending
        text = carry + decoder.decode(pending, final=final)
        pending = b""
        if first:
            text = text.removeprefix("\ufeff")
            first = False
        if final:
            if text:
                yield normalize_newlines(text), line
            break
        if len(text) < chunk_bytes:
            carry = text  # read on: a file that fits in one chunk is one block, its last line included
            continue
        cut = _cut_position(text)
        if cut is None:
            carry = text
            continue
        block = normalize_newlines(text[:cut])
        carry = text[cut:]
        yield block, line
        line += block.count("\n")
    if consumed >= budget and stream.read(1):
        raise LimitExceeded(f"text file over max_text_bytes ({budget}); the rest was not scanned")


def _cut_position(text: str) -> int | None:
    """Where to end a block: after the last line break, or anywhere once a line grew too long.

    A trailing "\\r" is kept for the next block, so that "\\r\\n" split across reads stays one break.
    """
    end = text.rfind("\n") + 1
    if end == 0:
        end = text.rfind("\r") + 1
        if end == len(text):
            end = len(text) - 1
    if end > 0:
        return end
    return len(text) if len(text) > MAX_LINE_CARRY else None
