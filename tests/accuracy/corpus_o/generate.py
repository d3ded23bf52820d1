"""Blind corpus O: every table layout an MSP meets, and the notes technicians write beside them.

Written from issue 13, the contract and the fixture builders only, before its author read any detector code or
rule. Spreadsheets the way clients and technicians really lay them out: hidden columns, asset exports 45–70
columns wide, title rows and merged group-header rows above the header, vertical key/value blocks (several
side by side), one cell holding account and password with all kinds of separators, header labels with
qualifiers and abbreviations in ten languages (xlsx with hidden and multiple sheets, legacy xls, ods, csv),
password-manager exports without a header row, bulk-user upload CSVs (Entra ID, Google Workspace), BitLocker
recovery-key exports, TOTP seeds in vault exports; free-form technician notes with punctuation inside labels
(``Clé Wi-Fi: …``, ``DSRM-Kennwort (…): …``), arrows, a password alone on a line below a URL and an account,
a ``.pfx`` password in a text file beside it. Look-alikes: training records whose course is "Passwort-
Sicherheit", ticket exports ("Wachtwoord vergeten …"), redacted values, package-summary TSVs, vim-style tag
files, sshd logs, AD exports with "PasswordLastSet" dates, bulk-user templates left empty.

``generate(directory, seed)`` writes the table/notes classes (issue 13's spreadsheet and notes items) and
returns {file name: planted passwords}; an empty list marks a look-alike. ``generate_others`` writes the
classes other areas own (cell comments, PDF tables, docx text boxes, device configs, code that passes a
variable), so their progress can be measured with the same scoring; ``classes()`` maps each file to its class.
Run ``python tests/accuracy/corpus_o/generate.py`` to print the scores per class.
"""

from __future__ import annotations

import csv
import io
import random
import string
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # the checkout, when run as a script

from tests.support.docbuilders import make_csv, make_docx, make_eml, make_ods, make_pdf, make_text, make_xls

Result = tuple[str, list[str]]
Builder = Callable[[Path, random.Random, int], Result]

_WORDS = (
    "Alpenrose",
    "Brioche",
    "Cappuccino",
    "Dolomiti",
    "Eisvogel",
    "Fjellrev",
    "Gorgonzola",
    "Heidelbeere",
    "Izarra",
    "Jasmin",
    "Kastanie",
    "Lavendel",
    "Mistral",
    "Nordlys",
    "Oliveira",
    "Pfifferling",
    "Quercia",
    "Rabarber",
    "Sirocco",
    "Tramontana",
    "Ulme",
    "Vendaval",
    "Wacholder",
    "Zypresse",
)
_SYMBOLS = "!#$%&*+?@_."
_FIRST = (
    "Anna",
    "Bruno",
    "Chiara",
    "Dirk",
    "Elena",
    "Fabien",
    "Greta",
    "Hugo",
    "Ines",
    "Jonas",
    "Katja",
    "Luis",
)
_LAST = (
    "Meier",
    "Rossi",
    "Lefebvre",
    "Janssens",
    "Kowalski",
    "Lindqvist",
    "Ferreira",
    "Novak",
    "Weber",
    "Garcia",
)
_DOMAINS = ("KANZLEI", "PRAXIS", "TREUHAND", "ATELIER", "STUDIO", "OFFICE")


def _password(rng: random.Random) -> str:
    """Passwords as offices and generators make them (never containing a space or a separator-with-spaces)."""
    style = rng.randrange(5)
    if style == 0:
        return f"{rng.choice(_WORDS)}{rng.randint(2019, 2026)}{rng.choice(_SYMBOLS)}"
    if style == 1:
        return f"{rng.choice(_WORDS)}{rng.choice(_SYMBOLS)}{rng.choice(_WORDS).lower()}{rng.randint(1, 99)}"
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"
    core = "".join(rng.choice(alphabet) for _ in range(rng.randint(10, 18)))
    if style == 2:
        return core[:6] + rng.choice(_SYMBOLS) + core[6:]
    if style == 3:
        return core
    return f"{rng.choice(_WORDS)}-{rng.randint(10, 99)}-{rng.choice(_WORDS).lower()}"


def _person(rng: random.Random) -> tuple[str, str]:
    return rng.choice(_FIRST), rng.choice(_LAST)


def _login(rng: random.Random) -> str:
    first, last = _person(rng)
    return rng.choice([f"{first[0].lower()}.{last.lower()}", f"{first.lower()}", "admin", "administrator"])


def _email(rng: random.Random, domain: str = "kanzlei-meier.ch") -> str:
    first, last = _person(rng)
    return f"{first.lower()}.{last.lower()}@{domain}"


def _ip(rng: random.Random) -> str:
    return f"192.168.{rng.randint(0, 20)}.{rng.randint(2, 250)}"


def _serial(rng: random.Random) -> str:
    return "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(10))


def _date(rng: random.Random) -> str:
    return f"{rng.randint(2019, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _bitlocker_key(rng: random.Random) -> str:
    """A well-formed 48-digit recovery password: 8 blocks, each a multiple of 11 below 720,896."""
    return "-".join(f"{rng.randrange(0, 65536) * 11:06d}" for _ in range(8))


def _guid(rng: random.Random) -> str:
    h = "".join(rng.choice("0123456789ABCDEF") for _ in range(32))
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _totp_seed(rng: random.Random) -> str:
    return "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(rng.choice((16, 32))))


