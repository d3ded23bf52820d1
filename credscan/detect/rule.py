"""What a rule is: the compiled record every detector reads (credscan.detect.rules loads packs into it).

Its own module so that the pack loaders (credscan.detect.rules for TOML, credscan.detect.vendored for
Nosey Parker's YAML) and the detectors all import the record without importing each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, TypeAlias, get_args

from credscan.model import Category, FileKind, Severity

Scope: TypeAlias = Literal["text", "file", "table", "derived"]
"""text: a pattern over lines; file: a file's name, kind or magic bytes; table: a table detector; derived:
no detector of its own, other rules report under it what they found (a default password,
credscan.detect.defaults)."""
SCOPES: tuple[Scope, ...] = get_args(Scope)
Layout: TypeAlias = Literal["columns", "key-value", "export"]
"""scope="table" rules: the vocabulary column detector, the label/value detector, or an export header."""
LAYOUTS: tuple[Layout, ...] = get_args(Layout)
SINGLE_RULE_LAYOUTS: tuple[Layout, ...] = ("columns", "key-value")
"""Layouts read by one detector through one rule: a second rule of such a layout would load and never run,
so loading one is an error (credscan.detect.rules.RuleSet)."""


DecoderName: TypeAlias = Literal[
    "plain_value",
    "cmd_value",
    "xml_text",
    "xml_value",
    "json_string",
    "unquoted_value",
    "config_value",
    "config_literal",
    "markup_config_value",
    "gpp_cpassword",
    "unattend_administrator_password",
    "unattend_password",
    "base64_text",
    "url_password",
    "basic_auth",
    "winscp_session",
    "vnc_password",
    "teamviewer_password",
    "mremoteng_password",
    "unencrypted_private_key",
    "base64_private_key",
    "pgp_private_key",
    "der_private_key",
    "cisco_type7",
    "mikrotik_value",
    "fortigate_value",
    "sql_string",
    "snmp_community",
]
"""A rule's ``decoder``: one line each in credscan.detect.decoders.DECODERS."""

ValidatorName: TypeAlias = Literal[
    "not_empty",
    "length_ok",
    "not_masked",
    "not_placeholder",
    "not_sentence",
    "not_date",
    "not_version",
    "bitlocker_recovery_key",
    "is_otp_seed",
    "not_year_or_phone",
    "not_number",
    "not_url_email_path",
    "not_vocabulary_word",
    "not_hash",
    "not_test_result",
    "not_code",
    "not_prose_word",
    "not_sentence_end",
    "not_markup",
    "not_plain_word",
    "not_cjk_text",
    "has_digit_and_letter",
    "is_passphrase",
    "balanced",
    "not_slug",
    "looks_like_password",
    "looks_like_prose_password",
    "random_token",
    "not_dummy_token",
    "has_key_body",
]
"""A rule's ``validators``: one line each in credscan.detect.validators.VALIDATORS."""

FilterName: TypeAlias = Literal[
    "in_a_manual",
    "test_result_line",
    "bug_reference",
    "not_a_value",
    "sentence_continues",
    "wrapped_sentence",
    "label_continues",
    "password_policy",
    "reset_notification",
    "documentation_example",
    "code_reads_password",
    "template_value",
    "default_password",
    "public_value",
    "code_expression",
    "test_fixture",
    "test_vector",
    "verb_sense",
    "ambiguous_word",
    "syntax_colon",
    "numeric_label",
    "inside_url",
    "example_credentials",
    "comment_banner",
    "label_through_address",
    "code_call",
    "label_in_a_name",
    "command_line",
    "label_word_in_a_name",
    "version_value",
    "account_is_a_word",
    "key_attribute",
    "substitution_command",
    "chain_of_names",
    "hash_in_a_document",
    "identifier_name",
    "hashed_by_name",
]
"""A rule's ``skip_filters``: one line each in credscan.detect.filters.FILTERS, which runs the filters in
this order."""


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
    decoder: DecoderName | None = None
    validators: tuple[ValidatorName, ...] = ()
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
    skip_filters: tuple[FilterName, ...] = ()
    """Names in credscan.detect.filters.FILTERS that do not apply to this rule."""
    claims_line: bool = False
    """A format-specific rule (net use, WinSCP, VNC …) whose match makes the plaintext-password rules skip
    that line: they would report the still-encoded value or a neighbouring token."""
    source: str = ""
    """The pack file the rule came from (for messages)."""
