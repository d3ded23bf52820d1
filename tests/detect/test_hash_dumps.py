"""Hash dumps are credential stores (rules/stores.toml, ``store.hash-dump-*``): a copy of /etc/shadow, a
pwdump/secretsdump excerpt, Mimikatz output, Kerberoasting and AS-REP roasting output, Responder's NetNTLM
captures, captured Wi-Fi handshakes, a hashcat/john hash list and htpasswd-style ``user:hash`` lists
report each hash, with the dumped account; a cracked list (potfile) reports the passwords beside its
hashes. Beside each true case the look-alike that stays no finding: a hash as a value in configuration or
code, a test vector, Cisco ``secret 5``, a bcrypt column of a database export, an LDIF ``userPassword``,
a hash a manual shows between its sentences. Hashes are built here from a seeded random alphabet (their
shape is what the rules read); the whole module runs in well under a second."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from credscan.detect.engine import DetectionEngine
from credscan.model import Candidate
from tests.support.detect_helpers import secrets, table, text
from tests.support.docbuilders import make_text
from tests.support.scanning import scan_file

RNG = random.Random(1505)
CRYPT_ALPHABET = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _chars(alphabet: str, count: int) -> str:
    return "".join(RNG.choice(alphabet) for _ in range(count))


def _hex(count: int) -> str:
    return _chars("0123456789abcdef", count)


def sha512crypt() -> str:
    return f"$6${_chars(CRYPT_ALPHABET, 16)}${_chars(CRYPT_ALPHABET, 86)}"


def md5crypt(prefix: str = "1") -> str:
    return f"${prefix}${_chars(CRYPT_ALPHABET, 8)}${_chars(CRYPT_ALPHABET, 22)}"


def bcrypt(variant: str = "2b") -> str:
    return f"${variant}$10${_chars(CRYPT_ALPHABET, 53)}"


def cisco8() -> str:
    return f"$8${_chars(CRYPT_ALPHABET, 14)}${_chars(CRYPT_ALPHABET, 43)}"


def rule_ids(found: list[Candidate]) -> set[str]:
    return {c.rule_id for c in found}


def by_secret(found: list[Candidate]) -> dict[str, Candidate]:
    return {c.secret: c for c in found}


# -- dumps: each hash reported, with its account ---------------------------------------------------------


def test_shadow_copy_reports_every_hash_with_its_user(engine: DetectionEngine) -> None:
    root, backup = sha512crypt(), md5crypt()
    body = (
        f"root:{root}:19523:0:99999:7:::\n"
        "daemon:*:19523:0:99999:7:::\n"
        "nobody:!:19523:0:99999:7:::\n"
        f"backup:!{backup}:19523:0:99999:7:::\n"  # locked, the hash is still there
    )
    found = by_secret(text(engine, body, "shadow.bak"))
    assert set(found) == {root, backup}
    assert found[root].account == "root" and found[backup].account == "backup"
    assert rule_ids(list(found.values())) == {"store.hash-dump-account"}


def test_htpasswd_style_list_under_any_name(engine: DetectionEngine) -> None:
    apr1, blow, cached = md5crypt("apr1"), bcrypt("2y"), f"$DCC2$10240#jdoe#{_hex(32)}"
    sha, nt = "{SHA}" + _chars(CRYPT_ALPHABET[2:], 27) + "=", f"$NT${_hex(32)}"
    body = f"admin:{apr1}\nj.doe@kunde.de:{blow}\nCORP.LOCAL/jdoe:{cached}\nweb:{sha}\nsvc_bak:{nt}\n"
    found = by_secret(text(engine, body, "users.txt"))
    assert {value: c.account for value, c in found.items()} == {
        apr1: "admin",
        blow: "j.doe@kunde.de",
        cached: "CORP.LOCAL/jdoe",
        sha: "web",
        nt: "svc_bak",
    }


def test_hash_list_of_bare_crypt_hashes(engine: DetectionEngine) -> None:
    hashes = [bcrypt(), sha512crypt(), md5crypt(), cisco8()]
    body = "# hashcat -m 3200 targets\n" + "\n".join(hashes) + "\n"
    found = text(engine, body, "hashes.txt")
    assert secrets(found) == set(hashes)
    assert rule_ids(found) == {"store.hash-dump-line"}


def test_one_hash_alone_in_a_file_is_a_hash_list(engine: DetectionEngine) -> None:
    value = bcrypt("2a")
    assert secrets(text(engine, value, "crack-me.txt")) == {value}


def test_secretsdump_output(engine: DetectionEngine) -> None:
    admin_nt, svc_nt, svc_aes = _hex(32), _hex(32), _hex(64)
    body = (
        "Impacket v0.11.0 - Copyright 2023 Fortra\n\n"
        "[*] Dumping Domain Credentials (domain\\uid:rid:lmhash:nthash)\n"
        "[*] Using the DRSUAPI method to get NTDS.DIT secrets\n"
        f"CORP.LOCAL\\Administrator:500:aad3b435b51404eeaad3b435b51404ee:{admin_nt}:::\n"
        "Guest:501:aad3b435b51404eeaad3b435b51404ee:31d6cfe0d16ae931b73c59d7e0c089c0:::\n"
        f"CORP.LOCAL\\svc_sql:1105:aad3b435b51404eeaad3b435b51404ee:{svc_nt}::: (status=Enabled)\n"
        "[*] Kerberos keys grabbed\n"
        f"CORP.LOCAL\\svc_sql:aes256-cts-hmac-sha1-96:{svc_aes}\n"
        "[*] Cleaning up...\n"
    )
    found = by_secret(text(engine, body, "dc01-dump.txt"))
    assert set(found) == {admin_nt, svc_nt, svc_aes}, "the empty password's NT hash (Guest) is public"
    assert found[admin_nt].account == "CORP.LOCAL\\Administrator"
    assert found[svc_aes].account == "CORP.LOCAL\\svc_sql"
    assert found[svc_aes].rule_id == "store.hash-dump-kerberos-key"


def test_pwdump_with_lm_hash_masks_both_hashes_in_the_context(engine: DetectionEngine) -> None:
    lm, nt = _hex(32), _hex(32)
    found = text(engine, f"Some User:1001:{lm}:{nt}:::\n", "pwdump.txt")
    assert secrets(found) == {nt}
    assert found[0].account == "Some User"
    assert lm not in found[0].context and nt not in found[0].context


def test_mimikatz_output(engine: DetectionEngine) -> None:
    jdoe, admin = _hex(32), _hex(32)
    body = (
        "Authentication Id : 0 ; 996 (00000000:000003e4)\n"
        "User Name         : jdoe\n"
        "Domain            : CORP\n"
        "\tmsv :\n"
        "\t [00000003] Primary\n"
        "\t * Username : jdoe\n"
        "\t * Domain   : CORP\n"
        f"\t * NTLM     : {jdoe}\n"
        f"\t * SHA1     : {_hex(40)}\n"
        "\t * NTLM     : 31d6cfe0d16ae931b73c59d7e0c089c0\n"
        "RID  : 000001f4 (500)\n"
        "User : Administrator\n"
        f"  Hash NTLM: {admin}\n"
    )
    found = by_secret(text(engine, body, "mimikatz.log"))
    assert set(found) == {jdoe, admin}
    assert found[jdoe].account == "jdoe" and found[admin].account == "Administrator"
    assert all(c.rule_id == "store.hash-dump-mimikatz" for c in found.values())


def test_kerberoast_and_asreproast_output(engine: DetectionEngine) -> None:
    tgs = f"$krb5tgs$23$*svc_sql$CORP.LOCAL$MSSQLSvc/sql01.corp.local:1433*${_hex(32)}${_hex(600)}"
    asrep = f"$krb5asrep$23$jdoe@CORP.LOCAL:{_hex(32)}${_hex(400)}"
    body = (
        "ServicePrincipalName  Name  MemberOf  PasswordLastSet  LastLogon  Delegation\n"
        "--------------------  ----  --------  ---------------  ---------  ----------\n"
        "MSSQLSvc/sql01.corp.local:1433  svc_sql  CN=SQL Admins  2021-03-01 10:00:00  <never>\n\n"
        f"{tgs}\n\n"
        f"[*] Hash                   : {asrep}\n"
    )
    found = by_secret(text(engine, body, "roast.txt"))
    assert set(found) == {tgs, asrep}
    assert found[tgs].account == "svc_sql" and found[asrep].account == "jdoe"


def test_responder_captures(engine: DetectionEngine) -> None:
    v2 = f"jdoe::CORP:{_hex(16)}:{_hex(32).upper()}:{_hex(300).upper()}"
    v1 = f"WS01$::CORP:{_hex(48)}:{_hex(48)}:{_hex(16)}"
    body = f"[SMB] NTLMv2-SSP Client   : 10.0.0.23\n[SMB] NTLMv2-SSP Hash     : {v2}\n{v1}\n"
    found = by_secret(text(engine, body, "Responder-Session.log"))
    assert set(found) == {v2, v1}
    assert found[v2].account == "jdoe" and found[v1].account == "WS01$"
    assert all(c.rule_id == "store.hash-dump-netntlm" for c in found.values())


def test_captured_wifi_handshakes(engine: DetectionEngine) -> None:
    """hcxpcapngtool's .hc22000 lines (PMKID and EAPOL) and the older 16800 PMKID line."""
    essid = b"Praxis-WLAN".hex()
    pmkid = f"WPA*01*{_hex(32)}*{_hex(12)}*{_hex(12)}*{essid}***"
    eapol = f"WPA*02*{_hex(32)}*{_hex(12)}*{_hex(12)}*{essid}*{_hex(64)}*{_hex(240)}*02"
    old = f"{_hex(32)}*{_hex(12)}*{_hex(12)}*{essid}"
    found = text(engine, f"{pmkid}\n{eapol}\n{old}\n", "capture.hc22000")
    assert secrets(found) == {pmkid, eapol, old}
    assert {c.rule_id for c in found} == {"store.hash-dump-wpa"}


