"""The config, key, token and store rule packs through the real engine, on whole realistic files."""

from __future__ import annotations

import base64
import time
import tomllib
from functools import cache

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

from credscan.detect import decoders
from credscan.detect.engine import DetectionEngine
from credscan.detect.interface import FileInfo
from credscan.detect.rule import Rule
from credscan.detect.rules import RuleSet
from credscan.model import Candidate, Table, TextBlock
from tests.support.encoders import (
    gpp_encrypt,
    make_pfx,
    mremoteng_encrypt,
    teamviewer_reg_value,
    unattend_encode,
    vnc_encode,
    winscp_encode,
)
from tests.support.paths import REPO

RULES_DIR = REPO / "rules"
MY_PACKS = ("configs.toml", "keys.toml", "tokens.toml", "stores.toml")


@cache
def engine() -> DetectionEngine:
    return DetectionEngine(RuleSet.load())


@cache
def my_rule_ids() -> list[str]:
    ids = []
    for pack in MY_PACKS:
        ids += [r["id"] for r in tomllib.loads((RULES_DIR / pack).read_text(encoding="utf-8"))["rules"]]
    return ids


def info_for(name: str, text: str = "", kind: str = "text", head: bytes | None = None) -> FileInfo:
    data = text.encode()
    return FileInfo(
        path=f"/share/{name}", name=name, kind=kind, head=data[:64] if head is None else head, size=len(data)
    )


def scan(name: str, text: str) -> list[Candidate]:
    """Candidates of THIS helper's packs (other packs' rules are tested with them)."""
    cands = engine().detect_unit(info_for(name, text), TextBlock(text=text, by_line=True))
    return [c for c in cands if c.rule_id in my_rule_ids()]


def by_rule(cands: list[Candidate], rule_id: str) -> list[Candidate]:
    return [c for c in cands if c.rule_id == rule_id]


def secrets_of(cands: list[Candidate]) -> set[str]:
    return {c.secret for c in cands}


def assert_masked(cands: list[Candidate]) -> None:
    for cand in cands:
        assert cand.secret not in cand.context, (cand.rule_id, cand.context)


# ---------------------------------------------------------------------------
# pack integrity: every rule has examples both ways, and each passes through the real engine
# ---------------------------------------------------------------------------


def test_packs_load_and_every_rule_has_examples_both_ways() -> None:
    ruleset = RuleSet.load()
    ids = my_rule_ids()
    assert len(ids) == len(set(ids)) >= 120
    for rule_id in ids:
        rule = ruleset.get(rule_id)
        assert rule.examples and rule.negative_examples, rule_id
        assert rule.category in (
            "config-credential",
            "private-key",
            "credential-store",
            "api-token",
            "password-export",
        )


def _fires(rule: Rule, example: str) -> bool:
    if rule.scope == "file":
        head = rule.magic or b""
        kind = rule.kinds[0] if rule.kinds else "binary"
        info = FileInfo(path=example, name=example, kind=kind, head=head, size=len(head))
        return any(c.rule_id == rule.id for c in engine().detect_file(info))
    name = rule.file_names[0].replace("*", "file") if rule.file_names else "document.txt"
    block = TextBlock(text=example, by_line=True)
    if rule.scope == "derived":  # other rules report under it
        return any(c.rule_id == rule.id for c in engine().detect_unit(info_for(name, example), block))
    hits = engine().all_matches(info_for(name, example), block)
    return any(c.rule_id == rule.id for c in hits)


@pytest.mark.parametrize("rule_id", my_rule_ids())
def test_rule_examples(rule_id: str) -> None:
    rule = engine().ruleset.get(rule_id)
    for example in rule.examples:
        assert _fires(rule, example), f"{rule_id} missed {example[:80]!r}"
    for example in rule.negative_examples:
        assert not _fires(rule, example), f"{rule_id} reported {example[:80]!r}"


# ---------------------------------------------------------------------------
# Windows deployment files
# ---------------------------------------------------------------------------


