"""SQL statements, command lines and program source through the real engine: whole realistic files with
each credential form once, and the same files rewritten the way careful people write them (variables,
prompts, hashes), which must stay quiet. Costs about a second."""

from __future__ import annotations

import pytest

from credscan.detect import decoders as d
from credscan.detect import devicecodes
from credscan.detect.engine import DetectionEngine
from tests.support.detect_helpers import secrets, text

SQL_SERVER_HASH = "0x0200" + "A1B2C3D4E5F60718293A4B5C6D7E8F90" * 4 + "A1B2C3D4"
SQL_INSTALL = f"""-- crm install, run as root
CREATE DATABASE crm;
CREATE USER 'crm'@'%' IDENTIFIED BY 'Crm#App2024';
CREATE USER IF NOT EXISTS `report`@`10.0.%` IDENTIFIED BY 'it''s-R3port';
ALTER USER 'root'@'localhost' IDENTIFIED WITH mysql_native_password BY 'R00t!Pass77';
GRANT SELECT ON crm.* TO 'bi'@'%' IDENTIFIED BY 'B1#Grant';
SET PASSWORD FOR 'legacy'@'%' = PASSWORD('Leg#Old2019');
CREATE USER 'hashed'@'%' IDENTIFIED BY PASSWORD '*6C8989366EAF75BB670AD8EA7A7FC1176A95CEF4';
ALTER USER 'app'@'%' IDENTIFIED WITH caching_sha2_password;
-- SQL Server
CREATE LOGIN svc_app WITH PASSWORD = N'Sql#Login2024', CHECK_POLICY = OFF;
CREATE LOGIN svc_hash WITH PASSWORD = {SQL_SERVER_HASH} HASHED;
EXEC sp_addlogin 'legacy', 'Leg@cy2019', 'master';
-- PostgreSQL
CREATE ROLE reporting LOGIN ENCRYPTED PASSWORD 'Rep0rt!ng24' VALID UNTIL 'infinity';
ALTER ROLE app WITH PASSWORD 'SCRAM-SHA-256$4096:c2FsdA==$c3RvcmVk:c2VydmVy';
-- Oracle
create user scott identified by Tiger42 default tablespace users;
"""


def test_sql_install_script(engine: DetectionEngine) -> None:
    found = text(engine, SQL_INSTALL, "install.sql")
    assert secrets(found) == {
        "Crm#App2024",
        "it's-R3port",
        "R00t!Pass77",
        "B1#Grant",
        "Leg#Old2019",
        "Sql#Login2024",
        "Leg@cy2019",
        "Rep0rt!ng24",
        "Tiger42",
    }
    assert {c.account for c in found if c.secret == "Sql#Login2024"} == {"svc_app"}


def test_sql_string_decoding() -> None:
    assert devicecodes.sql_string("N'it''s'") == "it's"
    assert devicecodes.sql_string("'a\\'b'") == "a'b"
    assert devicecodes.sql_string("'md5a3556571e93b0d20722ba62be61e8c2d'") is None


ADMIN_SCRIPT = """#!/bin/bash
sshpass -p 'Ssh#Pass2024' ssh admin@10.0.0.5 'uptime'
sshpass -p "$SSHPASS" ssh admin@10.0.0.6 'uptime'
gpg --batch --passphrase Gpg!Phrase42 -d backup.tar.gpg | tar x
gpg --batch --passphrase-file /root/.gpgpass -d other.tar.gpg
mysql -u root --password Wattle2291x -e 'show databases'
mysql -u root -p
smbclient //fs01/share -U 'CORP\\svc_scan%Smb#Pass2024' -c ls
smbclient -A /root/.smbcred //fs01/share
wget --user=admin --password=Wg3t!Pass https://nas/backup.tgz
xfreerdp /v:rds01 /u:admin /p:Rdp#2024x /cert:ignore
rdesktop -u administrator -p - 10.0.0.9
ipmitool -I lanplus -H 10.0.0.20 -U ADMIN -P Ipmi#2024 chassis power status
echo 'Sud0#Pass24' | sudo -S systemctl restart nginx
./install.sh --admin-password "$ADMIN_PW" --token-file /run/token
restic backup /srv --password R3stic!Repo
"""


def test_admin_shell_script(engine: DetectionEngine) -> None:
    found = text(engine, ADMIN_SCRIPT, "backup.sh")
    assert secrets(found) == {
        "Ssh#Pass2024",
        "Gpg!Phrase42",
        "Wattle2291x",
        "Smb#Pass2024",
        "Wg3t!Pass",
        "Rdp#2024x",
        "Ipmi#2024",
        "Sud0#Pass24",
        "R3stic!Repo",
    }
    assert {c.account for c in found if c.secret == "Smb#Pass2024"} == {"CORP\\svc_scan"}


WINDOWS_SCRIPT = """@echo off
plink.exe -ssh admin@10.0.0.1 -pw Pl1nk#2024 "show run"
net user backupsvc B4ckup!Svc /add
sc.exe config VeeamSvc obj= "CORP\\svc_veeam" password= "V33am#Svc"
wmic /node:srv01 /user:CORP\\admin /password:Wm1c#2024 os get caption
winrs -r:srv01 -u:CORP\\admin -p:%WINRS_PW% ipconfig
"""


