"""Blind corpus N: small European offices, several languages mixed in one document.

Written from the definition of a finding (docs/detection.md) and the fixture builders only,
before its author read any detector code or rule.
Swiss, Austrian and Belgian offices mixing German, French and Italian (and Dutch) in one file,
Scandinavian and Polish small businesses, a school's IT sheet, a law firm's partner notes, a medical
practice's device list, e-mails forwarded three times, Word tables with a merged title row, "Zugangsdaten"
slides; and look-alikes in the same styles: policies, reset guides, masked lists, placeholders and audit
reports without a password. ``generate(directory, seed)`` writes the files and returns their labels
({file name: planted passwords}; an empty list marks a look-alike).
"""

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
    make_xls,
    make_xlsx,
)

_WORDS = (
    "Matterhorn", "Edelweiss", "Fondue", "Gletscher", "Sachertorte", "Donau", "Bruxelles", "Gaufre",
    "Fjord", "Kanelbulle", "Hygge", "Pierogi", "Krakow", "Vistula", "Lugano", "Gelato", "Zermatt",
    "Schnitzel", "Wachau", "Tulpe", "Aurora", "Sauna", "Bernina", "Praline",
)  # fmt: skip
_SYMBOLS = "!#$%&*+-?@_."
_PEOPLE = (
    ("Urs", "Brunner"), ("Chantal", "Rochat"), ("Luca", "Bernasconi"), ("Maria", "Huber"),
    ("Sepp", "Gruber"), ("Els", "Peeters"), ("Lucas", "Dubois"), ("Ingrid", "Solberg"),
    ("Lars", "Nilsson"), ("Mette", "Jensen"), ("Krzysztof", "Nowak"), ("Agnieszka", "Wójcik"),
)  # fmt: skip
_FIRMS = (
    "Treuhand Brunner AG", "Fiduciaire Rochat SA", "Studio Bernasconi Sagl", "Huber & Partner OG",
    "Cabinet Dubois SRL", "Solberg Regnskap AS", "Nilsson Bygg AB", "Jensen Tandklinik ApS",
    "Nowak Transport Sp. z o.o.", "Gemeinde Oberwil", "Praxis Dr. Gruber", "Kanzlei Peeters & Wójcik",
)  # fmt: skip


def _password(rng: random.Random) -> str:
    """Passwords as small offices choose them: word+digits+symbol, or random strings from a generator."""
    style = rng.randrange(4)
    if style == 0:
        return f"{rng.choice(_WORDS)}{rng.randint(2019, 2026)}{rng.choice(_SYMBOLS)}"
    if style == 1:
        return f"{rng.choice(_WORDS)}{rng.choice(_SYMBOLS)}{rng.choice(_WORDS).lower()}{rng.randint(1, 99)}"
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"
    core = "".join(rng.choice(alphabet) for _ in range(rng.randint(10, 16)))
    if style == 2:
        return core[:5] + rng.choice(_SYMBOLS) + core[5:]
    return f"{rng.choice(_WORDS)}-{rng.randint(10, 99)}-{rng.choice(_WORDS)}"


def _user(rng: random.Random) -> str:
    first, last = rng.choice(_PEOPLE)
    return f"{first[0].lower()}.{last.lower().replace('ó', 'o')}"


def _firm(rng: random.Random) -> str:
    return rng.choice(_FIRMS)


Result = tuple[str, list[str]]
Builder = Callable[[Path, random.Random, int], Result]

# ---------------------------------------------------------------------------
# Files with passwords
# ---------------------------------------------------------------------------


def p_swiss_mixed_sheet(d: Path, rng: random.Random, i: int) -> Result:
    pws = [_password(rng) for _ in range(4)]
    rows: list[list[object]] = [
        ["Dienst / Service", "Benutzer / Utilisateur", "Kennwort / Mot de passe", "Bemerkung / Remarque"],
        ["Abacus", "admin", pws[0], "Buchhaltung"],
        ["Swisscom Router", "admin", pws[1], "Internet Box 3"],
        ["Serveur NAS", "administrateur", pws[2], "Synology DS920+"],
        ["Postfach Sekretariat", "sekretariat@brunner.ch", pws[3], "M365"],
    ]
    name = f"n{i:03d}_zugangsdaten_acces_{rng.randint(100, 999)}.xlsx"
    make_xlsx(d / name, {"Zugänge": rows})
    return name, pws


def p_austrian_handover_docx(d: Path, rng: random.Random, i: int) -> Result:
    pws = [_password(rng) for _ in range(2)]
    paras = [
        f"Übergabeprotokoll {_firm(rng)}",
        "Servus Sepp, anbei die wichtigsten Infos für die Übernahme der Betreuung.",
        f"Domänen-Admin: administrator, Kennwort: {pws[0]}",
        "Firewall Sophos XG, Web-Oberfläche https://10.0.0.1:4444",
        f"Das Passwort für den Firewall-Admin lautet {pws[1]}",
        "Backup läuft jede Nacht um 22:00 auf das NAS.",
    ]
    name = f"n{i:03d}_uebergabe_betreuung.docx"
    make_docx(d / name, paras)
    return name, pws