def test_gpp_groups_xml() -> None:
    groups = f"""<?xml version="1.0" encoding="utf-8"?>
<Groups clsid="{{3125E937-EB16-4b4c-9934-544FC6D24D26}}">
  <User clsid="{{DF5F1855-51E5-4d24-8B1A-D9BDE98BA1D1}}" name="Administrator (built-in)" image="2"
        changed="2014-02-06 19:33:28" uid="{{3F24A2A4-6F35-4C6B-9A36-6D6A1CAF9E3B}}">
    <Properties action="U" newName="" fullName="" description=""
                cpassword="{gpp_encrypt("Winter2014!Local")}"
                changeLogon="0" noChange="1" neverExpires="1" acctDisabled="0"
                userName="Administrator (built-in)"/>
  </User>
  <User clsid="{{DF5F1855-51E5-4d24-8B1A-D9BDE98BA1D1}}" name="support" image="2" uid="{{5B1E}}">
    <Properties action="U" newName="" cpassword="" userName="support"/>
  </User>
</Groups>
"""
    cands = scan("Groups.xml", groups)
    gpp = by_rule(cands, "config.gpp-cpassword")
    assert [(c.secret, c.location, c.account) for c in gpp] == [
        ("Winter2014!Local", {"line": 6}, "Administrator (built-in)")
    ]
    assert_masked(cands)
    assert gpp_encrypt("Winter2014!Local") not in gpp[0].context


def test_scheduled_task_gpp_uses_runas_account() -> None:
    cpassword = gpp_encrypt("Bkp#2013")
    xml = f'<Task><Properties name="Backup" runAs="CORP\\svc_backup" cpassword="{cpassword}"/></Task>'
    gpp = by_rule(scan("ScheduledTasks.xml", xml), "config.gpp-cpassword")
    assert [(c.secret, c.account) for c in gpp] == [("Bkp#2013", "CORP\\svc_backup")]


def test_autounattend_xml() -> None:
    xml = f"""<?xml version="1.0" encoding="utf-8"?>
<unattend xmlns="urn:schemas-microsoft-com:unattend">
  <settings pass="oobeSystem">
    <component name="Microsoft-Windows-Shell-Setup" processorArchitecture="amd64">
      <UserAccounts>
        <AdministratorPassword>
          <Value>{unattend_encode("L0cal-Adm!n", "AdministratorPassword")}</Value>
          <PlainText>false</PlainText>
        </AdministratorPassword>
        <LocalAccounts>
          <LocalAccount wcm:action="add">
            <Password>
              <Value>{unattend_encode("Techn1ker#", "Password")}</Value>
              <PlainText>false</PlainText>
            </Password>
            <Group>Administrators</Group>
            <Name>techniker</Name>
          </LocalAccount>
        </LocalAccounts>
      </UserAccounts>
      <AutoLogon>
        <Password>
          <Value>Kiosk!2024</Value>
          <PlainText>true</PlainText>
        </Password>
        <Enabled>true</Enabled>
        <LogonCount>1</LogonCount>
        <Username>kiosk</Username>
      </AutoLogon>
      <ProductKey><Value>XXXXX-XXXXX-XXXXX-XXXXX-XXXXX</Value></ProductKey>
    </component>
  </settings>
</unattend>
"""
    cands = scan("Autounattend.xml", xml)
    found = {(c.rule_id, c.secret, c.location["line"], c.account) for c in cands}
    assert found == {
        ("config.unattend-administrator-password-base64", "L0cal-Adm!n", 7, None),
        ("config.unattend-password-base64", "Techn1ker#", 13, "techniker"),
        ("config.unattend-password", "Kiosk!2024", 23, "kiosk"),
    }
    assert_masked(cands)


def test_used_unattend_file_has_no_finding() -> None:
    xml = """<AutoLogon><Password><Value>*SENSITIVE*DATA*DELETED*</Value>
<PlainText>true</PlainText></Password><Username>Administrator</Username></AutoLogon>"""
    assert scan("unattend.xml", xml) == []


