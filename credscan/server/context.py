"""What every request handler needs: the engine and the [server] settings (no other state per process)."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import HTTPException, Request
from sqlalchemy import Engine

from credscan.config import ServerSection
from credscan.server.auth import authenticate
from credscan.server.tenancy import Principal


@dataclass(frozen=True, slots=True)
class ServerContext:
    engine: Engine
    settings: ServerSection


def context(request: Request) -> ServerContext:
    ctx: ServerContext = request.app.state.server
    return ctx


def principal(request: Request) -> Principal:
    """The authenticated caller, or 401 (FastAPI dependency)."""
    found = authenticate(context(request).engine, request)
    if found is None:
        raise HTTPException(
            status_code=401, detail="authentication required", headers={"WWW-Authenticate": "Bearer"}
        )
    return found


def optional_principal(request: Request) -> Principal | None:
    return authenticate(context(request).engine, request)