def p_belgian_bilingual_docx(d: Path, rng: random.Random, i: int) -> Result:
    pws = [_password(rng) for _ in range(2)]
    paras = [
        "Accès / Toegang – Cabinet Dubois",
        "FR : Voici les accès pour le nouveau poste de la réception.",
        "NL : Hierbij de toegangsgegevens voor de nieuwe pc aan het onthaal.",
        f"Utilisateur / Gebruiker : l.dubois   Mot de passe / Wachtwoord : {pws[0]}",
        f"WiFi invités / Gastennetwerk : SSID Dubois-Guest, clé WPA : {pws[1]}",
    ]
    name = f"n{i:03d}_acces_toegang_onthaal.docx"
    make_docx(d / name, paras)
    return name, pws


def p_ticino_pdf(d: Path, rng: random.Random, i: int) -> Result:
    pws = [_password(rng) for _ in range(2)]
    lines = [
        "Studio Bernasconi Sagl - Credenziali di accesso",
        "Gentile cliente, di seguito le credenziali per il nuovo gestionale.",
        "Utente: segreteria",
        f"Password: {pws[0]}",
        "Zugang Fernwartung / accesso remoto:",
        f"TeamViewer ID 1 234 567 890, Kennwort {pws[1]}",
        "Cordiali saluti / Freundliche Grüsse",
    ]
    name = f"n{i:03d}_credenziali_gestionale.pdf"
    make_pdf(d / name, [lines])
    return name, pws


def p_norwegian_sheet(d: Path, rng: random.Random, i: int) -> Result:
    pws = [_password(rng) for _ in range(3)]
    rows: list[list[object]] = [
        ["System", "Brukernavn", "Passord", "Merknad"],
        ["Tripletex", "regnskap@solberg.no", pws[0], "regnskap"],
        ["Ruter (Telenor)", "admin", pws[1], ""],
        ["Skriver", "admin", pws[2], "HP M428"],
    ]
    name = f"n{i:03d}_passord_oversikt.xlsx"
    make_xlsx(d / name, {"Ark1": rows})
    return name, pws


def p_swedish_docx(d: Path, rng: random.Random, i: int) -> Result:
    pws = [_password(rng) for _ in range(2)]
    paras = [
        "Nilsson Bygg AB – IT-information för nyanställda",
        "Välkommen! Här är dina inloggningsuppgifter.",
        f"Användarnamn: {_user(rng)}",
        f"Lösenord: {pws[0]}",
        f"Wi-Fi Kontoret, lösenord: {pws[1]}",
        "Byt lösenord vid första inloggningen.",
    ]
    name = f"n{i:03d}_valkommen_nyanstalld.docx"
    make_docx(d / name, paras)
    return name, pws


def p_danish_txt(d: Path, rng: random.Random, i: int) -> Result:
    pws = [_password(rng) for _ in range(2)]
    text = (
        "Jensen Tandklinik - noter\r\n"
        "Røntgen-pc: bruger klinik\r\n"
        f"Adgangskode: {pws[0]}\r\n"
        f"Journalsystem (admin) adgangskode = {pws[1]}\r\n"
    )
    name = f"n{i:03d}_klinik_noter.txt"
    make_text(d / name, text, "cp1252")
    return name, pws


def p_polish_sheet(d: Path, rng: random.Random, i: int) -> Result:
    pws = [_password(rng) for _ in range(3)]
    rows: list[list[object]] = [
        ["Usługa", "Login", "Hasło", "Uwagi"],
        ["Comarch ERP", "ksiegowosc", pws[0], "księgowość"],
        ["Router Orange", "admin", pws[1], ""],
        ["Poczta biuro", "biuro@nowak-transport.pl", pws[2], "home.pl"],
    ]
    name = f"n{i:03d}_hasla_biuro.xlsx"
    make_xlsx(d / name, {"Arkusz1": rows})
    return name, pws


def p_school_sheet(d: Path, rng: random.Random, i: int) -> Result:
    pws = [_password(rng) for _ in range(4)]
    rows: list[list[object]] = [
        ["Schule Oberwil – IT-Blatt Schuljahr 2025/26"],
        [],
        ["Klasse", "Lehrperson", "Benutzername", "Startpasswort"],
        ["3a", "Frau Huber", "m.huber", pws[0]],
        ["4b", "Herr Brunner", "u.brunner", pws[1]],
        ["5c", "Mme Rochat", "c.rochat", pws[2]],
        ["Beamer/Apple TV", "", "admin", pws[3]],
    ]
    name = f"n{i:03d}_schule_it_blatt.xlsx"
    make_xlsx(d / name, {"Lehrpersonen": rows})
    return name, pws