def test_web_config() -> None:
    config = """<?xml version="1.0"?>
<configuration>
  <connectionStrings>
    <add name="Erp" providerName="System.Data.SqlClient"
         connectionString="Data Source=sql01\\ERP;Database=ERP;User ID=erp_app;Password=Erp!2023sql;" />
    <add name="Reports" connectionString="Data Source=sql01;Database=Reports;Integrated Security=SSPI" />
    <add name="Legacy" connectionString="Server=sql02;Database=Old;Trusted_Connection=yes;" />
  </connectionStrings>
  <appSettings>
    <add key="SmtpUser" value="scanner@example.com" />
    <add key="SmtpPassword" value="M4il!relay" />
    <add key="PasswordMinLength" value="12" />
  </appSettings>
</configuration>
"""
    cands = scan("web.config", config)
    assert {(c.rule_id, c.secret, c.location["line"]) for c in cands} == {
        ("config.connection-string-password", "Erp!2023sql", 5),
        ("config.appsettings-secret", "M4il!relay", 11),
    }
    conn = by_rule(cands, "config.connection-string-password")[0]
    assert conn.account == "erp_app"
    assert_masked(cands)


# ---------------------------------------------------------------------------
# scripts: real credentials versus prompts
# ---------------------------------------------------------------------------

DEPLOY_PS1 = r"""# Deploy the line-of-business app
param([string]$Server = "app01")

$adminPw = ConvertTo-SecureString "Depl0y!Adm1n" -AsPlainText -Force
$svc = New-Object PSCredential("CORP\svc_app", (ConvertTo-SecureString "Svc#App2024" -AsPlainText -Force))
$smb = [Net.NetworkCredential]::new("CORP\scanner", "Sc4n!Share")

# prompts and the environment: no secrets here
$userPw = Read-Host "Password for the new user" -AsSecureString
$cred = Get-Credential -Message "Domain admin"
$fromEnv = ConvertTo-SecureString $env:DEPLOY_PW -AsPlainText -Force
$plain = $cred.GetNetworkCredential().Password

cmd /c "net use Z: \\fs01\deploy Sh4re-Pw /user:CORP\deploy"
cmd /c "net use Y: \\fs01\tools /user:CORP\deploy *"
schtasks /create /tn Nightly /tr C:\app\nightly.cmd /sc daily /ru CORP\svc_app /rp Svc#App2024
cmdkey /add:rds01.corp.local /user:CORP\jdoe /pass
runas /savecred /user:CORP\admin "mmc.exe"
Connect-VIServer -Server vc01 -User administrator@vsphere.local -Password VMware1!
Connect-VIServer -Server vc01 -User $viUser -Password $viPass
"""


def test_deployment_script() -> None:
    cands = scan("deploy.ps1", DEPLOY_PS1)
    found = {(c.secret, c.location["line"]) for c in cands}
    assert found == {
        ("Depl0y!Adm1n", 4),
        ("Svc#App2024", 5),
        ("Sc4n!Share", 6),
        ("Sh4re-Pw", 14),
        ("Svc#App2024", 16),
        ("VMware1!", 19),
    }
    accounts = {c.location["line"]: c.account for c in cands}
    assert accounts[5] == "CORP\\svc_app"
    assert accounts[6] == "CORP\\scanner"
    assert accounts[14] == "CORP\\deploy"
    assert accounts[16] == "CORP\\svc_app"
    assert all(c.rule_id.startswith("config.") for c in cands)
    assert_masked(cands)


