"""The web console: login, clients overview, findings list, finding detail with triage, client report.

Server-rendered HTML (Jinja2 with auto-escaping, no JavaScript), so every value from an agent — a path, a
context, a rule name — is text, never markup. Every form carries the session's CSRF token and every
POST checks it. Tenant checks are the API's: the same queries with the same Principal.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from credscan.errors import UserError
from credscan.model import CATEGORIES, SEVERITIES
from credscan.report.data import format_location
from credscan.server import admin, queries, tenancy, triage
from credscan.server.auth import SESSION_COOKIE, check_csrf, client_address, login, logout
from credscan.server.context import ServerContext, context, optional_principal
from credscan.server.report import client_report
from credscan.server.tenancy import Principal

templates = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))
templates.env.filters["location"] = format_location
router = APIRouter(include_in_schema=False)
Ctx = Annotated[ServerContext, Depends(context)]
MaybeCaller = Annotated[Principal | None, Depends(optional_principal)]

CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'"


class LoginRequired(Exception):
    """Raised by console pages without a session; the app turns it into a redirect to /login."""


def _caller(caller: Principal | None) -> Principal:
    if caller is None or caller.kind != "user":
        raise LoginRequired
    return caller


def page(
    request: Request, name: str, caller: Principal | None, status_code: int = 200, **values: Any
) -> HTMLResponse:
    values.update(
        request=request,
        user=caller,
        csrf=caller.session_csrf if caller else None,
        severities=SEVERITIES,
    )
    response = templates.TemplateResponse(request, name, values, status_code=status_code)
    response.headers["Content-Security-Policy"] = CSP
    return response


@router.get("/login")
def login_page(request: Request) -> HTMLResponse:
    return page(request, "login.html", None)


@router.post("/login")
def login_submit(
    request: Request,
    ctx: Ctx,
    name: Annotated[str, Form(max_length=200)],
    password: Annotated[str, Form(max_length=1000)],
) -> Response:
    result = login(ctx.engine, name, password, client_address(request), ctx.settings.session_seconds)
    if result.throttled:
        return page(request, "login.html", None, 429, error="Too many failed attempts; try again later.")
    if result.principal is None or result.session_token is None:
        return page(request, "login.html", None, 401, error="Wrong user name or password.")
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        result.session_token,
        max_age=ctx.settings.session_seconds,
        path="/",
        secure=True,
        httponly=True,
        samesite="strict",
    )
    return response


@router.post("/logout")
def logout_submit(
    request: Request, ctx: Ctx, caller: MaybeCaller, csrf: Annotated[str, Form()] = ""
) -> Response:
    user = _caller(caller)
    check_csrf(user, csrf)
    logout(ctx.engine, request.cookies.get(SESSION_COOKIE), user, client_address(request))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/", secure=True, httponly=True, samesite="strict")
    return response


@router.get("/")
def overview(request: Request, ctx: Ctx, caller: MaybeCaller) -> HTMLResponse:
    user = _caller(caller)
    with ctx.engine.connect() as conn:
        clients = queries.clients_overview(conn, user.client_ids, ctx.settings.silent_after_seconds)
        agents = queries.list_agents(conn, user.client_ids, ctx.settings.silent_after_seconds)
    silent = [agent for agent in agents if agent["silent"]]
    return page(request, "overview.html", user, clients=clients, silent=silent, now=datetime.now(UTC))


@router.get("/findings")
def findings_page(
    request: Request,
    ctx: Ctx,
    caller: MaybeCaller,
    client: str = "",
    status: str = "open",
    severity: str = "",
    category: str = "",
) -> HTMLResponse:
    user = _caller(caller)
    client_id = int(client) if client.isdigit() else None
    filters = {
        "client": str(client_id) if client_id else "",
        "status": status if status in queries.STATUSES else "",
        "severity": severity if severity in SEVERITIES else "",
        "category": category if category in CATEGORIES else "",
    }
    raw_page = request.query_params.get("page", "1")
    number = int(raw_page) if raw_page.isdigit() and 0 < int(raw_page) <= 10_000 else 1
    flt = queries.FindingFilter(
        client_ids=[client_id] if client_id else None,
        status=filters["status"] or None,
        severity=filters["severity"] or None,
        category=filters["category"] or None,
    )
    with ctx.engine.connect() as conn:
        result = queries.list_findings(conn, flt, user.client_ids, number, 50)
        clients = admin.list_clients(conn, user.client_ids)  # names for the filter: no counting
    query = {k: v for k, v in filters.items() if v}
    return page(
        request,
        "findings.html",
        user,
        result=result,
        filters=filters,
        clients=clients,
        statuses=queries.STATUSES,
        categories=CATEGORIES,
        prev_url=f"/findings?{urlencode({**query, 'page': number - 1})}" if number > 1 else None,
        next_url=f"/findings?{urlencode({**query, 'page': number + 1})}" if result["has_next"] else None,
    )


@router.get("/findings/{finding}")
def finding_page(
    request: Request, finding: int, ctx: Ctx, caller: MaybeCaller, error: str = ""
) -> HTMLResponse:
    user = _caller(caller)
    with ctx.engine.connect() as conn:
        found = queries.get_finding(conn, finding, user.client_ids)
        if found is None:
            raise tenancy.not_found()
        history = queries.finding_history(conn, finding)
    return page(request, "finding.html", user, finding=found, history=history, error=error[:200])


@router.post("/findings/{finding}/triage")
def triage_submit(
    request: Request,
    finding: int,
    ctx: Ctx,
    caller: MaybeCaller,
    action: Annotated[str, Form()],
    csrf: Annotated[str, Form()] = "",
    reason: Annotated[str, Form(max_length=1000)] = "",
    until: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    user = _caller(caller)
    check_csrf(user, csrf)
    with ctx.engine.begin() as conn:
        if queries.get_finding(conn, finding, user.client_ids) is None:
            raise tenancy.not_found()
        tenancy.require_triage(user)
        try:
            triage.decide(conn, finding, action, user.actor, reason, until or None, client_address(request))
        except UserError as exc:
            return RedirectResponse(f"/findings/{finding}?{urlencode({'error': str(exc)})}", status_code=303)
    return RedirectResponse(f"/findings/{finding}", status_code=303)


@router.get("/clients/{client_id}/report")
def report_page(client_id: int, ctx: Ctx, caller: MaybeCaller) -> HTMLResponse:
    """The client's risk-assessment report (credscan.report) from the server's data."""
    user = _caller(caller)
    tenancy.require_client(user, client_id)
    with ctx.engine.connect() as conn:
        html = client_report(conn, client_id)
    if html is None:
        raise HTTPException(status_code=404, detail="not found")
    return HTMLResponse(html)


@router.get("/console.css")
def stylesheet() -> Response:
    css = Path(__file__).with_name("templates").joinpath("console.css").read_text(encoding="utf-8")
    return Response(css, media_type="text/css", headers={"Cache-Control": "max-age=3600"})
