"""Batches of new article graphs spooled to disk as N-Quads, for the store's bulk loader.

The writer appends each new graph's N-Quads to the open batch file; a full batch is one file
that the embedded store loads with one ``bulk_load(path=...)``. Memory holds only each graph's
IRI, content hash and place in the file, so a batch of 10^6 quads (~240 MB of N-Quads) costs a
few hundred KB of RAM. Given what the store holds (``known``), a graph leaves out the entity lines
stored by earlier batches or written by an earlier graph of its batch (``civickg.build.known``).
Batch files live in ``<store>/civickg-spool/`` (cleared by the next
writer if a build was killed) or, for stores without a directory, a temporary directory."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from civickg.build.known import Keys, KnownLines, keys_of, line_digest, line_digests
from civickg.mapping.graph import ENTITIES

SPOOL_DIR = "civickg-spool"
ENTITY_END = f" <{ENTITIES}> .".encode()
_ENTITY_LINE_END = ENTITY_END + b"\n"


@dataclass(slots=True)
class SpooledGraph:
    """One article graph in a batch file; offers what the stores use of ``ArticleGraph``."""

    iri: str
    content_hash: str
    size: int
    path: Path
    offset: int
    length: int
    borrowed: tuple[bytes, ...] = ()  # digests of entity lines left out for an earlier graph
    # of the batch

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
    ``quads`` counts their lines. With ``known``, entity lines it holds are left out, and so
    are those an earlier graph of the batch wrote; ``new_keys()`` are the keys of the entity
    lines written (to be known once the batch is stored)."""

    def __init__(self, path: Path, known: KnownLines | None = None) -> None:
        super().__init__()
        self.path = path
        self.quads = 0
        self.known = known
        self._written: set[bytes] = set()  # digests of the entity lines in the file
        self._keys: list[Keys] = []
        self._file: Any = open(path, "wb")  # noqa: SIM115 - open until the batch is sent

    def add(self, graph: Any) -> None:
        data, size = graph.nquads(), len(graph)
        borrowed: tuple[bytes, ...] = ()
        if self.known is not None:
            data, size, borrowed = self._strip(data, size)
        self.append(SpooledGraph(str(graph.iri), graph.content_hash, size, self.path,
                                 self._file.tell(), len(data), borrowed))
        self._file.write(data)
        self.quads += size

    def _strip(self, data: bytes, size: int) -> tuple[bytes, int, tuple[bytes, ...]]:
        """``data`` less the entity lines stored or already in the file, its number of lines,
        and the digests of those already in the file. Entity lines come last in an article's
        N-Quads (one found before them is simply kept)."""
        assert self.known is not None
        first = data.find(_ENTITY_LINE_END)
        if first < 0:
            return data, size, ()
        start = data.rfind(b"\n", 0, first) + 1
        tail = data[start:].split(b"\n")
        entity = [line for line in tail if line.endswith(ENTITY_END)]
        digests = line_digests(entity)
        keys = keys_of(digests)
        stored = self.known.known(keys).tolist()
        kept, kept_at, borrowed = [], [], []
        for i, (line, d) in enumerate(zip(entity, digests, strict=True)):
            if stored[i]:
                continue
            if d in self._written:
                borrowed.append(d)
            else:
                self._written.add(d)
                kept.append(line)
                kept_at.append(i)
        if kept_at:
            self._keys.append(keys[kept_at])
        others = [line for line in tail if line and not line.endswith(ENTITY_END)]
        out = data[:start] + b"".join([line + b"\n" for line in others + kept])
        return out, size - (len(entity) - len(kept)), tuple(borrowed)

    def new_keys(self) -> Keys:
        return np.concatenate(self._keys) if self._keys else np.zeros((0, 2), dtype=np.uint64)

    def whole(self) -> list[Any]:
        """The graphs as they were given, each with the lines it left out for an earlier graph
        of the batch (those left out because the store holds them are stored already)."""
        from civickg.build.workers import MappedGraph

        wanted = {d for g in self for d in g.borrowed}
        lines: dict[bytes, bytes] = {}
        if wanted:
            with open(self.path, "rb") as f:  # a line at a time: the file may be ~200 MB
                for line in f:
                    if line.endswith(_ENTITY_LINE_END) and (d := line_digest(line[:-1])) in wanted:
                        lines[d] = line
        whole = []
        for g in self:
            extra = [lines[d] for d in g.borrowed]
            whole.append(MappedGraph(g.iri, g.content_hash, g.size + len(extra),
                                     g.nquads() + b"".join(extra)))
        return whole

    def close(self) -> None:
        """Done adding: the file is complete (the loader reads it from disk)."""
        self._file.close()
        self._written.clear()

    def discard(self) -> None:
        self._file.close()
        self.path.unlink(missing_ok=True)


class Spool:
    """Where batch files go: ``<store>/civickg-spool/`` for a store with a directory (whatever a
    killed build left there is removed first: the caller holds the store), else a temporary
    directory; ``close`` removes it."""

    def __init__(self, store_path: Path | None, known: KnownLines | None = None) -> None:
        self.known = known
        if store_path is not None:
            self.dir = store_path / SPOOL_DIR
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir.mkdir(parents=True)
        else:
            self.dir = Path(tempfile.mkdtemp(prefix="civickg-spool-"))
        self._seq = 0

    def batch(self) -> Batch:
        self._seq += 1
        return Batch(self.dir / f"batch-{self._seq:06d}.nq", self.known)

    def close(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)
