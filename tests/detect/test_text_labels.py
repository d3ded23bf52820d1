"""A password after a label in running text: arrows and "=>", a time adverb or a bracket after "is",
typo and abbreviated labels ("Pasword", "P/W", "PW-", "ww"), markup and entities around a value, a value
after a system name between label and colon, ticket-note phrasings in several languages — each beside the
look-alikes: vault references, imperatives, identity services, status words, policies and notes."""

from __future__ import annotations

import pytest

from credscan.detect.engine import DetectionEngine
from tests.support.detect_helpers import secrets, text


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
def test_vault_references_and_imperatives_after_a_label(engine: DetectionEngine, body: str) -> None:
    assert text(engine, body) == []


@pytest.mark.parametrize(
    ("body", "secret"),
    [
        ("Benutzer: empfang\nPasword: S0mm3r$44\n", "S0mm3r$44"),
        ("Paswort: Hafen-brezel-84", "Hafen-brezel-84"),
        ("<div class='body'>Benutzer buchhaltung@firma.de<br>PW: FYKW_EM8rT68</div></div>", "FYKW_EM8rT68"),
        ("<p>Kennwort: Fu&amp;ball2024</p>", "Fu&ball2024"),
        ("Unlocked account, reset password to Tulpe-brezel-98 and told user by phone", "Tulpe-brezel-98"),
        ("DC01 local admin: .\\administrator / Kq7#mX2pLw", "Kq7#mX2pLw"),
        ("• Router: admin – Hafen-brezel-84", "Hafen-brezel-84"),
        ("Draytek router web UI: admin, pass Kaffee2020$", "Kaffee2020$"),
        ("Kennwort Sub-Admin: Tulp3$14", "Tulp3$14"),
        (
            "Das interne WLAN heißt 'ARCH-5G', der Schlüssel dafür ist Nordwind-brezel-48.",
            "Nordwind-brezel-48",
        ),
    ],
)
def test_typos_markup_entities_and_sentences_after_a_label(
    engine: DetectionEngine, body: str, secret: str
) -> None:
    assert secrets(text(engine, body)) == {secret}


@pytest.mark.parametrize(
    "body",
    [
        "Öffnungszeiten: Mo-Fr 8-18, Sa – 9-12Uhr",
        "Zuständig: Admin – IT-Leitung",
        "Kennwort Sub-Admin: wird nachgereicht",
        "reset password to default",
        "Das Gäste-WLAN heißt Gast, der Schlüssel dafür ist am Empfang erhältlich.",
        "<p>Das Kennwort hängt am Empfang aus.</p>",
    ],
)
def test_opening_hours_roles_and_notes_are_no_values(engine: DetectionEngine, body: str) -> None:
    assert text(engine, body) == []


@pytest.mark.parametrize(
    ("line", "secret", "rule"),
    [
        ("P/W: Harbour2024!", "Harbour2024!", "password.labelled"),
        ("PW- Wattle#2291", "Wattle#2291", "password.labelled"),
        ("sqlcmd -S sql01 -U sa -P Harbour2024! -i restore.sql", "Harbour2024!", "config.sqlcmd-password"),
        ("mysqldump -u root -pWattle#2291 --all-databases", "Wattle#2291", "config.mysql-cli-password"),
    ],
)
def test_abbreviated_labels_and_sql_command_lines(
    engine: DetectionEngine, line: str, secret: str, rule: str
) -> None:
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
        "mysql -h db01 -P3306 -u app -p crm",
        'sqlcmd -S sql01 -E -p 1 -Q "SELECT 1"',
    ],
)
def test_identity_services_and_contractions_are_no_values(engine: DetectionEngine, line: str) -> None:
    assert text(engine, f"Notes\n{line}\n") == []


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
    "line",
    [
        "Administrator adgangskode: opbevares i 1Password",
        "Router kodeord: gemt i Keeper",
        "Lösenord: förvaras i kassaskåpet",
        "la tua password del portale fornitori è scaduta. Clicca su 'Password dimenticata'.",
        "La password è obbligatoria.",
    ],
)
def test_nordic_and_italian_notes_are_no_password(engine: DetectionEngine, line: str) -> None:
    assert secrets(text(engine, f"IT\n{line}\n")) == set()


@pytest.mark.parametrize(
    ("line", "secret"),
    [
        # a one-letter word only continues a sentence when more follows it
        ("Adgangskode: Fjord2024! i skuffen", "Fjord2024!"),
        ("la password è Gelato@sachertorte2", "Gelato@sachertorte2"),
        ("Adgangskode: Kanelbulle", "Kanelbulle"),
    ],
)
def test_real_values_next_to_those_notes_are_kept(engine: DetectionEngine, line: str, secret: str) -> None:
    assert secrets(text(engine, f"IT\n{line}\n")) == {secret}


def test_system_name_between_credentials_label_and_colon(engine: DetectionEngine) -> None:
    found = text(engine, "Zugang Switch: manager / S.9TWiB7Ey64nCMM")
    assert secrets(found) == {"S.9TWiB7Ey64nCMM"}
    assert found[0].account == "manager"
    dump = (
        "[*] Dumping Domain Credentials (domain\\uid:rid:lmhash:nthash)\nCORP\\jdoe:1106:aad3b435:31d6cf:::"
    )
    assert not text(engine, dump)


def test_dutch_ww_label(engine: DetectionEngine) -> None:
    assert secrets(text(engine, "gebruiker: beheer\nww: Apfelbaum?Schnee63")) == {"Apfelbaum?Schnee63"}
