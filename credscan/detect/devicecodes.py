"""Reversible password encodings of network devices and the quoting of their config languages.

Router and firewall backups store many passwords in a form anybody can reverse: Cisco IOS "type 7" is a
XOR with a published key, MikroTik and FortiGate CLI values are quoted with their own escapes. Reporting the
encoded text would hide what is exposed and give one password a different fingerprint on every device,
so these decoders return the plaintext. Hashes (Cisco type 5/8/9, FortiGate ``ENC``) are never decoded:
they are no finding (a hash is not a usable password), and the decoders return None for them.

Every function takes untrusted text and never raises: bad input returns None.
"""

from __future__ import annotations

import re

CISCO_TYPE7_KEY = "dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv9873254k;fg87"
"""The XOR key of Cisco IOS ``password 7`` (published, public knowledge)."""

_CISCO_TYPE7 = re.compile(r"(?P<seed>\d{2})(?P<body>(?:[0-9A-Fa-f]{2}){1,128})")


def cisco_type7(value: str) -> str | None:
    """Decode a Cisco type 7 string (``0822455D0A16`` -> ``cisco``).

    The first two decimal digits are the start offset into the key; each following hex pair is one byte
    XORed with the next key character. None when it is not type 7 (odd length, offset past the key) or
    the result is not printable text (a hash or a type 5/8/9 value matched by mistake)."""
    match = _CISCO_TYPE7.fullmatch(value.strip())
    if match is None:
        return None
    seed = int(match.group("seed"))
    if seed >= len(CISCO_TYPE7_KEY):
        return None
    body = match.group("body")
    chars = [
        chr(int(body[i : i + 2], 16) ^ ord(CISCO_TYPE7_KEY[(seed + i // 2) % len(CISCO_TYPE7_KEY)]))
        for i in range(0, len(body), 2)
    ]
    text = "".join(chars)
    if not text.isprintable() or not text.strip():
        return None
    return text


_MIKROTIK_ESCAPE = re.compile(
    r"\\(?:(?P<hex>[0-9A-Fa-f]{2})|(?P<newline>\r?\n[ \t]*)|(?P<char>.))", re.DOTALL
)
_MIKROTIK_CHARS = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "_": " "}


def _mikrotik_unescape(match: re.Match[str]) -> str:
    if match.group("hex") is not None:
        return chr(int(match.group("hex"), 16))
    if match.group("newline") is not None:
        return ""  # an /export wraps long lines with a backslash
    char = match.group("char")
    return _MIKROTIK_CHARS.get(char, char)


def mikrotik_value(value: str) -> str | None:
    """A RouterOS ``key=value`` value as the router reads it: quotes removed, ``\\"``, ``\\_`` (blank),
    ``\\3F`` (hex) and line continuations resolved."""
    text = value.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1]
    text = _MIKROTIK_ESCAPE.sub(_mikrotik_unescape, text)
    return text or None


def fortigate_value(value: str) -> str | None:
    """A FortiOS ``set`` argument: ``"Fg#Psk2024"`` -> ``Fg#Psk2024``; ``ENC …`` (encrypted) is None."""
    text = value.strip()
    if text.upper().startswith("ENC ") or text.upper() == "ENC":
        return None
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        text = re.sub(r"\\(.)", r"\1", text[1:-1])
    return text or None


_SQL_PASSWORD_HASH = re.compile(
    r"^(?:\*[0-9A-Fa-f]{40}|md5[0-9a-f]{32}|SCRAM-SHA-256\$\d+:\S+|0x[0-9A-Fa-f]{16,}|\$[A-Z]\$\d{3}\$.+)$"
)
"""What servers store instead of a password: MySQL "*" + SHA1(SHA1()), PostgreSQL md5/SCRAM verifiers,
SQL Server 0x… hashes, MySQL caching_sha2 "$A$005$…"."""


def sql_string(value: str) -> str | None:
    """The text of an SQL string literal: ``'it''s'`` -> ``it's``, ``N'x'`` -> ``x``; MySQL ``\\'`` too.
    An unquoted Oracle password (``IDENTIFIED BY Tiger42``) is returned as written; a stored password hash
    (``'*6C89…'``, ``'md5…'``, ``'SCRAM-SHA-256$…'``) is None."""
    text = value.strip()
    if text[:2] in ("N'", "n'"):
        text = text[1:]
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"`":
        quote = text[0]
        body = text[1:-1].replace(quote * 2, quote)
        text = re.sub(r"\\(['\"\\])", r"\1", body)
    if _SQL_PASSWORD_HASH.match(text):
        return None
    return text or None


SNMP_DEFAULT_COMMUNITIES = frozenset({"public", "private"})
"""Factory communities: known to everybody, so no secret is exposed (a hardening finding, not ours)."""


def snmp_community(value: str) -> str | None:
    """An SNMP v1/v2c community string, unless it is a factory default."""
    text = value.strip().strip('"')
    return None if not text or text.lower() in SNMP_DEFAULT_COMMUNITIES else text
