"""The JSON API, versioned under /api/v1/ (OpenAPI document at /api/v1/openapi.json).

Every handler takes the caller's Principal and checks it first: agents reach only ``/events`` and
``/agent/decisions`` (their own client), users reach the rest within their clients, admins manage.
Another tenant's object answers 404, exactly like a missing one.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from credscan import __version__
from credscan.config import parse_interval
from credscan.errors import UserError
from credscan.server import admin, queries, tenancy, triage
from credscan.server.auth import check_csrf, client_address
from credscan.server.context import ServerContext, context, principal
from credscan.server.ingest import MAX_BATCH, ingest
from credscan.server.tenancy import Principal

MAX_BODY = 8 * 1024 * 1024
"""Largest events batch accepted (the agent sends at most 100 events a request)."""

router = APIRouter(prefix="/api/v1")
Caller = Annotated[Principal, Depends(principal)]
Ctx = Annotated[ServerContext, Depends(context)]


def reply(data: dict[str, Any]) -> JSONResponse:
    """The answer as JSON, serialised once by the standard library: the data is JSON already (strings,
    numbers, lists), and FastAPI's generic encoder cost ~10 ms on a page of 50 findings."""
    return JSONResponse(data)


def user_error(exc: UserError) -> HTTPException:
    return HTTPException(status_code=400, detail=str(exc))


class EnrollRequest(BaseModel):
    token: str = Field(max_length=200)
    name: str = Field(max_length=200, description="the agent's host name")


class ClientCreate(BaseModel):
    name: str = Field(max_length=200)


class EnrollTokenRequest(BaseModel):
    expires: str = Field("24h", description="lifetime, e.g. 30m, 24h, 7d")


class TriageRequest(BaseModel):
    action: Literal["accept", "false-positive", "reopen"]
    reason: str | None = Field(None, max_length=1000)
    until: str | None = Field(None, description="acceptance expiry, YYYY-MM-DD")


def _csrf(request: Request, caller: Principal) -> None:
    check_csrf(caller, request.headers.get("x-csrf-token"))


@router.get("/health", tags=["server"])
def health(ctx: Ctx) -> dict[str, Any]:
    """Liveness and database reachability (for load balancers); needs no credentials."""
    from sqlalchemy import text

    try:
        with ctx.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception:
        raise HTTPException(status_code=503, detail="database unavailable") from None
    return {"status": "ok", "version": __version__}


@router.post("/enroll", tags=["agents"])
def enroll(body: EnrollRequest, request: Request, ctx: Ctx) -> dict[str, Any]:
    """Exchange a one-time enrollment token for the agent's own credential (shown once)."""
    try:
        with ctx.engine.begin() as conn:
            return admin.enroll_agent(conn, body.token, body.name, client_address(request))
    except UserError as exc:
        raise HTTPException(status_code=403, detail=str(exc)) from None


async def _read_capped(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY:
        raise HTTPException(status_code=413, detail="batch too large")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise HTTPException(status_code=413, detail="batch too large")
        chunks.append(chunk)
    return b"".join(chunks)


EVENTS_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {"type": "array", "items": {"type": "object"}, "maxItems": MAX_BATCH}
            }
        },
        "description": "central-log events as the agent's outbox delivers them (docs/siem.md)",
    }
}


@router.post("/events", tags=["agents"], openapi_extra=EVENTS_BODY)
async def events(request: Request, caller: Caller, ctx: Ctx) -> dict[str, Any]:
    """Ingest a batch of an agent's events, idempotent by event.id; events with a ``secret`` are refused."""
    if caller.kind != "agent" or caller.agent_id is None or caller.client_ids is None:
        raise tenancy.forbidden()
    raw = await _read_capped(request)
    try:
        batch = json.loads(raw)
    except (ValueError, RecursionError):  # RecursionError: absurdly nested JSON
        raise HTTPException(status_code=400, detail="body is not JSON") from None
    if not isinstance(batch, list) or len(batch) > MAX_BATCH:
        raise HTTPException(
            status_code=400, detail=f"body must be a JSON array of at most {MAX_BATCH} events"
        )
    (client_id,) = caller.client_ids
    agent_id = caller.agent_id

    def store() -> dict[str, Any]:
        with ctx.engine.begin() as conn:
            return ingest(
                conn, client_id, agent_id, caller.name, batch, ctx.settings.duplicate_window_seconds
            ).to_dict()

    return await run_in_threadpool(store)


@router.get("/agent/decisions", tags=["agents"])
def agent_decisions(caller: Caller, ctx: Ctx, after: Annotated[int, Query(ge=0)] = 0) -> JSONResponse:
    """The triage decisions of the agent's own client after sequence number ``after`` (oldest first)."""
    if caller.kind != "agent" or caller.client_ids is None:
        raise tenancy.forbidden()
    (client_id,) = caller.client_ids
    with ctx.engine.begin() as conn:
        triage.expire(conn, caller.client_ids)
        items = triage.decisions_after(conn, client_id, after)
    return reply({"decisions": items, "next": items[-1]["seq"] if items else after})


@router.get("/clients", tags=["clients"])
def clients(caller: Caller, ctx: Ctx) -> JSONResponse:
    """Clients the caller may see, with open findings by severity, agents and last contact."""
    tenancy.require_user(caller)
    with ctx.engine.connect() as conn:
        overview = queries.clients_overview(conn, caller.client_ids, ctx.settings.silent_after_seconds)
        return reply({"clients": overview})