def _csv_text(rows: Sequence[Sequence[object]], delimiter: str = ",") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def _xlsx(
    path: Path,
    sheets: dict[str, list[list[object]]],
    hidden_columns: dict[str, Sequence[int]] | None = None,
    merges: dict[str, Sequence[str]] | None = None,
    hidden_sheets: Sequence[str] = (),
    comments: dict[str, dict[str, str]] | None = None,
) -> None:
    """An xlsx with hidden columns (0-based indexes), merged ranges, hidden sheets and cell comments."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None and value != "":
                    sheet.cell(row=r, column=c, value=value)
        for index in (hidden_columns or {}).get(name, ()):
            sheet.column_dimensions[get_column_letter(index + 1)].hidden = True
        for cell_range in (merges or {}).get(name, ()):
            sheet.merge_cells(cell_range)
        for ref, text in (comments or {}).get(name, {}).items():
            sheet[ref].comment = Comment(text, "Techniker")
        if name in hidden_sheets:
            sheet.sheet_state = "hidden"
    book.save(path)


# ---------------------------------------------------------------------------------------------------------
# Spreadsheets with passwords (the table classes of issue 13)
# ---------------------------------------------------------------------------------------------------------


def p_hidden_column_before_password(d: Path, rng: random.Random, i: int) -> Result:
    """A hidden internal-notes column sits left of the password column; 'Garantie' follows it."""
    pws = [_password(rng) for _ in range(5)]
    header = ["Kunde", "Gerät", "IP-Adresse", "Interne Notiz", "Benutzer", "Passwort", "Garantie bis"]
    devices = ["Firewall Zyxel", "NAS Synology", "Switch HP 1920", "Drucker Kyocera", "USV APC"]
    rows: list[list[object]] = [header]
    for pw, device in zip(pws, devices, strict=True):
        rows.append(["Treuhand Weber", device, _ip(rng), "Tausch 2026 geplant", "admin", pw, _date(rng)])
    name = f"o{i:03d}_geraete_weber_{rng.randint(100, 999)}.xlsx"
    _xlsx(d / name, {"Geräte": rows}, hidden_columns={"Geräte": [3]})
    return name, pws


def p_hidden_password_column(d: Path, rng: random.Random, i: int) -> Result:
    """The password column itself is hidden so a casual viewer does not see it."""
    pws = [_password(rng) for _ in range(4)]
    header = ["Application", "URL", "Identifiant", "Mot de passe", "Responsable", "Dernière revue"]
    apps = ["Sage 100", "Portail banque", "Messagerie OVH", "Logiciel paie"]
    rows: list[list[object]] = [header]
    for pw, app in zip(pws, apps, strict=True):
        rows.append(
            [app, f"https://{app.split()[0].lower()}.example.fr", _login(rng), pw, "F. Lefebvre", _date(rng)]
        )
    name = f"o{i:03d}_acces_applications.xlsx"
    _xlsx(d / name, {"Accès": rows}, hidden_columns={"Accès": [1, 3]})
    return name, pws


def _wide_header(rng: random.Random, width: int, pw_at: int, user_at: int) -> list[str]:
    base = [
        "Asset ID",
        "Organization",
        "Name",
        "Asset Type",
        "Manufacturer",
        "Model",
        "Serial Number",
        "Location",
        "Primary IP",
        "MAC Address",
        "Operating System",
        "OS Version",
        "Purchase Date",
        "Warranty Expiry",
        "Contact",
        "Department",
        "Cost Center",
        "Vendor",
        "Notes",
        "Status",
        "Last Seen",
        "RMM Agent",
        "Backup Policy",
        "Antivirus",
        "Domain",
        "Rack",
        "Port",
        "VLAN",
        "Firmware",
        "Monitoring",
    ]
    header: list[str] = []
    custom = 1
    for index in range(width):
        if index == pw_at:
            header.append("Password")
        elif index == user_at:
            header.append("Username")
        elif index < len(base):
            header.append(base[index])
        else:
            header.append(f"Custom {custom}")
            custom += 1
    return header


def _wide_value(rng: random.Random, label: str) -> object:
    if label in ("Primary IP",):
        return _ip(rng)
    if label in ("Purchase Date", "Warranty Expiry", "Last Seen"):
        return _date(rng)
    if label == "Serial Number":
        return _serial(rng)
    if label == "MAC Address":
        return ":".join(f"{rng.randrange(256):02X}" for _ in range(6))
    if label.startswith("Custom"):
        return rng.choice(["", "", "ja", "n/a", str(rng.randint(1, 500)), "Standard"])
    if label == "Asset ID":
        return rng.randint(10000, 99999)
    if label == "Status":
        return rng.choice(["Active", "In Stock", "Retired"])
    return rng.choice(["", "Zürich", "Lager", "HP", "Windows 11", "Büro 2", "Vertrag 2024"])


def p_wide_asset_export(d: Path, rng: random.Random, i: int) -> Result:
    """An asset export 45–70 columns wide with the credential columns past column 30."""
    width = rng.randint(45, 70)
    pw_at = rng.randint(32, width - 2)
    user_at = pw_at - 1
    header = _wide_header(rng, width, pw_at, user_at)
    pws = [_password(rng) for _ in range(6)]
    rows: list[list[object]] = [header]
    for pw in pws:
        row = [_wide_value(rng, label) for label in header]
        row[user_at] = _login(rng)
        row[pw_at] = pw
        rows.append(row)
    name = f"o{i:03d}_hudu_assets_export_{width}cols.xlsx"
    _xlsx(d / name, {"Assets": rows})
    return name, pws


def p_wide_csv_export(d: Path, rng: random.Random, i: int) -> Result:
    """The same kind of export as CSV, password near the end of a 60-column row."""
    width = rng.randint(50, 68)
    pw_at = width - rng.randint(2, 6)
    user_at = pw_at - 2
    header = _wide_header(rng, width, pw_at, user_at)
    pws = [_password(rng) for _ in range(5)]
    rows: list[list[object]] = [header]
    for pw in pws:
        row = [_wide_value(rng, label) for label in header]
        row[user_at] = _login(rng)
        row[pw_at] = pw
        rows.append(row)
    name = f"o{i:03d}_itglue_configurations.csv"
    make_csv(d / name, rows)
    return name, pws


def p_wide_sheet_with_hidden(d: Path, rng: random.Random, i: int) -> Result:
    """Wide and with hidden columns at once (hidden helper columns before the password)."""
    width = rng.randint(46, 60)
    pw_at = rng.randint(36, width - 1)
    header = _wide_header(rng, width, pw_at, 2)
    header[2] = "Benutzername"
    header[pw_at] = "Kennwort"
    pws = [_password(rng) for _ in range(4)]
    rows: list[list[object]] = [header]
    for pw in pws:
        row = [_wide_value(rng, label) for label in header]
        row[2] = _login(rng)
        row[pw_at] = pw
        rows.append(row)
    hidden = sorted(rng.sample(range(5, pw_at), 4))
    name = f"o{i:03d}_inventar_komplett.xlsx"
    _xlsx(d / name, {"Inventar": rows}, hidden_columns={"Inventar": hidden})
    return name, pws


def p_title_rows_above_header(d: Path, rng: random.Random, i: int) -> Result:
    pws = [_password(rng) for _ in range(4)]
    rows: list[list[object]] = [
        ["Zugangsdaten Praxis Dr. Novak"],
        ["Stand:", _date(rng), "", "erstellt von: IT Partner GmbH"],
        [],
        ["System", "Adresse", "Benutzer", "Passwort", "Bemerkung"],
        ["Praxissoftware", "srv-praxis", "empfang", pws[0], ""],
        ["Router", "https://192.168.178.1", "admin", pws[1], "FritzBox 7590"],
        ["KIM Konnektor", "10.0.0.98", "super", pws[2], "nur Techniker"],
        ["E-Mail", "praxis@novak-med.de", "praxis@novak-med.de", pws[3], "IONOS"],
    ]
    name = f"o{i:03d}_praxis_zugaenge_{rng.randint(10, 99)}.xlsx"
    _xlsx(d / name, {"Tabelle1": rows}, merges={"Tabelle1": ["A1:E1"]})
    return name, pws


def p_merged_group_header(d: Path, rng: random.Random, i: int) -> Result:
    """'Service | – | Login details' merged above the real header row."""
    pws = [_password(rng) for _ in range(4)]
    rows: list[list[object]] = [
        ["Client: Studio Rossi", None, None, None, None],
        ["Service", None, "Login details", None, "Other"],
        ["Name", "URL", "User", "Password", "Notes"],
        ["Aruba hosting", "https://admin.aruba.it", "studio.rossi", pws[0], "rinnovo 2026"],
        ["PEC", "https://webmail.pec.it", "rossi@pec.it", pws[1], ""],
        ["Firewall", "https://10.1.1.1", "admin", pws[2], "Watchguard T20"],
        ["Wi-Fi ospiti", "", "—", pws[3], "SSID Rossi-Guest"],
    ]
    name = f"o{i:03d}_studio_rossi_servizi.xlsx"
    _xlsx(d / name, {"Servizi": rows}, merges={"Servizi": ["A1:E1", "A2:B2", "C2:D2"]})
    return name, pws


def p_merged_group_header_ods(d: Path, rng: random.Random, i: int) -> Result:
    pws = [_password(rng) for _ in range(3)]
    rows: list[list[object]] = [
        ["Inventaire réseau – Fiduciaire Lefebvre"],
        ["Équipement", "", "Accès administrateur", ""],
        ["Nom", "Adresse IP", "Identifiant", "Mot de passe"],
        ["Pare-feu", _ip(rng), "admin", pws[0]],
        ["Borne Wi-Fi", _ip(rng), "ubnt", pws[1]],
        ["NAS", _ip(rng), "admin", pws[2]],
    ]
    name = f"o{i:03d}_inventaire_reseau.ods"
    make_ods(d / name, {"Réseau": rows})
    return name, pws


def p_vertical_blocks(d: Path, rng: random.Random, i: int) -> Result:
    """Two key/value blocks side by side: label in one column, value to its right."""
    pws = [_password(rng) for _ in range(4)]
    rows: list[list[object]] = [
        ["Router Hauptsitz", None, None, "NAS Backup", None],
        ["IP", "192.168.10.1", None, "IP", "192.168.10.20"],
        ["Benutzer", "admin", None, "Benutzer", "backupadmin"],
        ["Passwort", pws[0], None, "Passwort", pws[1]],
        ["Firmware", "7.57", None, "Modell", "DS923+"],
        [],
        ["WLAN Büro", None, None, "Fernwartung", None],
        ["SSID", "Weber-Office", None, "Tool", "AnyDesk"],
        ["WLAN-Schlüssel", pws[2], None, "Zugangskennwort", pws[3]],
        ["Verschlüsselung", "WPA2", None, "ID", "482 117 903"],
    ]
    name = f"o{i:03d}_netzwerk_steckbrief.xlsx"
    _xlsx(d / name, {"Übersicht": rows})
    return name, pws


def p_vertical_blocks_multilang(d: Path, rng: random.Random, i: int) -> Result:
    pws = [_password(rng) for _ in range(3)]
    rows: list[list[object]] = [
        ["Ficha técnica – Oficina Madrid"],
        ["Equipo", "Router Movistar"],
        ["Usuario", "1234"],
        ["Contraseña", pws[0]],
        [],
        ["Equipamento", "Servidor Lisboa"],
        ["Utilizador", "administrador"],
        ["Senha", pws[1]],
        [],
        ["Apparaat", "Printer Gent"],
        ["Gebruiker", "admin"],
        ["Wachtwoord", pws[2]],
    ]
    name = f"o{i:03d}_ficha_tecnica_iberia_benelux.ods"
    make_ods(d / name, {"Ficha": rows})
    return name, pws


def p_one_cell_account_password(d: Path, rng: random.Random, i: int) -> Result:
    """One 'Zugang' column holds account and password, separated in all the ways people type them."""
    seps = [" - ", " | ", " / ", " : ", " ; ", " – ", "  //  "]
    rng.shuffle(seps)
    pws = [_password(rng) for _ in range(5)]
    rows: list[list[object]] = [["Dienst", "Zugang", "Hinweis"]]
    services = ["Domäne", "Firewall", "Buchhaltung", "Kamera NVR", "Webmail"]
    for pw, service, sep in zip(pws, services, seps, strict=False):
        account = rng.choice([f"{rng.choice(_DOMAINS)}\\{_login(rng)}", _login(rng), _email(rng)])
        rows.append([service, f"{account}{sep}{pw}", rng.choice(["", "Stand 2025", "nicht ändern"])])
    name = f"o{i:03d}_zugaenge_kurzliste.xlsx"
    _xlsx(d / name, {"Liste": rows})
    return name, pws


def p_one_cell_account_password_csv(d: Path, rng: random.Random, i: int) -> Result:
    seps = [" - ", " | ", " / ", " : "]
    pws = [_password(rng) for _ in range(4)]
    rows: list[list[object]] = [["Klant", "Omgeving", "Login (gebruiker / wachtwoord)"]]
    for pw, sep in zip(pws, seps, strict=True):
        account = f"{rng.choice(_DOMAINS)}\\{_login(rng)}"
        rows.append(
            ["Janssens BV", rng.choice(["RDS", "Exact Online", "VPN", "Hyper-V"]), f"{account}{sep}{pw}"]
        )
    name = f"o{i:03d}_klanten_logins.csv"
    make_csv(d / name, rows, delimiter=";")
    return name, pws


def p_header_variants_xlsx_hidden_sheet(d: Path, rng: random.Random, i: int) -> Result:
    """A multi-sheet book; the credentials sit on a hidden sheet under abbreviated/qualified labels."""
    pws = [_password(rng) for _ in range(6)]
    visible: list[list[object]] = [
        ["Projekt", "Status"],
        ["Umzug Büro", "offen"],
        ["Server Tausch", "erledigt"],
    ]
    sv: list[list[object]] = [
        ["Tjänst", "Användare", "Lösen", "Kommentar"],
        ["Fortnox", "ekonomi@lindqvist.se", pws[0], ""],
        ["Router", "admin", pws[1], "Telia"],
    ]
    de: list[list[object]] = [
        ["Gerät", "Login", "Kennw.", "Notiz"],
        ["Firewall", "admin", pws[2], ""],
        ["Switch", "manager", pws[3], "Core"],
    ]
    it: list[list[object]] = [
        ["Servizio", "Utente", "Chiave di accesso", "Note"],
        ["Gestionale", "amministrazione", pws[4], ""],
        ["NAS", "admin", pws[5], "QNAP"],
    ]
    name = f"o{i:03d}_projekte_und_mehr.xlsx"
    _xlsx(d / name, {"Projekte": visible, "SE": sv, "DE": de, "IT": it}, hidden_sheets=["DE", "IT"])
    return name, pws


def p_header_variants_xls(d: Path, rng: random.Random, i: int) -> Result:
    pws = [_password(rng) for _ in range(4)]
    rows: list[list[object]] = [
        ["Équipement", "Identifiant", "Mot de passe admin", "Remarque"],
        ["Serveur", "Administrateur", pws[0], "Windows 2019"],
        ["Pare-feu", "admin", pws[1], "Stormshield"],
        ["Copieur", "admin", pws[2], "Canon"],
        ["Caméras", "admin", pws[3], "Hikvision NVR"],
    ]
    name = f"o{i:03d}_equipements_admin.xls"
    make_xls(d / name, {"Feuil1": rows})
    return name, pws


def p_header_variants_ods(d: Path, rng: random.Random, i: int) -> Result:
    labels = [
        "Hasło (tymczasowe)",
        "Contraseña WiFi",
        "Senha do admin",
        "Wachtw.",
        "Adgangskode",
        "Salasana",
        "Heslo",
        "PW (aktuell)",
        "Passwort neu",
        "Admin PW",
        "Pwd",
        "Passcode",
    ]
    label = rng.choice(labels)
    pws = [_password(rng) for _ in range(3)]
    rows: list[list[object]] = [
        ["Nr", "Device", "Account", label, "Comment"],
        [1, "Router", "admin", pws[0], ""],
        [2, "AP Lobby", "admin", pws[1], "Ubiquiti"],
        [3, "Server", "administrator", pws[2], "DC01"],
    ]
    name = f"o{i:03d}_devices_{rng.randint(10, 99)}.ods"
    make_ods(d / name, {"Sheet1": rows})
    return name, pws


def p_header_variants_csv(d: Path, rng: random.Random, i: int) -> Result:
    pws = [_password(rng) for _ in range(4)]
    rows: list[list[object]] = [["Dispositivo", "Utente", "Password amministratore", "Password Wi-Fi"]]
    for device in ("Router Fastweb", "Access point"):
        rows.append([device, "admin", pws.pop(), pws.pop()])
    all_pws = [str(r[2]) for r in rows[1:]] + [str(r[3]) for r in rows[1:]]
    name = f"o{i:03d}_rete_ufficio.csv"
    make_csv(d / name, rows, delimiter=";")
    return name, all_pws


def p_headerless_pm_export(d: Path, rng: random.Random, i: int) -> Result:
    """A password-manager export with the header row removed; columns only recognisable by content."""
    pws = [_password(rng) for _ in range(6)]
    rows: list[list[object]] = []
    sites = ["Swisscom", "PostFinance", "Microsoft 365", "Synology", "Ricoh", "Bexio"]
    for pw, site in zip(pws, sites, strict=True):
        rows.append(
            ["Kunden/Weber", site, _email(rng), pw, f"https://{site.lower().replace(' ', '')}.ch", ""]
        )
    name = f"o{i:03d}_keepass_export_ohne_kopf.csv"
    make_csv(d / name, rows)
    return name, pws


def p_headerless_browser_export(d: Path, rng: random.Random, i: int) -> Result:
    pws = [_password(rng) for _ in range(5)]
    rows: list[list[object]] = []
    for pw in pws:
        site = rng.choice(
            ["portal.azure.com", "my.ovh.com", "app.hubspot.com", "admin.google.com", "login.ionos.de"]
        )
        rows.append([site, f"https://{site}/login", _email(rng), pw])
    name = f"o{i:03d}_chrome_pw_{rng.randint(1, 9)}.csv"
    make_csv(d / name, rows)
    return name, pws


def p_entra_bulk_users(d: Path, rng: random.Random, i: int) -> Result:
    pws = [_password(rng) for _ in range(5)]
    rows: list[list[object]] = [
        ["version:v1.0"],
        [
            "Name [displayName] Required",
            "User name [userPrincipalName] Required",
            "Initial password [passwordProfile] Required",
            "Block sign in (Yes/No) [accountEnabled] Required",
            "First name [givenName]",
            "Last name [surname]",
            "Job title [jobTitle]",
            "Department [department]",
        ],
    ]
    for pw in pws:
        first, last = _person(rng)
        rows.append(
            [
                f"{first} {last}",
                f"{first.lower()}.{last.lower()}@treuhand-weber.ch",
                pw,
                "No",
                first,
                last,
                rng.choice(["Sachbearbeiter", "Lernende", "Partner"]),
                "Treuhand",
            ]
        )
    name = f"o{i:03d}_entra_bulk_create.csv"
    make_csv(d / name, rows)
    return name, pws


def p_google_bulk_users(d: Path, rng: random.Random, i: int) -> Result:
    pws = [_password(rng) for _ in range(4)]
    rows: list[list[object]] = [
        [
            "First Name [Required]",
            "Last Name [Required]",
            "Email Address [Required]",
            "Password [Required]",
            "Password Hash Function [UPLOAD ONLY]",
            "Org Unit Path [Required]",
            "New Primary Email [UPLOAD ONLY]",
            "Recovery Email",
            "Change Password at Next Sign-In",
        ],
    ]
    for pw in pws:
        first, last = _person(rng)
        rows.append([first, last, f"{first.lower()}@atelier-rossi.it", pw, "", "/Staff", "", "", "TRUE"])
    name = f"o{i:03d}_workspace_upload.csv"
    make_csv(d / name, rows)
    return name, pws


def p_bitlocker_csv(d: Path, rng: random.Random, i: int) -> Result:
    keys = [_bitlocker_key(rng) for _ in range(4)]
    rows: list[list[object]] = [["ComputerName", "KeyId", "RecoveryPassword", "Date"]]
    for key in keys:
        rows.append([f"NB-{rng.randint(100, 999)}", "{" + _guid(rng) + "}", key, _date(rng)])
    name = f"o{i:03d}_bitlocker_keys_ad.csv"
    make_csv(d / name, rows)
    return name, keys


def p_bitlocker_txt(d: Path, rng: random.Random, i: int) -> Result:
    key = _bitlocker_key(rng)
    if rng.random() < 0.5:
        text = (
            "BitLocker Drive Encryption recovery key\n\n"
            "To verify that this is the correct recovery key, compare the start of the following identifier "
            "with the identifier value displayed on your PC.\n\n"
            f"Identifier:\n\n\t{_guid(rng)}\n\n"
            "If the above identifier matches the one displayed by your PC, then use the following key to "
            f"unlock your drive.\n\nRecovery Key:\n\n\t{key}\n\n"
            "If the above identifier doesn't match the one displayed by your PC, then this isn't the right "
            "key to unlock your drive.\nTry another recovery key, or refer to "
            "https://go.microsoft.com/fwlink/?LinkID=260589 "
            "for additional assistance.\n"
        )
    else:
        text = (
            "BitLocker-Wiederherstellungsschlüssel\n\n"
            "Um zu überprüfen, ob dies der richtige Wiederherstellungsschlüssel ist, vergleichen Sie den "
            "Anfang "
            "des folgenden Bezeichners mit dem auf Ihrem PC angezeigten Bezeichnerwert.\n\n"
            f"Bezeichner:\n\n\t{_guid(rng)}\n\n"
            "Wenn der obige Bezeichner mit dem auf Ihrem PC angezeigten übereinstimmt, verwenden Sie den "
            "folgenden Schlüssel, um das Laufwerk zu entsperren.\n\n"
            f"Wiederherstellungsschlüssel:\n\n\t{key}\n"
        )
    name = f"o{i:03d}_BitLocker-Wiederherstellungsschluessel {_guid(rng)[:8]}.TXT"
    make_text(d / name, text, encoding="utf-16")
    return name, [key]


def p_bitlocker_sheet(d: Path, rng: random.Random, i: int) -> Result:
    keys = [_bitlocker_key(rng) for _ in range(3)]
    rows: list[list[object]] = [["Gerät", "Benutzer", "Wiederherstellungsschlüssel", "Datum"]]
    for key in keys:
        rows.append([f"LT-{rng.randint(10, 99)}", _login(rng), key, _date(rng)])
    name = f"o{i:03d}_laptops_bitlocker.xlsx"
    _xlsx(d / name, {"Laptops": rows})
    return name, keys


def p_bitwarden_totp(d: Path, rng: random.Random, i: int) -> Result:
    header = [
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
    ]
    planted: list[str] = []
    rows: list[list[object]] = [header]
    for site in ("Microsoft 365 Admin", "Hetzner Robot", "Cloudflare", "Unifi Cloud"):
        pw, seed = _password(rng), _totp_seed(rng)
        planted += [pw, seed]
        rows.append(
            [
                "MSP",
                "",
                "login",
                site,
                "",
                "",
                "0",
                f"https://{site.split()[0].lower()}.com",
                _email(rng),
                pw,
                seed,
            ]
        )
    name = f"o{i:03d}_bitwarden_export_{rng.randint(1000, 9999)}.csv"
    make_csv(d / name, rows)
    return name, planted


def p_totp_sheet(d: Path, rng: random.Random, i: int) -> Result:
    """A '2FA secret' column next to the password in a hand-made sheet."""
    planted: list[str] = []
    rows: list[list[object]] = [["Portal", "Benutzer", "Kennwort", "2FA-Schlüssel (TOTP)"]]
    for portal in ("Azure", "DATEV", "Hetzner"):
        pw, seed = _password(rng), _totp_seed(rng)
        planted += [pw, seed]
        rows.append([portal, _email(rng), pw, seed])
    name = f"o{i:03d}_portale_mfa.xlsx"
    _xlsx(d / name, {"Portale": rows})
    return name, planted


def p_sparse_sheet_offset(d: Path, rng: random.Random, i: int) -> Result:
    """A table starting at column D, row 6, after a logo area; blank separator columns inside."""
    pws = [_password(rng) for _ in range(3)]
    rows: list[list[object]] = [[] for _ in range(5)]
    rows.append([None, None, None, "Anlage", None, "Benutzer", None, "Kennwort"])
    for pw, device in zip(pws, ("Alarmanlage", "Videoserver", "Zutritt"), strict=True):
        rows.append([None, None, None, device, None, "installer", None, pw])
    name = f"o{i:03d}_sicherheitstechnik.xlsx"
    _xlsx(d / name, {"Anlagen": rows})
    return name, pws


def p_shuffled_columns_multi_sheet(d: Path, rng: random.Random, i: int) -> Result:
    """Several client sheets, each with the same columns in another order."""
    base = ["Kunde", "System", "Benutzer", "Passwort", "Letzte Änderung", "Notiz"]
    sheets: dict[str, list[list[object]]] = {}
    planted: list[str] = []
    for client in ("Meier", "Rossi", "Novak"):
        order = base[:]
        rng.shuffle(order)
        rows: list[list[object]] = [order]
        for _ in range(3):
            pw = _password(rng)
            planted.append(pw)
            values = {
                "Kunde": client,
                "System": rng.choice(["VPN", "ERP", "Mail", "WLAN"]),
                "Benutzer": _login(rng),
                "Passwort": pw,
                "Letzte Änderung": _date(rng),
                "Notiz": rng.choice(["", "ok", "tauschen"]),
            }
            rows.append([values[h] for h in order])
        sheets[client] = rows
    name = f"o{i:03d}_kunden_zugaenge_gesamt.xlsx"
    _xlsx(d / name, sheets)
    return name, planted


# ---------------------------------------------------------------------------------------------------------
# Notes with passwords (labels with punctuation, free-form technician notes)
# ---------------------------------------------------------------------------------------------------------


def p_punctuated_labels_txt(d: Path, rng: random.Random, i: int) -> Result:
    pws = [_password(rng) for _ in range(5)]
    text = (
        "Installation bureau Lefebvre – notes\n"
        f"Clé Wi-Fi: {pws[0]}\n"
        f"DSRM-Kennwort (Verzeichnisdienst-Wiederherstellung): {pws[1]}\n"
        f"WLAN-Schlüssel (5 GHz): {pws[2]}\n"
        f"Mot de passe (admin local) : {pws[3]}\n"
        f"E-Mail-Kennwort – Sekretariat: {pws[4]}\n"
    )
    name = f"o{i:03d}_notes_installation.txt"
    make_text(d / name, text)
    return name, pws


def p_punctuated_labels_docx(d: Path, rng: random.Random, i: int) -> Result:
    pws = [_password(rng) for _ in range(3)]
    paras = [
        "Übergabe Server DC02",
        "Domäne: praxis.local",
        f"DSRM-Kennwort (Verzeichnisdienst-Wiederherstellungsmodus): {pws[0]}",
        f"Code d'accès Wi-Fi (invités) : {pws[1]}",
        f"Passwort (neu, gültig ab 01.03.): {pws[2]}",
    ]
    name = f"o{i:03d}_uebergabe_dc02.docx"
    make_docx(d / name, paras)
    return name, pws


def p_freeform_tech_notes(d: Path, rng: random.Random, i: int) -> Result:
    pws = [_password(rng) for _ in range(4)]
    text = (
        f"{_date(rng)} vor Ort bei Weber\n"
        f"- changed Alarmanlage Web password to {pws[0]} (user installer)\n"
        f"- Draytek Vigor -> admin -> ww {pws[1]}\n"
        "- Drucker neu eingerichtet, Scan to Folder geht wieder\n"
        f"- KeePass Master: {pws[2]}\n"
        f"- Kennwort vom Switch geändert auf {pws[3]}\n"
    )
    name = f"o{i:03d}_einsatz_notizen.txt"
    make_text(d / name, text)
    return name, pws


def p_password_alone_below_url(d: Path, rng: random.Random, i: int) -> Result:
    pws = [_password(rng) for _ in range(2)]
    text = (
        "Bankportal\n"
        "https://ebanking.zkb.ch\n"
        f"{_email(rng)}\n"
        f"{pws[0]}\n"
        "\n"
        "Hosting\n"
        "https://my.hostpoint.ch\n"
        "kunde-48211\n"
        f"{pws[1]}\n"
    )
    name = f"o{i:03d}_logins_chef.txt"
    make_text(d / name, text)
    return name, pws


def p_pfx_password_beside(d: Path, rng: random.Random, i: int) -> Result:
    """A certificate's password in a text file named after the .pfx next to it."""
    pw = _password(rng)
    (d / f"o{i:03d}_wildcard_weber_2025.pfx").write_bytes(
        b"0\x82\x0a\x00" + bytes(rng.randrange(256) for _ in range(64))
    )
    text = rng.choice([f"{pw}\n", f"Kennwort für wildcard_weber_2025.pfx: {pw}\n", f"pfx pw {pw}\n"])
    name = f"o{i:03d}_wildcard_weber_2025_pfx_kennwort.txt"
    make_text(d / name, text)
    return name, [pw]


