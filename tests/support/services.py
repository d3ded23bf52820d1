"""Real services on loopback for the central-log tests (and anyone else who needs one).

- ``Rsyslog``: a real rsyslogd (Debian package) started with a generated config, listening on free
  127.0.0.1 ports over UDP, TCP (octet-counted or LF framing) and, when ``tls=`` is given, TCP with TLS
  (gtls driver, package rsyslog-gnutls). Every message it receives is written raw (``%rawmsg%``) to a
  file; ``lines()`` / ``wait_for()`` read it.
- ``make_tls_files``: a throw-away CA and a server certificate for 127.0.0.1/localhost (cryptography).
- ``HttpListener``: a threaded http.server that records every request (path, headers, body) and answers
  200, or ``fail_status`` while it is set; ``stop()``/``start()`` make it refuse connections entirely.

Usage::

    from tests.support.services import HttpListener, Rsyslog, requires_rsyslog

    with Rsyslog(tmp_path) as syslog:
        ...  # syslog.udp_port, syslog.tcp_port, syslog.tls_port
        syslog.wait_for(lambda lines: any("CEF:0" in line for line in lines))
"""

from __future__ import annotations

import datetime
import http.server
import ipaddress
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

RSYSLOGD = shutil.which("rsyslogd") or "/usr/sbin/rsyslogd"
GTLS_MODULE_DIRS = (
    "/usr/lib/x86_64-linux-gnu/rsyslog",
    "/usr/lib/aarch64-linux-gnu/rsyslog",
    "/usr/lib/rsyslog",
)

requires_rsyslog = pytest.mark.skipif(
    not os.path.exists(RSYSLOGD),
    reason="needs the Debian rsyslog package (rsyslogd) to receive syslog on loopback",
)
requires_rsyslog_tls = pytest.mark.skipif(
    not os.path.exists(RSYSLOGD) or not any(os.path.exists(f"{d}/lmnsd_gtls.so") for d in GTLS_MODULE_DIRS),
    reason="needs the Debian rsyslog-gnutls package (gtls stream driver) for syslog over TLS",
)


