"""Detection behaviour added after blind corpus L (corpus_l): a "Code" column beside a user column,
"alt: X / neu: Y" password cells, "s.o." / "dto." notes, typo labels ("Pasword:"), markup glued to a value
in HTML read as text, XML entities in a web.config connection string, admin pairs written with a dash, a
comma and "pass", or a ".\\" / domain prefix, "reset password to X" without an account, a Wi-Fi key named in
a sentence — and the look-alikes that came with them (licence keys under "Clave de licencia", a
"POSTGRES_PASSWORD_FILE:" key, "Kennwort Sub-Admin:" read as a value, "Sa – 9-12Uhr" opening hours)."""

from __future__ import annotations

import pytest

from credscan.detect.engine import DetectionEngine
from tests.support.detect_helpers import secrets, table, text

# -- tables --------------------------------------------------------------------------------------------


def test_code_column_beside_a_user_column_is_a_password_column(engine: DetectionEngine) -> None:
    rows = [
        ["Codes d'accès – Cabinet", "", "", ""],
        ["Logiciel", "Identifiant", "Code", "Remarque"],
        ["Sage", "compta1", "Wint3r$32", "poste 2"],
        ["Box", "admin", "LEU838z&", ""],
        ["Banque", "CAB7623", "4711", "un numéro client, pas un code"],
    ]
    assert secrets(table(engine, rows)) == {"Wint3r$32", "LEU838z&"}


@pytest.mark.parametrize(
    "rows",
    [
        [["Produit", "Code", "Prix"], ["Stylo", "ST-2024x", "3,50"]],  # no user column: a product code
        [["Mitarbeiter", "Benutzer", "Code postal"], ["Anna", "aweber", "75001"]],
        [["Kunde", "Login", "Code"], ["Müller", "mueller", "40213"]],  # a bare number under "Code"
    ],
)
def test_code_column_without_user_column_or_with_numbers_is_no_password(
    engine: DetectionEngine, rows: list[list[str]]
) -> None:
    assert table(engine, rows) == []


def test_old_and_new_password_in_one_cell_are_both_reported(engine: DetectionEngine) -> None:
    rows = [
        ["Was", "Wer", "Login", "Passwort", "Seit"],
        ["Router", "IT", "admin", "alt: Sommer2019! / neu: Falke-zahnrad-50", "05.2024"],
        ["NAS", "IT", "admin", "old: Xk9#mQ2p, new: Tulp3$14", ""],
        ["Labor", "ZFA", "labor", "s.o.", ""],
        ["Röntgen", "ZFA", "rx", "dto.", ""],
        ["Portal", "Chefin", "chefin", "wie oben", ""],
    ]
    assert secrets(table(engine, rows)) == {"Sommer2019!", "Falke-zahnrad-50", "Xk9#mQ2p", "Tulp3$14"}


def test_a_colon_in_a_password_is_not_read_as_old_and_new(engine: DetectionEngine) -> None:
    rows = [["System", "User", "Password"], ["NAS", "admin", "neu:Kq7#mX2p"]]
    assert secrets(table(engine, rows)) == {"neu:Kq7#mX2p"}


@pytest.mark.parametrize(
    "rows",
    [
        [
            ["Producto", "Clave de licencia", "Equipos"],
            ["Windows 11 Pro", "BCDFG-HJKMP-QRTVW-XY234-6789B", "3"],
        ],
        [["Product", "License key", "Seats"], ["Office", "BCDFG-HJKMP-QRTVW-XY234-6789B", "1"]],
        [["POSTGRES_PASSWORD_FILE:", "/run/secrets/db_password"], ["POSTGRES_USER:", "app"]],
    ],
)
def test_licence_keys_and_password_files_are_no_passwords(
    engine: DetectionEngine, rows: list[list[str]]
) -> None:
    assert table(engine, rows) == []


def test_yaml_password_file_key_is_no_text_table(engine: DetectionEngine) -> None:
    body = (
        "    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n      POSTGRES_USER: app\n"
    )
    assert text(engine, body, "docker-compose.yml") == []


# -- free text -----------------------------------------------------------------------------------------


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
def test_corpus_l_phrasings_are_found(engine: DetectionEngine, body: str, secret: str) -> None:
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
def test_corpus_l_look_alikes_are_not_found(engine: DetectionEngine, body: str) -> None:
    assert text(engine, body) == []


def test_web_config_entity_is_decoded_and_reported_once(engine: DetectionEngine) -> None:
    body = (
        '<add name="Wawi" connectionString="Data Source=SQL01;User ID=wawi_app;'
        'Password=BRE653a&amp;x;" providerName="System.Data.SqlClient"/>\n'
    )
    found = text(engine, body, "web.config")
    assert secrets(found) == {"BRE653a&x"}
    assert {c.rule_id for c in found} == {"config.connection-string-password"}


def test_a_lone_new_value_in_a_password_cell(engine: DetectionEngine) -> None:
    rows = [["Gerät", "Login", "Passwort"], ["Router", "admin", "neu: Winter2024!"]]
    assert secrets(table(engine, rows)) == {"Winter2024!"}


@pytest.mark.parametrize(
    ("body", "secret"),
    [
        ("Le code d'accès est Kq7#mX2pLw", "Kq7#mX2pLw"),
        ("Il codice di accesso è Rossi2019#", "Rossi2019#"),
        ("Código de acceso: Verano#2023", "Verano#2023"),
    ],
)
def test_access_code_in_a_sentence(engine: DetectionEngine, body: str, secret: str) -> None:
    assert secrets(text(engine, body)) == {secret}