def p_arrow_notes_multilang(d: Path, rng: random.Random, i: int) -> Result:
    pws = [_password(rng) for _ in range(3)]
    text = (
        "Notas técnico / notes technicien\n"
        f"Fortigate 60F => admin => {pws[0]}\n"
        f"routeur Livebox → admin → {pws[1]}\n"
        f"NAS: admin / {pws[2]}\n"
    )
    name = f"o{i:03d}_notas_visita.txt"
    make_text(d / name, text)
    return name, pws


def p_ticket_note_eml(d: Path, rng: random.Random, i: int) -> Result:
    pw = _password(rng)
    body = (
        "Hallo zusammen,\n\n"
        f"das Passwort vom Gäste-WLAN habe ich heute auf {pw} geändert, bitte Aushang im Empfang "
        "tauschen.\n\n"
        "Gruss\nBruno"
    )
    name = f"o{i:03d}_wlan_geaendert.eml"
    make_eml(d / name, "WLAN Gäste neu", body)
    return name, [pw]


# ---------------------------------------------------------------------------------------------------------
# Look-alikes without a password
# ---------------------------------------------------------------------------------------------------------


def n_training_record(d: Path, rng: random.Random, i: int) -> Result:
    """The first data row's course is 'Passwort-Sicherheit'; it is data, not a header."""
    rows: list[list[object]] = [["Mitarbeiter", "Kurs", "Datum", "Status", "Punkte"]]
    courses = ["Passwort-Sicherheit", "Phishing erkennen", "Datenschutz DSGVO", "Passwort-Sicherheit"]
    for _ in range(12):
        first, last = _person(rng)
        rows.append(
            [
                f"{first} {last}",
                rng.choice(courses),
                _date(rng),
                rng.choice(["bestanden", "offen"]),
                rng.randint(40, 100),
            ]
        )
    rows[1][1] = "Passwort-Sicherheit"
    name = f"o{i:03d}_schulungsnachweis.xlsx"
    _xlsx(d / name, {"Schulungen": rows})
    return name, []


