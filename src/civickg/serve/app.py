"""The ASGI application: routes, security headers, the worker pool's lifetime."""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from civickg.namespace import PREFIXES
from civickg.serve import pages
from civickg.serve.cache import AnswerCache
from civickg.serve.config import ServeConfig
from civickg.serve.guard import HEADERS, PAGE_CSP, view_csp
from civickg.serve.negotiate import accepts_html, from_param, parse_accept
from civickg.serve.pool import WorkerPool
from civickg.serve.snapshot import Follower
from civickg.serve.sparql import (
    Refused,
    body_of,
    check_remote,
    graph_store,
    reply_response,
    run,
    sparql_endpoint,
    text,
)
from civickg.serve.worker import Backend

_BAD_IRI = re.compile(r"[<>\"{}|^`\\\x00-\x20]")
STATIC = resources.files("civickg.serve") / "static"


class SecurityHeaders:
    """Adds the security headers to every response; a page's own CSP (the views) is kept."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                extra = dict(HEADERS)
                if b"content-security-policy" not in names:
                    extra["Content-Security-Policy"] = PAGE_CSP
                headers += [(k.lower().encode(), v.encode()) for k, v in extra.items()]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, wrapped)


class Cors:
    """CORS for ``/sparql`` only, so SPARQL clients running in a browser page of another origin
    (YASGUI and the like) can query it: the endpoint is read-only unless --allow-update, and an
    update needs a bearer token no other page has, so sharing the answers is safe. Answers a
    preflight (``OPTIONS``) itself; other paths are left same-origin."""

    PATH = "/sparql"

    def __init__(self, app: ASGIApp, cfg: ServeConfig) -> None:
        self.app, self.origins = app, set(cfg.cors)
        self.methods = "GET, POST, OPTIONS"
        self.headers = "Accept, Content-Type" + (", Authorization" if cfg.allow_update else "")

    def allowed(self, origin: str | None) -> list[tuple[bytes, bytes]]:
        if "*" in self.origins:
            return [(b"access-control-allow-origin", b"*")]
        if origin in self.origins:
            return [(b"access-control-allow-origin", origin.encode()), (b"vary", b"Origin")]
        return [(b"vary", b"Origin")] if self.origins else []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != self.PATH or not self.origins:
            await self.app(scope, receive, send)
            return
        req = {k.lower(): v.decode("latin-1") for k, v in scope["headers"]}
        cors = self.allowed(req.get(b"origin"))
        if scope["method"] == "OPTIONS":
            headers = [(b"allow", self.methods.encode())]
            if b"access-control-request-method" in req and any(k == b"access-control-allow-origin"
                                                                for k, _ in cors):
                headers += [*cors, (b"access-control-allow-methods", self.methods.encode()),
                            (b"access-control-allow-headers", self.headers.encode()),
                            (b"access-control-max-age", b"86400")]
            elif cors:
                headers += [h for h in cors if h[0] == b"vary"]
            await Response(status_code=204, headers={k.decode(): v.decode() for k, v in headers})(
                scope, receive, send)
            return

        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *cors]}
            await send(message)

        await self.app(scope, receive, wrapped)


def examples() -> list[dict[str, str]]:
    """The example queries shipped with the package (the repository's ``examples/queries``)."""
    out = []
    for f in sorted(STATIC.iterdir(), key=lambda p: p.name):
        if f.name.endswith(".rq"):
            q = f.read_text(encoding="utf-8")
            first = next((ln.lstrip("# ").strip() for ln in q.splitlines() if ln.startswith("#")), "")
            out.append({"name": f.name[:-3], "title": first, "query": q})
    return out


def _iri(value: str) -> str:
    if not value or _BAD_IRI.search(value) or ":" not in value:
        raise Refused(400, f"Not an IRI: {value!r}")
    return value


async def home(request: Request) -> Response:
    cfg: ServeConfig = request.app.state.cfg
    return HTMLResponse(pages.query_page(request.app.state.examples, PREFIXES, cfg))


async def describe(request: Request, iri: str) -> Response:
    cfg: ServeConfig = request.app.state.cfg
    pool = request.app.state.pool
    params = parse_qs(request.url.query)
    fmt = params.get("format", [None])[0]
    accept = parse_accept(request.headers.get("accept"))
    html = fmt in ("html", None) and (fmt == "html" or accepts_html(accept))
    if html:
        reply = await run(pool, "entity", {"iri": iri}, cfg.timeout)
        if reply.status != 200:
            return reply_response(reply)
        if not reply.body["found"]:
            return HTMLResponse(pages.page("Not found", f"<h1>Not in the graph</h1><p><code>"
                                                        f"{pages.escape(iri)}</code></p>"), 404)
        return HTMLResponse(pages.entity_page(iri, reply.body, cfg), headers={"Vary": "Accept"})
    acc = from_param(fmt) if fmt else accept
    if acc is None:
        raise Refused(400, f"Unknown format {fmt!r}; use html, turtle, jsonld, ntriples or rdfxml.")
    ask = await run(pool, "sparql", {"query": f"ASK {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?p <{iri}> }} }}",
                                     "accept": [("application/sparql-results+json", 1.0)],
                                     "max_bytes": 1000}, cfg.timeout)
    if ask.status != 200:
        return reply_response(ask)
    if b"true" not in ask.body:
        return text(404, f"{iri} is not in the graph.")
    q = f"CONSTRUCT {{ <{iri}> ?p ?o . ?s ?q <{iri}> }} WHERE {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?q <{iri}> }} }}"
    args = {"query": q, "accept": acc, "max_bytes": cfg.max_bytes}
    return reply_response(await run(pool, "sparql", args, cfg.timeout))


async def entity(request: Request) -> Response:
    cfg: ServeConfig = request.app.state.cfg
    try:
        return await describe(request, _iri(cfg.base + request.path_params["rest"]))
    except Refused as e:
        return text(e.status, e.message, e.headers)


async def resource(request: Request) -> Response:
    try:
        return await describe(request, _iri(request.query_params.get("iri", "")))
    except Refused as e:
        return text(e.status, e.message, e.headers)


async def view(request: Request) -> Response:
    cfg: ServeConfig = request.app.state.cfg
    try:
        params = parse_qs(request.url.query)
        if request.method == "POST":
            body = (await body_of(request, cfg)).decode("utf-8", "replace")
            params.update(parse_qs(body))
        args: dict[str, Any] = {}
        if "around" in params:
            args["around"] = _iri(params["around"][0])
            hops = params.get("hops", ["2"])[0]
            if not hops.isdigit() or int(hops) > 10:
                raise Refused(400, "hops must be a number from 0 to 10.")
            args["hops"] = int(hops)
        elif "query" in params:
            check_remote(params["query"][0], cfg)
            args["query"] = params["query"][0]
        elif "article" in params:
            args["article"] = params["article"][0]
        reply = await run(request.app.state.pool, "view", args, cfg.view_timeout)
        if reply.status != 200:
            return reply_response(reply)
        page = reply.body.decode()
        return HTMLResponse(page, headers={"Content-Security-Policy": view_csp(page)})
    except Refused as e:
        return text(e.status, e.message, e.headers)


def create_app(cfg: ServeConfig) -> Starlette:
    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        follower = None
        backend = Backend(None, cfg.endpoint, cfg.gsp)
        if cfg.store:  # the workers read snapshots of the store, never the store a build writes
            follower = Follower(Path(cfg.store))
            path = await asyncio.get_running_loop().run_in_executor(None, follower.start)
            backend = Backend(str(path))
        pool = WorkerPool(backend, cfg.workers, cfg.memory_mb, follower)
        await pool.start()
        app.state.pool = pool
        task = None
        if follower is not None and cfg.refresh > 0 and not follower.direct:
            task = asyncio.create_task(pool.follow(cfg.refresh, app.state.cache.clear))
        try:
            yield
        finally:
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            await pool.close()
            if follower is not None:
                follower.close()

    routes = [
        Route("/", home),
        Route("/sparql", sparql_endpoint, methods=["GET", "POST"]),
        Route("/store", graph_store, methods=["GET", "PUT", "POST", "DELETE"]),
        Route("/id/{rest:path}", entity),
        Route("/resource", resource),
        Route("/view", view, methods=["GET", "POST"]),
        Mount("/static", StaticFiles(directory=str(STATIC)), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.cfg = cfg
    app.state.cache = AnswerCache(0 if cfg.endpoint else cfg.cache_bytes)  # a remote store may change
    app.state.examples = examples()
    app.add_middleware(Cors, cfg=cfg)
    app.add_middleware(SecurityHeaders)
    return app
