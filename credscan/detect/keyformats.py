"""Private keys outside PEM armour: OpenPGP secret-key blocks, bare Base64 DER, and any of them wrapped in
a comment or a source-code string.

A key pasted into a C comment (`` *  -----BEGIN PGP PRIVATE KEY BLOCK-----``), a shell comment or a string
literal with ``\\n`` escapes is still a usable key once the wrapping is taken off; these decoders take it
off, then tell protected keys (no finding) from unprotected ones. Every function takes untrusted
text and never raises: bad input returns None (or, for a block too damaged to judge, the block itself, as
the PEM rule does for a key cut short).
"""

from __future__ import annotations

import base64
import binascii
import re

from cryptography.hazmat.primitives.serialization import load_der_private_key

_ARMOR_BEGIN = re.compile(r"-----BEGIN [A-Z0-9 ]+-----")


_WRAPPING = re.compile(r"[ \t*#/;!%'-]*")
"""What a comment or a quoted-string continuation may put before each line of a key block."""


def _wrapping(line: str) -> str:
    match = _WRAPPING.match(line)
    return match.group(0) if match else ""


def _common_prefix(texts: list[str]) -> str:
    """The longest start all ``texts`` share, character by character ("" for none)."""
    if not texts:
        return ""
    shortest = min(texts, key=len)
    for index, char in enumerate(shortest):
        if any(text[index] != char for text in texts):
            return shortest[:index]
    return shortest


def unwrap_lines(block: str) -> str:
    """A key block without its wrapping: ``\\n`` escapes of a string literal become line breaks, and the
    prefix every line after ``-----BEGIN`` shares (`` * ``, ``# ``, ``// ``, ``-- ``) is removed from each
    of them. The match handed in starts at ``-----BEGIN``, so the prefix is read from the lines below it:
    their longest common run of comment characters (a blank comment line `` *`` counts as its prefix)."""
    block = block.replace("\\r", "").replace("\\n", "\n")
    begin = _ARMOR_BEGIN.search(block)
    if begin is None:
        return block
    first, *rest = block[begin.start() :].split("\n")
    lines = [line.rstrip("\r") for line in rest]
    prefix = _common_prefix([_wrapping(line) for line in lines if line.strip()])
    bare = prefix.rstrip()
    unwrapped = [first.strip()]
    for line in lines:
        if line.startswith(prefix):
            line = line[len(prefix) :]
        elif bare and line.rstrip() == bare:
            line = ""
        unwrapped.append(line.strip())
    return "\n".join(unwrapped)


_PGP_BODY = re.compile(
    r"-----BEGIN PGP PRIVATE KEY BLOCK-----\n(?:[^\n]*:[^\n]*\n)*\n?"  # armour headers ("Version: …")
    r"(?P<body>[A-Za-z0-9+/=\n]+?)\n?(?:=[A-Za-z0-9+/]{4}\n?)?(?:-----END|$)"  # body, CRC-24 checksum
)
_PGP_SECRET_KEY_TAGS = (5, 7)
"""Secret-Key and Secret-Subkey packets (RFC 9580 §5.5.1)."""
_PGP_PUBLIC_FIELDS = {1: "mm", 2: "mm", 3: "mm", 16: "mmm", 17: "mmmm", 18: "omk", 19: "om", 22: "om"}
"""The public key material of each algorithm before the S2K usage octet: m an MPI, o a curve OID, k KDF
parameters (RSA, Elgamal, DSA, ECDH, ECDSA, EdDSA)."""


def pgp_private_key(block: str) -> str | None:
    """An armoured OpenPGP private key, or None when its first secret-key packet is passphrase-protected
    (S2K usage octet other than 0). A block whose body cannot be parsed is reported as it is."""
    text = unwrap_lines(block)
    match = _PGP_BODY.search(text)
    if match is None:
        return block
    body = "".join(match.group("body").split())
    try:
        raw = base64.b64decode(body + "=" * (-len(body) % 4))
    except (binascii.Error, ValueError):
        return block
    protected = _pgp_protected(raw)
    return None if protected else block


def _pgp_protected(raw: bytes) -> bool | None:
    """Whether the first secret-key packet of ``raw`` is encrypted; None when it cannot be told."""
    try:
        tag, start = _pgp_packet_header(raw)
        if tag not in _PGP_SECRET_KEY_TAGS:
            return None
        version = raw[start]
        pos = start + 1
        if version in (2, 3):
            pos += 4 + 2  # creation time, validity days
        elif version == 4:
            pos += 4
        elif version in (5, 6):
            pos += 4  # creation time, then algorithm and a four-octet length of the public material
            length = int.from_bytes(raw[pos + 1 : pos + 5], "big")
            return raw[pos + 5 + length] != 0
        else:
            return None
        algorithm = raw[pos]
        pos += 1
        fields = _PGP_PUBLIC_FIELDS.get(algorithm)
        if fields is None:
            return None
        for field in fields:
            if field == "m":
                bits = int.from_bytes(raw[pos : pos + 2], "big")
                pos += 2 + (bits + 7) // 8
            else:  # an OID or KDF parameters: one length octet, then the bytes
                pos += 1 + raw[pos]
        return raw[pos] != 0
    except IndexError:
        return None


def _pgp_packet_header(raw: bytes) -> tuple[int, int]:
    """(tag, offset of the body) of the first packet, old or new format."""
    first = raw[0]
    if not first & 0x80:
        raise IndexError("not an OpenPGP packet")
    if first & 0x40:  # new format: one, two or five length octets
        octet = raw[1]
        return first & 0x3F, 2 if octet < 192 else 3 if octet < 224 else 6
    length_type = first & 0x03
    return (first >> 2) & 0x0F, 1 + {0: 1, 1: 2, 2: 4, 3: 0}[length_type]


def der_private_key(value: str) -> str | None:
    """Base64 of a DER private key (PKCS#1, SEC1 or PKCS#8) without PEM armour, as .NET, Java and cloud
    configs keep it: the value when it loads without a password, None when it is encrypted or not a key."""
    text = "".join(value.replace("\\n", "").replace("\\r", "").split())
    try:
        raw = base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
        load_der_private_key(raw, password=None)
    except (binascii.Error, ValueError, TypeError):
        return None
    except Exception:  # an unsupported algorithm or a malformed structure the parser rejects
        return None
    return value
