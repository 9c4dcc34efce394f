"""The build loop: every input in order, each article extracted, mapped, checked and handed to
the writer; failures reported one per line and counted by kind."""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from civickg.model import Article, ArticleFacts, ReadError

# What can fail, as the summary names it (read errors by ``civickg.read.errors.kind_of``). A
# duplicate is no failure: its text is stored under the first name; it is reported and counted.
FAILURES = {"unreadable": "unreadable", "language": "not Vietnamese", "too-large": "too large",
            "extraction": "extraction failed", "shapes": "violates the shapes",
            "store": "store failed"}


class StopBuild(Exception):
    """``--strict``: the first failure ends the build."""


def _one_line(text: str, limit: int = 600) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


@dataclass(slots=True)
class _Queued:
    """What the builder remembers of a graph given to the writer, to count it once stored."""

    path: str
    replaced: bool
    size: int


class Builder:
    def __init__(self, store: Any, strict: bool = False, incremental: bool = False,
                 validate: bool = False) -> None:
        from civickg.build.writer import Writer

        self.store = store
        self.strict = strict  # stop at the first failure
        self.validate = validate  # check each graph against the shapes before storing it
        self.incremental = incremental
        self.stopped = False
        self.failures: Counter[str] = Counter()
        self.counts: Counter[str] = Counter()
        self.triples = 0
        self.seconds = 0.0
        self.existing = store.content_hashes()
        self._seen: set[str] = set()
        self._shapes = None
        self._prepared = False
        self._iris: dict[str, str] = {}  # article id → graph IRI (asked three times an article)
        self._writer = Writer(store, self._written, strict=strict)
        if hasattr(store, "publish_snapshots"):  # readers see whole articles while we write
            store.publish_snapshots()

    def run(self, paths: Sequence[str], jobs: int = 1, prune: bool = False,
            progress: bool = False) -> None:
        """``jobs`` worker processes extract and map; ``prune`` drops stored articles no input
        holds; ``progress`` draws a bar on standard error."""
        from civickg.build.inputs import count_inputs, read_inputs
        from civickg.build.workers import parallel, serial

        def stored(article_id: str, digest: str) -> bool:
            return self.existing.get(self._iri(article_id)) == digest

        def needs_work(item: Any) -> bool:
            return isinstance(item, Article) and not (self.incremental
                                                      and stored(item.article_id, item.content_hash))

        start = time.perf_counter()
        read: set[str] = set()
        inputs = read_inputs(paths, stored if self.incremental else None)
        feed = serial(inputs) if jobs <= 1 else parallel(inputs, jobs, needs_work)
        items = feed
        if progress:
            from civickg.build.progress import with_progress

            items = with_progress(feed, count_inputs(paths))
        try:
            for item, extract in items:
                if isinstance(item, ReadError):
                    self._read_error(item)
                else:
                    read.add(self._iri(item.article_id))
                    self.add(item, extract)
                self._writer.tick()
        except StopBuild:
            self.stopped = True
        finally:
            feed.close()
        self._finish_writes()
        if prune and not self.stopped:
            self._retract_missing(read)
        self._prune()
        self.seconds += time.perf_counter() - start

    def add_facts(self, facts: Iterable[ArticleFacts]) -> None:
        start = time.perf_counter()
        try:
            for f in facts:
                self.add(f.article, lambda _a, f=f: f)
        except StopBuild:
            self.stopped = True
        self._finish_writes()
        self._prune()
        self.seconds += time.perf_counter() - start

    def _iri(self, article_id: str) -> str:
        iri = self._iris.get(article_id)
        if iri is None:
            from civickg.namespace import article_iri

            iri = self._iris[article_id] = str(article_iri(article_id))
        return iri

    def add(self, article: Article, extract: Any) -> None:
        iri = self._iri(article.article_id)
        if iri in self._seen:
            print(f"{article.path}: article id {article.article_id!r} seen twice in this build; "
                  "the later one wins", file=sys.stderr)
        if self.incremental and self.existing.get(iri) == article.content_hash:
            self.counts["skipped"] += 1
            return
        if not self._prepared:  # a broken extension stops the build here, not article by article
            from civickg.mapping import prepare

            prepare()
            self._prepared = True
        try:  # one bad article never stops the build (unless --strict)
            result = extract(article)  # facts, or a graph mapped here or by a worker (--jobs)
            if isinstance(result, ArticleFacts):
                from civickg.mapping import map_facts

                result = map_facts(result)
            graph = result
        except Exception as e:
            return self._fail("extraction", f"{article.path}: extraction failed "
                              f"({type(e).__name__}: {e}); not stored")
        if self.validate and (problem := self._check(graph)):
            return self._fail("shapes", f"{article.path}: graph violates the shapes ({problem}); "
                              "not stored")
        replaced = iri in self.existing or iri in self._seen
        self._seen.add(iri)
        self._writer.put(_Queued(article.path, replaced, len(graph)), graph, new=not replaced)

    def _written(self, queued: _Queued, error: BaseException | None) -> None:
        """The writer's report on one graph (in input order)."""
        if error is not None:
            return self._fail("store", f"{queued.path}: the store refused the graph ({type(error).__name__}: "
                              f"{error}); not stored, any earlier version kept")
        self.triples += queued.size
        self.counts["replaced" if queued.replaced else "added"] += 1

    def _finish_writes(self) -> None:
        while True:  # after a --strict stop the writer stores nothing more; its reports go on
            try:
                return self._writer.finish()
            except StopBuild:
                self.stopped = True

    def _retract_missing(self, read: set[str]) -> None:
        """``--prune``: drop the stored articles no input holds any more."""
        gone = [iri for iri in self.existing if iri not in read]
        for iri in gone:
            self.store.remove(iri, prune=False)
        self.counts["retracted"] += len(gone)

    def _prune(self) -> None:
        """Entity triples no article names any more (after a replacement or a retraction)."""
        try:
            getattr(self.store, "prune_if_needed", self.store.prune)()
        except Exception as e:
            try:
                self._fail("store", f"store: pruning orphaned entity triples failed ({type(e).__name__}: "
                           f"{e}); they stay until the next build")
            except StopBuild:
                self.stopped = True

    def _check(self, graph: Any) -> str | None:
        """None if ``graph`` conforms to the shapes, else the report."""
        from civickg.validation import load_shapes, validate_ntriples

        if self._shapes is None:
            self._shapes = load_shapes()
        # with the entity triples: the types and labels the shapes test live there
        ok, report = validate_ntriples(graph.ntriples() + graph.entity_ntriples(), self._shapes)
        return None if ok else str(report)

    def _read_error(self, error: ReadError) -> None:
        from civickg.read.errors import kind_of

        kind = kind_of(error)
        if kind == "duplicate":
            self.counts["duplicate"] += 1
            print(f"duplicate: {_one_line(str(error))}", file=sys.stderr)
            return
        done = "" if "skipped" in error.problem else "; skipped"
        self._fail(kind if kind in FAILURES else "unreadable", f"{error}{done}")

    def _fail(self, kind: str, message: str) -> None:
        """Report one failure on one line (file: what is wrong; what was done) and count it."""
        self.counts["failed"] += 1
        self.failures[kind] += 1
        print(f"failed: {_one_line(message)}", file=sys.stderr)
        if self.strict:
            print("stopped at the first failure (--strict)", file=sys.stderr)
            raise StopBuild

    def summary(self) -> str:
        c = self.counts
        rate = (sum(c.values()) / self.seconds) if self.seconds else 0.0
        kinds = ", ".join(f"{FAILURES[k]} {self.failures[k]}" for k in FAILURES if self.failures[k])
        return (f"added {c['added']}, replaced {c['replaced']}, skipped {c['skipped']}, "
                f"failed {c['failed']}{f' ({kinds})' if kinds else ''}, "
                f"duplicates {c['duplicate']}; {self.triples} triples written "
                f"({rate:.1f} articles/s){'; stopped at the first failure' if self.stopped else ''}")
