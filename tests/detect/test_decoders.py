"""Decoders: each encoded format is built here from its public description, then decoded back.

The encoders below (gpp_encrypt, unattend_encode, winscp_encode, vnc_encode, teamviewer_reg_value,
mremoteng_encrypt, make_pfx) are also the fixture builders
of test_rulepacks.py.
"""

from __future__ import annotations

import base64
import secrets
import time

import pytest
from cryptography.hazmat.primitives import padding, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from hypothesis import given, settings
from hypothesis import strategies as st

from credscan.detect import decoders
from credscan.detect import decoders as d
from credscan.detect.decoders import DECODERS
from credscan.detect.validators import not_dummy_token, random_token
from tests.support.encoders import (
    gpp_encrypt,
    make_pfx,
    mremoteng_encrypt,
    teamviewer_reg_value,
    unattend_encode,
    vnc_encode,
    winscp_encode,
)

# ---------------------------------------------------------------------------
# encoders written from the format descriptions (docs/formats.md), independent of the decoders
# ---------------------------------------------------------------------------


def winscp_section(name: str, host: str | None, user: str | None, password_field: str) -> str:
    lines = [f"[Sessions\\{name}]"]
    if host is not None:
        lines.append(f"HostName={host}")
    if user is not None:
        lines.append(f"UserName={user}")
    lines += [f"Password={password_field}", "PortNumber=22", "FSProtocol=2"]
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# GPP cpassword
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("password", ["Local*P4ssword!", "x", "Pässwört €uro 🙂", "A" * 64, 'quote"and<xml>'])
def test_gpp_cpassword_recovers_what_the_public_key_encrypted(password: str) -> None:
    value = gpp_encrypt(password)
    assert "=" not in value
    assert decoders.gpp_cpassword(value) == password


def test_gpp_cpassword_published_example() -> None:
    # The value Microsoft's key decrypts in every public write-up of MS14-025.
    assert decoders.gpp_cpassword("j1Uyj3Vx8TY9LtLZil2uAuZkFQA/4latT76ZwgdHdhw") == "Local*P4ssword!"


@pytest.mark.parametrize("value", ["", "   ", "not base64!!", "AAAA", base64.b64encode(bytes(16)).decode()])
def test_gpp_cpassword_rejects_empty_and_garbage(value: str) -> None:
    assert decoders.gpp_cpassword(value) is None


def test_gpp_cpassword_wrong_key_is_rejected_not_garbled() -> None:
    padder = padding.PKCS7(128).padder()
    data = padder.update("secret".encode("utf-16-le")) + padder.finalize()
    encryptor = Cipher(algorithms.AES(bytes(32)), modes.CBC(bytes(16))).encryptor()
    value = base64.b64encode(encryptor.update(data) + encryptor.finalize()).decode()
    result = decoders.gpp_cpassword(value)
    assert result != "secret"


# ---------------------------------------------------------------------------
# unattend.xml, FileZilla, URLs, Basic auth
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("password", ["Sup3rAdmin", "Pa ss wörd!", "AdministratorPassword1"])
def test_unattend_round_trip(password: str) -> None:
    admin = unattend_encode(password, "AdministratorPassword")
    account = unattend_encode(password, "Password")
    assert decoders.unattend_administrator_password(admin) == password
    assert decoders.unattend_password(account) == password
    # the suffix names the element: the wrong one is not silently stripped
    assert decoders.unattend_password(admin) == password + "Administrator"
    assert decoders.unattend_administrator_password(account) is None


def test_unattend_empty_password_and_garbage() -> None:
    assert decoders.unattend_administrator_password(unattend_encode("", "AdministratorPassword")) is None
    assert decoders.unattend_password(unattend_encode("", "Password")) is None
    assert decoders.unattend_password("") is None
    assert decoders.unattend_password("%%%") is None
    assert decoders.unattend_password(base64.b64encode(b"\xff\xfe\x00").decode()) is None


def test_filezilla_base64() -> None:
    assert decoders.base64_text(base64.b64encode("Ftp!Wéb2024".encode()).decode()) == "Ftp!Wéb2024"
    assert decoders.base64_text("") is None
    assert decoders.base64_text("****") is None
    assert decoders.base64_text(base64.b64encode(b"\xff\xfe\xfd").decode()) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Pr0xy%40pass", "Pr0xy@pass"),
        ("D1fficult", "D1fficult"),
        ("${DB_PASS}", None),
        ("Password", None),  # a label
        ("secret", "secret"),  # a default password: a value, judged by the default_password filter
    ],
)
def test_url_password(raw: str, expected: str | None) -> None:
    assert decoders.url_password(raw) == expected


