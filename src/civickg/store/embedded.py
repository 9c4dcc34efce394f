"""The default store: pyoxigraph's on-disk ``Store`` (RocksDB), no server needed."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox

from civickg.mapping.graph import ArticleGraph
from civickg.store.base import HASHES_QUERY, PRUNE_UPDATE, QueryResult, replace_update

DEFAULT_LOCATION = Path("graphs") / "store"


class EmbeddedStore:
    """``EmbeddedStore(path)`` opens (creating if needed) a store directory; ``None`` gives an
    in-memory store. Only one process may open a directory at a time."""

    def __init__(self, path: str | Path | None = DEFAULT_LOCATION) -> None:
        self.path = Path(path) if path is not None else None
        if self.path is not None:
            self.path.mkdir(parents=True, exist_ok=True)
        self._store = ox.Store(str(self.path)) if self.path is not None else ox.Store()

    def replace(self, graph: ArticleGraph) -> None:
        self._store.update(replace_update(graph))

    def remove(self, graph_iri: str) -> bool:
        g = ox.NamedNode(graph_iri)
        if not self._store.contains_named_graph(g):
            return False
        self._store.remove_graph(g)
        self.prune()
        return True

    def prune(self) -> None:
        self._store.update(PRUNE_UPDATE)

    def content_hashes(self) -> dict[str, str]:
        return {s["g"].value: s["h"].value for s in self._store.query(HASHES_QUERY)}

    def query(self, sparql: str) -> QueryResult:
        r = self._store.query(sparql, use_default_graph_as_union=True)
        if isinstance(r, ox.QueryBoolean):
            return QueryResult(boolean=bool(r))
        if isinstance(r, ox.QueryTriples):
            return QueryResult(ntriples=ox.serialize(r, format=ox.RdfFormat.N_TRIPLES).decode())
        return QueryResult.from_json(json.loads(r.serialize(format=ox.QueryResultsFormat.JSON)))

    def quads(self) -> list[ox.Quad]:
        return [q for q in self._store if not isinstance(q.graph_name, ox.DefaultGraph)]

    def flush(self) -> None:
        if self.path is not None:
            self._store.flush()

    def close(self) -> None:
        self.flush()
        del self._store

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
