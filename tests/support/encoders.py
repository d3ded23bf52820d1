"""Encoders of the obfuscations credscan decodes (Group Policy cpassword, unattend.xml, WinSCP, VNC,
TeamViewer, mRemoteNG) and a PKCS#12 maker, built from the published algorithms: fixtures for the decoder,
rule-pack, pipeline and leak-proof tests."""

from __future__ import annotations

import base64
import datetime
import hashlib
import secrets

from cryptography import x509
from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives import hashes, padding, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

MS_GPPREF_KEY = bytes.fromhex("4e9906e8fcb66cc9faf49310620ffee8f496e806cc057990209b09a433b66c1b")


def gpp_encrypt(password: str) -> str:
    """AES-256-CBC, zero IV, PKCS#7, UTF-16LE plaintext, Base64 with the '=' padding removed."""
    padder = padding.PKCS7(128).padder()
    data = padder.update(password.encode("utf-16-le")) + padder.finalize()
    encryptor = Cipher(algorithms.AES(MS_GPPREF_KEY), modes.CBC(bytes(16))).encryptor()
    return base64.b64encode(encryptor.update(data) + encryptor.finalize()).decode().rstrip("=")


def unattend_encode(password: str, element: str) -> str:
    return base64.b64encode((password + element).encode("utf-16-le")).decode()


def winscp_encode(password: str, key: str, *, flag: bool = True) -> str:
    """WinSCP's obfuscation: every byte b is written as two hex digits of (~b ^ 0xA3).

    With the 0xFF flag the payload is [0xFF, 0x00, len, skip] + skip random bytes + key+password,
    padded with random bytes; without it (old versions) [len, skip] + … + password.
    """
    body = ((key if flag else "") + password).encode()
    skip = secrets.randbelow(20)
    header = [0xFF, 0x00, len(body), skip] if flag else [len(body), skip]
    plain = header + list(secrets.token_bytes(skip)) + list(body)
    plain += list(secrets.token_bytes(max(0, 50 - len(plain))))
    return "".join(f"{(~b & 0xFF) ^ 0xA3:02X}" for b in plain)


VNC_KEY = bytes.fromhex("e84ad660c4721ae0")


TEAMVIEWER_KEY = bytes.fromhex("0602000000a400005253413100040000")


TEAMVIEWER_IV = bytes.fromhex("0100010067244f436e6762f25ea8d704")


def vnc_encode(password: str) -> str:
    encryptor = Cipher(TripleDES(VNC_KEY * 3), modes.ECB()).encryptor()
    return (
        (encryptor.update(password.encode("latin-1")[:8].ljust(8, b"\0")) + encryptor.finalize())
        .hex()
        .upper()
    )


def teamviewer_reg_value(password: str) -> str:
    """As regedit exports it: hex:xx,xx,… wrapped with backslash continuations."""
    plain = password.encode("utf-16-le")
    plain += bytes(-len(plain) % 16)
    encryptor = Cipher(algorithms.AES(TEAMVIEWER_KEY), modes.CBC(TEAMVIEWER_IV)).encryptor()
    data = encryptor.update(plain) + encryptor.finalize()
    pairs = [f"{b:02x}" for b in data]
    lines = [",".join(pairs[i : i + 20]) for i in range(0, len(pairs), 20)]
    return "hex:" + ",\\\n  ".join(lines)


def mremoteng_encrypt(password: str, master: bytes = b"mR3m", *, legacy: bool = False) -> str:
    """confCons.xml: AES-256-GCM, PBKDF2-SHA1(master, salt, 1000), salt as associated data (1.76+),
    or AES-CBC keyed with MD5(master) and the IV in front (older versions)."""
    if legacy:
        padder = padding.PKCS7(128).padder()
        data = padder.update(password.encode()) + padder.finalize()
        iv = secrets.token_bytes(16)
        key = hashlib.md5(master).digest()
        encryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
        return base64.b64encode(iv + encryptor.update(data) + encryptor.finalize()).decode()
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(16)
    key = hashlib.pbkdf2_hmac("sha1", master, salt, 1000, dklen=32)
    return base64.b64encode(salt + nonce + AESGCM(key).encrypt(nonce, password.encode(), salt)).decode()


def make_pfx(password: bytes | None) -> bytes:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "credscan test")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    encryption = serialization.BestAvailableEncryption(password) if password else serialization.NoEncryption()
    return pkcs12.serialize_key_and_certificates(b"test", key, cert, None, encryption)