def n_training_record_headerless(d: Path, rng: random.Random, i: int) -> Result:
    rows: list[list[object]] = []
    for _ in range(10):
        first, last = _person(rng)
        rows.append(
            [
                f"{last}, {first}",
                rng.choice(["Password security", "Mot de passe et MFA", "Phishing"]),
                _date(rng),
                rng.choice(["passed", "failed"]),
            ]
        )
    rows[0][1] = "Password security"
    name = f"o{i:03d}_awareness_results.csv"
    make_csv(d / name, rows)
    return name, []


def n_ticket_export(d: Path, rng: random.Random, i: int) -> Result:
    rows: list[list[object]] = [["Ticket", "Betreff", "Kunde", "Status", "Erstellt"]]
    subjects = [
        "Wachtwoord vergeten {n}",
        "Passwort zurücksetzen für {n}",
        "Mot de passe oublié – {n}",
        "Password reset request {n}",
        "Drucker druckt nicht",
        "Outlook startet nicht",
        "Kennwort abgelaufen {n}",
    ]
    for t in range(20):
        first, last = _person(rng)
        rows.append(
            [
                f"T{40000 + t}",
                rng.choice(subjects).format(n=f"{first} {last}"),
                rng.choice(["Weber", "Rossi", "Janssens"]),
                rng.choice(["Neu", "Erledigt"]),
                _date(rng),
            ]
        )
    rows[1][1] = f"Wachtwoord vergeten {' '.join(_person(rng))}"
    name = f"o{i:03d}_tickets_export.csv"
    make_csv(d / name, rows, delimiter=";")
    return name, []