def test_basic_auth() -> None:
    assert decoders.basic_auth(base64.b64encode(b"admin:Nas!2024").decode()) == "Nas!2024"
    assert decoders.basic_auth(base64.b64encode(b"username").decode()) is None
    assert decoders.basic_auth(base64.b64encode(b"admin:your_password").decode()) is None
    assert decoders.basic_auth(base64.b64encode(b"admin:password").decode()) == "password"  # a default


# ---------------------------------------------------------------------------
# WinSCP
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("password", ["Bkp!Scp2024", "ä€ß", "p" * 40])
def test_winscp_round_trip_with_user_and_host(password: str) -> None:
    field = winscp_encode(password, "backup" + "files.example.com")
    section = winscp_section("backup@files.example.com", "files.example.com", "backup", field)
    assert decoders.winscp_session(section) == password


def test_winscp_key_from_section_name_when_fields_missing() -> None:
    field = winscp_encode("FromName1", "deploy" + "10.0.0.7")
    section = winscp_section("deploy@10.0.0.7", None, None, field)
    assert decoders.winscp_session(section) == "FromName1"


def test_winscp_section_name_is_url_encoded() -> None:
    field = winscp_encode("Enc0ded!", "CORP\\svc" + "sftp.example.com")
    section = winscp_section("CORP%5Csvc@sftp.example.com", "sftp.example.com", "CORP%5Csvc", field)
    assert decoders.winscp_session(section) == "Enc0ded!"


def test_winscp_registry_export() -> None:
    field = winscp_encode("R3g!Export", "deploy" + "web01")
    section = (
        "[HKEY_CURRENT_USER\\Software\\Martin Prikryl\\WinSCP 2\\Sessions\\deploy@web01]\n"
        f'"HostName"="web01"\n"UserName"="deploy"\n"Password"="{field}"\n"PortNumber"=dword:00000016'
    )
    assert decoders.winscp_session(section) == "R3g!Export"


def test_winscp_old_format_without_flag() -> None:
    field = winscp_encode("OldStyle9", "", flag=False)
    assert decoders.winscp_session(winscp_section("x", "h", "u", field)) == "OldStyle9"


def test_winscp_unknown_key_still_reports_the_raw_value() -> None:
    field = winscp_encode("Hidden#1", "someone" + "elsewhere.example")
    section = winscp_section("My%20Site", None, None, field)
    assert decoders.winscp_session(section) == field


@pytest.mark.parametrize("field", ["", "ZZ", "A", "A3"])
def test_winscp_hostile_values(field: str) -> None:
    result = decoders.winscp_session(winscp_section("u@h", "h", "u", field))
    assert result in (None, field)


# ---------------------------------------------------------------------------
# VNC and TeamViewer
# ---------------------------------------------------------------------------


def test_vnc_default_password_vector() -> None:
    # The value every VNC documentation shows for the password "password".
    assert decoders.vnc_password("DBD83CFD727A1458") == "password"


@pytest.mark.parametrize("password", ["Vnc!2024", "short", "12345678"])
def test_vnc_round_trip(password: str) -> None:
    value = vnc_encode(password)
    assert decoders.vnc_password(value) == password
    assert decoders.vnc_password(value + "2A") == password  # UltraVNC's trailing checksum byte
    reg = "hex:" + ",".join(value[i : i + 2].lower() for i in range(0, 16, 2))
    assert decoders.vnc_password(reg) == password


def test_vnc_rejects_non_hex() -> None:
    assert decoders.vnc_password("not hex") is None
    assert decoders.vnc_password("ABCD") is None


@pytest.mark.parametrize("password", ["Tv#Unattended1", "a", "Lång lösenord med mellanslag 2024"])
def test_teamviewer_round_trip(password: str) -> None:
    value = teamviewer_reg_value(password)
    assert decoders.teamviewer_password(value) == password


def test_teamviewer_undecodable_value_is_still_reported_raw() -> None:
    value = "hex:" + ",".join(["00"] * 16)
    assert decoders.teamviewer_password(value) == value
    assert decoders.teamviewer_password("hex:00,11") is None


