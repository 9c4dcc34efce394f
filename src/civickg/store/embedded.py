"""The default store: pyoxigraph's on-disk ``Store`` (RocksDB), no server needed."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pyoxigraph as ox

from civickg.mapping.graph import ArticleGraph
from civickg.store.base import HASHES_QUERY, PRUNE_UPDATE, QueryResult, new_graph_nquads, replace_update
from civickg.store.snapshots import Publisher, Snapshot, open_newest

DEFAULT_LOCATION = Path("graphs") / "store"


class StoreLocked(OSError):
    """Another process has the store open."""


def _locked(e: OSError) -> bool:
    return "LOCK" in str(e)


def _open(path: Path, wait: float) -> ox.Store:
    deadline = time.monotonic() + wait
    while True:
        try:
            return ox.Store(str(path))
        except OSError as e:
            if not _locked(e):
                raise
            if time.monotonic() >= deadline:
                raise StoreLocked(f"{path} is in use by another process (a build, query or server); "
                              "try again when it is done") from e
            time.sleep(0.1)


class EmbeddedStore:
    """``EmbeddedStore(path)`` opens (creating if needed) a store directory; ``None`` gives an
    in-memory store. Only one process may open a directory at a time: ``wait`` seconds for
    another to let go (a query's hold is short)."""

    def __init__(self, path: str | Path | None = DEFAULT_LOCATION, wait: float = 0.0) -> None:
        self.path = Path(path) if path is not None else None
        if self.path is not None:
            self.path.mkdir(parents=True, exist_ok=True)
        self._store = _open(self.path, wait) if self.path is not None else ox.Store()
        self._publisher: Publisher | None = None
        self.snapshot: Snapshot | None = None  # set when reading a snapshot of a locked store

    @classmethod
    def for_reading(cls, path: str | Path = DEFAULT_LOCATION, wait: float = 5.0) -> EmbeddedStore:
        """Open the store, or, while another process (a build) holds it, the newest snapshot
        that process published (see ``civickg.store.snapshots``); waits up to ``wait``
        seconds for the first one."""
        deadline = time.monotonic() + wait
        while True:
            try:
                return cls(path)
            except StoreLocked as e:
                snap = open_newest(Path(path))
                if snap is not None:
                    return cls._from_snapshot(Path(path), snap)
                if time.monotonic() > deadline:
                    raise StoreLocked(f"{path} is in use by another process and offers no snapshot "
                                  "to read; try again when it is done") from e
                time.sleep(0.1)

    @classmethod
    def _from_snapshot(cls, path: Path, snap: Snapshot) -> EmbeddedStore:
        self = cls.__new__(cls)
        self.path, self._store, self._publisher, self.snapshot = path, snap.store, None, snap
        return self

    def publish_snapshots(self, interval: float = 1.0) -> None:
        """From now on keep a read-only snapshot for readers, renewed at most every
        ``interval`` seconds after a write and after every prune (the end of a build)."""
        if self.path is not None and self.snapshot is None and self._publisher is None:
            self._publisher = Publisher(self._store, self.path, interval)
            self._publisher.publish(force=True)

    def replace(self, graph: ArticleGraph) -> None:
        if self._store.contains_named_graph(ox.NamedNode(str(graph.iri))):
            self._store.update(replace_update(graph))
        else:  # transactional too, and cheaper than an update for a first build
            self._store.load(new_graph_nquads(graph), format=ox.RdfFormat.N_QUADS)
        if self._publisher is not None:
            self._publisher.publish()

    def remove(self, graph_iri: str) -> bool:
        g = ox.NamedNode(graph_iri)
        if not self._store.contains_named_graph(g):
            return False
        self._store.remove_graph(g)
        self.prune()
        return True

    def prune(self) -> None:
        self._store.update(PRUNE_UPDATE)
        if self._publisher is not None:
            self._publisher.publish(force=True)

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
        if self.path is not None and self.snapshot is None:
            self._store.flush()

    def close(self) -> None:
        self.flush()
        del self._store
        if self._publisher is not None:
            self._publisher.close()
            self._publisher = None
        if self.snapshot is not None:
            self.snapshot.close()

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
