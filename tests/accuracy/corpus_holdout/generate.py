# ruff: noqa: E501
"""A second, independent accuracy corpus: MSP file-share documents written the way hurried technicians write.

The first corpus (tests/accuracy/corpus/generate.py) was written by the engineer who tuned the detector. This one
was written afterwards by someone else, with different phrasing, layouts, languages and file types: title
rows and sub-blocks per client, abbreviations ("Kennw.", "PW:", "Pwd."), mail-merge and markdown syntax,
quoted passwords with blanks or umlauts, numeric PINs, several credentials on one line, slide notes,
replies and forwards, cp1252 CSV with semicolons, PDFs exported from Word, deployment files — and at least
as many look-alikes: policies (also as GPO key/value sheets), reset and expiry mails in many languages,
templates, masked lists, audit sheets, hash dumps, prompting scripts, vault references, invoices, change
logs, ssh logs.

``generate(directory, seed)`` writes the files and returns {file name: [planted passwords]} (empty list =
no secret). Ambiguous cases a human could not decide are not written at all. Run as a script:
``python3 tests/accuracy/corpus_holdout/generate.py OUT_DIR [SEED]`` (writes OUT_DIR/labels.json as well).
"""

from __future__ import annotations

import base64
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
    make_msg,
    make_ods,
    make_pdf,
    make_pptx,
    make_rtf,
    make_text,
    make_xlsx,
)

Labels = dict[str, list[str]]

NOUNS = ["Bärenfell", "Gießkanne", "Haustür", "Kirschbaum", "Lighthouse", "Pinecone", "Marmelade", "Tulpe",
         "Zebrastreifen", "Copacabana", "Fjord", "Gondola", "Paella", "Stroopwafel", "Pierogi", "Sauna",
         "Nordkap", "Espresso", "Kanu", "Brötchen"]  # fmt: skip
CLIENTS = ["Bäckerei Huber", "Kanzlei Vogt & Söhne", "Zahnarzt Dr. Öztürk", "Tischlerei Lange",
           "Brouwer Installatie", "Garage Lefèvre", "Clínica Ortega", "Studio Rossi", "Lindqvist AB",
           "Kowalski Sp. z o.o."]  # fmt: skip
DEVICES = ["Fritz!Box 7590", "Sophos XGS", "Synology DS923+", "UniFi Controller", "HP ProCurve", "DC-01",
           "Hyper-V Host", "Lancom 1900", "Drucker Empfang", "Datev-Server", "Zeiterfassung", "Kassensystem",
           "Alarmanlage", "Veeam B&R", "Exchange Online", "Unifi Cloud Key"]  # fmt: skip
LOGINS = ["admin", "Administrator", "root", "huber.admin", "kasse01", "service", "ubnt", "scan2mail",
          "empfang", "praxis", "datev-admin", "backupuser", "m.oeztuerk", "l.vogt", "sa"]  # fmt: skip


class Secrets:
    """Distinct passwords in the styles technicians really use."""

    STYLES = ("firm", "noun", "random", "random", "umlaut", "spaced", "leet", "pass-phrase", "digits")

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def __call__(self, style: str | None = None) -> str:
        rng = self.rng
        while True:
            kind = style or rng.choice(self.STYLES)
            if kind == "firm":
                value = f"{rng.choice(['Huber', 'Vogt', 'Lange', 'Rossi', 'Ortega'])}{rng.randint(2018, 2026)}{rng.choice('!$#*')}"
            elif kind == "noun":
                value = f"{rng.choice(NOUNS)}{rng.randint(1, 99)}{rng.choice('!?+%&')}"
            elif kind == "umlaut":
                value = f"{rng.choice(['Grün', 'Größe', 'Übermut', 'Späti', 'Fähre'])}.{rng.choice(NOUNS)}{rng.randint(1, 9)}"
            elif kind == "spaced":
                value = f"{rng.choice(['blaues', 'rotes', 'alter', 'kleiner'])} {rng.choice(NOUNS)} {rng.randint(10, 99)}"
            elif kind == "leet":
                value = (
                    rng.choice(["P@ssw0rd", "Adm1n!str", "W3lc0me", "S3cur1ty", "L0gin"])
                    + str(rng.randint(10, 999))
                    + rng.choice("!#")
                )
            elif kind == "pass-phrase":
                value = "-".join(rng.choice(NOUNS).lower() for _ in range(3)) + str(rng.randint(1, 9))
            elif kind == "digits":
                value = str(rng.randint(10_000_000, 99_999_999))
            elif kind == "pin":
                value = str(rng.randint(1000, 999_999))
            else:
                pool = string.ascii_letters + string.digits + "!#%&*+-=?@"
                value = rng.choice(string.ascii_letters) + "".join(
                    rng.choice(pool) for _ in range(rng.randint(9, 15))
                )
                value += rng.choice(string.digits)
            if value not in self.used:
                self.used.add(value)
                return value

    def plain(self) -> str:
        """A password without blanks (for places where a blank would end it, such as `user/pw` cells)."""
        return self(self.rng.choice(["firm", "noun", "random", "umlaut", "leet", "pass-phrase"]))


def _gpp_cpassword(password: str) -> str:
    from cryptography.hazmat.primitives import padding
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    key = bytes.fromhex("4e9906e8fcb66cc9faf49310620ffee8f496e806cc057990209b09a433b66c1b")
    padder = padding.PKCS7(128).padder()
    data = padder.update(password.encode("utf-16-le")) + padder.finalize()
    encryptor = Cipher(algorithms.AES(key), modes.CBC(bytes(16))).encryptor()
    return base64.b64encode(encryptor.update(data) + encryptor.finalize()).decode().rstrip("=")


# ----------------------------------------------------------------------------------------------------------
# Spreadsheets and CSV with passwords
# ----------------------------------------------------------------------------------------------------------


