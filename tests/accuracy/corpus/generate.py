# ruff: noqa: E501
"""A seeded corpus of realistic MSP file-share documents, with labels, for the accuracy test.

``generate(directory, seed)`` writes real files (xlsx, docx, pptx, pdf, rtf, eml, csv, json, xml, txt,
scripts) and returns {file name: [planted passwords]}; an empty list marks a look-alike that holds no
secret (policies, reset mails, templates, masked lists, "Password last changed" sheets, Pass/Fail sheets,
hash dumps, scripts that prompt). The same seed always gives the same files and labels; passwords change
with the seed so the detectors cannot be tuned to one list. Run as a script to write a corpus to a folder:
``python3 tests/accuracy/corpus/generate.py OUT_DIR [SEED]`` (writes OUT_DIR/labels.json as well).
"""

from __future__ import annotations

import json
import random
import string
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # the checkout, when run as a script

from tests.support.docbuilders import (
    make_csv,
    make_docx,
    make_eml,
    make_pdf,
    make_pptx,
    make_rtf,
    make_text,
    make_xlsx,
)

Labels = dict[str, list[str]]

WORDS = ["Sommer", "Winter", "Herbst", "Fruehling", "Welcome", "Tiger", "Falcon", "Bravo", "Orange", "Kaffee",
         "Sonne", "Monday", "Eagle", "Coyote", "Berlin", "Zurich", "Nordlicht", "Pilot", "Rocket", "Marble"]  # fmt: skip
SYMBOLS = "!#$%&*+-.?@_"
CLIENTS = ["Müller GmbH", "Schmidt & Partner", "Acme Corp", "Dupont SARL", "Bakker BV", "Nordic AB",
           "Weber Steuerberatung", "Praxis Dr. Klein", "Hotel Seeblick", "Autohaus Berg"]  # fmt: skip
SYSTEMS = ["NAS", "Firewall", "Router", "DC01", "ESXi", "iDRAC", "Switch Core", "Printer", "M365 Admin",
           "Backup Server", "VPN", "WLAN Controller", "Telefonanlage", "Kamera NVR"]  # fmt: skip
USERS = ["admin", "administrator", "root", "jdoe", "svc-backup", "it-admin", "m.mueller", "scanner",
         "helpdesk", "j.dupont", "veeam", "sa"]  # fmt: skip


