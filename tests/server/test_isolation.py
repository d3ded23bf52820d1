"""Tenant isolation, exhaustively: every route of the app, every kind of caller, both clients' ids.

Two clients (Acme, Globex), each with an agent, a spare agent and a finding. Callers: nobody, an admin and a
technician (session and API key), a technician assigned to Acme, an Acme viewer, a Globex viewer, the Acme
and Globex agents, and sessions that omit the CSRF token. Each route is called by each caller once with
Acme's ids and once with Globex's. A caller that may not act gets 401/403/404 (or the console's redirect
to /login) and a caller limited to one client never sees a byte of the other's names, paths or agents.
ROUTES must list every route the app has: a new route without an entry here fails the first test.
Runs on SQLite and PostgreSQL (about 15 s for both).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from credscan.server import models
from tests.support.server_fixtures import Caller, ServerHarness, finding_event, finding_record

DENIED = {401, 403, 404}
_names = itertools.count(1)


@dataclass(frozen=True)
class Spec:
    access: str
    """public | login | enroll | agent | read | triage | admin | session"""
    body: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    console: bool = False


def _event(target: dict[str, Any]) -> dict[str, Any]:
    return {
        "json": [
            finding_event("finding.new", finding_record(f"/srv/{target['marker']}/new-{next(_names)}.txt"))
        ]
    }


ROUTES: dict[tuple[str, str], Spec] = {
    ("GET", "/api/v1/openapi.json"): Spec("public"),
    ("GET", "/api/v1/health"): Spec("public"),
    ("POST", "/api/v1/enroll"): Spec("enroll", lambda t: {"json": {"token": "cse_not-a-token", "name": "x"}}),
    ("POST", "/api/v1/events"): Spec("agent", _event),
    ("GET", "/api/v1/agent/decisions"): Spec("agent"),
    ("GET", "/api/v1/clients"): Spec("read"),
    ("POST", "/api/v1/clients"): Spec("admin", lambda t: {"json": {"name": f"New {next(_names)}"}}),
    ("GET", "/api/v1/clients/{client_id}"): Spec("read"),
    ("POST", "/api/v1/clients/{client_id}/enroll-tokens"): Spec(
        "admin", lambda t: {"json": {"expires": "1h"}}
    ),
    ("GET", "/api/v1/agents"): Spec("read"),
    ("POST", "/api/v1/agents/{agent_id}/revoke"): Spec("admin"),
    ("GET", "/api/v1/findings"): Spec("read"),
    ("GET", "/api/v1/findings/{finding}"): Spec("read"),
    ("POST", "/api/v1/findings/{finding}/triage"): Spec(
        "triage", lambda t: {"json": {"action": "false-positive", "reason": "isolation test"}}
    ),
    ("GET", "/api/v1/audit"): Spec("admin"),
    ("GET", "/login"): Spec("public", console=True),
    ("POST", "/login"): Spec(
        "login", lambda t: {"data": {"name": "nobody", "password": "wrong"}}, console=True
    ),
    ("POST", "/logout"): Spec("session", console=True),
    ("GET", "/"): Spec("read", console=True),
    ("GET", "/findings"): Spec("read", console=True),
    ("GET", "/findings/{finding}"): Spec("read", console=True),
    ("POST", "/findings/{finding}/triage"): Spec(
        "triage", lambda t: {"data": {"action": "false-positive", "reason": "isolation test"}}, console=True
    ),
    ("GET", "/clients/{client_id}/report"): Spec("read", console=True),
    ("GET", "/console.css"): Spec("public", console=True),
}


def app_routes(routes: Any, prefix: str = "") -> set[tuple[str, str]]:
    """(method, path) of every route, included routers too (FastAPI includes them lazily)."""
    found = set()
    for route in routes:
        original = getattr(route, "original_router", None)
        if original is not None:
            context = getattr(route, "include_context", None)
            found |= app_routes(original.routes, prefix + (getattr(context, "prefix", "") or ""))
            continue
        for method in getattr(route, "methods", None) or ():
            if method not in ("HEAD", "OPTIONS"):
                found.add((method, prefix + route.path))
    return found


@dataclass
class Who:
    name: str
    caller: Caller | None
    kind: str
    """none | admin | technician | viewer | agent"""
    clients: frozenset[str] | None
    """Clients it may see (None: all)."""
    csrf: bool = True


@dataclass
class World:
    targets: dict[str, dict[str, Any]]
    callers: list[Who]


def build_world(server: ServerHarness) -> World:
    targets: dict[str, dict[str, Any]] = {}
    agents: dict[str, Caller] = {}
    for name, marker in (("Acme", "acme-only-share"), ("Globex", "globex-only-share")):
        client_id = server.add_client(name)
        agent = server.enroll(name, f"{marker}-fs")
        server.enroll(name, f"{marker}-spare")
        server.request(agent, "POST", "/api/v1/events", json=_event({"marker": marker})["json"])
        with server.engine.connect() as conn:
            finding = conn.execute(
                select(models.findings.c.id).where(models.findings.c.client_id == client_id)
            ).scalar()
            spare = conn.execute(
                select(models.agents.c.id).where(models.agents.c.name == f"{marker}-spare")
            ).scalar()
        targets[name] = {
            "client_id": client_id,
            "finding": finding,
            "agent_id": spare,
            "marker": marker,
            "name": name,
        }
        agents[name] = agent
    server.add_user("root", "admin")
    server.add_user("tech", "technician")
    server.add_user("tech-acme", "technician", ["Acme"])
    server.add_user("viewer-acme", "viewer", ["Acme"])
    server.add_user("viewer-globex", "viewer", ["Globex"])
    acme, globex = frozenset({"Acme"}), frozenset({"Globex"})
    admin_session = server.login("root")
    tech_session = server.login("tech")
    callers = [
        Who("nobody", None, "none", frozenset()),
        Who("admin session", admin_session, "admin", None),
        Who("admin session without CSRF", admin_session, "admin", None, csrf=False),
        Who("admin key", server.api_key("root"), "admin", None),
        Who("technician session", tech_session, "technician", None),
        Who("technician session without CSRF", tech_session, "technician", None, csrf=False),
        Who("technician of Acme", server.api_key("tech-acme"), "technician", acme),
        Who("viewer of Acme (session)", server.login("viewer-acme"), "viewer", acme),
        Who("viewer of Globex", server.api_key("viewer-globex"), "viewer", globex),
        Who("Acme agent", agents["Acme"], "agent", acme),
        Who("Globex agent", agents["Globex"], "agent", globex),
        Who(
            "forged bearer",
            Caller("forged", headers={"Authorization": "Bearer csa_forged"}),
            "none",
            frozenset(),
        ),
    ]
    return World(targets, callers)


def allowed(spec: Spec, who: Who, target: str, path: str) -> bool:
    scoped = "{" in path
    sees = who.clients is None or target in who.clients
    user = who.kind in ("admin", "technician", "viewer")
    if spec.access == "public":
        return True
    if spec.access in ("login", "enroll"):
        return False  # wrong password / bad token: refused for everyone
    if spec.access == "agent":
        return who.kind == "agent"
    if spec.access == "session":
        return user and who.caller is not None and bool(who.caller.cookies)
    if spec.access == "admin":
        return who.kind == "admin"
    if spec.access == "read":
        return user and (sees or not scoped)
    if spec.access == "triage":
        return who.kind in ("admin", "technician") and sees
    raise AssertionError(spec.access)


def test_every_route_is_covered(server: ServerHarness) -> None:
    routes = app_routes(server.app.routes)
    assert len(routes) > 20, routes
    missing = sorted(routes - set(ROUTES))
    assert not missing, f"routes without a tenant-isolation entry in ROUTES: {missing}"
    assert not sorted(set(ROUTES) - routes), "ROUTES lists routes the app does not have"


def test_openapi_documents_every_api_route(server: ServerHarness) -> None:
    document = server.client.get("/api/v1/openapi.json").json()
    documented = {(method.upper(), path) for path, item in document["paths"].items() for method in item}
    api = {route for route in app_routes(server.app.routes) if route[1].startswith("/api/v1/")}
    assert documented == api - {("GET", "/api/v1/openapi.json")}
    assert document["info"]["title"] == "credscan server"


def _call(server: ServerHarness, spec: Spec, method: str, path: str, who: Who, target: dict[str, Any]) -> Any:
    url = path.format(**{key: target[key] for key in ("client_id", "finding", "agent_id")})
    kwargs = spec.body(target) if spec.body else {}
    headers: dict[str, str] = {}
    caller = who.caller
    if method == "POST" and caller is not None and caller.csrf and who.csrf:
        headers["X-CSRF-Token"] = caller.csrf
        if spec.console:
            kwargs["data"] = {**kwargs.get("data", {}), "csrf": caller.csrf}
    if method == "POST" and spec.console and "data" not in kwargs:
        kwargs["data"] = {}
    return server.request(caller, method, url, headers=headers, **kwargs)


def test_every_route_respects_tenants(server: ServerHarness) -> None:
    """All routes x all callers x both clients' ids in one world (logins cost an Argon2 hash each)."""
    world = build_world(server)
    failures: list[str] = []
    # Reads before writes, logout (which ends the sessions) last.
    order = sorted(ROUTES, key=lambda route: (route[0] == "POST", ROUTES[route].access == "session", route))
    for method, path in order:
        spec = ROUTES[(method, path)]
        for who in world.callers:
            for target_name, target in world.targets.items():
                failures += _check(server, world, spec, method, path, who, target_name, target)
    assert not failures, "\n".join(failures[:30])
    with server.engine.connect() as conn:
        rows = conn.execute(
            select(models.audit_log.c.actor, models.clients.c.name)
            .join(models.clients, models.clients.c.id == models.audit_log.c.client_id)
            .where(models.audit_log.c.action.like("finding.%"))
        ).all()
    actors = {(actor, client) for actor, client in rows}
    assert actors, "no triage happened at all"
    for actor, client in actors:
        assert actor in ("root", "tech") or (actor == "tech-acme" and client == "Acme"), (actor, client)


def _check(
    server: ServerHarness, world: World, spec: Spec, method: str, path: str, who: Who, target_name: str,
    target: dict[str, Any],
) -> list[str]:  # fmt: skip
    response = _call(server, spec, method, path, who, target)
    status = response.status_code
    label = f"{method} {path} as {who.name} on {target_name}'s ids"
    problems = []
    csrf_missing = method == "POST" and not who.csrf and spec.access != "login"
    if allowed(spec, who, target_name, path) and not csrf_missing:
        if status in DENIED or status >= 500:
            problems.append(f"{label}: refused ({status}) {response.text[:200]}")
        elif spec.access != "session" and spec.console and response.headers.get("location") == "/login":
            problems.append(f"{label}: sent to /login")
    else:
        redirected = spec.console and status == 303 and response.headers["location"] == "/login"
        refused_login = spec.access == "login" and status in (401, 429)
        if not (status in DENIED or redirected or refused_login):
            problems.append(f"{label}: not refused ({status}) {response.text[:200]}")
    if who.clients is not None:
        for other_name, other in world.targets.items():
            if other_name in who.clients:
                continue
            for marker in (other["marker"], other_name):
                if marker in response.text:
                    problems.append(f"{label}: response shows {other_name}'s {marker!r}")
    return problems
