"""Microsoft Works word processor (.wps, Works 4-9): the text runs of its CONTENTS stream.

No maintained library reads Works files (libwps, behind LibreOffice's import, is C++). Works 4 keeps the
text as 8-bit characters and Works 6-9 as UTF-16LE, in the CONTENTS stream of an OLE compound file, with
formatting in separate records; the readable runs of that stream are the document's text
(credscan.extract.textruns). A .wps written by Kingsoft WPS Writer is a Word 97 file and is read as one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

import olefile

from credscan.extract.interface import ExtractContext, ExtractError, Extractor, error_line
from credscan.extract.textruns import text_runs
from credscan.model import TextBlock, Unit


class WorksExtractor(Extractor):
    def extract(self, stream: BinaryIO, ctx: ExtractContext) -> Iterator[Unit]:
        stream.seek(0)
        try:
            with olefile.OleFileIO(stream) as ole:
                contents = ole.openstream("CONTENTS").read()
        except Exception as error:  # olefile raises OSError/ValueError/IndexError… on corrupt containers
            raise ExtractError(f"unreadable Works document: {error_line(error)}") from None
        lines = list(text_runs(contents, ctx.limits.max_text_bytes))
        if lines:
            yield TextBlock(text="\n".join(lines), by_line=True)