def _sheets(d: Path, s: Secrets, rng: random.Random, plant: Callable[[str, list[str]], None]) -> None:
    # client list: title, date line, one sub-block per client with a repeated header, change date column
    rows: list[list[object]] = [["PASSWORTLISTE – VERTRAULICH"], ["Stand: 14.02.2024 / MK"], []]
    planted = []
    for client in CLIENTS[:4]:
        rows += [[f"Kunde: {client}"], ["Gerät/Dienst", "Login", "PW", "geändert", "Info"]]
        for _ in range(3):
            pw = s()
            planted.append(pw)
            rows.append(
                [
                    rng.choice(DEVICES),
                    rng.choice(LOGINS),
                    pw,
                    f"{rng.randint(1, 28):02d}.0{rng.randint(1, 9)}.2023",
                    rng.choice(["", "Kunde hat PW", "nicht ändern!"]),
                ]
            )
        rows.append([])
    make_xlsx(d / "Kundenpasswörter 2024.xlsx", {"Übersicht": rows}, start_cell="B2")
    plant("Kundenpasswörter 2024.xlsx", planted)

    # Dutch list on a hidden second sheet, first sheet harmless
    planted = [s() for _ in range(4)]
    make_xlsx(
        d / "Klantgegevens Brouwer.xlsx",
        {
            "Contact": [
                ["Naam", "Telefoon", "E-mail"],
                ["P. Brouwer", "+31 6 12345678", "p.brouwer@example.nl"],
            ],
            "Blad2": [["Apparaat", "Gebruikersnaam", "Wachtwoord", "Opmerking"]]
            + [[rng.choice(DEVICES), rng.choice(LOGINS), pw, ""] for pw in planted],
        },
        hidden=["Blad2"],
    )
    plant("Klantgegevens Brouwer.xlsx", planted)

    # cp1252 semicolon CSV from a German Excel, with a change-date column
    planted = [s.plain() for _ in range(5)]
    make_csv(
        d / "Zugänge_Kanzlei_Vogt.csv",
        [["Mandant", "Anwendung", "Benutzer", "Passwort", "Geändert am"]]
        + [["Kanzlei Vogt", rng.choice(DEVICES), rng.choice(LOGINS), pw, "03.01.2024"] for pw in planted],
        delimiter=";",
        encoding="cp1252",
    )
    plant("Zugänge_Kanzlei_Vogt.csv", planted)

    # Spanish CSV
    planted = [s() for _ in range(4)]
    make_csv(
        d / "accesos_clinica_ortega.csv",
        [["Cliente", "Equipo", "Usuario", "Contraseña", "Notas"]]
        + [
            ["Clínica Ortega", rng.choice(DEVICES), rng.choice(LOGINS), pw, "cambiar pronto"]
            for pw in planted
        ],
    )
    plant("accesos_clinica_ortega.csv", planted)

    # Italian xlsx
    planted = [s() for _ in range(3)]
    make_xlsx(
        d / "Credenziali Studio Rossi.xlsx",
        {
            "Foglio1": [["Dispositivo", "Nome utente", "Password", "Note"]]
            + [[rng.choice(DEVICES), rng.choice(LOGINS), pw, ""] for pw in planted]
        },
    )
    plant("Credenziali Studio Rossi.xlsx", planted)

    # Polish xlsx, header in row 5 after a key/value client header
    planted = [s() for _ in range(3)]
    make_xlsx(
        d / "Kowalski_dostepy.xlsx",
        {
            "Arkusz1": [
                ["Klient:", "Kowalski Sp. z o.o."],
                ["Kontakt:", "Jan Kowalski"],
                [],
                ["Urządzenie", "Login", "Hasło", "Uwagi"],
            ]
            + [[rng.choice(DEVICES), rng.choice(LOGINS), pw, ""] for pw in planted]
        },
    )
    plant("Kowalski_dostepy.xlsx", planted)

    # Finnish and Danish blocks in one sheet
    planted = [s() for _ in range(4)]
    make_xlsx(
        d / "Nordic_sites.xlsx",
        {
            "Sites": [
                ["Helsinki"],
                ["Laite", "Käyttäjätunnus", "Salasana"],
                ["Reititin", "admin", planted[0]],
                ["NAS", "root", planted[1]],
                [],
                [],
                ["København"],
                ["Enhed", "Brugernavn", "Adgangskode"],
                ["Router", "admin", planted[2]],
                ["Printer", "service", planted[3]],
            ]
        },
    )
    plant("Nordic_sites.xlsx", planted)

    # Portuguese ODS
    planted = [s() for _ in range(3)]
    make_ods(
        d / "acessos_lisboa.ods",
        {
            "Folha1": [["Equipamento", "Utilizador", "Palavra-passe"]]
            + [[rng.choice(DEVICES), rng.choice(LOGINS), pw] for pw in planted]
        },
    )
    plant("acessos_lisboa.ods", planted)

    # abbreviated headers "Pwd." and "Kennw." with offset start
    planted = [s() for _ in range(4)]
    make_xlsx(
        d / "Server_Huber.xlsx",
        {
            "Server": [["Server", "IP", "Usr.", "Pwd."]]
            + [[f"SRV0{i}", f"192.168.10.{i + 10}", "Administrator", pw] for i, pw in enumerate(planted[:2])]
            + [[], ["Dienst", "Benutzer", "Kennw."]]
            + [["SQL", "sa", planted[2]], ["Backup", "backupuser", planted[3]]]
        },
        start_cell="C4",
    )
    plant("Server_Huber.xlsx", planted)

    # "Login/PW" cells with "user / password" and "PW:" header
    planted = [s.plain() for _ in range(4)]
    make_xlsx(
        d / "Switche_Tischlerei.xlsx",
        {
            "Netz": [["Gerät", "IP", "Login/PW", "Bemerkung"]]
            + [[f"SW-{i}", f"10.0.0.{i + 2}", f"admin / {pw}", ""] for i, pw in enumerate(planted[:2])]
            + [
                [],
                ["AP", "IP", "PW:"],
                ["AP-Halle", "10.0.0.20", planted[2]],
                ["AP-Büro", "10.0.0.21", planted[3]],
            ]
        },
    )
    plant("Switche_Tischlerei.xlsx", planted)

    # numeric passwords and PINs stored as numbers
    planted = [s("digits"), s("pin"), s("pin")]
    make_xlsx(
        d / "Alarmanlage_Codes.xlsx",
        {
            "Codes": [
                ["Objekt", "Benutzer", "PIN", "Bemerkung"],
                ["Lager", "Schichtleiter", int(planted[1]), ""],
                ["Büro", "Reinigung", int(planted[2]), "nur Mo-Fr"],
                [],
                ["Zentrale", "Errichter", "Passwort"],
                ["Telenot", "errichter", int(planted[0])],
            ]
        },
    )
    plant("Alarmanlage_Codes.xlsx", planted)

    # admin and user password columns side by side
    planted = [s() for _ in range(6)]
    make_xlsx(
        d / "Kassen_Lange.xlsx",
        {
            "Kassen": [["Kasse", "Admin-User", "Admin-PW", "Bediener", "Bediener-PW"]]
            + [
                [f"Kasse {i + 1}", "admin", planted[2 * i], f"kasse0{i + 1}", planted[2 * i + 1]]
                for i in range(3)
            ]
        },
    )
    plant("Kassen_Lange.xlsx", planted)

    # Wi-Fi list: "Netzwerkname" + "Passwort", guest "SSID" + "WPA2-Key"
    planted = [s("spaced"), s(), s()]
    make_xlsx(
        d / "WLAN Übersicht Praxis.xlsx",
        {
            "WLAN": [
                ["Netzwerkname", "Passwort", "Verschlüsselung"],
                ["Praxis-Intern", planted[0], "WPA2"],
                ["Praxis-Technik", planted[1], "WPA3"],
                [],
                ["SSID", "WPA2-Key", "VLAN"],
                ["Praxis-Gast", planted[2], 30],
            ]
        },
    )
    plant("WLAN Übersicht Praxis.xlsx", planted)

    # Swedish/Norwegian English-mixed sheet, very hidden
    planted = [s() for _ in range(3)]
    make_xlsx(
        d / "Lindqvist IT.xlsx",
        {
            "Info": [["Lindqvist AB", "Stockholm"]],
            "Konton": [["System", "Användare", "Lösenord"]]
            + [[rng.choice(DEVICES), rng.choice(LOGINS), pw] for pw in planted[:2]]
            + [[], ["Tjeneste", "Brukernavn", "Passord"], ["Tripletex", "regnskap", planted[2]]],
        },
        very_hidden=["Konton"],
    )
    plant("Lindqvist IT.xlsx", planted)

    # M365 onboarding list with "Initial password" / "Temp PW" and UPNs
    planted = [s() for _ in range(5)]
    make_xlsx(
        d / "M365_neue_Benutzer.xlsx",
        {
            "Benutzer": [["Anzeigename", "UPN", "Lizenz", "Initial password"]]
            + [
                [f"Mitarbeiter {i}", f"ma{i}@huber-baeckerei.de", "Business Premium", pw]
                for i, pw in enumerate(planted)
            ]
        },
    )
    plant("M365_neue_Benutzer.xlsx", planted)

    # French: "Identifiant / MDP" combined cells, vertically key/value device card
    planted = [s.plain() for _ in range(3)]
    make_xlsx(
        d / "Fiche_Garage_Lefevre.xlsx",
        {
            "Fiche": [
                ["Fiche client – Garage Lefèvre"],
                [],
                ["Box internet", "Livebox Pro"],
                ["Identifiant / MDP", f"admin / {planted[0]}"],
                ["Serveur", "NAS Synology"],
                ["Utilisateur", "lefevre"],
                ["Mot de passe", planted[1]],
                [],
                ["Code Wi-Fi :", planted[2]],
            ]
        },
    )
    plant("Fiche_Garage_Lefevre.xlsx", planted)

    # horizontal key/value cards, one per device, labels with trailing colons and values two cells right
    planted = [s() for _ in range(2)]
    make_xlsx(
        d / "Geräteblatt_Zahnarzt.xlsx",
        {
            "Geräte": [
                ["Gerät:", "", "Röntgen-PC"],
                ["Benutzer:", "", "roentgen"],
                ["Kennwort:", "", planted[0]],
                [],
                ["Gerät:", "", "Praxis-Server"],
                ["Benutzer:", "", "Administrator"],
                ["Kennwort:", "", planted[1]],
            ]
        },
    )
    plant("Geräteblatt_Zahnarzt.xlsx", planted)

    # roboform / dashlane / nordpass exports
    planted = [s.plain() for _ in range(3)]
    make_csv(
        d / "RoboForm_Export.csv",
        [["Name", "Url", "MatchUrl", "Login", "Pwd", "Note", "Folder", "RfFieldsV2"]]
        + [
            [
                rng.choice(DEVICES),
                "https://portal.example.com",
                "https://portal.example.com",
                rng.choice(LOGINS),
                pw,
                "",
                "/Kunden",
                "",
            ]
            for pw in planted
        ],
    )
    plant("RoboForm_Export.csv", planted)
    planted = [s.plain() for _ in range(3)]
    make_csv(
        d / "dashlane_credentials.csv",
        [["username", "username2", "username3", "title", "password", "note", "url", "category", "otpSecret"]]
        + [
            [rng.choice(LOGINS), "", "", rng.choice(DEVICES), pw, "", "https://app.example.com", "IT", ""]
            for pw in planted
        ],
    )
    plant("dashlane_credentials.csv", planted)
    planted = [s.plain() for _ in range(3)]
    make_csv(
        d / "nordpass_2024-03-01.csv",
        [
            [
                "name",
                "url",
                "additional_urls",
                "username",
                "password",
                "note",
                "cardholdername",
                "cardnumber",
                "cvc",
                "expirydate",
                "zipcode",
                "folder",
                "full_name",
            ]
        ]
        + [
            [
                rng.choice(DEVICES),
                "https://x.example.com",
                "",
                rng.choice(LOGINS),
                pw,
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ]
            for pw in planted
        ],
    )
    plant("nordpass_2024-03-01.csv", planted)
    planted = [s.plain() for _ in range(3)]
    make_csv(
        d / "Microsoft Edge Passwords.csv",
        [["name", "url", "username", "password", "note"]]
        + [
            [f"portal{i}.example.com", f"https://portal{i}.example.com/", rng.choice(LOGINS), pw, ""]
            for i, pw in enumerate(planted)
        ],
    )
    plant("Microsoft Edge Passwords.csv", planted)

    # Bitwarden JSON with folders and a secure note
    planted = [s.plain() for _ in range(2)]
    items = [
        {"id": "n1", "type": 2, "name": "Notiz", "notes": "Lizenz siehe Mail", "secureNote": {"type": 0}}
    ] + [
        {
            "id": f"i{i}",
            "type": 1,
            "name": rng.choice(DEVICES),
            "folderId": None,
            "login": {
                "uris": [{"match": None, "uri": "https://a.example.com"}],
                "username": rng.choice(LOGINS),
                "password": pw,
                "totp": None,
            },
        }
        for i, pw in enumerate(planted)
    ]
    make_text(
        d / "bitwarden_export_kunden.json",
        json.dumps(
            {"encrypted": False, "folders": [{"id": "f", "name": "Kunden"}], "items": items},
            indent=2,
            ensure_ascii=False,
        ),
    )
    plant("bitwarden_export_kunden.json", planted)

    # technician's scratch sheet: one column of "Device: user / pw" strings under a title
    planted = [s.plain() for _ in range(2)]
    make_xlsx(
        d / "Notizen_Einsatz.xlsx",
        {
            "Tabelle1": [
                ["Einsatz 12.03. Tischlerei Lange"],
                ["Drucker neu eingerichtet, Scan2Mail geht"],
                [f"NAS Login: admin / {planted[0]}"],
                [f"Fritzbox Kennwort: {planted[1]}"],
                ["Rückruf Herr Lange wegen Angebot"],
            ]
        },
    )
    plant("Notizen_Einsatz.xlsx", planted)


