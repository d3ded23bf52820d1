"""Private keys in any wrapping: OpenPGP secret-key blocks (built packet by packet here, protected and not),
PEM and PGP blocks inside C/shell comments and escaped strings, JWKs and Base64 DER without armour.

Keys are generated per test with ``cryptography`` (no fixture files); the OpenPGP packets are assembled
from RFC 9580 §5.5 so both S2K usage values are covered without a gpg binary. Costs about a second."""

from __future__ import annotations

import base64
import json
import struct

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

from credscan.detect.engine import DetectionEngine
from credscan.detect.keyformats import der_private_key, pgp_private_key, unwrap_lines
from tests.support.detect_helpers import secrets, text


def _mpi(value: int) -> bytes:
    return struct.pack(">H", value.bit_length()) + value.to_bytes((value.bit_length() + 7) // 8, "big")


def pgp_secret_key_block(protected: bool, version: int = 4) -> str:
    """An armoured OpenPGP RSA secret key: S2K usage 254 (passphrase) or 0 (none)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    numbers = key.private_numbers()
    public = _mpi(numbers.public_numbers.n) + _mpi(numbers.public_numbers.e)
    if version == 4:
        body = bytes([4]) + struct.pack(">I", 1_700_000_000) + bytes([1]) + public
    else:  # v6: the public material is preceded by its length
        body = (
            bytes([6])
            + struct.pack(">I", 1_700_000_000)
            + bytes([1])
            + struct.pack(">I", len(public))
            + public
        )
    if protected:
        body += (
            bytes([254, 9, 3, 8]) + bytes(8) + bytes([96]) + bytes(16) + bytes(64)
        )  # AES-256, S2K, IV, data
    else:
        body += (
            bytes([0])
            + _mpi(numbers.d)
            + _mpi(numbers.p)
            + _mpi(numbers.q)
            + _mpi(numbers.iqmp)
            + b"\x00\x00"
        )
    packet = bytes([0xC5, 0xFF]) + struct.pack(">I", len(body)) + body  # new format, tag 5, 5-octet length
    armoured = base64.b64encode(packet).decode()
    lines = [armoured[i : i + 64] for i in range(0, len(armoured), 64)]
    return "\n".join(
        ["-----BEGIN PGP PRIVATE KEY BLOCK-----", "", *lines, "=abcd", "-----END PGP PRIVATE KEY BLOCK-----"]
    )


@pytest.mark.parametrize("version", [4, 6])
def test_pgp_protection_is_read_from_the_packet(version: int) -> None:
    assert pgp_private_key(pgp_secret_key_block(protected=False, version=version)) is not None
    assert pgp_private_key(pgp_secret_key_block(protected=True, version=version)) is None


def wrap_in_comment(block: str, prefix: str) -> str:
    return "\n".join(f"{prefix}{line}".rstrip() for line in block.splitlines())


@pytest.mark.parametrize("prefix", [" *  ", "# ", "// ", "-- ", "; "])
def test_wrapped_blocks_unwrap_to_the_armour(prefix: str) -> None:
    block = pgp_secret_key_block(protected=True)
    assert unwrap_lines(wrap_in_comment(block, prefix)) == block


def pem(key: object, fmt: serialization.PrivateFormat) -> str:
    return key.private_bytes(serialization.Encoding.PEM, fmt, serialization.NoEncryption()).decode()  # type: ignore[attr-defined]


def test_keys_in_comments_and_strings(engine: DetectionEngine) -> None:
    pgp_plain = pgp_secret_key_block(protected=False)
    pgp_locked = pgp_secret_key_block(protected=True)
    ec_pem = pem(ec.generate_private_key(ec.SECP256R1()), serialization.PrivateFormat.TraditionalOpenSSL)
    source = (
        "/*\n * Test key, do not use:\n" + wrap_in_comment(pgp_plain, " *  ") + "\n */\n"
        "# locked:\n" + wrap_in_comment(pgp_locked, "# ") + "\n"
        'const KEY = "' + ec_pem.replace("\n", "\\n") + '";\n'
    )
    found = text(engine, source, "crypto_test.c")
    rules = sorted(c.rule_id for c in found)
    assert rules == ["key.pem-private-key", "key.pgp-private-key"]


def test_jwk_private_keys(engine: DetectionEngine) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    numbers = key.private_numbers()

    def b64url(value: int) -> str:
        return base64.urlsafe_b64encode(value.to_bytes(32, "big")).rstrip(b"=").decode()

    public = {
        "kty": "EC",
        "crv": "P-256",
        "x": b64url(numbers.public_numbers.x),
        "y": b64url(numbers.public_numbers.y),
    }
    private = {**public, "d": b64url(numbers.private_value), "kid": "sig-1"}
    jwks = json.dumps({"keys": [public, private]}, indent=2)
    assert secrets(text(engine, jwks, "jwks.json")) == {private["d"]}
    assert secrets(text(engine, json.dumps({"keys": [public]}), "jwks-public.json")) == set()


@pytest.mark.parametrize(
    "make",
    [
        lambda: rsa.generate_private_key(public_exponent=65537, key_size=1024),
        lambda: ec.generate_private_key(ec.SECP256R1()),
        lambda: ec.generate_private_key(ec.SECP384R1()),
        ed25519.Ed25519PrivateKey.generate,
    ],
)
@pytest.mark.parametrize(
    "fmt", [serialization.PrivateFormat.PKCS8, serialization.PrivateFormat.TraditionalOpenSSL]
)
def test_base64_der_keys(engine: DetectionEngine, make: object, fmt: serialization.PrivateFormat) -> None:
    key = make()  # type: ignore[operator]
    if isinstance(key, ed25519.Ed25519PrivateKey) and fmt is serialization.PrivateFormat.TraditionalOpenSSL:
        pytest.skip("Ed25519 has no traditional format")
    der = base64.b64encode(
        key.private_bytes(serialization.Encoding.DER, fmt, serialization.NoEncryption())
    ).decode()
    assert der_private_key(der) == der
    assert secrets(text(engine, f'<add key="SigningKey" value="{der}" />\n', "web.config")) == {der}
    public = base64.b64encode(
        key.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    ).decode()
    assert secrets(text(engine, f"publicKey={public}\n", "app.properties")) == set()


def test_encrypted_der_is_no_finding() -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    encrypted = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(b"Kx9#secret"),
    )
    assert der_private_key(base64.b64encode(encrypted).decode()) is None
