"""A real `credscan server run` process on a free loopback port, over HTTPS with its self-signed certificate.

``ServerProcess(folder).start()`` runs `credscan server init` (SQLite in the folder, or ``database=`` a
PostgreSQL URL), starts the server, waits for /api/v1/health and offers the CLI (``cli``) and a small
HTTPS client pinned to the server's certificate (``call``). Its output goes to ``folder/server.log``.
"""

from __future__ import annotations

import json
import os
import signal
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from credscan.central.forward.credscan import pinned_context
from tests.support.services import free_port


@dataclass
class ServerProcess:
    folder: Path
    database: str | None = None
    port: int = 0
    process: subprocess.Popen[bytes] | None = None
    env: dict[str, str] = field(default_factory=lambda: {**os.environ, "CREDSCAN_NO_KEYRING": "1"})
    _context: ssl.SSLContext | None = None

    @property
    def config(self) -> Path:
        return self.folder / "server.toml"

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    @property
    def log(self) -> Path:
        return self.folder.parent / f"{self.folder.name}.log"

    def cli(
        self, *args: str, stdin: str | None = None, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [sys.executable, "-m", "credscan", "server", *args, "--config", str(self.config)],
            input=stdin, capture_output=True, text=True, env=self.env, timeout=120, check=False,
        )  # fmt: skip
        assert "Traceback" not in result.stderr, result.stderr
        if check:
            assert result.returncode == 0, result.stderr
        return result

    def start(self) -> ServerProcess:
        self.port = free_port()
        init = [sys.executable, "-m", "credscan", "server", "init", "--dir", str(self.folder)]
        init += ["--listen", f"127.0.0.1:{self.port}"]
        if self.database:
            init += ["--database", self.database]
        subprocess.run(init, check=True, capture_output=True, env=self.env, timeout=120)
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "credscan", "server", "run", "--config", str(self.config)],
                stdout=log, stderr=subprocess.STDOUT, env=self.env,
            )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if self.call("GET", "/api/v1/health")[0] == 200:
                    return self
            except OSError:
                pass
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text(errors='replace')}")
            time.sleep(0.2)
        raise RuntimeError(f"server did not answer: {self.log.read_text(errors='replace')}")

    def call(self, method: str, path: str, token: str | None = None, body: Any = None) -> tuple[int, bytes]:
        """(status, body) of one HTTPS request, trusting only the server's own certificate."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        if self._context is None:
            self._context = pinned_context(str(self.folder / "tls" / "server.pem"))
        context = self._context
        try:
            with urllib.request.urlopen(request, context=context, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    def json(self, path: str, token: str, method: str = "GET", body: Any = None) -> Any:
        status, data = self.call(method, path, token, body)
        assert status < 300, (status, data[:300])
        return json.loads(data)

    def admin_key(self, name: str = "root") -> str:
        self.cli(
            "user", "add", name, "--role", "admin", "--password-stdin", stdin="correct horse battery staple\n"
        )
        return self.cli("api-key", "create", "--user", name).stdout.strip()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
