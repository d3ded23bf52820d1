"""Detection behaviour added after blind corpus M (corpus_m): camel-case column names of directory and
PSA exports ("UserPrincipalName,DisplayName,Password,UsageLocation") read as a header row, the Microsoft
Entra ID bulk-create users template, an OpenVPN profile with an inline <auth-user-pass> block, and site
codes in handover notes ("Alarm disarm code - X", "Door code: X") — with their look-alikes."""

from __future__ import annotations

import pytest

from credscan.detect.engine import DetectionEngine
from credscan.detect.vocabulary import vocabulary
from tests.support.detect_helpers import secrets, table, text

# -- camel-case column names -----------------------------------------------------------------------------


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


# -- Entra ID bulk create ---------------------------------------------------------------------------------

_ENTRA = [
    "Name [displayName] Required",
    "User name [userPrincipalName] Required",
    "Initial password [passwordProfile] Required",
    "Block sign in (Yes/No) [accountEnabled] Required",
]


def test_entra_bulk_create_template_reports_initial_passwords(engine: DetectionEngine) -> None:
    rows = [["version:v1.0", "", "", ""], _ENTRA, ["Jess Walker", "jess@contoso.com", "Wattle#2291", "No"]]
    (found,) = table(engine, rows)
    assert found.rule_id == "password.entra-bulk-create-csv" and found.secret == "Wattle#2291"
    assert found.account is not None and "jess@contoso.com" in found.account


def test_empty_entra_bulk_create_template_is_clean(engine: DetectionEngine) -> None:
    assert table(engine, [_ENTRA, ["Jess Walker", "jess@contoso.com", "", "No"]]) == []


# -- OpenVPN ---------------------------------------------------------------------------------------------


def test_openvpn_inline_auth_user_pass(engine: DetectionEngine) -> None:
    body = "client\r\nremote vpn.example.com 1194\r\n"
    body += "<auth-user-pass>\r\nvpnuser7\r\nS@gu@r0#4\r\n</auth-user-pass>"
    (found,) = text(engine, body, "site.ovpn")
    assert found.rule_id == "config.openvpn-inline-auth" and found.secret == "S@gu@r0#4"
    assert found.account == "vpnuser7"


def test_openvpn_prompting_profile_is_clean(engine: DetectionEngine) -> None:
    assert text(engine, "client\nauth-user-pass\nauth-nocache\n", "site.ovpn") == []


# -- site codes ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "secret"),
    [
        ("Alarm disarm code - 905255", "905255"),
        ("Alarm code: 4471", "4471"),
        ("Key safe code: 2580", "2580"),
        ("The gate code is 7741#", "7741#"),
    ],
)
def test_site_codes_in_notes(engine: DetectionEngine, line: str, secret: str) -> None:
    assert secrets(text(engine, f"Site access\n{line}\n")) == {secret}


@pytest.mark.parametrize(
    "line",
    [
        "Alarm code: ask the office manager (Karen) - not stored here.",
        "Door code: 1987",
        "Alarm monitoring: ADT, account no. in the contract folder.",
        "Door access: swipe card, request via facilities.",
    ],
)
def test_site_code_look_alikes(engine: DetectionEngine, line: str) -> None:
    assert text(engine, f"Site access\n{line}\n") == []


def test_alarm_code_column(engine: DetectionEngine) -> None:
    rows = [["Site", "Alarm code", "Notes"], ["Head office", "4471", ""], ["Depot", "905255", "back gate"]]
    assert secrets(table(engine, rows, "sites.xlsx")) == {"4471", "905255"}


# -- phrasing probes after corpus M: UK/AU abbreviations, Wi-Fi pairs, SQL command lines, services


@pytest.mark.parametrize(
    ("line", "secret", "rule"),
    [
        ("P/W: Harbour2024!", "Harbour2024!", "password.labelled"),
        ("PW- Wattle#2291", "Wattle#2291", "password.labelled"),
        ("SSID: BSD-Staff  Key: Kq7#mX2pLw9", "Kq7#mX2pLw9", "password.wifi-key"),
        ("SSID BSD-Staff / Key Kq7#mX2pLw9", "Kq7#mX2pLw9", "password.wifi-key"),
        ("sqlcmd -S sql01 -U sa -P Harbour2024! -i restore.sql", "Harbour2024!", "config.sqlcmd-password"),
        ("mysqldump -u root -pWattle#2291 --all-databases", "Wattle#2291", "config.mysql-cli-password"),
    ],
)
def test_english_msp_phrasings(engine: DetectionEngine, line: str, secret: str, rule: str) -> None:
    found = text(engine, f"Notes\n{line}\n")
    assert {(c.rule_id, c.secret) for c in found} == {(rule, secret)}


