"""Blind corpus L: small-office and MSP documents in many languages, written before reading the detectors.

Each builder writes one file and returns its planted passwords (empty for a look-alike). Styles the
earlier corpora did not stress: a dental practice's sheet with a merged title row and "s.o." / "wie oben" /
"alt: X / neu: Y" cells, running-text IT notes, French/Spanish/Italian/Dutch/Polish/Nordic/Czech/
Portuguese sheets, OneNote bullet exports, OCR'd scans, Teams chat exports, onboarding mails, logon
scripts, unattend variants, a German KeePass export, browser exports with quirks; and as many look-alikes:
"siehe Tresor", "wie besprochen", policies, change logs, audit reports without passwords, GPO reports,
tender envelopes with "Kennwort: <project>", licence keys, templates.

Usage: ``python3 tests/accuracy/corpus_l/generate.py OUTDIR [SEED]`` prints the labels as JSON.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Callable
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
)

Builder = Callable[[random.Random, Path, int], list[str]]

_WORDS = [
    "Sommer",
    "Winter",
    "Praxis",
    "Zahnrad",
    "Kanzlei",
    "Bergsee",
    "Tulpe",
    "Falke",
    "Anker",
    "Robbe",
    "Leuchtturm",
    "Kaffee",
    "Mandarine",
    "Nordwind",
    "Hafen",
    "Giraffe",
    "Lavendel",
    "Brezel",
]
_FIRST = ["Anna", "Jonas", "Petra", "Murat", "Sabine", "Lukas", "Elif", "Tobias", "Marie", "Stefan"]
_LAST = ["Weber", "Kaya", "Schneider", "Hoffmann", "Novak", "Berger", "Lindqvist", "Moreau", "Rossi"]


def password(rng: random.Random) -> str:
    """Passwords the way offices choose them: word+year+sign, random strings, passphrases, leetspeak."""
    style = rng.randrange(6)
    word = rng.choice(_WORDS)
    if style == 0:
        return f"{word}{rng.randint(2019, 2026)}{rng.choice('!#$?')}"
    if style == 1:
        alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
        core = "".join(rng.choice(alphabet) for _ in range(rng.randint(9, 13)))
        return core[:4] + rng.choice("#%*+-_") + core[4:] + str(rng.randint(0, 9))
    if style == 2:
        return f"{word}-{rng.choice(_WORDS).lower()}-{rng.randint(10, 99)}"
    if style == 3:
        leet = word.replace("a", "4").replace("e", "3").replace("o", "0")
        return f"{leet}{rng.choice('!$%')}{rng.randint(1, 99)}"
    if style == 4:
        return f"{rng.choice(_FIRST)}.{rng.randint(1960, 2010)}{rng.choice('!#')}"
    return f"{word[:3].upper()}{rng.randint(100, 999)}{rng.choice('abcxyz')}{rng.choice('?!&')}"


def person(rng: random.Random) -> tuple[str, str]:
    return rng.choice(_FIRST), rng.choice(_LAST)


def login(rng: random.Random) -> str:
    first, last = person(rng)
    return rng.choice(
        [f"{first[0].lower()}.{last.lower()}", f"{first.lower()}", f"{last.lower()}{first[0].lower()}"]
    )


# ---------------------------------------------------------------------------------------------- positives


def pos_praxis_zugaenge(rng: random.Random, out: Path, i: int) -> list[str]:
    p = [password(rng) for _ in range(5)]
    rows: list[list[object]] = [
        [
            f"Zugänge Praxis Dr. {rng.choice(_LAST)} – Stand {rng.randint(1, 12):02d}/2024",
            None,
            None,
            None,
            None,
        ],
        [None, None, None, None, None],
        ["Was", "Wer", "Login", "Passwort", "Seit"],
        ["Praxissoftware Dampsoft", "alle", "empfang", p[0], "01.2023"],
        ["Röntgen-PC", "Dr. + ZFA", "roentgen", "s.o.", "01.2023"],
        ["KZV Portal", "Chefin", login(rng), p[1], "03.2024"],
        ["Router Telekom", "IT", "admin", f"alt: {p[2]} / neu: {p[3]}", "05.2024"],
        ["Labor-Portal", "ZFA", "labor", "wie oben", ""],
        ["E-Mail info@", "Empfang", "info@praxis-beispiel.de", p[4], "2022"],
    ]
    make_xlsx(out / f"Zugänge_Praxis_{i}.xlsx", {"Tabelle1": rows})
    return p


def pos_architekt_fliesstext(rng: random.Random, out: Path, i: int) -> list[str]:
    wlan, nas, mail = password(rng), password(rng), password(rng)
    paras = [
        "IT-Infos Büro (für Vertretung / neue Kollegen)",
        "Das Büro hat zwei WLANs. Das Gäste-WLAN heißt 'Architekten-Gast' und hat kein Kennwort, "
        f"das interne heißt 'ARCH-5G', der Schlüssel dafür ist {wlan} (bitte nicht an Kunden weitergeben).",
        "Die Pläne liegen auf dem NAS (Synology, \\\\nas01\\projekte). Falls das Laufwerk mal weg ist: "
        f"anmelden als buero mit dem Kennwort {nas}, dann neu verbinden.",
        "Der Plotter im Flur braucht kein Passwort.",
        f"Für das Postfach info@ gilt aktuell das Passwort {mail}, Herr {rng.choice(_LAST)} ändert es "
        "jedes Jahr im Januar.",
        "Bei Problemen: Systemhaus anrufen, 0421 / 55 66 77.",
    ]
    make_docx(out / f"IT-Infos_{i}.docx", paras)
    return [wlan, nas, mail]


def pos_codes_acces(rng: random.Random, out: Path, i: int) -> list[str]:
    p = [password(rng) for _ in range(4)]
    rows: list[list[object]] = [
        ["Codes d'accès – Cabinet comptable", None, None, None],
        ["Logiciel", "Identifiant", "Code", "Remarque"],
        ["Sage Compta", "comptable1", p[0], "poste 2"],
        ["impots.gouv.fr (pro)", "cabinet@exemple.fr", p[1], "espace professionnel"],
        ["Banque (EBICS)", "CAB" + str(rng.randint(1000, 9999)), p[2], "certificat sur clé USB"],
        ["Box Orange", "admin", p[3], ""],
    ]
    make_xlsx(out / f"Codes_d_acces_{i}.xlsx", {"Feuil1": rows})
    return p


def pos_claves(rng: random.Random, out: Path, i: int) -> list[str]:
    p = [password(rng) for _ in range(3)]
    rows: list[list[object]] = [
        ["Servicio", "Usuario", "Clave", "Notas"],
        ["Correo Gmail oficina", "oficina.gestoria@gmail.com", p[0], ""],
        [
            "Agencia Tributaria",
            "B" + str(rng.randint(10000000, 99999999)),
            p[1],
            "certificado digital aparte",
        ],
        ["Router Movistar", "1234", p[2], "cambiada en marzo"],
    ]
    make_xlsx(out / f"Claves_oficina_{i}.xlsx", {"Hoja1": rows})
    return p


def pos_credenziali(rng: random.Random, out: Path, i: int) -> list[str]:
    p = [password(rng) for _ in range(3)]
    rows: list[list[object]] = [
        ["Credenziali studio", None, None],
        ["Servizio", "Utente", "Parola chiave"],
        ["Gestionale TeamSystem", "segreteria", p[0]],
        ["PEC", "studio@pec.example.it", p[1]],
        ["NAS QNAP", "admin", p[2]],
    ]
    make_xlsx(out / f"Credenziali_{i}.xlsx", {"Foglio1": rows})
    return p


def pos_inloggegevens(rng: random.Random, out: Path, i: int) -> list[str]:
    p = [password(rng) for _ in range(3)]
    table = [
        ["Systeem", "Gebruikersnaam", "Wachtwoord"],
        ["Exact Online", login(rng), p[0]],
        ["Ziggo modem", "admin", p[1]],
        ["Kantoor-pc", "receptie", p[2]],
    ]
    make_docx(out / f"Inloggegevens_kantoor_{i}.docx", ["Inloggegevens – vertrouwelijk"], tables=[table])
    return p


def pos_dane_logowania(rng: random.Random, out: Path, i: int) -> list[str]:
    p = [password(rng) for _ in range(3)]
    rows: list[list[object]] = [
        ["System", "Użytkownik", "Hasło", "Uwagi"],
        ["Optima", "ksiegowa", p[0], ""],
        ["Poczta", "biuro@firma.pl", p[1], "zmienione 02.2024"],
        ["Router", "admin", p[2], ""],
    ]
    make_xlsx(out / f"Dane_logowania_{i}.xlsx", {"Arkusz1": rows})
    return p


def pos_nordic(rng: random.Random, out: Path, i: int) -> list[str]:
    p = [password(rng) for _ in range(2)]
    variant = i % 3
    if variant == 0:
        rows: list[list[object]] = [["Tjänst", "Användarnamn", "Lösenord"], ["Fortnox", login(rng), p[0]]]
        rows.append(["Wifi kontoret", "", p[1]])
        make_xlsx(out / f"Inloggningar_{i}.xlsx", {"Blad1": rows})
    elif variant == 1:
        table = [
            ["Tjeneste", "Brugernavn", "Adgangskode"],
            ["e-conomic", login(rng), p[0]],
            ["NemID", "", p[1]],
        ]
        make_docx(out / f"Adgangskoder_{i}.docx", ["Adgangskoder kontor"], tables=[table])
    else:
        text = (
            "Tunnukset (toimisto)\n\nNetvisor\n  käyttäjätunnus: kirjanpito\n"
            f"  salasana: {p[0]}\n\nReititin\n  käyttäjätunnus: admin\n  salasana: {p[1]}\n"
        )
        make_text(out / f"tunnukset_{i}.txt", text)
    return p


def pos_onenote_bullets(rng: random.Random, out: Path, i: int) -> list[str]:
    p = [password(rng) for _ in range(3)]
    text = (
        f"Kunde {rng.choice(_LAST)} GmbH\nMittwoch, 14. Februar 2024 10:12\n\n"
        "Netzwerk\n"
        f"• Router: admin – {p[0]}\n"
        "• Switch: unmanaged\n"
        f"• Drucker Kyocera: Admin / {p[1]}\n\n"
        "Server\n"
        f"• DC01 lokaler Admin – {p[2]}\n"
        "• Backup läuft 22:00 auf USB-Platte\n"
    )
    make_text(out / f"OneNote_Kunde_{i}.txt", text)
    return p


def pos_ocr_scan(rng: random.Random, out: Path, i: int) -> list[str]:
    p = [password(rng) for _ in range(2)]
    lines = [
        "Einrlchtungsprotokoll  Telefonanlage",
        "Kunde: Autohaus " + rng.choice(_LAST) + "  Datum: 1 2.03.2024",
        "Techn1ker: S. Berger",
        "Anlage: Auerswald COMpact 5500",
        f"Admin-Benutzer: admin     Kennwort: {p[0]}",
        "Sub-Admin: verwaltung",
        f"Kennwort Sub-Admin: {p[1]}",
        "Unterschrift Kunde: ____________",
    ]
    make_pdf(out / f"Scan_{2024_03_12 + i}.pdf", [lines])
    return p


def pos_teams_chat(rng: random.Random, out: Path, i: int) -> list[str]:
    pw = password(rng)
    a, b = person(rng), person(rng)
    text = (
        f"[09:14] {a[1]}, {a[0]}\nkannst du dich mal auf den Empfangs-PC schalten?\n"
        f"[09:15] {b[1]}, {b[0]}\nja, welcher Benutzer?\n"
        f"[09:16] {a[1]}, {a[0]}\nempfang, pw ist {pw}\n"
        f"[09:16] {b[1]}, {b[0]}\ndanke, bin drauf\n"
    )
    make_text(out / f"Teams_Chat_Export_{i}.txt", text)
    return [pw]


def pos_teams_html(rng: random.Random, out: Path, i: int) -> list[str]:
    pw = password(rng)
    html = (
        "<html><body><div class='message'><span class='author'>Kaya, Murat</span>"
        "<span class='time'>12.03.2024 11:02</span><div class='body'>Hi, für den Telekom-Account:</div></div>"
        "<div class='message'><span class='author'>Kaya, Murat</span>"
        f"<div class='body'>Benutzer buchhaltung@firma.de<br>PW: {escape(pw)}</div></div>"
        "<div class='message'><span class='author'>Weber, Anna</span><div class='body'>👍</div></div>"
        "</body></html>"
    )
    make_text(out / f"chat_buchhaltung_{i}.html", html)
    return [pw]


def pos_msg_neuer_ma(rng: random.Random, out: Path, i: int) -> list[str]:
    pw = password(rng)
    first, last = person(rng)
    body = (
        f"Hallo Frau {last},\r\n\r\nherzlich willkommen! Anbei Ihre Zugangsdaten für den ersten Tag:\r\n\r\n"
        f"Benutzername: {first[0].lower()}.{last.lower()}\r\nErstkennwort: {pw}\r\n\r\n"
        "Sie werden bei der ersten Anmeldung aufgefordert, das Kennwort zu ändern.\r\n\r\n"
        "Viele Grüße\r\nIhr IT-Team"
    )
    make_msg(out / f"Zugangsdaten neuer Mitarbeiter {i}.msg", "Zugangsdaten neuer Mitarbeiter", body)
    return [pw]


def pos_eml_onboarding_en(rng: random.Random, out: Path, i: int) -> list[str]:
    pw = password(rng)
    user = login(rng)
    body = (
        "Hi Sarah,\n\nthe new starter on Monday is set up. Details below, please print and hand over:\n\n"
        f"  Windows login:  {user}\n  Temp password:  {pw}\n"
        f"  M365: {user}@client-example.com (same password)\n\n"
        "MFA will be enrolled on the day.\n\nCheers,\nDan\nService Desk"
    )
    make_eml(out / f"RE_ new starter Monday_{i}.eml", "RE: new starter Monday", body)
    return [pw]


def pos_bat_logon(rng: random.Random, out: Path, i: int) -> list[str]:
    pw = password(rng)
    text = (
        "@echo off\r\nREM Anmeldeskript Kanzlei - nicht ändern ohne Rücksprache\r\n"
        "net use S: /delete /y >nul 2>&1\r\n"
        f"net use S: \\\\srv01\\daten {pw} /user:KANZLEI\\scanner /persistent:no\r\n"
        "net use P: \\\\srv01\\programme /persistent:no\r\n"
        "exit\r\n"
    )
    make_text(out / f"logon_{i}.bat", text)
    return [pw]


def pos_unattend(rng: random.Random, out: Path, i: int) -> list[str]:
    admin, user = password(rng), password(rng)
    xml = f"""<?xml version="1.0" encoding="utf-8"?>