class Planter:
    """Makes distinct, realistic passwords of several styles."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def password(self, style: str | None = None) -> str:
        rng = self.rng
        while True:
            kind = style or rng.choice(["season", "word", "random", "random", "phrase", "long"])
            if kind == "season":
                value = f"{rng.choice(WORDS)}{rng.randint(2019, 2026)}{rng.choice('!#?$')}"
            elif kind == "word":
                value = f"{rng.choice(WORDS)}{rng.choice(SYMBOLS)}{rng.randint(10, 9999)}"
            elif kind == "phrase":
                value = f"{rng.choice(WORDS)}-{rng.choice(WORDS).lower()}-{rng.randint(10, 99)}"
            elif kind == "long":
                value = "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(20))
            elif kind == "digits":
                value = str(rng.randint(10_000_000, 99_999_999))
            elif kind == "pin":
                value = str(rng.randint(1000, 9999))
            else:
                pool = string.ascii_letters + string.digits + SYMBOLS
                value = "".join(rng.choice(pool) for _ in range(rng.randint(9, 14)))
                value = rng.choice(string.ascii_uppercase) + value + str(rng.randint(0, 9))
            if value not in self.used:
                self.used.add(value)
                return value


def _positives(d: Path, p: Planter, rng: random.Random) -> Labels:
    labels: Labels = {}

    def plant(name: str, secrets: list[str]) -> None:
        labels[name] = secrets

    # 1. German client password list, title row, offset block, several clients
    rows: list[list[object]] = [
        ["Zugangsdaten Kunden – Stand 03/2024"],
        [],
        ["Kunde", "System", "Benutzername", "Kennwort", "Bemerkung"],
    ]
    secrets = []
    for client in CLIENTS[:6]:
        pw = p.password()
        secrets.append(pw)
        rows.append(
            [
                client,
                rng.choice(SYSTEMS),
                rng.choice(USERS),
                pw,
                rng.choice(["", "neu seit Jan", "Kunde informiert"]),
            ]
        )
    make_xlsx(d / "Kunden_Zugangsdaten.xlsx", {"Zugänge": rows}, start_cell="B3")
    plant("Kunden_Zugangsdaten.xlsx", secrets)

    # 2. English list with two blocks, each with its own header row
    block_rows: list[list[object]] = [["ACME CORP – network credentials"]]
    secrets = []
    for title in ("Servers", "Network devices"):
        block_rows += [[], [title], ["Host", "IP", "Username", "Password", "Notes"]]
        for _ in range(4):
            pw = p.password()
            secrets.append(pw)
            block_rows.append(
                [
                    rng.choice(SYSTEMS),
                    f"10.0.{rng.randint(0, 9)}.{rng.randint(2, 250)}",
                    rng.choice(USERS),
                    pw,
                    "",
                ]
            )
    make_xlsx(d / "ACME network.xlsx", {"Credentials": block_rows})
    plant("ACME network.xlsx", secrets)

    # 3. hidden sheet with French headers next to a harmless visible sheet
    secrets = [p.password() for _ in range(3)]
    make_xlsx(
        d / "Inventaire_client.xlsx",
        {
            "Inventaire": [
                ["Appareil", "Modèle", "Série"],
                ["Pare-feu", "FortiGate 60F", "FGT60F123"],
                ["NAS", "DS920+", "2050PDN"],
            ],
            "MDP": [["Appareil", "Identifiant", "Mot de passe"]]
            + [[s, u, pw] for s, u, pw in zip(SYSTEMS, USERS, secrets, strict=False)],
        },
        hidden=["MDP"],
    )
    plant("Inventaire_client.xlsx", secrets)

    # 4. Wi-Fi sheet
    secrets = [p.password(), p.password("phrase"), p.password()]
    make_xlsx(
        d / "WLAN_Standorte.xlsx",
        {
            "WLAN": [["Standort", "SSID", "WLAN-Schlüssel", "Band"]]
            + [
                [loc, f"{loc}-WLAN", pw, "5 GHz"]
                for loc, pw in zip(["Büro", "Lager", "Gast"], secrets, strict=True)
            ]
        },
    )
    plant("WLAN_Standorte.xlsx", secrets)

    # 5. vertical key/value layout
    pw1, pw2 = p.password(), p.password()
    make_xlsx(
        d / "Router_Konfiguration.xlsx",
        {
            "Router": [
                ["Gerät", "FritzBox 7590"],
                ["IP", "192.168.178.1"],
                ["Benutzer", "admin"],
                ["Passwort", pw1],
                [],
                ["WLAN-Passwort:", pw2],
            ]
        },
    )
    plant("Router_Konfiguration.xlsx", [pw1, pw2])

    # 6. numeric passwords and PINs in real number cells
    digits, pin = p.password("digits"), p.password("pin")
    make_xlsx(
        d / "Telefonanlage.xlsx",
        {
            "Anlage": [
                ["Nebenstelle", "Name", "Password", "Voicemail PIN"],
                [201, "Empfang", int(digits), int(pin)],
            ]
        },
    )
    plant("Telefonanlage.xlsx", [digits, pin])

    # 7./8. CSV lists, English and German (semicolon)
    secrets = [p.password() for _ in range(5)]
    make_csv(
        d / "client_logins.csv",
        [["Client", "Host", "Login", "Pwd"]]
        + [[c, s, u, pw] for c, s, u, pw in zip(CLIENTS, SYSTEMS, USERS, secrets, strict=False)],
    )
    plant("client_logins.csv", secrets)
    secrets = [p.password() for _ in range(4)]
    make_csv(
        d / "Passwortliste_Praxis.csv",
        [["Kunde", "Benutzer", "Passwort"]]
        + [["Praxis Dr. Klein", u, pw] for u, pw in zip(USERS, secrets, strict=False)],
        delimiter=";",
    )
    plant("Passwortliste_Praxis.csv", secrets)

    # 9.–14. vault and browser exports
    exports: dict[str, list[str]] = {
        "chrome_passwords.csv": ["name", "url", "username", "password", "note"],
        "lastpass_export.csv": ["url", "username", "password", "totp", "extra", "name", "grouping", "fav"],
        "bitwarden_export.csv": [
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
        "firefox-logins.csv": [
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
        "KeePassXC export.csv": [
            "Group",
            "Title",
            "Username",
            "Password",
            "URL",
            "Notes",
            "TOTP",
            "Icon",
            "Last Modified",
            "Created",
        ],
        "1password.csv": [
            "Title",
            "Website",
            "Username",
            "Password",
            "OTPAuth",
            "Favorite",
            "Archived",
            "Tags",
            "Notes",
        ],
    }
    for name, header in exports.items():
        secrets = [p.password() for _ in range(4)]
        rows_e: list[list[object]] = [header]
        for pw in secrets:
            row = ["" for _ in header]
            for i, h in enumerate(header):
                low = h.lower()
                if low in ("password", "login_password"):
                    row[i] = pw
                elif "user" in low:
                    row[i] = rng.choice(USERS)
                elif low in ("url", "website", "login_uri", "formactionorigin"):
                    row[i] = f"https://{rng.choice(['portal', 'mail', 'vpn', 'crm'])}.example.com"
                elif low in ("name", "title"):
                    row[i] = rng.choice(SYSTEMS)
                elif low == "type":
                    row[i] = "login"
            rows_e.append(row)
        make_csv(d / name, rows_e)
        plant(name, secrets)

    # 15./16. Bitwarden JSON and KeePass XML
    secrets = [p.password() for _ in range(3)]
    items = [{"id": f"id{i}", "type": 1, "name": s, "notes": None, "login": {"uris": [{"match": None, "uri": "https://x.example.com"}], "username": u, "password": pw, "totp": None}}
             for i, (s, u, pw) in enumerate(zip(SYSTEMS, USERS, secrets, strict=False))]  # fmt: skip
    make_text(
        d / "bitwarden_export_20240301.json",
        json.dumps({"encrypted": False, "folders": [], "items": items}, indent=2),
    )
    plant("bitwarden_export_20240301.json", secrets)
    secrets = [p.password() for _ in range(3)]
    entries = "".join(
        f'<Entry><String><Key>Notes</Key><Value/></String><String><Key>Password</Key><Value ProtectInMemory="True">{pw}</Value></String>'
        f"<String><Key>Title</Key><Value>{s}</Value></String><String><Key>UserName</Key><Value>{u}</Value></String></Entry>"
        for s, u, pw in zip(SYSTEMS, USERS, secrets, strict=False)
    )
    make_text(
        d / "keepass_export.xml",
        f'<?xml version="1.0" encoding="utf-8"?><KeePassFile><Root><Group><Name>Kunden</Name>{entries}</Group></Root></KeePassFile>',
    )
    plant("keepass_export.xml", secrets)

    # 17. handover docx: key/value table plus prose
    pw1, pw2, pw3 = p.password(), p.password(), p.password()
    make_docx(
        d / "Übergabe Netzwerkdokumentation.docx",
        [
            "Netzwerkdokumentation Hotel Seeblick",
            "Die Firewall ist eine Sophos XG.",
            f"The firewall admin password is {pw3}.",
        ],
        tables=[
            [
                ["Eigenschaft", "Wert"],
                ["Admin-Benutzer", "admin"],
                ["Admin-Passwort", pw1],
                ["WLAN-Schlüssel", pw2],
            ]
        ],
    )
    plant("Übergabe Netzwerkdokumentation.docx", [pw1, pw2, pw3])

    # 18. German onboarding letter
    pw = p.password("season")
    make_docx(
        d / "Willkommensschreiben_jdoe.docx",
        [
            "Sehr geehrter Herr Doe,",
            "willkommen im Team!",
            "Ihr Benutzername: j.doe",
            f"Ihr Kennwort lautet: {pw}",
            "Bitte ändern Sie das Kennwort bei der ersten Anmeldung.",
        ],
    )
    plant("Willkommensschreiben_jdoe.docx", [pw])

    # 19. "Password:" paragraph with the value in the next paragraph
    pw = p.password()
    make_docx(
        d / "VPN_Zugang.docx",
        ["VPN-Zugang für Außendienst", "Server: vpn.example.com", "Benutzer: aussendienst", "Passwort:", pw],
    )
    plant("VPN_Zugang.docx", [pw])

    # 20. French prose
    pw = p.password()
    make_docx(
        d / "Acces_serveur.docx",
        ["Accès au serveur de fichiers", f"Identifiant : j.dupont / Mot de passe : {pw}"],
    )
    plant("Acces_serveur.docx", [pw])

    # 21. technician notes
    pw1, pw2 = p.password(), p.password()
    make_text(
        d / "notes_kunde_berg.txt",
        f"Termin 12.03. Autohaus Berg\nDrucker neu eingerichtet\nuser admin / pass {pw1}\nNAS web ui pw={pw2}\nTODO: Firmware\n",
    )
    plant("notes_kunde_berg.txt", [pw1, pw2])

    # 22. onboarding mail with a temporary password
    pw = p.password()
    make_eml(
        d / "Ihr neues Konto.eml",
        subject="Your new account",
        body=f"Hello Anna,\n\nyour account is ready.\nUsername: a.schmidt\nYour temporary password is {pw}\nPlease change it at first logon.\n\nIT Service Desk",
    )
    plant("Ihr neues Konto.eml", [pw])

    # 23. PDF handover
    pw = p.password()
    make_pdf(
        d / "Handover_Acme.pdf",
        [
            [
                "Handover document ACME",
                "Domain controller: DC01",
                f"Domain admin password: {pw}",
                "Backup runs nightly at 22:00.",
            ]
        ],
    )
    plant("Handover_Acme.pdf", [pw])

    # 24. deployment notes
    pw = p.password()
    make_text(
        d / "deployment_notes.txt",
        f"Image 2024-02\nLocal admin account: localadmin\nLocal admin password: {pw}\nJoin domain with svc-join\n",
    )
    plant("deployment_notes.txt", [pw])

    # 25. slides with speaker notes
    pw = p.password()
    make_pptx(d / "Schulung_Empfang.pptx", [(["Gäste-WLAN", "Netz: Hotel-Gast"], f"WLAN-Schlüssel: {pw}")])
    plant("Schulung_Empfang.pptx", [pw])

    # 26. Spanish and Dutch lines
    pw1, pw2 = p.password(), p.password()
    make_text(
        d / "accesos_oficina.txt",
        f"Impresora oficina\nusuario: recepcion\ncontraseña: {pw1}\n\nKantoor Utrecht\nwachtwoord: {pw2}\n",
    )
    plant("accesos_oficina.txt", [pw1, pw2])

    # 27. combined header words
    secrets = [p.password() for _ in range(3)]
    make_xlsx(
        d / "Switches.xlsx",
        {
            "Switches": [
                ["Switch", "Mgmt IP", "Login / PW", "Admin PW"],
                ["SW-Core", "10.1.1.2", "", secrets[0]],
                ["SW-Lager", "10.1.1.3", secrets[1], secrets[2]],
            ]
        },
    )
    plant("Switches.xlsx", secrets)

    # 28. ticket mail: reset to a value
    pw = p.password()
    make_eml(
        d / "RE Ticket 48213.eml",
        subject="RE: Ticket #48213 password reset",
        body=f"Hi Tom,\n\nI reset jdoe's password to {pw} as requested.\nHe must change it at next logon.\n\nCheers",
    )
    plant("RE Ticket 48213.eml", [pw])

    # 29. docx device table
    secrets = [p.password() for _ in range(4)]
    make_docx(
        d / "Geräteliste Praxis.docx",
        ["Geräteliste"],
        tables=[
            [["Gerät", "IP", "Benutzer", "Passwort"]]
            + [
                [s, f"192.168.1.{i + 10}", u, pw]
                for i, (s, u, pw) in enumerate(zip(SYSTEMS, USERS, secrets, strict=False))
            ]
        ],
    )
    plant("Geräteliste Praxis.docx", secrets)

    # 30. RTF
    pw = p.password()
    make_rtf(
        d / "Zugang_Buchhaltung.rtf", ["Buchhaltungssoftware", "Benutzer: buchhaltung", f"Kennwort: {pw}"]
    )
    plant("Zugang_Buchhaltung.rtf", [pw])

    # 31. Nordic / Portuguese headers
    secrets = [p.password() for _ in range(3)]
    make_xlsx(
        d / "Kontoer.xlsx",
        {
            "Kontoer": [["System", "Användarnamn", "Lösenord"]]
            + [[s, u, pw] for s, u, pw in zip(SYSTEMS, USERS, secrets, strict=False)]
        },
    )
    plant("Kontoer.xlsx", secrets)
    secrets = [p.password() for _ in range(2)]
    make_csv(
        d / "acessos_clientes.csv",
        [["Cliente", "Usuário", "Senha"]]
        + [[c, u, pw] for c, u, pw in zip(CLIENTS, USERS, secrets, strict=False)],
    )
    plant("acessos_clientes.csv", secrets)

    # 32. wiki page with a credentials pair
    pw = p.password()
    make_text(
        d / "wiki_backup.md",
        f"# Backup\n\nVeeam console on BK01.\n\nCredentials: veeam / {pw}\n\nRetention 30 days.\n",
    )
    plant("wiki_backup.md", [pw])

    # 33. big list: critical severity in the pipeline, and a blank row gap
    secrets = [p.password() for _ in range(12)]
    big: list[list[object]] = [["Benutzer", "Kennwort", "Abteilung"]]
    for i, pw in enumerate(secrets):
        big.append([f"user{i:02d}", pw, rng.choice(["Vertrieb", "Lager", "Buchhaltung"])])
        if i == 5:
            big.append([])
    make_xlsx(d / "Mitarbeiter_Passwoerter.xlsx", {"Tabelle1": big})
    plant("Mitarbeiter_Passwoerter.xlsx", secrets)
    return labels


def _negatives(d: Path, rng: random.Random) -> Labels:
    names: list[str] = []

    def neg(name: str, write: Callable[[Path], object]) -> None:
        write(d / name)
        names.append(name)

    neg("Password Policy.docx", lambda f: make_docx(f, [
        "Password Policy", "1. Passwords must be at least 12 characters long.", "2. Password: minimum twelve characters, complexity required.",
        "3. Passwords expire every 90 days.", "4. Do not reuse your last 10 passwords.", "Example of a strong password: Tr0ub4dor&3xample"]))  # fmt: skip
    neg("Passwortrichtlinie.pdf", lambda f: make_pdf(f, [[
        "Passwortrichtlinie der Weber Steuerberatung", "Kennwort: mindestens 10 Zeichen, Groß- und Kleinbuchstaben.",
        "Das Passwort ist alle 90 Tage zu ändern.", "Passwort-Historie: 12"]]))  # fmt: skip
    neg("Password expiry notice.eml", lambda f: make_eml(f, subject="Your password will expire in 5 days", body=(
        "Dear user,\n\nYour password will expire in 5 days.\nClick here to reset your password: https://reset.example.com/\n\nIT")))  # fmt: skip
    neg("Passwort geändert.eml", lambda f: make_eml(f, subject="Ihr Kennwort wurde geändert", body=(
        "Hallo,\n\nIhr Kennwort wurde erfolgreich geändert.\nWenn Sie das nicht waren, klicken Sie hier.\nPasswort: ********\n")))  # fmt: skip
    neg(
        "Vorlage_Zugangsdaten.xlsx",
        lambda f: make_xlsx(
            f,
            {
                "Vorlage": [
                    ["Kunde", "System", "Benutzer", "Passwort"],
                    ["<Kunde>", "<System>", "<Benutzer>", "<Passwort>"],
                    ["", "", "", ""],
                ]
            },
        ),
    )
    neg(
        "Client passwords (vault migrated).xlsx",
        lambda f: make_xlsx(
            f,
            {
                "Sheet1": [
                    ["System", "Username", "Password"],
                    ["NAS", "admin", "********"],
                    ["Firewall", "admin", "(in vault)"],
                    ["ESXi", "root", "see IT Glue"],
                    ["DC01", "administrator", "siehe Passwortsafe"],
                    ["VPN", "vpnuser", "N/A"],
                    ["Printer", "admin", "-"],
                ]
            },
        ),
    )
    neg(
        "AD_Export_PasswordLastSet.xlsx",
        lambda f: make_xlsx(
            f,
            {
                "Users": [
                    [
                        "SamAccountName",
                        "Enabled",
                        "Password last changed",
                        "Password expires",
                        "PasswordNeverExpires",
                    ]
                ]
                + [
                    [u, True, "2024-01-0" + str(i + 1), "2024-04-0" + str(i + 1), False]
                    for i, u in enumerate(USERS[:6])
                ]
            },
        ),
    )
    neg(
        "QA_Testplan.xlsx",
        lambda f: make_xlsx(
            f,
            {
                "Tests": [["Test case", "Steps", "Expected", "Pass"]]
                + [
                    [
                        f"TC-{i:02d}",
                        "Login with valid user",
                        "Dashboard shown",
                        rng.choice(["Pass", "Fail", "Pass", "✓"]),
                    ]
                    for i in range(10)
                ]
            },
        ),
    )
    # a pwdump hash dump is a credential store (store.hash-dump-pwdump): each NT hash is a finding. Written
    # here, in the look-alikes' order, so that every seed gives the corpus the earlier rounds scored.
    nt_hashes = [f"{rng.getrandbits(128):032x}" for _ in USERS]
    make_text(
        d / "ntlm_hashes.txt",
        "\n".join(
            f"{u}:{1000 + i}:aad3b435b51404eeaad3b435b51404ee:{nt}:::"
            for i, (u, nt) in enumerate(zip(USERS, nt_hashes, strict=True))
        ),
    )
    dumps: Labels = {"ntlm_hashes.txt": nt_hashes}
    neg(
        "user_hashes.csv",
        lambda f: make_csv(
            f,
            [["User", "Password"]]
            + [
                [
                    u,
                    "$2b$12$"
                    + "".join(rng.choice(string.ascii_letters + string.digits + "./") for _ in range(53)),
                ]
                for u in USERS[:5]
            ],
        ),
    )
    neg(
        "Connect-Tenant.ps1",
        lambda f: make_text(
            f,
            "$user = Read-Host 'Username'\n$pw = Read-Host 'Password' -AsSecureString\n$cred = Get-Credential -Message 'Password for tenant'\nConnect-MsolService -Credential $cred\n",
        ),
    )
    neg(
        "sync_users.py",
        lambda f: make_text(
            f,
            "import getpass, os\npassword = getpass.getpass('Password: ')\ndb_password = os.environ['DB_PASSWORD']\n",
        ),
    )
    neg(
        ".env.example",
        lambda f: make_text(f, "DB_HOST=localhost\nDB_USER=app\nDB_PASSWORD=changeme\nSMTP_PASSWORD=\n"),
    )
    neg(
        "User Guide Portal.docx",
        lambda f: make_docx(
            f,
            [
                "Logging in",
                "Enter your user name and password in the login form.",
                "Password: the password you chose at registration.",
                "Forgot your password? Click 'Reset password'.",
            ],
        ),
    )
    neg(
        "Reisepass_Mitarbeiter.xlsx",
        lambda f: make_xlsx(
            f,
            {
                "Reise": [
                    ["Name", "Passport No.", "Valid until"],
                    ["J. Doe", "C01X00T47", "2029-05-01"],
                    ["A. Schmidt", "C4J9KLM21", "2031-01-12"],
                ]
            },
        ),
    )
    neg(
        "Lizenzen.xlsx",
        lambda f: make_xlsx(
            f,
            {
                "Lizenzen": [
                    ["Produkt", "Lizenzschlüssel", "Anzahl"],
                    ["Office 2019", "XXXXX-7YQ3B-9KD4M-PQ2W8-H6RJT", 5],
                    ["Windows Server", "N69G4-B89J2-4G8F4-WWYCC-J464C", 1],
                ]
            },
        ),
    )
    neg(
        "pw_expiry_report.csv",
        lambda f: make_csv(
            f,
            [["User", "Password set", "Password expires", "Days left"]]
            + [[u, "2024-02-01", "2024-05-01", str(rng.randint(1, 90))] for u in USERS[:6]],
        ),
    )
    neg(
        "Onboarding_Formular.docx",
        lambda f: make_docx(
            f,
            [
                "Onboarding Formular",
                "Name: ____________",
                "Benutzername: ____________",
                "Passwort: ____________",
                "Unterschrift: ____________",
            ],
        ),
    )
    neg(
        "Zugang_Steuerprogramm.docx",
        lambda f: make_docx(
            f,
            [
                "Steuerprogramm DATEV",
                "Benutzer: kanzlei",
                "Passwort: siehe Passwortsafe",
                "Support: 0911 123456",
            ],
        ),
    )
    neg(
        "Meeting notes password manager.txt",
        lambda f: make_text(
            f,
            "Meeting 14.03.\n- Password manager rollout planned for Q2\n- Everyone gets a vault account\n- Shared passwords move to the vault\n",
        ),
    )
    neg(
        "PW-Änderungen.xlsx",
        lambda f: make_xlsx(
            f,
            {
                "Log": [["Benutzer", "PW-Änderung", "Durchgeführt von"]]
                + [[u, "12.02.2024", "helpdesk"] for u in USERS[:5]]
            },
        ),
    )
    neg(
        "Security Awareness.pdf",
        lambda f: make_pdf(
            f,
            [
                [
                    "Security awareness training",
                    "Never use passwords like Summer2024! or Welcome1.",
                    "Bad example - password: Winter2023!",
                    "Use a passphrase instead.",
                ]
            ],
        ),
    )
    neg(
        "Phishing Simulation.eml",
        lambda f: make_eml(
            f,
            subject="Action required",
            body="Your password is about to expire.\nPlease update your password within 24 hours using the link below.\n",
        ),
    )
    neg(
        "build_results.csv",
        lambda f: make_csv(
            f,
            [["Test", "Pass", "Duration"]]
            + [[f"test_{i}", rng.choice(["TRUE", "FALSE"]), str(rng.randint(1, 90))] for i in range(8)],
        ),
    )
    neg(
        "docker-compose.yml",
        lambda f: make_text(
            f,
            "services:\n  db:\n    image: postgres\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD}\n",
        ),
    )
    neg(
        "web.config",
        lambda f: make_text(
            f,
            '<configuration><connectionStrings><add name="Main" connectionString="Server=sql01;Database=crm;Integrated Security=SSPI;" /></connectionStrings></configuration>',
        ),
    )
    neg(
        "Kennwortänderung_Protokoll.xlsx",
        lambda f: make_xlsx(
            f,
            {
                "Protokoll": [["Benutzer", "Kennwort geändert am", "Grund"]]
                + [[u, "05.03.2024", "Ablauf"] for u in USERS[:4]]
            },
        ),
    )
    neg(
        "Erstanmeldung_Anleitung.docx",
        lambda f: make_docx(
            f,
            [
                "Erstanmeldung",
                "Das Kennwort muss bei der ersten Anmeldung geändert werden.",
                "The password must be changed at first logon.",
                "Das initiale Passwort erhalten Sie per SMS.",
            ],
        ),
    )
    neg(
        "Telefonliste.xlsx",
        lambda f: make_xlsx(
            f,
            {
                "Telefon": [
                    ["Name", "Durchwahl", "Mobil"],
                    ["J. Doe", 201, "+49 171 2345678"],
                    ["A. Schmidt", 202, "0160 9876543"],
                ]
            },
        ),
    )
    neg(
        "Ticket 1234 pw reset.txt",
        lambda f: make_text(
            f,
            "Ticket 1234: pw reset for jdoe done, user informed by phone.\nPassword reset via self-service portal.\n",
        ),
    )
    neg(
        "Kennwort_Vorlage.docx",
        lambda f: make_docx(
            f, ["Zugangsdaten für <Name>", "Benutzername: <Benutzername>", "Kennwort: <Kennwort>"]
        ),
    )
    neg(
        "Masked export.xlsx",
        lambda f: make_xlsx(
            f,
            {
                "Accounts": [
                    ["Account", "User", "Password"],
                    ["Mail", "jdoe", "Su******4!"],
                    ["CRM", "asmith", "••••••••"],
                    ["ERP", "bk", "xxxxxxxx"],
                ]
            },
        ),
    )
    neg(
        "MFA Anleitung.txt",
        lambda f: make_text(
            f, "MFA einrichten\nPIN: wird per SMS zugestellt\nDer Code ist 5 Minuten gültig.\n"
        ),
    )
    neg(
        "README.md",
        lambda f: make_text(
            f,
            "# Setup\n\nCopy config.sample to config and set\n\n    password: your-password-here\n\nThen run the installer.\n",
        ),
    )
    neg(
        "Checkliste_Server.xlsx",
        lambda f: make_xlsx(
            f,
            {
                "Checks": [
                    ["Prüfpunkt", "Status", "Passwort geändert", "Bemerkung"],
                    ["Admin-Konto umbenannt", "OK", "ja", ""],
                    ["BIOS-Passwort gesetzt", "OK", "nein", "folgt"],
                ]
            },
        ),
    )
    return {name: [] for name in names} | dumps


def generate(directory: Path, seed: int = 20240301) -> Labels:
    """Write the corpus into ``directory`` and return {file name: planted passwords}."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    labels = _positives(directory, Planter(rng), rng)
    labels.update(_negatives(directory, rng))
    return labels


if __name__ == "__main__":
    out = Path(sys.argv[1])
    result = generate(out, int(sys.argv[2]) if len(sys.argv) > 2 else 20240301)
    (out / "labels.json").write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"{len(result)} files, {sum(1 for v in result.values() if v)} with passwords")