def p_law_partner_notes(d: Path, rng: random.Random, i: int) -> Result:
    pws = [_password(rng) for _ in range(2)]
    paras = [
        "Kanzlei Peeters & Wójcik – Partnernotizen (vertraulich)",
        "Mandat 2025-114: Fristen am 12.3. prüfen.",
        f"beA-Karte PIN liegt im Tresor; Zugang Kanzleisoftware RA-Micro: Benutzer ra01, PW {pws[0]}",
        f"Notariatsportal – login e.peeters / {pws[1]}",
        "Nächstes Partnermeeting: Donnerstag.",
    ]
    name = f"n{i:03d}_partnernotizen.docx"
    make_docx(d / name, paras)
    return name, pws


def p_medical_devices(d: Path, rng: random.Random, i: int) -> Result:
    pws = [_password(rng) for _ in range(3)]
    rows: list[list[object]] = [
        ["Gerät", "IP-Adresse", "Login", "PW", "Standort"],
        ["EKG Schiller", "192.168.10.21", "service", pws[0], "Behandlung 1"],
        ["Ultraschall GE", "192.168.10.22", "admin", pws[1], "Behandlung 2"],
        ["Praxis-Server", "192.168.10.5", "Administrator", pws[2], "Keller"],
    ]
    name = f"n{i:03d}_praxis_geraeteliste.xlsx"
    make_xlsx(d / name, {"Geräte": rows})
    return name, pws


def p_forwarded_thrice(d: Path, rng: random.Random, i: int) -> Result:
    pw = _password(rng)
    body = (
        "FYI, siehe unten.\n\n"
        "---------- Forwarded message ---------\n"
        "From: Lucas Dubois <l.dubois@dubois.be>\n"
        "Subject: Fwd: TR: accès compta\n\n"
        "> Peux-tu regarder?\n>\n"
        "> -------- Message transféré --------\n"
        "> De : Chantal Rochat\n>\n"
        "> > Weitergeleitet, bitte einrichten.\n"
        "> >\n"
        "> > -----Ursprüngliche Nachricht-----\n"
        "> > Von: Maria Huber\n"
        "> > > Bonjour, voici l'accès à la comptabilité:\n"
        "> > > identifiant: compta\n"
        f"> > > mot de passe: {pw}\n"
        "> > > Merci\n"
    )
    name = f"n{i:03d}_fwd_fwd_tr_acces.eml"
    make_eml(d / name, "Fwd: Fwd: TR: accès compta", body)
    return name, [pw]


def p_merged_table_docx(d: Path, rng: random.Random, i: int) -> Result:
    pws = [_password(rng) for _ in range(3)]
    grid = [
        ["Zugangsdaten Huber & Partner", "", ""],
        ["Dienst", "Benutzer", "Passwort"],
        ["RDS-Server", "hp\\administrator", pws[0]],
        ["BMD NTCS", "bmdadmin", pws[1]],
        ["FinanzOnline", "huberpartner", pws[2]],
    ]
    name = f"n{i:03d}_zugaenge_tabelle.docx"
    make_docx(d / name, ["Stand: Jänner 2026"], tables=[grid], merge_first_row=True)
    return name, pws


def p_zugangsdaten_slides(d: Path, rng: random.Random, i: int) -> Result:
    pws = [_password(rng) for _ in range(3)]
    slides: list[tuple[list[str], str | None]] = [
        (["Willkommen bei Gemeinde Oberwil", "IT-Einführung"], None),
        (
            ["Zugangsdaten", f"WLAN Gemeinde-Intern: {pws[0]}", f"Drucker-PIN / code imprimante: {pws[1]}"],
            None,
        ),
        (["Fragen?"], f"Notiz: Admin-Kennwort für den Beamer ist {pws[2]}"),
    ]
    name = f"n{i:03d}_it_einfuehrung_zugangsdaten.pptx"
    make_pptx(d / name, slides)
    return name, pws


def p_keyvalue_vertical_xlsx(d: Path, rng: random.Random, i: int) -> Result:
    pw = _password(rng)
    rows: list[list[object]] = [
        ["Fiche client / Kundenblatt", None],
        ["Client", "Fiduciaire Rochat SA"],
        ["Serveur", "SRV-FID01"],
        ["Utilisateur", "administrateur"],
        ["Mot de passe", pw],
        ["Remarque", "accès via VPN uniquement"],
    ]
    name = f"n{i:03d}_fiche_client_rochat.xlsx"
    make_xlsx(d / name, {"Fiche": rows}, start_cell="B3")
    return name, [pw]


def p_polish_msg(d: Path, rng: random.Random, i: int) -> Result:
    pw = _password(rng)
    body = (
        "Dzień dobry,\r\n\r\nzałożyłem konto dla nowej pracownicy.\r\n"
        "Login: a.wojcik\r\n"
        f"Hasło tymczasowe: {pw}\r\n\r\nPozdrawiam\r\nKrzysztof"
    )
    name = f"n{i:03d}_nowe_konto.msg"
    make_msg(d / name, "Nowe konto - Agnieszka", body)
    return name, [pw]


