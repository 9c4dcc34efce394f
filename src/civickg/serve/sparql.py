"""The SPARQL 1.1 Protocol at ``/sparql`` and the Graph Store Protocol at ``/store``."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from civickg.serve.config import ServeConfig
from civickg.serve.guard import remote_keyword, token_ok
from civickg.serve.negotiate import Accept, accepts_html, from_param, parse_accept
from civickg.serve.pool import JobFailed, WorkerPool
from civickg.serve.worker import Reply

RDF_UPLOADS = {"text/turtle", "application/n-triples", "application/n-quads", "application/trig",
               "application/ld+json", "application/rdf+xml", "text/n3"}


class Refused(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


def text(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return Response(message.rstrip() + "\n", status, headers, media_type="text/plain")


def reply_response(r: Reply) -> Response:
    return Response(r.body, r.status, r.headers, media_type=r.content_type)


async def body_of(request: Request, cfg: ServeConfig) -> bytes:
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > cfg.max_request_bytes:
            raise Refused(413, f"The request body is larger than this server's limit of "
                               f"{cfg.max_request_bytes:,} bytes.")
        chunks.append(chunk)
    return b"".join(chunks)


def accept_of(request: Request, params: dict[str, list[str]]) -> Accept:
    if "format" in params:
        acc = from_param(params["format"][0])
        if acc is None:
            raise Refused(400, f"Unknown format {params['format'][0]!r}; use json, xml, csv, tsv, "
                               "turtle, ntriples, jsonld or rdfxml.")
        return acc
    return parse_accept(request.headers.get("accept"))


def check_remote(sparql: str, cfg: ServeConfig) -> None:
    word = None if cfg.allow_service else remote_keyword(sparql)
    if word == "SERVICE":
        raise Refused(403, "Federated queries (SERVICE) are disabled on this server: it makes no "
                           "requests to other servers on a client's behalf. Start it with "
                           "--allow-service to allow them.")
    if word == "LOAD":
        raise Refused(403, "LOAD fetches a URL from the server; it is disabled unless the server "
                           "runs with --allow-service.")


def check_write(request: Request, cfg: ServeConfig) -> None:
    if not cfg.allow_update:
        raise Refused(403, "This server is read-only: SPARQL Update and graph uploads are refused. "
                           "Start it with --allow-update (and a token in CIVICKG_TOKEN) to accept them.")
    auth = request.headers.get("authorization")
    if not auth:
        raise Refused(401, "Updates need the header 'Authorization: Bearer <token>' with the token "
                           "the server was given in CIVICKG_TOKEN.",
                      {"WWW-Authenticate": 'Bearer realm="civickg"'})
    if not token_ok(auth, cfg.token):
        raise Refused(403, "Wrong bearer token: updates are refused.")


async def run(pool: WorkerPool, kind: str, args: dict[str, Any], timeout: float) -> Reply:
    try:
        return await pool.run(kind, args, timeout)
    except JobFailed as e:
        raise Refused(e.status, e.message, {"Retry-After": "10"} if e.status == 503 else None) from None


async def update(request: Request, sparql: str) -> Response:
    cfg: ServeConfig = request.app.state.cfg
    pool: WorkerPool = request.app.state.pool
    check_write(request, cfg)
    check_remote(sparql, cfg)
    args = {"update": sparql}
    request.app.state.cache.clear()
    try:
        if cfg.endpoint:
            return reply_response(await run(pool, "update", args, cfg.timeout))
        try:
            return reply_response(await pool.exclusive("update", args, cfg.timeout))
        except JobFailed as e:
            raise Refused(e.status, e.message) from None
    finally:
        request.app.state.cache.clear()


async def query(request: Request, sparql: str, params: dict[str, list[str]]) -> Response:
    cfg: ServeConfig = request.app.state.cfg
    check_remote(sparql, cfg)
    args = {"query": sparql, "accept": accept_of(request, params), "max_bytes": cfg.max_bytes,
            "default_graphs": params.get("default-graph-uri", []),
            "named_graphs": params.get("named-graph-uri", [])}
    # the snapshot read is part of the key: a newer one (after a build) gives new answers
    key = (request.app.state.pool.source, sparql, tuple(args["accept"]), tuple(args["default_graphs"]),
           tuple(args["named_graphs"]))
    reply = await request.app.state.cache.get(key, lambda: run(request.app.state.pool, "sparql", args, cfg.timeout))
    return reply_response(reply)


async def sparql_endpoint(request: Request) -> Response:
    cfg: ServeConfig = request.app.state.cfg
    try:
        params = parse_qs(request.url.query, keep_blank_values=True)
        if request.method == "POST":
            ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
            body = await body_of(request, cfg)
            if ctype == "application/x-www-form-urlencoded":
                for k, v in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items():
                    params.setdefault(k, []).extend(v)
            elif ctype == "application/sparql-query":
                params["query"] = [body.decode("utf-8", "replace")]
            elif ctype == "application/sparql-update":
                params["update"] = [body.decode("utf-8", "replace")]
            elif ctype in RDF_UPLOADS:
                check_write(request, cfg)
                raise Refused(415, "To upload a graph, PUT or POST it to /store?graph=IRI.")
            else:
                raise Refused(415, "POST a query as application/sparql-query, an update as "
                                   "application/sparql-update, or either as an HTML form "
                                   "(application/x-www-form-urlencoded).")
        if "update" in params:
            if request.method != "POST":
                check_write(request, cfg)
                raise Refused(405, "Updates must be sent with POST.", {"Allow": "POST"})
            return await update(request, params["update"][0])
        if "query" not in params:
            if accepts_html(parse_accept(request.headers.get("accept"))):
                return RedirectResponse("/", 303)
            raise Refused(400, "Missing the 'query' parameter (SPARQL 1.1 Protocol).")
        if len(params["query"]) > 1:
            raise Refused(400, "Give exactly one 'query' parameter.")
        return await query(request, params["query"][0], params)
    except Refused as e:
        return text(e.status, e.message, e.headers)


def _graph_param(params: dict[str, list[str]]) -> str | None:
    g = params.get("graph", [None])[0]
    if g is None and "default" not in params:
        raise Refused(400, "Name a graph with ?graph=IRI (or ?default for the union of all graphs).")
    if g is not None:
        try:
            ox.NamedNode(g)
        except ValueError:
            raise Refused(400, f"Not an IRI: {g!r}") from None
    return g


async def graph_store(request: Request) -> Response:
    """Graph Store Protocol: GET a named graph (or the union); PUT/POST/DELETE only with
    --allow-update and the token."""
    cfg: ServeConfig = request.app.state.cfg
    try:
        params = parse_qs(request.url.query, keep_blank_values=True)
        if request.method in ("GET", "HEAD"):
            g = _graph_param(params)
            where = f"GRAPH <{g}> {{ ?s ?p ?o }}" if g else "?s ?p ?o"
            params.pop("graph", None)
            return await query(request, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} }}", params)
        check_write(request, cfg)
        g = _graph_param(params)
        if g is None:
            raise Refused(400, "Writes need a named graph (?graph=IRI): the default graph is the "
                               "union of the article graphs.")
        if request.method == "DELETE":
            return await update(request, f"DROP GRAPH <{g}>")
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        fmt = ox.RdfFormat.from_media_type(ctype)
        if fmt is None or fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
            kinds = ", ".join(sorted(RDF_UPLOADS - {"application/n-quads", "application/trig"}))
            raise Refused(415, f"Send the graph as one of: {kinds}.")
        try:
            parsed = list(ox.parse(await body_of(request, cfg), format=fmt, base_iri=g))
        except SyntaxError as e:
            raise Refused(400, f"Malformed graph: {e}") from None
        if any(isinstance(q, ox.Quad) and not isinstance(q.graph_name, ox.DefaultGraph) for q in parsed):
            raise Refused(400, "The upload names graphs of its own (JSON-LD @graph with an @id); send one graph.")
        triples = ox.serialize([q.triple if isinstance(q, ox.Quad) else q for q in parsed],
                               format=ox.RdfFormat.N_TRIPLES).decode()
        insert = f"INSERT DATA {{ GRAPH <{g}> {{\n{triples}}} }}"
        return await update(request, (f"DROP SILENT GRAPH <{g}> ; " if request.method == "PUT" else "") + insert)
    except Refused as e:
        return text(e.status, e.message, e.headers)