def test_cracked_hash_lists_report_the_password(engine: DetectionEngine) -> None:
    """hashcat.potfile / john.pot: each cracked hash with its password after a colon. The password is
    the secret; the hash before it is masked in the context like any credential-like token."""
    crypt, roast = md5crypt(), f"$krb5tgs$23$*svc_sql$CORP.LOCAL$MSSQLSvc/sql01:1433*${_hex(32)}${_hex(200)}"
    capture = f"JDOE::CORP:{_hex(16)}:{_hex(32)}:{_hex(120)}"
    body = f"{crypt}:Sommer2024!\n{roast}:SqlSvc#2019\n{capture}:correct horse battery staple\n"
    found = by_secret(text(engine, body, "hashcat.potfile"))
    assert set(found) == {"Sommer2024!", "SqlSvc#2019", "correct horse battery staple"}
    assert found["correct horse battery staple"].account == "JDOE"
    assert crypt[4:] not in found["Sommer2024!"].context
    assert not text(engine, f"{_hex(32)}:password\n{_hex(32)}:letmein\n", "md5-lookup.txt")


def test_a_dump_is_a_credential_store_finding_with_its_advice(tmp_path: Path) -> None:
    """Through the whole pipeline: category, severity (cracked first: medium; pass-the-hash: high),
    remediation that says to delete the dump and change the accounts' passwords, the hash masked."""
    root, nt = sha512crypt(), _hex(32)
    make_text(tmp_path / "shadow.bak", f"root:{root}:19523:0:99999:7:::\n")
    make_text(tmp_path / "ntds.txt", f"CORP\\krbtgt:502:aad3b435b51404eeaad3b435b51404ee:{nt}:::\n")
    make_text(tmp_path / "john.pot", f"{md5crypt()}:Sommer2024!\n")
    assert [(f.severity, f.secret) for f in scan_file(tmp_path / "john.pot").findings] == [
        ("high", "Sommer2024!")
    ]
    shadow = scan_file(tmp_path / "shadow.bak").findings
    ntds = scan_file(tmp_path / "ntds.txt").findings
    assert [(f.category, f.severity, f.account) for f in shadow] == [("credential-store", "medium", "root")]
    assert [(f.category, f.severity) for f in ntds] == [("credential-store", "high")]
    assert ntds[0].account == "CORP\\krbtgt"
    for finding, value in ((shadow[0], root), (ntds[0], nt)):
        assert finding.secret == value and finding.secret_hash
        assert value[2:] not in finding.secret_masked and value[4:] not in finding.context
        lowered = finding.remediation.lower()
        assert "delete the dump" in lowered and "passwords of" in lowered


