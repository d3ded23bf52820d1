"""Password columns, key/value layouts, credential pairs and exports in Tables."""

from __future__ import annotations

import time

import pytest

from credscan.detect.engine import DetectionEngine
from credscan.detect.interface import FileInfo
from credscan.detect.vocabulary import vocabulary
from credscan.model import Candidate, Table
from tests.support.detect_helpers import secrets, table


def detect(
    engine: DetectionEngine, rows: list[list[str]], name: str = "list.xlsx", **kw: object
) -> list[Candidate]:
    info = FileInfo(path=name, name=name, kind="xlsx", head=b"", size=0)
    return engine.detect_unit(info, Table(rows=rows, location={"sheet": "S"}, **kw))  # type: ignore[arg-type]


def test_offset_header_with_title_row(engine: DetectionEngine) -> None:
    rows = [
        ["Zugangsdaten 2024", "", "", ""],
        ["", "", "", ""],
        ["", "Kunde", "Benutzername", "Kennwort"],
        ["", "Acme", "admin", "Winter2024#"],
    ]
    (found,) = detect(engine, rows)
    assert found.rule_id == "password.table-column" and found.secret == "Winter2024#"
    assert found.location == {"sheet": "S", "cell": "D4", "row": 4, "column": 4}
    assert found.account == "admin @ Acme"
    assert found.context == "Kunde=Acme  Benutzername=admin  Kennwort=Wi********"
    assert "Winter2024#" not in found.context


def test_two_blocks_each_with_header(engine: DetectionEngine) -> None:
    rows = [["Servers", "", ""], ["Host", "User", "Password"], ["DC01", "administrator", "Dc!2024xx"],
            ["", "", ""],
            ["Network", "", ""], ["Device", "Login", "PW"], ["Switch", "admin", "Sw1tch!23"]]  # fmt: skip
    assert secrets(detect(engine, rows)) == {"Dc!2024xx", "Sw1tch!23"}


@pytest.mark.parametrize(
    "header",
    [
        "Password",
        "Kennwort",
        "Passwort",
        "Mot de passe",
        "MDP",
        "Contraseña",
        "Clave",
        "Wachtwoord",
        "Senha",
        "Lösenord",
        "Adgangskode",
        "Passord",
        "Salasana",
        "Hasło",
        "Heslo",
        "Admin PW",
        "Pwd",
        "Passcode",
        "WLAN-Schlüssel",
        "WiFi key",
        "PSK",
    ],
)
def test_password_headers_in_many_languages(engine: DetectionEngine, header: str) -> None:
    assert secrets(detect(engine, [["System", "User", header], ["NAS", "admin", "Gr33n!Forest"]])) == {
        "Gr33n!Forest"
    }


@pytest.mark.parametrize(
    "header",
    [
        "Password last changed",
        "Password expires",
        "Passwort geändert am",
        "Password policy",
        "Password hint",
        "Password set",
        "Password reset date",
        "Pass/Fail",
        "Passed",
        "Passport",
        "Lizenzschlüssel",
    ],
)
def test_header_negatives(engine: DetectionEngine, header: str) -> None:
    assert detect(engine, [["System", "User", header], ["NAS", "admin", "Gr33n!Forest"]]) == []


def test_pass_column_with_test_results_is_no_password_column(engine: DetectionEngine) -> None:
    rows = [["Test case", "Steps", "Pass"]] + [
        [f"TC{i}", "login", r] for i, r in enumerate(["Pass", "Fail", "OK", "TRUE", "✓"])
    ]
    assert detect(engine, rows) == []


def test_results_closed_by_a_full_stop_are_test_results(engine: DetectionEngine) -> None:
    """jtreg's reports write "Passed." / "Failed."; the test sheet's password beside it is still found."""
    rows = [["Test", "Pass"]] + [[f"t/{i}.java", r] for i, r in enumerate(["Passed.", "Failed.", "Passed."])]
    assert detect(engine, rows) == []
    assert secrets(detect(engine, [["Test", "Pass"], ["login", "Passed.7x!Q"]])) == {"Passed.7x!Q"}


