"""Account and password written as a pair: "user - password", "user / password", "login account /
password", built-in admin and "sa" logins, a mailbox with its password — and the pairs of words, roles,
paths, licences and phone numbers that only look like one."""

from __future__ import annotations

import pytest

from credscan.detect.engine import DetectionEngine
from tests.support.detect_helpers import secrets, text


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
def test_user_password_pairs_are_split(engine: DetectionEngine, body: str, account: str, secret: str) -> None:
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


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("Notariatsportal – login e.peeters / Krakow?pierogi74", {"Krakow?pierogi74"}),
        ("Lohnportal: Logon lohn.admin / Y3v6y#sjB6f2RsDL", {"Y3v6y#sjB6f2RsDL"}),
        # a login page, an SSO note or a masked value is no password
        ("Login page / portal", set()),
        ("login via / SSO", set()),
        ("Login Office / Teams", set()),
        ("Login jdoe / ********", set()),
        # without blanks around the slash it is a path or a pair other rules judge
        ("login e.peeters/Krakow", set()),
    ],
)
def test_login_account_slash_password_without_colon(
    engine: DetectionEngine, line: str, found: set[str]
) -> None:
    assert secrets(text(engine, f"Partnernotizen\n{line}\n")) == found


def test_login_pair_names_the_account(engine: DetectionEngine) -> None:
    (candidate,) = text(engine, "Portal – login e.peeters / Krakow?pierogi74\n")
    assert candidate.account == "e.peeters"


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