def p_norwegian_csv(d: Path, rng: random.Random, i: int) -> Result:
    pws = [_password(rng) for _ in range(2)]
    rows = [
        ["Navn", "Brukernavn", "Passord"],
        ["Ingrid Solberg", "ingrid", pws[0]],
        ["Resepsjon", "resepsjon", pws[1]],
    ]
    name = f"n{i:03d}_brukere.csv"
    make_csv(d / name, rows, delimiter=";", encoding="utf-8-sig")
    return name, pws


def p_austrian_letter_pdf(d: Path, rng: random.Random, i: int) -> Result:
    pw = _password(rng)
    lines = [
        "Huber & Partner OG, Graz",
        "Sehr geehrte Frau Huber,",
        "wir freuen uns, Sie im Team begrüßen zu dürfen.",
        f"Ihr Benutzername: {_user(rng)}",
        f"Ihr Initialkennwort lautet: {pw}",
        "Bitte ändern Sie es bei der ersten Anmeldung.",
    ]
    name = f"n{i:03d}_willkommensbrief.pdf"
    make_pdf(d / name, [lines])
    return name, [pw]


def p_belgian_rtf(d: Path, rng: random.Random, i: int) -> Result:
    pw = _password(rng)
    paras = [
        "Kantoor Peeters – configuratie",
        "Scanner naar map: \\\\srv\\scans",
        f"Gebruiker scan, wachtwoord {pw}",
    ]
    name = f"n{i:03d}_scanner_configuratie.rtf"
    make_rtf(d / name, paras)
    return name, [pw]


def p_swiss_ods(d: Path, rng: random.Random, i: int) -> Result:
    pws = [_password(rng) for _ in range(2)]
    sheets: dict[str, list[list[object]]] = {
        "Accessi": [
            ["Servizio", "Utente", "Password", "Note"],
            ["E-Banking PostFinance", "12345678", pws[0], "Token in ufficio"],
            ["Swisscom Box", "admin", pws[1], ""],
        ]
    }
    name = f"n{i:03d}_accessi_ufficio.ods"
    make_ods(d / name, sheets)
    return name, pws


def p_reset_free_text_eml(d: Path, rng: random.Random, i: int) -> Result:
    pw = _password(rng)
    body = (
        "Hallo Urs,\n\n"
        f"ich habe das Passwort von c.rochat auf {pw} zurückgesetzt, "
        "sie soll es bitte morgen früh ändern.\n\nGruss\nSupport"
    )
    name = f"n{i:03d}_passwort_zurueckgesetzt.eml"
    make_eml(d / name, "Re: Passwort Chantal gesperrt", body)
    return name, [pw]


def p_swedish_pptx_notes(d: Path, rng: random.Random, i: int) -> Result:
    pw = _password(rng)
    slides: list[tuple[list[str], str | None]] = [
        (["Nytt kassasystem", "Utbildning för butikspersonal"], f"Inloggning kassa: butik / lösenord {pw}"),
        (["Frågor"], None),
    ]
    name = f"n{i:03d}_kassasystem_utbildning.pptx"
    make_pptx(d / name, slides)
    return name, [pw]


def p_polish_wifi_docx(d: Path, rng: random.Random, i: int) -> Result:
    pw = _password(rng)
    paras = ["Informacje dla gości", "Sieć: Nowak-Goscie", f"Hasło do WiFi: {pw}"]
    name = f"n{i:03d}_wifi_goscie.docx"
    make_docx(d / name, paras)
    return name, [pw]


def p_italian_eml(d: Path, rng: random.Random, i: int) -> Result:
    pw = _password(rng)
    body = f"Ciao Luca,\n\nper il portale fornitori l'utente è bernasconi e la password è {pw}\n\nSaluti"
    name = f"n{i:03d}_portale_fornitori.eml"
    make_eml(d / name, "accesso portale", body)
    return name, [pw]


def p_danish_pdf(d: Path, rng: random.Random, i: int) -> Result:
    pws = [_password(rng) for _ in range(2)]
    lines = [
        "Jensen Tandklinik ApS - IT overdragelse",
        "Server: KLINIK-SRV",
        f"Administrator adgangskode: {pws[0]}",
        f"Router: admin / {pws[1]}",
    ]
    name = f"n{i:03d}_it_overdragelse.pdf"
    make_pdf(d / name, [lines])
    return name, pws


def p_school_pptx_table(d: Path, rng: random.Random, i: int) -> Result:
    pws = [_password(rng) for _ in range(2)]
    grid = [
        ["Gerät", "Benutzer", "Kennwort"],
        ["iPad-Koffer", "lehrer", pws[0]],
        ["Smartboard", "admin", pws[1]],
    ]
    name = f"n{i:03d}_schule_geraete_folien.pptx"
    make_pptx(d / name, [(["Zugangsdaten Schulgeräte"], None)], tables={1: grid})
    return name, pws