def test_batch_file() -> None:
    bat = "\r\n".join(
        [
            "@echo off",
            "net use \\\\nas01\\backup /user:nas01\\admin N4s-Backup!",
            "net user helpdesk Hd!2024x /add",
            "net user helpdesk * /add",
            "psexec \\\\ws042 -u CORP\\deploy -p Dep!oy42 -s cmd",
            "psexec \\\\ws042 -u CORP\\deploy -p %DEPLOY_PW% -s cmd",
            "cmdkey /add:rds01 /user:CORP\\jdoe /pass:Rdp!2024",
        ]
    )
    cands = scan("map.cmd", bat)
    assert {(c.secret, c.location["line"], c.account) for c in cands} == {
        ("N4s-Backup!", 2, "nas01\\admin"),
        ("Hd!2024x", 3, "helpdesk"),
        ("Dep!oy42", 5, "CORP\\deploy"),
        ("Rdp!2024", 7, "CORP\\jdoe"),
    }


# ---------------------------------------------------------------------------
# saved sessions, key/value files, URLs
# ---------------------------------------------------------------------------


def test_winscp_ini_two_sessions() -> None:
    ini = f"""[Configuration\\Interface]
RandomSeedFile=%APPDATA%\\winscp.rnd

[Sessions\\backup@files.example.com]
HostName=files.example.com
UserName=backup
Password={winscp_encode("Bkp!Scp2024", "backupfiles.example.com")}
PortNumber=22

[Sessions\\nopass@other.example.com]
HostName=other.example.com
UserName=nopass

[Sessions\\web@10.0.0.9]
HostName=10.0.0.9
UserName=web
Password={winscp_encode("W3b#Deploy", "web10.0.0.9")}
"""
    cands = scan("WinSCP.ini", ini)
    assert {c.rule_id for c in cands} == {"config.winscp-password"}
    assert {(c.secret, c.location["line"], c.account) for c in cands} == {
        ("Bkp!Scp2024", 4, "backup"),
        ("W3b#Deploy", 14, "web"),
    }
    assert_masked(cands)


def test_filezilla_sitemanager() -> None:
    xml = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>
<FileZilla3 version="3.66.4" platform="windows">
  <Servers>
    <Server>
      <Host>ftp.example.com</Host>
      <Port>21</Port>
      <Protocol>0</Protocol>
      <Type>0</Type>
      <User>webadmin</User>
      <Pass encoding="base64">{base64.b64encode(b"Ftp!Web2024").decode()}</Pass>
      <Logontype>1</Logontype>
    </Server>
    <Server><Host>sftp.example.com</Host><User>ask</User><Logontype>2</Logontype></Server>
  </Servers>
</FileZilla3>
"""
    cands = scan("sitemanager.xml", xml)
    assert [(c.rule_id, c.secret, c.location, c.account) for c in cands] == [
        ("config.filezilla-password-base64", "Ftp!Web2024", {"line": 10}, "webadmin")
    ]


def test_remote_access_tools() -> None:
    reg = f"""Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\TeamViewer]
"Version"="14.7.1965"
"SecurityPasswordAES"={teamviewer_reg_value("Tv#Unattended-Access-2024!")}
"Security_PasswordStrength"=dword:00000003
"""
    ini = f"[ultravnc]\npasswd={vnc_encode('Vnc!2024')}2A\npasswd2=\n"
    tv = scan("teamviewer.reg", reg)
    vnc = scan("ultravnc.ini", ini)
    assert [(c.rule_id, c.secret, c.location) for c in tv] == [
        ("config.teamviewer-password", "Tv#Unattended-Access-2024!", {"line": 5})
    ]
    assert [(c.rule_id, c.secret, c.location) for c in vnc] == [
        ("config.vnc-password", "Vnc!2024", {"line": 2})
    ]
    assert_masked(tv + vnc)


def test_mremoteng_connections_file() -> None:
    xml = f"""<?xml version="1.0" encoding="utf-8"?>
<mrng:Connections xmlns:mrng="http://mremoteng.org" Name="Connections" EncryptionEngine="AES"
    BlockCipherMode="GCM" KdfIterations="1000" FullFileEncryption="false" ConfVersion="2.6">
  <Node Name="Kunde A" Type="Container" Expanded="true">
    <Node Name="dc01" Type="Connection" Username="CORP\\admin" Domain=""
          Password="{mremoteng_encrypt("Dc01!Admin")}" Hostname="10.0.0.10" Protocol="RDP" />
    <Node Name="fw01" Type="Connection" Username="root" Password="" Hostname="10.0.0.1" Protocol="SSH2" />
  </Node>
