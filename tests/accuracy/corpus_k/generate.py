"""Blind corpus K: long noisy office documents, fresh credential phrasings and office look-alikes.

Written from the definition of a finding (docs/detection.md), the format notes (docs/formats.md)
and the fixture builders only, before reading any detector code, rule or
other corpus. ``generate(out_dir, seed)`` writes the files and returns ``{file name: planted passwords}``;
an empty list marks a look-alike that holds no secret. Ambiguous cases (example passwords in training
material, weak-password lists) are either labelled as look-alikes only where docs/detection.md says so, or left out.
"""

# ruff: noqa: E501  (corpus text lines are kept whole so they read like the documents they imitate)
from __future__ import annotations

import random
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

FIRST = [
    "Anna",
    "Jonas",
    "Marie",
    "Lukas",
    "Sophie",
    "Pierre",
    "Lucía",
    "Marco",
    "Sanne",
    "João",
    "Erik",
    "Freja",
    "Ola",
    "Aino",
    "Kasia",
    "Tomasz",
    "Hannah",
    "Felix",
    "Chiara",
    "Pablo",
]
LAST = [
    "Huber",
    "Schmid",
    "Dubois",
    "García",
    "Rossi",
    "de Vries",
    "Silva",
    "Lindqvist",
    "Jensen",
    "Hansen",
    "Virtanen",
    "Nowak",
    "Keller",
    "Brunner",
    "Moreau",
    "Bianchi",
    "Jansen",
    "Costa",
]
CLIENTS = [
    "Bäckerei Huber GmbH",
    "Kanzlei Roth & Partner",
    "Zahnarztpraxis Dr. Weber",
    "Autohaus Lindner",
    "Cabinet Moreau",
    "Studio Bianchi",
    "Transportes García",
    "Bouwbedrijf Jansen",
    "Clínica Costa",
    "Nordic Freight AB",
    "Hansen Revision ApS",
    "Virtanen Oy",
    "Nowak Sp. z o.o.",
    "Steuerbüro Keller",
]
WORDS = [
    "Sommer",
    "Winter",
    "Herbst",
    "Fruehling",
    "Sonne",
    "Tiger",
    "Falke",
    "Kaffee",
    "Bienvenue",
    "Soleil",
    "Verano",
    "Estate",
    "Zomer",
    "Kesä",
    "Lato",
    "Vinter",
    "Brise",
    "Anker",
    "Kompass",
    "Leuchtturm",
]
SYMS = "!#$%&*+-=?@_."
FILLER = [
    "All employees are expected to lock their screen when leaving the desk.",
    "The service desk is available Monday to Friday from 07:30 to 18:00.",
    "Printers on the second floor are managed through the print server PRN01.",
    "Backups run nightly at 22:00 and are replicated to the secondary site.",
    "New hardware requests must be approved by the department head.",
    "Software installations are performed by IT only, using the software centre.",
    "Laptops are encrypted with BitLocker; the recovery keys are stored in Active Directory.",
    "Guests receive a voucher for the guest network at the reception desk.",
    "Change requests are discussed in the weekly CAB meeting on Tuesdays.",
    "Please report phishing e-mails with the 'Report message' button in Outlook.",
    "The VPN client connects automatically when you are outside the office network.",
    "Shared mailboxes are requested through the service catalogue.",
    "Mobile phones are enrolled in Intune before they can access company e-mail.",
    "Passwords must be at least 12 characters long and are changed every 180 days.",
    "Never share your password with colleagues, not even with IT staff.",
    "The helpdesk will never ask you for your password by phone or e-mail.",
    "Multi-factor authentication is mandatory for all remote access.",
    "Files on the S: drive are synchronised to SharePoint every hour.",
    "Monitors and docking stations are ordered through the facility team.",
    "Leaving employees return their hardware on their last working day.",
]
FILLER_DE = [
    "Die Datensicherung läuft jede Nacht um 22:00 Uhr auf das NAS im Keller.",
    "Neue Mitarbeiter erhalten am ersten Tag ihr Notebook und eine Einweisung.",
    "Der Drucker im Empfang wird über den Druckserver verwaltet.",
    "Kennwörter müssen mindestens 12 Zeichen lang sein und dürfen nicht weitergegeben werden.",
    "Bei Fragen wenden Sie sich bitte an den Service Desk unter Durchwahl 200.",
    "Die Firewall wird vom Dienstleister gewartet; Änderungen nur nach Freigabe.",
    "Updates werden jeden zweiten Dienstag im Monat eingespielt.",
    "Das Gäste-WLAN ist vom Firmennetz getrennt.",
]


class Corpus:
    """Collects files and labels; every file name is unique."""

    def __init__(self, out: Path, rng: random.Random) -> None:
        self.out = out
        self.rng = rng
        self.labels: Labels = {}

    def path(self, name: str) -> Path:
        assert name not in self.labels, name
        return self.out / name

    def add(self, name: str, secrets: list[str]) -> None:
        assert name not in self.labels, name
        self.labels[name] = secrets

    # --- value generators -------------------------------------------------------------------------
    def pw(self) -> str:
        r = self.rng
        kind = r.randrange(4)
        if kind == 0:
            return f"{r.choice(WORDS)}{r.randint(2019, 2026)}{r.choice('!#$%&*?')}"
        if kind == 1:
            chars = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"
            core = "".join(r.choice(chars) for _ in range(r.randint(9, 13)))
            pos = r.randrange(1, len(core))
            return core[:pos] + r.choice("!#%&*+=?@") + core[pos:] + str(r.randint(0, 9))
        if kind == 2:
            return f"{r.choice(WORDS)}{r.choice('-_.')}{r.choice(WORDS).lower()}{r.randint(10, 99)}{r.choice(SYMS)}"
        return (
            f"{r.choice('KMPTRXZ')}{r.randint(100, 999)}{r.choice(SYMS)}{r.choice(WORDS)}{r.choice('xyzq')}"
        )

    def user(self) -> str:
        r = self.rng
        return f"{r.choice(FIRST).lower()[0]}.{r.choice(LAST).lower().replace(' ', '')}".replace(
            "í", "i"
        ).replace("ã", "a")

    def person(self) -> str:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"

    def filler(self, n: int, de: bool = False) -> list[str]:
        pool = FILLER_DE if de else FILLER
        return [self.rng.choice(pool) for _ in range(n)]


# ======================================================================================================
# Positives
# ======================================================================================================


