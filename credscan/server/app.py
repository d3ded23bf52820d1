"""The ASGI application: the JSON API (api.py), the console (console.py), security headers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response
from fastapi.responses import RedirectResponse

from credscan import __version__
from credscan.server import api, console
from credscan.server.context import ServerContext


def create_app(ctx: ServerContext) -> FastAPI:
    app = FastAPI(
        title="credscan server",
        version=__version__,
        description="The MSP's central server for credscan agents: clients, agents, findings, triage.",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,  # Swagger UI loads from a CDN; the document itself is served
        redoc_url=None,
    )
    app.state.server = ctx
    app.include_router(api.router)
    app.include_router(console.router)

    @app.exception_handler(console.LoginRequired)
    async def to_login(_request: Request, _exc: console.LoginRequired) -> Response:
        return RedirectResponse("/login", status_code=303)

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("Cache-Control", "no-store")
        response.headers["Strict-Transport-Security"] = "max-age=31536000"
        return response

    return app