# -- a hash as a value stays no finding ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("settings.yml", f"admin:\n  hashed_password: {sha512crypt()}\n"),
        ("auth.py", f'PASSWORD_HASH = "{bcrypt("2a")}"\n'),
        ("config.ini", f"[web]\npassword_hash = {bcrypt()}\n"),
        (
            "test_hashers.py",  # Django/passlib-style test vectors
            "class TestBCrypt(HandlerCase):\n    known_correct_hashes = [\n"
            f"        ('', '{bcrypt()}'),\n        ('U*U', '{md5crypt()}'),\n    ]\n"
            f"    self.assertTrue(check_password('lètmein', '{bcrypt()}'))\n",
        ),
        ("switch.cfg", f"hostname SW1\nenable secret 5 {md5crypt()}\nusername netops secret 8 {cisco8()}\n"),
        ("users.sql", f"INSERT INTO users (id, email, pw) VALUES (1, 'a@b.de', '{bcrypt('2y')}');\n"),
        ("export.ldif", "dn: uid=jdoe,ou=people,dc=corp\nuserPassword: {SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\n"),
        ("base64.ldif", "dn: uid=jdoe,ou=people,dc=corp\nuserPassword:: e1NIQX1XNnBoNU1tNVB6OEdnaVVM\n"),
        ("hostapd.conf", "ssid=Praxis-WLAN\nwpa_passphrase_hash=" + _hex(64) + "\n"),
        ("users.json", f'{{"root": "{sha512crypt()}", "admin": "{md5crypt()}"}}\n'),
        ("passwd", "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"),
        ("checksums.txt", f"{_hex(32)}\n{_hex(32)}\n{_hex(64)}\n"),
        (
            "krb5.conf",
            "[libdefaults]\n default_tkt_enctypes = aes256-cts-hmac-sha1-96 aes128-cts-hmac-sha1-96\n",
        ),
        ("main.cpp", "for (auto it = std::string::npos; ; ) {}\n"),
    ],
)
def test_hash_values_in_configuration_and_code_are_no_finding(
    engine: DetectionEngine, name: str, body: str
) -> None:
    assert not [c for c in text(engine, body, name) if c.rule_id.startswith("store.hash-dump")]


