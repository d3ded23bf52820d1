"""Router, switch and firewall configuration backups through the real engine, and the decoders of their
reversible encodings (credscan.detect.devicecodes). Whole realistic configs: every secret reported once, in
plaintext where the encoding is reversible, hashes and encrypted values never. Costs well under a second."""

from __future__ import annotations

import pytest

from credscan.detect import devicecodes
from credscan.detect.engine import DetectionEngine
from tests.support.detect_helpers import secrets, text


def cisco7_encode(plaintext: str, seed: int = 2) -> str:
    """The type 7 encoding as IOS writes it (the inverse of devicecodes.cisco_type7)."""
    key = devicecodes.CISCO_TYPE7_KEY
    body = "".join(f"{ord(c) ^ ord(key[(seed + i) % len(key)]):02X}" for i, c in enumerate(plaintext))
    return f"{seed:02d}{body}"


@pytest.mark.parametrize(
    ("encoded", "plain"),
    [("0822455D0A16", "cisco"), ("121A0C041104", "cisco"), ("045802150C2E", "cisco")],
)
def test_cisco_type7_published_vectors(encoded: str, plain: str) -> None:
    assert devicecodes.cisco_type7(encoded) == plain


@pytest.mark.parametrize("seed", [0, 7, 15, 52])
def test_cisco_type7_round_trip_every_seed(seed: int) -> None:
    assert devicecodes.cisco_type7(cisco7_encode("R0uter#Enable!", seed)) == "R0uter#Enable!"


@pytest.mark.parametrize("bad", ["", "0", "08224", "9908", "08ZZ", "$1$mERr$hx5rVt7rPNoS4wqbXKX7m0", "0841"])
def test_cisco_type7_rejects_what_is_not_type7(bad: str) -> None:
    assert devicecodes.cisco_type7(bad) is None


def test_mikrotik_and_fortigate_quoting() -> None:
    assert devicecodes.mikrotik_value('"Mk\\"x\\_y\\3F"') == 'Mk"x y?'
    assert devicecodes.mikrotik_value('"long\\\n    tail"') == "longtail"
    assert devicecodes.fortigate_value('"Fg\\"1"') == 'Fg"1'
    assert devicecodes.fortigate_value("ENC SH2nlSm9ck") is None
    assert devicecodes.snmp_community("public") is None


CISCO_RUNNING_CONFIG = f"""!
hostname SW-CORE-01
!
enable secret 9 $9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM
username admin privilege 15 password 7 {cisco7_encode("Adm1n#Core", 5)}
username backup privilege 15 secret 8 $8$dsYGNam3K1SIJO$7nv/35M/qr6t.dVc7UY9zrJDWRVqncHub1PE9UlMQFs
username netops privilege 15 secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0
!
tacacs-server host 10.0.0.5 key 7 {cisco7_encode("Tac#Shared24", 11)}
radius server NPS
 address ipv4 10.0.0.8 auth-port 1812 acct-port 1813
 key 0 Rad1us#Key0
!
key chain OSPF
 key 1
  key-string 7 {cisco7_encode("Ospf#Md5Key", 3)}
!
crypto isakmp key Vpn#Psk2024 address 203.0.113.7
!
snmp-server community public RO
snmp-server community N3tM0n#ro RO 10
snmp-server location Serverraum 2
!
line vty 0 4
 password 7 {cisco7_encode("Vty!Line7", 9)}
 login local
!
end
"""


def test_cisco_running_config(engine: DetectionEngine) -> None:
    found = text(engine, CISCO_RUNNING_CONFIG, "sw-core-01-confg")
    assert secrets(found) == {
        "Adm1n#Core",
        "Tac#Shared24",
        "Rad1us#Key0",
        "Ospf#Md5Key",
        "Vpn#Psk2024",
        "N3tM0n#ro",
        "Vty!Line7",
    }
    by_secret = {c.secret: c for c in found}
    assert by_secret["Adm1n#Core"].account == "admin"
    assert by_secret["Adm1n#Core"].rule_id == "config.cisco-type7"


MIKROTIK_EXPORT = """# 2024-03-01 12:00:00 by RouterOS 6.49.10
# model = RB4011iGS+
/interface wireless security-profiles
set [ find default=yes ] supplicant-identity=MikroTik
add authentication-types=wpa2-psk mode=dynamic-keys name=office \\
    supplicant-identity="" wpa2-pre-shared-key="Mk Office\\_24"
/interface pppoe-client
add add-default-route=yes disabled=no interface=ether1 name=pppoe-out1 \\
    password=Isp#Pppoe24 user=kunde@isp
/ppp secret
add name=vpn1 password=Mk#Ppp2024 profile=default-encryption service=l2tp
add name=vpn2 password="" service=l2tp
/ip ipsec peer
add address=203.0.113.7/32 secret=Mk#Ipsec24
/user
add group=full name=backup password=Mk#User2024
/system identity
set name=GW-Praxis
"""