def test_a_column_of_labels_is_no_password_column(engine: DetectionEngine) -> None:
    """A manual's index (Texinfo HTML): "Entry: | section" rows, one of which names a password; the rows
    below are more labels, not passwords. A password column under a real header is still read."""
    entries = [
        "Password Based Key Derivation Function:",
        "pbkdf2:",
        "pbkdf2_hmac_sha1:",
        "pbkdf2_hmac_sha256:",
    ]
    rows = [["", entry, "", "Key derivation functions"] for entry in entries]
    assert detect(engine, rows) == []
    rows = [["System", "User", "Password"], ["NAS", "admin", "Gr33n!Forest:"], ["FW", "root", "Bl4u!See"],
            ["AP", "admin", "R0t!Wald"]]  # fmt: skip
    assert secrets(detect(engine, rows)) == {"Gr33n!Forest:", "Bl4u!See", "R0t!Wald"}


def test_masked_placeholder_hash_and_numeric_values(engine: DetectionEngine) -> None:
    rows = [["System", "User", "Password"], ["A", "u", "********"], ["B", "u", "(in vault)"],
            ["C", "u", "see IT Glue"], ["D", "u", "<password>"], ["E", "u", "2024-01-05"],
            ["F", "u", "48213977"], ["G", "u", "N/A"]]  # fmt: skip
    assert secrets(detect(engine, rows)) == {"48213977"}


def test_pin_column_accepts_short_pins(engine: DetectionEngine) -> None:
    assert secrets(detect(engine, [["Name", "PIN"], ["Empfang", "4711"], ["Lager", "829"]])) == {
        "4711",
        "829",
    }


def test_key_value_right_and_below(engine: DetectionEngine) -> None:
    found = detect(
        engine,
        [
            ["Router", "FritzBox"],
            ["Benutzer", "admin"],
            ["Passwort", "R0uter!2024"],
            ["WLAN-Schlüssel:", ""],
            ["Bl4ueS0nne!", ""],
        ],
    )
    by_secret = {c.secret: c for c in found}
    assert set(by_secret) == {"R0uter!2024", "Bl4ueS0nne!"}
    assert by_secret["R0uter!2024"].rule_id == "password.key-value"
    assert by_secret["R0uter!2024"].account == "admin"
    assert by_secret["Bl4ueS0nne!"].location["cell"] == "A5"


def test_other_password_columns_are_masked_in_context(engine: DetectionEngine) -> None:
    (first, second) = detect(engine, [["Host", "Admin PW", "Root PW"], ["srv", "Adm!n2024x", "R00t!2024y"]])
    for cand in (first, second):
        assert "Adm!n2024x" not in cand.context and "R00t!2024y" not in cand.context


def test_credentials_column_is_split(engine: DetectionEngine) -> None:
    (found,) = detect(
        engine, [["Kunde", "Zugangsdaten"], ["Acme", "admin / Geh31m!x"], ["Berg", "Kunde fragen"]]
    )
    assert found.secret == "Geh31m!x" and found.account == "admin @ Acme"


def test_hidden_sheet_is_named_in_context(engine: DetectionEngine) -> None:
    (found,) = detect(engine, [["User", "Password"], ["admin", "Hidd3n!pw"]], hidden=True)
    assert found.context.startswith("[hidden sheet]")


def test_template_file_default_values_are_dropped(engine: DetectionEngine) -> None:
    rows = [["System", "User", "Password"], ["NAS", "admin", "password123"]]
    assert detect(engine, rows, name="Vorlage_Zugaenge.xlsx") == []
    assert secrets(detect(engine, rows, name="Zugaenge.xlsx")) == {"password123"}