def n_ticket_subject_eml(d: Path, rng: random.Random, i: int) -> Result:
    first, last = _person(rng)
    body = (
        f"Beste,\n\n{first} {last} kan niet meer inloggen. Graag het wachtwoord resetten.\n\nMvg\nservicedesk"
    )
    name = f"o{i:03d}_ticket_wachtwoord.eml"
    make_eml(d / name, f"Wachtwoord vergeten {first} {last}", body)
    return name, []


def n_redacted_values(d: Path, rng: random.Random, i: int) -> Result:
    text = (
        "Exportierte Konfiguration (bereinigt)\n"
        "Benutzer: admin\n"
        "Lösen: <redacted>\n"
        "Passwort: [entfernt]\n"
        "Mot de passe : ********\n"
        "Kennwort: (siehe KeePass)\n"
        "Password: REDACTED\n"
        "Wachtwoord: <verwijderd>\n"
    )
    name = f"o{i:03d}_config_bereinigt.txt"
    make_text(d / name, text)
    return name, []


def n_redacted_sheet(d: Path, rng: random.Random, i: int) -> Result:
    rows: list[list[object]] = [["Gerät", "Benutzer", "Passwort", "Notiz"]]
    for device in ("Firewall", "NAS", "Switch", "Router"):
        rows.append(
            [device, "admin", rng.choice(["<redacted>", "********", "[im Tresor]", "siehe KeePass", "—"]), ""]
        )
    name = f"o{i:03d}_geraete_bereinigt.xlsx"
    _xlsx(d / name, {"Geräte": rows})
    return name, []


