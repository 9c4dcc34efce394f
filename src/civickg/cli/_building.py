"""The build loop behind ``civickg build`` (kept apart so the benchmark can drive it)."""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
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


class Builder:
    def __init__(self, store: Any, strict: bool = False, incremental: bool = False,
                 validate: bool = False) -> None:
        from civickg.mapping import prepare

        prepare()
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
        if hasattr(store, "publish_snapshots"):  # readers see whole articles while we write
            store.publish_snapshots()

    def run(self, paths: Sequence[str], jobs: int = 1, prune: bool = False,
            progress: bool = False) -> None:
        """``jobs`` worker processes extract and map; ``prune`` drops stored articles no input
        holds; ``progress`` draws a bar (see ``civickg.cli._feeding``)."""
        from civickg.cli._feeding import count_inputs, feed, retract_missing, tracked, with_progress

        start = time.perf_counter()
        read: set[str] = set()
        items = tracked(feed(paths, self, jobs), read)
        if progress:
            items = with_progress(items, count_inputs(paths))
        try:
            for item, extract in items:
                if isinstance(item, ReadError):
                    self._read_error(item)
                    continue
                self.add(item, extract)
        except StopBuild:
            self.stopped = True
        if prune and not self.stopped:
            retract_missing(self, read)
        self._prune()
        self.seconds += time.perf_counter() - start

    def add_facts(self, facts: Iterable[ArticleFacts]) -> None:
        start = time.perf_counter()
        try:
            for f in facts:
                self.add(f.article, lambda _a, f=f: f)
        except StopBuild:
            self.stopped = True
        self._prune()
        self.seconds += time.perf_counter() - start

    def add(self, article: Article, extract: Any) -> None:
        from civickg.cli._feeding import MappedGraph
        from civickg.mapping import map_facts
        from civickg.namespace import article_iri

        iri = str(article_iri(article.article_id))
        if iri in self._seen:
            print(f"{article.path}: article id {article.article_id!r} seen twice in this build; "
                  "the later one wins", file=sys.stderr)
        if self.incremental and self.existing.get(iri) == article.content_hash:
            self.counts["skipped"] += 1
            return
        try:  # one bad article never stops the build (unless --strict)
            facts = extract(article)  # or the graph, mapped by a worker (--jobs)
            graph = facts if isinstance(facts, MappedGraph) else map_facts(facts)
        except Exception as e:
            return self._fail("extraction", f"{article.path}: extraction failed "
                              f"({type(e).__name__}: {e}); not stored")
        if self.validate and (problem := self._check(graph)):
            return self._fail("shapes", f"{article.path}: graph violates the shapes ({problem}); "
                              "not stored")
        try:
            self.store.replace(graph)
        except Exception as e:
            return self._fail("store", f"{article.path}: the store refused the graph "
                              f"({type(e).__name__}: {e}); not stored, any earlier version kept")
        self.triples += len(graph)
        self.counts["replaced" if iri in self.existing or iri in self._seen else "added"] += 1
        self._seen.add(iri)

    def _prune(self) -> None:
        try:
            self.store.prune()
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
