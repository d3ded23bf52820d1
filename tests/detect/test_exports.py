"""Exports and import templates: the Entra ID bulk-create users template reports its initial passwords,
an empty template and a placeholder row of a browser import template report nothing."""

from __future__ import annotations

from credscan.detect.engine import DetectionEngine
from tests.support.detect_helpers import secrets, table

_ENTRA = [
    "Name [displayName] Required",
    "User name [userPrincipalName] Required",
    "Initial password [passwordProfile] Required",
    "Block sign in (Yes/No) [accountEnabled] Required",
]


def test_export_template_row_is_no_password(engine: DetectionEngine) -> None:
    rows = [
        ["name", "url", "username", "password", "note"],
        ["Example", "https://example.com", "user@example.com", "<password>", "replace this row"],
        ["Shop", "https://shop.example.com", "jdoe", "Sh0p!2024", ""],
    ]
    assert secrets(table(engine, rows, "chrome.csv")) == {"Sh0p!2024"}


def test_entra_bulk_create_template_reports_initial_passwords(engine: DetectionEngine) -> None:
    rows = [["version:v1.0", "", "", ""], _ENTRA, ["Jess Walker", "jess@contoso.com", "Wattle#2291", "No"]]
    (found,) = table(engine, rows)
    assert found.rule_id == "password.entra-bulk-create-csv" and found.secret == "Wattle#2291"
    assert found.account is not None and "jess@contoso.com" in found.account


def test_empty_entra_bulk_create_template_is_clean(engine: DetectionEngine) -> None:
    assert table(engine, [_ENTRA, ["Jess Walker", "jess@contoso.com", "", "No"]]) == []