def long_handbook_docx(c: Corpus, i: int) -> None:
    """A long IT handbook; one credential buried in a paragraph (or a table when i is odd)."""
    pw = c.pw()
    paras: list[str] = []
    for chapter in range(1, 16):
        paras.append(f"{chapter}. Chapter {chapter}: general rules")
        paras.extend(c.filler(12))
    secret_line = c.rng.choice(
        [
            f"For the meeting room PCs use the local account 'raumadmin' with the password {pw} - do not change it.",
            f"The scanner in the copy room logs on to the share as scan_user (password: {pw}).",
            f"If the domain is unreachable, log on locally as .\\itsupport, Kennwort {pw}.",
        ]
    )
    tables: list[list[list[str]]] = []
    if i % 2:
        tables = [
            [
                ["System", "Account", "Password", "Remark"],
                ["Phone system", "admin", pw, "web UI on port 8443"],
                ["Door access", "—", "", "managed by facility"],
            ]
        ]
    else:
        paras.insert(len(paras) * 2 // 3, secret_line)
    make_docx(c.path(f"IT-Handbuch_v{i}.docx"), paras, tables=tables)
    c.add(f"IT-Handbuch_v{i}.docx", [pw])


def long_handbook_pdf(c: Corpus, i: int) -> None:
    pw = c.pw()
    pages = []
    for p in range(18):
        pages.append([f"Page {p + 1}", *c.filler(25)])
    line = c.rng.choice(
        [
            f"Notfall-Zugang Firewall: admin / {pw}",
            f"Emergency break-glass account: bg-admin  PW {pw}",
            f"WLAN Lager: SSID Lager-5G, Schlüssel {pw}",
        ]
    )
    pages[11].insert(14, line)
    make_pdf(c.path(f"Betriebshandbuch_{i}.pdf"), pages)
    c.add(f"Betriebshandbuch_{i}.pdf", [pw])


def meeting_minutes(c: Corpus, i: int) -> None:
    pw = c.pw()
    user = c.user()
    paras = [f"Protokoll Jour fixe IT – KW {10 + i}", f"Teilnehmer: {c.person()}, {c.person()}, {c.person()}"]
    paras += [f"TOP {n}: " + s for n, s in enumerate(c.filler(10, de=True), start=1)]
    variants = [
        f"TOP 7: Neuer Drucker im 2. OG – Benutzer/Kennwort: {user}/{pw} (bitte nach Einrichtung ändern)",
        f"TOP 7: Zugangsdaten Lieferantenportal: {user} - {pw}",
        f"TOP 7: Test-Account für das neue ERP angelegt, Login {user} Pass {pw}",
    ]
    paras.append(variants[i % len(variants)])
    paras += [*c.filler(6, de=True), "Nächster Termin: Dienstag, 10:00 Uhr"]
    make_docx(c.path(f"Protokoll_JourFixe_{i}.docx"), paras)
    c.add(f"Protokoll_JourFixe_{i}.docx", [pw])


def project_plan_xlsx(c: Corpus, i: int) -> None:
    pw = c.pw()
    rows: list[list[object]] = [["ID", "Task", "Owner", "Start", "End", "Status", "Notes"]]
    for n in range(1, 80):
        rows.append(
            [
                n,
                f"Work package {n}",
                c.person(),
                "2024-03-01",
                "2024-04-15",
                c.rng.choice(["open", "done", "in progress"]),
                c.rng.choice(["", "waiting for vendor", "ok"]),
            ]
        )
    rows[37][6] = c.rng.choice(
        [
            f"VPN test account vpn_test pw: {pw}",
            f"created svc_erp (pw {pw}), hand over to vendor",
            f"Testuser angelegt -> Passwort {pw}",
        ]
    )
    make_xlsx(c.path(f"Projektplan_Migration_{i}.xlsx"), {"Plan": rows})
    c.add(f"Projektplan_Migration_{i}.xlsx", [pw])


def email_thread(c: Corpus, i: int) -> None:
    pw = c.pw()
    user = c.user()
    disclaimer = (
        "Diese E-Mail enthält vertrauliche Informationen. Wenn Sie nicht der richtige Adressat sind, "
        "informieren Sie bitte sofort den Absender und vernichten Sie diese E-Mail."
    )
    sig = f"Mit freundlichen Grüßen\n{c.person()}\nIT-Service | Tel. +49 89 123456-{i}\n{disclaimer}"
    quoted = "\n".join("> " + s for s in c.filler(8, de=True))
    cred = [
        f"Zugang: {user} - {pw}",
        f"anbei wie besprochen die Zugangsdaten für das Kundenportal:\nBenutzer {user}\nKennwort {pw}",
        f"das Passwort für den Scan-Benutzer ist jetzt ({pw}), der Name bleibt {user}.",
        f"Login => {user}\nPasswort => {pw}",
    ][i % 4]
    body = f"Hallo zusammen,\n\n{cred}\n\n{sig}\n\n-----Ursprüngliche Nachricht-----\nVon: {c.person()}\n{quoted}\n"
    body += "\n> > " + "\n> > ".join(c.filler(6, de=True))
    make_eml(c.path(f"AW_AW_Zugang_Portal_{i}.eml"), "AW: AW: Zugang Portal", body)
    c.add(f"AW_AW_Zugang_Portal_{i}.eml", [pw])


def asset_inventory(c: Corpus, i: int) -> None:
    header = [
        "Asset-Nr",
        "Hostname",
        "Typ",
        "Hersteller",
        "Modell",
        "Seriennummer",
        "Standort",
        "Raum",
        "Benutzer",
        "IP",
        "MAC",
        "OS",
        "Kaufdatum",
        "Garantie bis",
        "Lokales Admin-PW",
    ]
    rows: list[list[object]] = [header]
    planted: list[str] = []
    for n in range(500):
        pw = ""
        if n % 40 == 7:
            pw = c.pw()
            planted.append(pw)
        rows.append(
            [
                f"INV-{10000 + n}",
                f"PC-{n:04d}",
                "Notebook",
                "Lenovo",
                "T14",
                f"PF{c.rng.randint(10**6, 10**7)}",
                "München",
                f"R{n % 30}",
                c.user(),
                f"10.1.{n // 250}.{n % 250 + 1}",
                f"00:1A:2B:{n % 99:02d}:4C:5D",
                "Windows 11",
                "2023-01-15",
                "2026-01-14",
                pw,
            ]
        )
    make_xlsx(c.path(f"Inventar_Clients_{i}.xlsx"), {"Inventar": rows})
    c.add(f"Inventar_Clients_{i}.xlsx", planted)


def log_file(c: Corpus, i: int) -> None:
    pw = c.pw()
    lines = []
    for n in range(3000):
        lines.append(
            f"2024-05-{1 + n % 28:02d} 12:{n % 60:02d}:{n * 7 % 60:02d} INFO  [worker-{n % 8}] "
            f"request {n} processed in {n % 300} ms"
        )
    lines[1777] = (
        f"2024-05-14 03:12:44 DEBUG [sync] connecting to ldap://dc01.corp.local with "
        f"user=svc_sync password={pw}"
    )
    make_text(c.path(f"sync_service_{i}.log"), "\n".join(lines) + "\n")
    c.add(f"sync_service_{i}.log", [pw])


def formats_txt(c: Corpus, i: int) -> None:
    """Credential lines people really write, one per note file."""
    pw = c.pw()
    u = c.user()
    variants = [
        f"Kunde {c.rng.choice(CLIENTS)}\nNAS: user: {u} | pw: {pw}\nIP 192.168.10.5",
        f"Synology\nBenutzer/Kennwort: {u}/{pw}\n",
        f"Fritzbox Login {u} Pass {pw}\n",
        f"Zugangsdaten: {u} - {pw}\n",
        f"Kennwort {pw}\nBenutzer {u}\n",
        f"Webmail (pw: {pw}) für {u}\n",
        f"Router admin -> {pw}\n",
        f"ESXi root => {pw}\n",
    ]
    text = "Notizen Vor-Ort-Termin\n\n" + variants[i % len(variants)] + "\n" + "\n".join(c.filler(3, de=True))
    make_text(c.path(f"Notizen_Termin_{i}.txt"), text)
    c.add(f"Notizen_Termin_{i}.txt", [pw])


def header_footer_docx(c: Corpus, i: int) -> None:
    pw = c.pw()
    paras = ["Netzwerkdokumentation", *c.filler(20, de=True)]
    if i % 2:
        make_docx(c.path(f"Netzwerkdoku_{i}.docx"), paras, footer=f"Admin-PW Switch: {pw}")
    else:
        make_docx(
            c.path(f"Netzwerkdoku_{i}.docx"),
            paras,
            header=f"Vertraulich – Domain Admin: administrator / {pw}",
        )
    c.add(f"Netzwerkdoku_{i}.docx", [pw])


def pptx_notes(c: Corpus, i: int) -> None:
    pw = c.pw()
    slides: list[tuple[list[str], str | None]] = [
        (["Projekt Kick-off", c.rng.choice(CLIENTS)], None),
        (["Ziele", "Migration auf M365", "Neue Firewall"], "Begrüßung, kurze Vorstellungsrunde"),
        (["Demo"], f"Für die Demo anmelden mit demo.user, Passwort {pw}"),
        (["Zeitplan", "Q2: Pilot", "Q3: Rollout"], None),
    ]
    make_pptx(c.path(f"Kickoff_{i}.pptx"), slides)
    c.add(f"Kickoff_{i}.pptx", [pw])


def pptx_table(c: Corpus, i: int) -> None:
    pws = [c.pw(), c.pw()]
    grid = [
        ["System", "Benutzer", "Kennwort"],
        ["Firewall", "admin", pws[0]],
        ["WLAN-Controller", "root", pws[1]],
    ]
    make_pptx(
        c.path(f"Übergabe_Präsentation_{i}.pptx"),
        [(["Übergabe"], None), (["Zugänge"], None)],
        tables={2: grid},
    )
    c.add(f"Übergabe_Präsentation_{i}.pptx", pws)


def pin_sheet(c: Corpus, i: int) -> None:
    rows: list[list[object]] = [["Mitarbeiter", "Handy", "SIM", "PIN", "PUK"]]
    planted = []
    for _ in range(6):
        pin = str(c.rng.randint(1000, 9999))
        puk = str(c.rng.randint(10**7, 10**8 - 1))
        planted += [pin, puk]
        rows.append([c.person(), "iPhone 13", f"8949{c.rng.randint(10**9, 10**10)}", pin, puk])
    make_xlsx(c.path(f"Mobilgeraete_PIN_{i}.xlsx"), {"Geräte": rows})
    c.add(f"Mobilgeraete_PIN_{i}.xlsx", planted)


def wifi_handout(c: Corpus, i: int) -> None:
    pw = c.pw()
    lines = [
        [
            "Willkommen! / Welcome!",
            "Gäste-WLAN",
            f"SSID: Gast-{c.rng.randint(1, 9)}",
            f"Schlüssel: {pw}",
            "Bitte nicht an Dritte weitergeben.",
        ],
        ["WiFi for visitors", "Network: Visitors", f"Key: {pw}"],
        ["Wi-Fi: Guest-Net, pass " + pw],
        ["Réseau Wi-Fi invités", "SSID : Invites", f"Clé WPA : {pw}"],
    ][i % 4]
    name = f"WLAN_Aushang_{i}.pdf" if i % 2 else f"WLAN_Aushang_{i}.docx"
    if i % 2:
        make_pdf(c.path(name), [lines])
    else:
        make_docx(c.path(name), lines)
    c.add(name, [pw])


def multi_cell(c: Corpus, i: int) -> None:
    a, b, d = c.pw(), c.pw(), c.pw()
    grid = [
        ["Kunde", "Zugänge", "Bemerkung"],
        [
            c.rng.choice(CLIENTS),
            f"DC01: administrator / {a}\nNAS: admin / {b}\nFirewall: root / {d}",
            "Stand 03/24",
        ],
        [c.rng.choice(CLIENTS), "siehe Passwortsafe", ""],
    ]
    make_docx(c.path(f"Kundenzugänge_{i}.docx"), ["Übersicht Kundenzugänge"], tables=[grid])
    c.add(f"Kundenzugänge_{i}.docx", [a, b, d])


def odd_chars(c: Corpus, i: int) -> None:
    pw = [
        "Grüne Wiese 42!",
        "Tom's\"Pw9x",
        "Ab;cd9!xQ",
        "Größe#2024",
        "Euro€Kasse9",
        "Ñandú-2024",
        "Kåre#Vind77",
    ][i % 7]
    rows = [["Dienst", "Benutzer", "Passwort"], ["Buchhaltung", "fibu", pw], ["Lohn", "lohn", ""]]
    name = f"Zugang_Sonderzeichen_{i}.xlsx"
    make_xlsx(c.path(name), {"Tabelle1": rows})
    c.add(name, [pw])


def dollar_cmd(c: Corpus, i: int) -> None:
    pw = ["$Thunder3112", "%Green&Leaf7", "$Backup!2024", "%Kx7mQ2#p"][i % 4]
    if i % 2:
        text = (
            f'@echo off\nrem nightly backup task\nschtasks /create /tn "Backup" /tr C:\\scripts\\bk.cmd '
            f"/sc daily /st 23:00 /ru CORP\\svc_backup /rp {pw}\n"
        )
        name = f"setup_task_{i}.cmd"
    else:
        text = f"[Database]\nServer=sql01\nUser=app_user\nPassword={pw}\n"
        name = f"app_settings_{i}.ini"
    make_text(c.path(name), text)
    c.add(name, [pw])


def net_use(c: Corpus, i: int) -> None:
    pw = c.pw().replace("%", "#")
    text = f"@echo off\nnet use Z: \\\\srv01\\share {pw} /user:CORP\\svc_backup /persistent:no\nrobocopy C:\\data Z:\\ /MIR\n"
    make_text(c.path(f"map_drive_{i}.bat"), text)
    c.add(f"map_drive_{i}.bat", [pw])


def onboarding_letter(c: Corpus, i: int) -> None:
    pw = c.pw()
    u = c.user()
    lang = [
        (
            "de",
            f"Sehr geehrte/r {c.person()},\nherzlich willkommen! Ihr Benutzername lautet {u}, Ihr "
            f"Erstkennwort lautet {pw}. Bitte ändern Sie es bei der ersten Anmeldung.",
        ),
        (
            "en",
            f"Dear {c.person()},\nwelcome aboard. Your user name is {u} and your initial password is {pw}. "
            "You will be asked to change it at first logon.",
        ),
        ("fr", f"Bonjour {c.person()},\nvotre identifiant : {u}\nvotre mot de passe provisoire : {pw}"),
        ("es", f"Hola {c.person()}:\nsu usuario es {u} y su contraseña temporal es {pw}"),
        ("it", f"Gentile {c.person()},\nnome utente: {u}\nla tua password iniziale è {pw}"),
        ("nl", f"Beste {c.person()},\ngebruikersnaam: {u}\nwachtwoord: {pw}"),
        ("pt", f"Olá {c.person()},\no seu utilizador é {u} e a sua senha inicial é {pw}"),
        ("sv", f"Hej {c.person()}!\nAnvändare: {u}\nLösenord: {pw}"),
        ("da", f"Kære {c.person()}\nBrugernavn: {u}\nAdgangskode: {pw}"),
        ("no", f"Hei {c.person()}\nBrukernavn: {u}\nPassord: {pw}"),
        ("fi", f"Hei {c.person()}\nKäyttäjätunnus: {u}\nSalasana: {pw}"),
        ("pl", f"Dzień dobry {c.person()},\nużytkownik: {u}\nhasło: {pw}"),
    ][i % 12]
    body = lang[1] + "\n\n" + "\n".join(c.filler(4))
    name = f"onboarding_{lang[0]}_{i}"
    kind = i % 3
    if kind == 0:
        make_docx(c.path(name + ".docx"), body.split("\n"))
        name += ".docx"
    elif kind == 1:
        make_eml(c.path(name + ".eml"), "Willkommen / Welcome", body)
        name += ".eml"
    else:
        make_rtf(c.path(name + ".rtf"), body.split("\n"))
        name += ".rtf"
    c.add(name, [pw])


def vault_export(c: Corpus, i: int) -> None:
    pws = [c.pw() for _ in range(5)]
    kind = i % 3
    if kind == 0:
        rows = [["name", "url", "username", "password", "note"]] + [
            [f"site{n}", f"https://app{n}.example.com", c.user(), p, ""] for n, p in enumerate(pws)
        ]
        name = f"Chrome Passwords {i}.csv"
    elif kind == 1:
        rows = [
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
            ]
        ] + [
            ["Kunden", "", "login", f"Portal {n}", "", "", "0", f"https://p{n}.example.org", c.user(), p, ""]
            for n, p in enumerate(pws)
        ]
        name = f"bitwarden_export_{i}.csv"
    else:
        rows = [["Group", "Title", "Username", "Password", "URL", "Notes"]] + [
            ["Root/Kunden", f"Eintrag {n}", c.user(), p, "", ""] for n, p in enumerate(pws)
        ]
        name = f"keepass_{i}.csv"
    make_csv(c.path(name), rows)
    c.add(name, pws)


