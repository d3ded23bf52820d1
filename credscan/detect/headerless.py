"""Password-manager and browser exports without a header row, recognised by what their columns hold.

An export cut out of a larger file, re-saved by a script, or pasted into a new sheet loses its header
("Title,Username,Password,URL"), and with it every word the table detector reads. Its columns still
say what they are: one column of URLs or site names, one of accounts (e-mail addresses, user names), and
one column of distinct values shaped like passwords. All three must hold down (almost) every row, and
exactly one column may look like passwords: an inventory with serial numbers, a contact list with phone
numbers, a log with session ids, is no export.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from credscan.detect.cellshape import label_shaped, secret_shaped
from credscan.detect.validators import looks_like_password, not_hash, not_url_email_path

MIN_ROWS = 3
"""Fewer rows than this are too few to tell an export from any small table."""
MAX_ROWS_SAMPLED = 200
MIN_COLUMNS, MAX_COLUMNS = 3, 16
COLUMN_SHARE = 0.8
"""Share of sampled rows a site, account or password column must fill with its kind of value."""
DISTINCT_SHARE = 0.8
"""Passwords of an export differ from row to row; a repeated value is a status, a type or a default."""
_SITE = re.compile(
    r"^(?:[a-z][a-z0-9+.-]{1,10}://\S+|(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:/\S*)?)$", re.I
)
_ACCOUNT = re.compile(r"^(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:[\w-]+\\)?[\w.-]{2,64})$")
_LOWER = re.compile(r"[a-zß-ÿ]")


def _share(values: Sequence[str], check: Callable[[str], object]) -> float:
    return sum(1 for v in values if v and check(v)) / max(1, len(values))


def _password_like(value: str) -> bool:
    """A value of a password column: shaped like a secret, with a lowercase letter (serial numbers, asset
    tags and GUIDs are upper case and digits), not a hash, URL, address or path."""
    return bool(
        secret_shaped(value)
        and _LOWER.search(value) is not None
        and looks_like_password(value)
        and not_hash(value)
        and not_url_email_path(value)
    )


def headerless_password_column(rows: Sequence[Sequence[str]]) -> tuple[int, int | None] | None:
    """(password column, account column) of a headerless export, or None when ``rows`` is not one."""
    head = rows[:MAX_ROWS_SAMPLED]
    if len(head) < MIN_ROWS or not MIN_COLUMNS <= max(map(len, head)) <= MAX_COLUMNS:
        return None  # cheap exits first: this runs on every table without a finding
    first = next((row for row in head if any(map(str.strip, row))), None)
    if first is None or all(label_shaped(cell) for cell in first if cell.strip()):
        return None  # a row of labels first: a headed table, the header detector's business
    sample = [[cell.strip() for cell in row] for row in head if any(map(str.strip, row))]
    if len(sample) < MIN_ROWS:
        return None
    width = max(map(len, sample))
    columns = [[row[c] if c < len(row) else "" for row in sample] for c in range(width)]
    sites = [c for c, col in enumerate(columns) if _share(col, _SITE.match) >= COLUMN_SHARE]
    if not sites:
        return None
    accounts = [
        c for c, col in enumerate(columns) if c not in sites and _share(col, _ACCOUNT.match) >= COLUMN_SHARE
    ]
    secrets = [
        c
        for c, col in enumerate(columns)
        if c not in sites
        and _share(col, _password_like) >= COLUMN_SHARE
        and len(set(col)) >= DISTINCT_SHARE * len(col)
    ]
    accounts = [c for c in accounts if c not in secrets]
    if len(secrets) != 1 or not accounts:
        return None
    return secrets[0], accounts[0]
