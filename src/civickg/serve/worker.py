"""The worker processes that run every query against the store.

pyoxigraph cannot interrupt a query, so queries never run in the server process: each worker
holds its own (read-only) handle on the store, and the pool kills a worker whose job overruns
its deadline. A job is ``(kind, args)``; the answer is a ``Reply``.
"""

from __future__ import annotations

import contextlib
import json
import resource
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

import pyoxigraph as ox

from civickg.serve.negotiate import Accept, choose, supported

RESULTS_FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                   "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
RDF_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
               "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML}


@dataclass(frozen=True)
class Backend:
    """Where the graph is: an embedded store directory or a remote SPARQL endpoint."""

    store: str | None = None  # what the workers read: a snapshot, or the store when writing
    endpoint: str | None = None
    gsp: str | None = None
    writable: bool = False


@dataclass
class Reply:
    status: int
    content_type: str = "text/plain; charset=utf-8"
    body: Any = b""  # bytes for HTTP answers, plain Python data for the server's own jobs
    headers: dict[str, str] = field(default_factory=dict)


class TooLarge(Exception):
    pass


class _Limited:
    """A binary sink that refuses to grow past ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        self.limit, self.size, self.parts = limit, 0, []

    def write(self, b: bytes) -> int:
        self.size += len(b)
        if self.size > self.limit:
            raise TooLarge
        self.parts.append(bytes(b))
        return len(b)

    def flush(self) -> None:
        pass

    def value(self) -> bytes:
        return b"".join(self.parts)


def _text(status: int, msg: str, **headers: str) -> Reply:
    return Reply(status, body=(msg.rstrip() + "\n").encode(), headers=headers)


def too_large(limit: int) -> Reply:
    return _text(422, f"The result is larger than this server's limit of {limit:,} bytes. "
                      "Add a LIMIT, or select fewer or shorter values.")


class Embedded:
    """A store directory: the store itself when writing (alone), else a snapshot of it that
    nobody writes (see ``civickg.serve.snapshot``)."""

    def __init__(self, path: str, writable: bool) -> None:
        self.store = ox.Store(path) if writable else ox.Store.read_only(path)

    def raw(self, sparql: str, default_graphs: list[str], named_graphs: list[str]) -> Any:
        kw: dict[str, Any] = {"use_default_graph_as_union": not default_graphs}
        if default_graphs:
            kw["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        if named_graphs:
            kw["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        return self.store.query(sparql, **kw)

    def query(self, sparql: str) -> Any:
        from civickg.store.base import QueryResult

        r = self.raw(sparql, [], [])
        if isinstance(r, ox.QueryBoolean):
            return QueryResult(boolean=bool(r))
        if isinstance(r, ox.QueryTriples):
            return QueryResult(ntriples=ox.serialize(r, format=ox.RdfFormat.N_TRIPLES).decode())
        return QueryResult.from_json(json.loads(r.serialize(format=ox.QueryResultsFormat.JSON)))

    def sparql(self, args: dict[str, Any]) -> Reply:
        from civickg.store.base import EXPORT_PREFIXES

        try:
            r = self.raw(args["query"], args.get("default_graphs", []), args.get("named_graphs", []))
        except SyntaxError as e:
            return _text(400, f"Malformed query: {e}")
        kind = "graph" if isinstance(r, ox.QueryTriples) else "results"
        fmt = choose(kind, args["accept"])
        if fmt is None:
            return _text(406, f"This query gives {'an RDF graph' if kind == 'graph' else 'results'}; "
                              f"acceptable types are: {supported(kind)}")
        out = _Limited(args["max_bytes"])
        try:
            if kind == "results":
                r.serialize(out, format=RESULTS_FORMATS[fmt.name])
            else:
                prefixes = EXPORT_PREFIXES if fmt.name != "ntriples" else None
                ox.serialize(r, out, format=RDF_FORMATS[fmt.name], prefixes=prefixes)
        except TooLarge:
            return too_large(args["max_bytes"])
        return Reply(200, fmt.content_type, out.value(), {"Vary": "Accept"})

    def update(self, args: dict[str, Any]) -> Reply:
        try:
            self.store.update(args["update"])
        except SyntaxError as e:
            return _text(400, f"Malformed update: {e}")
        self.store.flush()
        return _text(200, "Update applied.")

    def close(self) -> None:
        with contextlib.suppress(OSError, RuntimeError):  # a read-only store has nothing to flush
            self.store.flush()
        del self.store


class Unreachable(Exception):
    """The remote endpoint did not answer (refused, reset, timed out): 502 to the client."""


class Remote:
    """Proxies to a SPARQL 1.1 endpoint; the server's limits still apply to what comes back."""

    def __init__(self, endpoint: str, gsp: str | None) -> None:
        from civickg.store import RemoteStore

        self.endpoint = endpoint
        self.store = RemoteStore(endpoint, gsp)
        self.http = self.store._http  # one connection pool for both uses
        base = self.store.query_url.rsplit("/", 1)[0]
        self.update_url = f"{base}/update"

    @contextlib.contextmanager
    def _reaching(self) -> Iterator[None]:
        import httpx

        try:
            yield
        except httpx.TransportError as e:
            raise Unreachable(f"The SPARQL endpoint {self.endpoint} did not answer "
                              f"({type(e).__name__}: {e}).") from e

    def query(self, sparql: str) -> Any:
        with self._reaching():
            return self.store.query(sparql)

    def sparql(self, args: dict[str, Any]) -> Reply:
        with self._reaching():
            return self._sparql(args)

    def _sparql(self, args: dict[str, Any]) -> Reply:
        params = [("default-graph-uri", g) for g in args.get("default_graphs", [])]
        params += [("named-graph-uri", g) for g in args.get("named_graphs", [])]
        accept = ", ".join(f"{m};q={q}" for m, q in args["accept"])
        with self.http.stream("POST", self.store.query_url, params=params,
                              content=args["query"].encode(),
                              headers={"Content-Type": "application/sparql-query",
                                       "Accept": accept}) as r:
            out = _Limited(args["max_bytes"])
            try:
                for chunk in r.iter_bytes():
                    out.write(chunk)
            except TooLarge:
                return too_large(args["max_bytes"])
            ctype = r.headers.get("content-type", "application/octet-stream")
            return Reply(r.status_code, ctype, out.value(), {"Vary": "Accept"})

    def update(self, args: dict[str, Any]) -> Reply:
        with self._reaching():
            r = self.http.post(self.update_url, content=args["update"].encode(),
                               headers={"Content-Type": "application/sparql-update"})
        return Reply(r.status_code if r.is_error else 200, body=r.content or b"Update applied.\n")

    def close(self) -> None:
        self.store.close()


