"""Blind corpus M: English-speaking (US/UK/AU) MSP file-share documents, with and without passwords.

Written from the definition of a finding (docs/detection.md), the format notes (docs/formats.md)
and the fixture builders only, before its author read any detector code
or rule. Styles: "Creds", "Login deets", "PW:", "pwd -", "Passcode", "Access code"; IT Glue / Hudu /
ConnectWise / Keeper / Dashlane CSV exports (with, without and with masked password columns), PSA ticket
notes, RMM script output, Microsoft 365 bulk-user CSVs, SQL install notes, printer set-up sheets, alarm and
door codes, voicemail PINs, new-hire texts, VPN profiles (.ovpn, .pcf), .rdp, PuTTY registry exports,
docker-compose / .env, Ansible inventories, NAS set-up PDFs. Look-alikes: the same documents without a
secret, placeholders, SOPs, reset guides, questionnaires, MFA guides and audit reports.

``generate(out_dir, seed)`` writes the files and returns {file name: planted passwords}; an empty list marks
a look-alike. Ambiguous cases (DPAPI blobs in .rdp, Cisco enc_GroupPwd) are left out on purpose.
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
    make_pdf,
    make_pptx,
    make_text,
    make_xlsx,
)

Labels = dict[str, list[str]]
Template = Callable[[Path, random.Random, int], tuple[str, list[str]]]

_WORDS = [
    "Harbour", "Wattle", "Kestrel", "Granite", "Bluegum", "Thames", "Saguaro", "Copper", "Juniper",
    "Lantern", "Meadow", "Osprey", "Quokka", "Redwood", "Sapphire", "Tundra", "Walnut", "Yarra",
]  # fmt: skip
_SYMBOLS = "!#$%&*?@"
_CLIENTS = ["Brightside Dental", "Coastal Freight Pty Ltd", "Hartley & Sons LLP", "Mesa Ridge Realty",
            "Northgate Vets", "Oakleaf Accounting", "Pinecrest Church", "Riverbend Physio"]  # fmt: skip
_PEOPLE = ["Jess Walker", "Tom Nguyen", "Priya Shah", "Liam O'Brien", "Chloe Martin", "Dan Kowalski"]


def _password(rng: random.Random) -> str:
    """A realistic password: word+digits+symbol, random, passphrase or leet."""
    style = rng.randrange(4)
    if style == 0:
        return f"{rng.choice(_WORDS)}{rng.randint(10, 9999)}{rng.choice(_SYMBOLS)}"
    if style == 1:
        alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
        core = "".join(rng.choice(alphabet) for _ in range(rng.randint(10, 14)))
        return core[:5] + rng.choice(_SYMBOLS) + core[5:]
    if style == 2:
        words = rng.sample(_WORDS, 3)
        return "-".join(words) + "-" + str(rng.randint(10, 99))
    word = rng.choice(_WORDS).replace("a", "@").replace("o", "0").replace("e", "3")
    return f"{word}{rng.choice(_SYMBOLS)}{rng.randint(1, 99)}"


def _user(rng: random.Random) -> str:
    first, last = rng.choice(_PEOPLE).split(" ", 1)
    return f"{first[0].lower()}{last.lower().replace(chr(39), '')}"


def _client(rng: random.Random) -> str:
    return rng.choice(_CLIENTS)


# --------------------------------------------------------------------------- positives


def p_creds_sheet(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    pws = [_password(rng) for _ in range(3)]
    head = rng.choice([["Device", "Login", "PW", "Notes"], ["System", "User", "Pwd", "Comments"]])
    rows = [
        head,
        ["Meraki MX68", "admin@" + "client.com", pws[0], "dashboard login"],
        ["HP ProCurve", "manager", pws[1], ""],
        ["Synology DS920+", "mspadmin", pws[2], "DSM 7.2"],
    ]
    name = f"m_client_creds_{i}.xlsx"
    make_xlsx(d / name, {"Creds": rows})
    return name, pws


def p_itglue_export(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    pws = [_password(rng) for _ in range(2)]
    rows = [
        ["id", "organization", "name", "username", "password", "url", "notes", "password_category"],
        ["1023", _client(rng), "Office 365 Global Admin", "admin@tenant.onmicrosoft.com", pws[0],
         "https://portal.office.com", "", "Cloud"],
        ["1024", _client(rng), "Firewall", "admin", pws[1], "https://10.0.0.1", "WatchGuard", "Network"],
    ]  # fmt: skip
    name = f"m_itglue_passwords_{i}.csv"
    make_csv(d / name, rows)
    return name, pws


def p_hudu_export(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    pw = _password(rng)
    rows = [
        ["company_name", "asset_name", "name", "username", "password", "otp_secret", "url", "description"],
        [_client(rng), "NVR", "Hikvision NVR admin", "admin", pw, "", "http://192.168.1.64", "CCTV"],
    ]
    name = f"m_hudu_asset_passwords_{i}.csv"
    make_csv(d / name, rows)
    return name, [pw]


def p_cw_config_export(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    pws = [_password(rng) for _ in range(2)]
    rows = [
        ["Configuration Name", "Type", "Status", "Company", "Model", "Serial Number", "IP Address",
         "Login Name", "Password", "Notes"],
        ["BRI-FW01", "Firewall", "Active", _client(rng), "FortiGate 60F", "FGT60F3G1234", "10.1.1.1",
         "admin", pws[0], ""],
        ["BRI-SW01", "Switch", "Active", _client(rng), "Aruba 2930F", "SG98KX01", "10.1.1.2",
         "manager", pws[1], "stacked"],
    ]  # fmt: skip
    name = f"m_cw_configurations_{i}.csv"
    make_csv(d / name, rows)
    return name, pws


def p_keeper_export(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    pws = [_password(rng) for _ in range(2)]
    if i % 2:
        rows = [
            ["Folder", "Title", "Login", "Password", "Website Address", "Notes", "Custom Fields"],
            ["Clients", "Xero", "accounts@client.com", pws[0], "https://login.xero.com", "", ""],
            ["Clients", "ABN Lookup", "bookkeeper", pws[1], "https://abr.gov.au", "", ""],
        ]
        name = f"m_keeper_export_{i}.csv"
    else:
        rows = [
            [
                "username",
                "username2",
                "username3",
                "title",
                "password",
                "note",
                "url",
                "category",
                "otpSecret",
            ],
            ["office@client.com", "", "", "Telstra", pws[0], "", "https://telstra.com", "Utilities", ""],
            ["office@client.com", "", "", "Dropbox", pws[1], "", "https://dropbox.com", "Cloud", ""],
        ]
        name = f"m_dashlane_credentials_{i}.csv"
    make_csv(d / name, rows)
    return name, pws


def p_m365_bulk(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    pws = [_password(rng) for _ in range(3)]
    if i % 2:
        header = ["UserPrincipalName", "DisplayName", "Password", "UsageLocation", "Department"]
    else:
        header = ["User name [userPrincipalName] Required", "Name [displayName] Required",
                  "Initial password [passwordProfile] Required",
                  "Block sign in (Yes/No) [accountEnabled] Required"]  # fmt: skip
    rows = [header]
    for pw, person in zip(pws, _PEOPLE, strict=False):
        upn = person.lower().replace(" ", ".").replace("'", "") + "@contoso.com.au"
        rows.append([upn, person, pw, "AU" if i % 2 else "No", "Sales"][: len(header)])
    name = f"m_m365_bulk_users_{i}.csv"
    make_csv(d / name, rows)
    return name, pws


def p_psa_ticket(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    pw = _password(rng)
    user = _user(rng)
    text = rng.choice(
        [
            f"Ticket #{48211 + i} - Internal note\nUser called, locked out after holiday. Unlocked AD acct "
            f"{user}, reset pw to {pw} and ticked 'must change at next logon'. Confirmed login OK.\n",
            f"Time entry 0.25h\nReset {user}'s password -> {pw} (told her over the phone). Closing ticket.\n",
        ]
    )
    name = f"m_psa_ticket_note_{i}.txt"
    make_text(d / name, text)
    return name, [pw]


def p_rmm_log(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    pw = _password(rng)
    text = (
        "[2024-03-04 02:11:07] Script 'Create local admin' started on BRI-PC014\n"
        "[2024-03-04 02:11:08] Checking for existing account mspadmin... not found\n"
        f"[2024-03-04 02:11:08] Creating local user mspadmin with password '{pw}'\n"
        "[2024-03-04 02:11:09] Added mspadmin to Administrators\n"
        "[2024-03-04 02:11:09] Exit code 0\n"
    )
    if i % 2:
        text = text.replace(f"with password '{pw}'", f"-Password {pw}")
    name = f"m_rmm_script_output_{i}.log"
    make_text(d / name, text)
    return name, [pw]


def p_sql_notes(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    pw = _password(rng)
    line = rng.choice([f"SA password: {pw}", f"sa pwd - {pw}", f"SQL 'sa' login: {pw}"])
    paras = [
        "SQL Server 2019 Standard - install notes",
        "Instance: MSSQLSERVER, mixed mode authentication enabled for the practice software.",
        line,
        "Data on D:\\SQLData, logs on E:\\SQLLogs, TempDB 4 files.",
    ]
    name = f"m_sql_install_notes_{i}.docx"
    make_docx(d / name, paras)
    return name, [pw]


def p_printer_sheet(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    pw = _password(rng)
    lines = [
        "Printer / Copier Setup Sheet",
        "Model: Ricoh IM C3000   Location: Level 2 copy room",
        "IP: 10.20.1.50   Scan to folder: \\\\fs01\\scans",
        f"Web admin login: admin / {pw}" if i % 2 else f"EWS Admin Password: {pw}",
        "Toner supplier: Office Choice",
    ]
    name = f"m_printer_setup_{i}.pdf"
    make_pdf(d / name, [lines])
    return name, [pw]


def p_alarm_codes(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    alarm = str(rng.randint(100000, 999999))
    door = str(rng.randint(100000, 999999))
    paras = [
        "Site access - after hours",
        f"Alarm code: {alarm}" if i % 2 else f"Alarm disarm code - {alarm}",
        f"Comms room door access code: {door}",
        "Key safe is next to the loading dock.",
    ]
    name = f"m_site_access_{i}.docx"
    make_docx(d / name, paras)
    return name, [alarm, door]


def p_voicemail_pin(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    pin = str(rng.randint(100000, 999999))
    person = rng.choice(_PEOPLE)
    body = (
        f"Hi {person.split()[0]},\n\nYour new extension is 2{rng.randint(10, 99)}. "
        f"Voicemail PIN: {pin}\n\nDial *98 to check messages.\n\nCheers,\nHelpdesk"
    )
    name = f"m_voicemail_setup_{i}.eml"
    make_eml(d / name, "Your phone is ready", body)
    return name, [pin]


def p_temp_pw_text(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    pw = _password(rng)
    first = rng.choice(_PEOPLE).split()[0]
    text = rng.choice(
        [
            f"SMS to +61 4xx xxx 213 ({first}):\nHi {first}, welcome aboard! Your temp password is {pw} - "
            "you'll be asked to change it when you first sign in.\n",
            f"Text msg sent 9:02am\n{first} - your login for Monday: {_user(rng)} / {pw}. "
            "Ring the helpdesk if it doesn't work.\n",
        ]
    )
    name = f"m_newhire_sms_{i}.txt"
    make_text(d / name, text)
    return name, [pw]


def p_ovpn(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    pw = _password(rng)
    text = (
        "client\ndev tun\nproto udp\nremote vpn.client.com.au 1194\nresolv-retry infinite\nnobind\n"
        "persist-key\npersist-tun\ncipher AES-256-GCM\nverb 3\n"
        f"<auth-user-pass>\nvpnuser{i}\n{pw}\n</auth-user-pass>\n"
    )
    name = f"m_site_vpn_{i}.ovpn"
    make_text(d / name, text)
    return name, [pw]


def p_pcf(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    pw = _password(rng)
    text = (
        "[main]\r\nDescription=Head office\r\nHost=203.0.113.10\r\nAuthType=1\r\nGroupName=STAFF\r\n"
        f"GroupPwd={pw}\r\nenc_GroupPwd=\r\nEnableISPConnect=0\r\nUsername=\r\nSaveUserPassword=0\r\n"
    )
    name = f"m_cisco_profile_{i}.pcf"
    make_text(d / name, text)
    return name, [pw]


def p_putty_reg(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    pw = _password(rng)
    text = (
        "Windows Registry Editor Version 5.00\r\n\r\n"
        f"[HKEY_CURRENT_USER\\Software\\SimonTatham\\PuTTY\\Sessions\\core-sw{i}]\r\n"
        '"HostName"="10.0.0.2"\r\n"Protocol"="ssh"\r\n"PortNumber"=dword:00000016\r\n'
        '"ProxyMethod"=dword:00000003\r\n"ProxyHost"="proxy.client.local"\r\n'
        f'"ProxyUsername"="svc_proxy"\r\n"ProxyPassword"="{pw}"\r\n'
    )
    name = f"m_putty_sessions_{i}.reg"
    make_text(d / name, text, encoding="utf-16")
    return name, [pw]


def p_compose(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    pws = [_password(rng).replace("$", "#") for _ in range(2)]
    text = (
        "version: '3.8'\nservices:\n  db:\n    image: mariadb:10.11\n    environment:\n"
        f'      MYSQL_ROOT_PASSWORD: "{pws[0]}"\n      MYSQL_DATABASE: unifi\n'
        "  app:\n    image: ghcr.io/example/app:latest\n    environment:\n"
        f"      - DB_PASSWORD={pws[1]}\n      - DB_HOST=db\n"
    )
    name = f"m_docker-compose_{i}.yml"
    make_text(d / name, text)
    return name, pws


def p_dotenv(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    pws = [_password(rng).replace("$", "%") for _ in range(2)]
    text = (
        f"APP_ENV=production\nDB_HOST=sql01\nDB_USER=app\nDB_PASSWORD={pws[0]}\n"
        f"SMTP_USER=alerts\nSMTP_PASS={pws[1]}\n"
    )
    name = f"m_portal_{i}.env"
    make_text(d / name, text)
    return name, pws


def p_ansible(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    pws = [_password(rng).replace("#", "!") for _ in range(2)]
    text = (
        "[windows]\nfs01.client.local\ndc01.client.local\n\n[windows:vars]\nansible_user=CLIENT\\\\svc_ansible\n"
        f"ansible_password={pws[0]}\nansible_connection=winrm\n\n[linux]\nnas01 ansible_host=10.0.0.20 "
        f"ansible_user=root ansible_become_pass={pws[1]}\n"
    )
    name = f"m_inventory_{i}.ini"
    make_text(d / name, text)
    return name, pws


def p_nas_pdf(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    pw = _password(rng)
    brand = "Synology DS1522+" if i % 2 else "QNAP TS-464"
    lines = [
        f"{brand} - Setup Summary for {_client(rng)}",
        "Hostname: NAS01   IP: 192.168.10.20",
        "Default admin account disabled. New admin account created:",
        f"Username: mspadmin    Password: {pw}",
        "Hyper Backup to C2 Storage nightly 1am.",
    ]
    name = f"m_nas_setup_{i}.pdf"
    make_pdf(d / name, [lines])
    return name, [pw]


def p_handover_doc(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    pws = [_password(rng) for _ in range(2)]
    paras = [
        f"Handover - {_client(rng)}",
        "Network is a Meraki stack, managed from the dashboard.",
        f"Admin creds for the Meraki: netadmin@msp.com.au / {pws[0]}",
        f"Ubiquiti controller - login deets: ubnt / {pws[1]}",
        "Backups: Datto, checked weekly.",
    ]
    name = f"m_handover_{i}.docx"
    make_docx(d / name, paras)
    return name, pws


def p_login_deets_email(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    pw = _password(rng)
    body = rng.choice(
        [
            f"G'day Sarah,\n\nLogin deets for the new payroll portal below:\n\nUser: sarah.b\nPW: {pw}\n\n"
            "Ta,\nMick",
            f"Hi Dave,\n\nAs discussed, creds for the client's Xero:\nUsername - accounts@client.com\n"
            f"Passcode - {pw}\n\nThanks,\nHelen",
        ]
    )
    name = f"m_login_details_{i}.eml"
    make_eml(d / name, "Login details", body)
    return name, [pw]


def p_onboarding_deck(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    pw = _password(rng)
    slides = [
        (["Welcome to Brightside Dental", "Your first day"], None),
        (["Getting connected", "Staff Wi-Fi: BSD-Staff"], f"Staff Wi-Fi passcode is {pw} - don't share"),
        (["Questions?", "helpdesk@msp.com.au"], None),
    ]
    name = f"m_onboarding_deck_{i}.pptx"
    make_pptx(d / name, slides)
    return name, [pw]


def p_nvr_access_email(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    pw = _password(rng)
    body = (
        "Hi team,\n\nThe CCTV installer has finished. Remote viewing via the Hik-Connect app.\n"
        f"Access code for the NVR: {pw}\n\nRegards,\nSecurity Solutions"
    )
    name = f"m_cctv_handover_{i}.msg"
    make_msg(d / name, "CCTV handover", body)
    return name, [pw]


def p_uk_notes(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    pws = [_password(rng) for _ in range(2)]
    text = (
        "Notes from site visit - Hartley & Sons\n\n"
        f"* BT Business Hub - admin pwd - {pws[0]}\n"
        f"* Sage 50 - manager login, pw {pws[1]}\n"
        "* Server room key with reception\n"
    )
    name = f"m_site_visit_notes_{i}.txt"
    make_text(d / name, text)
    return name, pws


def p_au_onenote(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    pw = _password(rng)
    text = (
        "NBN / Internet\n"
        "Provider: Aussie Broadband  Service ID: AVC000123456789\n"
        f"Creds for the NBN modem: admin / {pw}\n"
        "Static IP: 203.0.113.77\n"
    )
    name = f"m_onenote_internet_{i}.txt"
    make_text(d / name, text)
    return name, [pw]


def p_kv_table_doc(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    pw = _password(rng)
    table = [["Item", "Value"], ["Device", "Sophos XGS 2100"], ["URL", "https://10.0.0.1:4444"],
             ["Username", "admin"], ["Password", pw], ["Firmware", "SFOS 20.0"]]  # fmt: skip
    name = f"m_firewall_record_{i}.docx"
    make_docx(d / name, ["Firewall record"], tables=[table])
    return name, [pw]


def p_helm_values(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    pw = _password(rng).replace("#", "!")
    text = (
        f"replicaCount: 1\nauth:\n  adminUser: admin\n  adminPassword: '{pw}'\npersistence:\n  size: 20Gi\n"
    )
    name = f"m_grafana_values_{i}.yaml"
    make_text(d / name, text)
    return name, [pw]


def p_webconfig(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    pw = _password(rng).replace("&", "!").replace(";", "!")
    text = (
        '<?xml version="1.0"?>\n<configuration>\n  <connectionStrings>\n'
        '    <add name="Practice" '
        f'connectionString="Server=sql01;Database=PMS;User Id=pms;Password={pw};" />\n'
        "  </connectionStrings>\n</configuration>\n"
    )
    name = f"m_web_{i}.config"
    make_text(d / name, text)
    return name, [pw]


def p_newhire_script(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    pw = _password(rng).replace("$", "!")
    text = (
        "Import-Module ActiveDirectory\n"
        f'$pw = ConvertTo-SecureString "{pw}" -AsPlainText -Force\n'
        "New-ADUser -Name 'Jess Walker' -SamAccountName jwalker -AccountPassword $pw -Enabled $true\n"
    )
    name = f"m_new_starter_{i}.ps1"
    make_text(d / name, text)
    return name, [pw]


def p_onboarding_xlsx(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    pws = [_password(rng) for _ in range(2)]
    rows: list[list[str | None]] = [
        ["New starters - March", None, None, None],
        ["Name", "Start date", "Username", "Temp Password"],
        ["Chloe Martin", "04/03/2024", "cmartin", pws[0]],
        ["Dan Kowalski", "11/03/2024", "dkowalski", pws[1]],
    ]
    name = f"m_new_starters_{i}.xlsx"
    make_xlsx(d / name, {"March": rows})
    return name, pws


# --------------------------------------------------------------------------- look-alikes


def n_itglue_configs(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    rows = [
        ["id", "organization", "name", "configuration_type", "hostname", "primary_ip", "serial_number"],
        ["551", _client(rng), "BRI-FW01", "Firewall", "bri-fw01", "10.1.1.1", "FGT60F3G1234"],
        ["552", _client(rng), "BRI-DC01", "Server", "bri-dc01", "10.1.1.10", "CZJ1234ABC"],
    ]
    name = f"m_itglue_configurations_{i}.csv"
    make_csv(d / name, rows)
    return name, []


def n_itglue_masked(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    mask = "●●●●●●●●" if i % 2 else "********"
    rows = [
        ["organization", "name", "username", "password", "url"],
        [
            _client(rng),
            "Office 365 Global Admin",
            "admin@tenant.onmicrosoft.com",
            mask,
            "https://portal.office.com",
        ],
        [_client(rng), "Firewall", "admin", mask, "https://10.0.0.1"],
    ]
    name = f"m_itglue_passwords_masked_{i}.csv"
    make_csv(d / name, rows)
    return name, []


def n_hudu_empty(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    rows = [
        ["company_name", "asset_name", "name", "username", "password", "otp_secret", "url"],
        [_client(rng), "NVR", "Hikvision NVR admin", "admin", "", "", "http://192.168.1.64"],
        [_client(rng), "Switch", "Core switch", "manager", "", "", ""],
    ]
    name = f"m_hudu_export_nopw_{i}.csv"
    make_csv(d / name, rows)
    return name, []


def n_m365_template(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    rows = [["UserPrincipalName", "DisplayName", "Password", "UsageLocation"]]
    for person in _PEOPLE[:3]:
        upn = person.lower().replace(" ", ".").replace("'", "") + "@contoso.com"
        rows.append([upn, person, "" if i % 2 else "<auto-generated>", "US"])
    name = f"m_m365_bulk_template_{i}.csv"
    make_csv(d / name, rows)
    return name, []


def n_pw_change_sop(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    paras = [
        "SOP-014 Changing your Windows password",
        "1. Press Ctrl+Alt+Del and choose 'Change a password'.",
        "2. Enter your old password, then the new password twice.",
        "3. Passwords must be at least 14 characters and may not reuse your last 12 passwords.",
        "4. If you have forgotten your password, use self-service reset at https://aka.ms/sspr.",
    ]
    name = f"m_sop_change_password_{i}.docx"
    make_docx(d / name, paras)
    return name, []


def n_sspr_guide(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    lines = [
        "Self-Service Password Reset - Quick Guide",
        "Go to https://passwordreset.microsoftonline.com",
        "Enter your work email and the characters in the picture.",
        "Verify with the Authenticator app, then type a new password.",
        "Password: must be 12+ characters, no part of your name.",
    ]
    name = f"m_sspr_quick_guide_{i}.pdf"
    make_pdf(d / name, [lines])
    return name, []


def n_questionnaire(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    rows = [
        ["Question", "Answer", "Comments"],
        ["Do you store passwords in spreadsheets?", "No", ""],
        ["Is a password manager in use?", "Yes", "IT Glue for admin credentials"],
        ["Password minimum length", "14", ""],
        ["Are shared accounts used?", "Yes", "Reception PC only"],
        ["MFA enforced for all users?", "Yes", "Conditional Access"],
    ]
    name = f"m_cyber_insurance_questionnaire_{i}.xlsx"
    make_xlsx(d / name, {"Security": rows})
    return name, []


def n_mfa_guide(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    slides = [
        (["Setting up MFA", "Install Microsoft Authenticator"], "Remind users: we will never ask for a code"),
        (["Step 2", "Sign in with your password, scan the QR code"], None),
        (["Step 3", "Approve the number match prompt"], "Passcode = the 6 digit code shown in the app"),
    ]
    name = f"m_mfa_rollout_{i}.pptx"
    make_pptx(d / name, slides)
    return name, []


def n_audit_never_expires(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    rows = [["SamAccountName", "Enabled", "PasswordNeverExpires", "PasswordLastSet", "LastLogonDate"]]
    for user in ["svc_backup", "svc_sql", "scanner", "reception"]:
        rows.append([user, "True", "True", "12/02/2019 09:14", "03/03/2024 22:01"])
    name = f"m_audit_pw_never_expires_{i}.csv"
    make_csv(d / name, rows)
    return name, []


def n_psa_ticket(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    text = (
        f"Ticket #{51000 + i} - Internal note\nUser locked out. Walked her through SSPR, "
        "password reset by user, not recorded. Confirmed login OK. Password expiry reminder sent.\n"
    )
    name = f"m_psa_ticket_sspr_{i}.txt"
    make_text(d / name, text)
    return name, []


def n_rmm_log(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    text = (
        "[2024-03-04 03:00:01] Policy 'Workstation baseline' started\n"
        "[2024-03-04 03:00:02] Password complexity check: PASS\n"
        "[2024-03-04 03:00:02] LAPS: local admin password rotated, stored in Entra ID\n"
        "[2024-03-04 03:00:03] Password last set: 2024-02-03\n"
        "[2024-03-04 03:00:04] Exit code 0\n"
    )
    name = f"m_rmm_baseline_{i}.log"
    make_text(d / name, text)
    return name, []


def n_sql_notes(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    paras = [
        "SQL Server 2022 Express - install notes",
        "Windows authentication only; sa disabled.",
        "SA password: stored in IT Glue (SQL - SA)" if i % 2 else "sa pwd - see Hudu",
        "Backups via Ola Hallengren scripts nightly.",
    ]
    name = f"m_sql_express_notes_{i}.docx"
    make_docx(d / name, paras)
    return name, []


def n_printer_sheet(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    lines = [
        "Printer / Copier Setup Sheet",
        "Model: Canon iR-ADV C5535   Location: Reception",
        "Admin PIN: set per client standard (see Hudu)",
        "Department IDs enabled for billing.",
    ]
    name = f"m_printer_setup_nopin_{i}.pdf"
    make_pdf(d / name, [lines])
    return name, []


def n_alarm(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    paras = [
        "Site access - after hours",
        "Alarm code: ask the office manager (Karen) - not stored here.",
        "Alarm monitoring: ADT, account no. in the contract folder.",
        "Door access: swipe card, request via facilities.",
    ]
    name = f"m_site_access_policy_{i}.docx"
    make_docx(d / name, paras)
    return name, []


def n_voicemail_guide(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    body = (
        "Hi all,\n\nVoicemail is now on for every handset. Your default PIN is your extension number; "
        "you'll be asked to pick a new PIN the first time you dial *98.\n\nHelpdesk"
    )
    name = f"m_voicemail_howto_{i}.eml"
    make_eml(d / name, "Voicemail how-to", body)
    return name, []


def n_temp_pw_template(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    body = (
        "Hi {{FirstName}},\n\nWelcome! Your username is {{UPN}}. Your temporary password will be sent by SMS "
        "from your manager on your first day.\n\nIT Team"
    )
    name = f"m_welcome_template_{i}.eml"
    make_eml(d / name, "Welcome to the team", body)
    return name, []


def n_ovpn(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    text = (
        "client\ndev tun\nproto udp\nremote vpn.client.com 1194\nnobind\npersist-key\npersist-tun\n"
        "auth-user-pass\nauth-nocache\ncipher AES-256-GCM\nverb 3\n"
    )
    name = f"m_remote_vpn_{i}.ovpn"
    make_text(d / name, text)
    return name, []


def n_pcf(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    text = (
        "[main]\r\nDescription=Branch office\r\nHost=203.0.113.20\r\nAuthType=3\r\nGroupName=\r\n"
        "GroupPwd=\r\nenc_GroupPwd=\r\nCertStore=1\r\nCertName=branch-user\r\nUsername=\r\nSaveUserPassword=0\r\n"
    )
    name = f"m_cisco_cert_profile_{i}.pcf"
    make_text(d / name, text)
    return name, []


def n_rdp(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    text = (
        "screen mode id:i:2\r\nfull address:s:rds.client.local\r\nusername:s:CLIENT\\jwalker\r\n"
        "prompt for credentials:i:1\r\ngatewayhostname:s:gw.client.com.au\r\nauthentication level:i:2\r\n"
    )
    name = f"m_remote_desktop_{i}.rdp"
    make_text(d / name, text, encoding="utf-16")
    return name, []


def n_putty_reg(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    text = (
        "Windows Registry Editor Version 5.00\r\n\r\n"
        f"[HKEY_CURRENT_USER\\Software\\SimonTatham\\PuTTY\\Sessions\\edge-rtr{i}]\r\n"
        '"HostName"="10.0.0.1"\r\n"Protocol"="ssh"\r\n"ProxyUsername"=""\r\n"ProxyPassword"=""\r\n'
        '"PublicKeyFile"="C:\\\\Users\\\\tech\\\\keys\\\\edge.ppk"\r\n'
    )
    name = f"m_putty_nopw_{i}.reg"
    make_text(d / name, text, encoding="utf-16")
    return name, []


def n_compose(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    text = (
        "services:\n  db:\n    image: postgres:16\n    environment:\n"
        "      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n"
        "      POSTGRES_USER: ${POSTGRES_USER}\n  app:\n    environment:\n"
        "      - DB_PASSWORD=${DB_PASSWORD}\nsecrets:\n  db_password:\n    file: ./db_password.txt\n"
    )
    name = f"m_compose_secrets_{i}.yml"
    make_text(d / name, text)
    return name, []


def n_env_example(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    text = "DB_HOST=localhost\nDB_USER=app\nDB_PASSWORD=changeme\nSMTP_PASS=\n"
    name = f"m_portal_{i}.env.example"
    make_text(d / name, text)
    return name, []


def n_ansible(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    text = (
        "[windows]\nfs01.client.local\n\n[windows:vars]\nansible_user=svc_ansible\n"
        'ansible_password="{{ vault_ansible_password }}"\nansible_connection=winrm\n'
    )
    name = f"m_inventory_vault_{i}.ini"
    make_text(d / name, text)
    return name, []


def n_nas_pdf(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    lines = [
        "Synology DS224+ - Setup Summary",
        "Hostname: NAS02   IP: 192.168.20.20",
        "Admin account: mspadmin   Password: (stored in Hudu - NAS02)",
        "Snapshot replication hourly.",
    ]
    name = f"m_nas_setup_vaulted_{i}.pdf"
    make_pdf(d / name, [lines])
    return name, []


def n_handover(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    paras = [
        f"Handover - {_client(rng)}",
        "Admin creds for the Meraki: in IT Glue under 'Meraki Dashboard'.",
        "Login deets for the UniFi controller are in the shared vault, not here.",
        "Password for the firewall was rotated on 02/03 (see change CHG-2231).",
    ]
    name = f"m_handover_vaulted_{i}.docx"
    make_docx(d / name, paras)
    return name, []


def n_policy(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    paras = [
        "Acceptable Use and Password Policy",
        "Passwords must be at least 14 characters long and must not contain your username.",
        "Never write your password down or share it, including with IT staff.",
        "Passcode for mobile devices: minimum 6 digits.",
    ]
    name = f"m_password_policy_{i}.docx"
    make_docx(d / name, paras)
    return name, []


def n_guest_wifi_sign(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    lines = ["Guest Wi-Fi", "Network: Brightside-Guest", "Ask reception for today's access code."]
    name = f"m_guest_wifi_sign_{i}.pdf"
    make_pdf(d / name, [lines])
    return name, []


def n_test_results(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    rows = [
        ["Check", "Pass", "Notes"],
        ["Backup restore test", "TRUE", ""],
        ["Password reset tested", "TRUE", "SSPR ok"],
        ["Firewall firmware", "FALSE", "update pending"],
    ]
    name = f"m_quarterly_review_{i}.xlsx"
    make_xlsx(d / name, {"QBR": rows})
    return name, []


def n_onboarding_checklist(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    rows = [
        ["New starter", "Account created", "Password set", "MFA enrolled", "Password sent via"],
        ["Chloe Martin", "Yes", "Yes", "Yes", "SMS to manager"],
        ["Dan Kowalski", "Yes", "No", "No", ""],
    ]
    name = f"m_onboarding_checklist_{i}.xlsx"
    make_xlsx(d / name, {"Checklist": rows})
    return name, []


def n_phishing_email(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    body = (
        "Team,\n\nReminder: IT will never ask for your password by email or phone. If someone asks for your "
        "login deets or an access code, hang up and call us.\n\nThe MSP Security Team"
    )
    name = f"m_security_reminder_{i}.eml"
    make_eml(d / name, "Never share your password", body)
    return name, []


def n_webconfig(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    text = (
        '<?xml version="1.0"?>\n<configuration>\n  <connectionStrings>\n'
        '    <add name="Practice" connectionString="Server=sql01;Database=PMS;Integrated Security=SSPI;" />\n'
        "  </connectionStrings>\n</configuration>\n"
    )
    name = f"m_web_sspi_{i}.config"
    make_text(d / name, text)
    return name, []


def n_prompt_script(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    text = (
        "Import-Module ActiveDirectory\n"
        '$pw = Read-Host "Temp password for new starter" -AsSecureString\n'
        "New-ADUser -Name $Name -SamAccountName $Sam -AccountPassword $pw -Enabled $true "
        "-ChangePasswordAtLogon $true\n"
    )
    name = f"m_new_starter_prompt_{i}.ps1"
    make_text(d / name, text)
    return name, []


def n_expiry_email(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    body = (
        "Your password expires in 5 days.\n\nPassword last changed: 14/01/2024\n"
        "To change it now press Ctrl+Alt+Del > Change a password.\n"
    )
    name = f"m_password_expiry_{i}.msg"
    make_msg(d / name, "Password expiry notice", body)
    return name, []


def n_licence_doc(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    table = [["Product", "Licence / Key", "Seats"],
             ["Office LTSC 2021", "Volume licence - MAK in VLSC", "10"],
             ["Veeam B&R", "Rental - licence file in the vault", "5"]]  # fmt: skip
    name = f"m_licences_{i}.docx"
    make_docx(d / name, ["Licence register"], tables=[table])
    return name, []


def n_kv_table_doc(d: Path, rng: random.Random, i: int) -> tuple[str, list[str]]:
    table = [["Item", "Value"], ["Device", "Sophos XGS 2100"], ["URL", "https://10.0.0.1:4444"],
             ["Username", "admin"], ["Password", "See IT Glue"], ["Firmware", "SFOS 20.0"]]  # fmt: skip
    name = f"m_firewall_record_vault_{i}.docx"
    make_docx(d / name, ["Firewall record"], tables=[table])
    return name, []


POSITIVES: list[Template] = [
    p_creds_sheet, p_itglue_export, p_hudu_export, p_cw_config_export, p_keeper_export, p_m365_bulk,
    p_psa_ticket, p_rmm_log, p_sql_notes, p_printer_sheet, p_alarm_codes, p_voicemail_pin, p_temp_pw_text,
    p_ovpn, p_pcf, p_putty_reg, p_compose, p_dotenv, p_ansible, p_nas_pdf, p_handover_doc,
    p_login_deets_email, p_onboarding_deck, p_nvr_access_email, p_uk_notes, p_au_onenote, p_kv_table_doc,
    p_helm_values, p_webconfig, p_newhire_script, p_onboarding_xlsx,
]  # fmt: skip
NEGATIVES: list[Template] = [
    n_itglue_configs, n_itglue_masked, n_hudu_empty, n_m365_template, n_pw_change_sop, n_sspr_guide,
    n_questionnaire, n_mfa_guide, n_audit_never_expires, n_psa_ticket, n_rmm_log, n_sql_notes,
    n_printer_sheet, n_alarm, n_voicemail_guide, n_temp_pw_template, n_ovpn, n_pcf, n_rdp, n_putty_reg,
    n_compose, n_env_example, n_ansible, n_nas_pdf, n_handover, n_policy, n_guest_wifi_sign, n_test_results,
    n_onboarding_checklist, n_phishing_email, n_webconfig, n_prompt_script, n_expiry_email, n_licence_doc,
    n_kv_table_doc,
]  # fmt: skip


def generate(out_dir: Path, seed: int) -> Labels:
    """Write two variants of every template into ``out_dir``; return {file name: planted passwords}."""
    rng = random.Random(seed)
    labels: Labels = {}
    for template in POSITIVES + NEGATIVES:
        for variant in (2 * seed, 2 * seed + 1):
            name, passwords = template(out_dir, rng, variant)
            assert name not in labels, name
            labels[name] = passwords
    return labels


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        result = generate(Path(tmp), 1)
        print(len(result), sum(1 for v in result.values() if v))
