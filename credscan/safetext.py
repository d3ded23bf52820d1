"""Text from a scanned share shown to a person or a log: control characters made visible.

File contents, sheet names, a destination's HTTP reason phrase: anyone can put ESC sequences (which rewrite
a terminal), BEL, a bidi override (U+202E turns "exe.txt" into "txt.exe" on screen) or a line separator
(U+2028, a fake log line) there. ``printable`` writes each as a visible escape (``\\x1b``, ``\\u202e``)
before the text reaches the table output, ``agent status``, CEF, CSV or HTML.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, keep: str = "") -> str:
    """``text`` with every control, bidi, zero-width and separator character escaped (those in ``keep``,
    e.g. a newline in multi-line output, stay)."""
    if not text:
        return text
    return _UNSAFE.sub(lambda m: m.group(0) if m.group(0) in keep else _escape(m), text)