# ----------------------------------------------------------------------------------------------------------
# Documents, slides, mails and files with passwords
# ----------------------------------------------------------------------------------------------------------


def _documents(d: Path, s: Secrets, rng: random.Random, plant: Callable[[str, list[str]], None]) -> None:
    # English handover: 2-column table with "Item / Value" and prose "admin / X"
    p1, p2, p3 = s(), s.plain(), s()
    make_docx(
        d / "Handover - Bakery Huber.docx",
        [
            "Handover notes",
            "Customer is on the Business Basic plan.",
            f"The admin login for the Synology is admin / {p2}",
            "Backups go to the USB disk every night.",
        ],
        tables=[
            [
                ["Item", "Value"],
                ["Firewall", "Sophos XGS 87"],
                ["Firewall admin login", "admin"],
                ["Firewall admin pw", p1],
                ["WiFi (staff)", "Huber-Staff"],
                ["WiFi passphrase", p3],
            ]
        ],
    )
    plant("Handover - Bakery Huber.docx", [p1, p2, p3])

    # German network documentation: device table with a "Zugang" column of "user / pw" pairs and prose
    p1, p2, p3 = s.plain(), s.plain(), s()
    make_docx(
        d / "Netzwerkdokumentation Tischlerei Lange v3.docx",
        [
            "1. Übersicht",
            "Internetanschluss Telekom, feste IP.",
            f"Das Kennwort für die FritzBox lautet {p3}.",
            "2. Geräte",
        ],
        tables=[
            [
                ["Gerät", "IP-Adresse", "Zugang", "Bemerkung"],
                ["Switch", "192.168.1.2", f"admin / {p1}", "PoE"],
                ["NAS", "192.168.1.5", f"lange / {p2}", "RAID1"],
                ["Drucker", "192.168.1.30", "", "kein Login"],
            ]
        ],
    )
    plant("Netzwerkdokumentation Tischlerei Lange v3.docx", [p1, p2, p3])

    # onboarding letters in several languages
    letters = [
        (
            "Lettre_bienvenue_Lefevre.docx",
            "fr",
            lambda pw: [
                "Madame, Monsieur,",
                "Voici vos accès au poste de travail :",
                "Votre identifiant : c.lefevre",
                f"Votre mot de passe provisoire : {pw}",
                "Merci de le modifier lors de la première connexion.",
            ],
        ),
        (
            "Bienvenida_Clinica.docx",
            "es",
            lambda pw: [
                "Estimada Sra. Ortega:",
                "Su cuenta ya está activa.",
                "Usuario: m.ortega",
                f"Su contraseña temporal es: {pw}",
                "Deberá cambiarla al iniciar sesión.",
            ],
        ),
        (
            "Welkom_Brouwer.docx",
            "nl",
            lambda pw: [
                "Beste Piet,",
                "Je account is aangemaakt.",
                "Gebruikersnaam: p.brouwer",
                f"Je tijdelijke wachtwoord is {pw}",
                "Wijzig dit bij de eerste keer inloggen.",
            ],
        ),
        (
            "Benvenuto_Rossi.docx",
            "it",
            lambda pw: [
                "Gentile Sig. Rossi,",
                "il suo account è pronto.",
                "Nome utente: g.rossi",
                f"La password di accesso è: {pw}",
                "La preghiamo di cambiarla al primo accesso.",
            ],
        ),
        (
            "Boas_vindas_Lisboa.docx",
            "pt",
            lambda pw: [
                "Caro Sr. Costa,",
                "A sua conta foi criada.",
                "Utilizador: r.costa",
                f"A sua senha inicial é {pw}",
                "Altere-a no primeiro início de sessão.",
            ],
        ),
        (
            "Valkommen_Lindqvist.docx",
            "sv",
            lambda pw: [
                "Hej Anna,",
                "ditt konto är klart.",
                "Användarnamn: anna.l",
                f"Ditt tillfälliga lösenord är: {pw}",
                "Byt lösenordet vid första inloggningen.",
            ],
        ),
        (
            "Powitanie_Kowalski.docx",
            "pl",
            lambda pw: [
                "Dzień dobry,",
                "Twoje konto zostało utworzone.",
                "Login: j.kowalski",
                f"Hasło tymczasowe: {pw}",
                "Prosimy o zmianę hasła przy pierwszym logowaniu.",
            ],
        ),
        (
            "Velkommen_Nielsen.docx",
            "da",
            lambda pw: [
                "Hej Lars,",
                "din konto er oprettet.",
                "Brugernavn: lars.n",
                f"Din adgangskode er {pw}",
                "Skift den ved første login.",
            ],
        ),
        (
            "Tervetuloa_Virtanen.docx",
            "fi",
            lambda pw: [
                "Hei Mikko,",
                "tunnuksesi on luotu.",
                "Käyttäjätunnus: mikko.v",
                f"Salasana: {pw}",
                "Vaihda salasana ensimmäisellä kirjautumisella.",
            ],
        ),
        (
            "Anschreiben_Neuer_MA_Öztürk.docx",
            "de",
            lambda pw: [
                "Sehr geehrte Frau Öztürk,",
                "anbei Ihre Zugangsdaten für den Praxis-PC.",
                "Benutzername: praxis\\s.oeztuerk",
                f"Ihr Startkennwort: {pw}",
                "Das Kennwort muss bei der ersten Anmeldung geändert werden.",
            ],
        ),
    ]
    for name, _lang, lines in letters:
        pw = s.plain()
        make_docx(d / name, lines(pw))
        plant(name, [pw])

    # docx key/value table where the label has a parenthesis and the value is quoted with blanks
    p1, p2 = s("spaced"), s()
    make_docx(
        d / "Datenblatt_Arbeitsplatz.docx",
        ["Datenblatt Arbeitsplatz Empfang"],
        tables=[
            [
                ["Rechnername", "PC-EMPFANG-01"],
                ["Passwort (lokaler Admin)", p2],
                ["BIOS-Kennwort", f"\u201e{p1}\u201c"],
            ]
        ],
    )
    plant("Datenblatt_Arbeitsplatz.docx", [p2, p1])

    # docx table with merged title row and "Dienst / Benutzer / Kennwort"
    planted = [s() for _ in range(3)]
    make_docx(
        d / "Zugänge Praxis Öztürk.docx",
        ["Zugänge"],
        tables=[
            [["Zugänge Praxis Dr. Öztürk", "", ""], ["Dienst", "Benutzer", "Kennwort"]]
            + [[rng.choice(DEVICES), rng.choice(LOGINS), pw] for pw in planted]
        ],
        merge_first_row=True,
    )
    plant("Zugänge Praxis Öztürk.docx", planted)

    # PDF exported from Word: prose with several credentials on one line
    p1, p2, p3 = s.plain(), s.plain(), s.plain()
    make_pdf(
        d / "IT-Dokumentation Kanzlei Vogt.pdf",
        [
            [
                "IT-Dokumentation Kanzlei Vogt & Söhne",
                "Stand 01/2024",
                "Server: DC-01 (Windows Server 2022)",
                f"Admin-Zugang: Administrator / {p1}",
                f"WLAN-Key Büro: {p2}   WLAN-Key Gäste: {p3}",
                "Datensicherung: Veeam auf NAS",
            ]
        ],
    )
    plant("IT-Dokumentation Kanzlei Vogt.pdf", [p1, p2, p3])

    # PDF with an English admin section
    p1 = s.plain()
    make_pdf(
        d / "Tenant overview Brouwer.pdf",
        [
            [
                "Microsoft 365 tenant overview",
                "Tenant: brouwer.onmicrosoft.com",
                f"Global admin: admin@brouwer.onmicrosoft.com   PW: {p1}",
                "MFA: enforced via Security Defaults",
            ]
        ],
    )
    plant("Tenant overview Brouwer.pdf", [p1])

    # PDF with a text table (a Word table exported as text lines)
    planted = [s.plain() for _ in range(3)]
    make_pdf(
        d / "Geraeteliste_Export.pdf",
        [
            ["Geräteliste Bäckerei Huber", "Gerät          Benutzer        Passwort"]
            + [
                f"{dev:<15}{usr:<16}{pw}"
                for dev, usr, pw in zip(
                    ["Router", "Kasse", "NAS"], ["admin", "kasse01", "root"], planted, strict=True
                )
            ]
        ],
    )
    plant("Geraeteliste_Export.pdf", planted)

    # slides: credentials in the speaker notes, and a slide table
    p1 = s.plain()
    make_pptx(
        d / "Schulung Kassensystem.pptx",
        [
            (["Kassensystem", "Anmeldung"], f"Demo-Account: demo.kasse / PW: {p1} (nur Schulung)"),
            (["Fragen?"], None),
        ],
    )
    plant("Schulung Kassensystem.pptx", [p1])
    planted = [s() for _ in range(2)]
    make_pptx(
        d / "Kiosk-Terminals.pptx",
        [(["Kiosk-Terminals Lobby"], None)],
        tables={
            1: [
                ["Terminal", "Login", "Kennwort"],
                ["Kiosk 1", "kiosk1", planted[0]],
                ["Kiosk 2", "kiosk2", planted[1]],
            ]
        },
    )
    plant("Kiosk-Terminals.pptx", planted)

    # mails: forward, reply, French, temporary password with reset wording, Outlook .msg
    p1, p2 = s.plain(), s.plain()
    make_eml(
        d / "WG Zugangsdaten Buchhaltung.eml",
        subject="WG: Zugangsdaten Buchhaltung",
        body=f"Zur Info, bitte in IT Glue übernehmen.\n\n---------- Weitergeleitete Nachricht ---------\nVon: Lange <info@lange.example>\nBetreff: Zugangsdaten\n\nHallo,\nhier wie besprochen:\nBenutzer: buchhaltung\nPasswort: {p1}\nDatev-Login: datev-admin, Kennwort {p2}\n\nGruß",
    )
    plant("WG Zugangsdaten Buchhaltung.eml", [p1, p2])
    p1 = s.plain()
    make_eml(
        d / "RE VPN.eml",
        subject="RE: VPN",
        body=f"Hi Sam,\n\nvpn pw: {p1}\nuser is your normal login.\n\nBest\n\n> On Monday, Sam wrote:\n> Can you send me the VPN password? I lost the note.\n",
    )
    plant("RE VPN.eml", [p1])
    p1 = s.plain()
    make_eml(
        d / "Nouveau mot de passe.eml",
        subject="Nouveau mot de passe messagerie",
        body=f"Bonjour,\n\nVoici le nouveau mot de passe de la boîte compta@ : {p1}\n\nCordialement,\nSupport",
    )
    plant("Nouveau mot de passe.eml", [p1])
    p1 = s("random")
    make_eml(
        d / "Your account is ready.eml",
        subject="Your account is ready",
        body=f"Hi Jordan,\n\nWelcome aboard! Your username is jordan.k@example.com.\nYour temporary password is: {p1}\nYou will be asked to change your password when you sign in.\n\nIT",
    )
    plant("Your account is ready.eml", [p1])
    p1 = s.plain()
    make_msg(
        d / "Scanner Benutzer.msg",
        subject="Scanner-Benutzer",
        body=f"Hallo Herr Huber,\r\n\r\nKennwort für den Scanner-Benutzer scan2mail: {p1}\r\n\r\nViele Grüße",
    )
    plant("Scanner Benutzer.msg", [p1])
    p1 = s.plain()
    make_eml(
        d / "AW Ticket 20931 Postfach.eml",
        subject="AW: [Ticket#20931] Postfach Empfang",
        body=f"Hallo,\n\nhabe das Postfach eingerichtet. Das Passwort ist {p1} - bitte nicht weitergeben.\n\nMfG\n\n-----Ursprüngliche Nachricht-----\nKönnen Sie das Postfach empfang@ einrichten?",
    )
    plant("AW Ticket 20931 Postfach.eml", [p1])

    # RTF with a Spanish key/value
    p1 = s.plain()
    make_rtf(d / "Acceso_router.rtf", ["Router oficina principal", "Usuario: admin", f"Clave: {p1}"])
    plant("Acceso_router.rtf", [p1])

    # text notes: several credentials on one line, markdown wiki, quoted value with blanks
    p1, p2 = s.plain(), s.plain()
    make_text(
        d / "einsatz_notizen.txt",
        f"12.03. Huber\n- NAS admin pw {p1}, Switch pw: {p2}\n- Drucker Toner bestellt\n",
    )
    plant("einsatz_notizen.txt", [p1, p2])
    p1, p2 = s.plain(), s.plain()
    make_text(
        d / "Kunde-Rossi.md",
        f"# Studio Rossi\n\n## Firewall\n\n- **IP:** 10.20.0.1\n- **User:** admin\n- **Passwort:** `{p1}`\n\n## NAS\n\n| Feld | Wert |\n|---|---|\n| User | rossi |\n| Password | {p2} |\n",
    )
    plant("Kunde-Rossi.md", [p1, p2])
    p1 = s("spaced")
    make_text(
        d / "WLAN Gast.txt", f'Gäste-WLAN Empfang\nSSID: Huber-Gast\nPasswort: "{p1}"\n', encoding="cp1252"
    )
    plant("WLAN Gast.txt", [p1])
    p1 = s.plain()
    make_text(d / "Zugang Hosting.txt", f"Hosting Strato\nKd-Nr 48213\nLogin 48213 / PW {p1}\n")
    plant("Zugang Hosting.txt", [p1])

    # deployment files
    p1, p2 = s.plain(), s.plain()
    make_text(
        d / "unattend.xml",
        '<?xml version="1.0" encoding="utf-8"?><unattend xmlns="urn:schemas-microsoft-com:unattend"><settings pass="oobeSystem"><component name="Microsoft-Windows-Shell-Setup">'
        f"<UserAccounts><AdministratorPassword><Value>{p1}</Value><PlainText>true</PlainText></AdministratorPassword>"
        f'<LocalAccounts><LocalAccount wcm:action="add"><Password><Value>{p2}</Value><PlainText>true</PlainText></Password><Name>itsupport</Name><Group>Administrators</Group></LocalAccount></LocalAccounts></UserAccounts>'
        "</component></settings></unattend>",
    )
    plant("unattend.xml", [p1, p2])
    p1 = s.plain()
    make_text(
        d / "Groups.xml",
        '<?xml version="1.0" encoding="utf-8"?><Groups clsid="{3125E937-EB16-4b4c-9934-544FC6D24D26}"><User clsid="{DF5F1855-51E5-4d24-8B1A-D9BDE98BA1D1}" name="LocalAdm" image="2" changed="2023-05-01 10:00:00" uid="{1}">'
        f'<Properties action="U" newName="" fullName="" description="" cpassword="{_gpp_cpassword(p1)}" changeLogon="0" noChange="1" neverExpires="1" acctDisabled="0" userName="LocalAdm"/></User></Groups>',
    )
    plant("Groups.xml", [p1])
    p1 = s("random")
    make_text(
        d / "Install-Agent.ps1",
        f"$user = 'HUBER\\svc-deploy'\n$pass = ConvertTo-SecureString '{p1}' -AsPlainText -Force\n$cred = New-Object System.Management.Automation.PSCredential($user, $pass)\nInvoke-Command -ComputerName PC01 -Credential $cred -ScriptBlock {{ msiexec /i agent.msi /qn }}\n",
    )
    plant("Install-Agent.ps1", [p1])
    p1 = s("random").replace("%", "#")
    make_text(
        d / "laufwerke.bat",
        f"@echo off\nnet use S: \\\\dc-01\\scans /user:HUBER\\scanner {p1} /persistent:yes\nnet use P: \\\\dc-01\\public\n",
        encoding="cp1252",
    )
    plant("laufwerke.bat", [p1])
    p1 = s("random").replace("#", "!")
    make_text(d / ".env", f"APP_ENV=production\nDB_HOST=sql01\nDB_USERNAME=crm\nDB_PASSWORD={p1}\n")
    plant(".env", [p1])
    p1 = s("random")
    make_text(
        d / "appsettings.Production.json",
        json.dumps(
            {"ConnectionStrings": {"Default": f"Server=sql01;Database=Kasse;User Id=kasse;Password={p1};"}},
            indent=2,
        ),
    )
    plant("appsettings.Production.json", [p1])


