"""Configuration files: WinSCP sessions reported decoded, XML entities in a web.config connection string,
an OpenVPN profile's inline <auth-user-pass>, a quoted compose environment item, XML- and JSON-escaped
values of vault exports and unattend.xml — and policy flags, prompting profiles and public key tokens that
are no passwords."""

from __future__ import annotations

from credscan.detect.engine import DetectionEngine
from tests.support.detect_helpers import secrets, text


def test_winscp_value_is_reported_decoded_only(engine: DetectionEngine) -> None:
    body = (
        "[Sessions\\backup@files.example.com]\nHostName=files.example.com\nUserName=backup\n"
        "Password=A35C7E5E06063E3D3F37292C3A3530392F7239243D312C3039723F33311E372C7D0F3F2C6E6C6E686F6F"
        "6F6F6F6F6F6F6F6F\nPortNumber=22\n"
    )
    found = text(engine, body, "WinSCP.ini")
    assert {c.rule_id for c in found} == {"config.winscp-password"}
    assert secrets(found) == {"Bkp!Scp2024"}


def test_web_config_entity_is_decoded_and_reported_once(engine: DetectionEngine) -> None:
    body = (
        '<add name="Wawi" connectionString="Data Source=SQL01;User ID=wawi_app;'
        'Password=BRE653a&amp;x;" providerName="System.Data.SqlClient"/>\n'
    )
    found = text(engine, body, "web.config")
    assert secrets(found) == {"BRE653a&x"}
    assert {c.rule_id for c in found} == {"config.connection-string-password"}


def test_openvpn_inline_auth_user_pass(engine: DetectionEngine) -> None:
    body = "client\r\nremote vpn.example.com 1194\r\n"
    body += "<auth-user-pass>\r\nvpnuser7\r\nS@gu@r0#4\r\n</auth-user-pass>"
    (found,) = text(engine, body, "site.ovpn")
    assert found.rule_id == "config.openvpn-inline-auth" and found.secret == "S@gu@r0#4"
    assert found.account == "vpnuser7"


def test_openvpn_prompting_profile_is_clean(engine: DetectionEngine) -> None:
    assert text(engine, "client\nauth-user-pass\nauth-nocache\n", "site.ovpn") == []


def test_quoted_compose_environment_item(engine: DetectionEngine) -> None:
    body = 'services:\n  db:\n    environment:\n      - "POSTGRES_PASSWORD=Quokka-Yarra-17"\n'
    assert secrets(text(engine, body, "docker-compose.yml")) == {"Quokka-Yarra-17"}
    body = 'services:\n  db:\n    environment:\n      - "POSTGRES_PASSWORD=${POSTGRES_PASSWORD}"\n'
    assert text(engine, body, "docker-compose.yml") == []


def test_policy_flags_are_not_passwords(engine: DetectionEngine) -> None:
    inf = "[System Access]\nMinimumPasswordLength = 14\nPasswordComplexity = 1\nClearTextPassword = 0\n"
    assert not text(engine, inf, "GptTmpl.inf")
    assert not text(engine, "Pass: 3 von 4 Tests")


def test_xml_and_json_values_are_unescaped(engine: DetectionEngine) -> None:
    keepass = (
        "<KeePassFile><Root><Group><Entry><String><Key>Title</Key><Value>vCenter</Value></String>"
        '<String><Key>Password</Key><Value ProtectInMemory="True">Fu&amp;ball&#33;639</Value></String>'
        "</Entry></Group></Root></KeePassFile>"
    )
    assert secrets(text(engine, keepass, "KeePass Export.xml")) == {"Fu&ball!639"}
    unattend = (
        '<unattend xmlns="urn:schemas-microsoft-com:unattend"><AutoLogon><Password>'
        "<Value>Anker&amp;Summer77</Value><PlainText>true</PlainText></Password></AutoLogon></unattend>"
    )
    assert secrets(text(engine, unattend, "unattend.xml")) == {"Anker&Summer77"}
    bitwarden = '{"items": [{"type": 1, "login": {"username": "jdoe", "password": "Gl\\u00fcck+257"}}]}'
    assert secrets(text(engine, bitwarden, "bitwarden_export.json")) == {"Glück+257"}
