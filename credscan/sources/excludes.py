"""Exclude globs shared by every source (local walk, SMB walk, the agent's watcher).

Semantics, close to .gitignore so that MSP technicians guess right:
- ``*`` and ``?`` never cross a "/", ``**`` crosses any number of folders, ``**/`` may match no folder;
- a pattern is tried against the path relative to the scanned root AND the full path; an absolute pattern
  (``/srv/shares/x/**``, ``D:/Shares/x/**``) is tried against the absolute path, however the root was typed;
- a pattern without a "/" (``*.iso``, ``~$*``) is also tried against the base name alone;
- a folder is tested with and without a trailing "/", so ``**/.snapshot/**`` excludes the folder
  itself and it is never descended into;
- matching ignores case: on SMB and Windows shares ``Passwords.XLSX`` is the same file as
  ``passwords.xlsx``, and a technician who writes ``*.XLSX`` means both.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

_ABSOLUTE = re.compile(r"^(?:/|[A-Za-z]:/)")
"""A POSIX absolute path or a Windows drive path (after backslashes became "/")."""


def is_absolute_pattern(pattern: str) -> bool:
    return bool(_ABSOLUTE.match(pattern.replace("\\", "/")))


def _literal_prefix(pattern: str) -> str:
    """The folder part of a pattern before its first wildcard: /srv/a/**/x -> /srv/a."""
    cut = min((i for i, char in enumerate(pattern) if char in "*?["), default=len(pattern))
    head = pattern[:cut]
    return head.rstrip("/") if cut == len(pattern) else head.rsplit("/", 1)[0]


def _canonical(path: str) -> str:
    return os.path.normcase(os.path.abspath(path)).replace("\\", "/")


def unreachable_patterns(patterns: Iterable[str], roots: Sequence[str]) -> list[str]:
    """Absolute patterns that can match nothing below any of these local roots (a typo, or a pattern meant
    for another machine): the caller warns about them instead of letting them silently exclude nothing."""
    local_roots = [_canonical(root) for root in roots if "://" not in root]
    unreachable = []
    for pattern in patterns:
        normal = pattern.replace("\\", "/")
        if not is_absolute_pattern(normal) or not local_roots:
            continue
        prefix = os.path.normcase(_literal_prefix(normal)) or "/"
        if not any(_nested(prefix, root) or _nested(root, prefix) for root in local_roots):
            unreachable.append(pattern)
    return unreachable


def _nested(inner: str, outer: str) -> bool:
    return inner == outer or inner.startswith(outer.rstrip("/") + "/")


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
    return re.compile("".join(out) + r"\Z", re.DOTALL | re.IGNORECASE)


class ExcludeMatcher:
    """Decides whether a file or folder is excluded; built once per walk."""

    def __init__(self, patterns: Iterable[str]) -> None:
        self.patterns = tuple(p.replace("\\", "/") for p in patterns if p)
        self._full = [glob_to_regex(p) for p in self.patterns]
        self._base = [glob_to_regex(p) for p in self.patterns if "/" not in p]
        self._absolute = any(is_absolute_pattern(p) for p in self.patterns)

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def excluded(self, full_path: str, relative_path: str, is_dir: bool = False) -> bool:
        if not self.patterns:
            return False
        full = full_path.replace("\\", "/")
        rel = relative_path.replace("\\", "/")
        paths = [rel, full]
        if self._absolute and "://" not in full and not is_absolute_pattern(full):
            paths.append(_canonical(full_path))
        if is_dir:
            paths += [path + "/" for path in paths]
        if any(rx.match(path) for rx in self._full for path in paths):
            return True
        base = rel.rsplit("/", 1)[-1]
        return any(rx.match(base) for rx in self._base)
