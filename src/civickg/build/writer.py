"""The one writer of the store during a build.

Graphs of articles not stored before are gathered into batches; a batch goes to the store in one
atomic step (``add_new``: the embedded store bulk-loads it; a killed build leaves every article
of the batch stored or none), once it holds ``BATCH_QUADS`` quads or is ``BATCH_SECONDS`` old.
A graph replacing a stored one goes alone, in one transaction (``replace``), after the batches
before it. The writing happens in a background thread, so extraction goes on meanwhile (the
store's loader releases the GIL); outcomes come back to the caller's thread in input order.
If a batch fails, its graphs are written one by one to find the one the store refuses."""

from __future__ import annotations

import queue
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

BATCH_QUADS = 100_000  # well under the bulk loader's 10^6-quad batch, which keeps a load atomic
BATCH_SECONDS = 2.0  # readers of snapshots see new articles at least this often

Outcome = tuple[Any, BaseException | None]  # (the caller's token, None or what went wrong)
_DONE = object()


class Writer:
    """``put(token, graph, new)`` queues a graph; ``collect()`` hands back the outcomes known so
    far to ``report(token, error)``; ``finish()`` writes what is pending and waits. With
    ``strict``, the first failure stops all later writing."""

    def __init__(self, store: Any, report: Callable[[Any, BaseException | None], None],
                 strict: bool = False) -> None:
        self.store, self.report, self.strict = store, report, strict
        self._pending: list[tuple[Any, Any]] = []
        self._pending_quads = 0
        self._since = 0.0
        self._jobs: queue.Queue[Any] = queue.Queue(maxsize=1)  # bounded: extraction waits for us
        self._outcomes: deque[Outcome] = deque()
        self._halted = False
        self._thread: threading.Thread | None = None

    # -- the caller's side --------------------------------------------------------------------
    def put(self, token: Any, graph: Any, new: bool) -> None:
        from civickg.build.workers import MappedGraph

        if not isinstance(graph, MappedGraph):  # held as N-Quads bytes: a third of the memory
            graph = MappedGraph(str(graph.iri), graph.content_hash, len(graph), graph.nquads())
        if not new:
            self._send()
            self._submit(("replace", [(token, graph)]))
            return
        if not self._pending:
            self._since = time.monotonic()
        self._pending.append((token, graph))
        self._pending_quads += len(graph)
        if self._pending_quads >= BATCH_QUADS:
            self._send()
        self.collect()

    def tick(self) -> None:
        """Send the pending batch if it has waited long enough."""
        if self._pending and time.monotonic() - self._since >= BATCH_SECONDS:
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
        self.collect()

    def _send(self) -> None:
        if self._pending:
            batch, self._pending, self._pending_quads = self._pending, [], 0
            self._submit(("new", batch))

    def _submit(self, job: tuple[str, list[tuple[Any, Any]]]) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="civickg-writer", daemon=True)
            self._thread.start()
        self._jobs.put(job)

    # -- the writer thread --------------------------------------------------------------------
    def _run(self) -> None:
        while (job := self._jobs.get()) is not _DONE:
            kind, graphs = job
            if self._halted:
                continue
            if kind == "new" and len(graphs) > 1:
                try:
                    self.store.add_new([g for _, g in graphs])
                except Exception:  # find the graph the store refuses: one transaction each
                    self._one_by_one(graphs)
                else:
                    self._outcomes.extend((token, None) for token, _ in graphs)
            else:
                self._one_by_one(graphs)

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