@pytest.mark.parametrize(
    ("header", "rule_id"),
    [
        (["name", "url", "username", "password", "note"], "export.chrome-csv"),
        (["url", "username", "password", "totp", "extra", "name", "grouping", "fav"], "export.lastpass-csv"),
        (
            [
                "folder",
                "favorite",
                "type",
                "name",
                "notes",
                "fields",
                "reprompt",
                "login_uri",
                "login_username",
                "login_password",
                "login_totp",
            ],
            "export.bitwarden-csv",
        ),
        (
            ["Title", "Website", "Username", "Password", "OTPAuth", "Favorite", "Archived", "Tags", "Notes"],
            "export.1password-csv",
        ),
        (["Group", "Title", "Username", "Password", "URL", "Notes"], "export.keepass-csv"),
        (["Account", "Login Name", "Password", "Web Site", "Comments"], "export.keepass1-csv"),
        (
            [
                "url",
                "username",
                "password",
                "httpRealm",
                "formActionOrigin",
                "guid",
                "timeCreated",
                "timeLastUsed",
                "timePasswordChanged",
            ],
            "export.firefox-csv",
        ),
    ],
)
def test_exports_use_the_export_rule(engine: DetectionEngine, header: list[str], rule_id: str) -> None:
    row = ["x"] * len(header)
    secret_col = next(i for i, h in enumerate(header) if h.lower() in ("password", "login_password"))
    row[secret_col] = "abc"  # exports report every non-empty password, even weak ones
    found = detect(engine, [header, row], name="export.csv")
    assert [(c.rule_id, c.secret) for c in found] == [(rule_id, "abc")]


def test_large_sheet_is_cheap(engine: DetectionEngine) -> None:
    rows = [["Kunde", "Benutzer", "Passwort", "Notiz"]] + [
        [f"Kunde {i}", f"user{i}", f"Pw!{i:06d}x", "ok"] for i in range(20_000)
    ]
    started = time.perf_counter()
    found = detect(engine, rows)
    elapsed = time.perf_counter() - started
    assert len(found) == 20_000
    assert elapsed < 20, elapsed  # ~0.5 s on an idle core; generous for shared CI machines


def test_access_column_with_port_is_no_credential(engine: DetectionEngine) -> None:
    rows = [
        ["Gerät", "IP", "Zugang", "Kennwort"],
        ["Firewall", "192.168.1.1", "HTTPS 4444", "siehe Passwortsafe"],
        ["USV", "192.168.1.3", "Web", "Standard (Hersteller)"],
        ["NAS", "192.168.1.4", "admin / Nas!2024x", ""],
    ]
    assert secrets(table(engine, rows)) == {"Nas!2024x"}


def test_locked_password_category_is_no_label(engine: DetectionEngine) -> None:
    rows = [["Ticket", "Betreff", "Kategorie"], ["#40001", "Mot de passe bloqué", "Benutzerkonto"]]
    assert table(engine, rows) == []


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


def test_a_lone_new_value_in_a_password_cell(engine: DetectionEngine) -> None:
    rows = [["Gerät", "Login", "Passwort"], ["Router", "admin", "neu: Winter2024!"]]
    assert secrets(table(engine, rows)) == {"Winter2024!"}


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


def test_user_password_label_pair_is_split(engine: DetectionEngine) -> None:
    assert vocabulary().header_kind("Identifiant / MDP") == "credentials"
    found = table(engine, [["Box", "Livebox"], ["Identifiant / MDP", "admin / Q*Q-Crf4"]])
    assert [(c.secret, c.account) for c in found] == [("Q*Q-Crf4", "admin")]


def test_quoted_and_spaced_cells(engine: DetectionEngine) -> None:
    found = table(
        engine, [["Gerät", "Passwort"], ["PC", "\u201eblaues Haus 42\u201c"], ["NAS", "im Safe Nr 3"]]
    )
    assert secrets(found) == {"blaues Haus 42"}
