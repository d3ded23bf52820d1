"""RTF (WordPad, Outlook bodies saved as .rtf) through striprtf, lines numbered like a text file."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import BinaryIO, ClassVar

from striprtf.striprtf import rtf_to_text

from credscan.extract.decoding import decode_bytes, normalize_newlines
from credscan.extract.interface import ExtractContext, ExtractError, Extractor, error_line
from credscan.limits import LimitExceeded
from credscan.model import TextBlock, Unit

_CODE_PAGE = re.compile(r"\\ansicpg(\d{3,5})")
DEFAULT_CODE_PAGE = "cp1252"


class RtfExtractor(Extractor):
    kinds: ClassVar[frozenset[str]] = frozenset({"rtf"})

    def extract(self, stream: BinaryIO, ctx: ExtractContext) -> Iterator[Unit]:
        budget = ctx.limits.max_text_bytes
        try:
            stream.seek(0)
            data = stream.read(budget)
            truncated = bool(stream.read(1))
        except OSError as error:
            raise ExtractError(f"read failed: {error_line(error)}") from None
        source = decode_bytes(data)
        try:
            text = rtf_to_text(source, encoding=_code_page(source), errors="replace")
        except Exception as error:  # striprtf is a regex parser; malformed groups raise odd errors
            raise ExtractError(f"unreadable RTF: {error_line(error)}") from None
        text = normalize_newlines(text)
        if text.strip():
            yield TextBlock(text=text, by_line=True)
        if truncated:
            raise LimitExceeded(f"RTF over max_text_bytes ({budget}); the rest was not scanned")


def _code_page(source: str) -> str:
    """The document's \\ansicpgN code page for its \\'xx escapes, if Python knows it."""
    match = _CODE_PAGE.search(source[:4096])
    if match:
        name = f"cp{match.group(1)}"
        try:
            codecs.lookup(name)
            return name
        except LookupError:
            pass
    return DEFAULT_CODE_PAGE
