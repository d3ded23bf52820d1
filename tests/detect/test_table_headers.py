"""Reading header cells: camel-case column names of directory and PSA exports ("UserPrincipalName",
"PasswordNeverExpires") read word by word, abbreviated and qualified password headers ("P/W", "Enable
Secret") — so the column below is reported, and audit exports of password flags stay quiet."""

from __future__ import annotations

import pytest

from credscan.detect.engine import DetectionEngine
from credscan.detect.vocabulary import vocabulary
from tests.support.detect_helpers import secrets, table


@pytest.mark.parametrize(
    ("cell", "kind"),
    [
        ("UserPrincipalName", "user"),
        ("DisplayName", "system"),
        ("UsageLocation", "other"),
        ("PasswordNeverExpires", "negative"),
        ("Password", "password"),
        # a camel-case value never becomes a password label, so it stays a value
        ("BluePass", ""),
        ("passwordProfile", ""),
        ("WinterIsComing", ""),
    ],
)
def test_camel_case_cells_are_read_word_by_word(cell: str, kind: str) -> None:
    assert vocabulary().header_kind(cell) == kind


def test_directory_export_with_camel_case_headers_is_a_password_column(engine: DetectionEngine) -> None:
    rows = [
        ["UserPrincipalName", "DisplayName", "Password", "UsageLocation", "Department"],
        ["jess.walker@contoso.com", "Jess Walker", "Harbour2024!", "AU", "Sales"],
        ["tom.nguyen@contoso.com", "Tom Nguyen", "Quokka-Yarra-17", "AU", "Sales"],
    ]
    found = table(engine, rows)
    assert secrets(found) == {"Harbour2024!", "Quokka-Yarra-17"}  # not the header "UsageLocation"
    assert {c.rule_id for c in found} == {"password.table-column"}
    account = next(c.account for c in found if c.secret == "Harbour2024!")
    assert account is not None and "jess.walker@contoso.com" in account


def test_directory_template_with_empty_password_column_is_clean(engine: DetectionEngine) -> None:
    rows = [
        ["UserPrincipalName", "DisplayName", "Password", "UsageLocation"],
        ["jess.walker@contoso.com", "Jess Walker", "", "US"],
        ["tom.nguyen@contoso.com", "Tom Nguyen", "", "US"],
    ]
    assert table(engine, rows) == []


def test_camel_case_password_beside_a_label_is_still_found(engine: DetectionEngine) -> None:
    assert secrets(table(engine, [["Password", "BlueSkyMorning"]])) == {"BlueSkyMorning"}


def test_audit_export_of_password_never_expires_is_clean(engine: DetectionEngine) -> None:
    rows = [
        ["SamAccountName", "Enabled", "PasswordNeverExpires", "PasswordLastSet"],
        ["svc_backup", "True", "True", "12/02/2019 09:14"],
    ]
    assert table(engine, rows) == []


def test_p_slash_w_column(engine: DetectionEngine) -> None:
    rows = [["Device", "User", "P/W"], ["BT Hub", "admin", "Thames2625&"]]
    assert secrets(table(engine, rows, "kit.xlsx")) == {"Thames2625&"}


def test_enable_secret_column(engine: DetectionEngine) -> None:
    rows = [["Device", "Enable Secret"], ["Core SW", "Kq7#mX2pLw9"], ["Edge SW", "(in vault)"]]
    assert secrets(table(engine, rows, "switches.xlsx")) == {"Kq7#mX2pLw9"}