def open_backend(b: Backend) -> Embedded | Remote:
    if b.endpoint:
        return Remote(b.endpoint, b.gsp)
    if b.store is None:
        raise ValueError("no store")
    return Embedded(b.store, b.writable)


def serve(conn: Connection, backend: Backend, memory_mb: int | None) -> None:
    """The worker's main loop: answer jobs until the pool closes the pipe or sends None.

    A job is ``(kind, args, store)``: ``store`` is the snapshot the job must read (the pool
    moves to newer ones while a build runs); the worker reopens when it is not the one it has."""
    if memory_mb:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        db = open_backend(backend)
    except Exception as e:  # noqa: BLE001 - reported to the server, which refuses to start
        conn.send(Reply(500, body=f"cannot open the store: {e}".encode()))
        return
    from civickg.serve import jobs

    conn.send(Reply(200, body=b"ready"))
    state: dict[str, Any] = {}
    while True:
        try:
            job = conn.recv()
        except EOFError:
            break
        if job is None:
            break
        kind, args, store = job
        if store is not None and store != backend.store:
            db.close()
            backend = Backend(store=store, writable=backend.writable)
            state.clear()  # the whole-graph view model was of the old snapshot
            try:
                db = open_backend(backend)
            except Exception as e:  # noqa: BLE001 - the pool replaces a worker that exits
                conn.send(_text(503, f"cannot open the newest snapshot of the store: {e}"))
                return
        try:
            reply = Reply(200) if kind == "open" else jobs.run(db, state, kind, args)
        except MemoryError:
            reply = _text(503, "The query needed more memory than this server allows a query.")
        except Unreachable as e:
            reply = _text(502, str(e), **{"Retry-After": "10"})
        except Exception as e:  # noqa: BLE001 - one bad job must not take the worker down
            reply = _text(500, f"{type(e).__name__}: {e}")
        conn.send(reply)
    db.close()


__all__ = ["Accept", "Backend", "Reply", "serve"]
