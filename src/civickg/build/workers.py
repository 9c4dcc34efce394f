"""Extraction and mapping, in this process (``jobs == 1``) or in worker processes.

Each input comes out paired with the function that gives its graph, in input order. With
``jobs > 1`` chunks of articles go to a pool of worker processes, a bounded window of chunks
ahead of the writer, so memory stays flat; a worker sends back each graph as N-Quads bytes
(``MappedGraph``), ready for the store's loader. The pool is started only when the first
article needs extracting: an unchanged incremental rebuild starts none."""

from __future__ import annotations

import multiprocessing as mp
import os
import sys
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from civickg.build.inputs import Item
from civickg.model import Article

CHUNK = 16  # articles per task: large enough to amortise pickling, small enough to stay even
Feed = Iterator[tuple[Item, Callable[[Article], Any]]]


@dataclass(slots=True)
class MappedGraph:
    """An article graph mapped in a worker, as N-Quads (its own graph, then the entities
    graph); offers what the stores and the shape check use of ``ArticleGraph``."""

    iri: str
    content_hash: str
    size: int
    nq: bytes

    def nquads(self) -> bytes:
        return self.nq

    def _lines(self, graph: str) -> str:
        suffix = f" <{graph}> ."
        cut = len(suffix)
        # split on "\n" alone: literals may hold U+2028 and the like, which splitlines() breaks at
        lines = sorted(line[:-cut] + " ." for line in self.nq.decode().split("\n") if line.endswith(suffix))
        return "\n".join(lines) + ("\n" if lines else "")

    def ntriples(self) -> str:
        return self._lines(self.iri)

    def entity_ntriples(self) -> str:
        from civickg.mapping.graph import ENTITIES

        return self._lines(str(ENTITIES))

    def __len__(self) -> int:
        return self.size


def extract_and_map(article: Article) -> Any:
    """The graph of one article, in this process."""
    from civickg.mapping import map_facts
    from civickg.pipeline import extract

    return map_facts(extract(article))


def _init_worker(build_pid: int) -> None:
    import threading

    from civickg.mapping import prepare

    threading.Thread(target=_exit_with, args=(build_pid,), daemon=True).start()
    prepare()


def _exit_with(build_pid: int) -> None:
    """End this worker once the build process is gone (a killed build must not leave workers
    behind: they hold the pool's queues open, so nothing else would end them)."""
    import time

    while True:
        time.sleep(0.5)
        try:
            os.kill(build_pid, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:  # the pid was reused by another user's process
            os._exit(1)


def _work(articles: list[Article]) -> list[MappedGraph | str]:
    """Extract and map each article; an error becomes its message (the builder reports it)."""
    out: list[MappedGraph | str] = []
    for a in articles:
        try:
            g = extract_and_map(a)
            out.append(MappedGraph(str(g.iri), g.content_hash, len(g), g.nquads()))
        except Exception as e:
            out.append(f"{type(e).__name__}: {e}")
    return out


def _given(result: MappedGraph | str) -> Callable[[Article], Any]:
    def extract(_article: Article) -> Any:
        if isinstance(result, str):
            raise RuntimeError(result)
        return result
    return extract


def serial(items: Iterator[Item]) -> Feed:
    for item in items:
        yield item, extract_and_map


def parallel(items: Iterator[Item], jobs: int, needs_work: Callable[[Item], bool]) -> Feed:
    """``jobs`` worker processes extract and map the items ``needs_work`` picks; the others
    come out with ``extract_and_map`` (the builder skips them)."""
    window: deque[tuple[list[Item], Future[list[MappedGraph | str]] | None]] = deque()
    pool: ProcessPoolExecutor | None = None

    def submit(batch: list[Item]) -> None:
        nonlocal pool
        todo = [a for a in batch if needs_work(a)]
        if todo and pool is None:
            ctx = mp.get_context("forkserver" if sys.platform.startswith("linux") else "spawn")
            pool = ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker,
                                       initargs=(os.getpid(),))
        window.append((batch, pool.submit(_work, todo) if todo and pool else None))

    def drain() -> Feed:
        batch, future = window.popleft()
        results = iter(future.result() if future else ())
        for item in batch:
            yield item, (_given(next(results)) if needs_work(item) else extract_and_map)

    try:
        batch: list[Item] = []
        for item in items:
            batch.append(item)
            if len(batch) == CHUNK:
                submit(batch)
                batch = []
                while len(window) > 2 * jobs:  # bounded: the reader waits for the writer
                    yield from drain()
        if batch:
            submit(batch)
        while window:
            yield from drain()
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