def p_medical_txt(d: Path, rng: random.Random, i: int) -> Result:
    pws = [_password(rng) for _ in range(2)]
    text = (
        "Praxis Dr. Gruber – Wartung\n"
        "Praxissoftware CGM: Benutzer praxis\n"
        f"Passwort = {pws[0]}\n"
        f"KIM-Konnektor Admin-PW: {pws[1]}\n"
    )
    name = f"n{i:03d}_wartung_praxis.txt"
    make_text(d / name, text)
    return name, pws


def p_docx_vertical_table(d: Path, rng: random.Random, i: int) -> Result:
    pw = _password(rng)
    grid = [["Benutzername", "Kennwort"], ["gemeinde\\kasse", pw]]
    name = f"n{i:03d}_kasse_konto.docx"
    make_docx(d / name, ["Konto Gemeindekasse"], tables=[grid])
    return name, [pw]


def p_legacy_xls(d: Path, rng: random.Random, i: int) -> Result:
    pws = [_password(rng) for _ in range(2)]
    rows: list[list[object]] = [
        ["Maschine", "Benutzer", "Passwort"],
        ["CNC-Steuerung", "bediener", pws[0]],
        ["Zeiterfassung", "admin", pws[1]],
    ]
    name = f"n{i:03d}_werkstatt_logins.xls"
    make_xls(d / name, {"Tabelle1": rows})
    return name, pws


def p_finnish_polish_mixed_docx(d: Path, rng: random.Random, i: int) -> Result:
    pws = [_password(rng) for _ in range(2)]
    paras = [
        "Nowak Transport – oddział Helsinki / Helsingin toimisto",
        f"Käyttäjätunnus: varasto, Salasana: {pws[0]}",
        f"Login: magazyn, hasło: {pws[1]}",
    ]
    name = f"n{i:03d}_varasto_magazyn.docx"
    make_docx(d / name, paras)
    return name, pws


# ---------------------------------------------------------------------------
# Look-alikes without a secret
# ---------------------------------------------------------------------------


def n_swiss_policy_docx(d: Path, rng: random.Random, i: int) -> Result:
    paras = [
        "Passwortrichtlinie / Directive sur les mots de passe",
        "Das Kennwort muss mindestens 12 Zeichen lang sein.",
        "Le mot de passe doit contenir au moins une majuscule et un chiffre.",
        "La password deve essere cambiata ogni 180 giorni.",
        "Kennwörter dürfen nicht per E-Mail versendet werden.",
    ]
    name = f"n{i:03d}_passwortrichtlinie.docx"
    make_docx(d / name, paras)
    return name, []


def n_masked_sheet(d: Path, rng: random.Random, i: int) -> Result:
    rows: list[list[object]] = [
        ["Dienst / Service", "Benutzer / Utilisateur", "Kennwort / Mot de passe", "Bemerkung / Remarque"],
        ["Abacus", "admin", "********", "Buchhaltung"],
        ["Swisscom Router", "admin", "im Tresor", "Internet Box 3"],
        ["Serveur NAS", "administrateur", "voir Keeper", "Synology"],
        ["Postfach Sekretariat", "sekretariat@brunner.ch", "(in vault)", "M365"],
    ]
    name = f"n{i:03d}_zugangsdaten_maskiert_{rng.randint(100, 999)}.xlsx"
    make_xlsx(d / name, {"Zugänge": rows})
    return name, []


def n_austrian_reset_guide(d: Path, rng: random.Random, i: int) -> Result:
    paras = [
        "Anleitung: Kennwort zurücksetzen",
        "1. Öffnen Sie https://passwortreset.microsoftonline.com",
        "2. Geben Sie Ihren Benutzernamen ein und klicken Sie auf Weiter.",
        "3. Wählen Sie ein neues Kennwort und bestätigen Sie es.",
        "Das neue Passwort gilt sofort für Outlook und Teams.",
    ]
    name = f"n{i:03d}_anleitung_kennwort_reset.docx"
    make_docx(d / name, paras)
    return name, []


def n_belgian_placeholder_docx(d: Path, rng: random.Random, i: int) -> Result:
    paras = [
        "Modèle / Sjabloon – lettre d'accueil",
        "Utilisateur / Gebruiker : <gebruikersnaam>",
        "Mot de passe / Wachtwoord : <mot de passe>",
        "WiFi : clé WPA {{ wifi_key }}",
    ]
    name = f"n{i:03d}_modele_lettre_accueil.docx"
    make_docx(d / name, paras)
    return name, []


def n_ticino_audit_pdf(d: Path, rng: random.Random, i: int) -> Result:
    lines = [
        "Rapporto di audit IT / IT-Auditbericht 2025",
        "Password policy: lunghezza minima 8 -> raccomandato 14",
        "Account con password che non scade: 3",
        "Passwort zuletzt geändert: 14.02.2025 (Administrator)",
        "Risultato: nessuna password trovata in chiaro.",
    ]
    name = f"n{i:03d}_rapporto_audit.pdf"
    make_pdf(d / name, [lines])
    return name, []


