"""Table layouts nobody here designed: wide and hidden-column sheets, headers below title and
group rows, key/value lists, account and password in one cell, headerless and bulk-user exports, BitLocker
keys and TOTP seeds; and the look-alikes that must stay quiet: a data row mentioning a password
is no header, a column of prose, versions, status words or tags is no password column.

Each true case stands beside the look-alike that reads like it. The property tests build sheets at random
(column order, width up to 70, hidden columns, a title above the header) and check that exactly the planted
passwords come out; the xlsx ones go through the real extractor, so a column mapping bug anywhere between
openpyxl's file and the detector shows up. Cost: about 10 s, most of it the xlsx property test.
"""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from credscan.detect.cellshape import label_shaped, not_secret_column, secret_shaped
from credscan.detect.engine import DetectionEngine
from credscan.detect.tables import otp_seed
from credscan.detect.validators import bitlocker_recovery_key, is_otp_seed
from credscan.model import ScanOptions
from credscan.scan import run_scan
from tests.support.detect_helpers import secrets, table, text

# -- column mapping: wide sheets and hidden columns ---------------------------------------------------------

_FILLER_LABELS = [
    "Asset ID", "Organization", "Manufacturer", "Model", "Serial Number", "Location", "Primary IP", "Notes",
    "Garantie bis", "Warranty Expiry", "Custom 6", "Custom 13", "Department", "Cost Center", "Rack", "VLAN",
    "Firmware", "Interne Notiz", "Status", "Vendor", "Bemerkung", "Contact", "Last Seen", "Purchase Date",
]  # fmt: skip


def _filler(rng: random.Random, label: str) -> str:
    if "IP" in label:
        return f"10.0.{rng.randint(0, 9)}.{rng.randint(2, 250)}"
    if "Date" in label or "bis" in label or "Expiry" in label or "Seen" in label:
        return f"202{rng.randint(0, 5)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
    return rng.choice(["", "ja", "n/a", "HP", "Lager", "Standard", str(rng.randint(1, 500)), "Büro 2"])


def _password(rng: random.Random) -> str:
    core = "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(rng.randint(8, 14)))
    return core[:4] + rng.choice("!#$%&*?@") + core[4:] + str(rng.randint(0, 9))


