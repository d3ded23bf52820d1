"""What a rule is: the compiled record every detector reads (credscan.detect.rules loads packs into it).

Its own module so that the pack loaders (credscan.detect.rules for TOML, credscan.detect.vendored for
Nosey Parker's YAML) and the detectors all import the record without importing each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, TypeAlias, get_args

from credscan.model import Category, FileKind, Severity

Scope: TypeAlias = Literal["text", "file", "table"]
"""text: a pattern over lines; file: a file's name, kind or magic bytes; table: a table detector."""
SCOPES: tuple[Scope, ...] = get_args(Scope)
Layout: TypeAlias = Literal["columns", "key-value", "export"]
"""scope="table" rules: the vocabulary column detector, the label/value detector, or an export header."""
LAYOUTS: tuple[Layout, ...] = get_args(Layout)
SINGLE_RULE_LAYOUTS: tuple[Layout, ...] = ("columns", "key-value")
"""Layouts read by one detector through one rule: a second rule of such a layout would load and never run,
so loading one is an error (credscan.detect.rules.RuleSet)."""


@dataclass(frozen=True)
class Rule:
    """One compiled rule of a pack (credscan.detect.rules parses and checks it)."""

    id: str
    name: str
    category: Category
    severity: Severity
    confidence: float = 0.8
    scope: Scope = "text"
    keywords: tuple[str, ...] = ()
    pattern: re.Pattern[str] | None = None
    file_names: tuple[str, ...] = ()
    exclude_file_names: tuple[str, ...] = ()
    kinds: tuple[FileKind, ...] = ()
    magic: bytes | None = None
    decoder: str | None = None
    validators: tuple[str, ...] = ()
    remediation: str = ""
    examples: tuple[str, ...] = ()
    negative_examples: tuple[str, ...] = ()
    # optional extensions
    clean_secret: bool = False
    """Strip surrounding quotes and sentence punctuation from the secret (prose rules)."""
    layout: Layout | None = None
    """scope="table": which table detector reads the rule (required there, None elsewhere)."""
    headers: tuple[str, ...] = ()
    """layout="export": normalised header cells that must all be present in one row."""
    secret_column: str = ""
    """layout="export": the header of the password column."""
    account_columns: tuple[str, ...] = ()
    """layout="export": headers whose cells name the account (user first, then system)."""
    skip_filters: tuple[str, ...] = ()
    """Names in credscan.detect.filters.FILTERS that do not apply to this rule."""
    claims_line: bool = False
    """A format-specific rule (net use, WinSCP, VNC …) whose match makes the plaintext-password rules skip
    that line: they would report the still-encoded value or a neighbouring token."""
    source: str = ""
    """The pack file the rule came from (for messages)."""