</mrng:Connections>
"""
    cands = scan("confCons.xml", xml)
    assert [(c.rule_id, c.secret, c.location, c.account) for c in cands] == [
        ("config.mremoteng-password", "Dc01!Admin", {"line": 6}, "CORP\\admin")
    ]
    files = engine().detect_file(info_for("confCons.xml", xml))
    assert [c.rule_id for c in files] == ["store.mremoteng-connections"]


def test_env_file_real_values_versus_references() -> None:
    env = """# database
DB_HOST=db01
DB_PASSWORD=Pr0d-Db#2024
REDIS_PASSWORD=${REDIS_PASSWORD}
SMTP_PASS=
API_TOKEN={{ api_token }}
ADMIN_PWD='Adm1n!Panel'
DATABASE_URL=postgres://app:Url-Pw-2024@db01:5432/app
"""
    cands = scan(".env", env)
    assert {(c.secret, c.location["line"]) for c in cands} == {
        ("Pr0d-Db#2024", 3),
        ("Adm1n!Panel", 7),
        ("Url-Pw-2024", 8),
    }
    url = next(c for c in cands if c.location["line"] == 8)
    assert url.account == "app"


def test_template_files_are_excluded() -> None:
    env = "DB_PASSWORD=Pr0d-Db#2024\nDB_PASS='Pr0d-Db#2024'\n"
    cands = scan(".env.example", env)
    assert not [c for c in cands if c.rule_id.startswith("config.password-assignment")]


def test_git_credentials_text_and_file() -> None:
    text = "https://jdoe:ghp_R4nd0mT0kenValue1234567890abcdefAB@github.com\nhttps://ci:@gitlab.example.com\n"
    cands = scan(".git-credentials", text)
    assert {c.secret for c in cands} == {"ghp_R4nd0mT0kenValue1234567890abcdefAB"}
    assert {c.rule_id for c in cands} <= {"config.url-credentials", "token.github"}
    files = engine().detect_file(info_for(".git-credentials", text))
    assert [c.rule_id for c in files] == ["store.git-credentials"]


def test_table_cell_with_a_command() -> None:
    table = Table(
        rows=[["Step", "Command"], ["1", "net use Z: \\\\fs01\\daten Buero2024! /user:CORP\\scan"]],
        location={"sheet": "Runbook"},
    )
    cands = engine().detect_unit(info_for("runbook.xlsx", kind="xlsx"), table)
    hits = by_rule(cands, "config.cmd-net-use")
    assert [(c.secret, c.location) for c in hits] == [
        ("Buero2024!", {"sheet": "Runbook", "cell": "B2", "row": 2, "column": 2})
    ]


# ---------------------------------------------------------------------------
# keys
# ---------------------------------------------------------------------------


def test_private_keys_protected_versus_not() -> None:
    key = ed25519.Ed25519PrivateKey.generate()
    plain = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH, serialization.NoEncryption()
    ).decode()
    protected = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.OpenSSH,
        serialization.BestAvailableEncryption(b"a good passphrase"),
    ).decode()
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    rsa_protected = rsa_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.BestAvailableEncryption(b"pw"),
    ).decode()
    text = f"# keys\n{protected}\n{plain}\n{rsa_protected}"
    cands = by_rule(scan("keys.txt", text), "key.pem-private-key")
    assert [c.secret for c in cands] == [plain.strip()]
    assert cands[0].location == {"line": 2 + protected.count("\n") + 1}
    assert_masked(cands)
    assert "AAAA" not in cands[0].context


@pytest.mark.parametrize(
    ("password", "reported"), [(None, True), (b"changeit", True), (b"Str0ng!Export#99", False)]
)
def test_pkcs12_probe_then_file_rule(password: bytes | None, reported: bool) -> None:
    """The pipeline's part: probe the bytes, then ask the file rules with kind "pkcs12-weak"."""
    data = make_pfx(password)
    kind = "pkcs12-weak" if decoders.probe_pkcs12(data) is not None else "binary"
    cands = engine().detect_file(info_for("webserver.pfx", kind=kind, head=data[:64]))
    assert [c.rule_id for c in cands] == (["key.pkcs12-common-password"] if reported else [])


