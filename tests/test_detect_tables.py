"""Password columns, key/value layouts, credential pairs and exports in Tables."""

from __future__ import annotations

import time

import pytest

from credscan.detect.engine import DetectionEngine
from credscan.detect.interface import FileInfo
from credscan.detect.rules import RuleSet
from credscan.model import Candidate, Table


@pytest.fixture(scope="module")
def engine() -> DetectionEngine:
    return DetectionEngine(RuleSet.load())


def detect(
    engine: DetectionEngine, rows: list[list[str]], name: str = "list.xlsx", **kw: object
) -> list[Candidate]:
    info = FileInfo(path=name, name=name, kind="xlsx", head=b"", size=0)
    return engine.detect_unit(info, Table(rows=rows, location={"sheet": "S"}, **kw))  # type: ignore[arg-type]


def secrets(found: list[Candidate]) -> set[str]:
    return {c.secret for c in found}


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


def test_wifi_key_needs_an_ssid_column(engine: DetectionEngine) -> None:
    assert secrets(detect(engine, [["SSID", "Key"], ["Office", "Gr33nF0rest77"]])) == {"Gr33nF0rest77"}
    assert detect(engine, [["Product", "Key"], ["Office", "XXXXX-7YQ3B-9KD4M"]]) == []


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