def n_norwegian_last_changed(d: Path, rng: random.Random, i: int) -> Result:
    rows: list[list[object]] = [
        ["Brukernavn", "Passord sist endret", "Passord utløper", "Status"],
        ["ingrid", "2025-11-02", "2026-05-01", "Aktiv"],
        ["resepsjon", "2025-09-14", "2026-03-13", "Aktiv"],
    ]
    name = f"n{i:03d}_passord_status.xlsx"
    make_xlsx(d / name, {"Ark1": rows})
    return name, []


def n_swedish_policy(d: Path, rng: random.Random, i: int) -> Result:
    paras = [
        "Lösenordspolicy – Nilsson Bygg AB",
        "Lösenordet ska vara minst 12 tecken.",
        "Dela aldrig ditt lösenord med någon, inte ens IT.",
    ]
    name = f"n{i:03d}_losenordspolicy.docx"
    make_docx(d / name, paras)
    return name, []


def n_danish_txt_reset(d: Path, rng: random.Random, i: int) -> Result:
    text = (
        "Sådan nulstiller du din adgangskode\r\n"
        "Gå til portal.office.com og vælg 'Glemt adgangskode'.\r\n"
        "Adgangskode: skal være mindst 10 tegn\r\n"
    )
    name = f"n{i:03d}_nulstil_adgangskode.txt"
    make_text(d / name, text, "cp1252")
    return name, []


def n_polish_masked(d: Path, rng: random.Random, i: int) -> Result:
    rows: list[list[object]] = [
        ["Usługa", "Login", "Hasło", "Uwagi"],
        ["Comarch ERP", "ksiegowosc", "w sejfie", "księgowość"],
        ["Router Orange", "admin", "xxxxxx", ""],
        ["Poczta biuro", "biuro@nowak-transport.pl", "N/A", "home.pl"],
    ]
    name = f"n{i:03d}_hasla_maskowane.xlsx"
    make_xlsx(d / name, {"Arkusz1": rows})
    return name, []


def n_school_no_pw(d: Path, rng: random.Random, i: int) -> Result:
    rows: list[list[object]] = [
        ["Schule Oberwil – IT-Blatt Schuljahr 2025/26"],
        [],
        ["Klasse", "Lehrperson", "Benutzername", "Startpasswort"],
        ["3a", "Frau Huber", "m.huber", "per SMS"],
        ["4b", "Herr Brunner", "u.brunner", "per SMS"],
        ["5c", "Mme Rochat", "c.rochat", "siehe Brief"],
    ]
    name = f"n{i:03d}_schule_it_blatt_leer.xlsx"
    make_xlsx(d / name, {"Lehrpersonen": rows})
    return name, []


def n_law_notes_no_pw(d: Path, rng: random.Random, i: int) -> Result:
    paras = [
        "Kanzlei Peeters & Wójcik – Partnernotizen",
        "Mandat 2025-118: Passwortschutz der Mandantenakten besprechen.",
        "beA-Karte: PIN beim Partner, nicht im Dokument.",
        "Passwort-Manager Keeper für alle Partner einführen.",
    ]
    name = f"n{i:03d}_partnernotizen_ohne.docx"
    make_docx(d / name, paras)
    return name, []


def n_medical_test_results(d: Path, rng: random.Random, i: int) -> Result:
    rows: list[list[object]] = [
        ["Gerät", "IP-Adresse", "Prüfung", "Pass", "Datum"],
        ["EKG Schiller", "192.168.10.21", "STK", "Pass", "2025-10-01"],
        ["Ultraschall GE", "192.168.10.22", "STK", "Fail", "2025-10-01"],
        ["Praxis-Server", "192.168.10.5", "Backup-Test", "Pass", "2025-10-02"],
    ]
    name = f"n{i:03d}_praxis_pruefprotokoll.xlsx"
    make_xlsx(d / name, {"Prüfungen": rows})
    return name, []


def n_forwarded_policy(d: Path, rng: random.Random, i: int) -> Result:
    body = (
        "FYI\n\n---------- Forwarded message ---------\n"
        "> -------- Message transféré --------\n"
        "> > -----Ursprüngliche Nachricht-----\n"
        "> > > Ab Montag gilt: Passwort mindestens 14 Zeichen.\n"
        "> > > Le mot de passe ne doit jamais être envoyé par e-mail.\n"
        "> > > Bei Fragen: Passwort-Hotline 044 123 45 67\n"
    )
    name = f"n{i:03d}_fwd_fwd_policy.eml"
    make_eml(d / name, "Fwd: Fwd: TR: neue Passwortregeln", body)
    return name, []


def n_merged_table_vault(d: Path, rng: random.Random, i: int) -> Result:
    grid = [
        ["Zugangsdaten Huber & Partner", "", ""],
        ["Dienst", "Benutzer", "Passwort"],
        ["RDS-Server", "hp\\administrator", "siehe IT Glue"],
        ["BMD NTCS", "bmdadmin", "siehe IT Glue"],
        ["FinanzOnline", "huberpartner", "********"],
    ]
    name = f"n{i:03d}_zugaenge_tabelle_vault.docx"
    make_docx(d / name, ["Stand: Jänner 2026"], tables=[grid], merge_first_row=True)
    return name, []


