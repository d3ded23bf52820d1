"""A third, blind accuracy corpus: MSP file-share documents written without reading the detector.

The first two corpora were written by the engineers who tuned detection on them. This one was written from
the definition of a finding (docs/detection.md), the format notes (docs/formats.md)
and tests/support/docbuilders.py only, before looking at any rule or detector, to estimate how
credscan does on documents it has never seen. Each template imitates something technicians or office staff
really keep on a client file share; about half are look-alikes without a secret (policies, reset mails,
masked lists, prompts, templates, ticket logs). The hash dumps were written as look-alikes too; since hash
dumps are credential stores (docs/detection.md) their hashes are labelled as findings.
``generate(directory, seed)`` writes the files and returns {file name: planted passwords}; an empty list
marks a look-alike. Cases a careful human could not decide are left out rather than labelled.
"""

from __future__ import annotations

import base64
import json
import random
import sys
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

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
    make_zip,
)

Labels = dict[str, list[str]]


def _pdf(path: Path, pages: Sequence[Sequence[str]]) -> Path:
    """make_pdf with typographic dashes and quotes made latin-1 (the core PDF font has no others)."""
    table = str.maketrans({"–": "-", "—": "-", "’": "'", "›": ">", "…": "..."})
    return make_pdf(path, [[line.translate(table) for line in page] for page in pages])


# ---------------------------------------------------------------------------
# realistic values
# ---------------------------------------------------------------------------

_WORDS = {
    "de": [
        "Sommer",
        "Winter",
        "Fenster",
        "Kaffee",
        "Schnee",
        "Bergsee",
        "Tiger",
        "Apfelbaum",
        "Regen",
        "Anker",
    ],
    "en": [
        "Summer",
        "Falcon",
        "Coffee",
        "River",
        "Orange",
        "Monkey",
        "Harbour",
        "Thunder",
        "Maple",
        "Rocket",
    ],
    "fr": ["Soleil", "Maison", "Chateau", "Printemps", "Lavande", "Bateau"],
    "es": ["Verano", "Playa", "Naranja", "Montana", "Girasol"],
    "it": ["Estate", "Gatto", "Limone", "Tramonto", "Vespa"],
    "nl": ["Fiets", "Tulpen", "Molen", "Kaas", "Dijkstra"],
    "pt": ["Verao", "Praia", "Saudade", "Laranja"],
    "sv": ["Sommar", "Björn", "Skog", "Midsommar"],
    "pl": ["Lato", "Zamek", "Wisla", "Bursztyn"],
}
_UMLAUT_WORDS = ["Größe", "Bärenfell", "Höhle", "Käsebrot", "Mühlrad", "Übung", "Fußball", "Tür", "Glück"]
_PHRASE_WORDS = [
    "blue",
    "horse",
    "lamp",
    "river",
    "quiet",
    "seven",
    "garden",
    "pepper",
    "violin",
    "stone",
    "cloud",
    "rote",
    "katze",
    "tanzt",
    "leise",
    "wolke",
    "brücke",
    "apfel",
    "maison",
    "verte",
]
_FIRST = [
    "Anna",
    "Jonas",
    "Lena",
    "Marco",
    "Sophie",
    "Lukas",
    "Emma",
    "Pierre",
    "Lucía",
    "Giulia",
    "Sven",
    "Karin",
    "Tomasz",
    "Joana",
    "Pieter",
    "Mikko",
    "Ingrid",
    "David",
    "Laura",
    "Fatma",
]
_LAST = [
    "Müller",
    "Schmidt",
    "Becker",
    "Rossi",
    "Dubois",
    "García",
    "Jansen",
    "Nowak",
    "Lindqvist",
    "Silva",
    "Korhonen",
    "Hansen",
    "Weber",
    "Fischer",
    "Moreau",
    "Bianchi",
]
_CLIENTS = [
    "Bäckerei Huber GmbH",
    "Kanzlei Roth & Partner",
    "Dental Care Nord",
    "Autohaus Keller",
    "Steuerbüro Vogel",
    "Logistik Brandt KG",
    "Cabinet Martin",
    "Studio Verdi",
    "Van Dijk Bouw",
    "Clínica Sol",
    "Hotel Alpenblick",
    "Praxis Dr. Klein",
    "Nordic Freight AB",
    "Biuro Kowalski",
]


class Ctx:
    """Shared state of one generation run: the RNG, the output directory and the labels."""

    def __init__(self, directory: Path, seed: int) -> None:
        self.rng = random.Random(seed)
        self.dir = directory
        self.labels: Labels = {}
        self.used: set[str] = set()

    def path(self, name: str) -> Path:
        """A unique file name: the real name first, then the names copies get on a Windows share.

        Names must be unique because the scoring keys labels by base name; well-known names
        (unattend.xml, .env, Groups.xml) stay recognisable.
        """
        if name.startswith(".") and name.count(".") == 1:
            candidates = [name] + [
                f"{name}.{suffix}" for suffix in ("local", "production", "staging", "prod")
            ]
        else:
            stem, _, ext = name.rpartition(".")
            candidates = [name, f"{stem} - Copy.{ext}"] + [f"{stem} - Copy ({k}).{ext}" for k in range(2, 50)]
        chosen = next(candidate for candidate in candidates if candidate not in self.used)
        self.used.add(chosen)
        return self.dir / chosen

    def label(self, path: Path, secrets: Sequence[str]) -> None:
        self.labels[path.name] = list(dict.fromkeys(secrets))

    # -- values -------------------------------------------------------------
    def pw(self, kind: str | None = None, safe: bool = False, lang: str = "en") -> str:
        """A password as people really choose or generate them.

        ``safe`` keeps to characters that survive a command line, an .env or an ini file unquoted.
        A password never ends in "." or ",": at the end of a sentence nobody could tell whether the
        full stop belongs to it, so such cases are left out rather than labelled.
        """
        while True:
            value = self._pw(kind, safe, lang)
            if not value.endswith((".", ",")):
                return value

    def _pw(self, kind: str | None, safe: bool, lang: str) -> str:
        rng = self.rng
        kind = kind or rng.choice(["word", "word", "word", "random", "random", "umlaut", "two"])
        syms = "!$%*+-_.@" if safe else "!#$%&*+-?@_."
        if kind == "word":
            word = rng.choice(_WORDS.get(lang, _WORDS["en"]))
            digits = str(rng.randint(1, 9999)).zfill(rng.choice([2, 4]))
            sym = rng.choice(syms)
            return rng.choice([f"{word}{digits}{sym}", f"{word}{sym}{digits}", f"{sym}{word}{digits}"])
        if kind == "two":
            a, b = rng.sample(_WORDS["en"] + _WORDS["de"], 2)
            return f"{a}{rng.choice(syms)}{b}{rng.randint(10, 99)}"
        if kind == "umlaut":
            if safe:
                return self._pw("word", safe, lang)
            return f"{rng.choice(_UMLAUT_WORDS)}{rng.choice(syms)}{rng.randint(10, 999)}"
        if kind == "phrase":
            return " ".join(rng.sample(_PHRASE_WORDS, rng.choice([3, 4])))
        if kind == "dashphrase":
            return "-".join(w.capitalize() for w in rng.sample(_PHRASE_WORDS, 3)) + str(rng.randint(1, 9))
        if kind == "pin":
            return "".join(rng.choice("0123456789") for _ in range(rng.choice([4, 5, 6])))
        # random, 12-20 characters, mixed classes
        alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789" + syms
        while True:
            value = "".join(rng.choice(alphabet) for _ in range(rng.randint(12, 20)))
            if (
                any(c.isdigit() for c in value)
                and any(c.isupper() for c in value)
                and any(c.islower() for c in value)
                and value[0] not in "-+"
            ):
                return value

    def person(self) -> tuple[str, str]:
        first, last = self.rng.choice(_FIRST), self.rng.choice(_LAST)
        login = (first[0] + last).lower()
        for a, b in (("ü", "ue"), ("ö", "oe"), ("ä", "ae"), ("í", "i"), ("ß", "ss")):
            login = login.replace(a, b)
        return f"{first} {last}", login

    def client(self) -> str:
        return self.rng.choice(_CLIENTS)

    def ip(self) -> str:
        return f"192.168.{self.rng.randint(0, 50)}.{self.rng.randint(2, 250)}"

    def domain(self) -> str:
        return self.rng.choice(["contoso", "huber-baeckerei", "kanzlei-roth", "dentalnord", "keller-auto"])

    def date(self) -> str:
        return f"{self.rng.randint(1, 28):02d}.{self.rng.randint(1, 12):02d}.20{self.rng.randint(19, 25)}"


Template = Callable[[Ctx], None]

# ---------------------------------------------------------------------------
# positives: files that hold real passwords
# ---------------------------------------------------------------------------