def test_a_hash_a_manual_shows_between_sentences_is_no_hash_list(engine: DetectionEngine) -> None:
    """passlib's documentation: "…has the same structure as the bcrypt hash.::" then the hash, indented."""
    value = bcrypt("2a")
    body = (
        "This hash has the exact same structure as bcrypt, except for its prefix.\n\n"
        f"    {value}\n\n"
        "That said, the hash is calculated slightly differently.\n"
    )
    assert not text(engine, body, "passlib.hash.django_std.rst")
    assert secrets(text(engine, f"# cracked tonight\n{value}\n{bcrypt()}\n", "todo.txt")) >= {value}
    last = bcrypt()
    listed = text(engine, f"{value}\n{last}\n\n3 of 10 cracked so far, see ticket.\n", "roundup.txt")
    assert secrets(listed) == {value, last}, "a note after a list leaves its last hash in the list"


def test_lines_a_doctest_prints_are_an_example_a_shell_transcript_is_not(engine: DetectionEngine) -> None:
    """passlib's manual: ``>>> print ht.to_string()`` then two htpasswd lines. A terminal transcript of
    ``cat /etc/shadow`` pasted into a ticket holds the real hash."""
    first, second = md5crypt("apr1"), md5crypt("apr1")
    doctest = (
        f"    >>> print ht.to_string()\n    someuser:{first}\n    anotheruser:{second}\n\n.. warning::\n"
    )
    assert not text(engine, doctest, "passlib.apache.rst")
    transcript = f"root@web01:~# cat /etc/shadow\nroot:{sha512crypt()}:19523:0:99999:7:::\n"
    assert len(text(engine, transcript, "ticket-4711.txt")) == 1


def test_a_bcrypt_column_of_a_database_export_is_no_dump(engine: DetectionEngine) -> None:
    rows = [["id", "email", "password_hash"]]
    rows += [[str(n), f"u{n}@example.org", bcrypt("2y")] for n in range(5)]
    assert not table(engine, rows, "users_export.csv")
    assert not table(engine, [["User", "Password"], ["jdoe", bcrypt()]], "Benutzer_Hashes.xlsx")


def test_tool_documentation_of_the_formats_is_no_finding(engine: DetectionEngine) -> None:
    body = (
        "Format: user::domain:challenge:response:blob\n"
        "The format is $krb5tgs$23$*user$realm$spn*$checksum$edata2.\n"
        "[*] Dumping Domain Credentials (domain\\uid:rid:lmhash:nthash)\n"
    )
    assert not text(engine, body, "README.md")