@router.post("/clients", tags=["clients"], status_code=201)
def create_client(body: ClientCreate, request: Request, caller: Caller, ctx: Ctx) -> dict[str, Any]:
    tenancy.require_admin(caller)
    _csrf(request, caller)
    try:
        with ctx.engine.begin() as conn:
            return {"id": admin.add_client(conn, body.name, caller.actor), "name": body.name.strip()}
    except UserError as exc:
        raise user_error(exc) from None


@router.get("/clients/{client_id}", tags=["clients"])
def client(client_id: int, caller: Caller, ctx: Ctx) -> JSONResponse:
    tenancy.require_user(caller)
    tenancy.require_client(caller, client_id)
    with ctx.engine.connect() as conn:
        found = queries.clients_overview(conn, frozenset({client_id}), ctx.settings.silent_after_seconds)
        if not found:
            raise tenancy.not_found()
        found[0]["history"] = queries.client_history(conn, client_id)
        return reply(found[0])


@router.post("/clients/{client_id}/enroll-tokens", tags=["clients"], status_code=201)
def create_enroll_token(
    client_id: int, body: EnrollTokenRequest, request: Request, caller: Caller, ctx: Ctx
) -> dict[str, Any]:
    """A one-time enrollment token for a new agent of this client (shown once)."""
    tenancy.require_admin(caller)
    _csrf(request, caller)
    try:
        seconds = parse_interval(body.expires)
        with ctx.engine.begin() as conn:
            if not admin.list_clients(conn, frozenset({client_id})):
                raise tenancy.not_found()
            token, expires = admin.create_enroll_token(conn, client_id, seconds, caller.actor)
    except UserError as exc:
        raise user_error(exc) from None
    return {"token": token, "expires_at": expires}


@router.get("/agents", tags=["agents"])
def agents(caller: Caller, ctx: Ctx, client: int | None = None) -> JSONResponse:
    tenancy.require_user(caller)
    if client is not None:
        tenancy.require_client(caller, client)
    with ctx.engine.connect() as conn:
        agents = queries.list_agents(conn, caller.client_ids, ctx.settings.silent_after_seconds, client)
        return reply({"agents": agents})


@router.post("/agents/{agent_id}/revoke", tags=["agents"])
def revoke(agent_id: int, request: Request, caller: Caller, ctx: Ctx) -> dict[str, Any]:
    """Revoke an agent's credential: its next request is refused."""
    tenancy.require_admin(caller)
    _csrf(request, caller)
    try:
        with ctx.engine.begin() as conn:
            admin.revoke_agent(conn, agent_id, caller.actor)
    except UserError:
        raise tenancy.not_found() from None
    return {"id": agent_id, "revoked": True}


@router.get("/findings", tags=["findings"])
def findings(
    caller: Caller,
    ctx: Ctx,
    client: Annotated[list[int] | None, Query()] = None,
    status: Annotated[Literal["open", "accepted", "false-positive", "resolved"] | None, Query()] = None,
    severity: Annotated[Literal["critical", "high", "medium", "low", "info"] | None, Query()] = None,
    category: Annotated[str | None, Query(max_length=40)] = None,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=200)] = 50,
) -> JSONResponse:
    """Findings across the caller's clients, newest first, filtered and paged."""
    tenancy.require_user(caller)
    flt = queries.FindingFilter(client_ids=client, status=status, severity=severity, category=category)
    with ctx.engine.connect() as conn:
        return reply(queries.list_findings(conn, flt, caller.client_ids, page, per_page))


@router.get("/findings/{finding}", tags=["findings"])
def finding(finding: int, caller: Caller, ctx: Ctx) -> JSONResponse:
    """One finding (by its server id) with its history."""
    tenancy.require_user(caller)
    with ctx.engine.connect() as conn:
        found = queries.get_finding(conn, finding, caller.client_ids)
        if found is None:
            raise tenancy.not_found()
        found["history"] = queries.finding_history(conn, finding)
        return reply(found)


@router.post("/findings/{finding}/triage", tags=["findings"])
def triage_finding(
    finding: int, body: TriageRequest, request: Request, caller: Caller, ctx: Ctx
) -> dict[str, Any]:
    """Accept (optional expiry), mark false-positive (reason required) or reopen; agents pull the decision."""
    tenancy.require_user(caller)
    _csrf(request, caller)
    with ctx.engine.begin() as conn:
        if queries.get_finding(conn, finding, caller.client_ids) is None:
            raise tenancy.not_found()
        tenancy.require_triage(caller)
        try:
            return triage.decide(
                conn, finding, body.action, caller.actor, body.reason, body.until, client_address(request)
            )
        except UserError as exc:
            raise user_error(exc) from None


@router.get("/audit", tags=["server"])
def audit_log(caller: Caller, ctx: Ctx, limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> JSONResponse:
    """The newest audit entries (admins only)."""
    from sqlalchemy import select

    from credscan.server import models

    tenancy.require_admin(caller)
    with ctx.engine.connect() as conn:
        rows = conn.execute(select(models.audit_log).order_by(models.audit_log.c.id.desc()).limit(limit))
        return reply({"entries": [dict(row._mapping) for row in rows]})