<unattend xmlns="urn:schemas-microsoft-com:unattend">
  <settings pass="oobeSystem">
    <component name="Microsoft-Windows-Shell-Setup" processorArchitecture="amd64">
      <UserAccounts>
        <AdministratorPassword>
          <Value>{escape(admin)}</Value>
          <PlainText>true</PlainText>
        </AdministratorPassword>
        <LocalAccounts>
          <LocalAccount wcm:action="add" xmlns:wcm="http://schemas.microsoft.com/WMIConfig/2002/State">
            <Password><Value>{escape(user)}</Value><PlainText>true</PlainText></Password>
            <Name>praxis</Name>
            <Group>Administrators</Group>
          </LocalAccount>
        </LocalAccounts>
      </UserAccounts>
    </component>
  </settings>
</unattend>
"""
    make_text(out / f"Autounattend_praxis_{i}.xml", xml)
    return [admin, user]


def pos_keepass_de(rng: random.Random, out: Path, i: int) -> list[str]:
    p = [password(rng) for _ in range(4)]
    rows: list[list[object]] = [
        ["Gruppe", "Titel", "Benutzername", "Passwort", "URL", "Notizen"],
        ["Kunden/Meier", "Firewall", "admin", p[0], "https://192.168.10.1", ""],
        ["Kunden/Meier", "DATEV", "dmeier", p[1], "", "SmartCard zusätzlich"],
        ["Intern", "Telekom Kundencenter", "it@systemhaus.de", p[2], "https://telekom.de", ""],
        ["Intern", "Hosting", "kd12345", p[3], "", "Vertragsnr. 4711"],
    ]
    make_csv(out / f"KeePass_Export_{i}.csv", rows, encoding="utf-8-sig")
    return p


def pos_browser_export(rng: random.Random, out: Path, i: int) -> list[str]:
    p = [password(rng) for _ in range(3)]
    if i % 2:
        rows: list[list[object]] = [["name", "url", "username", "password", "note"]]
        rows += [
            ["portal.azure.com", "https://portal.azure.com/", "admin@kunde.onmicrosoft.com", p[0], ""],
            ["192.168.178.1", "http://192.168.178.1/", "", p[1], ""],
            ["datev.de", "https://www.datev.de/", login(rng), p[2], ""],
            ["example.org", "https://example.org/", "nobody", "", ""],
        ]
        make_csv(out / f"Chrome-Passwörter_{i}.csv", rows)
    else:
        rows = [["url", "username", "password", "httpRealm", "formActionOrigin", "guid", "timeCreated"]]
        rows += [
            [
                "https://webmail.example.de",
                login(rng),
                p[0],
                "",
                "https://webmail.example.de",
                "{a1}",
                "1700000000000",
            ],
            ["http://10.0.0.5:8080", "admin", p[1], "Router", "", "{a2}", "1700000000001"],
            [
                "https://shop.example.com",
                login(rng) + "@web.de",
                p[2],
                "",
                "https://shop.example.com",
                "{a3}",
                "17",
            ],
        ]
        make_csv(out / f"logins_firefox_{i}.csv", rows)
    return p


def pos_uebergabe_docx(rng: random.Random, out: Path, i: int) -> list[str]:
    p = [password(rng) for _ in range(3)]
    table = [
        ["Übergabeprotokoll Server", ""],
        ["Kunde", f"Steuerbüro {rng.choice(_LAST)}"],
        ["Server", "HV-01 (Hyper-V), VMs DC01, APP01"],
        ["Domäne", "stb.local"],
        ["Domänen-Admin", "STB\\Administrator"],
        ["Kennwort", p[0]],
        ["iLO", "Administrator"],
        ["iLO Kennwort", p[1]],
        ["Veeam Verschlüsselung", p[2]],
    ]
    make_docx(out / f"Übergabe_Server_{i}.docx", ["Übergabe an Kunde am 04.04.2024"], tables=[table])
    return p


def pos_pptx_notes(rng: random.Random, out: Path, i: int) -> list[str]:
    pw = password(rng)
    slides = [
        (["Willkommen im Team!", "Erster Tag – Ablauf"], None),
        (["WLAN & Drucker", "Netz: Buero-Intern"], f"Den WLAN-Schlüssel sage ich mündlich: {pw}"),
        (["Fragen?"], "Danke"),
    ]
    make_pptx(out / f"Einarbeitung_{i}.pptx", slides)
    return [pw]


def pos_bitwarden(rng: random.Random, out: Path, i: int) -> list[str]:
    p = [password(rng) for _ in range(2)]
    header = [
        "folder", "favorite", "type", "name", "notes", "fields", "reprompt",
        "login_uri", "login_username", "login_password", "login_totp",
    ]  # fmt: skip
    rows: list[list[object]] = [header]
    rows.append(
        ["Kunden", "", "login", "Sophos XG", "", "", "0", "https://fw.kunde.de:4444", "admin", p[0], ""]
    )
    rows.append(["", "1", "login", "Hetzner", "", "", "0", "https://robot.hetzner.com", "K1234", p[1], ""])
    rows.append(["", "", "note", "Lizenzinfo", "siehe Vertrag", "", "0", "", "", "", ""])
    make_csv(out / f"bitwarden_export_2024{i:02d}.csv", rows)
    return p


def pos_compose(rng: random.Random, out: Path, i: int) -> list[str]:
    db, admin = password(rng), password(rng)
    text = (
        "services:\n  db:\n    image: mariadb:10.11\n    environment:\n"
        f'      MARIADB_ROOT_PASSWORD: "{db}"\n      MARIADB_DATABASE: wawi\n'
        "  app:\n    image: nextcloud\n    environment:\n"
        f"      NEXTCLOUD_ADMIN_USER: admin\n      NEXTCLOUD_ADMIN_PASSWORD: {admin}\n"
    )
    make_text(out / f"docker-compose.kunde{i}.yml", text)
    return [db, admin]


def pos_webconfig(rng: random.Random, out: Path, i: int) -> list[str]:
    pw = password(rng).replace(";", "")
    xml = (
        '<?xml version="1.0"?>\n<configuration>\n  <connectionStrings>\n'
        '    <add name="Warenwirtschaft" connectionString="Data Source=SQL01\\WAWI;Initial Catalog=wawi;'
        f'User ID=wawi_app;Password={escape(pw)};" providerName="System.Data.SqlClient"/>\n'
        "  </connectionStrings>\n</configuration>\n"
    )
    make_text(out / f"web_{i}.config", xml)
    return [pw]


def pos_powershell(rng: random.Random, out: Path, i: int) -> list[str]:
    pw = password(rng).replace('"', "")
    text = (
        "# Scan-to-folder Benutzer anlegen\n"
        f'$pw = ConvertTo-SecureString "{pw}" -AsPlainText -Force\n'
        'New-LocalUser -Name "scan" -Password $pw -PasswordNeverExpires\n'
        'Add-LocalGroupMember -Group "Benutzer" -Member "scan"\n'
    )
    make_text(out / f"scanuser_anlegen_{i}.ps1", text)
    return [pw]


def pos_senhas(rng: random.Random, out: Path, i: int) -> list[str]:
    p = [password(rng) for _ in range(2)]
    rows: list[list[object]] = [["Serviço", "Utilizador", "Senha"], ["Primavera", "contab", p[0]]]
    rows.append(["Router MEO", "meo", p[1]])
    make_ods(out / f"Senhas_escritorio_{i}.ods", {"Folha1": rows})
    return p


def pos_czech(rng: random.Random, out: Path, i: int) -> list[str]:
    pw = password(rng)
    text = f"Přístupy kancelář\n\nPohoda\nuživatel: ucetni\nheslo: {pw}\n\nTiskárna – bez hesla\n"
    make_text(out / f"pristupy_{i}.txt", text)
    return [pw]


def pos_msp_handover_en(rng: random.Random, out: Path, i: int) -> list[str]:
    p = [password(rng) for _ in range(3)]
    paras = [
        f"Client handover – {rng.choice(_LAST)} & Co Solicitors",
        "Site: 2 floors, 18 users, one server.",
        f"DC01 local admin: .\\administrator / {p[0]}",
        "Domain admin account is in our PSA under the client record.",
        f"Draytek router web UI: admin, pass {p[1]}",
        f"The old Sage server still uses sa with {p[2]} - decommission planned Q3.",
    ]
    make_docx(out / f"Client_Handover_{i}.docx", paras)
    return p


def pos_ticket_export(rng: random.Random, out: Path, i: int) -> list[str]:
    pw = password(rng)
    user = login(rng)
    rows: list[list[object]] = [
        ["Ticket", "Opened", "Contact", "Summary", "Resolution"],
        [str(40000 + i), "2024-03-01", "Reception", "Printer offline", "Power cycled printer"],
        [
            str(40100 + i),
            "2024-03-02",
            user,
            "Locked out",
            f"Unlocked account, reset password to {pw} and told user by phone",
        ],
        [str(40200 + i), "2024-03-03", "Office mgr", "New mailbox", "Created shared mailbox"],
    ]
    make_csv(out / f"tickets_march_{i}.csv", rows)
    return [pw]


def pos_mail_quote(rng: random.Random, out: Path, i: int) -> list[str]:
    pw = password(rng)
    body = (
        "Hallo Herr Novak,\n\ndanke, hat geklappt.\n\nGruß\nS. Weber\n\n"
        "-----Ursprüngliche Nachricht-----\nVon: Novak, Tobias\nGesendet: Dienstag, 5. März 2024 08:12\n"
        "Betreff: Kopierer\n\n"
        f"> Das neue Kennwort für den Kopierer (Admin-Menü) lautet {pw}\n> Bitte nicht weitergeben.\n"
    )
    make_eml(out / f"AW_Kopierer_{i}.eml", "AW: Kopierer", body)
    return [pw]


def pos_rtf_notfall(rng: random.Random, out: Path, i: int) -> list[str]:
    p = [password(rng) for _ in range(2)]
    paras = [
        "Notfallhandbuch – Steuerkanzlei",
        "1. Stromausfall: USV hält ca. 20 Minuten.",
        f"2. Server herunterfahren: Anmeldung als Administrator, Kennwort: {p[0]}",
        f"3. Firewall neu starten (Weboberfläche): Benutzer admin, Passwort {p[1]}",
        "4. Systemhaus informieren.",
    ]
    make_rtf(out / f"Notfallhandbuch_{i}.rtf", paras)
    return p


def pos_ods_vertical(rng: random.Random, out: Path, i: int) -> list[str]:
    pw = password(rng)
    rows: list[list[object]] = [
        ["Zugangsdaten Telekom"],
        ["Kundennummer", str(rng.randint(100000000, 999999999))],
        ["Benutzer", "info@baeckerei-beispiel.de"],
        ["Kennwort"],
        [pw],
    ]
    make_ods(out / f"Telekom_Zugang_{i}.ods", {"Tabelle1": rows})
    return [pw]


def pos_login_pw_cell(rng: random.Random, out: Path, i: int) -> list[str]:
    p = [password(rng) for _ in range(3)]
    rows: list[list[object]] = [
        ["Gerät", "IP", "Login / PW"],
        ["Fritzbox", "192.168.178.1", f"admin / {p[0]}"],
        ["NAS", "192.168.178.20", f"admin / {p[1]}"],
        ["Kamera Hof", "192.168.178.31", f"root / {p[2]}"],
    ]
    make_xlsx(out / f"Netzwerk_Geraete_{i}.xlsx", {"Geräte": rows})
    return p


def pos_en_prose(rng: random.Random, out: Path, i: int) -> list[str]:
    pw = password(rng)
    text = (
        "Notes from site visit, Tuesday\n\n"
        "Replaced the UPS battery. Firmware on the Fortigate was two versions behind, updated it.\n"
        f"FYI the Fortigate admin login is admin and the password is now {pw} (changed it,\n"
        "old one was default).\n"
        "Next visit: move backups to the cloud.\n"
    )
    make_text(out / f"site_visit_notes_{i}.txt", text)
    return [pw]


def pos_es_mail(rng: random.Random, out: Path, i: int) -> list[str]:
    pw = password(rng)
    body = (
        "Hola Lucía:\n\nYa tienes creada la cuenta de correo.\n\n"
        f"Usuario: lucia@asesoria-ejemplo.es\nContraseña provisional: {pw}\n\n"
        "Te pedirá cambiarla al entrar.\n\nUn saludo,\nSoporte"
    )
    make_eml(out / f"Cuenta de correo_{i}.eml", "Cuenta de correo", body)
    return [pw]


def pos_it_docx(rng: random.Random, out: Path, i: int) -> list[str]:
    pw = password(rng)
    paras = [
        "Informazioni per gli ospiti",
        "Rete Wi-Fi: Studio-Ospiti",
        f"La password del Wi-Fi è {pw}",
        "Buon lavoro!",
    ]
    make_docx(out / f"Wifi_ospiti_{i}.docx", paras)
    return [pw]


def pos_fr_docx(rng: random.Random, out: Path, i: int) -> list[str]:
    pw = password(rng)
    paras = [
        "Procédure de connexion au VPN",
        "1. Lancer FortiClient",
        "2. Identifiant : cabinet-vpn",
        f"3. Mot de passe : {pw}",
        "4. Valider le code reçu par SMS",
    ]
    make_docx(out / f"Procedure_VPN_{i}.docx", paras)
    return [pw]


def pos_nl_mail(rng: random.Random, out: Path, i: int) -> list[str]:
    pw = password(rng)
    body = (
        "Hoi Sanne,\n\nJe account voor het nieuwe boekhoudpakket is aangemaakt.\n"
        f"Gebruikersnaam: sanne.devries\nJe wachtwoord is {pw}\n\nGroeten,\nKees"
    )
    make_eml(out / f"Account boekhouding_{i}.eml", "Account boekhouding", body)
    return [pw]


def pos_typo_pdf(rng: random.Random, out: Path, i: int) -> list[str]:
    pw = password(rng)
    lines = [
        "Installationsbericht Arbeitsplatz Empfang",
        "PC: HP ProDesk 400 G7, Windows 11 Pro",
        "Benutzer: empfang",
        f"Pasword: {pw}",
        "Drucker eingerichtet, Scan-to-Mail getestet.",
    ]
    make_pdf(out / f"Installationsbericht_{i}.pdf", [lines])
    return [pw]


def pos_wlan_aushang(rng: random.Random, out: Path, i: int) -> list[str]:
    pw = password(rng)
    lines = ["Gäste-WLAN", "", "Netzwerk: Cafe-Sonnenschein", f"WLAN-Schlüssel: {pw}", "", "Viel Spaß!"]
    make_pdf(out / f"WLAN_Aushang_{i}.pdf", [lines])
    return [pw]


def pos_ini_app(rng: random.Random, out: Path, i: int) -> list[str]:
    pw = password(rng)
    text = (
        f"[Datenbank]\nServer=SRV01\\SQLEXPRESS\nBenutzer=praxis_app\nKennwort={pw}\n\n"
        "[Pfade]\nExport=D:\\Export\n"
    )
    make_text(out / f"praxis_app_{i}.ini", text)
    return [pw]


POSITIVES: list[Builder] = [
    pos_praxis_zugaenge, pos_architekt_fliesstext, pos_codes_acces, pos_claves, pos_credenziali,
    pos_inloggegevens, pos_dane_logowania, pos_nordic, pos_onenote_bullets, pos_ocr_scan, pos_teams_chat,
    pos_teams_html, pos_msg_neuer_ma, pos_eml_onboarding_en, pos_bat_logon, pos_unattend, pos_keepass_de,
    pos_browser_export, pos_uebergabe_docx, pos_pptx_notes, pos_bitwarden, pos_compose, pos_webconfig,
    pos_powershell, pos_senhas, pos_czech, pos_msp_handover_en, pos_ticket_export, pos_mail_quote,
    pos_rtf_notfall, pos_ods_vertical, pos_login_pw_cell, pos_en_prose, pos_es_mail, pos_it_docx,
    pos_fr_docx, pos_nl_mail, pos_typo_pdf, pos_wlan_aushang, pos_ini_app,
]  # fmt: skip


# ---------------------------------------------------------------------------------------------- look-alikes


def neg_praxis_zugaenge(rng: random.Random, out: Path, i: int) -> list[str]:
    rows: list[list[object]] = [
        [f"Zugänge Praxis Dr. {rng.choice(_LAST)} – Stand 2024", None, None, None, None],
        [None, None, None, None, None],
        ["Was", "Wer", "Login", "Passwort", "Seit"],
        ["Praxissoftware", "alle", "empfang", "siehe Zettel im Tresor", "01.2023"],
        ["Röntgen-PC", "Dr. + ZFA", "roentgen", "s.o.", "01.2023"],
        [
            "KZV Portal",
            "Chefin",
            login(rng),
            "Kennwort bei Frau " + rng.choice(_LAST) + " erfragen",
            "03.2024",
        ],
        ["Router", "IT", "admin", "beim Systemhaus", "05.2024"],
        ["Labor-Portal", "ZFA", "labor", "wie oben", ""],
        ["E-Mail info@", "Empfang", "info@praxis-beispiel.de", "********", "2022"],
    ]
    make_xlsx(out / f"Zugänge_leer_{i}.xlsx", {"Tabelle1": rows})
    return []


def neg_it_infos_text(rng: random.Random, out: Path, i: int) -> list[str]:
    paras = [
        "IT-Infos Büro",
        "Das Gäste-WLAN heißt 'Architekten-Gast'. Das Kennwort hängt am Empfang aus, "
        "es wird monatlich geändert.",
        "Die Pläne liegen auf dem NAS. Ihr Passwort für das NAS ist dasselbe wie für Windows.",
        "Wer sein Kennwort vergessen hat, wendet sich an Herrn " + rng.choice(_LAST) + ".",
        "Kennwörter bitte nie auf Zettel schreiben!",
    ]
    make_docx(out / f"IT-Infos_allgemein_{i}.docx", paras)
    return []


def neg_codes_acces(rng: random.Random, out: Path, i: int) -> list[str]:
    rows: list[list[object]] = [
        ["Codes d'accès – Cabinet", None, None],
        ["Logiciel", "Identifiant", "Code"],
        ["Sage Compta", "comptable1", "voir coffre-fort"],
        ["impots.gouv.fr", "cabinet@exemple.fr", "(dans KeePass)"],
        ["Box Orange", "admin", "étiquette sous la box"],
    ]
    make_xlsx(out / f"Codes_acces_modele_{i}.xlsx", {"Feuil1": rows})
    return []


def neg_policy(rng: random.Random, out: Path, i: int) -> list[str]:
    paras = [
        "Passwortrichtlinie der Kanzlei",
        "1. Passwörter müssen mindestens 12 Zeichen lang sein.",
        "2. Ein Passwort darf nicht den Benutzernamen enthalten.",
        "3. Passwörter werden alle 180 Tage geändert; die letzten 10 dürfen nicht wiederverwendet werden.",
        "4. Kennwörter werden nie per E-Mail verschickt.",
        "5. Nach 5 Fehlversuchen wird das Konto für 15 Minuten gesperrt.",
    ]
    make_docx(out / f"Passwortrichtlinie_{i}.docx", paras)
    return []


def neg_change_log(rng: random.Random, out: Path, i: int) -> list[str]:
    rows: list[list[object]] = [["Datum", "Benutzer", "Aktion", "Durchgeführt von"]]
    for day in range(1, 9):
        action = rng.choice(
            ["Passwort zurückgesetzt", "Konto entsperrt", "Passwort geändert", "MFA neu registriert"]
        )
        rows.append([f"{day:02d}.03.2024", login(rng), action, rng.choice(["SB", "MK", "helpdesk"])])
    make_csv(out / f"Passwortaenderungen_{i}.csv", rows, delimiter=";")
    return []


def neg_audit_report(rng: random.Random, out: Path, i: int) -> list[str]:
    rows: list[list[object]] = [
        ["Specops Password Auditor – Report", None, None, None, None],
        ["Account", "Weak password", "Password never expires", "Password last set", "Breached password"],
    ]
    for _ in range(6):
        rows.append([login(rng), rng.choice(["Yes", "No"]), rng.choice(["Yes", "No"]), "2023-11-02", "No"])
    make_xlsx(out / f"Password_Audit_Report_{i}.xlsx", {"Accounts": rows})
    return []


def neg_gpo_report(rng: random.Random, out: Path, i: int) -> list[str]:
    text = (
        "Default Domain Policy\nData collected on: 12.03.2024 10:11:12\n\n"
        "Computer Configuration (Enabled)\n Policies\n  Windows Settings\n   Security Settings\n"
        "    Account Policies/Password Policy\n"
        "     Policy\tSetting\n"
        "     Enforce password history\t24 passwords remembered\n"
        "     Maximum password age\t180 days\n"
        "     Minimum password age\t1 days\n"
        "     Minimum password length\t12 characters\n"
        "     Password must meet complexity requirements\tEnabled\n"
        "     Store passwords using reversible encryption\tDisabled\n"
        "    Account Policies/Account Lockout Policy\n"
        "     Account lockout threshold\t5 invalid logon attempts\n"
    )
    make_text(out / f"GPO_Report_{i}.txt", text)
    return []


def neg_teams_chat(rng: random.Random, out: Path, i: int) -> list[str]:
    a, b = person(rng), person(rng)
    text = (
        f"[09:14] {a[1]}, {a[0]}\nkannst du dich auf den Empfangs-PC schalten?\n"
        f"[09:15] {b[1]}, {b[0]}\nja, pw wie besprochen?\n"
        f"[09:16] {a[1]}, {a[0]}\njup. hab dir das Passwort per SMS geschickt\n"
        f"[09:18] {b[1]}, {b[0]}\npasst, bin drauf\n"
    )
    make_text(out / f"Teams_Chat_Empfang_{i}.txt", text)
    return []


def neg_onboarding_letter(rng: random.Random, out: Path, i: int) -> list[str]:
    first, last = person(rng)
    paras = [
        f"Sehr geehrte Frau {last},",
        "wir freuen uns, Sie bei uns begrüßen zu dürfen.",
        f"Ihr Benutzername lautet: {first[0].lower()}.{last.lower()}",
        "Ihr Erstkennwort erhalten Sie am ersten Arbeitstag persönlich von Ihrer Teamleitung.",
        "Passwort: wird separat per SMS zugestellt",
        "Mit freundlichen Grüßen",
    ]
    make_docx(out / f"Willkommensschreiben_{i}.docx", paras)
    return []


def neg_unattend_deleted(rng: random.Random, out: Path, i: int) -> list[str]:
    xml = """<?xml version="1.0" encoding="utf-8"?>
