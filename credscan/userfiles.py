"""Reading the files a user names (configs, baselines, scan reports): every failure is one line, exit 2."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from credscan.errors import UserError


def read_user_text(path: Path, what: str) -> str:
    """The UTF-8 text of a file the user named; ``what`` ("config file", "baseline") starts each message."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"{what} not found: {path}") from None
    except OSError as exc:
        raise UserError(f"cannot read {what} {path}: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise UserError(f"{what} {path} is not UTF-8 text ({exc.reason})") from None


def read_user_json(path: Path, what: str) -> Any:
    try:
        return json.loads(read_user_text(path, what))
    except json.JSONDecodeError as exc:
        raise UserError(f"{what} {path} is not valid JSON: {exc}") from None