def n_zugangsdaten_slides_no_pw(d: Path, rng: random.Random, i: int) -> Result:
    slides: list[tuple[list[str], str | None]] = [
        (
            [
                "Zugangsdaten – wie gehen wir damit um?",
                "Nie im Klartext speichern",
                "Passwort-Manager nutzen",
            ],
            None,
        ),
        (
            ["Kennwort vergessen?", "Self-Service unter aka.ms/sspr"],
            "Notiz: Passwortlänge 14 Zeichen erwähnen",
        ),
    ]
    name = f"n{i:03d}_schulung_zugangsdaten.pptx"
    make_pptx(d / name, slides)
    return name, []


def n_keyvalue_vertical_empty(d: Path, rng: random.Random, i: int) -> Result:
    rows: list[list[object]] = [
        ["Fiche client / Kundenblatt", None],
        ["Client", "Fiduciaire Rochat SA"],
        ["Serveur", "SRV-FID01"],
        ["Utilisateur", "administrateur"],
        ["Mot de passe", "voir coffre-fort"],
        ["Remarque", "accès via VPN uniquement"],
    ]
    name = f"n{i:03d}_fiche_client_vide.xlsx"
    make_xlsx(d / name, {"Fiche": rows}, start_cell="B3")
    return name, []


def n_polish_msg_reset(d: Path, rng: random.Random, i: int) -> Result:
    body = (
        "Dzień dobry,\r\n\r\nTwoje hasło wygaśnie za 5 dni.\r\n"
        "Aby zmienić hasło, naciśnij Ctrl+Alt+Del i wybierz 'Zmień hasło'.\r\n\r\nDział IT"
    )
    name = f"n{i:03d}_haslo_wygasa.msg"
    make_msg(d / name, "Hasło wygasa", body)
    return name, []


def n_env_template(d: Path, rng: random.Random, i: int) -> Result:
    text = "DB_HOST=localhost\nDB_USER=praxis\nDB_PASSWORD=${DB_PASSWORD}\nSMTP_PASSWORD=changeme\n"
    name = f"n{i:03d}_praxis.env.example"
    make_text(d / name, text)
    return name, []


def n_austrian_letter_template_pdf(d: Path, rng: random.Random, i: int) -> Result:
    lines = [
        "Huber & Partner OG, Graz",
        "Sehr geehrte/r [Anrede],",
        "Ihr Benutzername: [Benutzername]",
        "Ihr Initialkennwort erhalten Sie separat per SMS.",
    ]
    name = f"n{i:03d}_willkommensbrief_vorlage.pdf"
    make_pdf(d / name, [lines])
    return name, []


def n_belgian_rtf_no_pw(d: Path, rng: random.Random, i: int) -> Result:
    paras = [
        "Kantoor Peeters – configuratie",
        "Scanner naar map: \\\\srv\\scans",
        "Wachtwoord van de scanner: zie de kluis (Bitwarden).",
    ]
    name = f"n{i:03d}_scanner_configuratie_kluis.rtf"
    make_rtf(d / name, paras)
    return name, []


def n_swiss_ods_hashes(d: Path, rng: random.Random, i: int) -> Result:
    sheets: dict[str, list[list[object]]] = {
        "Audit": [
            ["Utente", "Hash NTLM", "Note"],
            ["admin", "8846f7eaee8fb117ad06bdd830b7586c", "debole"],
            ["segreteria", "$2b$12$KIXQJ9Zq7wW6mZ1fS7pN2eJxv0Gq3H9kLrY6dQ8uVbT5cM1nO2pAa", "ok"],
        ]
    }
    name = f"n{i:03d}_audit_hash.ods"
    make_ods(d / name, sheets)
    return name, []


def n_code_reads_password(d: Path, rng: random.Random, i: int) -> Result:
    text = (
        "# Backup-Skript Praxis\n"
        "$pw = Read-Host -AsSecureString 'Kennwort eingeben'\n"
        "$password = $env:BACKUP_PASSWORD\n"
        "$cred = Get-Credential -UserName 'praxis\\backup' -Message 'Passwort bitte'\n"
    )
    name = f"n{i:03d}_backup_skript.ps1"
    make_text(d / name, text)
    return name, []


def n_swedish_pptx_no_pw(d: Path, rng: random.Random, i: int) -> Result:
    slides: list[tuple[list[str], str | None]] = [
        (
            ["Nytt kassasystem", "Utbildning för butikspersonal"],
            "Inloggning kassa: med personligt kort, inget lösenord",
        ),
    ]
    name = f"n{i:03d}_kassasystem_kort.pptx"
    make_pptx(d / name, slides)
    return name, []


def n_italian_eml_reset(d: Path, rng: random.Random, i: int) -> Result:
    body = (
        "Ciao Luca,\n\nla tua password del portale fornitori è scaduta. "
        "Clicca su 'Password dimenticata' per impostarne una nuova.\n\nSaluti"
    )
    name = f"n{i:03d}_password_scaduta.eml"
    make_eml(d / name, "password scaduta", body)
    return name, []


