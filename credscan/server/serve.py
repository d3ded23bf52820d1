"""`credscan server run`: uvicorn serving the app over HTTPS (or HTTP behind a TLS-terminating proxy).

Worker processes build the app from ``CREDSCAN_SERVER_CONFIG`` (``make_app`` is uvicorn's factory), so
``--workers N`` runs N processes sharing the database and nothing else.
"""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI

from credscan.errors import UserError
from credscan.server import settings
from credscan.server.app import create_app
from credscan.server.context import ServerContext

CONFIG_ENV = "CREDSCAN_SERVER_CONFIG"


def make_app() -> FastAPI:
    files = settings.load(Path(os.environ[CONFIG_ENV]))
    return create_app(ServerContext(files.engine(migrate=False), files.settings))


def run(files: settings.ServerFiles, workers: int = 1) -> int:
    import uvicorn

    files.engine().dispose()  # migrate once, before the workers start
    host, _, port = files.settings.listen.rpartition(":")
    tls: dict[str, str] = {}
    if files.settings.tls:
        if not files.cert.is_file() or not files.key.is_file():
            raise UserError(f"TLS certificate {files.cert} or key {files.key} is missing")
        tls = {"ssl_certfile": str(files.cert), "ssl_keyfile": str(files.key)}
    os.environ[CONFIG_ENV] = str(files.config_path.resolve())
    uvicorn.run(
        "credscan.server.serve:make_app",
        factory=True,
        host=host.strip("[]"),
        port=int(port),
        workers=workers,
        proxy_headers=not files.settings.tls,
        server_header=False,
        log_level="info",
        **tls,  # type: ignore[arg-type]
    )
    return 0
