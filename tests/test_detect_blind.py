"""Detection behaviour added after the blind corpus (tests/accuracy/corpus_blind): passphrases of plain words,
system names between a credentials label and its colon, built-in admin "name / password" pairs, Cisco IOS
plain-text passwords, the Dutch "ww", WPA2 key labels, XML/JSON-escaped export values — and the look-alikes
that came with them (a test sheet's "Pass" column, ticket subjects, policy flags, $variables, public
tokens)."""

from __future__ import annotations

import pytest

from credscan.detect import decoders as d
from credscan.detect import validators as v
from credscan.detect.engine import DetectionEngine
from credscan.detect.filters import FilterInput, public_value
from tests.support.detect_helpers import secrets, table, text

# -- passphrases ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["rote katze tanzt leise", "violin pepper garden", "Maison Verte Violon"])
def test_plain_word_passphrases_are_passwords(value: str) -> None:
    assert v.is_passphrase(value)
    assert v.looks_like_password(value, numeric_ok=True)


@pytest.mark.parametrize(
    "value",
    [
        "ask Tom",  # two words: a note
        "Frau Meier fragen",  # a verb of asking
        "liegt versiegelt beim Chef",  # stopword
        "Keeper Clients ACME",  # a vault name
        "Kunde kennt Passwort",  # a header word
        "Ja, Keeper",  # punctuation
        "one two three four five six",  # too many words
        "Kundin ruft zurück",  # a sentence's mixed case
        "Chef weiß Bescheid",
    ],
)
def test_notes_are_not_passphrases(value: str) -> None:
    assert not v.is_passphrase(value)
    assert not v.looks_like_password(value, numeric_ok=True)


@pytest.mark.parametrize(
    "value",
    ["Tresor", "Passwortsafe", "safe", "coffre-fort", "bekannt", "pendiente", "TBC"],
)
def test_vault_and_pending_words_are_no_passwords(value: str) -> None:
    assert not v.looks_like_password(value, numeric_ok=True)


def test_passphrase_column_and_label(engine: DetectionEngine) -> None:
    rows = [
        ["Benutzer", "Abteilung", "Passwort (Passphrase)"],
        ["jdoe", "Lager", "rote katze tanzt leise"],
        ["mmax", "Lager", "Frau Meier fragen"],
    ]
    assert secrets(table(engine, rows)) == {"rote katze tanzt leise"}
    grid = [["WLAN", ""], ["SSID", "HUBER"], ["WPA2-Schlüssel", "river wolke blue"]]
    assert secrets(table(engine, grid)) == {"river wolke blue"}


def test_passphrase_after_a_label_in_text(engine: DetectionEngine) -> None:
    body = (
        "WLAN für Mitarbeitende\nNetzwerk: OFFICE-5G\nPasswort: maison wolke horse lamp\nNicht weitergeben."
    )
    assert secrets(text(engine, body)) == {"maison wolke horse lamp"}
    for note in ("Passwort: erhalten Sie an der Rezeption", "Password: ask the client", "Password: Tresor"):
        assert not text(engine, note), note


# -- labels and pairs -------------------------------------------------------------------------------------


def test_system_name_between_credentials_label_and_colon(engine: DetectionEngine) -> None:
    found = text(engine, "Zugang Switch: manager / S.9TWiB7Ey64nCMM")
    assert secrets(found) == {"S.9TWiB7Ey64nCMM"}
    assert found[0].account == "manager"
    dump = (
        "[*] Dumping Domain Credentials (domain\\uid:rid:lmhash:nthash)\nCORP\\jdoe:1106:aad3b435:31d6cf:::"
    )
    assert not text(engine, dump)


def test_builtin_admin_pair_without_password_word(engine: DetectionEngine) -> None:
    found = text(engine, "Web-Oberfläche: https://192.168.36.22  Admin / #Winter9625")
    assert secrets(found) == {"#Winter9625"}
    assert secrets(text(engine, "SQL: sa/Sql!Server2019")) == {"Sql!Server2019"}
    for body in (
        "Abteilung: Admin / Buchhaltung",
        "https://nas.local/admin/settings.php?id=42",
        "Verantwortlich: Admin / IT-Leitung",
        "root / 192.168.1.1",
        "Rolle: Administrator/Kassierer01",
        "Instanz: sa/SQLEXPRESS2019",
    ):
        assert not text(engine, body), body


def test_dutch_ww_label(engine: DetectionEngine) -> None:
    assert secrets(text(engine, "gebruiker: beheer\nww: Apfelbaum?Schnee63")) == {"Apfelbaum?Schnee63"}


