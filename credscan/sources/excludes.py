"""Exclude globs shared by every source (local walk, SMB walk, the agent's watcher).

Semantics, close to .gitignore so that MSP technicians guess right:
- ``*`` and ``?`` never cross a "/", ``**`` crosses any number of folders, ``**/`` may match no folder;
- a pattern is tried against the path relative to the scanned root AND the full path;
- a pattern without a "/" (``*.iso``, ``~$*``) is also tried against the base name alone;
- a folder is tested with and without a trailing "/", so ``**/.snapshot/**`` excludes the folder
  itself and it is never descended into.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache


@lru_cache(maxsize=256)
def glob_to_regex(pattern: str) -> re.Pattern[str]:
    """Translate one glob into an anchored regex (see the module docstring for the dialect)."""
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        char = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif char == "*":
            out.append("[^/]*")
            i += 1
        elif char == "?":
            out.append("[^/]")
            i += 1
        elif char == "[":
            start = i + 2 if pattern.startswith("[!", i) else i + 1
            end = pattern.find("]", start + 1)  # a "]" right after "[" or "[!" is a literal member
            if end == -1:
                out.append(re.escape(char))
                i += 1
                continue
            body = pattern[i + 1 : end]
            if body.startswith("!"):
                body = "^" + body[1:]
            out.append("[" + body.replace("\\", "\\\\") + "]")
            i = end + 1
        else:
            out.append(re.escape(char))
            i += 1
    return re.compile("".join(out) + r"\Z", re.DOTALL)


class ExcludeMatcher:
    """Decides whether a file or folder is excluded; built once per walk."""

    def __init__(self, patterns: Iterable[str]) -> None:
        self.patterns = tuple(p.replace("\\", "/") for p in patterns if p)
        self._full = [glob_to_regex(p) for p in self.patterns]
        self._base = [glob_to_regex(p) for p in self.patterns if "/" not in p]

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def excluded(self, full_path: str, relative_path: str, is_dir: bool = False) -> bool:
        if not self.patterns:
            return False
        full = full_path.replace("\\", "/")
        rel = relative_path.replace("\\", "/")
        paths = [rel, full, rel + "/", full + "/"] if is_dir else [rel, full]
        if any(rx.match(path) for rx in self._full for path in paths):
            return True
        base = rel.rsplit("/", 1)[-1]
        return any(rx.match(base) for rx in self._base)