def stammdatenblatt_docx(c: Ctx) -> None:
    """German 'IT-Stammdatenblatt': two-column key/value tables per system."""
    fw, nas, wlan = c.pw(lang="de"), c.pw(lang="de"), c.pw("phrase")
    client = c.client()
    tables = [
        [
            ["Firewall", ""],
            ["Hersteller / Modell", "Sophos XGS 2100"],
            ["IP-Adresse", c.ip()],
            ["Admin-Benutzer", "admin"],
            ["Admin-Kennwort", fw],
            ["Firmware", "SFOS 20.0.1"],
        ],
        [
            ["NAS", ""],
            ["Modell", "Synology DS920+"],
            ["Benutzer", "itadmin"],
            ["Passwort", nas],
            ["Freigaben", "daten, scans, backup"],
        ],
        [
            ["WLAN", ""],
            ["SSID", "HUBER-INTERN"],
            ["WPA2-Schlüssel", wlan],
            ["Gast-WLAN", "eigener Schlüssel am Empfang"],
        ],
    ]
    path = make_docx(
        c.path(f"IT-Stammdatenblatt {client}.docx"),
        [f"IT-Stammdatenblatt – {client}", f"Stand: {c.date()}", "Ansprechpartner: Herr Huber"],
        tables=tables,
        merge_first_row=True,
    )
    c.label(path, [fw, nas, wlan])


def onboarding_sites_xlsx(c: Ctx) -> None:
    """Client onboarding workbook: one sheet per site, a merged title row, then a device table."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    secrets: list[str] = []
    for site in c.rng.sample(["Hamburg", "Bremen", "Kiel", "Lübeck", "Zentrale"], 3):
        sheet = workbook.create_sheet(site)
        sheet["A1"] = f"Standort {site} – Geräteübersicht"
        sheet.merge_cells("A1:F1")
        sheet.append([])
        sheet.append(["Gerät", "Typ", "IP", "Benutzer", "Passwort", "Bemerkung"])
        for device, kind in [
            ("FW-01", "Firewall"),
            ("SW-CORE", "Switch"),
            ("AP-EG", "Access Point"),
            ("NVR", "Rekorder"),
        ]:
            value = c.pw(lang="de")
            note = c.rng.choice(["", "", "Standardport geändert", "Wartung Q3"])
            if c.rng.random() < 0.2:
                value = c.rng.choice(["siehe Passwortsafe", "", "********"])
            else:
                secrets.append(value)
            sheet.append([device, kind, c.ip(), "admin", value, note])
    path = c.path("Onboarding Standorte.xlsx")
    workbook.save(path)
    c.label(path, secrets)


def wifi_handout_pptx(c: Ctx) -> None:
    key = c.pw(c.rng.choice(["phrase", "word", "dashphrase"]))
    slides = [
        (["Willkommen im Büro!", "Alles Wichtige für Ihren ersten Tag"], None),
        (
            [
                "WLAN für Mitarbeitende",
                "Netzwerk: OFFICE-5G",
                f"Passwort: {key}",
                "Bitte nicht an Gäste weitergeben.",
            ],
            "Folie bei der Einführung zeigen.",
        ),
        (["Drucker", "Follow-me-Druck mit Ihrer Karte"], None),
    ]
    path = make_pptx(c.path("WLAN Infoblatt.pptx"), slides)
    c.label(path, [key])


def wifi_guest_table_pptx(c: Ctx) -> None:
    keys = [c.pw("word"), c.pw("random")]
    path = make_pptx(
        c.path("Wi-Fi access.pptx"),
        [(["Wi-Fi networks at the Lisbon office"], "Guest network rotates monthly; update this slide.")],
        tables={
            1: [["SSID", "Network key", "VLAN"], ["LIS-STAFF", keys[0], "20"], ["LIS-GUEST", keys[1], "99"]]
        },
    )
    c.label(path, keys)


def zugangsdaten_forward_eml(c: Ctx) -> None:
    name, login = c.person()
    secret = c.pw(lang="de")
    body = (
        "Hallo Team,\n\nanbei zur Info, bitte im Ticket hinterlegen.\n\nGruß\nTim\n\n"
        "-------- Weitergeleitete Nachricht --------\n"
        f"Betreff: AW: Zugangsdaten {name}\nVon: {c.client()} <info@example.org>\n\n"
        "> Hallo Herr Berger,\n> \n> hier die Zugangsdaten für die neue Kollegin:\n> \n"
        f"> Benutzername: {login}\n> Kennwort: {secret}\n> \n"
        "> Bitte beim ersten Anmelden ändern.\n> \n> Viele Grüße\n> Sabine\n"
    )
    path = make_eml(c.path("WG Zugangsdaten.eml"), f"WG: AW: Zugangsdaten {name}", body)
    c.label(path, [secret])


def printer_deployment_txt(c: Ctx) -> None:
    scan_pw, web_pw = c.pw(safe=True), c.pw(lang="de")
    text = (
        "Drucker-Rollout Kyocera TASKalfa 3253ci – Notizen\n"
        "=================================================\n\n"
        f"IP: {c.ip()} (DHCP-Reservierung erstellt)\n"
        f"Web-Oberfläche: https://{c.ip()}  Admin / {web_pw}\n"
        "Scan-to-Folder:\n"
        "  Ziel: \\\\fs01\\scans\\%username%\n"
        "  Dienstkonto: DOMAIN\\svc_scan\n"
        f"  Passwort: {scan_pw}\n"
        "Treiber per GPO verteilt, Druckerwarteschlange auf PRINT01.\n"
    )
    path = make_text(c.path("Drucker Rollout Notizen.txt"), text)
    c.label(path, [scan_pw, web_pw])


def nas_vendor_pdf(c: Ctx) -> None:
    secret = c.pw(c.rng.choice(["random", "word"]))
    pages = [
        [
            "QNAP Quick Installation Record",
            "Complete this form during installation and keep it in a safe place.",
            "",
            "Device name: NAS-BACKUP01",
            f"IP address: {c.ip()}",
            "Administrator account: admin",
            f"Administrator password: {secret}",
            "Firmware version: QTS 5.1.4",
        ],
        ["Storage pools", "Pool 1: RAID 5, 4 x 8 TB", "Snapshots: daily, keep 14"],
    ]
    path = _pdf(c.path("NAS Installation Record.pdf"), pages)
    c.label(path, [secret])


def bitwarden_json(c: Ctx) -> None:
    items, secrets = [], []
    for name, uri in [
        ("Sophos Central", "https://central.sophos.com"),
        ("Microsoft 365 Admin", "https://admin.microsoft.com"),
        ("DATEV", "https://www.datev.de"),
        ("Router Zentrale", f"https://{c.ip()}"),
    ]:
        secret = c.pw()
        secrets.append(secret)
        items.append(
            {
                "id": str(uuid.UUID(int=c.rng.getrandbits(128))),
                "organizationId": None,
                "folderId": None,
                "type": 1,
                "reprompt": 0,
                "name": name,
                "notes": None,
                "favorite": False,
                "login": {
                    "uris": [{"match": None, "uri": uri}],
                    "username": c.person()[1],
                    "password": secret,
                    "totp": None,
                },
                "collectionIds": None,
            }
        )
    path = c.path("bitwarden_export_20240311.json")
    path.write_text(json.dumps({"encrypted": False, "folders": [], "items": items}, indent=2), "utf-8")
    c.label(path, secrets)


def chrome_csv(c: Ctx) -> None:
    rows: list[list[object]] = [["name", "url", "username", "password", "note"]]
    secrets = []
    for site in ["portal.office.com", "login.datev.de", "my.ionos.de", "web.whatsapp.com", "shop.lidl.de"]:
        secret = c.pw()
        secrets.append(secret)
        rows.append([site, f"https://{site}/", c.person()[1] + "@example.com", secret, ""])
    path = make_csv(c.path("Chrome Passwords.csv"), rows)
    c.label(path, secrets)


def keepass_xml(c: Ctx) -> None:
    entries, secrets = [], []
    for title in ["Domain Admin", "vCenter", "iLO ESX01", "Veeam Service"]:
        secret = c.pw()
        secrets.append(secret)
        entries.append(
            "<Entry><UUID>" + base64.b64encode(c.rng.randbytes(16)).decode() + "</UUID>"
            f"<String><Key>Title</Key><Value>{escape(title)}</Value></String>"
            f"<String><Key>UserName</Key><Value>{c.person()[1]}</Value></String>"
            f'<String><Key>Password</Key><Value ProtectInMemory="True">{escape(secret)}</Value></String>'
            "<String><Key>URL</Key><Value></Value></String><String><Key>Notes</Key><Value></Value></String>"
            "</Entry>"
        )
    xml = (
        '<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n<KeePassFile><Meta>'
        "<Generator>KeePass</Generator><DatabaseName>Kunden</DatabaseName></Meta><Root><Group>"
        "<Name>Kunden</Name>" + "".join(entries) + "</Group></Root></KeePassFile>\n"
    )
    path = make_text(c.path("KeePass Export.xml"), xml)
    c.label(path, secrets)


def cisco_config_plain(c: Ctx) -> None:
    secret = c.pw(safe=True)
    text = (
        "!\nversion 15.2\nservice timestamps log datetime msec\nno service password-encryption\n!\n"
        "hostname SW-CORE-01\n!\nenable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0\n!\n"
        f"username admin privilege 15 password 0 {secret}\n!\n"
        "interface Vlan10\n ip address 10.10.10.2 255.255.255.0\n!\nline vty 0 4\n login local\n"
        " transport input ssh\n!\nend\n"
    )
    path = make_text(c.path("SW-CORE-01_running-config.txt"), text)
    c.label(path, [secret])


def m365_handover_docx(c: Ctx) -> None:
    ga, bg = c.pw("random"), c.pw("random")
    dom = c.domain()
    paragraphs = [
        "Microsoft 365 Tenant – Übergabeprotokoll",
        f"Tenant: {dom}.onmicrosoft.com, primäre Domain {dom}.de",
        "Lizenzen: 24x Business Premium, 3x Exchange Online Plan 1",
        f"Globaler Administrator: admin@{dom}.onmicrosoft.com",
        f"Kennwort: {ga}",
        f"Break-Glass-Konto: breakglass@{dom}.onmicrosoft.com – Passwort {bg} "
        "(MFA ausgenommen, Überwachung aktiv)",
        "Conditional Access: MFA für alle Benutzer, Legacy-Auth blockiert.",
    ]
    path = make_docx(c.path(f"M365 Übergabe {dom}.docx"), paragraphs)
    c.label(path, [ga, bg])


def nvr_camera_xlsx(c: Ctx) -> None:
    rows: list[list[object]] = [["Kamera", "Standort", "IP", "Benutzer", "PIN"]]
    secrets = []
    for i in range(1, 7):
        pin = c.pw("pin")
        secrets.append(pin)
        rows.append(
            [f"CAM-{i:02d}", c.rng.choice(["Einfahrt", "Lager", "Büro", "Hof"]), c.ip(), "admin", pin]
        )
    path = make_xlsx(c.path("Kameras NVR.xlsx"), {"Kameras": rows})
    c.label(path, secrets)


def breakglass_envelope_txt(c: Ctx) -> None:
    secret = c.pw(c.rng.choice(["random", "dashphrase"]))
    text = (
        "NOTFALL-UMSCHLAG – NUR IM NOTFALL ÖFFNEN\n\n"
        "Domäne: CORP\\\n"
        "Konto: CORP\\da-notfall\n"
        f"Kennwort: {secret}\n\n"
        "Nach Benutzung: Kennwort sofort ändern und neuen Umschlag versiegeln.\n"
        "Versiegelt am: " + c.date() + " durch J. Weber, Zeuge: M. Roth\n"
    )
    path = make_text(c.path("Notfallumschlag Domain Admin.txt"), text)
    c.label(path, [secret])


def unattend_xml(c: Ctx) -> None:
    admin, auto = c.pw(), c.pw()
    plain = c.rng.random() < 0.6
    if plain:
        admin_value, plain_text = escape(admin), "true"
    else:
        admin_value = base64.b64encode((admin + "AdministratorPassword").encode("utf-16-le")).decode()
        plain_text = "false"
    xml = f"""<?xml version="1.0" encoding="utf-8"?>