def client_list(c: Corpus, i: int) -> None:
    """Client password lists in odd layouts (ods, ';' csv, key/value sheet)."""
    pws = [c.pw() for _ in range(4)]
    kind = i % 3
    if kind == 0:
        rows: list[list[object]] = [["Kunde", "System", "Login", "PW", "Letzte Änderung"]] + [
            [c.rng.choice(CLIENTS), s, c.user(), p, "2024-02-01"]
            for s, p in zip(["DC", "NAS", "FW", "WLAN"], pws, strict=False)
        ]
        name = f"Kundenpasswoerter_{i}.ods"
        make_ods(c.path(name), {"Kunden": rows})
    elif kind == 1:
        rows = [["Client", "Système", "Identifiant", "Mot de passe"]] + [
            [c.rng.choice(CLIENTS), s, c.user(), p]
            for s, p in zip(["AD", "NAS", "Pare-feu", "Wi-Fi"], pws, strict=False)
        ]
        name = f"acces_clients_{i}.csv"
        make_csv(c.path(name), rows, delimiter=";", encoding="utf-8-sig")
    else:
        rows = [
            ["Kunde", c.rng.choice(CLIENTS)],
            ["Ansprechpartner", c.person()],
            [],
            ["Domain Admin", "administrator"],
            ["Kennwort", pws[0]],
            [],
            ["NAS", "admin"],
            ["Kennwort", pws[1]],
            [],
            ["Router", "root"],
            ["Kennwort", pws[2]],
            ["WLAN-Schlüssel", pws[3]],
        ]
        name = f"Stammblatt_Kunde_{i}.xlsx"
        make_xlsx(c.path(name), {"Stammdaten": rows})
    c.add(name, pws)


