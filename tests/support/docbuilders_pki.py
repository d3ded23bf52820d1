"""PKI fixtures built in code: certificates and PKCS#12 files with the defects real ones have."""

from __future__ import annotations

import datetime
import warnings
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID


def make_pfx_with_negative_serial(path: Path) -> Path:
    """An unencrypted .pfx whose certificate's serial number is negative (old Windows CAs issued such
    certificates; RFC 5280 forbids them and cryptography warns when it parses one). The certificate is
    built with a positive serial, then its DER serial is rewritten with the sign bit set."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "legacy-client")])
    serial = 0x7ABCDEF012345678
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(serial)
        .not_valid_before(datetime.datetime(2020, 1, 1))
        .not_valid_after(datetime.datetime(2030, 1, 1))
        .sign(key, hashes.SHA256())
    )
    der = certificate.public_bytes(serialization.Encoding.DER)
    encoded = serial.to_bytes(8, "big")
    at = der.index(b"\x02\x08" + encoded) + 2
    negative = der[:at] + b"\x80" + encoded[1:] + der[at + 8 :]  # INTEGER with its sign bit set
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the warning this fixture exists to provoke, later
        broken = x509.load_der_x509_certificate(negative)
        data = pkcs12.serialize_key_and_certificates(
            b"legacy", key, broken, None, serialization.NoEncryption()
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def pem_private_key() -> str:
    """A fresh unencrypted EC private key in PEM (PKCS#8): a key rule finds it wherever it is printed."""
    key = ec.generate_private_key(ec.SECP256R1())
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return pem.decode()
