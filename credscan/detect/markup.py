"""HTML and XML read as text: the visible text a reader sees, line for line.

Prose rules must read "Password is incorrect." where the file says ``Password is incorrect.&quot;`` and
"Don't pass first <xsl:sort>" where it says ``&lt;xsl:sort&gt;``; tags and their attributes
(``name="psk:PageOrientation"``, ``key="webpages:Version"``) are structure, not text. The view keeps every
line break where it was, so a finding's line number is the line in the file.
"""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"<!--.*?-->|<!\[CDATA\[|\]\]>|<[!?/]?[A-Za-z][^<>]*>", re.DOTALL)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _blank(match: re.Match[str]) -> str:
    """A tag becomes one blank, or its own line breaks when it spans lines."""
    breaks = match.group().count("\n")
    return "\n" * breaks if breaks else " "


def _character(match: re.Match[str]) -> str:
    """One character reference decoded; a decoded line break stays a blank (lines keep their numbers)."""
    decoded = html.unescape(match.group())
    return decoded.replace("\r", " ").replace("\n", " ")


def visible_text(text: str) -> str:
    """``text`` without tags and comments, its character references decoded, its lines where they were."""
    return _ENTITY.sub(_character, _TAG.sub(_blank, text))