def deployment(c: Corpus, i: int) -> None:
    pw = c.pw().replace("&", "#").replace("<", "#")
    kind = i % 5
    if kind == 0:
        text = (
            '<?xml version="1.0" encoding="utf-8"?>\n<unattend xmlns="urn:schemas-microsoft-com:unattend">\n'
            '<settings pass="oobeSystem"><component name="Microsoft-Windows-Shell-Setup">\n'
            f"<UserAccounts><AdministratorPassword><Value>{pw}</Value><PlainText>true</PlainText>"
            "</AdministratorPassword></UserAccounts>\n</component></settings></unattend>\n"
        )
        name = f"Autounattend_{i}.xml"
    elif kind == 1:
        text = (
            '<configuration><connectionStrings><add name="Main" connectionString="Server=sql02;Database=erp;'
            f'User Id=erp_app;Password={pw};" providerName="System.Data.SqlClient"/></connectionStrings>'
            "</configuration>\n"
        )
        name = f"web_{i}.config"
    elif kind == 2:
        text = f"APP_ENV=production\nDB_HOST=db.internal\nDB_USER=shop\nDB_PASSWORD={pw}\nLOG_LEVEL=info\n"
        name = f"prod_{i}.env"
    elif kind == 3:
        text = (
            f'$pw = ConvertTo-SecureString "{pw}" -AsPlainText -Force\n'
            '$cred = New-Object System.Management.Automation.PSCredential("CORP\\svc_deploy", $pw)\n'
            "Invoke-Command -ComputerName app01 -Credential $cred -ScriptBlock { Restart-Service W3SVC }\n"
        )
        name = f"deploy_{i}.ps1"
    else:
        text = (
            "version: '3'\nservices:\n  db:\n    image: postgres:15\n    environment:\n"
            f'      POSTGRES_USER: app\n      POSTGRES_PASSWORD: "{pw}"\n'
        )
        name = f"docker-compose.{i}.yml"
    make_text(c.path(name), text)
    c.add(name, [pw])


