"""Password-protected Office files (credscan.filetype says "office-encrypted"): listed as skipped."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from credscan.extract.interface import Encrypted, ExtractContext, Extractor
from credscan.model import Unit


class EncryptedOfficeExtractor(Extractor):
    """Password-protected Office files cannot be read; they are listed as skipped (encrypted)."""

    def extract(self, stream: BinaryIO, ctx: ExtractContext) -> Iterator[Unit]:
        raise Encrypted("password-protected Office document")
        yield  # a generator like every extractor: the error surfaces on iteration, not on the call
