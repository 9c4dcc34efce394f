"""The default store: pyoxigraph's on-disk ``Store`` (RocksDB), no server needed."""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox

from civickg.mapping.graph import ArticleGraph
from civickg.store.base import CONTENT_HASH, PRUNE_UPDATE, QueryResult, new_graph_nquads, replace_update
from civickg.store.snapshots import Publisher, Snapshot, open_newest

DEFAULT_LOCATION = Path("graphs") / "store"
# Present while entity triples may have lost the last article naming them (a graph was replaced
# or removed and the prune has not run yet); the next prune_if_needed() prunes, even after a kill.
PRUNE_PENDING = "civickg-prune-pending"
# Graph IRI <TAB> content hash of every stored article, written when a process that wrote the
# store closes it and deleted at its first write: present, it matches the store, so an
# incremental build reads it instead of scanning the store.
MANIFEST = "civickg-content-hashes.tsv"


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

    # No other process writes while this one has the store open: what it stored stays stored
    # until it removes it (a build's writer relies on this to skip entity lines it stored).
    sole_writer = True

    def __init__(self, path: str | Path | None = DEFAULT_LOCATION, wait: float = 0.0) -> None:
        self.path = Path(path) if path is not None else None
        if self.path is not None:
            self.path.mkdir(parents=True, exist_ok=True)
        self._store = _open(self.path, wait) if self.path is not None else ox.Store()
        self._publisher: Publisher | None = None
        self._pending_prune = False
        self._unpublished = False  # written since the last snapshot
        self._hashes: dict[str, str] | None = None  # kept up to date once content_hashes() ran
        self._wrote = False
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
        self._pending_prune = self._unpublished = self._wrote = False
        self._hashes = None
        return self

    def publish_snapshots(self, interval: float = 1.0) -> None:
        """From now on keep a read-only snapshot for readers, renewed at most every
        ``interval`` seconds after a write and after every prune (the end of a build)."""
        if self.path is not None and self.snapshot is None and self._publisher is None:
            self._publisher = Publisher(self._store, self.path, interval)
            self._publisher.publish(force=True)

    def replace(self, graph: ArticleGraph) -> None:
        self._writing()
        if self._store.contains_named_graph(ox.NamedNode(str(graph.iri))):
            self._mark_prune_pending()
            self._store.update(replace_update(graph))
        else:  # transactional too, and cheaper than an update for a first build
            self._store.load(new_graph_nquads(graph), format=ox.RdfFormat.N_QUADS)
        self._track([graph])
        self._written()

    def add_new(self, graphs: Sequence[ArticleGraph]) -> None:
        """Store article graphs in one atomic step: after a crash at any moment, all of them or
        none are stored. Meant for articles not stored yet (a first build): they are bulk-loaded,
        several times cheaper than a transaction; one already stored is replaced instead.
        ``graphs`` may be a build's spooled batch (``civickg.build.spool.Batch``): its file is
        loaded from disk as it is."""
        new = []
        for g in graphs:
            if self._store.contains_named_graph(ox.NamedNode(str(g.iri))):
                self.replace(g)
            else:
                new.append(g)
        if not new:
            return
        self._writing()
        spooled: Path | None = getattr(graphs, "path", None) if len(new) == len(graphs) else None
        # pyoxigraph >= 0.5 writes the SST files of every 10^6-quad chunk of a bulk load to
        # disk and ingests them all at its end in one RocksDB IngestExternalFiles call, atomic
        # across the column families: a crash leaves all of the load or none of it, whatever
        # its size (oxigraph's RocksDbStorageBulkLoader::commit; docs/scale.md, Measured).
        if spooled is not None:
            self._store.bulk_load(path=str(spooled), format=ox.RdfFormat.N_QUADS)
        else:
            self._store.bulk_load(b"".join(new_graph_nquads(g) for g in new), format=ox.RdfFormat.N_QUADS)
        self._track(new)
        self._written()

    def load_file(self, source: str | Path) -> int:
        """Load an N-Quads file of article graphs (``civickg build --nquads``, ``civickg export
        --format nquads``; gzip if it ends in ``.gz``) into this store, which must hold no
        article: a graph already stored would be merged with the file's, not replaced by it.
        One bulk load (no compaction of batches over batches), atomic: all of the file or none.
        Returns the number of article graphs stored."""
        source = Path(source)
        if held := self.content_hashes():
            raise ValueError(f"{self.path} holds {len(held)} articles; a file is bulk-loaded into an empty "
                             "store only (civickg build adds to or replaces what a store holds)")
        self._writing()
        if source.suffix == ".gz":
            import gzip

            with gzip.open(source, "rb") as f:
                self._store.bulk_load(f, format=ox.RdfFormat.N_QUADS)
        else:
            self._store.bulk_load(path=str(source), format=ox.RdfFormat.N_QUADS)
        self._hashes = None  # scanned again, and the manifest written for the next build
        self._written()
        return len(self.content_hashes())

    def _writing(self) -> None:
        """Before a write: the manifest no longer holds."""
        if not self._wrote:
            self._wrote = True
            if (manifest := self._manifest()) is not None:
                manifest.unlink(missing_ok=True)

    def _track(self, graphs: Sequence[ArticleGraph], removed: str | None = None) -> None:
        """After a write: the hashes kept here follow it."""
        if self._hashes is not None:
            for g in graphs:
                if g.content_hash:
                    self._hashes[str(g.iri)] = g.content_hash
                else:
                    self._hashes.pop(str(g.iri), None)
            if removed is not None:
                self._hashes.pop(removed, None)

    def _manifest(self) -> Path | None:
        return self.path / MANIFEST if self.path is not None and self.snapshot is None else None

    def _written(self) -> None:
        self._unpublished = True
        if self._publisher is not None and self._publisher.publish():
            self._unpublished = False

    def remove(self, graph_iri: str, prune: bool = True) -> bool:
        """Drop an article's graph; ``prune``: and the entity triples nobody names any more
        (else they go at the next ``prune``/``prune_if_needed``)."""
        g = ox.NamedNode(graph_iri)
        if not self._store.contains_named_graph(g):
            return False
        self._writing()
        self._mark_prune_pending()
        self._store.remove_graph(g)
        self._track([], removed=graph_iri)
        if prune:
            self.prune()
        else:
            self._written()
        return True

    def prune(self) -> None:
        self._store.update(PRUNE_UPDATE)
        self._pending_prune = False
        if self.path is not None and self.snapshot is None:
            (self.path / PRUNE_PENDING).unlink(missing_ok=True)
        if self._publisher is not None:
            self._publisher.publish(force=True)
            self._unpublished = False

    def prune_if_needed(self) -> None:
        """Prune if a graph was replaced or removed since the last prune (in this process or
        in one killed before it pruned); a build that only added articles orphans nothing.
        Either way readers get a snapshot with every write."""
        if self.path is None or self.snapshot is not None:
            if self._pending_prune:
                self.prune()
        elif (self.path / PRUNE_PENDING).exists():
            self.prune()
        elif self._publisher is not None and self._unpublished:
            self._publisher.publish(force=True)
            self._unpublished = False

    def _mark_prune_pending(self) -> None:
        self._pending_prune = True
        if self.path is not None and self.snapshot is None:
            (self.path / PRUNE_PENDING).touch()

    def content_hashes(self) -> dict[str, str]:
        if self._hashes is None:
            manifest = self._manifest()
            if manifest is not None and not self._wrote:
                with contextlib.suppress(OSError, ValueError):  # none, or unreadable: scan the store
                    self._hashes = dict(line.split("\t") for line in manifest.read_text("utf-8").splitlines())
            if self._hashes is None:  # the pattern HASHES_QUERY asks for, without SPARQL
                self._hashes = {q.subject.value: q.object.value
                                for q in self._store.quads_for_pattern(None, CONTENT_HASH, None, None)
                                if q.subject == q.graph_name}
        return dict(self._hashes)

    def _write_manifest(self) -> None:
        manifest = self._manifest()
        if manifest is None or self._hashes is None or not (self._wrote or not manifest.exists()):
            return
        tmp = manifest.with_name(manifest.name + ".tmp")
        tmp.write_text("".join(f"{g}\t{h}\n" for g, h in self._hashes.items()), encoding="utf-8")
        tmp.replace(manifest)

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
        self._write_manifest()
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
