"""A remote store: SPARQL 1.1 Query and Update over HTTP, Graph Store Protocol for removal.

``endpoint`` is the query URL (``http://host:7878/query`` for Oxigraph, ``…/ds/query`` for
Fuseki) or a base URL, to which ``/query`` is added; updates go to ``/update`` beside it. The
Graph Store Protocol URL defaults to ``/store`` (Oxigraph); pass ``gsp`` for others (Fuseki:
``…/ds/data``). An article is replaced by one update request (drop + insert), which the server
applies atomically. The server must treat the default graph as the union of the named graphs
(``oxigraph serve --union-default-graph``, Fuseki ``unionDefaultGraph``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pyoxigraph as ox

from civickg.mapping.graph import ArticleGraph
from civickg.store.base import (
    ALL_QUADS_QUERY,
    HASHES_QUERY,
    PRUNE_UPDATE,
    QueryResult,
    replace_update,
)
from civickg.store.terms import from_json

if TYPE_CHECKING:
    import httpx

_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"


class RemoteStore:
    def __init__(self, endpoint: str, gsp: str | None = None, timeout: float = 60.0) -> None:
        url = endpoint.rstrip("/")
        base, _, last = url.rpartition("/")
        if last in ("query", "sparql"):
            self.query_url, root = url, base
        else:
            self.query_url, root = f"{url}/query", url
        self.update_url = f"{root}/update"
        self.gsp_url = gsp or f"{root}/store"
        import httpx  # here: its import costs every command a quarter of a second

        self._http = httpx.Client(timeout=timeout)

    def _raise(self, r: httpx.Response) -> None:
        if r.is_error:
            req = r.request
            raise RuntimeError(f"{req.method} {req.url}: {r.status_code} {r.text[:500]}")

    def _update(self, update: str) -> None:
        self._raise(self._http.post(self.update_url, content=update.encode(),
                                    headers={"Content-Type": "application/sparql-update"}))

    def replace(self, graph: ArticleGraph) -> None:
        self._update(replace_update(graph))

    def add_new(self, graphs: Sequence[ArticleGraph]) -> None:
        for g in graphs:  # one request each: an endpoint may cap the size of an update
            self.replace(g)

    def remove(self, graph_iri: str, prune: bool = True) -> bool:
        r = self._http.delete(self.gsp_url, params={"graph": graph_iri})
        if r.status_code == 404:
            return False
        self._raise(r)
        if prune:
            self.prune()
        return True

    def prune(self) -> None:
        self._update(PRUNE_UPDATE)

    def prune_if_needed(self) -> None:
        self.prune()  # another client may have replaced or removed graphs: always

    def query(self, sparql: str) -> QueryResult:
        r = self._http.post(self.query_url, content=sparql.encode(),
                            headers={"Content-Type": "application/sparql-query",
                                     "Accept": _ACCEPT})
        self._raise(r)
        ctype = r.headers.get("content-type", "").split(";")[0].strip()
        if ctype in ("application/sparql-results+json", "application/json"):
            return QueryResult.from_json(r.json())
        graph = ox.parse(r.content, format=ox.RdfFormat.from_media_type(ctype)
                         or ox.RdfFormat.N_TRIPLES)
        return QueryResult(ntriples=ox.serialize(graph, format=ox.RdfFormat.N_TRIPLES).decode())

    def content_hashes(self) -> dict[str, str]:
        return {r["g"]: r["h"] for r in self.query(HASHES_QUERY).rows()}

    def quads(self) -> list[ox.Quad]:
        res = self.query(ALL_QUADS_QUERY)
        return [ox.Quad(from_json(b["s"]), from_json(b["p"]), from_json(b["o"]),
                        from_json(b["g"])) for b in res.bindings]

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