def msg_mail(c: Corpus, i: int) -> None:
    pw = c.pw()
    body = (
        f"Hi,\n\nthe new tenant is ready. Global admin: admin@contoso{i}.onmicrosoft.com\n"
        f"Temp password: {pw}\n\nCheers\n{c.person()}\n"
    )
    make_msg(c.path(f"Tenant ready {i}.msg"), "Tenant ready", body)
    c.add(f"Tenant ready {i}.msg", [pw])


def handover_docx(c: Corpus, i: int) -> None:
    """A network documentation handover with key/value tables in several languages."""
    pw1, pw2 = c.pw(), c.pw()
    label = ["Kennwort", "Password", "Mot de passe", "Contraseña", "Wachtwoord", "Hasło"][i % 6]
    grid = [
        ["Gerät", "Firewall Sophos XGS"],
        ["IP", "192.168.1.1"],
        ["Benutzer", "admin"],
        [label, pw1],
        ["Gerät", "Switch Core"],
        ["IP", "192.168.1.2"],
        ["Benutzer", "manager"],
        [label, pw2],
    ]
    paras = ["Übergabedokumentation", f"Kunde: {c.rng.choice(CLIENTS)}", *c.filler(15, de=True)]
    make_docx(c.path(f"Übergabe_Netzwerk_{i}.docx"), paras, tables=[grid])
    c.add(f"Übergabe_Netzwerk_{i}.docx", [pw1, pw2])


# ======================================================================================================
# Look-alikes (no secret)
# ======================================================================================================


def neg_long_handbook(c: Corpus, i: int) -> None:
    paras: list[str] = []
    for chapter in range(1, 16):
        paras.append(f"{chapter}. Chapter {chapter}")
        paras.extend(c.filler(12))
    paras.insert(40, "Password: use the self-service portal to change it (see chapter 9).")
    paras.insert(80, "Kennwort vergessen? Wenden Sie sich an den Service Desk.")
    tables = [
        [
            ["Setting", "Value"],
            ["Minimum password length", "12"],
            ["Password history", "24"],
            ["Maximum password age", "180 days"],
            ["Lockout threshold", "5 invalid attempts"],
        ]
    ]
    if i % 2:
        make_docx(c.path(f"IT-Richtlinie_{i}.docx"), paras, tables=tables)
        c.add(f"IT-Richtlinie_{i}.docx", [])
    else:
        pages = [paras[k : k + 25] for k in range(0, len(paras), 25)]
        make_pdf(c.path(f"IT-Richtlinie_{i}.pdf"), pages)
        c.add(f"IT-Richtlinie_{i}.pdf", [])


def neg_training_slides(c: Corpus, i: int) -> None:
    slides: list[tuple[list[str], str | None]] = [
        (["Security Awareness 2024"], "Welcome everyone"),
        (
            [
                "Passwords",
                "Never write your password on a sticky note",
                "Use a password manager",
                "Use a different password for every service",
            ],
            "Ask who has a sticky note on the monitor",
        ),
        (["Phishing", "Check the sender", "Never enter your password on a linked page"], None),
        (
            [
                "Passwort-Regeln",
                "Mindestens 12 Zeichen",
                "Keine Namen oder Geburtstage",
                "Passwort: niemals teilen",
            ],
            "Hinweis auf den Passwortmanager Keeper",
        ),
        (["MFA", "Approve only sign-ins you started yourself"], None),
    ]
    make_pptx(c.path(f"Awareness_Training_{i}.pptx"), slides)
    c.add(f"Awareness_Training_{i}.pptx", [])


def neg_helpdesk_macros(c: Corpus, i: int) -> None:
    rows = [
        ["Macro", "Text"],
        [
            "PW reset done",
            "Hello {{requester.first_name}}, your password has been reset. The temporary "
            "password was sent to your mobile phone by SMS.",
        ],
        ["Account locked", "Your account was locked after 5 failed logons. It is unlocked again."],
        [
            "Kennwort abgelaufen",
            "Hallo {{name}}, Ihr Kennwort ist abgelaufen. Bitte ändern Sie es unter "
            "https://passwort.firma.de",
        ],
        ["New user", "User created. Password: sent separately to the manager."],
    ]
    make_xlsx(c.path(f"Helpdesk_Makros_{i}.xlsx"), {"Makros": rows})
    c.add(f"Helpdesk_Makros_{i}.xlsx", [])


def neg_kb_reset(c: Corpus, i: int) -> None:
    paras = [
        [
            "KB0001234: How to reset your password",
            "1. Open https://passwordreset.microsoftonline.com",
            "2. Enter your user name and the characters shown.",
            "3. Choose 'Text my mobile phone'.",
            "4. Enter your new password in the field 'New password'.",
            "5. Enter it again in the field 'Confirm password' and click Finish.",
            "Note: the new password must not match one of your last 24 passwords.",
        ],
        [
            "Anleitung: Kennwort ändern",
            "Drücken Sie Strg+Alt+Entf und wählen Sie 'Kennwort ändern'.",
            "Geben Sie im Feld 'Altes Kennwort' Ihr bisheriges Kennwort ein.",
            "Neues Kennwort: mindestens 12 Zeichen, Groß- und Kleinbuchstaben, Ziffern.",
            "Kennwort bestätigen: das neue Kennwort noch einmal eingeben.",
        ],
        [
            "Procédure : changer son mot de passe",
            "Mot de passe actuel : saisissez votre mot de passe actuel.",
            "Nouveau mot de passe : au moins 12 caractères.",
            "Confirmer le mot de passe : ressaisissez-le.",
        ],
        [
            "Cómo cambiar la contraseña",
            "Contraseña actual: escriba su contraseña actual.",
            "Nueva contraseña: mínimo 12 caracteres.",
            "Confirmar contraseña: repita la nueva contraseña.",
        ],
    ][i % 4]
    if i % 2:
        make_docx(c.path(f"KB_Passwort_Reset_{i}.docx"), paras)
        c.add(f"KB_Passwort_Reset_{i}.docx", [])
    else:
        make_pdf(c.path(f"KB_Passwort_Reset_{i}.pdf"), [paras])
        c.add(f"KB_Passwort_Reset_{i}.pdf", [])


def neg_mfa_letter(c: Corpus, i: int) -> None:
    body = (
        f"Dear {c.person()},\n\nstarting next Monday multi-factor authentication is required. Install the "
        "Microsoft Authenticator app and open https://aka.ms/mfasetup. Sign in with your usual user name and "
        "password, then scan the QR code. Your password does not change.\n\nPassword: unchanged\n"
        "Registration code: will be shown on screen\n\nIT Security Team"
    )
    make_eml(c.path(f"MFA_Enrolment_{i}.eml"), "Action required: MFA enrolment", body)
    c.add(f"MFA_Enrolment_{i}.eml", [])