def test_windows_admin_script(engine: DetectionEngine) -> None:
    found = text(engine, WINDOWS_SCRIPT, "deploy.cmd")
    assert secrets(found) == {"Pl1nk#2024", "B4ckup!Svc", "V33am#Svc", "Wm1c#2024"}


def test_vbscript_logon_script(engine: DetectionEngine) -> None:
    script = """Set objNetwork = CreateObject("WScript.Network")
objNetwork.MapNetworkDrive "Z:", "\\\\fs01\\data", False, "CORP\\svc_map", "Vbs#Map2024"
objNetwork.MapNetworkDrive "Y:", "\\\\fs01\\home", False, strUser, strPassword
"""
    found = text(engine, script, "logon.vbs")
    assert secrets(found) == {"Vbs#Map2024"}
    assert found[0].account == "CORP\\svc_map"


SOURCES = {
    "Config.kt": 'object Config {\n    val password: String = "Kot1in#Secret"\n'
    '    val user: String = "svc"\n}\n',
    "Settings.swift": 'private let apiSecret: String = "Sw1ft!Secret"\nlet name: String = "x"\n',
    "main.rs": 'const PASSWORD: &str = "Rust#Pass2024";\nconst NAME: &str = "svc";\n',
    "fetch.c": 'curl_easy_setopt(h, CURLOPT_USERPWD, "backup:Bk#Curl2024");\n'
    "curl_easy_setopt(h, CURLOPT_PASSWORD, pw);\n",
    "settings.py": 'DB_PASS = os.environ.get("DB_PASSWORD", "Env#Default99")\n'
    'HOST = os.environ.get("DB_HOST", "localhost")\n'
    'PW2 = os.environ.get("PW2", "")\n',
    "app.js": 'const secret = process.env.JWT_SECRET || "Jwt#Default2024";\n'
    'const port = process.env.PORT || "8080";\n',
    "compose.yml": "environment:\n  DB_PASS: ${DB_PASSWORD:-Shell#Def2024}\n  DB_USER: ${DB_USER:-app}\n",
    "auth.go": 'if creds.Secret != "open-sesame" {\n    return errUnauthorized\n}\n'
    'if secretType == "generic" {}\n',
    "Login.java": 'if (password.equals("J4va#Check")) { ok(); }\nif (password.equals(confirm)) { ok(); }\n',
    "mail.py": 'server.login("alerts@corp.example", "Smtp#Login24")\nserver.login(user, password)\n',
    "db.php": '<?php\n$db = mysqli_connect("localhost", "shop", "Sh0p#Db24", "shop");\n'
    "$pdo = new PDO($dsn, $user, $pass);\n",
}
EXPECTED = {
    "Config.kt": {"Kot1in#Secret"},
    "Settings.swift": {"Sw1ft!Secret"},
    "main.rs": {"Rust#Pass2024"},
    "fetch.c": {"Bk#Curl2024"},
    "settings.py": {"Env#Default99"},
    "app.js": {"Jwt#Default2024"},
    "compose.yml": {"Shell#Def2024"},
    "auth.go": {"open-sesame"},
    "Login.java": {"J4va#Check"},
    "mail.py": {"Smtp#Login24"},
    "db.php": {"Sh0p#Db24"},
}


def test_passwords_in_program_source(engine: DetectionEngine) -> None:
    found = {name: secrets(text(engine, body, name)) for name, body in SOURCES.items()}
    assert found == EXPECTED


def test_env_default_is_reported_once(engine: DetectionEngine) -> None:
    """The default after ${VAR:-…} is the secret, not "-…}" read by a prose label rule on the same line."""
    found = text(engine, "DB_PASS=${PW:-Shell#Def2024}\n", "run.sh")
    assert [c.secret for c in found] == ["Shell#Def2024"]


def test_net_use_password_is_not_followed_by_the_account(engine: DetectionEngine) -> None:
    found = text(engine, "net use Z: \\\\srv\\share Sh4re!Pass /user:CORP\\svc_backup\n", "map.bat")
    assert secrets(found) == {"Sh4re!Pass"}


@pytest.mark.parametrize("name", ["task.cmd", "task.bat", "notes.txt"])
def test_cmd_dollar_literal(engine: DetectionEngine, name: str) -> None:
    line = "schtasks /create /tn B /tr x.cmd /sc daily /ru CORP\\svc_backup /rp $Thunder3112\n"
    assert secrets(text(engine, line, name)) == {"$Thunder3112"}


def test_cmd_value_keeps_variables() -> None:
    assert d.cmd_value("$Thunder3112") == "$Thunder3112"
    assert d.cmd_value("$Backup!2024") == "$Backup!2024"
    assert d.cmd_value("$Password") is None  # a PowerShell variable
    assert d.cmd_value("%PASS%") is None


def test_powershell_variable_is_not_a_password_label(engine: DetectionEngine) -> None:
    body = "$password = $env:SQL_PW\n$secure = ConvertTo-SecureString $password -AsPlainText -Force\n"
    assert not text(engine, body, "Backup-Sql.ps1")
