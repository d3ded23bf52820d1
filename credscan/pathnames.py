"""One text form for every file name, including names that are not valid UTF-8.

A Linux file name is bytes; Python hands an undecodable byte to us as a lone surrogate (U+DC80–U+DCFF,
"surrogateescape"), which SQLite, JSON parsers, syslog and HTTP refuse or mangle. A name may also hold
"!" (credscan's archive separator: ``outer.zip!inner/file.txt``), terminal escapes (ESC, BEL) or bidi
overrides (U+202E) that would rewrite a console or a log line. credscan therefore turns every path into
its *display form* as the walk lists it (and every archive member name as it is opened), and uses only
that form everywhere after: findings, stats, the store, events, forwarders, reports.

- a byte that is not part of valid UTF-8 is written ``\\xNN`` (two lower-case hex digits): ``caf\\xe9.txt``;
- "!", control characters (C0, DEL, C1), bidi controls and U+2028/U+2029 are written as the ``\\xNN``
  escapes of their UTF-8 bytes: ``a\\x21b.txt``, ``x\\x1b[31m``, ``\\xe2\\x80\\xaegpj.exe``;
- a backslash that is followed by ``x`` in the real name is written ``\\x5c``, so the form stays
  reversible and no two real names share one display form;
- everything else is unchanged (Windows-style ``C:\\Users`` paths and ordinary names look as they are).

``os_path()`` gives the exact bytes back, for opening the file.
"""

from __future__ import annotations

import re

_ESCAPED = re.compile(r"\\x([0-9a-f]{2})")
_UNSAFE_CHARS = "!\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff"
_NEEDS_ESCAPE = re.compile(f"[{_UNSAFE_CHARS}]|\\\\x")
_UNSAFE = re.compile(f"[{_UNSAFE_CHARS}]")
ARCHIVE_SEPARATOR = "!"


def display_path(path: str) -> str:
    """The display form of a path as Python's os functions return it (surrogate-escaped str)."""
    if _NEEDS_ESCAPE.search(path) is None:
        return path
    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that no byte stands for (a remote name): kept as bytes
        raw = path.encode("utf-8", "surrogatepass")
    view = raw.decode("utf-8", "surrogateescape")
    out: list[str] = []
    for index, char in enumerate(view):
        if "\udc80" <= char <= "\udcff":
            out.append(f"\\x{ord(char) - 0xDC00:02x}")
        elif char == "\\" and view[index + 1 : index + 2] == "x":
            out.append("\\x5c")
        elif _UNSAFE.match(char):
            out.append("".join(f"\\x{byte:02x}" for byte in char.encode("utf-8")))
        else:
            out.append(char)
    return "".join(out)


def os_path(display: str) -> bytes:
    """The exact bytes of the file name that ``display`` stands for (inverse of display_path)."""
    if "\\x" not in display:
        return display.encode("utf-8", "surrogateescape")
    parts = _ESCAPED.split(display)
    raw = bytearray()
    for index, part in enumerate(parts):
        if index % 2:
            raw.append(int(part, 16))
        else:
            raw += part.encode("utf-8", "surrogateescape")
    return bytes(raw)


def member_path(outer: str, member: str) -> str:
    """ "outer.zip!inner/file.txt": the member name in display form, so a "!" inside it stays unambiguous."""
    return f"{outer}{ARCHIVE_SEPARATOR}{display_path(member)}"
