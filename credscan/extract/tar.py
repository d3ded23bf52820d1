"""tar archives and gzip/bzip2/xz files: members (or the one inflated file) as Embedded files.

Same caps as zip archives: members of one archive (max_members), what they inflate to in total
(max_inflated_bytes, and the bomb ratio while inflating, see credscan.extract.inflate), a member over
max_file_size is skipped as "too large" without being kept in memory, nesting is the pipeline's max_depth.
A compressed tar (``.tar.gz``, ``.tgz``, ``.tar.xz`` …) is read as one archive: its members are one level
deep, as in a zip, not two. tar is read as a stream (``r|``), so nothing is seeked or buffered whole; links,
folders and devices carry no content and are passed over.
"""

from __future__ import annotations

import io
import posixpath
import tarfile
from collections.abc import Iterator
from typing import IO, BinaryIO

from credscan.extract.inflate import INFLATE_ERRORS, BoundedInflater
from credscan.extract.interface import ExtractContext, ExtractError, Extractor, NotRead, error_line
from credscan.filetype import TAR_MAGIC_OFFSET, TAR_MAGICS
from credscan.limits import LimitExceeded, Limits
from credscan.model import Embedded, Unit

TAR_BLOCK = 512
COMPRESSED_SUFFIXES = {"gz": (".gz", ".tgz"), "bz2": (".bz2", ".tbz2", ".tbz"), "xz": (".xz", ".txz")}
TAR_SHORTHANDS = (".tgz", ".tbz2", ".tbz", ".txz")
TAR_ERRORS = (tarfile.TarError, *INFLATE_ERRORS)


class TarExtractor(Extractor):
    def extract(self, stream: BinaryIO, ctx: ExtractContext) -> Iterator[Unit]:
        if not ctx.limits.archives:
            raise NotRead(f"{ctx.kind} archive (archives off)")
        stream.seek(0)
        if ctx.kind == "tar":
            yield from _tar_members(stream, ctx.limits, budget=ctx.limits.max_inflated_bytes)
            return
        inflater = io.BufferedReader(BoundedInflater(stream, ctx.kind, ctx.limits), TAR_BLOCK * 64)
        try:
            head = inflater.peek(TAR_BLOCK)[:TAR_BLOCK]
        except TAR_ERRORS as error:
            raise ExtractError(f"corrupt {ctx.kind} stream: {error_line(error)}") from None
        if head[TAR_MAGIC_OFFSET : TAR_MAGIC_OFFSET + 8] in TAR_MAGICS:
            yield from _tar_members(inflater, ctx.limits, budget=None)  # the inflater enforces the total
            return
        yield _single_member(inflater, inner_name(ctx.name, ctx.kind), ctx)


def inner_name(name: str, kind: str) -> str:
    """ "notes.txt.gz" -> "notes.txt", "backup.tgz" -> "backup.tar", "data" -> "data" (the name the inflated
    file is typed and reported under: ``outer.gz!notes.txt``)."""
    base = posixpath.basename(name.replace("\\", "/"))
    lower = base.lower()
    for suffix in COMPRESSED_SUFFIXES.get(kind, ()):
        if lower.endswith(suffix) and len(base) > len(suffix):
            return base[: -len(suffix)] + (".tar" if suffix in TAR_SHORTHANDS else "")
    return base


def _single_member(inflater: IO[bytes], name: str, ctx: ExtractContext) -> Embedded:
    limit = ctx.limits.max_file_size
    try:
        data = inflater.read(limit + 1)
    except TAR_ERRORS as error:
        raise ExtractError(f"corrupt {ctx.kind} stream: {error_line(error)}") from None
    if len(data) > limit:
        return Embedded(name=name, data=b"", skipped="too large")
    return Embedded(name=name, data=data)


def _tar_members(source: IO[bytes], limits: Limits, budget: int | None) -> Iterator[Embedded]:
    """Regular members in archive order. ``budget`` caps the member bytes read from a plain tar; a compressed
    one is capped by its inflater."""
    count = 0
    try:
        with tarfile.open(fileobj=source, mode="r|") as archive:
            for info in archive:
                count += 1
                if count > limits.max_members:
                    raise LimitExceeded(f"tar has over {limits.max_members} members, over max_members")
                if not info.isreg():
                    continue
                if info.size > limits.max_file_size:
                    yield Embedded(name=info.name, data=b"", skipped="too large")
                    continue
                if budget is not None:
                    if info.size > budget:
                        raise LimitExceeded(
                            f"tar members exceed max_inflated_bytes ({limits.max_inflated_bytes}) "
                            f"at member {info.name!r}"
                        )
                    budget -= info.size
                member = archive.extractfile(info)
                data = member.read(info.size) if member is not None else b""
                yield Embedded(name=info.name, data=data)
    except TAR_ERRORS as error:
        if count <= 1:
            raise ExtractError(f"corrupt tar archive: {error_line(error)}") from None
        raise ExtractError(f"tar archive truncated or corrupt after {count - 1} members") from None