@pytest.mark.parametrize("legacy", [False, True])
@pytest.mark.parametrize("password", ["Rdp!Admin2024", "ünïcödé pass"])
def test_mremoteng_default_master_password(password: str, legacy: bool) -> None:
    assert decoders.mremoteng_password(mremoteng_encrypt(password, legacy=legacy)) == password


def test_mremoteng_custom_master_password_and_garbage() -> None:
    assert decoders.mremoteng_password(mremoteng_encrypt("x", b"my own master")) is None
    assert decoders.mremoteng_password("") is None
    assert decoders.mremoteng_password("not base64") is None
    assert decoders.mremoteng_password(base64.b64encode(secrets.token_bytes(64)).decode()) is None


# ---------------------------------------------------------------------------
# private keys
# ---------------------------------------------------------------------------


def _openssh(key: ed25519.Ed25519PrivateKey, passphrase: bytes | None) -> str:
    encryption = (
        serialization.BestAvailableEncryption(passphrase) if passphrase else serialization.NoEncryption()
    )
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH, encryption
    ).decode()


def test_openssh_cipher_none_versus_encrypted() -> None:
    key = ed25519.Ed25519PrivateKey.generate()
    plain = _openssh(key, None)
    protected = _openssh(key, b"correct horse battery staple")
    assert decoders.openssh_cipher(plain) == "none"
    assert decoders.openssh_cipher(protected) == "aes256-ctr"
    assert decoders.unencrypted_private_key(plain) == plain
    assert decoders.unencrypted_private_key(protected) is None


def test_openssh_key_pasted_into_json_with_escaped_newlines() -> None:
    key = ed25519.Ed25519PrivateKey.generate()
    escaped = _openssh(key, b"pw").replace("\n", "\\n")
    assert decoders.unencrypted_private_key(escaped) is None
    assert decoders.unencrypted_private_key(_openssh(key, None).replace("\n", "\\n")) is not None


def test_pem_keys_unencrypted_versus_encrypted() -> None:
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    ec_key = ec.generate_private_key(ec.SECP256R1())
    pem = serialization.Encoding.PEM
    trad, pkcs8 = serialization.PrivateFormat.TraditionalOpenSSL, serialization.PrivateFormat.PKCS8
    none, pw = serialization.NoEncryption(), serialization.BestAvailableEncryption(b"s3cret-pass")
    for key in (rsa_key, ec_key):
        for fmt in (trad, pkcs8):
            unprotected = key.private_bytes(pem, fmt, none).decode()
            protected = key.private_bytes(pem, fmt, pw).decode()
            assert decoders.unencrypted_private_key(unprotected) == unprotected
            assert decoders.unencrypted_private_key(protected) is None
    assert "Proc-Type: 4,ENCRYPTED" in rsa_key.private_bytes(pem, trad, pw).decode()


def test_base64_wrapped_private_key() -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    protected = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(b"pw"),
    )
    wrapped = base64.b64encode(pem).decode()
    assert wrapped.startswith("LS0tLS1CRUdJTi")
    assert decoders.base64_private_key(wrapped) == pem.decode()
    assert decoders.base64_private_key(base64.b64encode(protected).decode()) is None
    cert = base64.b64encode(b"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n").decode()
    assert decoders.base64_private_key(cert) is None
    # a copy cut short in the middle still names a private key in its first bytes
    assert decoders.base64_private_key(wrapped[:101]) == wrapped[:101]


# ---------------------------------------------------------------------------
# PKCS#12
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(("password", "expected"), [(None, ""), (b"changeit", "changeit"), (b"1234", "1234")])
def test_probe_pkcs12_opens_with_empty_or_common_password(password: bytes | None, expected: str) -> None:
    assert decoders.probe_pkcs12(make_pfx(password)) == expected