def n_package_summaries_tsv(d: Path, rng: random.Random, i: int) -> Result:
    """A package index: one summary mentions a password; nothing below it is a password."""
    summaries = [
        "Library for validating password strength",
        "Python bindings for libfoo",
        "Password hashing helpers",
        "Fast JSON encoder",
        "Command line argument parser",
        "Tools for parsing dates",
        "HTTP client library",
        "Secure password generator",
        "Keyring backend for the desktop",
        "Image processing toolkit",
        "Utilities for working with CSV files",
        "Async database driver",
        "Plugin for test coverage",
    ]
    rows: list[list[object]] = [["name", "version", "date", "summary"]]
    for _n in range(400):
        word = "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(4, 10)))
        rows.append(
            [
                f"python-{word}",
                f"{rng.randint(0, 5)}.{rng.randint(0, 30)}.{rng.randint(0, 9)}",
                _date(rng),
                rng.choice(summaries),
            ]
        )
    rows.insert(9, ["python-absio", "1.2.0", "2023-05-01", "Absio library for validating password"])
    name = f"o{i:03d}_package_summaries.tsv"
    make_csv(d / name, rows, delimiter="\t")
    return name, []


def n_package_summaries_headerless(d: Path, rng: random.Random, i: int) -> Result:
    lines = []
    for _n in range(300):
        word = "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(4, 10)))
        summary = rng.choice(
            [
                "password manager for GNOME",
                "utility library",
                "Password store extension",
                "fonts",
                "documentation",
                "pass: the standard unix password manager",
            ]
        )
        lines.append(f"{word}\t{rng.randint(0, 9)}.{rng.randint(0, 9)}-{rng.randint(1, 5)}\t{summary}")
    name = f"o{i:03d}_pkglist.tsv"
    make_text(d / name, "\n".join(lines) + "\n")
    return name, []


def n_vim_style_tags(d: Path, rng: random.Random, i: int) -> Result:
    """A help 'tags' file: tag, file, search pattern, tab-separated, thousands of lines."""
    tags = [
        "'password'",
        "'pw'",
        "'key'",
        "'cryptmethod'",
        "passwd-file",
        "password-prompt",
        ":X",
        "'secret'",
        "encryption",
        "inputsecret()",
        "getpass()",
        "pass-through",
    ]
    lines = ["!_TAG_FILE_ENCODING\tutf-8\t//"]
    for n in range(1500):
        tag = rng.choice(tags) + (str(n) if rng.random() < 0.7 else "")
        file = rng.choice(["options.txt", "editing.txt", "eval.txt", "builtin.txt"])
        lines.append(f"{tag}\t{file}\t/*{tag}*")
    lines.sort()
    name = f"o{i:03d}_tags" if (d / "tags").exists() else "tags"
    make_text(d / name, "\n".join(lines) + "\n")
    return name, []


def n_ad_export_dates(d: Path, rng: random.Random, i: int) -> Result:
    rows: list[list[object]] = [
        [
            "SamAccountName",
            "Enabled",
            "PasswordLastSet",
            "PasswordNeverExpires",
            "PasswordExpired",
            "LastLogonDate",
        ]
    ]
    for _ in range(25):
        rows.append(
            [
                _login(rng),
                rng.choice(["True", "False"]),
                f"{_date(rng)} 08:1{rng.randint(0, 9)}",
                rng.choice(["True", "False"]),
                "False",
                _date(rng),
            ]
        )
    name = f"o{i:03d}_ad_users_report.csv"
    make_csv(d / name, rows)
    return name, []


def n_password_status_sheet(d: Path, rng: random.Random, i: int) -> Result:
    rows: list[list[object]] = [
        ["Benutzer", "Passwort geändert", "Passwort gültig bis", "Passwort vorhanden", "Passwortrichtlinie"]
    ]
    for _ in range(10):
        rows.append(
            [
                _login(rng),
                _date(rng),
                _date(rng),
                rng.choice(["Ja", "Nein"]),
                "min. 12 Zeichen, Gross-/Kleinbuchstaben, Ziffer, Sonderzeichen",
            ]
        )
    name = f"o{i:03d}_passwortstatus.xlsx"
    _xlsx(d / name, {"Status": rows})
    return name, []


def n_policy_prose_column(d: Path, rng: random.Random, i: int) -> Result:
    rows: list[list[object]] = [["Système", "Mot de passe", "Responsable"]]
    for system in ("Messagerie", "ERP", "VPN", "Wi-Fi", "Poste"):
        rows.append(
            [
                system,
                rng.choice(
                    [
                        "géré par le prestataire",
                        "changé tous les 90 jours",
                        "voir coffre-fort",
                        "non communiqué",
                        "défini par l'utilisateur",
                    ]
                ),
                "Service IT",
            ]
        )
    name = f"o{i:03d}_politique_acces.ods"
    make_ods(d / name, {"Politique": rows})
    return name, []


def n_wide_no_password(d: Path, rng: random.Random, i: int) -> Result:
    width = rng.randint(45, 65)
    header = _wide_header(rng, width, -1, -1)
    rows: list[list[object]] = [header] + [[_wide_value(rng, label) for label in header] for _ in range(8)]
    name = f"o{i:03d}_asset_inventory_{width}.xlsx"
    _xlsx(d / name, {"Assets": rows}, hidden_columns={"Assets": [4, 9]})
    return name, []


def n_hidden_column_vault_refs(d: Path, rng: random.Random, i: int) -> Result:
    rows: list[list[object]] = [["Gerät", "IP", "Intern", "Benutzer", "Passwort", "Garantie"]]
    for device in ("Firewall", "NAS", "Switch"):
        rows.append([device, _ip(rng), "x", "admin", "siehe Passbolt", _date(rng)])
    name = f"o{i:03d}_geraete_tresor.xlsx"
    _xlsx(d / name, {"Geräte": rows}, hidden_columns={"Geräte": [2]})
    return name, []


def n_vertical_block_empty(d: Path, rng: random.Random, i: int) -> Result:
    rows: list[list[object]] = [
        ["Router Filiale", None, None, "NAS", None],
        ["IP", _ip(rng), None, "IP", _ip(rng)],
        ["Benutzer", "admin", None, "Benutzer", "admin"],
        ["Passwort", "im Tresor", None, "Passwort", None],
        ["Standort", "Keller", None, "Modell", "DS220+"],
    ]
    name = f"o{i:03d}_steckbrief_filiale.xlsx"
    _xlsx(d / name, {"Übersicht": rows})
    return name, []


