"""Batches of new article graphs spooled to disk as N-Quads, for the store's bulk loader.

The writer appends each new graph's N-Quads to the open batch file; a full batch is one file
that the embedded store loads with one ``bulk_load(path=...)``. Memory holds only each graph's
IRI, content hash and place in the file, so a batch of 10^6 quads (~240 MB of N-Quads) costs a
few hundred KB of RAM. Batch files live in ``<store>/civickg-spool/`` (cleared by the next
writer if a build was killed) or, for stores without a directory, a temporary directory."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SPOOL_DIR = "civickg-spool"


@dataclass(slots=True)
class SpooledGraph:
    """One article graph in a batch file; offers what the stores use of ``ArticleGraph``."""

    iri: str
    content_hash: str
    size: int
    path: Path
    offset: int
    length: int

    def nquads(self) -> bytes:
        with open(self.path, "rb") as f:
            f.seek(self.offset)
            return f.read(self.length)

    def _mapped(self) -> Any:
        from civickg.build.workers import MappedGraph

        return MappedGraph(self.iri, self.content_hash, self.size, self.nquads())

    def ntriples(self) -> str:
        return str(self._mapped().ntriples())

    def entity_ntriples(self) -> str:
        return str(self._mapped().entity_ntriples())

    def __len__(self) -> int:
        return self.size


class Batch(list[SpooledGraph]):
    """Graphs spooled to one file, in order; ``path`` holds the N-Quads of all of them and
    ``quads`` counts their lines."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.quads = 0
        self._file: Any = open(path, "wb")  # noqa: SIM115 - open until the batch is sent

    def add(self, graph: Any) -> None:
        data = graph.nquads()
        self.append(SpooledGraph(str(graph.iri), graph.content_hash, len(graph), self.path,
                                 self._file.tell(), len(data)))
        self._file.write(data)
        self.quads += len(graph)

    def close(self) -> None:
        """Done adding: the file is complete (the loader reads it from disk)."""
        self._file.close()

    def discard(self) -> None:
        self._file.close()
        self.path.unlink(missing_ok=True)


class Spool:
    """Where batch files go: ``<store>/civickg-spool/`` for a store with a directory (whatever a
    killed build left there is removed first: the caller holds the store), else a temporary
    directory; ``close`` removes it."""

    def __init__(self, store_path: Path | None) -> None:
        if store_path is not None:
            self.dir = store_path / SPOOL_DIR
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir.mkdir(parents=True)
        else:
            self.dir = Path(tempfile.mkdtemp(prefix="civickg-spool-"))
        self._seq = 0

    def batch(self) -> Batch:
        self._seq += 1
        return Batch(self.dir / f"batch-{self._seq:06d}.nq")

    def close(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)