<unattend xmlns="urn:schemas-microsoft-com:unattend">
  <settings pass="oobeSystem">
    <component name="Microsoft-Windows-Shell-Setup" processorArchitecture="amd64">
      <UserAccounts>
        <AdministratorPassword>
          <Value>*SENSITIVE*DATA*DELETED*</Value>
          <PlainText>true</PlainText>
        </AdministratorPassword>
      </UserAccounts>
      <AutoLogon>
        <Password><Value></Value><PlainText>true</PlainText></Password>
        <Enabled>false</Enabled>
        <Username>praxis</Username>
      </AutoLogon>
    </component>
  </settings>
</unattend>
"""
    make_text(out / f"unattend_used_{i}.xml", xml)
    return []


def neg_bat(rng: random.Random, out: Path, i: int) -> list[str]:
    text = (
        "@echo off\r\nREM Laufwerke verbinden\r\n"
        "net use S: \\\\srv01\\daten /persistent:yes\r\n"
        "net use P: \\\\srv01\\programme\r\n"
        'runas /savecred /user:KANZLEI\\wartung "C:\\Tools\\update.exe"\r\n'
        "REM Passwort wird beim ersten Start abgefragt\r\n"
    )
    make_text(out / f"laufwerke_{i}.cmd", text)
    return []


def neg_powershell(rng: random.Random, out: Path, i: int) -> list[str]:
    text = (
        "$cred = Get-Credential -Message 'Domänen-Admin'\n"
        '$pw = Read-Host -AsSecureString "Neues Kennwort"\n'
        "Set-ADAccountPassword -Identity $user -NewPassword $pw -Reset\n"
        "$db = $env:DB_PASSWORD\n"
    )
    make_text(out / f"reset_kennwort_{i}.ps1", text)
    return []


def neg_env_example(rng: random.Random, out: Path, i: int) -> list[str]:
    text = (
        "# Kopieren nach .env und ausfüllen\nDB_HOST=localhost\nDB_USER=wawi\nDB_PASSWORD=changeme\n"
        "SMTP_PASSWORD=${SMTP_PASSWORD}\nADMIN_PASSWORD=<hier eintragen>\n"
    )
    make_text(out / f"kunde{i}.env.example", text)
    return []


def neg_webconfig(rng: random.Random, out: Path, i: int) -> list[str]:
    xml = (
        '<?xml version="1.0"?>\n<configuration>\n  <connectionStrings>\n'
        '    <add name="Wawi" '
        'connectionString="Data Source=SQL01;Initial Catalog=wawi;Integrated Security=SSPI;"/>\n'
        "  </connectionStrings>\n</configuration>\n"
    )
    make_text(out / f"app_{i}.config", xml)
    return []


def neg_expiry_mail(rng: random.Random, out: Path, i: int) -> list[str]:
    body = (
        "Hallo,\n\nIhr Kennwort läuft in 5 Tagen ab. Bitte ändern Sie es mit Strg+Alt+Entf.\n\n"
        "Das neue Kennwort muss mindestens 12 Zeichen haben.\n\nIhre IT"
    )
    make_eml(out / f"Kennwort laeuft ab_{i}.eml", "Ihr Kennwort läuft ab", body)
    return []


def neg_reset_mail(rng: random.Random, out: Path, i: int) -> list[str]:
    body = (
        "Hello,\n\nWe received a request to reset the password for your account.\n"
        "Click the link below to choose a new password:\nhttps://portal.example.com/reset?token=abc\n\n"
        "If you did not request a password reset, ignore this email.\n"
    )
    make_eml(out / f"Password reset request_{i}.eml", "Password reset request", body)
    return []


def neg_inventory(rng: random.Random, out: Path, i: int) -> list[str]:
    rows: list[list[object]] = [
        ["Gerät", "Seriennummer", "Standort", "Passwort gesetzt?", "Passwort geändert am"]
    ]
    for n in range(8):
        rows.append(
            [
                f"PC-{n:02d}",
                f"CZC{rng.randint(1000000, 9999999)}",
                "EG",
                rng.choice(["ja", "nein"]),
                "03.2024",
            ]
        )
    make_xlsx(out / f"Inventar_{i}.xlsx", {"Inventar": rows})
    return []


def neg_test_protocol(rng: random.Random, out: Path, i: int) -> list[str]:
    rows: list[list[object]] = [["Test", "Pass", "Fail", "Comment"]]
    for name in ["Backup restore", "UPS shutdown", "VPN login", "Printer scan"]:
        rows.append([name, "TRUE", "FALSE", ""])
    make_xlsx(out / f"Abnahmeprotokoll_{i}.xlsx", {"Tests": rows})
    return []


def neg_handover_vault(rng: random.Random, out: Path, i: int) -> list[str]:
    table = [
        ["Übergabeprotokoll", ""],
        ["Kunde", f"Steuerbüro {rng.choice(_LAST)}"],
        ["Domänen-Admin", "STB\\Administrator"],
        ["Kennwort", "im Passwortmanager (Keeper), Ordner Kunde"],
        ["iLO Kennwort", "siehe Aufkleber am Server"],
        ["Veeam Verschlüsselung", "im Tresor (Umschlag)"],
    ]
    make_docx(out / f"Übergabe_ohne_PW_{i}.docx", ["Übergabe am 04.04.2024"], tables=[table])
    return []


def neg_licences(rng: random.Random, out: Path, i: int) -> list[str]:
    def key() -> str:
        return "-".join("".join(rng.choice("BCDFGHJKMPQRTVWXY2346789") for _ in range(5)) for _ in range(5))

    rows: list[list[object]] = [["Producto", "Clave de licencia", "Equipos"], ["Windows 11 Pro", key(), "3"]]
    rows.append(["Office 2021", key(), "1"])
    make_xlsx(out / f"Licencias_{i}.xlsx", {"Hoja1": rows})
    return []


def neg_italian_howto(rng: random.Random, out: Path, i: int) -> list[str]:
    paras = [
        "Come cambiare la password",
        "Premere Ctrl+Alt+Canc e scegliere 'Cambia password'.",
        "La nuova password deve contenere almeno 10 caratteri.",
        "Non usare la stessa password per la PEC.",
    ]
    make_docx(out / f"Cambio_password_{i}.docx", paras)
    return []


def neg_dutch_news(rng: random.Random, out: Path, i: int) -> list[str]:
    body = (
        "Beste collega's,\n\nKies een sterk wachtwoord: minstens 12 tekens, geen namen of geboortedata.\n"
        "Gebruik de wachtwoordmanager voor al je accounts.\n\nIT"
    )
    make_eml(out / f"Tip van de maand_{i}.eml", "Tip: sterke wachtwoorden", body)
    return []


def neg_polish(rng: random.Random, out: Path, i: int) -> list[str]:
    rows: list[list[object]] = [["System", "Użytkownik", "Hasło"], ["Optima", "ksiegowa", "(w sejfie)"]]
    rows.append(["Router", "admin", "u szefa"])
    make_xlsx(out / f"Dane_logowania_szablon_{i}.xlsx", {"Arkusz1": rows})
    return []


def neg_onenote(rng: random.Random, out: Path, i: int) -> list[str]:
    text = (
        f"Kunde {rng.choice(_LAST)} GmbH\nMittwoch, 14. Februar 2024 10:12\n\n"
        "Netzwerk\n• Router: Zugang im KeePass (Kunden/Router)\n• Switch: unmanaged\n"
        "• Drucker Kyocera: Standard-Admin deaktiviert\n\nServer\n• DC01 lokaler Admin – LAPS\n"
        "• Backup läuft 22:00 auf USB-Platte\n"
    )
    make_text(out / f"OneNote_Notizen_{i}.txt", text)
    return []


def neg_tender(rng: random.Random, out: Path, i: int) -> list[str]:
    lines = [
        "Architekturbüro " + rng.choice(_LAST),
        "An die Stadt Beispielstadt, Vergabestelle",
        "Kennwort: Neubau Kita Sonnenhof",
        "Angebot - nicht vor Ablauf der Angebotsfrist öffnen",
        "Stichwort: Los 3 Elektro",
    ]
    make_pdf(out / f"Angebotsumschlag_{i}.pdf", [lines])
    return []


def neg_hint_columns(rng: random.Random, out: Path, i: int) -> list[str]:
    rows: list[list[object]] = [
        ["Benutzer", "Passwort-Hinweis", "Passwort läuft ab", "Kennwort zuletzt geändert"]
    ]
    for _ in range(4):
        rows.append([login(rng), rng.choice(["Haustier", "Geburtsort", "—"]), "30.06.2024", "01.01.2024"])
    make_xlsx(out / f"Benutzerliste_{i}.xlsx", {"AD": rows})
    return []


def neg_minutes(rng: random.Random, out: Path, i: int) -> list[str]:
    paras = [
        "Protokoll Teambesprechung 11.03.2024",
        "TOP 1: Kopierer – das Admin-Passwort wurde geändert, das neue hat Herr Kaya.",
        "TOP 2: WLAN – das Gast-Kennwort wird ab April monatlich gewechselt.",
        "TOP 3: Urlaubsplanung",
    ]
    make_docx(out / f"Protokoll_Teamsitzung_{i}.docx", paras)
    return []


def neg_mail_separate(rng: random.Random, out: Path, i: int) -> list[str]:
    body = (
        "Hallo Herr Berger,\n\nanbei die Zugangsdaten für das Kundenportal:\n\n"
        "Benutzer: kunde4711\nPW: folgt in separater Mail\n\nViele Grüße"
    )
    make_eml(out / f"Zugang Kundenportal_{i}.eml", "Zugang Kundenportal", body)
    return []


def neg_training_slides(rng: random.Random, out: Path, i: int) -> list[str]:
    slides = [
        (["Sichere Passwörter", "Warum?"], None),
        (["Die häufigsten Passwörter 2023", "123456", "password", "qwerty"], "Lachen erlaubt."),
        (["Besser: Passphrase", "Vier zufällige Wörter, Passwortmanager nutzen"], None),
    ]
    make_pptx(out / f"Schulung_Passwoerter_{i}.pptx", slides)
    return []


def neg_compose_secrets(rng: random.Random, out: Path, i: int) -> list[str]:
    text = (
        "services:\n  db:\n    image: postgres:16\n    environment:\n"
        "      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n"
        "      POSTGRES_USER: app\n    secrets:\n      - db_password\n"
        "secrets:\n  db_password:\n    file: ./db_password.txt\n"
    )
    make_text(out / f"docker-compose.prod{i}.yml", text)
    return []


def neg_ansible(rng: random.Random, out: Path, i: int) -> list[str]:
    text = (
        "- name: create db user\n  community.mysql.mysql_user:\n    name: wawi\n"
        '    password: "{{ vault_wawi_db_password }}"\n    priv: "wawi.*:ALL"\n'
    )
    make_text(out / f"db_user_{i}.yml", text)
    return []


def neg_nas_users(rng: random.Random, out: Path, i: int) -> list[str]:
    lines = [
        "Synology - Benutzerliste (Export)",
        "Name        Beschreibung         Status     Passwort",
        f"{login(rng):<12}Buchhaltung          aktiv      gesetzt",
        f"{login(rng):<12}Empfang              aktiv      gesetzt",
        "guest       Gast                 deaktiv.   -",
    ]
    make_pdf(out / f"NAS_Benutzer_{i}.pdf", [lines])
    return []


def neg_claves_vacias(rng: random.Random, out: Path, i: int) -> list[str]:
    rows: list[list[object]] = [
        ["Servicio", "Usuario", "Clave"],
        ["Gmail oficina", "oficina@gmail.com", "pedir a Marta"],
    ]
    rows.append(["Router", "1234", "(en la pegatina)"])
    make_xlsx(out / f"Claves_plantilla_{i}.xlsx", {"Hoja1": rows})
    return []


def neg_keepass_howto(rng: random.Random, out: Path, i: int) -> list[str]:
    text = (
        "KeePass Export – Anleitung\n\nDatei > Exportieren > KeePass CSV (1.x).\n"
        "Die Spalten sind: Gruppe, Titel, Benutzername, Passwort, URL, Notizen.\n"
        "Die exportierte Datei enthält alle Passwörter im Klartext – sofort nach dem Import löschen!\n"
    )
    make_text(out / f"KeePass_Anleitung_{i}.txt", text)
    return []


def neg_msg_internal(rng: random.Random, out: Path, i: int) -> list[str]:
    body = (
        "Hallo zusammen,\r\n\r\nab Montag gilt: Kennwort mind. 14 Zeichen, MFA für alle.\r\n"
        "Wer Hilfe beim Ändern des Passworts braucht, meldet sich bitte bei mir.\r\n\r\nGruß\r\nIT"
    )
    make_msg(out / f"Neue Kennwortregeln {i}.msg", "Neue Kennwortregeln", body)
    return []


def neg_rtf_notfall(rng: random.Random, out: Path, i: int) -> list[str]:
    paras = [
        "Notfallhandbuch – Steuerkanzlei",
        "1. Stromausfall: USV hält ca. 20 Minuten.",
        "2. Server herunterfahren: Anmeldung als Administrator (Kennwort im versiegelten Umschlag, Tresor).",
        "3. Firewall: Zugangsdaten beim Systemhaus.",
    ]
    make_rtf(out / f"Notfallhandbuch_Vorlage_{i}.rtf", paras)
    return []


NEGATIVES: list[Builder] = [
    neg_praxis_zugaenge, neg_it_infos_text, neg_codes_acces, neg_policy, neg_change_log, neg_audit_report,
    neg_gpo_report, neg_teams_chat, neg_onboarding_letter, neg_unattend_deleted, neg_bat, neg_powershell,
    neg_env_example, neg_webconfig, neg_expiry_mail, neg_reset_mail, neg_inventory, neg_test_protocol,
    neg_handover_vault, neg_licences, neg_italian_howto, neg_dutch_news, neg_polish, neg_onenote, neg_tender,
    neg_hint_columns, neg_minutes, neg_mail_separate, neg_training_slides, neg_compose_secrets, neg_ansible,
    neg_nas_users, neg_claves_vacias, neg_keepass_howto, neg_msg_internal, neg_rtf_notfall,
]  # fmt: skip


def generate(out: Path, seed: int) -> dict[str, list[str]]:
    """Write the corpus into ``out``; return {file name: planted passwords} (empty list: look-alike)."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    labels: dict[str, list[str]] = {}
    for variant in range(2):
        for builder in POSITIVES + NEGATIVES:
            before = set(p.name for p in out.iterdir())
            planted = builder(rng, out, variant + 1)
            (name,) = set(p.name for p in out.iterdir()) - before
            labels[name] = planted
    return labels


if __name__ == "__main__":
    target = Path(sys.argv[1])
    print(
        json.dumps(
            generate(target, int(sys.argv[2]) if len(sys.argv) > 2 else 1), indent=1, ensure_ascii=False
        )
    )
