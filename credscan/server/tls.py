"""The server's TLS certificate: the one given in [server], or a self-signed one made at `server init`.

Agents pin the certificate they saw at enrollment (its PEM is saved in the agent's state dir and used as
the only trusted CA), so a self-signed certificate is as safe as a CA-issued one for agent traffic.
"""

from __future__ import annotations

import ipaddress
import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from credscan.statedir import write_private_file

VALID_DAYS = 3650


def make_self_signed(cert_path: Path, key_path: Path, names: list[str]) -> None:
    """An ECDSA P-256 certificate for names (DNS names and IP addresses), valid ten years."""
    key = ec.generate_private_key(ec.SECP256R1())
    hosts = list(dict.fromkeys([*names, "localhost", "127.0.0.1", socket.gethostname()]))
    alt: list[x509.GeneralName] = []
    for host in hosts:
        try:
            alt.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            alt.append(x509.DNSName(host))
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, hosts[0])])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=VALID_DAYS))
        .add_extension(x509.SubjectAlternativeName(alt), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(key, hashes.SHA256())
    )
    write_private_file(
        key_path,
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ),
    )
    write_private_file(cert_path, cert.public_bytes(serialization.Encoding.PEM))


def fingerprint(pem: bytes) -> str:
    """SHA-256 of the certificate, as browsers show it (for checking a pinned certificate by eye)."""
    cert = x509.load_pem_x509_certificate(pem)
    return cert.fingerprint(hashes.SHA256()).hex(":").upper()