def n_bulk_template_empty(d: Path, rng: random.Random, i: int) -> Result:
    rows: list[list[object]] = [
        ["version:v1.0"],
        [
            "Name [displayName] Required",
            "User name [userPrincipalName] Required",
            "Initial password [passwordProfile] Required",
            "Block sign in (Yes/No) [accountEnabled] Required",
        ],
        ["Example: Chris Green", "Example: chris@contoso.com", "Example: <password>", "Example: No"],
    ]
    name = f"o{i:03d}_UserCreateTemplate.csv"
    make_csv(d / name, rows)
    return name, []


def n_bitlocker_protectors(d: Path, rng: random.Random, i: int) -> Result:
    rows: list[list[object]] = [
        ["ComputerName", "KeyProtectorId", "KeyProtectorType", "VolumeStatus", "Date"]
    ]
    for _ in range(8):
        rows.append(
            [
                f"NB-{rng.randint(100, 999)}",
                "{" + _guid(rng) + "}",
                rng.choice(["Tpm", "TpmPin"]),
                "FullyEncrypted",
                _date(rng),
            ]
        )
    name = f"o{i:03d}_bitlocker_status.csv"
    make_csv(d / name, rows)
    return name, []


def n_vault_export_no_secrets(d: Path, rng: random.Random, i: int) -> Result:
    header = [
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
    ]
    rows: list[list[object]] = [header]
    for site in ("Hetzner", "Cloudflare", "Bank"):
        rows.append(["MSP", "", "note", site, "Zugang beim Kunden erfragen", "", "0", "", "", "", ""])
    name = f"o{i:03d}_bitwarden_notes_only.csv"
    make_csv(d / name, rows)
    return name, []


def n_headerless_contacts(d: Path, rng: random.Random, i: int) -> Result:
    rows: list[list[object]] = []
    for _ in range(15):
        first, last = _person(rng)
        rows.append(
            [
                f"{first} {last}",
                f"{first.lower()}@example.ch",
                f"+41 44 {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
                rng.choice(["Zürich", "Bern", "Basel"]),
                _serial(rng),
            ]
        )
    name = f"o{i:03d}_kontakte.csv"
    make_csv(d / name, rows)
    return name, []


def n_sshd_log(d: Path, rng: random.Random, i: int) -> Result:
    lines = []
    for _ in range(200):
        user = rng.choice(["admin", "root", "oracle", "test", "ubuntu"])
        lines.append(
            f"Dec  3 0{rng.randint(0, 9)}:{rng.randint(10, 59)}:{rng.randint(10, 59)} "
            f"srv sshd[{rng.randint(1000, 9999)}]: "
            f"Failed password for invalid user {user} from 203.0.113.{rng.randint(1, 250)} port "
            f"{rng.randint(30000, 60000)} ssh2"
        )
    name = f"o{i:03d}_auth.log"
    make_text(d / name, "\n".join(lines) + "\n")
    return name, []


def n_changelog(d: Path, rng: random.Random, i: int) -> Result:
    text = (
        "Version 4.2.0\n"
        "- Fix password validation when the policy requires symbols\n"
        "- Password: minimum length raised to 12\n"
        "- New option pass-through for LDAP\n"
        "Version 4.1.3\n"
        "- Kennwort: Anzeige maskiert\n"
        "- Clé Wi-Fi : affichage du QR code corrigé\n"
    )
    name = f"o{i:03d}_CHANGELOG.txt"
    make_text(d / name, text)
    return name, []


def n_notes_without_password(d: Path, rng: random.Random, i: int) -> Result:
    text = (
        f"{_date(rng)} Einsatz Weber\n"
        "- Passwort des Routers wurde geändert (neues im Tresor)\n"
        "- KeePass Master-Passwort liegt beim Chef im Safe\n"
        "- Clé Wi-Fi : voir étiquette sous la box\n"
        "- Draytek Vigor -> Firmware 4.4.2 -> Neustart ok\n"
        "- DSRM-Kennwort (Verzeichnisdienst-Wiederherstellung): im Passwortmanager hinterlegt\n"
    )
    name = f"o{i:03d}_einsatz_ohne_kennwort.txt"
    make_text(d / name, text)
    return name, []


def n_url_account_no_password(d: Path, rng: random.Random, i: int) -> Result:
    text = (
        "Bankportal\nhttps://ebanking.zkb.ch\n"
        f"{_email(rng)}\n(Passwort hat nur der Chef)\n\n"
        "Hosting\nhttps://my.hostpoint.ch\nkunde-48211\nLogin per Passkey\n"
    )
    name = f"o{i:03d}_logins_ohne.txt"
    make_text(d / name, text)
    return name, []


def n_shuffled_sheet_no_pw(d: Path, rng: random.Random, i: int) -> Result:
    header = ["Kunde", "System", "Benutzer", "Passwort", "Letzte Änderung"]
    rng.shuffle(header)
    rows: list[list[object]] = [header]
    for _ in range(4):
        values = {
            "Kunde": "Weber",
            "System": "VPN",
            "Benutzer": _login(rng),
            "Passwort": "",
            "Letzte Änderung": _date(rng),
        }
        rows.append([values[h] for h in header])
    name = f"o{i:03d}_kunden_ohne_pw.xlsx"
    _xlsx(d / name, {"Kunden": rows})
    return name, []


def n_inventory_versions(d: Path, rng: random.Random, i: int) -> Result:
    rows: list[list[object]] = [["Software", "Version", "Lizenzschlüssel vorhanden", "Pass-Through", "Datum"]]
    for _ in range(20):
        rows.append(
            [
                rng.choice(["Office", "Acrobat", "Sage", "AnyDesk"]),
                f"{rng.randint(1, 24)}.{rng.randint(0, 9)}",
                rng.choice(["ja", "nein"]),
                rng.choice(["aktiv", "inaktiv"]),
                _date(rng),
            ]
        )
    name = f"o{i:03d}_software_inventar.xlsx"
    _xlsx(d / name, {"Software": rows})
    return name, []


# ---------------------------------------------------------------------------------------------------------
# Classes other areas own (measured here, not part of generate()'s bars)
# ---------------------------------------------------------------------------------------------------------


def x_cell_comment(d: Path, rng: random.Random, i: int) -> Result:
    pw = _password(rng)
    rows: list[list[object]] = [["Gerät", "IP", "Standort"], ["Firewall", _ip(rng), "Serverraum"]]
    name = f"o{i:03d}_geraete_kommentar.xlsx"
    _xlsx(d / name, {"Geräte": rows}, comments={"Geräte": {"A2": f"Passwort: {pw}"}})
    return name, [pw]


def x_pdf_table(d: Path, rng: random.Random, i: int) -> Result:
    pws = [_password(rng) for _ in range(3)]
    lines = ["Netzwerkdokumentation", "Gerät | IP | Benutzer | Passwort"]
    for pw, dev in zip(pws, ("HPE iLO", "Switch Core", "USV"), strict=True):
        lines.append(f"{dev} | 172.16.1.{rng.randint(2, 250)} | Administrator | {pw}")
    name = f"o{i:03d}_netzdoku.pdf"
    make_pdf(d / name, [lines])
    return name, pws


def x_docx_textbox(d: Path, rng: random.Random, i: int) -> Result:
    pw = _password(rng)
    name = f"o{i:03d}_aushang_wlan.docx"
    make_docx(d / name, ["Willkommen im Büro"], textboxes=[f"WLAN-Passwort: {pw}"])
    return name, [pw]


def _cisco7(plain: str, rng: random.Random) -> str:
    key = "dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv9873254k;fg87"
    seed = rng.randint(0, 15)
    return f"{seed:02d}" + "".join(
        f"{ord(c) ^ ord(key[(seed + n) % len(key)]):02X}" for n, c in enumerate(plain)
    )


