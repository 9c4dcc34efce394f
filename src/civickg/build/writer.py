"""The one writer of the store during a build.

Graphs of articles not stored before are spooled to disk, a batch to a file
(``civickg.build.spool``); a batch goes to the store in one atomic step (``add_new``: the
embedded store bulk-loads the file; a killed build leaves every article of the batch stored or
none), once it holds ``BATCH_QUADS`` quads or has waited long enough (see ``Writer.tick``).
A graph replacing a stored one goes alone, in one transaction (``replace``), after the batches
before it. The writing happens in a background thread, so extraction goes on meanwhile (the
store's loader releases the GIL); outcomes come back to the caller's thread in input order.
If a batch fails, its graphs are written one by one to find the one the store refuses.
Entity lines of batches already stored are not sent again (``civickg.build.known``)."""

from __future__ import annotations

import queue
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from civickg.build.known import KnownLines
from civickg.build.spool import Batch, Spool

# Each batch is one more set of files overlapping the whole store for RocksDB to compact, so
# bigger ones cost less (docs/scale.md, Measured: 100,000 → 900,000 quads a load, paced as a
# build paces them, 21 → 19 µs of CPU a quad, half the bytes written). A load of any size is
# atomic, but the loader holds ~0.95 GB of RAM for 10^6 quads and runs a second chunk of 10^6
# in parallel above that, so a batch stays under one chunk.
BATCH_QUADS = 900_000
BATCH_SECONDS = 2.0  # a batch waits at least this long before it goes for want of quads…
WAIT_SHARE = 0.25  # …and at most this share of the build so far: readers of snapshots see
# new articles every 2 s at first, every 10 s after 40 s (at ~75,000 quads/s, a 10^5-article
# build with --jobs 2, batches are full after ~12 s)

Outcome = tuple[Any, BaseException | None]  # (the caller's token, None or what went wrong)
_DONE = object()


class Writer:
    """``put(token, graph, new)`` queues a graph; ``collect()`` hands back the outcomes known so
    far to ``report(token, error)``; ``finish()`` writes what is pending and waits. With
    ``strict``, the first failure stops all later writing."""

    def __init__(self, store: Any, report: Callable[[Any, BaseException | None], None],
                 strict: bool = False) -> None:
        self.store, self.report, self.strict = store, report, strict
        self._spool: Spool | None = None  # made at the first new graph
        # entity lines stored by this writer's batches: only where no one else can delete them
        self._known = KnownLines() if getattr(store, "sole_writer", False) else None
        self._batch: Batch | None = None
        self._tokens: list[Any] = []  # the callers' tokens of the graphs in _batch
        self._start = self._since = 0.0
        self._jobs: queue.Queue[Any] = queue.Queue(maxsize=1)  # bounded: extraction waits for us
        self._outcomes: deque[Outcome] = deque()
        self._halted = False
        self._thread: threading.Thread | None = None

    # -- the caller's side --------------------------------------------------------------------
    def put(self, token: Any, graph: Any, new: bool) -> None:
        from civickg.build.workers import MappedGraph

        if not new:
            if not isinstance(graph, MappedGraph):  # held as N-Quads bytes: a third of the memory
                graph = MappedGraph(str(graph.iri), graph.content_hash, len(graph), graph.nquads())
            self._send()
            self._submit(("replace", [(token, graph)]))
            return
        if self._batch is not None and self._batch.quads + len(graph) > BATCH_QUADS:
            self._send()
        if self._batch is None:
            if self._spool is None:
                self._spool = Spool(getattr(self.store, "path", None), self._known)
                self._start = time.monotonic()
            self._batch, self._since = self._spool.batch(), time.monotonic()
        self._batch.add(graph)
        self._tokens.append(token)
        self.collect()

    def tick(self) -> None:
        """Send the pending batch if it has waited long enough: ``BATCH_SECONDS``, or, later in
        a build, ``WAIT_SHARE`` of the time since the first new graph."""
        if self._batch is not None:
            now = time.monotonic()
            if now - self._since >= max(BATCH_SECONDS, WAIT_SHARE * (now - self._start)):
                self._send()
        self.collect()

    def collect(self) -> None:
        while self._outcomes:
            self.report(*self._outcomes.popleft())

    def finish(self) -> None:
        """Write everything pending, wait for it, and report every outcome."""
        self._send()
        if self._thread is not None:
            self._jobs.put(_DONE)
            self._thread.join()
            self._thread = None
        if self._spool is not None:
            self._spool.close()
            self._spool = None
        self.collect()

    def _send(self) -> None:
        if self._batch is not None:
            batch, tokens, self._batch, self._tokens = self._batch, self._tokens, None, []
            batch.close()
            self._submit(("new", list(zip(tokens, batch, strict=True)), batch))

    def _submit(self, job: tuple[Any, ...]) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="civickg-writer", daemon=True)
            self._thread.start()
        self._jobs.put(job)

    # -- the writer thread --------------------------------------------------------------------
    def _run(self) -> None:
        while (job := self._jobs.get()) is not _DONE:
            kind, graphs, *batch = job
            try:
                if self._halted:
                    continue
                if kind == "new" and len(graphs) > 1:
                    try:
                        self.store.add_new(batch[0])
                    except Exception:  # find the graph the store refuses: one transaction each
                        self._one_by_one([(token, g) for (token, _), g in
                                          zip(graphs, batch[0].whole(), strict=True)])
                    else:
                        if self._known is not None:
                            self._known.add(batch[0].new_keys())
                        self._outcomes.extend((token, None) for token, _ in graphs)
                else:
                    self._one_by_one(graphs)
            finally:
                for b in batch:
                    b.discard()

    def _one_by_one(self, graphs: list[tuple[Any, Any]]) -> None:
        for token, graph in graphs:
            if self._halted:
                return
            try:
                self.store.replace(graph)
            except Exception as e:
                self._outcomes.append((token, e))
                self._halted = self.strict
            else:
                self._outcomes.append((token, None))
