"""Where credscan keeps its own files, created private (0700 folders, 0600 files)."""

from __future__ import annotations

import os
from pathlib import Path


def default_state_dir() -> Path:
    """State of on-demand scans: $CREDSCAN_STATE_DIR, $XDG_STATE_HOME/credscan or ~/.local/state/credscan."""
    explicit = os.environ.get("CREDSCAN_STATE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_STATE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "state"
    return base / "credscan"


def ensure_private_dir(path: Path) -> Path:
    """Create path (and parents) with mode 0700; tighten it if it already exists and is ours."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.stat().st_uid == os.geteuid():
        os.chmod(path, 0o700)
    return path


def write_private_file(path: Path, data: bytes) -> None:
    """Write a file that only the owner can read, never passing through a wider mode."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, data)
    finally:
        os.close(fd)