def neg_license_list(c: Corpus, i: int) -> None:
    rows: list[list[object]] = [["Produkt", "Kunde", "Lizenzen", "Laufzeit bis", "Vertrag", "Kosten/Monat"]]
    for _ in range(25):
        rows.append(
            [
                c.rng.choice(
                    [
                        "Keeper Business",
                        "1Password Teams",
                        "Bitwarden Enterprise",
                        "Passwortmanager Passbolt",
                        "LastPass Teams",
                    ]
                ),
                c.rng.choice(CLIENTS),
                c.rng.randint(5, 80),
                "2025-12-31",
                f"V-{c.rng.randint(1000, 9999)}",
                f"{c.rng.randint(20, 400)} €",
            ]
        )
    make_xlsx(c.path(f"Lizenzen_Passwortmanager_{i}.xlsx"), {"Lizenzen": rows})
    c.add(f"Lizenzen_Passwortmanager_{i}.xlsx", [])


def neg_hr_checklist(c: Corpus, i: int) -> None:
    rows: list[list[object]] = [["Mitarbeiter", "Aufgabe", "Status", "Datum"]]
    for _ in range(6):
        p = c.person()
        rows += [
            [p, "Notebook ausgegeben", "erledigt", "2024-04-02"],
            [p, "Passwort ändern", c.rng.choice(["erledigt", "offen"]), "2024-04-02"],
            [p, "Password set", "yes", "2024-04-02"],
            [p, "MFA eingerichtet", "erledigt", "2024-04-03"],
        ]
    make_xlsx(c.path(f"Onboarding_Checkliste_{i}.xlsx"), {"Checkliste": rows})
    c.add(f"Onboarding_Checkliste_{i}.xlsx", [])


def neg_pw_dates(c: Corpus, i: int) -> None:
    rows: list[list[object]] = [
        ["Benutzer", "Abteilung", "PW-Änderung", "Password expires", "Password last set", "PW nie ablaufend"]
    ]
    for n in range(60):
        rows.append(
            [
                c.user(),
                c.rng.choice(["Vertrieb", "Lager", "Buchhaltung"]),
                f"2024-0{1 + n % 9}-1{n % 10}",
                f"2024-1{n % 3}-0{1 + n % 9}",
                f"2023-1{n % 3}-2{n % 9}",
                c.rng.choice(["Ja", "Nein"]),
            ]
        )
    name = f"AD_Export_Kennwortalter_{i}." + ("xlsx" if i % 2 else "csv")
    if i % 2:
        make_xlsx(c.path(name), {"Export": rows})
    else:
        make_csv(c.path(name), rows, delimiter=";")
    c.add(name, [])


def neg_router_backup(c: Corpus, i: int) -> None:
    text = (
        f"! Last configuration change at 10:12:03 CET Mon Mar 4 2024\nhostname rtr-{i}\n"
        "enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0\n"
        "username admin privilege 15 secret 9 $9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM\n"
        "username backup privilege 1 secret 8 $8$dsYGNam3K1SIJO$7nv/35M/qr6t.dVc7UY9zrJDWRVqncHub1PE9UlMQFs\n"
        "interface GigabitEthernet0/0\n ip address 10.0.0.1 255.255.255.0\n no shutdown\n"
        "snmp-server community ******** RO\nline vty 0 4\n login local\n transport input ssh\nend\n"
    )
    make_text(c.path(f"rtr-{i}-confg.txt"), text)
    c.add(f"rtr-{i}-confg.txt", [])


def neg_code_env(c: Corpus, i: int) -> None:
    variants = [
        (
            "db_{}.py",
            'import os\n\nPASSWORD = os.environ["DB_PASSWORD"]\npassword = os.getenv("SMTP_PASSWORD", "")\n'
            "conn = connect(user=USER, password=PASSWORD)\n",
        ),
        (
            "connect_{}.ps1",
            '$cred = Get-Credential -Message "Admin account"\n'
            '$pw = Read-Host -AsSecureString "Password"\n'
            "$secret = (Get-AzKeyVaultSecret -VaultName kv-prod -Name sql-admin).SecretValue\n",
        ),
        (
            "vault_{}.sh",
            '#!/bin/sh\nexport DB_PASSWORD="$(vault kv get -field=password secret/app/db)"\n'
            'mysql -u app -p"$DB_PASSWORD" shop < dump.sql\n',
        ),
        (
            "appsettings.{}.json",
            '{\n  "ConnectionStrings": {\n    "Default": "Server=sql01;Database=erp;'
            'Integrated Security=SSPI;"\n  },\n  "Smtp": { "Password": "${SMTP_PASSWORD}" }\n}\n',
        ),
    ]
    name_t, text = variants[i % 4]
    name = name_t.format(i)
    make_text(c.path(name), text)
    c.add(name, [])


def neg_unattend_deleted(c: Corpus, i: int) -> None:
    text = (
        '<?xml version="1.0" encoding="utf-8"?>\n<unattend xmlns="urn:schemas-microsoft-com:unattend">\n'
        '<settings pass="oobeSystem"><component name="Microsoft-Windows-Shell-Setup">\n'
        "<UserAccounts><AdministratorPassword><Value>*SENSITIVE*DATA*DELETED*</Value>"
        "<PlainText>true</PlainText></AdministratorPassword></UserAccounts>\n"
        "<AutoLogon><Password><Value>*SENSITIVE*DATA*DELETED*</Value><PlainText>true</PlainText></Password>"
        "<Enabled>true</Enabled><Username>Administrator</Username></AutoLogon>\n"
        "</component></settings></unattend>\n"
    )
    make_text(c.path(f"unattend_used_{i}.xml"), text)
    c.add(f"unattend_used_{i}.xml", [])


def neg_mail_merge(c: Corpus, i: int) -> None:
    paras = [
        [
            "Sehr geehrte/r «Anrede» «Nachname»,",
            "Ihr Benutzername: «Benutzername»",
            "Ihr Passwort: «Passwort»",
            "Bitte ändern Sie das Passwort bei der ersten Anmeldung.",
        ],
        ["Dear {{first_name}},", "Username: {{username}}", "Password: {{password}}"],
        ["Hello <<FIRSTNAME>>,", "Login: <<LOGIN>>", "Password: <<PASSWORD>>"],
        ["Bonjour [Prénom],", "Identifiant : [Identifiant]", "Mot de passe : [Mot de passe]"],
    ][i % 4]
    make_docx(c.path(f"Serienbrief_Zugangsdaten_{i}.docx"), paras)
    c.add(f"Serienbrief_Zugangsdaten_{i}.docx", [])


def neg_test_results(c: Corpus, i: int) -> None:
    rows: list[list[object]] = [["Test case", "Description", "Pass", "Tester", "Password field"]]
    for n in range(40):
        rows.append(
            [
                f"TC-{n:03d}",
                c.rng.choice(
                    [
                        "Login with valid user",
                        "Login with wrong password",
                        "Password reset link",
                        "Lockout after 5 attempts",
                    ]
                ),
                c.rng.choice(["Pass", "Fail", "TRUE", "FALSE"]),
                c.person(),
                c.rng.choice(["masked", "visible on toggle", "n/a"]),
            ]
        )
    make_xlsx(c.path(f"UAT_Login_Tests_{i}.xlsx"), {"Tests": rows})
    c.add(f"UAT_Login_Tests_{i}.xlsx", [])