@pytest.mark.parametrize(
    "line",
    [
        "Password: user's choice",
        "Password: Okta",
        "PW: LAPS",
        "Password: O365",
        "Password- and account policies are in the handbook",
        "SSID: BSD-Guest  Key: ask reception",
        "mysql -h db01 -P3306 -u app -p crm",
        'sqlcmd -S sql01 -E -p 1 -Q "SELECT 1"',
    ],
)
def test_english_msp_look_alikes(engine: DetectionEngine, line: str) -> None:
    assert text(engine, f"Notes\n{line}\n") == []


def test_p_slash_w_column(engine: DetectionEngine) -> None:
    rows = [["Device", "User", "P/W"], ["BT Hub", "admin", "Thames2625&"]]
    assert secrets(table(engine, rows, "kit.xlsx")) == {"Thames2625&"}


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("SQL 'sa' login: Granite8019&", {"Granite8019&"}),
        ("root login: Kq7#mX2pLw", {"Kq7#mX2pLw"}),
        ("sa login: xnHpN#cDGzB", {"xnHpN#cDGzB"}),
        ("Admin login: svc_admin01", set()),
        ("Admin login: j.smith1", set()),
        ("Root login: disabled", set()),
    ],
)
def test_builtin_account_login_label(engine: DetectionEngine, line: str, found: set[str]) -> None:
    assert secrets(text(engine, f"SQL notes\n{line}\n")) == found


def test_quoted_compose_environment_item(engine: DetectionEngine) -> None:
    body = 'services:\n  db:\n    environment:\n      - "POSTGRES_PASSWORD=Quokka-Yarra-17"\n'
    assert secrets(text(engine, body, "docker-compose.yml")) == {"Quokka-Yarra-17"}
    body = 'services:\n  db:\n    environment:\n      - "POSTGRES_PASSWORD=${POSTGRES_PASSWORD}"\n'
    assert text(engine, body, "docker-compose.yml") == []


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("Office 365 admin - admin@contoso.com / Harbour2024!", {"Harbour2024!"}),
        ("Xero: accounts@client.com.au | Wattle#2291x", {"Wattle#2291x"}),
        ("Licence: jess@contoso.com / M365-E3", set()),
        ("Reception: front@contoso.com / 1300 123 456", set()),
        ("Mailbox: jess@contoso.com / Teams", set()),
        ("Alias: jess@contoso.com / j.walker@contoso.com", set()),
    ],
)
def test_mailbox_and_password_pair(engine: DetectionEngine, line: str, found: set[str]) -> None:
    assert secrets(text(engine, f"Accounts\n{line}\n")) == found


def test_voicemail_pin_column_of_a_phone_sheet(engine: DetectionEngine) -> None:
    rows = [["Staff", "Voicemail PIN", "Ext"], ["Jess Walker", "739215", "214"]]
    assert secrets(table(engine, rows, "phones.xlsx")) == {"739215"}


def test_enable_secret_column(engine: DetectionEngine) -> None:
    rows = [["Device", "Enable Secret"], ["Core SW", "Kq7#mX2pLw9"], ["Edge SW", "(in vault)"]]
    assert secrets(table(engine, rows, "switches.xlsx")) == {"Kq7#mX2pLw9"}


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("the password was changed to Harbour2024!", {"Harbour2024!"}),
        ("password updated to Wattle#2291", {"Wattle#2291"}),
        ("Phone unlock code: 739215", {"739215"}),
        ("Password updated to meet the new policy", set()),
        ("Password: They'll reset it on first login", set()),
    ],
)
def test_ticket_note_phrasings(engine: DetectionEngine, line: str, found: set[str]) -> None:
    assert secrets(text(engine, f"Ticket note\n{line}\n")) == found


@pytest.mark.parametrize(
    ("rows", "found"),
    [
        ([["SSID", "BSD-Staff"], ["Key", "Harbour2024!"]], {"Harbour2024!"}),
        ([["Guest SSID", "BSD-Guest"], ["Guest Key", "Wattle#2291"]], {"Wattle#2291"}),
        ([["Network", "BSD-Staff"], ["Security", "WPA2"], ["Key", "Kq7#mX2pLw9"]], {"Kq7#mX2pLw9"}),
        ([["Staff Wi-Fi name", "BSD"], ["Key", "Kq7#mX2pLw9"]], {"Kq7#mX2pLw9"}),
        # a "Key" under anything but a network label is a licence or product key
        ([["Network switch", "HP 1920"], ["Key", "WX3-99812"]], set()),
        ([["Licence", "Office 2021"], ["Key", "ABCDE-FGHIJ-KLMNO"]], set()),
        ([["SSID", "BSD-Staff"], ["Key", "ask reception"]], set()),
    ],
)
def test_wifi_key_row_below_a_network_label(
    engine: DetectionEngine, rows: list[list[str]], found: set[str]
) -> None:
    assert secrets(table(engine, rows, "handover.docx")) == found
