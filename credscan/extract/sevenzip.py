"""7z archives through py7zr: each member as an Embedded file, under the zip archive caps.

The header lists every member's inflated size, so the caps are checked before anything is inflated
(max_members, the declared total against max_inflated_bytes, max_file_size per member); while inflating,
each member's writer refuses bytes past its declared size and the total past max_inflated_bytes, so a header
that lies cannot make a member grow. An archive whose member data or header is encrypted is skipped as
encrypted (its names may still be listed, but no content can be read without the password).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

import py7zr
from py7zr.io import Py7zIO, WriterFactory

from credscan.extract.interface import Encrypted, ExtractContext, ExtractError, Extractor, error_line
from credscan.limits import LimitExceeded, Limits
from credscan.model import Embedded, Unit


class SevenZipExtractor(Extractor):
    def extract(self, stream: BinaryIO, ctx: ExtractContext) -> Iterator[Unit]:
        stream.seek(0)
        limits = ctx.limits
        try:
            with py7zr.SevenZipFile(stream, mode="r", max_extract_size=limits.max_inflated_bytes) as archive:
                if archive.needs_password():
                    raise Encrypted("password-protected 7z archive")
                entries = [entry for entry in archive.list() if not entry.is_directory]
                wanted = _check_declared(entries, limits)
                factory = _CappedFactory({entry.filename: entry.uncompressed for entry in entries}, limits)
                if wanted:
                    archive.extract(targets=wanted, factory=factory)
        except (Encrypted, LimitExceeded):
            raise
        except py7zr.PasswordRequired:
            raise Encrypted("password-protected 7z archive") from None
        except Exception as error:  # py7zr raises Bad7zFile, DecompressionError, CrcError, KeyError, …
            raise ExtractError(f"corrupt 7z archive: {error_line(error)}") from None
        for entry in entries:
            if entry.uncompressed > limits.max_file_size:
                yield Embedded(name=entry.filename, data=b"", skipped="too large")
                continue
            writer = factory.writers.get(entry.filename)
            yield Embedded(name=entry.filename, data=writer.getvalue() if writer is not None else b"")


def _check_declared(entries: list[Any], limits: Limits) -> list[str]:
    """The member names worth inflating, after the header's counts and sizes passed the caps."""
    if len(entries) > limits.max_members:
        raise LimitExceeded(f"7z has {len(entries)} members, over max_members ({limits.max_members})")
    wanted = [entry for entry in entries if entry.uncompressed <= limits.max_file_size]
    declared = sum(entry.uncompressed for entry in wanted)
    if declared > limits.max_inflated_bytes:
        raise LimitExceeded(
            f"7z inflates to {declared} bytes, over max_inflated_bytes ({limits.max_inflated_bytes})"
        )
    return [entry.filename for entry in wanted]


class _CappedWriter(Py7zIO):
    """py7zr's Py7zIO for one member: keeps at most the member's declared size in memory."""

    def __init__(self, name: str, declared: int, factory: _CappedFactory) -> None:
        self._name = name
        self._declared = declared
        self._factory = factory
        self._chunks: list[bytes] = []
        self._size = 0

    def write(self, data: bytes | bytearray) -> int:
        self._size += len(data)
        self._factory.total += len(data)
        if self._size > self._declared:
            raise LimitExceeded(f"7z member {self._name!r} inflates past its declared size")
        if self._factory.total > self._factory.limits.max_inflated_bytes:
            raise LimitExceeded(
                f"7z inflates past max_inflated_bytes ({self._factory.limits.max_inflated_bytes})"
            )
        self._chunks.append(bytes(data))
        return len(data)

    def getvalue(self) -> bytes:
        return b"".join(self._chunks)

    def read(self, size: int | None = None) -> bytes:
        return b""

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._size

    def flush(self) -> None:
        return None

    def size(self) -> int:
        return self._size

    def close(self) -> None:
        return None


class _CappedFactory(WriterFactory):
    """py7zr's WriterFactory: one capped in-memory writer per member."""

    def __init__(self, declared: dict[str, int], limits: Limits) -> None:
        self.declared = declared
        self.limits = limits
        self.total = 0
        self.writers: dict[str, _CappedWriter] = {}

    def create(self, filename: str) -> _CappedWriter:
        writer = _CappedWriter(filename, self.declared.get(filename, 0), self)
        self.writers[filename] = writer
        return writer