def neg_masked_list(c: Corpus, i: int) -> None:
    rows: list[list[object]] = [["Kunde", "System", "Benutzer", "Passwort", "Bemerkung"]]
    masks = [
        "********",
        "siehe Passwortsafe",
        "im Keeper",
        "N/A",
        "(in vault)",
        "see IT Glue",
        "xxxx",
        "bei Kunde erfragen",
        "—",
        "in Hudu",
        "TBD",
        "wird nachgereicht",
    ]
    for n in range(12):
        rows.append([c.rng.choice(CLIENTS), c.rng.choice(["DC", "NAS", "Firewall"]), "admin", masks[n], ""])
    make_xlsx(c.path(f"Kundenliste_ohne_PW_{i}.xlsx"), {"Liste": rows})
    c.add(f"Kundenliste_ohne_PW_{i}.xlsx", [])


def neg_inventory(c: Corpus, i: int) -> None:
    header = [
        "Asset-Nr",
        "Hostname",
        "Typ",
        "Hersteller",
        "Modell",
        "Seriennummer",
        "Standort",
        "Raum",
        "Benutzer",
        "IP",
        "MAC",
        "OS",
        "Kaufdatum",
        "Garantie bis",
        "BitLocker",
    ]
    rows: list[list[object]] = [header]
    for n in range(500):
        rows.append(
            [
                f"INV-{20000 + n}",
                f"NB-{n:04d}",
                "Notebook",
                "Dell",
                "Latitude 5440",
                f"SN{c.rng.randint(10**6, 10**7)}",
                "Hamburg",
                f"R{n % 30}",
                c.user(),
                f"10.2.{n // 250}.{n % 250 + 1}",
                f"00:1B:2C:{n % 99:02d}:4D:5E",
                "Windows 11",
                "2023-05-15",
                "2026-05-14",
                c.rng.choice(["aktiv", "Schlüssel in AD"]),
            ]
        )
    make_xlsx(c.path(f"Inventar_Notebooks_{i}.xlsx"), {"Inventar": rows})
    c.add(f"Inventar_Notebooks_{i}.xlsx", [])


def neg_log(c: Corpus, i: int) -> None:
    lines = []
    for n in range(3000):
        lines.append(
            f"2024-05-{1 + n % 28:02d} 12:{n % 60:02d}:{n * 7 % 60:02d} INFO  [worker-{n % 8}] "
            f"request {n} processed in {n % 300} ms"
        )
    lines[500] = '2024-05-10 08:00:01 WARN  [auth] Password authentication failed for user "postgres"'
    lines[900] = "2024-05-10 08:00:02 DEBUG [sync] connecting with user=svc_sync password=******"
    lines[1500] = "2024-05-11 09:12:00 INFO  [auth] password change for user jdoe succeeded"
    lines[2100] = "2024-05-12 10:00:00 DEBUG [cfg] loaded settings: password=<redacted> timeout=30"
    make_text(c.path(f"auth_service_{i}.log"), "\n".join(lines) + "\n")
    c.add(f"auth_service_{i}.log", [])


def neg_policy_mail(c: Corpus, i: int) -> None:
    body = [
        "Hallo zusammen,\n\nab 1. Juni gilt die neue Passwortrichtlinie: mindestens 14 Zeichen, kein Ablauf mehr, "
        "dafür MFA. Passwort: bitte erst nach Aufforderung ändern.\n\nViele Grüße\nIT",
        "Bonjour,\n\nà partir du 1er juin, votre mot de passe doit contenir au moins 14 caractères. "
        "Mot de passe : à changer lors de la prochaine connexion.\n\nCordialement,\nService informatique",
        "Hola:\n\nla contraseña caduca cada 90 días. Contraseña: no la comparta con nadie.\n\nSaludos",
        "Hej!\n\nDitt lösenord går ut om 7 dagar. Byt lösenord via https://sspr.example.se\n\nIT-avdelningen",
        "Cześć,\n\ntwoje hasło wygasa za 5 dni. Zmień hasło na portalu.\n\nDział IT",
        "Ciao,\n\nla tua password scade tra 5 giorni. Cambia la password dal portale self-service.\n\nIT",
    ][i % 6]
    make_eml(c.path(f"Passwortrichtlinie_{i}.eml"), "Info Passwort", body)
    c.add(f"Passwortrichtlinie_{i}.eml", [])


def neg_minutes(c: Corpus, i: int) -> None:
    paras = [
        f"Protokoll IT-Runde {i}",
        *c.filler(10, de=True),
        "TOP 3: Passwörter der Servicekonten wurden rotiert, neue Werte liegen im Passwortsafe.",
        "TOP 4: Kennwort für den Kopierer – Herr Keller klärt mit dem Hersteller.",
        "TOP 5: Zugangsdaten für das Lieferantenportal werden per Telefon mitgeteilt.",
        "TOP 6: Passwort-Manager Rollout: Pilotgruppe Buchhaltung (Status: erledigt)",
        *c.filler(5, de=True),
    ]
    make_docx(c.path(f"Protokoll_IT_Runde_{i}.docx"), paras)
    c.add(f"Protokoll_IT_Runde_{i}.docx", [])


def neg_env_example(c: Corpus, i: int) -> None:
    text = "DB_HOST=localhost\nDB_USER=app\nDB_PASSWORD=changeme\nSMTP_PASSWORD=\nAPI_KEY=your-api-key-here\n"
    make_text(c.path(f"config_{i}.env.example"), text)
    c.add(f"config_{i}.env.example", [])


def neg_runas(c: Corpus, i: int) -> None:
    text = (
        '@echo off\nrem admin tools\nrunas /savecred /user:CORP\\helpdesk "mmc dsa.msc"\n'
        "net use Z: \\\\srv01\\share /user:CORP\\%USERNAME% /persistent:yes\n"
        "set /p PASS=Password: \nnet user %USER% %PASS% /add\n"
    )
    make_text(c.path(f"tools_{i}.cmd"), text)
    c.add(f"tools_{i}.cmd", [])


def neg_network_doc(c: Corpus, i: int) -> None:
    grid = [
        ["Gerät", "IP", "Zugang", "Kennwort"],
        ["Firewall", "192.168.1.1", "HTTPS 4444", "siehe Passwortsafe"],
        ["Switch", "192.168.1.2", "SSH", "im Keeper hinterlegt"],
        ["USV", "192.168.1.3", "Web", "Standard (Hersteller)"],
        ["Drucker", "192.168.1.50", "Web", "kein Kennwort gesetzt"],
    ]
    paras = ["Netzwerkdokumentation", f"Kunde: {c.rng.choice(CLIENTS)}", *c.filler(20, de=True)]
    make_docx(c.path(f"Netzwerkdoku_ohne_PW_{i}.docx"), paras, tables=[grid])
    c.add(f"Netzwerkdoku_ohne_PW_{i}.docx", [])


