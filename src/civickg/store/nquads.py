"""A build's graph written as one N-Quads file, for a production store's bulk loader (QLever,
Virtuoso, Fuseki/TDB2, GraphDB, ``oxigraph load``), without an embedded store in between.

Each article graph with the entity triples it names (graph ``…/graph/entities``), which the
build's writer leaves out where it wrote them before (``civickg.build.known``; a repeat that
slips through is one triple to any loader): the same quads a build into an empty store holds.
Written to ``<file>.partial`` and renamed on ``commit()``, so the file is whole or absent;
``.gz`` gives gzip (level 1: the cores are for extraction)."""

from __future__ import annotations

import gzip
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any


class NotAStore(Exception):
    """What an N-Quads file cannot do: replace or retract what it wrote, answer queries."""


class NQuadsFile:
    sole_writer = True  # nobody else writes the file: entity lines are written once

    def __init__(self, out: str | Path) -> None:
        self.out = Path(out)
        self.out.parent.mkdir(parents=True, exist_ok=True)
        self._partial = self.out.with_name(self.out.name + ".partial")
        raw = open(self._partial, "wb")  # noqa: SIM115 - open until commit or close
        self._file: IO[bytes] = (gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=1, mtime=0)
                                 if self.out.suffix == ".gz" else raw)
        self._raw = raw
        self._graphs: set[str] = set()

    def content_hashes(self) -> dict[str, str]:
        return {}  # a new file: every article is new

    def add_new(self, graphs: Sequence[Any]) -> None:
        iris = self._unwritten(graphs)
        spooled: Path | None = getattr(graphs, "path", None)
        if spooled is not None:  # a build's batch: its file holds exactly these graphs
            with open(spooled, "rb") as src:
                shutil.copyfileobj(src, self._file, 1 << 22)
        else:
            for g in graphs:
                self._file.write(g.nquads())
        self._graphs.update(iris)

    def replace(self, graph: Any) -> None:
        iris = self._unwritten([graph])
        self._file.write(graph.nquads())
        self._graphs.update(iris)

    def _unwritten(self, graphs: Sequence[Any]) -> list[str]:
        iris = [str(g.iri) for g in graphs]
        for iri in iris:
            if iri in self._graphs:
                raise NotAStore(f"{iri} is in the file already; an N-Quads file cannot replace it")
        return iris

    def remove(self, graph_iri: str, prune: bool = True) -> bool:
        raise NotAStore("an N-Quads file cannot retract an article")

    def prune(self) -> None:
        pass  # graphs are never replaced or removed: no entity triple loses its last article

    def prune_if_needed(self) -> None:
        pass

    def query(self, sparql: str) -> Any:
        raise NotAStore("an N-Quads file cannot be queried; load it into a store first")

    def quads(self) -> list[Any]:
        raise NotAStore("an N-Quads file cannot be read back as a store")

    def commit(self) -> None:
        """The build is over: the file takes its name."""
        self.close(keep=True)

    def close(self, keep: bool = False) -> None:
        if self._raw.closed:
            return
        self._file.close()
        self._raw.close()
        if keep:
            self._partial.replace(self.out)
        else:  # the build did not end: no half file under the name
            self._partial.unlink(missing_ok=True)