def x_cisco_config(d: Path, rng: random.Random, i: int) -> Result:
    pw, community = _password(rng), f"{rng.choice(_WORDS).lower()}RO{rng.randint(10, 99)}"
    text = (
        "hostname SW-CORE\n!\n"
        f"username admin privilege 15 password 7 {_cisco7(pw, rng)}\n"
        "enable secret 9 $9$abcdefghijklmn$abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ\n"
        f"snmp-server community {community} RO\n!\nend\n"
    )
    name = f"o{i:03d}_sw-core-confg.txt"
    make_text(d / name, text)
    return name, [pw, community]


def x_mikrotik(d: Path, rng: random.Random, i: int) -> Result:
    psk, upw = _password(rng), _password(rng)
    text = (
        "# dec/02/2025 10:11:12 by RouterOS 7.14\n"
        f"/interface wireless security-profiles\nset [ find default=yes ] authentication-types=wpa2-psk "
        f"mode=dynamic-keys wpa2-pre-shared-key={psk}\n"
        f"/user\nadd group=full name=techniker password={upw}\n"
    )
    name = f"o{i:03d}_mikrotik_export.rsc"
    make_text(d / name, text)
    return name, [psk, upw]


def x_fortigate(d: Path, rng: random.Random, i: int) -> Result:
    psk = _password(rng)
    text = (
        'config vpn ipsec phase1-interface\n    edit "to-branch"\n        set interface "wan1"\n'
        f"        set psksecret {psk}\n    next\nend\n"
        'config system admin\n    edit "admin"\n'
        "        set password ENC SH2abcdefghijklmnopqrstuvwxyz0123456789\n"
        "    next\nend\n"
    )
    name = f"o{i:03d}_fgt_backup.conf"
    make_text(d / name, text)
    return name, [psk]


def x_code_passes_variable(d: Path, rng: random.Random, i: int) -> Result:
    text = (
        "import os\nimport paramiko\n\nSFTP_PASS = os.environ['SFTP_PASS']\n\n"
        "def upload(host):\n    client = paramiko.SSHClient()\n"
        "    client.connect(host, username='backup', password=SFTP_PASS)\n"
    )
    name = f"o{i:03d}_upload_backup.py"
    make_text(d / name, text)
    return name, []


def x_keyvault_reference(d: Path, rng: random.Random, i: int) -> Result:
    text = (
        '{\n  "DbPassword": "@Microsoft.KeyVault(SecretUri=https://kv-weber.vault.azure.net/secrets/db/)",\n'
        '  "SmtpPassword": "@Microsoft.KeyVault(VaultName=kv-weber;SecretName=smtp)"\n}\n'
    )
    name = f"o{i:03d}_appsettings.Production.json"
    make_text(d / name, text)
    return name, []


POSITIVES: dict[str, tuple[Builder, ...]] = {
    "hidden-columns": (p_hidden_column_before_password, p_hidden_password_column, p_wide_sheet_with_hidden),
    "wide-sheets": (p_wide_asset_export, p_wide_csv_export),
    "header-not-first-row": (
        p_title_rows_above_header,
        p_merged_group_header,
        p_merged_group_header_ods,
        p_sparse_sheet_offset,
    ),
    "vertical-blocks": (p_vertical_blocks, p_vertical_blocks_multilang),
    "account-and-password-in-one-cell": (p_one_cell_account_password, p_one_cell_account_password_csv),
    "header-variants": (
        p_header_variants_xlsx_hidden_sheet,
        p_header_variants_xls,
        p_header_variants_ods,
        p_header_variants_csv,
        p_shuffled_columns_multi_sheet,
    ),
    "exports": (
        p_headerless_pm_export,
        p_headerless_browser_export,
        p_entra_bulk_users,
        p_google_bulk_users,
        p_bitlocker_csv,
        p_bitlocker_txt,
        p_bitlocker_sheet,
        p_bitwarden_totp,
        p_totp_sheet,
    ),
    "punctuated-labels": (p_punctuated_labels_txt, p_punctuated_labels_docx),
    "free-form-notes": (
        p_freeform_tech_notes,
        p_password_alone_below_url,
        p_pfx_password_beside,
        p_arrow_notes_multilang,
        p_ticket_note_eml,
    ),
}
NEGATIVES: dict[str, tuple[Builder, ...]] = {
    "data-row-not-header": (
        n_training_record,
        n_training_record_headerless,
        n_package_summaries_tsv,
        n_package_summaries_headerless,
        n_vim_style_tags,
    ),
    "ticket-subjects": (n_ticket_export, n_ticket_subject_eml),
    "redacted": (n_redacted_values, n_redacted_sheet),
    "password-metadata-columns": (
        n_ad_export_dates,
        n_password_status_sheet,
        n_policy_prose_column,
        n_inventory_versions,
        n_bitlocker_protectors,
    ),
    "table-look-alikes": (
        n_wide_no_password,
        n_hidden_column_vault_refs,
        n_vertical_block_empty,
        n_bulk_template_empty,
        n_vault_export_no_secrets,
        n_headerless_contacts,
        n_shuffled_sheet_no_pw,
    ),
    "notes-look-alikes": (n_sshd_log, n_changelog, n_notes_without_password, n_url_account_no_password),
}
OTHERS: dict[str, tuple[Builder, ...]] = {
    "formats: cell comments, docx text boxes": (x_cell_comment, x_docx_textbox),
    "ocr: PDF tables": (x_pdf_table,),
    "rules: device configs": (x_cisco_config, x_mikrotik, x_fortigate),
    "precision: variables and references": (x_code_passes_variable, x_keyvault_reference),
}

_CLASS_OF: dict[str, str] = {}


def _write(
    directory: Path, seed: int, groups: Sequence[dict[str, tuple[Builder, ...]]]
) -> dict[str, list[str]]:
    rng = random.Random(seed)
    tagged = [
        (cls, b) for group in groups for cls, builders in group.items() for b in builders for _ in range(2)
    ]
    rng.shuffle(tagged)
    labels: dict[str, list[str]] = {}
    for index, (cls, builder) in enumerate(tagged):
        name, passwords = builder(directory, rng, index)
        assert name not in labels, name
        labels[name] = passwords
        _CLASS_OF[name] = cls
    return labels


def generate(directory: Path, seed: int) -> dict[str, list[str]]:
    """The table and notes classes (two files per builder): {file name: planted passwords}."""
    return _write(directory, seed, (POSITIVES, NEGATIVES))


def generate_others(directory: Path, seed: int) -> dict[str, list[str]]:
    """The classes other areas own, for measurement only."""
    return _write(directory, seed, (OTHERS,))


def classes() -> dict[str, str]:
    """{file name: class} for every file written so far."""
    return dict(_CLASS_OF)


if __name__ == "__main__":
    import tempfile

    from tests.accuracy.scoring import evaluate

    for seed in (1, 2):
        for producer in (generate, generate_others):
            with tempfile.TemporaryDirectory() as tmp:
                labels = producer(Path(tmp), seed)
                scores = evaluate(Path(tmp), labels)
                planted = sum(len(v) for v in labels.values())
                print(f"seed {seed} {producer.__name__}: {len(labels)} files, {planted} passwords: {scores}")
                by_class: dict[str, list[int]] = {}
                for name, secrets in labels.items():
                    entry = by_class.setdefault(_CLASS_OF[name], [0, 0, 0])
                    entry[0] += len(secrets)
                    entry[1] += sum(1 for s in secrets if (name, s) in scores.missed)
                    entry[2] += sum(1 for n, _ in scores.false if n == name)
                for cls, (total, missed, false) in sorted(by_class.items()):
                    print(f"    {cls:45s} planted={total:3d} missed={missed:3d} false={false:3d}")
                if "-v" in sys.argv:
                    print(scores.detail())
