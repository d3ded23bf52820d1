"""OneNote sections (.one, OneNote 2010 and later): the text of the pages' paragraphs.

A section is a revision store ([MS-ONESTORE]) whose objects carry property sets ([MS-ONE]); paragraph text is
a RichEditTextUnicode (UTF-16LE) or TextExtendedAscii property value, stored as one length-prefixed run of
characters. Modelling the whole store (file node lists, object spaces, revisions) is not needed to find that
text: the readable runs of the file are it (credscan.extract.textruns), each kept once although OneNote keeps
old revisions beside the current one. The PyPI readers of .one are young single-author projects; this
reader is 40 lines, bounded by the file size cap and max_text_bytes. Lines are numbered in file order (the
page a line is on is not known); embedded files (attachments) are not extracted.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from credscan.extract.interface import ExtractContext, ExtractError, Extractor
from credscan.extract.textruns import text_runs
from credscan.filetype import ONENOTE_SIGNATURE
from credscan.model import TextBlock, Unit

HEADER_SIZE = 1024
"""The fixed header of a revision store file; the text is past it."""


class OneNoteExtractor(Extractor):
    def extract(self, stream: BinaryIO, ctx: ExtractContext) -> Iterator[Unit]:
        stream.seek(0)
        data = stream.read(ctx.limits.max_file_size)
        if not data.startswith(ONENOTE_SIGNATURE) or len(data) < HEADER_SIZE:
            raise ExtractError("not a OneNote section (bad or truncated header)")
        lines = list(text_runs(data[HEADER_SIZE:], ctx.limits.max_text_bytes))
        if lines:
            yield TextBlock(text="\n".join(lines), by_line=True)