def test_probe_pkcs12_strong_password_and_hostile_input() -> None:
    assert decoders.probe_pkcs12(make_pfx(b"V3ry-Str0ng-Export-Pa55!")) is None
    data = make_pfx(None)
    assert decoders.probe_pkcs12(data[: len(data) // 2]) is None
    assert decoders.probe_pkcs12(b"") is None
    assert decoders.probe_pkcs12(b"\x30" + secrets.token_bytes(500)) is None
    assert decoders.probe_pkcs12(b"\x30" * (decoders.PKCS12_MAX_BYTES + 1)) is None


# ---------------------------------------------------------------------------
# value checks shared by the config and token rules
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "${DB_PASSWORD}", "{{ vault_pw }}", "%ADMINPASS%", "<password>", "$env:PW", "$Password", "********",
        "CHANGEME", "your_password", "(in vault)", "see IT Glue", "*SENSITIVE*DATA*DELETED*", "#{db['pw']}",
        "{0}", "aaaaaaaaaaaa", "password_here", "Passwort", "N/A", "",
    ],
)  # fmt: skip
def test_placeholders_are_not_secrets(value: str) -> None:
    assert decoders.is_placeholder(value)
    assert decoders.config_value(value) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('"Pr0d-Db#2024"', "Pr0d-Db#2024"),
        ("'open sesame'", "open sesame"),
        ('\\"goodspec\\"', "goodspec"),
        ("open_sesame", "open_sesame"),
        ("Mailer2024!;", "Mailer2024!"),
        ("request.form['password']", None),
        ("getpass.getpass()", None),
        ("self.password", None),
        ("Optional[str]", None),
        ('"Enter your password"', None),
    ],
)
def test_config_value(raw: str, expected: str | None) -> None:
    assert decoders.config_value(raw) == expected


@pytest.mark.parametrize(
    ("value", "accepted"),
    [
        ("d37a8b9e09642cb73cfcf4e1284815fc3d6a55a7714110187ac59856ae4ab5ad", True),
        ("zt7GeN6IH911xvRj", True),
        ("hello_world_test", False),
        ("SOME_SETTING_NAME", False),
        ("https://login.example.net/oauth2/token", False),
        ("prod-db-password", False),
        ("AKIAIOSFODNN7EXAMPLE", False),
        ("short1", False),
    ],
)
def test_random_token(value: str, accepted: bool) -> None:
    """The generic token rules: decoder config_literal, then the validator random_token."""
    decoded = decoders.config_literal(value)
    assert (decoded is not None and bool(random_token(decoded))) is accepted


def test_not_dummy_token_drops_documentation_dummies() -> None:
    assert not not_dummy_token("xoxb-0000000000-0000000000000-xxxxxxxxxxxxxxxxxxxxxxxx")
    assert not not_dummy_token("tvly-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")
    assert not_dummy_token("ghp_" + "a1B2c3D4e5" * 3 + "f6G7h8")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_no_decoder_raises_on_arbitrary_text(text: str) -> None:
    for name, decode in DECODERS.items():
        result = decode(text)
        assert result is None or isinstance(result, str), name


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "value",
    [
        "the " + "a " * 50_000, "your" + "x" * 100_000, "${" + "a" * 100_000, "{{" * 50_000,
        "a_" * 50_000 + "!", "a." * 50_000 + "(", "_" + "Ab" * 50_000, "EAAC" + "aB3x" * 25_000,
        "A35C" + "0" * 100_000,
        "hex:" + "00," * 30_000, "Q" * 100_000, "-----BEGIN OPENSSH PRIVATE KEY-----\n" + "A" * 100_000,
    ],
    ids=lambda value: value[:8],
)  # fmt: skip
def test_decoders_take_linear_time_on_hostile_values(value: str) -> None:
    """A 100 kB value through every decoder: no regex may backtrack exponentially or quadratically."""
    started = time.monotonic()
    for decode in DECODERS.values():
        decode(value)
    assert time.monotonic() - started < 2


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=2000))
def test_probe_pkcs12_never_raises(data: bytes) -> None:
    assert decoders.probe_pkcs12(data) in (None, *decoders.COMMON_PKCS12_PASSWORDS)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("a&amp;b", "a&b"), ("&lt;x&gt;", "<x>"), ("&#x41;&#66;", "AB"), ("&nbsp;", "&nbsp;"), ("&#0;", "&#0;")],
)
def test_xml_text_decoder(raw: str, expected: str) -> None:
    assert d.xml_text(raw) == expected


def test_json_string_decoder_never_raises() -> None:
    assert d.json_string('a\\"b') == 'a"b'
    assert d.json_string("bad\\x") is None
    assert d.json_string("   ") is None
    assert d.json_string("x\\ud800y") is None  # a lone surrogate cannot be printed or logged
    assert d.xml_text("a&#xD800;b") == "a&#xD800;b"
    assert d.config_value('"a\\ud800b"') == "a\\ud800b"
    assert d.config_value('"Gl\\u00fcck+257"') == "Glück+257"