<unattend xmlns="urn:schemas-microsoft-com:unattend">
  <settings pass="oobeSystem">
    <component name="Microsoft-Windows-Shell-Setup" processorArchitecture="amd64"
      publicKeyToken="31bf3856ad364e35" language="neutral" versionScope="nonSxS">
      <UserAccounts>
        <AdministratorPassword>
          <Value>{admin_value}</Value>
          <PlainText>{plain_text}</PlainText>
        </AdministratorPassword>
      </UserAccounts>
      <AutoLogon>
        <Password><Value>{escape(auto)}</Value><PlainText>true</PlainText></Password>
        <Enabled>true</Enabled>
        <LogonCount>1</LogonCount>
        <Username>Administrator</Username>
      </AutoLogon>
      <TimeZone>W. Europe Standard Time</TimeZone>
    </component>
  </settings>
</unattend>
"""
    path = make_text(c.path("unattend.xml"), xml)
    c.label(path, [admin, auto])


def _gpp_encrypt(password: str) -> str:
    from cryptography.hazmat.primitives import padding
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    key = bytes.fromhex("4e9906e8fcb66cc9faf49310620ffee8f496e806cc057990209b09a433b66c1b")
    padder = padding.PKCS7(128).padder()
    data = padder.update(password.encode("utf-16-le")) + padder.finalize()
    encryptor = Cipher(algorithms.AES(key), modes.CBC(b"\0" * 16)).encryptor()
    return base64.b64encode(encryptor.update(data) + encryptor.finalize()).decode().rstrip("=")


def gpp_groups_xml(c: Ctx) -> None:
    secret = c.pw()
    xml = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<Groups clsid="{3125E937-EB16-4b4c-9934-544FC6D24D26}">'
        '<User clsid="{DF5F1855-51E5-4d24-8B1A-D9BDE98BA1D1}" name="LocalSupport" image="2" '
        'changed="2014-02-11 09:12:44" uid="{A1B2C3D4-1111-2222-3333-444455556666}">'
        f'<Properties action="U" newName="" fullName="" description="Support" '
        f'cpassword="{_gpp_encrypt(secret)}" changeLogon="0" noChange="1" neverExpires="1" acctDisabled="0" '
        'userName="LocalSupport"/></User></Groups>\n'
    )
    path = make_text(c.path("Groups.xml"), xml)
    c.label(path, [secret])


def powershell_asplaintext(c: Ctx) -> None:
    secret = c.pw(safe=True)
    text = (
        "# Verbindet das Laufwerk für die Buchhaltung und startet den Export\n"
        "$user = 'CORP\\svc_export'\n"
        f"$pass = ConvertTo-SecureString '{secret}' -AsPlainText -Force\n"
        "$cred = New-Object System.Management.Automation.PSCredential($user, $pass)\n"
        "New-PSDrive -Name B -PSProvider FileSystem -Root \\\\fs01\\buha -Credential $cred\n"
        "Start-Process 'C:\\Program Files\\Export\\export.exe' -ArgumentList '/auto'\n"
    )
    path = make_text(c.path("Export-Buchhaltung.ps1"), text)
    c.label(path, [secret])


def net_use_bat(c: Ctx) -> None:
    secret = c.pw(safe=True)
    text = (
        "@echo off\r\nREM Laufwerke verbinden - Stand " + c.date() + "\r\n"
        "net use * /delete /y\r\n"
        f"net use S: \\\\fs01\\Daten {secret} /user:CORP\\scanuser /persistent:no\r\n"
        "net use P: \\\\fs01\\Projekte /persistent:no\r\n"
    )
    path = make_text(c.path("logon.bat"), text, encoding="cp1252")
    c.label(path, [secret])


def dotenv_file(c: Ctx) -> None:
    db, smtp = c.pw("random", safe=True), c.pw(safe=True)
    text = (
        "APP_ENV=production\nAPP_URL=https://portal.example.org\n"
        "DB_HOST=sql01\nDB_DATABASE=portal\nDB_USERNAME=portal_app\n"
        f"DB_PASSWORD={db}\n\nMAIL_HOST=smtp.office365.com\nMAIL_USERNAME=noreply@example.org\n"
        f"MAIL_PASSWORD={smtp}\n"
    )
    path = make_text(c.path(".env"), text)
    c.label(path, [db, smtp])


def web_config(c: Ctx) -> None:
    secret = c.pw("random", safe=True)
    xml = (
        '<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <connectionStrings>\n'
        '    <add name="Warenwirtschaft" providerName="System.Data.SqlClient" '
        f'connectionString="Data Source=SQL01\\WAWI;Initial Catalog=wawi;'
        f'User ID=wawi_web;Password={secret};" />\n'
        '  </connectionStrings>\n  <system.web><compilation debug="false" /></system.web>\n</configuration>\n'
    )
    path = make_text(c.path("web.config"), xml)
    c.label(path, [secret])


def new_user_msg(c: Ctx) -> None:
    name, login = c.person()
    secret = c.pw("word")
    body = (
        f"Hi {name.split()[0]},\r\n\r\nwelcome aboard! Your account is ready:\r\n\r\n"
        f"Username: {login}@{c.domain()}.com\r\nTemporary password: {secret}\r\n\r\n"
        "You will be asked to change it at first sign-in. "
        "Please set up MFA with the Authenticator app.\r\n\r\n"
        "Cheers,\r\nService Desk\r\n"
    )
    path = make_msg(c.path("New starter account.msg"), f"Your new account – {name}", body)
    c.label(path, [secret])


_LETTERS = {
    "fr": (
        "Lettre d'accueil",
        [
            "Bienvenue chez {client} !",
            "Voici vos accès informatiques :",
            "Identifiant : {login}",
            "Mot de passe provisoire : {pw}",
            "Merci de le modifier lors de votre première connexion.",
        ],
    ),
    "es": (
        "Carta de bienvenida",
        [
            "Bienvenido/a a {client}.",
            "Sus datos de acceso:",
            "Usuario: {login}",
            "Contraseña: {pw}",
            "Por favor, cambie la contraseña al iniciar sesión por primera vez.",
        ],
    ),
    "it": (
        "Lettera di benvenuto",
        [
            "Benvenuto in {client}.",
            "Le tue credenziali:",
            "Nome utente: {login}",
            "Password: {pw}",
            "Ti chiediamo di cambiarla al primo accesso.",
        ],
    ),
    "nl": (
        "Welkomstbrief",
        [
            "Welkom bij {client}!",
            "Je inloggegevens:",
            "Gebruikersnaam: {login}",
            "Wachtwoord: {pw}",
            "Wijzig je wachtwoord bij de eerste keer inloggen.",
        ],
    ),
    "pt": (
        "Carta de boas-vindas",
        [
            "Bem-vindo à {client}.",
            "Os seus dados de acesso:",
            "Utilizador: {login}",
            "Senha: {pw}",
            "Altere a senha no primeiro início de sessão.",
        ],
    ),
    "sv": (
        "Välkomstbrev",
        [
            "Välkommen till {client}!",
            "Dina inloggningsuppgifter:",
            "Användarnamn: {login}",
            "Lösenord: {pw}",
            "Byt lösenordet vid första inloggningen.",
        ],
    ),
    "da": (
        "Velkomstbrev",
        [
            "Velkommen til {client}!",
            "Dine loginoplysninger:",
            "Brugernavn: {login}",
            "Adgangskode: {pw}",
            "Skift adgangskoden ved første login.",
        ],
    ),
    "no": (
        "Velkomstbrev",
        [
            "Velkommen til {client}!",
            "Påloggingsinformasjon:",
            "Brukernavn: {login}",
            "Passord: {pw}",
            "Bytt passordet første gang du logger på.",
        ],
    ),
    "fi": (
        "Tervetulokirje",
        [
            "Tervetuloa {client}!",
            "Kirjautumistietosi:",
            "Käyttäjätunnus: {login}",
            "Salasana: {pw}",
            "Vaihda salasana ensimmäisellä kirjautumiskerralla.",
        ],
    ),
    "pl": (
        "List powitalny",
        [
            "Witamy w {client}!",
            "Twoje dane logowania:",
            "Nazwa użytkownika: {login}",
            "Hasło: {pw}",
            "Prosimy zmienić hasło przy pierwszym logowaniu.",
        ],
    ),
}


def onboarding_letter(c: Ctx) -> None:
    """A welcome letter in one of ten languages, as docx, pdf, rtf or txt."""
    lang = c.rng.choice(sorted(_LETTERS))
    title, lines = _LETTERS[lang]
    wordlang = lang if lang in _WORDS else "sv" if lang in ("da", "no", "fi") else "en"
    secret = c.pw(c.rng.choice(["word", "random", "two"]), lang=wordlang)
    _, login = c.person()
    text = [title] + [line.format(client=c.client(), login=login, pw=secret) for line in lines]
    fmt = c.rng.choice(["docx", "pdf", "rtf", "txt"])
    if fmt == "pdf" and any(ord(ch) > 255 for ch in "".join(text)):
        fmt = "docx"
    path = c.path(f"{title}.{fmt}")
    if fmt == "docx":
        make_docx(path, text)
    elif fmt == "pdf":
        _pdf(path, [text])
    elif fmt == "rtf":
        make_rtf(path, text)
    else:
        make_text(path, "\n".join(text) + "\n")
    c.label(path, [secret])


def client_list_ods(c: Ctx) -> None:
    rows: list[list[object]] = [["Kunde", "System", "Login", "Kennwort", "Letzte Änderung"]]
    secrets = []
    for _ in range(6):
        secret = c.pw(lang="de")
        secrets.append(secret)
        rows.append(
            [
                c.client(),
                c.rng.choice(["Firewall", "DATEV", "Router", "Telefonanlage"]),
                "admin",
                secret,
                c.date(),
            ]
        )
    path = make_ods(c.path("Kundenzugänge.ods"), {"Zugänge": rows})
    c.label(path, secrets)


def client_list_semicolon_csv(c: Ctx) -> None:
    rows: list[list[object]] = [["Kunde", "Dienst", "Benutzer", "PW", "Notiz"]]
    secrets = []
    for _ in range(5):
        secret = c.pw("word", lang="de")
        secrets.append(secret)
        rows.append(
            [
                c.client(),
                c.rng.choice(["FRITZ!Box", "Lancom", "Exchange", "Synology"]),
                "admin",
                secret,
                c.rng.choice(["", "Fernwartung", "neu seit " + c.date()]),
            ]
        )
    path = make_csv(c.path("Kunden PW Liste.csv"), rows, delimiter=";", encoding="cp1252")
    c.label(path, secrets)


def lastpass_csv(c: Ctx) -> None:
    rows: list[list[object]] = [["url", "username", "password", "totp", "extra", "name", "grouping", "fav"]]
    secrets = []
    for name in ["Amazon Business", "Telekom Kundencenter", "Hetzner Robot"]:
        secret = c.pw()
        secrets.append(secret)
        rows.append(
            [
                f"https://{name.split()[0].lower()}.example",
                c.person()[1],
                secret,
                "",
                "",
                name,
                "Shared-IT",
                0,
            ]
        )
    path = make_csv(c.path("lastpass_export.csv"), rows)
    c.label(path, secrets)


def firefox_csv(c: Ctx) -> None:
    header = [
        "url",
        "username",
        "password",
        "httpRealm",
        "formActionOrigin",
        "guid",
        "timeCreated",
        "timeLastUsed",
        "timePasswordChanged",
    ]
    rows: list[list[object]] = [header]
    secrets = []
    for site in ["https://mail.example.net", "https://192.168.1.1", "https://unifi.ui.com"]:
        secret = c.pw()
        secrets.append(secret)
        rows.append(
            [
                site,
                c.person()[1],
                secret,
                "",
                site,
                "{" + str(uuid.UUID(int=c.rng.getrandbits(128))) + "}",
                1699999999000,
                1700000000000,
                1699999999000,
            ]
        )
    path = make_csv(c.path("logins.csv"), rows)
    c.label(path, secrets)


def onepassword_csv(c: Ctx) -> None:
    rows: list[list[object]] = [
        ["Title", "Website", "Username", "Password", "OTPAuth", "Favorite", "Archived", "Tags", "Notes"]
    ]
    secrets = []
    for title in ["Azure Portal", "Ubiquiti", "Stripe"]:
        secret = c.pw("random")
        secrets.append(secret)
        rows.append([title, "https://example.com", c.person()[1], secret, "", "false", "false", "", ""])
    path = make_csv(c.path("1PasswordExport.csv"), rows)
    c.label(path, secrets)


def network_doc_rtf(c: Ctx) -> None:
    sw, ups = c.pw(safe=True), c.pw(safe=True)
    paras = [
        "Netzwerkdokumentation Praxis Dr. Klein",
        "Core-Switch HP 2530-24G, Standort Serverschrank EG",
        f"Zugang Switch: manager / {sw}",
        "USV APC Smart-UPS 1500 mit Netzwerkkarte",
        f"USV Web-Login: apc, Kennwort: {ups}",
        "Telefonanlage: siehe separates Dokument des Telefonanbieters",
    ]
    path = make_rtf(c.path("Netzwerkdokumentation.rtf"), paras)
    c.label(path, [sw, ups])


def ticket_reset_free_text(c: Ctx) -> None:
    name, login = c.person()
    secret = c.pw("word", lang="de")
    body = (
        f"Ticket #{c.rng.randint(10000, 99999)} – Kennwort zurücksetzen {name}\n\n"
        f"Anruf 08:14 von {name}, Konto gesperrt nach Urlaub.\n"
        f"Konto entsperrt und Kennwort von {login} auf {secret} zurückgesetzt, "
        "Änderung bei nächster Anmeldung erzwungen.\nTicket geschlossen.\n"
    )
    path = make_eml(
        c.path("Ticket Kennwort.eml"),
        f"[Ticket] Kennwort {name}",
        body,
        sender="ticket@msp.example",
        to="team@msp.example",
    )
    c.label(path, [secret])


def ticket_reset_free_text_en(c: Ctx) -> None:
    name, login = c.person()
    secret = c.pw("word")
    text = (
        f"{c.date()} 09:42  {name} locked out after holiday. Reset {login}'s password to {secret} and ticked "
        "'must change at next logon'. Told user by phone.\n"
    )
    path = make_text(c.path("helpdesk-notes.txt"), text)
    c.label(path, [secret])


def scheduled_tasks_cmd(c: Ctx) -> None:
    rp, psx, ck = c.pw(safe=True), c.pw(safe=True), c.pw(safe=True)
    text = (
        "REM Wartungsaufgaben einrichten\r\n"
        f'schtasks /create /tn "Nightly Backup" /tr "C:\\scripts\\backup.cmd" /sc daily /st 23:00 '
        f"/ru CORP\\svc_backup /rp {rp}\r\n"
        f"psexec \\\\PC-042 -u CORP\\helpdesk -p {psx} cmd /c gpupdate /force\r\n"
        f"cmdkey /add:fs01.corp.local /user:CORP\\svc_scan /pass:{ck}\r\n"
    )
    path = make_text(c.path("setup_tasks.cmd"), text)
    c.label(path, [rp, psx, ck])


def compose_yaml(c: Ctx) -> None:
    secret = c.pw("random", safe=True)
    text = (
        "services:\n  db:\n    image: mariadb:10.11\n    environment:\n"
        f"      MARIADB_ROOT_PASSWORD: {secret}\n      MARIADB_DATABASE: nextcloud\n"
        '  app:\n    image: nextcloud:28\n    ports:\n      - "8080:80"\n'
    )
    path = make_text(c.path("docker-compose.yml"), text)
    c.label(path, [secret])


def horizontal_docx_table(c: Ctx) -> None:
    grid = [["System", "Benutzer", "Passwort", "Hinweis"]]
    secrets = []
    for system in ["DATEV Arbeitsplatz", "ELSTER", "Bank (Starmoney)", "Zeiterfassung"]:
        secret = c.pw(c.rng.choice(["word", "umlaut", "random"]), lang="de")
        secrets.append(secret)
        grid.append([system, c.person()[1], secret, c.rng.choice(["", "2FA per App", "nur Chefin"])])
    path = make_docx(c.path("Zugänge Büro.docx"), ["Zugänge Büro – vertraulich"], tables=[grid])
    c.label(path, secrets)


def vertical_xlsx_below(c: Ctx) -> None:
    """Label cells with the value in the cell below, as in a printed form."""
    secret = c.pw()
    rows: list[list[object]] = [
        ["Fernwartungszugang", None, None],
        ["Host", "Benutzer", "Passwort"],
        [f"vpn.{c.domain()}.de", "msp-support", secret],
        [None, None, None],
        ["Erstellt", c.date(), None],
    ]
    path = make_xlsx(c.path("Fernwartung.xlsx"), {"VPN": rows}, start_cell="B3")
    c.label(path, [secret])


def pptx_notes(c: Ctx) -> None:
    secret = c.pw("word")
    slides = [
        (["Demo: new CRM rollout", "Agenda"], None),
        (
            ["Live demo"],
            f"Demo tenant login: demo.admin@crm-trial.example / password {secret} – log out after!",
        ),
    ]
    path = make_pptx(c.path("CRM Rollout.pptx"), slides)
    c.label(path, [secret])


def pdf_network_table(c: Ctx) -> None:
    rows = ["Device            IP               User        Password"]
    secrets = []
    for dev in ["FW-01", "SW-01", "AP-01", "ESXi-01"]:
        secret = c.pw(c.rng.choice(["word", "random"]), safe=True)
        secrets.append(secret)
        rows.append(f"{dev:<17} {c.ip():<16} {'admin':<11} {secret}")
    path = _pdf(c.path("Network Documentation.pdf"), [["Network documentation – " + c.client(), "", *rows]])
    c.label(path, secrets)


def zip_with_creds(c: Ctx) -> None:
    secret = c.pw()
    inner = f"Zugang Kundenportal\nBenutzer: service\nPasswort: {secret}\n".encode()
    path = make_zip(
        c.path("Übergabe Altdienstleister.zip"),
        {"Übergabe/Zugänge.txt": inner, "Übergabe/Liesmich.txt": b"Dokumente vom Vorgaenger.\n"},
    )
    c.label(path, [secret])


def filezilla_xml(c: Ctx) -> None:
    secret = c.pw()
    encoded = base64.b64encode(secret.encode()).decode()
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<FileZilla3 version="3.66.1" platform="windows">\n'
        "  <Servers>\n    <Server>\n      <Host>ftp.webhoster.example</Host>\n      <Port>21</Port>\n"
        "      <Protocol>0</Protocol>\n      <Type>0</Type>\n      <User>web123</User>\n"
        f'      <Pass encoding="base64">{encoded}</Pass>\n      <Logontype>1</Logontype>\n'
        "      <Name>Webseite Kunde</Name>\n    </Server>\n  </Servers>\n</FileZilla3>\n"
    )
    path = make_text(c.path("sitemanager.xml"), xml)
    c.label(path, [secret])


def sysprep_inf(c: Ctx) -> None:
    secret = c.pw(safe=True)
    text = (
        "[Unattended]\nOemSkipEula=Yes\n\n[GuiUnattended]\n"
        f'AdminPassword={secret}\nOEMSkipRegional=1\nTimeZone=110\n\n[UserData]\nFullName="IT"\n'
    )
    path = make_text(c.path("sysprep.inf"), text)
    c.label(path, [secret])


def passphrase_xlsx(c: Ctx) -> None:
    rows: list[list[object]] = [["Benutzer", "Abteilung", "Passwort (Passphrase)"]]
    secrets = []
    for _ in range(4):
        secret = c.pw("phrase")
        secrets.append(secret)
        rows.append([c.person()[1], c.rng.choice(["Buchhaltung", "Vertrieb", "Lager"]), secret])
    path = make_xlsx(c.path("Erstpasswörter neue MA.xlsx"), {"Tabelle1": rows})
    c.label(path, secrets)


def hidden_sheet_xlsx(c: Ctx) -> None:
    inv: list[list[object]] = [
        ["Hostname", "OS", "RAM"],
        ["DC01", "Server 2022", "16 GB"],
        ["FS01", "Server 2019", "32 GB"],
    ]
    creds: list[list[object]] = [["Hostname", "Local Admin", "Password"]]
    secrets = []
    for host in ["DC01", "FS01", "APP01"]:
        secret = c.pw("random")
        secrets.append(secret)
        creds.append([host, "Administrator", secret])
    path = make_xlsx(c.path("Server Inventory.xlsx"), {"Inventory": inv, "Creds": creds}, hidden=["Creds"])
    c.label(path, secrets)


def mixed_vault_docx(c: Ctx) -> None:
    """A handover where most logins point to the vault but one was pasted in anyway."""
    secret = c.pw(lang="de")
    grid = [
        ["System", "Benutzer", "Kennwort"],
        ["Firewall", "admin", "im Passwortsafe"],
        ["Server iDRAC", "root", "siehe IT Glue"],
        ["Telefonanlage", "admin", secret],
        ["Drucker", "admin", "–"],
    ]
    path = make_docx(c.path("Übergabe Systeme.docx"), ["Übergabe an neuen Dienstleister"], tables=[grid])
    c.label(path, [secret])


def mixed_last_changed_xlsx(c: Ctx) -> None:
    rows: list[list[object]] = [["Account", "Password", "Password last changed", "Password expires"]]
    secrets = []
    for account in ["svc_sql", "svc_backup", "svc_print"]:
        secret = c.pw("random")
        secrets.append(secret)
        rows.append([account, secret, c.date(), "never"])
    path = make_xlsx(c.path("Service Accounts.xlsx"), {"Service accounts": rows})
    c.label(path, secrets)


def italian_spanish_handover_docx(c: Ctx) -> None:
    lang = c.rng.choice(["it", "es"])
    secret = c.pw(lang=lang)
    if lang == "it":
        tables = [[["Dispositivo", "Router fibra"], ["Utente", "admin"], ["Password", secret]]]
        paras = ["Documentazione rete – Studio Verdi", "Il router è stato configurato il " + c.date()]
    else:
        tables = [[["Equipo", "Router fibra"], ["Usuario", "admin"], ["Contraseña", secret]]]
        paras = ["Documentación de red – Clínica Sol", "Router instalado el " + c.date()]
    path = make_docx(
        c.path("Documentazione.docx" if lang == "it" else "Documentación red.docx"), paras, tables=tables
    )
    c.label(path, [secret])


def pl_nl_email_eml(c: Ctx) -> None:
    lang = c.rng.choice(["pl", "nl"])
    secret = c.pw(lang=lang)
    if lang == "pl":
        body = (
            "Dzień dobry,\n\nprzesyłam dostęp do panelu hostingu:\n"
            f"login: biuro\nhasło: {secret}\n\nPozdrawiam\n"
        )
        subject = "Dostęp do panelu"
    else:
        body = (
            f"Hoi,\n\nhierbij de gegevens voor de NAS:\ngebruiker: beheer\nww: {secret}\n\nGroet,\nPieter\n"
        )
        subject = "NAS gegevens"
    path = make_eml(c.path(f"{subject}.eml"), subject, body)
    c.label(path, [secret])


def yaml_ansible_plain(c: Ctx) -> None:
    secret = c.pw("random", safe=True)
    text = (
        "all:\n  hosts:\n    sw-access-[01:12].corp.local:\n  vars:\n    ansible_network_os: ios\n"
        "    ansible_user: netadmin\n"
        f"    ansible_password: {secret}\n"
    )
    path = make_text(c.path("inventory.yml"), text)
    c.label(path, [secret])


POSITIVES: list[Template] = [
    stammdatenblatt_docx,
    onboarding_sites_xlsx,
    wifi_handout_pptx,
    wifi_guest_table_pptx,
    zugangsdaten_forward_eml,
    printer_deployment_txt,
    nas_vendor_pdf,
    bitwarden_json,
    chrome_csv,
    keepass_xml,
    cisco_config_plain,
    m365_handover_docx,
    nvr_camera_xlsx,
    breakglass_envelope_txt,
    unattend_xml,
    gpp_groups_xml,
    powershell_asplaintext,
    net_use_bat,
    dotenv_file,
    web_config,
    new_user_msg,
    onboarding_letter,
    onboarding_letter,
    client_list_ods,
    client_list_semicolon_csv,
    lastpass_csv,
    firefox_csv,
    onepassword_csv,
    network_doc_rtf,
    ticket_reset_free_text,
    ticket_reset_free_text_en,
    scheduled_tasks_cmd,
    compose_yaml,
    horizontal_docx_table,
    vertical_xlsx_below,
    pptx_notes,
    pdf_network_table,
    zip_with_creds,
    filezilla_xml,
    sysprep_inf,
    passphrase_xlsx,
    hidden_sheet_xlsx,
    mixed_vault_docx,
    mixed_last_changed_xlsx,
    italian_spanish_handover_docx,
    pl_nl_email_eml,
    yaml_ansible_plain,
]

# ---------------------------------------------------------------------------
# look-alikes: no secret
# ---------------------------------------------------------------------------


def _none(c: Ctx, path: Path) -> None:
    c.label(path, [])


def policy_docx(c: Ctx) -> None:
    if c.rng.random() < 0.5:
        paras = [
            "Kennwortrichtlinie",
            "1. Kennwörter müssen mindestens 12 Zeichen lang sein.",
            "2. Das Kennwort muss Groß- und Kleinbuchstaben, Ziffern und Sonderzeichen enthalten.",
            "3. Kennwort-Historie: die letzten 24 Kennwörter dürfen nicht wiederverwendet werden.",
            "4. Passwörter dürfen nicht weitergegeben oder notiert werden.",
            "5. Das Passwort läuft nach 180 Tagen ab.",
        ]
        name = "Kennwortrichtlinie.docx"
    else:
        paras = [
            "Password Policy",
            "Scope: all staff and contractors.",
            "Passwords must be at least 14 characters and must not contain the user name.",
            "Password: minimum length 14, complexity enabled, history 24, maximum age 365 days.",
            "Passphrases such as four random words are encouraged.",
            "Never share your password with anyone, including IT staff.",
        ]
        name = "Password Policy v3.docx"
    _none(c, make_docx(c.path(name), paras))


def gpo_report_pdf(c: Ctx) -> None:
    lines = [
        "Default Domain Policy - Settings report",
        "Account Policies/Password Policy",
        "Enforce password history: 24 passwords remembered",
        "Maximum password age: 90 days",
        "Minimum password age: 1 days",
        "Minimum password length: 14 characters",
        "Password must meet complexity requirements: Enabled",
        "Store passwords using reversible encryption: Disabled",
        "Account lockout threshold: 5",
    ]
    _none(c, _pdf(c.path("GPO Report.pdf"), [lines]))


def reset_email(c: Ctx) -> None:
    name, _ = c.person()
    if c.rng.random() < 0.5:
        body = (
            f"Hello {name},\n\nYour password was reset by the service desk. To choose a new password, "
            "open the link below within 24 hours:\n\nhttps://passwordreset.microsoftonline.com/\n\n"
            "If you did not request a password reset, contact us immediately.\n"
        )
        subject = "Password reset"
    else:
        body = (
            f"Hallo {name},\n\nIhr Kennwort wurde zurückgesetzt. Das neue Kennwort teilen wir Ihnen "
            "telefonisch mit. Bitte ändern Sie es bei der nächsten Anmeldung.\n\nIhr IT-Team\n"
        )
        subject = "Kennwort zurückgesetzt"
    _none(c, make_eml(c.path(f"{subject}.eml"), subject, body))


def expiry_notice(c: Ctx) -> None:
    days = c.rng.randint(2, 14)
    body = (
        f"Your password will expire in {days} days.\r\nPress Ctrl+Alt+Del and choose 'Change a password'.\r\n"
        "Password requirements: at least 12 characters, not one of your last 10 passwords.\r\n"
    )
    _none(c, make_msg(c.path("Password expiry notice.msg"), "Password expires soon", body))


def template_xlsx(c: Ctx) -> None:
    rows: list[list[object]] = [["System", "URL", "Benutzername", "Passwort", "Bemerkung"]]
    for system in ["Firewall", "NAS", "Router", "Telefonanlage", "Mailserver"]:
        rows.append([system, "", "", "", ""])
    rows.append(["Beispiel", "https://…", "<benutzer>", "<passwort>", "nur im Tresor pflegen"])
    _none(c, make_xlsx(c.path("Vorlage Kundendokumentation.xlsx"), {"Vorlage": rows}))


def masked_list_xlsx(c: Ctx) -> None:
    rows: list[list[object]] = [["System", "Login", "Password", "Where"]]
    for system in ["Firewall", "vCenter", "Backup", "Switches", "O365 admin", "Hosting"]:
        rows.append(
            [
                system,
                "admin",
                c.rng.choice(
                    ["********", "●●●●●●●●", "(in vault)", "see IT Glue", "N/A", "xxxxxxxx", "in Keeper", "—"]
                ),
                c.rng.choice(
                    ["Keeper › Clients › ACME", "IT Glue", "Passwordstate #" + str(c.rng.randint(1, 999))]
                ),
            ]
        )
    _none(c, make_xlsx(c.path("Credentials index.xlsx"), {"Index": rows}))


def last_changed_xlsx(c: Ctx) -> None:
    rows: list[list[object]] = [
        ["User", "Password last changed", "Password expires", "Password never expires"]
    ]
    for _ in range(8):
        rows.append([c.person()[1], c.date(), c.date(), c.rng.choice(["TRUE", "FALSE"])])
    _none(c, make_xlsx(c.path("AD Password Age Report.xlsx"), {"Report": rows}))


def qa_pass_fail_xlsx(c: Ctx) -> None:
    rows: list[list[object]] = [["Test case", "Step", "Expected", "Pass", "Tester"]]
    for i in range(1, 10):
        rows.append(
            [
                f"TC-{i:03d}",
                c.rng.choice(
                    [
                        "Login with valid password",
                        "Login with wrong password",
                        "Reset password via portal",
                        "Lock after 5 attempts",
                    ]
                ),
                "as specified",
                c.rng.choice(["Pass", "Fail", "Pass", "Passed"]),
                c.person()[1],
            ]
        )
    _none(c, make_xlsx(c.path("UAT Login Tests.xlsx"), {"UAT": rows}))


def hash_dump_txt(c: Ctx) -> None:
    lines = []
    for user, rid in [
        ("Administrator", 500),
        ("Guest", 501),
        ("krbtgt", 502),
        ("svc_sql", 1105),
        ("jdoe", 1106),
    ]:
        nt = c.rng.randbytes(16).hex()
        lines.append(f"CORP.LOCAL\\{user}:{rid}:aad3b435b51404eeaad3b435b51404ee:{nt}:::")
    text = "[*] Dumping Domain Credentials (domain\\uid:rid:lmhash:nthash)\n" + "\n".join(lines) + "\n"
    nt_hashes = [line.split(":")[3] for line in lines]  # a hash dump: each NT hash is a finding
    c.label(make_text(c.path("pentest_ntds_excerpt.txt"), text), nt_hashes)


def bcrypt_users_csv(c: Ctx) -> None:
    rows: list[list[object]] = [["id", "email", "password_hash", "created_at"]]
    alphabet = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    for i in range(1, 6):
        digest = "".join(c.rng.choice(alphabet) for _ in range(53))
        rows.append([i, f"{c.person()[1]}@example.org", f"$2y$10${digest}", "2023-05-01 10:00:00"])
    _none(c, make_csv(c.path("users_export.csv"), rows))


def prompt_scripts(c: Ctx) -> None:
    kind = c.rng.choice(["ps1", "sh", "py"])
    if kind == "ps1":
        text = (
            "$cred = Get-Credential -Message 'Domain admin'\n"
            "$pw = Read-Host -Prompt 'Password for svc_backup' -AsSecureString\n"
            "New-LocalUser -Name 'support' -Password $pw\n"
        )
        name = "New-SupportUser.ps1"
    elif kind == "sh":
        text = (
            "#!/bin/bash\nread -r -p 'User: ' USER\nread -r -s -p 'Password: ' PASSWORD\necho\n"
            "smbclient //fs01/backup -U \"$USER%$PASSWORD\" -c 'ls'\n"
        )
        name = "check_share.sh"
    else:
        text = (
            "import getpass\nimport os\n\npassword = getpass.getpass('Password: ')\n"
            "db_password = os.environ['DB_PASSWORD']\nconnect(user='report', password=password)\n"
        )
        name = "sync_report.py"
    _none(c, make_text(c.path(name), text))


def training_pptx(c: Ctx) -> None:
    slides = [
        (["Security Awareness 2024", "Passwords and phishing"], None),
        (
            [
                "Good passwords",
                "Long passphrases beat complex short passwords",
                "Use the company password manager",
                "Never reuse a password",
            ],
            "Ask the audience who uses the same password twice.",
        ),
        (["Most common passwords in leaks", "123456, password, qwerty, 111111"], None),
        (["We will NEVER ask for your password", "Not by e-mail, not by phone"], None),
    ]
    _none(c, make_pptx(c.path("Security Awareness Training.pptx"), slides))


def licence_invoice_pdf(c: Ctx) -> None:
    product = c.rng.choice(["Keeper Business", "1Password Business", "Bitwarden Enterprise", "Passwordstate"])
    lines = [
        f"INVOICE {c.rng.randint(100000, 999999)}",
        f"Customer: {c.client()}",
        f"{product} - annual subscription, 25 users      EUR 1,125.00",
        "Password manager onboarding workshop (2h)        EUR   240.00",
        "VAT 19%                                          EUR   259.35",
        "Total EUR 1,624.35",
        "Payment terms: 14 days net",
    ]
    _none(c, _pdf(c.path(f"Invoice {product}.pdf"), [lines]))


def ticket_log_xlsx(c: Ctx) -> None:
    rows: list[list[object]] = [["Ticket", "Datum", "Kunde", "Betreff", "Status"]]
    subjects = [
        "Passwort zurückgesetzt für {u}",
        "Password reset for user {u}",
        "PW vergessen – {u} entsperrt",
        "Kennwort abgelaufen {u}, neues am Telefon durchgegeben",
        "MFA neu registriert {u}",
    ]
    for _ in range(10):
        rows.append(
            [
                c.rng.randint(20000, 29999),
                c.date(),
                c.client(),
                c.rng.choice(subjects).format(u=c.person()[1]),
                c.rng.choice(["geschlossen", "offen"]),
            ]
        )
    _none(c, make_xlsx(c.path("Ticketexport.xlsx"), {"Tickets": rows}))


def env_example(c: Ctx) -> None:
    text = (
        "APP_ENV=local\nDB_HOST=localhost\nDB_USERNAME=app\nDB_PASSWORD=changeme\n"
        "MAIL_PASSWORD=\nREDIS_PASSWORD=null\n"
    )
    _none(c, make_text(c.path(".env.example"), text))


def web_config_sspi(c: Ctx) -> None:
    xml = (
        '<?xml version="1.0"?>\n<configuration><connectionStrings>'
        '<add name="Main" connectionString="Server=SQL01;Database=crm;Integrated Security=SSPI;" />'
        '<add name="Rep" connectionString="Server=SQL02;Database=rep;Trusted_Connection=yes;" />'
        "</connectionStrings></configuration>\n"
    )
    _none(c, make_text(c.path("web.config"), xml))


def unattend_no_password(c: Ctx) -> None:
    xml = (
        '<?xml version="1.0" encoding="utf-8"?>\n<unattend xmlns="urn:schemas-microsoft-com:unattend">'
        '<settings pass="oobeSystem"><component name="Microsoft-Windows-Shell-Setup" '
        'processorArchitecture="amd64"><OOBE><HideEULAPage>true</HideEULAPage><ProtectYourPC>1</ProtectYourPC>'
        "</OOBE><UserAccounts><LocalAccounts><LocalAccount><Name>it-local</Name><Group>Administrators</Group>"
        "<Password><Value></Value><PlainText>true</PlainText></Password></LocalAccount></LocalAccounts>"
        "</UserAccounts></component></settings></unattend>\n"
    )
    _none(c, make_text(c.path("Autounattend.xml"), xml))


def cisco_config_hashes(c: Ctx) -> None:
    text = (
        "hostname SW-ACCESS-07\n!\nservice password-encryption\nenable secret 9 "
        "$9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM\n"
        "username netadmin privilege 15 secret 8 "
        "$8$dsYGNam3K1SIJO$7nv/35M/qr6t.dVc7UY9zrJDWRVqncHub1PE9UlMQFs\n"
        "!\nline con 0\n login local\nline vty 0 15\n login local\n transport input ssh\n!\nend\n"
    )
    _none(c, make_text(c.path("SW-ACCESS-07.cfg"), text))


def gpp_empty_cpassword(c: Ctx) -> None:
    xml = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Groups clsid="{3125E937-EB16-4b4c-9934-544FC6D24D26}">'
        '<Group clsid="{6D4A79E4-529C-4481-ABD0-F5BD7EA93BA7}" name="Administrators (built-in)" image="2">'
        '<Properties action="U" newName="" description="" deleteAllUsers="0" deleteAllGroups="0" '
        'removeAccounts="0" groupSid="S-1-5-32-544" groupName="Administrators (built-in)"><Members>'
        '<Member name="CORP\\Helpdesk" action="ADD" sid=""/></Members></Properties></Group></Groups>\n'
    )
    _none(c, make_text(c.path("Groups.xml"), xml))


def wifi_guest_ask_reception(c: Ctx) -> None:
    lines = [
        "Gäste-WLAN",
        "Netzwerk: Hotel-Alpenblick-Guest",
        "Passwort: erhalten Sie an der Rezeption",
        "Kennwort wechselt täglich.",
    ]
    _none(c, make_pptx(c.path("Gaeste WLAN.pptx"), [(lines, None)]))


def onboarding_letter_no_pw(c: Ctx) -> None:
    _, login = c.person()
    if c.rng.random() < 0.5:
        paras = [
            "Welcome letter",
            f"Your user name: {login}",
            "Your initial password will be sent to your mobile phone by SMS.",
            "Password: sent separately",
            "Please change it at first logon.",
        ]
        name = "Welcome letter.docx"
    else:
        paras = [
            "Lettre d'accueil",
            f"Identifiant : {login}",
            "Mot de passe : communiqué séparément par votre responsable",
            "Le mot de passe doit comporter au moins 12 caractères.",
        ]
        name = "Lettre accueil.docx"
    _none(c, make_docx(c.path(name), paras))


def vault_pointer_doc(c: Ctx) -> None:
    grid = [
        ["System", "Zugang", "Kennwort"],
        ["Firewall", "admin", "siehe Passwordstate, Eintrag 4711"],
        ["ESXi", "root", "im Tresor (Keeper)"],
        ["Switch", "manager", "gleiches wie Firewall"],
        ["USV", "apc", "Standard geändert, siehe Tresor"],
    ]
    _none(
        c,
        make_docx(
            c.path("Netzwerkdoku Kunde.docx"),
            ["Netzwerkdokumentation", "Alle Kennwörter liegen im Tresor."],
            tables=[grid],
        ),
    )


def password_manager_faq(c: Ctx) -> None:
    paras = [
        "FAQ: Einführung Passwortmanager",
        "Was ist das Master-Passwort?",
        "Das Master-Passwort schützt Ihren Tresor. Wählen Sie eine lange Passphrase, die Sie sonst nirgends "
        "verwenden.",
        "Was passiert, wenn ich mein Master-Passwort vergesse?",
        "Ein Administrator kann den Kontowiederherstellungsprozess starten.",
        "Kann ich Passwörter teilen?",
        "Ja, über freigegebene Ordner.",
    ]
    _none(c, make_docx(c.path("FAQ Passwortmanager.docx"), paras))


def audit_findings_pdf(c: Ctx) -> None:
    lines = [
        "Security Assessment - Findings",
        "F-01 High: 14 accounts with 'Password never expires'",
        "F-02 Medium: Password stored in GPP found in SYSVOL (MS14-025) - removed during assessment",
        "F-03 Medium: LAPS not deployed on 37 workstations",
        "F-04 Low: Password policy allows 8 character passwords",
        "Recommendation: store all service account passwords in the password manager.",
    ]
    _none(c, _pdf(c.path("Assessment Findings.pdf"), [lines]))


def ad_export_csv(c: Ctx) -> None:
    rows: list[list[object]] = [
        [
            "SamAccountName",
            "Enabled",
            "PasswordLastSet",
            "PasswordNeverExpires",
            "PasswordNotRequired",
            "LastLogonDate",
        ]
    ]
    for _ in range(8):
        rows.append(
            [
                c.person()[1],
                "True",
                f"2024-0{c.rng.randint(1, 9)}-1{c.rng.randint(0, 9)} 08:00",
                c.rng.choice(["True", "False"]),
                "False",
                "2024-10-01",
            ]
        )
    _none(c, make_csv(c.path("ad_users.csv"), rows, delimiter=";"))


def env_reference_scripts(c: Ctx) -> None:
    kind = c.rng.choice(["gha", "ansible", "ps1"])
    if kind == "gha":
        text = (
            "jobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./deploy.sh\n"
            "        env:\n          DB_PASSWORD: ${{ secrets.DB_PASSWORD }}\n"
            "          SMTP_PASSWORD: ${{ secrets.SMTP_PASSWORD }}\n"
        )
        name = "deploy.yml"
    elif kind == "ansible":
        text = (
            "- hosts: switches\n  vars:\n    ansible_user: netadmin\n"
            '    ansible_password: "{{ vault_netadmin_password }}"\n  tasks:\n    - ios_facts:\n'
        )
        name = "switch_facts.yml"
    else:
        text = (
            "$password = $env:SQL_BACKUP_PASSWORD\n"
            "$secure = ConvertTo-SecureString $password -AsPlainText -Force\n"
            "$cred = [pscredential]::new('sa', $secure)\n"
            "Invoke-Sqlcmd -Credential $cred -Query 'BACKUP ...'\n"
        )
        name = "Backup-Sql.ps1"
    _none(c, make_text(c.path(name), text))


def compose_secret_file(c: Ctx) -> None:
    text = (
        "services:\n  db:\n    image: postgres:16\n    environment:\n"
        "      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n    secrets:\n      - db_password\n"
        "secrets:\n  db_password:\n    file: ./secrets/db_password.txt\n"
    )
    _none(c, make_text(c.path("docker-compose.yml"), text))


def phishing_warning_eml(c: Ctx) -> None:
    body = (
        "Liebe Kolleginnen und Kollegen,\n\nderzeit kursieren E-Mails, die angeblich von der IT kommen und "
        "Sie auffordern, Ihr Passwort auf einer Webseite einzugeben. Die IT wird Sie niemals nach Ihrem "
        "Passwort fragen. Geben Sie Ihr Kennwort nur auf login.microsoftonline.com ein.\n\n"
        "Bei Fragen: Durchwahl 200.\n"
    )
    _none(c, make_eml(c.path("Warnung Phishing.eml"), "Achtung: Phishing-Mails", body))


def vault_migration_checklist(c: Ctx) -> None:
    rows: list[list[object]] = [["Kunde", "Passwörter im Tresor?", "Alte Liste gelöscht?", "Verantwortlich"]]
    for _ in range(6):
        rows.append(
            [
                c.client(),
                c.rng.choice(["Ja", "Nein", "teilweise"]),
                c.rng.choice(["Ja", "Nein"]),
                c.person()[0],
            ]
        )
    _none(c, make_xlsx(c.path("Migration Passwortsafe.xlsx"), {"Status": rows}))


def change_log_xlsx(c: Ctx) -> None:
    rows: list[list[object]] = [["Datum", "Benutzer", "Kennwort geändert", "Grund"]]
    for _ in range(6):
        rows.append(
            [
                c.date(),
                c.person()[1],
                c.rng.choice(["ja", "nein"]),
                c.rng.choice(["Ablauf", "Verdacht Phishing", "Austritt", "Routine"]),
            ]
        )
    _none(c, make_xlsx(c.path("Kennwortänderungen 2024.xlsx"), {"Log": rows}))


def printer_sticker_note(c: Ctx) -> None:
    text = (
        "Drucker HP M479fdw – Einrichtung\nIP: " + c.ip() + "\n"
        "Admin-Kennwort: steht auf dem Aufkleber an der Geräterückseite (nicht geändert, TODO)\n"
        "Scan-to-Mail über Exchange Online, App-Passwort im Tresor.\n"
    )
    _none(c, make_text(c.path("Drucker Einrichtung.txt"), text))


def gpo_password_settings_txt(c: Ctx) -> None:
    text = (
        "[System Access]\nMinimumPasswordAge = 1\nMaximumPasswordAge = 90\nMinimumPasswordLength = 14\n"
        "PasswordComplexity = 1\nPasswordHistorySize = 24\nLockoutBadCount = 5\nClearTextPassword = 0\n"
    )
    _none(c, make_text(c.path("GptTmpl.inf"), text, encoding="utf-16"))


def tool_readme(c: Ctx) -> None:
    text = (
        "# backup-sync\n\nUsage:\n\n    backup-sync --host HOST --user USER --password <PASSWORD>\n\n"
        "The password can also be given in the environment variable BACKUP_PASSWORD.\n"
        "Options:\n  -p, --password TEXT   password of the backup user (prompted if omitted)\n"
    )
    _none(c, make_text(c.path("README.md"), text))


def hotline_shadow_excerpt(c: Ctx) -> None:
    alphabet = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    salt = "".join(c.rng.choice(alphabet) for _ in range(8))
    digest = "".join(c.rng.choice(alphabet) for _ in range(86))
    text = (
        f"root:$6${salt}${digest}:19523:0:99999:7:::\ndaemon:*:19523:0:99999:7:::\n"
        "backup:*:19523:0:99999:7:::\nnobody:*:19523:0:99999:7:::\n"
    )
    c.label(make_text(c.path("shadow.bak"), text), [f"$6${salt}${digest}"])  # a hash dump: a finding


def questionnaire_docx(c: Ctx) -> None:
    grid = [
        ["Frage", "Antwort"],
        ["Nutzen Sie einen Passwortmanager?", "Ja, Keeper"],
        ["Werden Passwörter regelmäßig geändert?", "Nur bei Verdacht"],
        ["Ist MFA aktiv?", "Ja, für alle Cloud-Dienste"],
        ["Passwort", "mindestens 12 Zeichen (Richtlinie)"],
    ]
    _none(c, make_docx(c.path("Fragebogen IT-Sicherheit.docx"), ["Fragebogen IT-Sicherheit"], tables=[grid]))


def multilang_policy(c: Ctx) -> None:
    lang = c.rng.choice(["fr", "es", "nl", "it", "pl", "sv"])
    text = {
        "fr": "Politique de mot de passe : le mot de passe doit contenir au moins 12 caractères "
        "et être changé "
        "tous les 180 jours. Ne communiquez jamais votre mot de passe.",
        "es": "Política de contraseñas: la contraseña debe tener al menos 12 caracteres. Nunca comparta su "
        "contraseña por correo electrónico.",
        "nl": "Wachtwoordbeleid: een wachtwoord moet minimaal 12 tekens bevatten. Deel je wachtwoord nooit.",
        "it": "Politica password: la password deve avere almeno 12 caratteri e non deve essere condivisa.",
        "pl": "Polityka haseł: hasło musi mieć co najmniej 12 znaków. Nigdy nie udostępniaj hasła.",
        "sv": "Lösenordspolicy: lösenordet ska vara minst 12 tecken. Dela aldrig ditt lösenord med någon.",
    }[lang]
    _none(c, make_text(c.path(f"policy_{lang}.txt"), text + "\n"))


def reset_reply_thread_eml(c: Ctx) -> None:
    name, login = c.person()
    body = (
        f"Hallo {name.split()[0]},\n\ndein Passwort ist zurückgesetzt. Du bekommst gleich eine SMS mit dem "
        "Einmalkennwort.\n\nGruß\nHelpdesk\n\n"
        "> Hallo, ich habe mein Passwort vergessen und komme nicht mehr rein.\n"
        f"> Benutzer: {login}\n> Danke!\n"
    )
    _none(c, make_eml(c.path("AW Passwort vergessen.eml"), "AW: Passwort vergessen", body))


def masked_camera_list(c: Ctx) -> None:
    rows: list[list[object]] = [["Kamera", "IP", "Benutzer", "PIN"]]
    for i in range(1, 6):
        rows.append([f"CAM-{i:02d}", c.ip(), "admin", "••••"])
    _none(c, make_xlsx(c.path("Kameras (maskiert).xlsx"), {"Kameras": rows}))


def template_form_pdf(c: Ctx) -> None:
    lines = [
        "Installation record (blank form)",
        "Device name: ____________________",
        "IP address: ____________________",
        "Administrator account: ____________________",
        "Administrator password: ____________________",
        "Do not store this form with the device.",
    ]
    _none(c, _pdf(c.path("Installation record template.pdf"), [lines]))


def meeting_notes_docx(c: Ctx) -> None:
    paras = [
        "Jour fixe IT – Protokoll",
        "TOP 1: Passwortwechsel Dienstkonten im Q3 (Verantwortlich: JW)",
        "TOP 2: Keeper-Lizenzen um 5 erhöhen",
        "TOP 3: Alte Passwortliste auf dem Fileserver löschen",
        "TOP 4: Kennwort-Reset-Portal für Benutzer testen",
    ]
    _none(c, make_docx(c.path("Protokoll Jour fixe.docx"), paras))


NEGATIVES: list[Template] = [
    policy_docx,
    gpo_report_pdf,
    reset_email,
    expiry_notice,
    template_xlsx,
    masked_list_xlsx,
    last_changed_xlsx,
    qa_pass_fail_xlsx,
    hash_dump_txt,
    bcrypt_users_csv,
    prompt_scripts,
    training_pptx,
    licence_invoice_pdf,
    ticket_log_xlsx,
    env_example,
    web_config_sspi,
    unattend_no_password,
    cisco_config_hashes,
    gpp_empty_cpassword,
    wifi_guest_ask_reception,
    onboarding_letter_no_pw,
    vault_pointer_doc,
    password_manager_faq,
    audit_findings_pdf,
    ad_export_csv,
    env_reference_scripts,
    compose_secret_file,
    phishing_warning_eml,
    vault_migration_checklist,
    change_log_xlsx,
    printer_sticker_note,
    gpo_password_settings_txt,
    tool_readme,
    hotline_shadow_excerpt,
    questionnaire_docx,
    multilang_policy,
    reset_reply_thread_eml,
    masked_camera_list,
    template_form_pdf,
    meeting_notes_docx,
]


def generate(directory: Path, seed: int) -> Labels:
    """Write the corpus into ``directory``; each template runs twice with different random choices."""
    directory.mkdir(parents=True, exist_ok=True)
    ctx = Ctx(directory, seed)
    for template in (POSITIVES + NEGATIVES) * 2:
        template(ctx)
    return ctx.labels


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/corpus_blind")
    result = generate(out, int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    print(
        f"{len(result)} files, {sum(1 for v in result.values() if v)} with passwords, "
        f"{sum(len(v) for v in result.values())} passwords"
    )
