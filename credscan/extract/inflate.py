"""A bounded reader over a gzip, bzip2 or xz stream: the one place where those streams are inflated.

A compressed stream declares nothing about what it inflates to (gzip's ISIZE trailer is modulo 4 GiB and
sits at the end), so the caps are enforced while inflating: the total output (max_inflated_bytes) and, once
the output is past RATIO_FLOOR, the ratio of output to input (MAX_RATIO, the zip guard's bomb threshold).
Concatenated streams (``cat a.gz b.gz``, pbzip2 output, multi-stream xz) are read as one, as the command-line
tools do. The xz decoder's memory is capped too (a header may ask for a 1.5 GiB dictionary).
"""

from __future__ import annotations

import bz2
import io
import lzma
import zlib
from typing import BinaryIO, Protocol

from credscan.extract.zipguard import MAX_RATIO, RATIO_FLOOR
from credscan.limits import LimitExceeded, Limits

CHUNK = 256 * 1024
XZ_MEMORY_LIMIT = 256 * 1024 * 1024
"""xz/lzma decoder memory (the dictionary size a header asks for); xz -9 needs 65 MiB."""
INFLATE_ERRORS = (zlib.error, OSError, EOFError, lzma.LZMAError, ValueError)
"""What the decompressors raise on corrupt or truncated input."""


class _Decompressor(Protocol):
    @property
    def unused_data(self) -> bytes: ...

    @property
    def eof(self) -> bool: ...

    @property
    def needs_input(self) -> bool: ...

    def decompress(self, data: bytes, max_length: int = -1) -> bytes: ...


class _Zlib:
    """zlib's decompressobj with the needs_input/max_length interface of the bz2 and lzma ones."""

    def __init__(self) -> None:
        self._inner = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._pending = b""

    @property
    def eof(self) -> bool:
        return self._inner.eof

    @property
    def unused_data(self) -> bytes:
        return self._inner.unused_data

    @property
    def needs_input(self) -> bool:
        return not self._pending

    def decompress(self, data: bytes, max_length: int = -1) -> bytes:
        self._pending += data
        out = self._inner.decompress(self._pending, max(max_length, 0))
        self._pending = self._inner.unconsumed_tail
        return out


def _new_decompressor(kind: str) -> _Decompressor:
    if kind == "gz":
        return _Zlib()
    if kind == "bz2":
        return bz2.BZ2Decompressor()
    if kind == "xz":
        return lzma.LZMADecompressor(memlimit=XZ_MEMORY_LIMIT)
    raise ValueError(f"not a compressed stream kind: {kind}")


class BoundedInflater(io.RawIOBase):
    """Readable, unseekable inflated view of ``source`` (a gz, bz2 or xz stream) that raises LimitExceeded
    past the caps and lets the decompressors' errors through (the caller turns them into ExtractError)."""

    def __init__(self, source: BinaryIO, kind: str, limits: Limits) -> None:
        super().__init__()
        self._source = source
        self._kind = kind
        self._limits = limits
        self._decompressor = _new_decompressor(kind)
        self._input = b""
        self._done = False
        self.bytes_in = 0
        self.bytes_out = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self._next(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def _next(self, size: int) -> bytes:
        while not self._done:
            if self._decompressor.eof:
                leftover = self._decompressor.unused_data + self._input
                self._input = b""
                if not leftover:
                    leftover = self._read_input()
                if not leftover.strip(b"\0"):  # trailing zero padding (tape blocks) ends the stream
                    self._done = True
                    break
                self._decompressor = _new_decompressor(self._kind)  # the next concatenated stream
                self._input = leftover
            if self._decompressor.needs_input and not self._input:
                self._input = self._read_input()
                if not self._input:
                    raise EOFError(f"truncated {self._kind} stream")
            out = self._decompressor.decompress(self._input, size)
            self._input = b""
            if out:
                self._count(len(out))
                return out
        return b""

    def _read_input(self) -> bytes:
        chunk = self._source.read(CHUNK)
        self.bytes_in += len(chunk)
        return chunk

    def _count(self, produced: int) -> None:
        self.bytes_out += produced
        if self.bytes_out > self._limits.max_inflated_bytes:
            raise LimitExceeded(
                f"{self._kind} stream inflates past max_inflated_bytes ({self._limits.max_inflated_bytes})"
            )
        if self.bytes_out >= RATIO_FLOOR and self.bytes_out > MAX_RATIO * max(self.bytes_in, 1):
            raise LimitExceeded(f"{self._kind} stream has compression ratio over {MAX_RATIO}:1 (bomb)")
