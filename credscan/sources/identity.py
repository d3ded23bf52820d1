"""Which file a path names, whatever its spelling: the basis of finding ids and baselines.

A finding's ``path`` shows the file as the user named it (``clients/acme/x.xlsx``, with ``./`` and doubled
slashes removed), but its ``id`` must not depend on that spelling: a baseline made with ``credscan scan
clients`` has to silence the same findings when the next scan says ``./clients`` or ``/srv/clients``. So ids
are computed from the identity path:

- local files: the absolute path with every symlinked folder resolved (os.path.realpath of the folder, then
  the file's own name; os.path.normcase on Windows, where case does not matter);
- ``smb://`` URLs: scheme and server in lower case, the default port 445 dropped, ``.`` and empty segments
  removed (server names are case-insensitive; share and file names are kept as the server spells them);
- archive members (``outer.zip!inner/file.txt``): the identity of the outer file, then ``!`` and the member.
"""

from __future__ import annotations

import os
import posixpath
from functools import lru_cache
from urllib.parse import urlsplit

ARCHIVE_SEPARATOR = "!"
SMB_DEFAULT_PORT = 445


def tidy_target(target: str) -> str:
    """A command-line target as findings show it: ``./clients/`` -> ``clients``; URLs unchanged."""
    if "://" in target:
        return target
    return os.path.normpath(target)


def identity_path(path: str) -> str:
    """The spelling-independent name of the file ``path`` refers to (see the module docstring)."""
    if "://" in path:
        return _smb_identity(path)
    outer, separator, member = path.partition(ARCHIVE_SEPARATOR)
    if separator and not os.path.lexists(outer):
        outer, member, separator = path, "", ""  # a "!" in a real file or folder name, not an archive member
    folder, name = os.path.split(outer)
    identity = os.path.join(_real_folder(folder), name)
    return os.path.normcase(identity) + separator + member


@lru_cache(maxsize=4096)
def _real_folder(folder: str) -> str:
    """realpath of a folder, cached: the files of one folder share it, and it costs a stat per component."""
    return os.path.realpath(folder or os.curdir)


def _smb_identity(url: str) -> str:
    outer, separator, member = url.partition(ARCHIVE_SEPARATOR)
    parts = urlsplit(outer)
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"  # an IPv6 literal
    if parts.port and parts.port != SMB_DEFAULT_PORT:
        host += f":{parts.port}"
    segments = [segment for segment in parts.path.split("/") if segment not in ("", ".")]
    path = posixpath.normpath("/" + "/".join(segments)) if segments else ""
    return f"{parts.scheme.lower()}://{host}{path}" + separator + member
