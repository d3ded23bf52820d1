"""Detection behaviour added after blind corpus K (corpus_k): Wi-Fi keys named after the network,
"user - password" and "admin -> password" pairs, combined "Benutzer/Kennwort" labels, a time adverb and a
bracketed value after "ist", "=>" labels, cmd "$literal" passwords, config rules that claim their line —
and the look-alikes that came with them (a port under an "Access" column, "Standard (Hersteller)", a PUK
header, a locked-password ticket category, a vault CLI, an import template, a French imperative, a URL's
colon after a password word, "Office 365")."""

from __future__ import annotations

import pytest

from credscan.detect import decoders as d
from credscan.detect import validators as v
from credscan.detect.engine import DetectionEngine
from tests.support.detect_helpers import secrets, table, text

# -- Wi-Fi handouts ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "secret"),
    [
        ("Gäste-WLAN\nSSID: Gast-3\nSchlüssel: Kaffee-sonne11$\nBitte nicht weitergeben.", "Kaffee-sonne11$"),
        ("WiFi for visitors\nNetwork: Visitors\nKey: Q&4U577GDpP0", "Q&4U577GDpP0"),
        ("Wi-Fi: Guest-Net, pass aVK7+XZqaG94qq0", "aVK7+XZqaG94qq0"),
        ("WLAN Lager: SSID Lager-5G, Schlüssel SfjL#J2JweZVzb3", "SfjL#J2JweZVzb3"),
        ("Réseau Wi-Fi invités\nSSID : Invites\nClé WPA : Estate2023?", "Estate2023?"),
    ],
)
def test_wifi_key_after_network_name(engine: DetectionEngine, body: str, secret: str) -> None:
    assert secrets(text(engine, body)) == {secret}


@pytest.mark.parametrize(
    "body",
    [
        "Gäste-WLAN\nSSID: Gast\nDen Schlüssel erhalten Sie am Empfang.",
        "WLAN-Schlüssel: wird täglich gewechselt",
        "Wi-Fi: Guest-Net, pass holders only",
        "Network: 10.0.0.0/24\nAPI key: see vault",
        "Netzwerkschrank im Keller\nSchlüssel: beim Hausmeister",
    ],
)
def test_wifi_notes_are_no_keys(engine: DetectionEngine, body: str) -> None:
    assert text(engine, body) == []


# -- pairs and labels ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "account", "secret"),
    [
        ("Zugang: j.huber - Soleil-sommer11@", "j.huber", "Soleil-sommer11@"),
        ("Zugangsdaten Lieferantenportal: a.rossi - Kaffee2023*", "a.rossi", "Kaffee2023*"),
        ("Benutzer/Kennwort: p.costa/qPtNa#X2weTTL9", "p.costa", "qPtNa#X2weTTL9"),
        ("Benutzer / Kennwort: p.costa / qPtNa#X2weTTL9", "p.costa", "qPtNa#X2weTTL9"),
        ("Login/PW: admin/Xk9#mQ2p", "admin", "Xk9#mQ2p"),
    ],
)
def test_pairs_are_split(engine: DetectionEngine, body: str, account: str, secret: str) -> None:
    found = text(engine, body)
    assert secrets(found) == {secret}  # never also the unsplit "user/password"
    assert found[0].account is not None and account in found[0].account


@pytest.mark.parametrize(
    "body",
    ["Login: Admin / Office 365", "Zugang: Fernwartung - TeamViewer", "Zugang: Kunde - Lieferant"],
)
def test_pairs_of_words_are_language(engine: DetectionEngine, body: str) -> None:
    assert text(engine, body) == []


@pytest.mark.parametrize(
    ("body", "secret"),
    [
        ("Login => m.x\nPasswort => Bienvenue2025?", "Bienvenue2025?"),
        ("Router admin -> Kaffee-sonne11$", "Kaffee-sonne11$"),
        ("ESXi root => T451+Leuchtturmq", "T451+Leuchtturmq"),
        (
            "das Passwort für den Scan-Benutzer ist jetzt (PjBjD7W?KQWbC98), der Name bleibt m.schmid.",
            "PjBjD7W?KQWbC98",
        ),
        ("Le mot de passe est maintenant Ch@mbre42", "Ch@mbre42"),
        ("The scanner logs on as scan_user (password: Herbst2020$).", "Herbst2020$"),
    ],
)
def test_arrows_adverbs_and_brackets(engine: DetectionEngine, body: str, secret: str) -> None:
    assert secrets(text(engine, body)) == {secret}


