"""Sources list files and open them; they never parse (see interface.Source).

Target dispatch: a local path becomes a LocalSource, ``smb://…`` an SmbSource. Contract with
credscan.sources.smb: ``SmbSource(target, options)`` with the scan's ScanOptions (credentials are in
options.source_options: "user", "password", "require_encryption"), and the FileRefs it yields carry
``source`` = a target string that SmbSource(source, options) can reopen (the share URL).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, BinaryIO

from credscan.model import FileAccess, FileRef
from credscan.sources.interface import Source
from credscan.sources.local import SOURCE_KEY, SOURCE_KEY_FOLLOW, LocalSource, open_regular_file

if TYPE_CHECKING:
    from credscan.scan import ScanOptions

SMB_SCHEME = "smb://"

_open_sources: dict[str, Source] = {}
"""Per-process cache (one per worker): an SMB session is set up once, not once per file."""


def is_remote(target: str) -> bool:
    return target[: len(SMB_SCHEME)].lower() == SMB_SCHEME


def open_source(target: str, options: ScanOptions) -> Source:
    """The source for one command-line target; a UserError when it does not exist or cannot be reached."""
    if is_remote(target):
        from credscan.sources.smb import SmbSource  # lazy: smbprotocol is only imported for SMB scans

        return SmbSource(target, options)
    return LocalSource(target)


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
