"""Sources list files and open them; they never parse (see interface.Source).

Target dispatch (SOURCES): ``scheme://…`` goes to the source registered for that scheme (``smb://`` an
SmbSource), anything else is a local path (a LocalSource). Each is built by ``Source.for_target(target,
options)`` with the scan's ScanOptions (SMB credentials are in options.source_options: "user", "password",
"require_encryption"), and the FileRefs a remote source yields carry ``source`` = a target string that
for_target can reopen in a worker (the share URL).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import BinaryIO, Literal, TypeAlias, get_args

from credscan.model import FileAccess, FileRef, ScanOptions
from credscan.registry import Registry, subclass_of
from credscan.sources.interface import Source
from credscan.sources.local import SOURCE_KEY, SOURCE_KEY_FOLLOW, open_regular_file

SourceScheme: TypeAlias = Literal["local", "smb"]
"""A target's scheme: "smb" for ``smb://…``; "local" for a path (which has no scheme)."""

SOURCES: Registry[SourceScheme, type[Source]] = Registry(
    "source",
    get_args(SourceScheme),
    (
        ("local", "credscan.sources.local:LocalSource"),
        ("smb", "credscan.sources.smb:SmbSource"),  # smbprotocol is imported for SMB targets only
    ),
    subclass_of(Source),
)
"""Target scheme -> its Source class."""

_open_sources: dict[str, Source] = {}
"""Per-process cache (one per worker): an SMB session is set up once, not once per file."""


def scheme_of(target: str) -> SourceScheme:
    """The registered scheme ``target`` starts with (``smb://``, any case), else "local"."""
    scheme, separator, _ = target.partition("://")
    found = SOURCES.name_of(scheme.lower()) if separator else None
    return found if found is not None and found != "local" else "local"


def is_remote(target: str) -> bool:
    return scheme_of(target) != "local"


def open_source(target: str, options: ScanOptions) -> Source:
    """The source for one command-line target; a UserError when it does not exist or cannot be reached."""
    return SOURCES.require(scheme_of(target)).for_target(target, options)


def open_file(ref: FileRef, options: ScanOptions) -> BinaryIO:
    """Open a listed file inside a worker, reusing the source that listed it (same process or not)."""
    if ref.source in (SOURCE_KEY, SOURCE_KEY_FOLLOW):
        return open_regular_file(ref.path, follow_symlinks=ref.source == SOURCE_KEY_FOLLOW, root=ref.root)
    return _source_of(ref, options).open(ref)


def prefetch(upcoming: Sequence[FileRef], options: ScanOptions) -> None:
    """Tell the sources of remote files which of their files come next (an SMB source reads small ones
    ahead); local files are read when opened."""
    by_source: dict[str, list[FileRef]] = {}
    for ref in upcoming:
        if ref.source not in (SOURCE_KEY, SOURCE_KEY_FOLLOW):
            by_source.setdefault(ref.source, []).append(ref)
    for refs in by_source.values():
        _source_of(refs[0], options).prefetch(refs)


def file_access(ref: FileRef, options: ScanOptions) -> FileAccess:
    """Owner and exposure of a listed file (for files with findings: on SMB it costs a round trip)."""
    if ref.source in (SOURCE_KEY, SOURCE_KEY_FOLLOW):
        from credscan.exposure import local_exposure

        return FileAccess(ref.owner, local_exposure(ref.path).to_dict())
    return _source_of(ref, options).access(ref)


def _source_of(ref: FileRef, options: ScanOptions) -> Source:
    source = _open_sources.get(ref.source)
    if source is None:
        source = _open_sources[ref.source] = open_source(ref.source, options)
    return source