def test_powershell_variable_is_not_a_password_label(engine: DetectionEngine) -> None:
    body = "$password = $env:SQL_PW\n$secure = ConvertTo-SecureString $password -AsPlainText -Force\n"
    assert not text(engine, body, "Backup-Sql.ps1")


# -- look-alikes in tables ----------------------------------------------------------------------------------


def test_pass_column_of_a_test_sheet_is_no_label(engine: DetectionEngine) -> None:
    rows = [
        ["Test case", "Step", "Expected", "Pass", "Tester"],
        ["TC-001", "Login with valid password", "as specified", "Pass", "jweber"],
        ["TC-002", "Reset password via portal", "as specified", "Passed", "lnowak"],
    ]
    assert not table(engine, rows)
    assert secrets(table(engine, [["Pass:", "Xk9#mQ2p!"]])) == {"Xk9#mQ2p!"}  # an explicit label still counts


def test_ticket_subject_about_a_password_is_no_label(engine: DetectionEngine) -> None:
    rows = [
        ["Ticket", "Datum", "Kunde", "Betreff", "Status"],
        ["20411", "03.04.2024", "Autohaus Keller", "PW vergessen – jdoe entsperrt", "geschlossen"],
        ["20412", "03.04.2024", "Autohaus Keller", "Password reset for user mweber", "closed"],
    ]
    assert not table(engine, rows)


# -- configuration files -----------------------------------------------------------------------------------


def test_cisco_plain_text_passwords(engine: DetectionEngine) -> None:
    config = (
        "hostname SW-CORE-01\nenable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0\n"
        "username admin privilege 15 password 0 River_Tiger32\nusername old password 7 0822455D0A16\n"
        "line vty 0 4\n password Vty!Access9\n login local\n"
    )
    # type 7 is reversible: reported decoded (config.cisco-type7); the type 5 "secret" is a hash
    assert secrets(text(engine, config, "SW-CORE-01.cfg")) == {"River_Tiger32", "Vty!Access9", "cisco"}


def test_policy_flags_are_not_passwords(engine: DetectionEngine) -> None:
    inf = "[System Access]\nMinimumPasswordLength = 14\nPasswordComplexity = 1\nClearTextPassword = 0\n"
    assert not text(engine, inf, "GptTmpl.inf")
    assert not text(engine, "Pass: 3 von 4 Tests")


def test_public_key_token_is_public(engine: DetectionEngine) -> None:
    xml = '<component name="Microsoft-Windows-Shell-Setup" publicKeyToken="31bf3856ad364e35" language="x">'
    assert not text(engine, xml, "unattend.xml")
    item = FilterInput(secret="31bf3856ad364e35", line=xml, prefix=xml[: xml.index("Token")], file_name="x")
    assert public_value(item)


# -- escaped values ------------------------------------------------------------------------------------------


def test_xml_and_json_values_are_unescaped(engine: DetectionEngine) -> None:
    keepass = (
        "<KeePassFile><Root><Group><Entry><String><Key>Title</Key><Value>vCenter</Value></String>"
        '<String><Key>Password</Key><Value ProtectInMemory="True">Fu&amp;ball&#33;639</Value></String>'
        "</Entry></Group></Root></KeePassFile>"
    )
    assert secrets(text(engine, keepass, "KeePass Export.xml")) == {"Fu&ball!639"}
    unattend = (
        '<unattend xmlns="urn:schemas-microsoft-com:unattend"><AutoLogon><Password>'
        "<Value>Anker&amp;Summer77</Value><PlainText>true</PlainText></Password></AutoLogon></unattend>"
    )
    assert secrets(text(engine, unattend, "unattend.xml")) == {"Anker&Summer77"}
    bitwarden = '{"items": [{"type": 1, "login": {"username": "jdoe", "password": "Gl\\u00fcck+257"}}]}'
    assert secrets(text(engine, bitwarden, "bitwarden_export.json")) == {"Glück+257"}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("a&amp;b", "a&b"), ("&lt;x&gt;", "<x>"), ("&#x41;&#66;", "AB"), ("&nbsp;", "&nbsp;"), ("&#0;", "&#0;")],
)
def test_xml_text_decoder(raw: str, expected: str) -> None:
    assert d.xml_text(raw) == expected


def test_json_string_decoder_never_raises() -> None:
    assert d.json_string('a\\"b') == 'a"b'
    assert d.json_string("bad\\x") is None
    assert d.json_string("   ") is None
    assert d.json_string("x\\ud800y") is None  # a lone surrogate cannot be printed or logged
    assert d.xml_text("a&#xD800;b") == "a&#xD800;b"
    assert d.config_value('"a\\ud800b"') == "a\\ud800b"
    assert d.config_value('"Gl\\u00fcck+257"') == "Glück+257"
