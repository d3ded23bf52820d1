"""Masked context snippets and the account a password belongs to.

Context is built only from masked material: the secret, and every other value of a password column in the
same row, pass through mask_secret() before they are joined, and every other credential-like token of a
cell, label or line is masked by mask_tokens() *before* anything is shortened, so a window or a shortened
cell can never cut a neighbouring secret in half and show the piece (credscan.redact).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from credscan.detect.vocabulary import vocabulary
from credscan.redact import mask_secret, mask_tokens, redact_text

MAX_CONTEXT = 200
MAX_VALUE = 40
ACCOUNT_LOOKBACK = 300
"""Characters before a password searched for "User: X" in prose."""


def _short(text: str, limit: int = MAX_VALUE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def row_context(
    headers: Sequence[str], row: Sequence[str], secret_columns: Iterable[int], secret: str, prefix: str = ""
) -> str:
    """ "System=NAS  Username=admin  Password=Su******4!" from a header row and a data row."""
    masked_cols = set(secret_columns)
    parts = []
    for index, value in enumerate(row):
        if not value.strip():
            continue
        header = headers[index].strip() if index < len(headers) else ""
        shown = mask_secret(value.strip()) if index in masked_cols else _short(_masked(value, secret))
        parts.append(f"{_short(header, 30)}={shown}" if header else shown)
    text = prefix + "  ".join(parts)
    return text if len(text) <= MAX_CONTEXT else text[: MAX_CONTEXT - 1] + "…"


def label_context(label: str, secret: str, prefix: str = "") -> str:
    """ "Admin password: Su******4!" for a key/value layout."""
    return f"{prefix}{_short(_masked(label, secret), 60).rstrip(':').strip()}: {mask_secret(secret)}"


def _masked(text: str, secret: str) -> str:
    return mask_tokens(redact_text(text, [secret]))


WINDOW_MARGIN = 64
"""Characters beyond each end of the shown window that are masked with it, so that a token reaching
over the window's edge is judged (nearly) whole before the window cuts it."""


def line_context(line: str, secret: str, start: int, end: int, prefix: str = "") -> str:
    """The line around a match, the secret (and any repeat of it) and every credential-like token masked,
    trimmed to MAX_CONTEXT. Masking happens on the window plus a margin, before the window is cut."""
    left = max(0, start - 80)
    width = MAX_CONTEXT - len(prefix)
    before = _masked(line[max(0, left - WINDOW_MARGIN) : start], secret)
    if left:  # the window starts inside the line: keep as many (masked) characters as it showed
        before = before[-(start - left) :] if start > left else ""
    after = _masked(line[end : end + width + WINDOW_MARGIN], secret)
    masked = before + mask_secret(secret) + after
    snippet = " ".join(masked[:width].split())
    cut = len(masked) > width or end + width + WINDOW_MARGIN < len(line)
    return prefix + ("…" if left else "") + snippet + ("…" if cut else "")


@lru_cache(maxsize=1)
def _user_pattern() -> re.Pattern[str]:
    user = vocabulary().macros.get("user", "(?:user|username|login)")
    return re.compile(
        rf"(?i)(?<![\w-]){user}[ \t]*(?:name)?[ \t]*[:=][ \t]*[\"']?(?P<account>[\w.@\\-]{{2,64}})",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _created_pattern() -> re.Pattern[str]:
    """ "New user jdoe created, initial password: …", "User account svc_backup has been created with …":
    the account named by a sentence that announces it, in the line of the password."""
    user = vocabulary().macros.get("user", "(?:user|username|login)")
    not_a_name = r"(?!(?:was|has|is|been|wurde|ist|successfully|erfolgreich|the|and|name|password)\b)"
    return re.compile(
        rf"(?<![\w-])(?:{user})(?:[ \t]+account)?[ \t]+[\"'“]?{not_a_name}"
        r"(?P<account>[\w.@\\-]{2,64}?)[\"'”]?,?[ \t]+"
        r"(?:(?:was|has[ \t]+been|is|wurde|ist)[ \t]+)?"
        r"(?:created|added|set[ \t]*up|provisioned|enabled|angelegt|erstellt|eingerichtet|cr[ée]{2})\b",
        re.IGNORECASE,
    )


_ASSIGNMENT = re.compile(r"[ \t]*\$(?P<var>[A-Za-z_]\w*)[ \t]*=")
ACCOUNT_LOOKAHEAD_LINES = 5
"""Lines after a PowerShell password assignment searched for the PSCredential that uses it."""


def account_near(text: str, offset: int) -> str | None:
    """The account a password at ``offset`` belongs to: the user named last before it in prose ("Benutzer:
    jdoe … Kennwort: X", within a few lines), a sentence in its line that creates the account, or, for
    ``$pw = ConvertTo-SecureString "X" …``, the user of the PSCredential built from ``$pw`` a few lines on."""
    window = text[max(0, offset - ACCOUNT_LOOKBACK) : offset]
    lines = window.split("\n")
    window = "\n".join(lines[-4:])
    found = None
    for match in _user_pattern().finditer(window):
        found = match.group("account")
    if found is None:
        for match in _created_pattern().finditer(lines[-1]):
            found = match.group("account")
    return found or _credential_user_after(text, offset)


def _credential_user_after(text: str, offset: int) -> str | None:
    line_start = text.rfind("\n", 0, offset) + 1
    assigned = _ASSIGNMENT.match(text, line_start)
    if assigned is None or "pscredential" not in text[offset : offset + 2000].lower():
        return None
    line_end = text.find("\n", offset)
    if line_end < 0:
        return None
    following = "\n".join(
        text[line_end + 1 : line_end + 1 + ACCOUNT_LOOKBACK * 4].split("\n")[:ACCOUNT_LOOKAHEAD_LINES]
    )
    variable = re.escape(assigned.group("var"))
    uses = re.search(
        rf"(?i)PSCredential\s*(?:\(|-ArgumentList\s+|\s)\s*\(?\s*[\"'](?P<account>[^\"',\s()]{{1,128}})[\"']\s*,\s*\${variable}\b",
        following,
    )
    return uses.group("account") if uses else None


def join_account(user: str | None, system: str | None) -> str | None:
    """ "admin @ NAS" from the row's user and system cells; either alone when only one is known."""
    user = _short(user or "", 64) or None
    system = _short(system or "", 64) or None
    if user and system:
        return f"{user} @ {system}"
    return user or system