def _sheet(seed: int, width: int, rows: int) -> tuple[list[list[str]], int, set[str]]:
    """A sheet ``width`` columns wide with User and Password columns at random positions."""
    rng = random.Random(seed)
    labels = [
        f"{rng.choice(_FILLER_LABELS)} {n}" if n > 20 else rng.choice(_FILLER_LABELS) for n in range(width)
    ]
    pw_col, user_col = rng.sample(range(width), 2)
    labels[pw_col], labels[user_col] = rng.choice(["Password", "Kennwort", "Mot de passe"]), "Username"
    grid = [labels]
    planted = set()
    for _ in range(rows):
        row = [_filler(rng, label) for label in labels]
        row[user_col] = rng.choice(["admin", "j.meier", "backup"])
        row[pw_col] = _password(rng)
        planted.add(row[pw_col])
        grid.append(row)
    return grid, pw_col, planted


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10_000), width=st.integers(3, 70), rows=st.integers(1, 6))
def test_password_column_found_at_any_position_and_width(
    engine: DetectionEngine, seed: int, width: int, rows: int
) -> None:
    grid, _, planted = _sheet(seed, width, rows)
    assert secrets(table(engine, grid)) == planted


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), width=st.integers(3, 40), title=st.booleans())
def test_shuffled_columns_and_a_title_row_change_nothing(
    engine: DetectionEngine, seed: int, width: int, title: bool
) -> None:
    grid, _, planted = _sheet(seed, width, 3)
    order = list(range(width))
    random.Random(seed).shuffle(order)
    shuffled = [[row[c] for c in order] for row in grid]
    if title:
        shuffled = [["Zugangsdaten Kunde Weber"], ["Stand:", "2025-03-01"], [], *shuffled]
    assert secrets(table(engine, shuffled)) == planted


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(seed=st.integers(0, 10_000), width=st.integers(4, 70), hidden=st.integers(0, 6))
def test_xlsx_with_hidden_columns_reports_the_values_not_the_next_header(
    tmp_path_factory: pytest.TempPathFactory, seed: int, width: int, hidden: int
) -> None:
    """Through the real extractor: hidden columns (the password column itself among them at times) and
    widths past column Z/AZ map every value to its own header."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    grid, pw_col, planted = _sheet(seed, width, 3)
    book = Workbook()
    sheet = book.active
    for row in grid:
        sheet.append(row)
    rng = random.Random(seed)
    for c in rng.sample(range(width), min(hidden, width)):
        sheet.column_dimensions[get_column_letter(c + 1)].hidden = True
    path = tmp_path_factory.mktemp("hidden") / "assets.xlsx"
    book.save(path)
    result = run_scan([str(path)], ScanOptions(jobs=0, show_secrets=True, fingerprint_key=b"k" * 32))
    found = {f.secret for f in result.findings}
    assert found == planted, (found, planted, grid[0][pw_col])


# -- header rows: not the first row, not a data row ---------------------------------------------------------


def test_header_below_title_and_merged_group_row(engine: DetectionEngine) -> None:
    rows = [
        ["Client: Studio Rossi", "", "", "", ""],
        ["Service", "", "Login details", "", "Other"],
        ["Name", "URL", "User", "Password", "Notes"],
        ["PEC", "https://webmail.pec.it", "rossi@pec.it", "Quercia#2024x", ""],
        ["Firewall", "https://10.1.1.1", "admin", "Mistral!77rb", "T20"],
    ]
    assert secrets(table(engine, rows)) == {"Quercia#2024x", "Mistral!77rb"}


def test_wide_header_with_unknown_labels_is_a_header_not_a_label(engine: DetectionEngine) -> None:
    """ "Kennwort | Custom 13": with few known words the row still heads a grid; "Custom 13" is no value."""
    header = ["Asset ID", "Benutzername", *[f"Custom {n}" for n in range(1, 12)], "Kennwort", "Custom 13"]
    data = ["41643", "admin", *["ja"] * 11, "Eisvogel*dolomiti79", "297"]
    assert secrets(table(engine, [header, data])) == {"Eisvogel*dolomiti79"}


def test_training_record_row_is_data_not_a_header(engine: DetectionEngine) -> None:
    rows = [["Mitarbeiter", "Kurs", "Datum", "Status", "Punkte"]]
    rows += [[f"Person {n}", "Passwort-Sicherheit", f"2025-01-{n + 10}", "offen", str(n)] for n in range(12)]
    assert table(engine, rows) == []


def test_ticket_subject_under_a_header_is_data(engine: DetectionEngine) -> None:
    rows = [["Ticket", "Betreff", "Kunde", "Status"]]
    rows += [[f"T{n}", f"Wachtwoord vergeten Jan Peeters {n}", "Weber", "Neu"] for n in range(10)]
    rows += [[f"T9{n}", f"Passwort zurücksetzen für Luis Weber {n}", "Rossi", "Neu"] for n in range(5)]
    assert table(engine, rows, "tickets.csv") == []


def test_package_summary_mentioning_a_password_does_not_flood(engine: DetectionEngine) -> None:
    """A TSV row "… validating password" is data, not a header (read as one, the 52,668 rows below it of a
    real package summary became findings)."""
    rng = random.Random(3)
    rows = [["name", "version", "date", "summary"]]
    for n in range(600):
        word = "".join(rng.choice(string.ascii_lowercase) for _ in range(8))
        rows.append(
            [f"python-{word}", f"{n % 7}.{n % 13}.1", "2023-05-01", rng.choice(["HTTP client", "Fonts"])]
        )
    rows.insert(9, ["python-absio", "1.2.0", "2023-05-01", "Absio library for validating password"])
    headerless = rows[1:]
    headerless.insert(20, ["pass", "1.7.4-5", "password store extension"])
    assert table(engine, rows, "packages.tsv") == []
    assert table(engine, headerless, "packages.tsv") == []


def test_npm_package_list_with_password_named_packages(engine: DetectionEngine) -> None:
    """/usr/share/package-lists/npm.tsv: "@accounts/client-password | 0.32.2 | 4608 | …" was read as a label
    with its version as the value (90 findings); names above it read like labels too ("@accounts/client")."""
    header = ["name", "version", "downloads_a_month", "summary (words in [tested here: ...] are from tests)"]
    names = ["@accounts/client", "@accounts/oauth", "@accounts/client-password", "@accounts/mongo-password",
             "@adminjs/passwords", "generate-password", "pin-input", "@accounts/graphql-api"]  # fmt: skip
    rows = [header] + [
        [name, f"0.{n}.2", str(4000 + n), "" if n % 3 else "Fullstack auth"]
        for n, name in enumerate(names * 5)
    ]
    assert table(engine, rows, "npm.tsv") == []


def test_help_tag_index_is_no_password_table(engine: DetectionEngine) -> None:
    """A help tag index is no password table (vim's doc/tags gave 18,585 findings with "'pw'  options.txt
    /*'pw'*" read as a header)."""
    names = ["'pvw'", "'pw'", "'pythondll'", "'qe'", "'quickfixtextfunc'", "'quote'", "'password'", ":pwd:"]
    rows = [[name, "options.txt", f"/*{name}*"] for name in names * 40]
    rows.sort()
    assert table(engine, rows, "tags.tsv") == []


def test_status_words_prose_and_versions_under_a_password_header(engine: DetectionEngine) -> None:
    status = [["Software", "Pass-Through", "Datum"]] + [
        ["Sage", s, "2024-01-02"] for s in ["aktiv", "inaktiv"] * 6
    ]
    prose = [["Système", "Mot de passe", "Responsable"]] + [
        ["ERP", p, "IT"]
        for p in ["géré par le prestataire", "changé tous les 90 jours", "non communiqué"] * 2
    ]
    versions = [["Paket", "Passwort"]] + [["x", f"1.{n}.{n + 1}"] for n in range(8)]
    for rows in (status, prose, versions):
        assert table(engine, rows) == []


def test_the_same_password_for_every_new_user_is_still_reported(engine: DetectionEngine) -> None:
    """Repeated values are a status only when they are plain words: "Start2024!" for all is a finding."""
    rows = [["User", "Initial password"]] + [[f"user{n}", "Start2024!"] for n in range(12)]
    assert secrets(table(engine, rows)) == {"Start2024!"}


# -- key/value lists ----------------------------------------------------------------------------------------


def test_side_by_side_key_value_blocks_take_the_value_to_the_right(engine: DetectionEngine) -> None:
    rows = [
        ["Router", "", "", "NAS", ""],
        ["Benutzer", "admin", "", "Benutzer", "backup"],
        ["Passwort", "Kastanie#nordlys33", "", "Passwort", "Ulme-20-nordlys"],
        ["Firmware", "7.57", "", "Modell", "DS923+"],
    ]
    assert secrets(table(engine, rows)) == {"Kastanie#nordlys33", "Ulme-20-nordlys"}


def test_empty_value_in_a_key_value_block_does_not_take_the_label_below(engine: DetectionEngine) -> None:
    rows = [
        ["Router Filiale", "", "", "NAS", ""],
        ["Benutzer", "admin", "", "Benutzer", "admin"],
        ["Passwort", "im Tresor", "", "Passwort", ""],
        ["Standort", "Keller", "", "Modell", "DS220+"],
    ]
    assert table(engine, rows) == []


def test_stacked_label_and_value_below_still_work(engine: DetectionEngine) -> None:
    assert secrets(table(engine, [["Passwort"], ["Wacholder%17x"]])) == {"Wacholder%17x"}


# -- account and password in one cell; header variants ------------------------------------------------------


@pytest.mark.parametrize("sep", [" / ", " - ", " | ", " : ", " ; ", " – ", "  //  "])
def test_account_and_password_in_one_cell(engine: DetectionEngine, sep: str) -> None:
    rows = [["Dienst", "Zugang"], ["Firewall", f"KANZLEI\\admin{sep}Nordlys?gorgonzola4"]]
    assert secrets(table(engine, rows)) == {"Nordlys?gorgonzola4"}


def test_one_cell_with_a_port_is_no_pair(engine: DetectionEngine) -> None:
    assert table(engine, [["Dienst", "Zugang"], ["Portal", "HTTPS 4444"], ["VPN", "siehe KeePass"]]) == []


@pytest.mark.parametrize(
    "label",
    [
        "Lösen",
        "Kennw.",
        "Wachtw.",
        "Senha do admin",
        "Adgangskode (midlertidig)",
        "Mot de passe admin",
        "Chiave di accesso",
        "Hasło (tymczasowe)",
        "Password [Required]",
    ],
)
def test_header_labels_with_qualifiers_and_abbreviations(engine: DetectionEngine, label: str) -> None:
    rows = [["Gerät", "Benutzer", label], ["Router", "admin", "Sirocco-63-fjellrev"]]
    assert secrets(table(engine, rows)) == {"Sirocco-63-fjellrev"}


def test_password_required_without_brackets_is_a_flag_column(engine: DetectionEngine) -> None:
    rows = [["User", "Password required"]] + [[f"u{n}", "TRUE"] for n in range(3)]
    assert table(engine, rows) == []


# -- exports -------------------------------------------------------------------------------------------------


def test_headerless_password_manager_export(engine: DetectionEngine) -> None:
    rows = [
        ["Kunden/Weber", "Swisscom", "anna.meier@weber.ch", "Brioche2023*", "https://swisscom.ch", ""],
        ["Kunden/Weber", "Bexio", "bruno@weber.ch", "rKZb7Qzunh6wmrTH", "https://bexio.ch", ""],
        ["Kunden/Weber", "Ricoh", "admin", "Oliveira-45-wacholder", "https://ricoh.ch", ""],
    ]
    assert secrets(table(engine, rows, "export.csv")) == {
        "Brioche2023*",
        "rKZb7Qzunh6wmrTH",
        "Oliveira-45-wacholder",
    }


def test_headerless_lists_without_a_password_column_stay_quiet(engine: DetectionEngine) -> None:
    contacts = [
        [f"Anna {n}", f"anna{n}@example.ch", "+41 44 123 45 67", "Zürich", f"Y8S9Q4UG{n}X"] for n in range(6)
    ]
    inventory = [[f"https://nas{n}.local", "admin", f"SN-{n}AB7731C", "DS220+"] for n in range(6)]
    assert table(engine, contacts, "kontakte.csv") == []
    assert table(engine, inventory, "inventar.csv") == []


def test_bulk_user_upload_and_its_empty_template(engine: DetectionEngine) -> None:
    header = [
        "First Name [Required]",
        "Last Name [Required]",
        "Email Address [Required]",
        "Password [Required]",
    ]
    filled = [
        header,
        ["Anna", "Meier", "anna@x.it", "Alpenrose2024_"],
        ["Bruno", "Rossi", "bruno@x.it", "jUwHscgubHhG"],
    ]
    entra = [
        ["version:v1.0"],
        ["Name [displayName] Required", "User name [userPrincipalName] Required",
         "Initial password [passwordProfile] Required", "Block sign in (Yes/No) [accountEnabled] Required"],
        ["Example: Chris Green", "Example: chris@contoso.com", "Example: <password>", "Example: No"],
    ]  # fmt: skip
    assert secrets(table(engine, filled, "upload.csv")) == {"Alpenrose2024_", "jUwHscgubHhG"}
    assert table(engine, entra, "UserCreateTemplate.csv") == []


def test_bitlocker_recovery_keys_in_text_and_tables(engine: DetectionEngine) -> None:
    key = "466895-217492-569250-069608-104434-135707-527241-083622"
    saved = (
        f"BitLocker Drive Encryption recovery key\n\nIdentifier:\n\n\tDF8B6C2A\n\nRecovery Key:\n\n\t{key}\n"
    )
    rows = [["ComputerName", "KeyId", "RecoveryPassword"], ["NB-101", "{1A2B3C4D-0000}", key]]
    assert secrets(text(engine, saved, "BitLocker Recovery Key DF8B6C2A.TXT")) == {key}
    assert secrets(table(engine, rows, "keys.csv")) == {key}
    off_by_one = key[:-1] + "3"  # 083623 is no multiple of 11
    assert text(engine, f"Reference {off_by_one}\n") == []
    assert bitlocker_recovery_key(key) and not bitlocker_recovery_key(off_by_one)


def test_totp_seeds_in_a_vault_export_and_a_sheet(engine: DetectionEngine) -> None:
    header = ["folder", "name", "login_uri", "login_username", "login_password", "login_totp"]
    export = [
        header,
        ["MSP", "Azure", "https://azure.com", "a@b.ch", "Sirocco#kastanie4", "JBSWY3DPEHPK3PXP"],
    ]
    sheet = [
        ["Portal", "Benutzer", "Kennwort", "2FA-Schlüssel (TOTP)", "MFA"],
        [
            "DATEV",
            "a@b.de",
            "Wacholder2026&",
            "NHIY HYP5 6FKA WD5I",
            "ja",
        ],
    ]
    assert secrets(table(engine, export, "bitwarden.csv")) == {"Sirocco#kastanie4", "JBSWY3DPEHPK3PXP"}
    assert secrets(table(engine, sheet)) == {"Wacholder2026&", "NHIY HYP5 6FKA WD5I"}
    assert otp_seed("otpauth://totp/DATEV:a?secret=NHIYHYP56FKAWD5I&issuer=DATEV") == "NHIYHYP56FKAWD5I"
    assert (
        not is_otp_seed("CONFIDENTIALDOCS") and not is_otp_seed("ja") and is_otp_seed("jbsw y3dp ehpk 3pxp")
    )


# -- cell and column shapes ---------------------------------------------------------------------------------


def test_cell_shapes() -> None:
    assert secret_shaped("Winter2024!") and secret_shaped("Kastanie#nordlys")
    assert (
        not secret_shaped("Custom 13")
        and not secret_shaped("IP-Adresse")
        and not secret_shaped("options.txt")
    )
    assert label_shaped("Garantie bis") and not label_shaped("Winter2024!") and not label_shaped("2024-01-05")
    assert not_secret_column(["Library for validating password strength"] * 3 + ["HTTP client library"] * 3)
    assert not not_secret_column(["rote katze tanzt leise", "Xk9#mQ2p", "Tulp3$14x", "48213977", "Ab!2cd34"])


# -- notes with punctuation and free-form lines -------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("Clé Wi-Fi: PHAyya&d65Sn", {"PHAyya&d65Sn"}),
        (
            "DSRM-Kennwort (Verzeichnisdienst-Wiederherstellung): Dolomiti-88-oliveira",
            {"Dolomiti-88-oliveira"},
        ),
        ("E-Mail-Kennwort – Sekretariat: jfrY7AMWr7Noae", {"jfrY7AMWr7Noae"}),
        (
            "changed Alarmanlage Web password to Heidelbeere$gorgonzola81 (user installer)",
            {"Heidelbeere$gorgonzola81"},
        ),
        ("- Draytek Vigor -> admin -> ww Nordlys-54-lavendel", {"Nordlys-54-lavendel"}),
        ("routeur Livebox → admin → Vendaval-29-cappuccino", {"Vendaval-29-cappuccino"}),
        ("- KeePass Master: EvbV6kHdufBS", {"EvbV6kHdufBS"}),
        ("das Passwort vom Gäste-WLAN habe ich heute auf Lavendel2025+ geändert", {"Lavendel2025+"}),
        # the look-alikes
        ("Clé Wi-Fi : voir étiquette sous la box", set()),
        ("Lösen: <redacted>", set()),
        ("- Draytek Vigor -> Firmware 4.4.2 -> Neustart ok", set()),
        ("- KeePass Master-Passwort liegt beim Chef im Safe", set()),
        ("DSRM-Kennwort (Verzeichnisdienst-Wiederherstellung): im Passwortmanager hinterlegt", set()),
        ("Password Wi-Fi", set()),
    ],
)
def test_labels_with_punctuation_and_technician_notes(
    engine: DetectionEngine, line: str, found: set[str]
) -> None:
    assert secrets(text(engine, line + "\n")) == found


def test_password_alone_below_url_and_account(engine: DetectionEngine) -> None:
    notes = (
        "Bankportal\nhttps://ebanking.zkb.ch\nanna@weber.ch\nNordlys-71-izarra\n\n"
        "Hosting\nhttps://x.ch\nkunde-4\nLogin per Passkey\n"
    )
    assert secrets(text(engine, notes)) == {"Nordlys-71-izarra"}


def test_file_named_after_the_password_it_holds(engine: DetectionEngine, tmp_path: Path) -> None:
    assert secrets(text(engine, "Alpenrose@sirocco30\n", "wildcard_2025_pfx_kennwort.txt")) == {
        "Alpenrose@sirocco30"
    }
    assert text(engine, "Alpenrose@sirocco30\n", "wildcard_2025_notes.txt") == []
    assert text(engine, "siehe KeePass\n", "kennwort.txt") == []


_VIM_TAGS = sorted(Path("/usr/share/vim").glob("vim*/doc/tags"))


@pytest.mark.skipif(not _VIM_TAGS, reason="vim's help files are not installed")
def test_real_vim_help_tags_file_has_no_findings() -> None:
    """The real vim tags file, where that flood was found (18,583 findings once), has none: about 1 s."""
    result = run_scan([str(_VIM_TAGS[0])], ScanOptions(jobs=0, fingerprint_key=b"k" * 32))
    assert [f.location for f in result.findings] == []


def test_code_lines_with_an_index_are_no_text_table(engine: DetectionEngine) -> None:
    """test_grp.py: "self.assertEqual(value[1], value.gr_passwd)" must not read as a header row ("[1]" is an
    index, not a "[Required]"-style annotation), nor the line below as its data."""
    body = (
        "        self.assertEqual(value[1], value.gr_passwd)\n"
        "        self.assertIsInstance(value.gr_passwd, str)\n"
        "        self.assertEqual(value[2], value.gr_gid)\n"
        "        self.assertEqual(value[3], value.gr_mem)\n"
    )
    assert text(engine, body, "test_grp.py") == []


def test_arrow_chain_in_a_code_comment_is_no_password(engine: DetectionEngine) -> None:
    assert text(engine, "        # exc_info -> frame -> exc_info\n", "case.py") == []


# -- a software inventory: name | version rows -------------------------------------------------------


def test_a_software_inventory_is_no_key_value_list(engine: DetectionEngine) -> None:
    """A package list or an MSP's software inventory names packages after passwords and PINs
    ("passwordsafe", "engine-pin", "pass-secret-service"): the version right of the name is no password.
    Debian's PyPI package list gave 7 such findings, with data rows above whose names read as labels."""
    rows = [
        ["name", "version", "month", "rank_among_15000_most_downloaded", "summary"],
        ["engine-grpc-pipeline", "0.0.14", "2023-01", "", "grpc pipeline interfaces"],
        ["engine-matching-client", "0.1.1", "2025-12", "", "HTTP client helpers"],
        ["engine-pin", "1.0.0.dev14", "2021-06", "", "A functional web framework"],
        ["pass-secret-service", "0.1a0", "2018-11", "", "Secret Service for pass"],
        ["passwordsafe", "3.62.0", "2023-04", "", "Password Safe"],
    ]
    for name in ("packages.tsv", "inventory.xlsx"):
        assert secrets(table(engine, rows, name)) == set(), name


def test_a_key_value_list_beside_it_is_still_read(engine: DetectionEngine) -> None:
    rows = [["Host", "fw01"], ["PIN", "4711"], ["Password", "Sommer.2024"], ["Firmware", "7.2.1"]]
    assert secrets(table(engine, rows)) == {"4711", "Sommer.2024"}