def n_danish_pdf_no_pw(d: Path, rng: random.Random, i: int) -> Result:
    lines = [
        "Jensen Tandklinik ApS - IT overdragelse",
        "Server: KLINIK-SRV",
        "Administrator adgangskode: opbevares i 1Password",
        "Router: admin / (se kodeordsmanager)",
    ]
    name = f"n{i:03d}_it_overdragelse_uden.pdf"
    make_pdf(d / name, [lines])
    return name, []


def n_school_pptx_masked(d: Path, rng: random.Random, i: int) -> Result:
    grid = [
        ["Gerät", "Benutzer", "Kennwort"],
        ["iPad-Koffer", "lehrer", "••••••"],
        ["Smartboard", "admin", "—"],
    ]
    name = f"n{i:03d}_schule_geraete_maskiert.pptx"
    make_pptx(d / name, [(["Zugangsdaten Schulgeräte"], None)], tables={1: grid})
    return name, []


def n_medical_txt_no_pw(d: Path, rng: random.Random, i: int) -> Result:
    text = (
        "Praxis Dr. Gruber – Wartung\n"
        "Praxissoftware CGM: Benutzer praxis\n"
        "Passwort = bei Dr. Gruber erfragen\n"
        "KIM-Konnektor Admin-PW: liegt im Safe\n"
    )
    name = f"n{i:03d}_wartung_praxis_ohne.txt"
    make_text(d / name, text)
    return name, []


def n_legacy_xls_no_pw(d: Path, rng: random.Random, i: int) -> Result:
    rows: list[list[object]] = [
        ["Maschine", "Benutzer", "Passwort geändert am"],
        ["CNC-Steuerung", "bediener", "2025-06-01"],
        ["Zeiterfassung", "admin", "2025-07-15"],
    ]
    name = f"n{i:03d}_werkstatt_logins_status.xls"
    make_xls(d / name, {"Tabelle1": rows})
    return name, []


def n_mixed_lang_questionnaire(d: Path, rng: random.Random, i: int) -> Result:
    paras = [
        "Fragebogen IT-Sicherheit / Questionnaire sécurité",
        "Verwenden Sie ein Passwort für mehrere Dienste? Ja / Nein",
        "Votre mot de passe contient-il votre nom? Oui / Non",
        "Usate la password di default della stampante? Sì / No",
    ]
    name = f"n{i:03d}_fragebogen_sicherheit.docx"
    make_docx(d / name, paras)
    return name, []


POSITIVES: tuple[Builder, ...] = (
    p_swiss_mixed_sheet, p_austrian_handover_docx, p_belgian_bilingual_docx, p_ticino_pdf, p_norwegian_sheet,
    p_swedish_docx, p_danish_txt, p_polish_sheet, p_school_sheet, p_law_partner_notes, p_medical_devices,
    p_forwarded_thrice, p_merged_table_docx, p_zugangsdaten_slides, p_keyvalue_vertical_xlsx, p_polish_msg,
    p_norwegian_csv, p_austrian_letter_pdf, p_belgian_rtf, p_swiss_ods, p_reset_free_text_eml,
    p_swedish_pptx_notes, p_polish_wifi_docx, p_italian_eml, p_danish_pdf, p_school_pptx_table,
    p_medical_txt, p_docx_vertical_table, p_legacy_xls, p_finnish_polish_mixed_docx,
)  # fmt: skip
NEGATIVES: tuple[Builder, ...] = (
    n_swiss_policy_docx, n_masked_sheet, n_austrian_reset_guide, n_belgian_placeholder_docx,
    n_ticino_audit_pdf, n_norwegian_last_changed, n_swedish_policy, n_danish_txt_reset, n_polish_masked,
    n_school_no_pw,
    n_law_notes_no_pw, n_medical_test_results, n_forwarded_policy, n_merged_table_vault,
    n_zugangsdaten_slides_no_pw, n_keyvalue_vertical_empty, n_polish_msg_reset, n_env_template,
    n_austrian_letter_template_pdf, n_belgian_rtf_no_pw, n_swiss_ods_hashes, n_code_reads_password,
    n_swedish_pptx_no_pw, n_italian_eml_reset, n_danish_pdf_no_pw, n_school_pptx_masked,
    n_medical_txt_no_pw, n_legacy_xls_no_pw, n_mixed_lang_questionnaire,
)  # fmt: skip


def generate(directory: Path, seed: int) -> dict[str, list[str]]:
    """Write every builder's file into ``directory``; return {file name: planted passwords}."""
    rng = random.Random(seed)
    labels: dict[str, list[str]] = {}
    builders = list(POSITIVES + NEGATIVES)
    rng.shuffle(builders)
    for index, builder in enumerate(builders):
        name, passwords = builder(directory, rng, index)
        assert name not in labels, name
        labels[name] = passwords
    return labels


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        result = generate(Path(tmp), 1)
        print(len(result), sum(1 for v in result.values() if v))