# ----------------------------------------------------------------------------------------------------------
# Look-alikes: documents about passwords that hold none
# ----------------------------------------------------------------------------------------------------------


def _lookalikes(d: Path, rng: random.Random) -> Labels:
    names: list[str] = []

    def neg(name: str, write: Callable[[Path], object]) -> None:
        write(d / name)
        names.append(name)

    # policies in several languages and as a GPO key/value sheet
    neg("IT-Sicherheitsrichtlinie.docx", lambda f: make_docx(f, [
        "4. Kennwörter", "Kennwortlänge: mindestens 12 Zeichen", "Maximales Kennwortalter: 180 Tage",
        "Kennwortchronik: die letzten 24 Kennwörter", "Das Kennwort darf den Benutzernamen nicht enthalten.",
        "Kennwörter werden ausschließlich im Passwortmanager gespeichert."]))  # fmt: skip
    neg("Password Standard v2.pdf", lambda f: make_pdf(f, [[
        "Password Standard", "Passwords shall have a minimum length of 14 characters.",
        "Password complexity: enabled", "Password reuse: last 12 passwords are remembered",
        "Service account passwords are rotated yearly by the MSP."]]))  # fmt: skip
    neg("Politique_mots_de_passe.docx", lambda f: make_docx(f, [
        "Politique de mots de passe", "Le mot de passe doit contenir au moins 12 caractères.",
        "Mot de passe : renouvellement tous les 90 jours", "Ne jamais communiquer son mot de passe par e-mail."]))  # fmt: skip
    neg("Politica_contrasenas.pdf", lambda f: make_pdf(f, [[
        "Politica de contrasenas", "La contrasena debe tener al menos 10 caracteres.",
        "Contrasena: cambio obligatorio cada 90 dias."]]))  # fmt: skip
    neg("Wachtwoordbeleid.docx", lambda f: make_docx(f, [
        "Wachtwoordbeleid", "Een wachtwoord moet minimaal 12 tekens bevatten.", "Wachtwoord: nooit delen met collega's."]))  # fmt: skip
    neg("Politica password.docx", lambda f: make_docx(f, [
        "Politica delle password", "La password deve essere lunga almeno 12 caratteri.",
        "Password: da cambiare ogni 90 giorni."]))  # fmt: skip
    neg("Polityka_hasel.docx", lambda f: make_docx(f, [
        "Polityka haseł", "Hasło musi mieć co najmniej 12 znaków.", "Hasło: zmiana co 90 dni."]))  # fmt: skip
    neg("GPO_Default_Domain_Policy.xlsx", lambda f: make_xlsx(f, {"Settings": [
        ["Policy", "Setting"], ["Enforce password history", "24 passwords remembered"], ["Maximum password age", "60 days"],
        ["Minimum password age", "1 days"], ["Minimum password length", "14 characters"],
        ["Password must meet complexity requirements", "Enabled"], ["Store passwords using reversible encryption", "Disabled"]]}))  # fmt: skip
    neg("Passwortrichtlinie_Kunde.xlsx", lambda f: make_xlsx(f, {"Richtlinie": [
        ["Parameter", "Wert"], ["Passwortlänge", 12], ["Passwort-Gültigkeit (Tage)", 90], ["Passwort-Historie", 24],
        ["Kontosperrung nach", "5 Fehlversuchen"]]}))  # fmt: skip

    # reset / expiry notifications in several languages
    neg("Kennwort läuft ab.eml", lambda f: make_eml(f, subject="Ihr Kennwort läuft in 7 Tagen ab", body=(
        "Hallo Frau Vogt,\n\nIhr Kennwort läuft in 7 Tagen ab.\nBitte ändern Sie es rechtzeitig über Strg+Alt+Entf > Kennwort ändern.\n\nIhr IT-Team")))  # fmt: skip
    neg("Password reset confirmation.eml", lambda f: make_eml(f, subject="Password reset completed", body=(
        "Hello,\n\nThe password for your account was reset on 12 March 2024 at 09:14.\nYour new password was sent to your mobile phone via SMS.\nIf you did not request this, contact the service desk.\n")))  # fmt: skip
    neg("Wachtwoord verloopt.eml", lambda f: make_eml(f, subject="Uw wachtwoord verloopt over 3 dagen", body=(
        "Beste gebruiker,\n\nUw wachtwoord verloopt over 3 dagen. Wijzig uw wachtwoord via het portaal.\n")))  # fmt: skip
    neg("Losenord gar ut.eml", lambda f: make_eml(f, subject="Ditt lösenord går ut", body=(
        "Hej,\n\nDitt lösenord går ut om 5 dagar. Byt lösenord via självbetjäningsportalen.\n")))  # fmt: skip
    neg("Mot de passe expire.eml", lambda f: make_eml(f, subject="Votre mot de passe expire bientôt", body=(
        "Bonjour,\n\nVotre mot de passe expire dans 5 jours. Merci de le changer depuis le portail.\n")))  # fmt: skip
    neg("Ticket 4711 erledigt.eml", lambda f: make_eml(f, subject="[Ticket#4711] erledigt: Kennwort zurückgesetzt", body=(
        "Hallo,\n\ndas Kennwort von Herrn Meier wurde zurückgesetzt.\nDas neue Kennwort wurde ihm telefonisch mitgeteilt.\n\nTicket geschlossen.")))  # fmt: skip
    neg("Verify your mailbox.eml", lambda f: make_eml(f, subject="Action required: verify your password", body=(
        "Dear user,\n\nWe noticed unusual sign-in activity. Verify your password now to avoid suspension:\nhttps://login.example-secure.co/verify\n")))  # fmt: skip
    neg("Password changed notification.msg", lambda f: make_msg(f, subject="Your password was changed", body=(
        "Hi,\r\n\r\nThe password for jdoe@example.com was changed successfully.\r\nPassword: ********\r\n")))  # fmt: skip

    # templates with placeholders and mail-merge fields
    neg("Vorlage Willkommensbrief.docx", lambda f: make_docx(f, [
        "Sehr geehrte/r «Anrede» «Nachname»,", "Ihr Benutzername: «Benutzername»", "Ihr Kennwort: «Kennwort»",
        "Bitte ändern Sie das Kennwort bei der ersten Anmeldung."]))  # fmt: skip
    neg("Welcome letter template.docx", lambda f: make_docx(f, [
        "Dear {{first_name}},", "Username: {{username}}", "Temporary password: {{temp_password}}", "Welcome to the team!"]))  # fmt: skip
    neg("Kundenblatt_LEER.xlsx", lambda f: make_xlsx(f, {"Kunde": [
        ["Kunde:", ""], ["Ansprechpartner:", ""], [], ["Gerät", "Benutzer", "Passwort"], ["", "", ""], ["[Gerät]", "[Benutzer]", "[Passwort]"]]}))  # fmt: skip
    neg("Übergabeprotokoll_Formular.docx", lambda f: make_docx(f, [
        "Übergabeprotokoll", "Benutzername: .................................", "Kennwort: .................................",
        "Unterschrift Mitarbeiter: ____________"]))  # fmt: skip
    neg(
        "config.sample.ini",
        lambda f: make_text(f, "[database]\nhost = localhost\nuser = app\npassword = changeme\n"),
    )
    neg(
        "ansible_vars.yml",
        lambda f: make_text(
            f,
            "db_user: app\ndb_password: \"{{ vault_db_password }}\"\nsmtp_password: \"{{ lookup('env', 'SMTP_PW') }}\"\n",
        ),
    )
    neg(
        "docker-compose.prod.yml",
        lambda f: make_text(
            f,
            "services:\n  db:\n    image: mariadb\n    environment:\n      MARIADB_PASSWORD_FILE: /run/secrets/db_password\n    secrets:\n      - db_password\n",
        ),
    )

    # masked lists and vault references
    neg("Passwortliste (bereinigt).xlsx", lambda f: make_xlsx(f, {"Liste": [
        ["Gerät", "Login", "PW"], ["Firewall", "admin", "●●●●●●●●"], ["NAS", "admin", "***"], ["Switch", "admin", "siehe IT Glue"],
        ["Drucker", "admin", "steht im Keeper"], ["Router", "admin", "im Hudu"]]}))  # fmt: skip
    neg("Zugangsdaten Übersicht.docx", lambda f: make_docx(f, [
        "Zugangsdaten", "Alle Zugangsdaten liegen in IT Glue unter Organisation Huber → Passwords.",
        "Admin-Kennwort: siehe IT Glue", "WLAN-Passwort: im Hudu-Asset \"WLAN Büro\""]))  # fmt: skip
    neg("Customer credentials (moved).csv", lambda f: make_csv(f, [
        ["Customer", "System", "Username", "Password"], ["Brouwer", "NAS", "admin", "moved to Hudu"],
        ["Lange", "Firewall", "admin", "in Keeper"], ["Vogt", "DC", "administrator", "[redacted]"]]))  # fmt: skip
    neg("Notfallhandbuch.docx", lambda f: make_docx(f, [
        "Notfallhandbuch", "Das Administratorkennwort befindet sich im versiegelten Umschlag im Tresor.",
        "Kennwort: liegt versiegelt beim Geschäftsführer", "Bei Ausfall: Hotline 0800 123 456"]))  # fmt: skip

    # audit / expiry / last-changed sheets
    neg("AD_Benutzer_Export.csv", lambda f: make_csv(f, [
        ["SamAccountName", "Enabled", "PasswordLastSet", "PasswordExpired", "PasswordNeverExpires", "LastLogonDate"]]
        + [[u, "True", "12.01.2024 08:13:55", "False", rng.choice(["True", "False"]), "01.03.2024"] for u in LOGINS[:8]],
        delimiter=";", encoding="cp1252"))  # fmt: skip
    neg("Expiration_mots_de_passe.xlsx", lambda f: make_xlsx(f, {"Comptes": [
        ["Utilisateur", "Dernier changement du mot de passe", "Expiration du mot de passe"]]
        + [[u, "2024-01-05", "2024-04-05"] for u in LOGINS[:5]]}))  # fmt: skip
    neg("Passwort-Audit.xlsx", lambda f: make_xlsx(f, {"Audit": [
        ["Benutzer", "Schwaches Passwort", "Passwort läuft nie ab", "Passwort im Klartext gefunden"]]
        + [[u, rng.choice(["Ja", "Nein"]), rng.choice(["Ja", "Nein"]), "Nein"] for u in LOGINS[:6]]}))  # fmt: skip
    neg(
        "pwd_age_report.csv",
        lambda f: make_csv(
            f,
            [["user", "pwd_age_days", "pwd_expires_in"]]
            + [[u, rng.randint(1, 300), rng.randint(-20, 90)] for u in LOGINS[:6]],
        ),
    )
    neg("Kennwortwechsel_Q1.xlsx", lambda f: make_xlsx(f, {"Q1": [
        ["Benutzer", "Kennwort zuletzt geändert", "Nächster Wechsel"]] + [[u, "05.01.2024", "05.04.2024"] for u in LOGINS[:5]]}))  # fmt: skip

    # test result sheets
    neg("UAT_Kassensystem.xlsx", lambda f: make_xlsx(f, {"UAT": [
        ["ID", "Testfall", "Erwartet", "Pass/Fail", "Tester"]]
        + [[i, f"Anmeldung Kasse {i}", "Login ok", rng.choice(["Pass", "Fail", "Pass"]), "MK"] for i in range(1, 9)]}))  # fmt: skip
    neg("Migration checklist.xlsx", lambda f: make_xlsx(f, {"Checks": [
        ["Step", "Owner", "Passed?", "Comment"]] + [[f"Step {i}", "JD", rng.choice(["yes", "no", "✔"]), ""] for i in range(1, 7)]}))  # fmt: skip
    neg("Prüfprotokoll_Netzwerk.xlsx", lambda f: make_xlsx(f, {"Prüfung": [
        ["Prüfpunkt", "Bestanden", "Bemerkung"], ["Admin-Passwort geändert", "ja", ""], ["Standard-Passwörter entfernt", "ja", ""],
        ["WLAN-Passwort stark", "nein", "neu setzen"]]}))  # fmt: skip
    neg(
        "training_results.csv",
        lambda f: make_csv(
            f,
            [["Course", "Participants", "Pass rate", "Passed"]]
            + [[f"Phishing {i}", 20, f"{rng.randint(60, 99)}%", rng.randint(10, 20)] for i in range(4)],
        ),
    )

    # hash dumps are credential stores (store.hash-dump-*): each hash is a finding. Written here, in the
    # look-alikes' order, so that every seed gives the corpus the earlier rounds scored.
    nt_hashes = [f"{rng.getrandbits(128):032x}" for _ in LOGINS[:8]]
    make_text(d / "secretsdump.txt", "\n".join(
        f"HUBER\\{u}:{1100 + i}:aad3b435b51404eeaad3b435b51404ee:{nt}:::" for i, (u, nt) in enumerate(zip(LOGINS[:8], nt_hashes, strict=True))))  # fmt: skip
    crypt_alphabet = string.ascii_letters + string.digits + "./"
    shadow_hashes = [
        f"$6${''.join(rng.choice(string.ascii_letters) for _ in range(8))}${''.join(rng.choice(crypt_alphabet) for _ in range(86))}"
        for _ in range(3)
    ]  # fmt: skip
    make_text(d / "shadow.bak", "\n".join(
        f"{u}:{h}:19400:0:99999:7:::" for u, h in zip(["root", "admin", "backup"], shadow_hashes, strict=True)) + "\n")  # fmt: skip
    dumps: Labels = {"secretsdump.txt": nt_hashes, "shadow.bak": shadow_hashes}
    neg(
        "Benutzer_Hashes.xlsx",
        lambda f: make_xlsx(
            f,
            {
                "Hashes": [["Benutzer", "Passwort-Hash (SHA256)"]]
                + [[u, f"{rng.getrandbits(256):064x}"] for u in LOGINS[:5]]
            },
        ),
    )

    # scripts that prompt or read secrets from elsewhere
    neg("New-Kunde.ps1", lambda f: make_text(f, (
        "param([string]$Kunde)\n$SecurePassword = Read-Host -Prompt 'Enter password' -AsSecureString\n"
        "New-LocalUser -Name $Kunde -Password $SecurePassword\nSet-ADAccountPassword -Identity $Kunde -NewPassword $SecurePassword -Reset\n")))  # fmt: skip
    neg(
        "backup.sh",
        lambda f: make_text(
            f,
            '#!/bin/bash\nread -s -p "Password: " PASS\necho\nexport RESTIC_PASSWORD="$PASS"\nrestic backup /srv\n',
        ),
    )
    neg(
        "connect_exchange.ps1",
        lambda f: make_text(
            f,
            "$cred = Get-Credential -Message 'Admin password for Exchange'\nConnect-ExchangeOnline -Credential $cred\n$stored = Get-StoredCredential -Target 'M365'\n",
        ),
    )
    neg(
        "db_tool.py",
        lambda f: make_text(
            f,
            "import os\nfrom getpass import getpass\n\npassword = os.getenv('DB_PASSWORD') or getpass('DB password: ')\n",
        ),
    )
    neg("Unattend_sanitized.xml", lambda f: make_text(f, (
        '<?xml version="1.0"?><unattend><settings pass="oobeSystem"><component name="Microsoft-Windows-Shell-Setup"><UserAccounts>'
        "<AdministratorPassword><Value>*SENSITIVE*DATA*DELETED*</Value><PlainText>true</PlainText></AdministratorPassword>"
        "</UserAccounts></component></settings></unattend>")))  # fmt: skip
    neg("Drives.xml", lambda f: make_text(f, (
        '<?xml version="1.0" encoding="utf-8"?><Drives clsid="{8FDDCC1A-0C3C-43cd-A6B4-71A6DF20DA8C}"><Drive clsid="{935D1B74-9CB8-4e3c-9914-7DD559B7A417}" name="S:" uid="{2}">'
        '<Properties action="U" thisDrive="NOCHANGE" allDrives="NOCHANGE" userName="" cpassword="" path="\\\\dc-01\\scans" label="Scans" persistent="1" letter="S"/></Drive></Drives>')))  # fmt: skip

    # documentation that explains passwords, training, invoices, change logs, logs
    neg("Anleitung FritzBox Kennwort.docx", lambda f: make_docx(f, [
        "So ändern Sie das FRITZ!Box-Kennwort", "1. Öffnen Sie http://fritz.box", "2. System > FRITZ!Box-Benutzer > Anmeldung im Heimnetz",
        "3. Geben Sie ein neues Kennwort ein und klicken Sie auf Übernehmen.", "Tipp: Das Kennwort sollte mindestens 12 Zeichen haben."]))  # fmt: skip
    neg("How to reset MFA and password.docx", lambda f: make_docx(f, [
        "How to reset a user's password in Entra ID", "1. Open the admin center and select Users > Active users.",
        "2. Select the user and choose Reset password.", "3. Tick 'Require this user to change their password when they first sign in'.",
        "4. Send the password to the user's manager by phone, never by e-mail."]))  # fmt: skip
    neg("Awareness Schulung.pptx", lambda f: make_pptx(f, [
        (["Sichere Passwörter", "Lang statt kompliziert", "Passwortmanager nutzen"], "Beispiel für ein schlechtes Passwort: Sommer2024! – bitte nie verwenden."),
        (["Phishing erkennen"], "Niemand vom IT-Team fragt Sie nach Ihrem Passwort.")]))  # fmt: skip
    neg("Security training EN.pptx", lambda f: make_pptx(f, [
        (["Passwords 101", "Use a passphrase", "Never reuse passwords"], "Bad: Password1. Better: a long passphrase from a password manager."),
        (["Quiz"], "Q: Is it OK to write your password on a sticky note? A: No.")]))  # fmt: skip
    neg("Rechnung_2024-0312.pdf", lambda f: make_pdf(f, [[
        "Rechnung Nr. 2024-0312", "Pos. 1  Passwortmanager-Lizenzen Keeper Business  25 x 3,75 EUR", "Pos. 2  Einrichtung Passwort-Tresor  2 Std.",
        "Summe netto 213,75 EUR"]]))  # fmt: skip
    neg("Quote password manager.pdf", lambda f: make_pdf(f, [[
        "Quote Q-1183", "1Password Business licences - 40 users - 12 months", "Onboarding workshop: password hygiene", "Total: 3,840.00 EUR"]]))  # fmt: skip
    neg("Changelog_Huber.csv", lambda f: make_csv(f, [["Datum", "Ticket", "Aktion", "Techniker"],
        ["04.03.2024", "#4711", "password reset for user m.meier", "MK"], ["05.03.2024", "#4720", "Kennwort zurückgesetzt für Benutzer hlange", "JD"],
        ["06.03.2024", "#4733", "PW-Reset Empfang, Benutzer informiert", "MK"]], delimiter=";"))  # fmt: skip
    neg("ticket_export.txt", lambda f: make_text(f, (
        "#20931 Postfach Empfang eingerichtet - erledigt\n#20940 pw reset für kasse01 (ticket #20940) - Kennwort telefonisch mitgeteilt\n"
        "#20955 Password reset for user jdoe, temporary password sent by SMS\n")))  # fmt: skip
    neg("auth.log", lambda f: make_text(f, "\n".join(
        f"Mar 12 0{i}:14:22 nas sshd[21{i}3]: Failed password for invalid user {u} from 203.0.113.{i + 5} port 5{i}122 ssh2" for i, u in enumerate(["admin", "test", "oracle", "pi"]))
        + "\nMar 12 05:00:01 nas sshd[2201]: Accepted password for backupuser from 10.0.0.5 port 50022 ssh2\n"))  # fmt: skip
    neg("Meeting 2024-03-05.docx", lambda f: make_docx(f, [
        "Protokoll Jour fixe", "- Einführung Passwortmanager ab April", "- Passwort-Reset-Prozess: nur noch über Ticket",
        "- Kennwortrichtlinie wird auf 14 Zeichen angehoben"]))  # fmt: skip
    neg("Checkliste Onboarding.docx", lambda f: make_docx(f, [
        "Checkliste neuer Mitarbeiter", "[x] AD-Konto angelegt", "[x] Startkennwort telefonisch mitgeteilt",
        "[ ] Passwort im Keeper hinterlegt", "[ ] BIOS-Kennwort gesetzt"]))  # fmt: skip
    neg(
        "Password hint.txt",
        lambda f: make_text(f, "Password hint: name of the first dog\nRecovery e-mail: private address\n"),
    )
    neg(
        "Hilfe Anmeldung.txt",
        lambda f: make_text(
            f,
            "Anmeldung am Kundenportal\nBenutzername: Ihre Kundennummer\nPasswort: das Kennwort aus Ihrem Begrüßungsschreiben\n",
        ),
    )

    # other headers that look like password vocabulary
    neg("Schlüsselverwaltung.xlsx", lambda f: make_xlsx(f, {"Schlüssel": [
        ["Schlüssel-Nr.", "Raum", "Ausgegeben an", "Datum"], ["S-01", "Serverraum", "Hausmeister", "01.02.2024"], ["S-07", "Archiv", "Frau Vogt", "03.02.2024"]]}))  # fmt: skip
    neg("Passeports_equipe.xlsx", lambda f: make_xlsx(f, {"Voyage": [
        ["Nom", "N° de passeport", "Valable jusqu'au"], ["C. Lefèvre", "19AB12345", "2030-06-01"], ["P. Martin", "20CD67890", "2031-02-11"]]}))  # fmt: skip
    neg("WLAN Sicherheit.xlsx", lambda f: make_xlsx(f, {"WLAN": [
        ["SSID", "Sicherheit", "Verschlüsselung", "Band"], ["Huber-Staff", "WPA2-Personal", "AES", "5 GHz"], ["Huber-Gast", "WPA3-Personal", "AES", "2,4 GHz"]]}))  # fmt: skip
    neg("Produktschlüssel.xlsx", lambda f: make_xlsx(f, {"Keys": [
        ["Produkt", "Product Key", "Rechner"], ["Windows 11 Pro", "VK7JG-NPHTM-C97JM-9MPGT-3V66T", "PC-EMPFANG-01"], ["Office 2021", "KDVQM-HMNFJ-P9PJX-96HDF-DJYGX", "PC-CHEF"]]}))  # fmt: skip
    neg("Asset_Inventar.xlsx", lambda f: make_xlsx(f, {"Assets": [
        ["Gerät", "Seriennummer", "Passwort bekannt?", "Im Keeper?"]] + [[dev, f"SN{rng.randint(10000, 99999)}", rng.choice(["ja", "nein"]), "ja"] for dev in DEVICES[:6]]}))  # fmt: skip
    neg("Keeper Ordnerstruktur.csv", lambda f: make_csv(f, [
        ["Kunde", "System", "Keeper-Eintrag"], ["Huber", "Firewall", "Kunden/Huber/Firewall admin"], ["Lange", "NAS", "Kunden/Lange/NAS"]]))  # fmt: skip
    return {name: [] for name in names} | dumps


def generate(directory: Path, seed: int = 4242) -> Labels:
    """Write the corpus into ``directory`` and return {file name: planted passwords}."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    labels: Labels = {}

    def plant(name: str, secrets: list[str]) -> None:
        assert name not in labels, name
        labels[name] = secrets

    secrets = Secrets(rng)
    _sheets(directory, secrets, rng, plant)
    _documents(directory, secrets, rng, plant)
    for name, planted in _lookalikes(directory, rng).items():
        assert name not in labels, name
        labels[name] = planted
    return labels


if __name__ == "__main__":
    out = Path(sys.argv[1])
    result = generate(out, int(sys.argv[2]) if len(sys.argv) > 2 else 4242)
    (out / "labels.json").write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"{len(result)} files, {sum(1 for v in result.values() if v)} with passwords")
