"""What ``Builder.run`` feeds on: the articles of the inputs, in input order, each with the
function that gives its graph. Unchanged files are recognised by the hash of their bytes
before they are parsed (``--incremental``); with ``jobs > 1`` extraction and mapping run in
worker processes, a bounded window of chunks ahead of the writer, so memory stays flat and
the store is written by this process alone, in input order (results are those of one job)."""

from __future__ import annotations

import hashlib
import multiprocessing as mp
import os
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from civickg.model import Article, ReadError, Span

CHUNK = 16  # articles per task: large enough to amortise pickling, small enough to stay even
Item = Article | ReadError
Feed = Iterator[tuple[Item, Callable[[Article], Any]]]


@dataclass(slots=True)
class MappedGraph:
    """An article graph mapped in a worker, as N-Triples (pickles far faster than rdflib
    terms); offers what the stores and the shape check use of ``ArticleGraph``."""

    iri: str
    content_hash: str
    nt: str
    entity_nt: str
    size: int
    nq: bytes  # both as N-Quads, made in the worker (see ``store.base.new_graph_nquads``)

    def ntriples(self) -> str:
        return self.nt

    def entity_ntriples(self) -> str:
        return self.entity_nt

    def __len__(self) -> int:
        return self.size

    def nquads(self) -> bytes:
        return self.nq


def unchanged_stub(path: str, article_id: str, content_hash: str) -> Article:
    """An article known unchanged from its bytes alone: enough for the builder to skip it."""
    return Article(path, article_id, "", "", [0], "", Span(0, 0), Span(0, 0), content_hash=content_hash)


def _read(paths: Sequence[str], unchanged: Callable[[str, str], bool] | None) -> Iterator[Item]:
    """``iter_articles``, except that a text or HTML file whose bytes hash to what is stored
    for its article is not parsed at all."""
    from civickg.read import _article_id, _read_checked, expand_paths, iter_articles

    if unchanged is None:
        yield from iter_articles(paths)
        return
    seen: dict[str, str] = {}
    for p in paths:
        try:
            files = list(expand_paths([p]))
        except ReadError as e:
            yield e
            continue
        for f in files:
            if f != "-" and Path(f).suffix.lower() in (".txt", ".html", ".htm"):
                try:
                    digest = hashlib.sha256(Path(f).read_bytes()).hexdigest()
                except OSError:
                    digest = ""
                if digest and unchanged(_article_id(f), digest):
                    yield unchanged_stub(f, _article_id(f), digest)
                    continue
            yield from _read_checked(f, seen)


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
    from civickg.mapping import map_facts
    from civickg.pipeline import extract
    from civickg.store.base import to_nquads

    out: list[MappedGraph | str] = []
    for a in articles:
        try:
            g = map_facts(extract(a))
            nt, ent = g.ntriples(), g.entity_ntriples()
            out.append(MappedGraph(str(g.iri), g.content_hash, nt, ent, len(g), to_nquads(nt, str(g.iri), ent)))
        except Exception as e:
            out.append(f"{type(e).__name__}: {e}")
    return out


def _given(result: MappedGraph | str) -> Callable[[Article], Any]:
    def extract(_article: Article) -> Any:
        if isinstance(result, str):
            raise RuntimeError(result)
        return result
    return extract


def _parallel(items: Iterator[Item], jobs: int, needs_work: Callable[[Item], bool]) -> Feed:
    from civickg.pipeline import extract

    ctx = mp.get_context("forkserver" if sys.platform.startswith("linux") else "spawn")
    window: deque[tuple[list[Item], Future[list[MappedGraph | str]]]] = deque()

    def drain(batch: list[Item], future: Future[list[MappedGraph | str]]) -> Feed:
        results = iter(future.result())
        for item in batch:
            yield item, (_given(next(results)) if needs_work(item) else extract)

    with ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker,
                             initargs=(os.getpid(),)) as pool:
        batch: list[Item] = []
        for item in items:
            batch.append(item)
            if len(batch) == CHUNK:
                window.append((batch, pool.submit(_work, [a for a in batch if needs_work(a)])))
                batch = []
                while len(window) > 2 * jobs:  # bounded: the reader waits for the writer
                    yield from drain(*window.popleft())
        if batch:
            window.append((batch, pool.submit(_work, [a for a in batch if needs_work(a)])))
        while window:
            yield from drain(*window.popleft())


def feed(paths: Sequence[str], builder: Any, jobs: int = 1) -> Feed:
    """(article or read error, extract function) for every input, in input order."""
    from civickg.namespace import article_iri
    from civickg.pipeline import extract

    def stored(article_id: str, digest: str) -> bool:
        return builder.existing.get(str(article_iri(article_id))) == digest

    items = _read(paths, stored if builder.incremental else None)
    if jobs <= 1:
        for item in items:
            yield item, extract
        return

    def needs_work(item: Item) -> bool:
        return isinstance(item, Article) and not (builder.incremental
                                                  and stored(item.article_id, item.content_hash))
    yield from _parallel(items, jobs, needs_work)


def tracked(items: Feed, iris: set[str]) -> Feed:
    """Pass the feed on, noting the graph IRI of every article (for ``--prune``)."""
    from civickg.namespace import article_iri

    for item, fn in items:
        if isinstance(item, Article):
            iris.add(str(article_iri(item.article_id)))
        yield item, fn


def with_progress(items: Feed, total: int | None) -> Feed:
    """A progress bar with rate and ETA on standard error, drawn only when it is a terminal."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = [TextColumn("building"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]}"),
               TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn()]
    with Progress(*columns, console=Console(stderr=True), transient=False) as bar:
        task = bar.add_task("build", total=total, rate="")
        for n, pair in enumerate(items, 1):
            yield pair
            speed = bar.tasks[0].speed
            bar.update(task, advance=1, rate=f"{speed:,.0f} articles/s" if speed else "")
            if n == total:
                bar.refresh()


def count_inputs(paths: Sequence[str]) -> int | None:
    """How many articles the inputs hold, when that is cheap to know (None with JSON Lines or
    standard input, whose articles are only known by reading them)."""
    from civickg.read import expand_paths

    n = 0
    try:
        for f in expand_paths(paths):
            if f == "-" or Path(f).suffix.lower() in (".jsonl", ".ndjson"):
                return None
            n += 1
    except ReadError:
        return None
    return n


def retract_missing(builder: Any, read: set[str]) -> int:
    """``--prune``: drop the stored articles no input holds any more; returns how many."""
    gone = [iri for iri in builder.existing if iri not in read]
    for iri in gone:
        builder.store.remove(iri)
    builder.counts["retracted"] += len(gone)
    return len(gone)
