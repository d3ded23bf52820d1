"""`credscan agent enroll URL --token TOKEN --config agent.toml`: join the MSP's credscan server.

1. Fetch the server's certificate and pin it (``<state dir>/server-cert.pem``); ``--fingerprint`` checks it
   against the SHA-256 that `credscan server init` printed, ``--ca-file`` uses a certificate you already have.
2. Exchange the one-time token for the agent's own credential over the pinned TLS connection.
3. Keep the credential like the agent's other secrets: in the OS keyring where a backend exists, otherwise
   in ``<state dir>/server-agent.key`` (mode 0600). Never in the config.
4. Append a ``[[forward]] type = "credscan"`` table to the config (comments and order kept).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import socket
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from credscan.central.forward.credscan import pinned_context
from credscan.central.service import prepare_state_dir
from credscan.config import load_config
from credscan.errors import UserError
from credscan.keys import KEYRING_SERVICE
from credscan.statedir import write_private_file

FORWARD_NAME = "credscan-server"
CERT_NAME = "server-cert.pem"
CREDENTIAL_FILE = "server-agent.key"
KEYRING_NAME = "server-agent-credential"
TIMEOUT_S = 15.0


@dataclass(frozen=True, slots=True)
class Enrollment:
    client: str
    agent_id: int
    stored_in: str
    fingerprint: str


def _address(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        raise UserError(f"the server URL must be https://HOST[:PORT], not {url!r}")
    try:
        return parts.hostname, parts.port or 443
    except ValueError:
        raise UserError(f"invalid port in {url!r}") from None


def fetch_certificate(url: str) -> str:
    host, port = _address(url)
    try:
        return ssl.get_server_certificate((host, port), timeout=TIMEOUT_S)
    except (OSError, ssl.SSLError) as exc:
        raise UserError(f"cannot reach {host}:{port} over TLS: {exc}") from None


def pem_fingerprint(pem: str) -> str:
    der = ssl.PEM_cert_to_DER_cert(pem)
    return hashlib.sha256(der).hexdigest().upper()


def _normal(fingerprint: str) -> str:
    return fingerprint.replace(":", "").replace(" ", "").upper()


def exchange(url: str, token: str, name: str, pem: str) -> dict[str, object]:
    body = json.dumps({"token": token, "name": name}).encode("utf-8")
    request = urllib.request.Request(url.rstrip("/") + "/api/v1/enroll", data=body, method="POST")
    request.add_header("Content-Type", "application/json")
    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=pinned_context(cadata=pem)))
    try:
        with opener.open(request, timeout=TIMEOUT_S) as response:
            answer = json.loads(response.read(65536))
    except urllib.error.HTTPError as exc:
        detail = ""
        with contextlib.suppress(ValueError, AttributeError, OSError):
            detail = str(json.loads(exc.read(4096)).get("detail", ""))
        raise UserError(
            f"the server refused the enrollment (HTTP {exc.code}): {detail or exc.reason}"
        ) from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise UserError(f"enrollment failed: {getattr(exc, 'reason', exc)}") from None
    if not isinstance(answer, dict) or not isinstance(answer.get("credential"), str):
        raise UserError("the server's answer holds no credential")
    return answer


def store_credential(credential: str, state_dir: Path) -> tuple[str, str]:
    """(where, the config line that points at it): keyring reference, or a private key file."""
    if not os.environ.get("CREDSCAN_NO_KEYRING"):
        try:
            import keyring
            from keyring.backends import fail

            if not isinstance(keyring.get_keyring(), fail.Keyring):
                keyring.set_password(KEYRING_SERVICE, KEYRING_NAME, credential)
                return "the OS keyring", f'token = "keyring:{KEYRING_SERVICE}/{KEYRING_NAME}"'
        except Exception:  # no usable backend: fall back to the key file
            pass
    path = state_dir / CREDENTIAL_FILE
    write_private_file(path, credential.encode("utf-8") + b"\n")
    return str(path), f"credential_file = {json.dumps(str(path))}"


def enroll(
    url: str,
    token: str,
    config_path: Path,
    *,
    name: str | None = None,
    fingerprint: str | None = None,
    ca_file: Path | None = None,
) -> Enrollment:
    config = load_config(config_path)
    if any(section.type == "credscan" for section in config.forward):
        raise UserError(f"{config_path} already forwards to a credscan server; remove that [[forward]] first")
    state_dir = prepare_state_dir(config.state.dir)
    if ca_file is not None:
        try:
            pem = ca_file.read_text(encoding="ascii")
        except (OSError, UnicodeDecodeError) as exc:
            raise UserError(f"cannot read --ca-file {ca_file}: {exc}") from None
    else:
        pem = fetch_certificate(url)
    seen = pem_fingerprint(pem) if "BEGIN CERTIFICATE" in pem else ""
    if fingerprint and _normal(fingerprint) != seen:
        raise UserError("the server's certificate does not match --fingerprint: not enrolling")
    answer = exchange(url, token, name or socket.gethostname(), pem)
    cert_path = state_dir / CERT_NAME
    write_private_file(cert_path, pem.encode("ascii"))
    stored_in, credential_line = store_credential(str(answer["credential"]), state_dir)
    table = (
        f"\n[[forward]]\n# added by `credscan agent enroll`: findings go to the MSP's credscan server\n"
        f'type = "credscan"\nname = "{FORWARD_NAME}"\nurl = {json.dumps(url.rstrip("/"))}\n'
        f"ca_file = {json.dumps(str(cert_path))}\n{credential_line}\n"
    )
    with config_path.open("a", encoding="utf-8") as handle:
        handle.write(table)
    return Enrollment(str(answer.get("client", "")), int(str(answer.get("agent_id", 0))), stored_in, seen)