def free_port(kind: int = socket.SOCK_STREAM) -> int:
    """A port on 127.0.0.1 that nothing uses right now (of the given socket type)."""
    with socket.socket(socket.AF_INET, kind) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until(predicate: Callable[[], bool], timeout: float = 10.0, interval: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


# ---------------------------------------------------------------------------------------------------
# TLS material
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TlsFiles:
    ca_cert: Path
    server_cert: Path
    server_key: Path


def make_tls_files(folder: Path, common_name: str = "127.0.0.1") -> TlsFiles:
    """A CA and a server certificate signed by it, valid for 127.0.0.1 and localhost, as PEM files."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    folder.mkdir(parents=True, exist_ok=True)
    now = datetime.datetime.now(datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "credscan test CA")])
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    server_key = ec.generate_private_key(ec.SECP256R1())
    server_cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)]))
        .issuer_name(ca_name)
        .public_key(server_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    files = TlsFiles(folder / "ca.pem", folder / "server.pem", folder / "server.key")
    files.ca_cert.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    files.server_cert.write_bytes(server_cert.public_bytes(serialization.Encoding.PEM))
    files.server_key.write_bytes(
        server_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    os.chmod(files.server_key, 0o600)
    return files


# ---------------------------------------------------------------------------------------------------
# rsyslogd
# ---------------------------------------------------------------------------------------------------


@dataclass
class Rsyslog:
    """A private rsyslogd: ``with Rsyslog(tmp_path, tls=make_tls_files(...)) as syslog: …``."""

    folder: Path
    tls: TlsFiles | None = None
    udp_port: int = 0
    tcp_port: int = 0
    tls_port: int = 0
    output: Path = field(init=False)
    process: subprocess.Popen[bytes] | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.folder = self.folder / f"rsyslog-{os.getpid()}-{time.monotonic_ns()}"
        self.folder.mkdir(parents=True)
        (self.folder / "work").mkdir()
        self.output = self.folder / "received.log"

    def config_text(self) -> str:
        lines = [
            f'global(workDirectory="{self.folder / "work"}" maxMessageSize="256k")',
            'module(load="imudp")',
            'module(load="imtcp" maxSessions="50")',
            f'input(type="imudp" address="127.0.0.1" port="{self.udp_port}" ruleset="out")',
            f'input(type="imtcp" address="127.0.0.1" port="{self.tcp_port}" ruleset="out")',
        ]
        if self.tls is not None:
            lines.append(
                f'input(type="imtcp" address="127.0.0.1" port="{self.tls_port}" ruleset="out"'
                ' streamDriver.name="gtls" streamDriver.mode="1" streamDriver.authMode="anon"'
                f' streamDriver.CAFile="{self.tls.ca_cert}" streamDriver.CertFile="{self.tls.server_cert}"'
                f' streamDriver.KeyFile="{self.tls.server_key}")'
            )
        lines += [
            'template(name="raw" type="string" string="%rawmsg%\\n")',
            'ruleset(name="out") {',
            f'  action(type="omfile" file="{self.output}" template="raw" flushOnTXEnd="on"'
            ' asyncWriting="off")',
            "}",
        ]
        return "\n".join(lines) + "\n"

    def start(self) -> Rsyslog:
        self.udp_port = self.udp_port or free_port(socket.SOCK_DGRAM)
        self.tcp_port = self.tcp_port or free_port()
        if self.tls is not None:
            self.tls_port = self.tls_port or free_port()
        conf = self.folder / "rsyslog.conf"
        conf.write_text(self.config_text())
        log = (self.folder / "rsyslogd.out").open("wb")
        self.process = subprocess.Popen(
            [RSYSLOGD, "-n", "-f", str(conf), "-i", str(self.folder / "rsyslogd.pid")],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        ports = [self.tcp_port] + ([self.tls_port] if self.tls is not None else [])
        if not wait_until(lambda: all(_accepts(port) for port in ports), timeout=15):
            self.stop()
            raise RuntimeError(f"rsyslogd did not start: {self.diagnostics()}")
        probe = f"<14>1 - - probe - - - udp-ready-{time.monotonic_ns()}"
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            ready = wait_until(
                lambda: (
                    bool(sock.sendto(probe.encode(), ("127.0.0.1", self.udp_port)))
                    and any(probe in line for line in self.lines())
                ),
                timeout=15,
                interval=0.1,
            )
        if not ready:
            self.stop()
            raise RuntimeError(f"rsyslogd does not receive UDP: {self.diagnostics()}")
        return self

    def diagnostics(self) -> str:
        out = self.folder / "rsyslogd.out"
        return out.read_text(errors="replace")[-2000:] if out.exists() else "(no output)"

    def lines(self) -> list[str]:
        """Every message received so far (probes included), one per line."""
        if not self.output.exists():
            return []
        return self.output.read_text(encoding="utf-8", errors="replace").splitlines()

    def wait_for(self, predicate: Callable[[list[str]], bool], timeout: float = 10.0) -> list[str]:
        """The received lines once predicate(lines) holds; AssertionError with what arrived otherwise."""
        if not wait_until(lambda: predicate(self.lines()), timeout=timeout, interval=0.1):
            raise AssertionError(f"rsyslog did not receive the expected messages; got: {self.lines()[-10:]}")
        return self.lines()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.process = None

    def __enter__(self) -> Rsyslog:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _accepts(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


# ---------------------------------------------------------------------------------------------------
# HTTP listener (Splunk HEC style and webhooks)
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def header(self, name: str) -> str | None:
        for key, value in self.headers.items():
            if key.lower() == name.lower():
                return value
        return None


class HttpListener:
    """Records every request; answers 200 (HEC success body), or ``fail_status`` while that is set."""

    def __init__(self, port: int = 0) -> None:
        self.requests: list[Request] = []
        self.fail_status: int | None = None
        self._lock = threading.Lock()
        self._server: http.server.ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.port = port

    def _handler(self) -> type[http.server.BaseHTTPRequestHandler]:
        listener = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                status = listener.fail_status
                if status is None:
                    with listener._lock:
                        listener.requests.append(Request("POST", self.path, dict(self.headers.items()), body))
                reply = (
                    b'{"text":"Success","code":0}' if status is None else b'{"text":"Server busy","code":9}'
                )
                self.send_response(status or 200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler

    def start(self) -> HttpListener:
        http.server.ThreadingHTTPServer.allow_reuse_address = True
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), self._handler())
        self._server.daemon_threads = True
        self.port = int(self._server.server_address[1])
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Close the port: connections are refused until start() (same port) is called again."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def url(self, path: str = "/services/collector/event") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def received(self) -> list[Request]:
        with self._lock:
            return list(self.requests)

    def __enter__(self) -> HttpListener:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class ConnectionRecorder:
    """A TCP port on loopback that records every connection (an XXE fetch or DTD download would land here)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                try:
                    self.connections.append(conn.recv(4096))
                except OSError:
                    self.connections.append(b"")

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()