@pytest.mark.parametrize(
    "body",
    [
        "Byt lösenord via https://sspr.example.se",
        "Confirmer le mot de passe : ressaisissez-le.",
        "Passwort: siehe Tresor (Ordner Kunden)",
        'export DB_PASSWORD="$(vault kv get -field=password secret/app/db)"',
        "Kennwort: (in vault)",
    ],
)
def test_prose_look_alikes(engine: DetectionEngine, body: str) -> None:
    assert text(engine, body) == []


def test_bracketed_value_needs_a_digit_and_no_blanks() -> None:
    from credscan.detect.prose import clean_secret

    assert clean_secret("(PjBjD7W?KQWbC98),")[0] == "PjBjD7W?KQWbC98"
    assert clean_secret("(KeePass)")[0] == "(KeePass)"
    assert clean_secret("(in vault)")[0] == "(in vault)"


# -- cmd and config files ------------------------------------------------------------------------------


def test_net_use_password_is_not_followed_by_the_account(engine: DetectionEngine) -> None:
    found = text(engine, "net use Z: \\\\srv\\share Sh4re!Pass /user:CORP\\svc_backup\n", "map.bat")
    assert secrets(found) == {"Sh4re!Pass"}


@pytest.mark.parametrize("name", ["task.cmd", "task.bat", "notes.txt"])
def test_cmd_dollar_literal(engine: DetectionEngine, name: str) -> None:
    line = "schtasks /create /tn B /tr x.cmd /sc daily /ru CORP\\svc_backup /rp $Thunder3112\n"
    assert secrets(text(engine, line, name)) == {"$Thunder3112"}


def test_cmd_value_keeps_variables() -> None:
    assert d.cmd_value("$Thunder3112") == "$Thunder3112"
    assert d.cmd_value("$Backup!2024") == "$Backup!2024"
    assert d.cmd_value("$Password") is None  # a PowerShell variable
    assert d.cmd_value("%PASS%") is None


def test_winscp_value_is_reported_decoded_only(engine: DetectionEngine) -> None:
    body = (
        "[Sessions\\backup@files.example.com]\nHostName=files.example.com\nUserName=backup\n"
        "Password=A35C7E5E06063E3D3F37292C3A3530392F7239243D312C3039723F33311E372C7D0F3F2C6E6C6E686F6F"
        "6F6F6F6F6F6F6F6F\nPortNumber=22\n"
    )
    found = text(engine, body, "WinSCP.ini")
    assert {c.rule_id for c in found} == {"config.winscp-password"}
    assert secrets(found) == {"Bkp!Scp2024"}


# -- tables --------------------------------------------------------------------------------------------


def test_access_column_with_port_is_no_credential(engine: DetectionEngine) -> None:
    rows = [
        ["Gerät", "IP", "Zugang", "Kennwort"],
        ["Firewall", "192.168.1.1", "HTTPS 4444", "siehe Passwortsafe"],
        ["USV", "192.168.1.3", "Web", "Standard (Hersteller)"],
        ["NAS", "192.168.1.4", "admin / Nas!2024x", ""],
    ]
    assert secrets(table(engine, rows)) == {"Nas!2024x"}


def test_pin_and_puk_columns(engine: DetectionEngine) -> None:
    rows = [
        ["Mitarbeiter", "Handy", "SIM", "PIN", "PUK"],
        ["Anna Huber", "iPhone 13", "89498425543610", "6027", "47340567"],
    ]
    assert secrets(table(engine, rows)) == {"6027", "47340567"}


def test_locked_password_category_is_no_label(engine: DetectionEngine) -> None:
    rows = [["Ticket", "Betreff", "Kategorie"], ["#40001", "Mot de passe bloqué", "Benutzerkonto"]]
    assert table(engine, rows) == []


def test_export_template_row_is_no_password(engine: DetectionEngine) -> None:
    rows = [
        ["name", "url", "username", "password", "note"],
        ["Example", "https://example.com", "user@example.com", "<password>", "replace this row"],
        ["Shop", "https://shop.example.com", "jdoe", "Sh0p!2024", ""],
    ]
    assert secrets(table(engine, rows, "chrome.csv")) == {"Sh0p!2024"}


def test_masked_value_with_a_remark() -> None:
    assert not v.not_masked("Standard (Hersteller)")
    assert not v.not_masked("siehe Keeper (Ordner Kunden)")
    assert v.not_masked("Sommer (2024)!")


def test_hyphenated_prose_word() -> None:
    assert not v.not_prose_word("ressaisissez-le")
    assert not v.not_prose_word("mot-de-passe")
    assert v.not_prose_word("sommer-wiese")
    assert v.not_prose_word("Kaffee-sonne11$")