# ---------------------------------------------------------------------------
# tokens: a realistic CI file
# ---------------------------------------------------------------------------


def test_ci_variables_file() -> None:
    ghp = "ghp_" + "Zq8Lm2Xv9Tn4Rb7Kc1Yw6Hd3Pf5Js0Ga8Ue"
    slack = "https://hooks.slack.com/services/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"
    akid, aksecret = "AKIA2E0A8F3B244C9986", "7Hq/2mXv9Tn4Rb7Kc1Yw6Hd3Pf5Js0Ga8UeLm2Xw"
    yaml = f"""variables:
  GITHUB_TOKEN: {ghp}
  SLACK_WEBHOOK: "{slack}"
  AWS_ACCESS_KEY_ID: {akid}
  AWS_SECRET_ACCESS_KEY: {aksecret}
  DOCS_TOKEN: ${{{{ secrets.DOCS_TOKEN }}}}
  EXAMPLE_KEY: AKIAIOSFODNN7EXAMPLE
"""
    cands = scan(".gitlab-ci.yml", yaml)
    found = {(c.secret, c.location["line"]) for c in cands}
    assert found == {(ghp, 2), (slack, 3), (aksecret, 5)}
    aws = [c for c in cands if c.secret == aksecret]
    assert any(c.account == akid for c in aws)


# ---------------------------------------------------------------------------
# credential stores by name and by content
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("Passwords.kdbx", bytes.fromhex("03d9a29a67fb4bb5") + bytes(8), ["store.keepass-database"]),
        ("backup.bin", bytes.fromhex("03d9a29a67fb4bb5") + bytes(8), ["store.keepass-database-content"]),
        ("old.dat", bytes.fromhex("03d9a29a65fb4bb5"), ["store.keepass1-database-content"]),
        ("vault.dat", b"PWS3" + bytes(12), ["store.password-safe-content"]),
        ("Login Data", b"SQLite format 3\x00", ["store.browser-login-data"]),
        ("export.1pux", b"PK\x03\x04", ["export.1password-1pux"]),
        ("report.docx", b"PK\x03\x04", []),
        ("notes.txt", b"03d9a29a67fb4bb5", []),
    ],
)
def test_store_files(name: str, head: bytes, expected: list[str]) -> None:
    cands = engine().detect_file(info_for(name, kind="binary", head=head))
    assert sorted(c.rule_id for c in cands) == expected
    assert all(c.secret == "" for c in cands)


# ---------------------------------------------------------------------------
# hostile input
# ---------------------------------------------------------------------------


@pytest.mark.timeout(30)
@pytest.mark.parametrize(
    "text",
    [
        "password=" + "a" * 200_000,
        "<AdministratorPassword>" * 5_000,
        "https://" + "a:" * 20_000 + "@",
        "-----BEGIN PRIVATE KEY-----\n" + "A" * 100_000,
        "net use " + "\\\\x " * 20_000,
        '<Properties cpassword="' * 3_000,
        "[Sessions\\a]\n" + "x=y\n" * 20_000,
        "Server=x;" * 10_000 + "Password=",
        "\x00\ufffd" * 50_000,
        '<add key="password" cpassword ' * 5_000,
        "ConvertTo-SecureString -AsPlainText " * 5_000,
    ],
    ids=lambda text: text[:12],
)
def test_pathological_texts_stay_fast(text: str) -> None:
    """Hostile files cost bounded time: no rule may backtrack quadratically (each case well under 1 s)."""
    started = time.monotonic()
    scan("big.txt", text)
    assert time.monotonic() - started < 3
