"""The server's own files: ``server.toml`` ([server] of credscan.config), the TLS pair, the SQLite db.

``credscan server init --dir DIR`` writes them (mode 0600, folder 0700); ``--config`` points every other
server command at ``DIR/server.toml``. Relative paths in the file are relative to its folder. The default
folder is ``$CREDSCAN_SERVER_DIR`` or ``<state dir>/server``, so `credscan server run` works with no setup.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import URL

from credscan.config import ServerSection, load_config
from credscan.errors import UserError
from credscan.secretref import resolve_secret
from credscan.server.db import database_url, make_engine, upgrade
from credscan.statedir import default_state_dir, ensure_private_dir, write_private_file

CONFIG_NAME = "server.toml"
DB_NAME = "credscan-server.db"
CERT_NAME = "tls/server.pem"
KEY_NAME = "tls/server.key"


def default_dir() -> Path:
    explicit = os.environ.get("CREDSCAN_SERVER_DIR")
    return Path(explicit) if explicit else default_state_dir() / "server"


def default_config_path() -> Path:
    return default_dir() / CONFIG_NAME


@dataclass(frozen=True, slots=True)
class ServerFiles:
    config_path: Path
    settings: ServerSection

    @property
    def folder(self) -> Path:
        return self.config_path.parent

    def path(self, value: str | None, default: str) -> Path:
        chosen = Path(value or default)
        return chosen if chosen.is_absolute() else self.folder / chosen

    @property
    def cert(self) -> Path:
        return self.path(self.settings.tls_cert, CERT_NAME)

    @property
    def key(self) -> Path:
        return self.path(self.settings.tls_key, KEY_NAME)

    def url(self) -> URL:
        raw = self.settings.database or f"sqlite:///{self.folder / DB_NAME}"
        password = None
        if self.settings.database_password:
            password = resolve_secret(self.settings.database_password, "server.database_password")
        return database_url(raw, password)

    def engine(self, *, migrate: bool = True, pool_size: int = 10) -> Engine:
        engine = make_engine(self.url(), pool_size=pool_size)
        if migrate:
            try:
                upgrade(engine)
            except Exception as exc:  # a database that is down or refuses us: one line, no traceback
                raise UserError(
                    f"cannot open the server database: {type(exc).__name__}: {str(exc).splitlines()[0]}"
                ) from None
        return engine


def load(config_path: Path | None) -> ServerFiles:
    path = config_path or default_config_path()
    if not path.is_file():
        raise UserError(f"no server config at {path}: run `credscan server init` first (or give --config)")
    config = load_config(path)
    extra = sorted(set(config.raw) - {"server"})
    if extra:
        raise UserError(f"{path}: a server config holds only [server], not {', '.join(extra)}")
    return ServerFiles(path, config.server)


def init(
    folder: Path,
    *,
    listen: str,
    database: str | None,
    public_url: str | None,
    names: list[str],
    cert: Path | None,
    key: Path | None,
) -> ServerFiles:
    """Write server.toml and (unless given) a self-signed certificate; create the schema."""
    from credscan.server.tls import make_self_signed

    ensure_private_dir(folder)
    config_path = folder / CONFIG_NAME
    if config_path.exists():
        raise UserError(f"{config_path} exists already; edit it or choose another --dir")
    if (cert is None) != (key is None):
        raise UserError("give both --cert and --key, or neither (a self-signed pair is created)")
    host, _, port = listen.rpartition(":")
    if not host or not port.isdigit():
        raise UserError(f"--listen must be HOST:PORT, not {listen!r}")
    lines = ["[server]", f"listen = {_toml(listen)}"]
    if database:
        lines.append(f"database = {_toml(database)}")
    lines.append(f"public_url = {_toml(public_url or f'https://{names[0] if names else host}:{port}')}")
    if cert and key:
        lines += [f"tls_cert = {_toml(str(cert.resolve()))}", f"tls_key = {_toml(str(key.resolve()))}"]
    else:
        ensure_private_dir(folder / "tls")
        make_self_signed(folder / CERT_NAME, folder / KEY_NAME, names or [host])
    write_private_file(config_path, ("\n".join(lines) + "\n").encode("utf-8"))
    files = load(config_path)
    files.engine().dispose()
    return files


def _toml(value: str) -> str:
    text = f'x = "{value}"'
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        raise UserError(f"{value!r} cannot be written to the config") from None
    return f'"{value}"'