def neg_wifi_info(c: Corpus, i: int) -> None:
    lines = [
        "Gäste-WLAN",
        "SSID: Gast",
        "Den Schlüssel erhalten Sie am Empfang.",
        "Zugang gilt 24 Stunden.",
        "WLAN-Schlüssel: wird täglich gewechselt",
    ]
    make_pdf(c.path(f"WLAN_Info_{i}.pdf"), [lines])
    c.add(f"WLAN_Info_{i}.pdf", [])


def neg_hashes_sheet(c: Corpus, i: int) -> None:
    rows: list[list[object]] = [["User", "NTLM", "bcrypt"]]
    for _ in range(5):
        rows.append(
            [
                c.user(),
                "".join(c.rng.choice("0123456789abcdef") for _ in range(32)),
                "$2b$12$"
                + "".join(
                    c.rng.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789./") for _ in range(53)
                ),
            ]
        )
    make_csv(c.path(f"audit_hashes_{i}.csv"), rows)
    c.add(f"audit_hashes_{i}.csv", [])


def neg_project_plan(c: Corpus, i: int) -> None:
    rows: list[list[object]] = [["ID", "Task", "Owner", "Start", "End", "Status", "Notes"]]
    tasks = [
        "Reset passwords of all service accounts",
        "Password policy GPO",
        "Kennwort-Rotation KRBTGT",
        "Roll out password manager",
        "Disable legacy auth",
        "Passwort ändern für Drucker-Admin",
    ]
    for n in range(1, 60):
        rows.append(
            [
                n,
                c.rng.choice(tasks),
                c.person(),
                "2024-03-01",
                "2024-04-15",
                c.rng.choice(["open", "done"]),
                c.rng.choice(["", "pw geändert", "Passwort im Safe", "ok"]),
            ]
        )
    make_xlsx(c.path(f"Projektplan_Security_{i}.xlsx"), {"Plan": rows})
    c.add(f"Projektplan_Security_{i}.xlsx", [])


def neg_gpp_empty(c: Corpus, i: int) -> None:
    text = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Groups clsid="{3125E937-EB16-4b4c-9934-544FC6D24D26}">'
        '<User clsid="{DF5F1855-51E5-4d24-8B1A-D9BDE98BA1D1}" name="Administrator (built-in)">'
        '<Properties action="U" newName="" fullName="" description="" cpassword="" changeLogon="0" '
        'noChange="0" neverExpires="1" acctDisabled="0" userName="Administrator (built-in)"/></User></Groups>\n'
    )
    make_text(c.path(f"Groups_{i}.xml"), text)
    c.add(f"Groups_{i}.xml", [])


def neg_ticket_export(c: Corpus, i: int) -> None:
    rows: list[list[object]] = [["Ticket", "Betreff", "Kategorie", "Lösung", "Bearbeiter"]]
    subjects = [
        "Passwort vergessen",
        "Kennwort abgelaufen",
        "Password not working after reset",
        "Mot de passe bloqué",
        "Contraseña caducada",
        "Konto gesperrt",
    ]
    fixes = [
        "Passwort zurückgesetzt, Benutzer telefonisch informiert",
        "Konto entsperrt",
        "User reset password via SSPR",
        "Nouveau mot de passe communiqué par SMS",
        "Kennwort: neu gesetzt (Einmalkennwort per SMS)",
        "PW geändert",
    ]
    for n in range(120):
        rows.append(
            [f"#{40000 + n}", c.rng.choice(subjects), "Benutzerkonto", c.rng.choice(fixes), c.person()]
        )
    name = f"Ticketexport_{i}." + ("csv" if i % 2 else "xlsx")
    if i % 2:
        make_csv(c.path(name), rows, delimiter=";")
    else:
        make_xlsx(c.path(name), {"Tickets": rows})
    c.add(name, [])


def neg_import_template(c: Corpus, i: int) -> None:
    rows = [
        ["name", "url", "username", "password", "note"],
        ["Example", "https://example.com", "user@example.com", "<password>", "replace this row"],
    ]
    make_csv(c.path(f"vault_import_template_{i}.csv"), rows)
    c.add(f"vault_import_template_{i}.csv", [])


POSITIVE: list[tuple[Callable[[Corpus, int], None], int]] = [
    (long_handbook_docx, 4),
    (long_handbook_pdf, 3),
    (meeting_minutes, 3),
    (project_plan_xlsx, 3),
    (email_thread, 4),
    (asset_inventory, 2),
    (log_file, 2),
    (formats_txt, 8),
    (header_footer_docx, 2),
    (pptx_notes, 2),
    (pptx_table, 2),
    (pin_sheet, 1),
    (wifi_handout, 4),
    (multi_cell, 2),
    (odd_chars, 7),
    (dollar_cmd, 4),
    (net_use, 2),
    (onboarding_letter, 12),
    (vault_export, 3),
    (client_list, 3),
    (deployment, 5),
    (msg_mail, 2),
    (handover_docx, 4),
]
NEGATIVE: list[tuple[Callable[[Corpus, int], None], int]] = [
    (neg_long_handbook, 4),
    (neg_training_slides, 3),
    (neg_helpdesk_macros, 2),
    (neg_kb_reset, 6),
    (neg_mfa_letter, 2),
    (neg_license_list, 2),
    (neg_hr_checklist, 2),
    (neg_pw_dates, 2),
    (neg_router_backup, 3),
    (neg_code_env, 4),
    (neg_unattend_deleted, 2),
    (neg_mail_merge, 4),
    (neg_test_results, 2),
    (neg_masked_list, 2),
    (neg_inventory, 2),
    (neg_log, 2),
    (neg_policy_mail, 6),
    (neg_minutes, 3),
    (neg_env_example, 2),
    (neg_runas, 2),
    (neg_network_doc, 3),
    (neg_wifi_info, 2),
    (neg_hashes_sheet, 2),
    (neg_project_plan, 3),
    (neg_gpp_empty, 2),
    (neg_ticket_export, 4),
    (neg_import_template, 2),
]


def generate(out_dir: Path, seed: int = 1) -> Labels:
    """Write the corpus into ``out_dir``; return {file name: planted passwords}."""
    out_dir.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(out_dir, random.Random(seed))
    for builder, count in POSITIVE + NEGATIVE:
        for i in range(count):
            builder(corpus, i)
    return corpus.labels


if __name__ == "__main__":
    import json

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/corpus_k")
    labels = generate(target, int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    positives = sum(1 for s in labels.values() if s)
    print(json.dumps({"files": len(labels), "positives": positives}))