def test_mikrotik_export(engine: DetectionEngine) -> None:
    found = text(engine, MIKROTIK_EXPORT, "gw-praxis.rsc")
    assert secrets(found) == {"Mk Office 24", "Isp#Pppoe24", "Mk#Ppp2024", "Mk#Ipsec24", "Mk#User2024"}
    assert {c.account for c in found if c.secret == "Mk#Ppp2024"} == {"vpn1"}


@pytest.mark.parametrize(
    ("export", "plain"),
    [
        # /export wraps at ~80 columns with "\\" + newline + 4 blanks, also between "=" and the value
        ("add disabled=no name=pppoe-out1 password=\\\n    Isp#Pppoe24 user=kunde@isp", "Isp#Pppoe24"),
        ("add name=pppoe-out1 password=Isp#Pp\\\n    poe24 user=kunde@isp", "Isp#Pppoe24"),
        ("add name=pppoe-out1 password=\\\r\n    Isp#Pppoe24\r\n", "Isp#Pppoe24"),
        ('add name=office wpa2-pre-shared-key=\\\n    "Mk Office\\_24"', "Mk Office 24"),
    ],
)
def test_mikrotik_value_on_the_continuation_line(engine: DetectionEngine, export: str, plain: str) -> None:
    """The value is read across the wrap, not as the lone backslash before it (which a filter rejects)."""
    found = text(engine, "/interface pppoe-client\n" + export + "\n", "export.rsc")
    assert secrets(found) == {plain}


def test_mikrotik_dangling_backslash_is_no_value(engine: DetectionEngine) -> None:
    assert secrets(text(engine, "/ppp secret\nadd name=vpn1 password=\\\n", "export.rsc")) == set()


FORTIGATE_BACKUP = """#config-version=FGT60F-7.2.5-FW-build1517-230606:opmode=0:vdom=0:user=admin
config system admin
    edit "admin"
        set accprofile "super_admin"
        set password ENC SH2nlSm9ckZMh3Ljbe5g2Lh4pSBOTM0ihHvmDq5Pm9TE0NebeO1cGR3cJa2E7Q=
    next
    edit "helpdesk"
        set passwd "Fg#Helpdesk24"
    next
end
config vpn ipsec phase1-interface
    edit "HQ"
        set psksecret ENC uwcIbN4gS2F3bBnHgJHoLnZDLC0vIXy1Fd+i0Nq7nOeVqiWZNa4zDStN5Oyk0p2WJ9R2Rp
    next
    edit "Branch"
        set psksecret "Fg#Branch2024"
    next
end
config wireless-controller vap
    edit "office"
        set passphrase ENC kLh1vM3b6a9xQw==
        set passwd-policy enable
    next
end
"""


def test_fortigate_backup(engine: DetectionEngine) -> None:
    assert secrets(text(engine, FORTIGATE_BACKUP, "FGT60F_backup.conf")) == {"Fg#Helpdesk24", "Fg#Branch2024"}


def test_other_devices_of_the_family(engine: DetectionEngine) -> None:
    config = """set system login user admin authentication plaintext-password "Vy0s#Pass"
set system login user admin authentication encrypted-password "$6$abc$O7lFsZ0PvU0Yg"
password manager user-name admin plaintext "Pr0curve!"
tunnel-group 203.0.113.7 ipsec-attributes
 ikev1 pre-shared-key Asa#Psk2024
"""
    assert secrets(text(engine, config, "edge.cfg")) == {"Vy0s#Pass", "Pr0curve!", "Asa#Psk2024"}


def test_cisco_plain_text_passwords(engine: DetectionEngine) -> None:
    config = (
        "hostname SW-CORE-01\nenable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0\n"
        "username admin privilege 15 password 0 River_Tiger32\nusername old password 7 0822455D0A16\n"
        "line vty 0 4\n password Vty!Access9\n login local\n"
    )
    # type 7 is reversible: reported decoded (config.cisco-type7); the type 5 "secret" is a hash
    assert secrets(text(engine, config, "SW-CORE-01.cfg")) == {"River_Tiger32", "Vty!Access9", "cisco"}
