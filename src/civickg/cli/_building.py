"""The build loop behind ``civickg build`` (kept apart so the benchmark can drive it)."""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from civickg.model import Article, ArticleFacts, ReadError


class Builder:
    def __init__(self, store: Any, strict: bool = False, incremental: bool = False) -> None:
        from civickg.mapping import prepare

        prepare()
        self.store = store
        self.strict = strict
        self.incremental = incremental
        self.counts: Counter[str] = Counter()
        self.triples = 0
        self.seconds = 0.0
        self.existing = store.content_hashes()
        self._seen: set[str] = set()
        self._shapes = None

    def run(self, paths: Sequence[str]) -> None:
        from civickg.pipeline import extract
        from civickg.read import iter_articles

        start = time.perf_counter()
        for item in iter_articles(paths):
            if isinstance(item, ReadError):
                self._fail(item.path, item.problem)
                continue
            self.add(item, extract)
        self.store.prune()
        self.seconds += time.perf_counter() - start

    def add_facts(self, facts: Iterable[ArticleFacts]) -> None:
        start = time.perf_counter()
        for f in facts:
            self.add(f.article, lambda _a, f=f: f)
        self.store.prune()
        self.seconds += time.perf_counter() - start

    def add(self, article: Article, extract: Any) -> None:
        from civickg.mapping import map_facts
        from civickg.namespace import article_iri

        iri = str(article_iri(article.article_id))
        if iri in self._seen:
            print(f"{article.path}: article id {article.article_id!r} seen twice in this build; "
                  "the later one wins", file=sys.stderr)
        if self.incremental and self.existing.get(iri) == article.content_hash:
            self.counts["skipped"] += 1
            return
        try:
            graph = map_facts(extract(article))
            if self.strict:
                self._check(graph)
            self.store.replace(graph)
        except Exception as e:  # one bad article never stops the build
            self._fail(article.path, f"{type(e).__name__}: {e}")
            return
        self.triples += len(graph)
        self.counts["replaced" if iri in self.existing or iri in self._seen else "added"] += 1
        self._seen.add(iri)

    def _check(self, graph: Any) -> None:
        from civickg.validation import load_shapes, validate_ntriples

        if self._shapes is None:
            self._shapes = load_shapes()
        ok, report = validate_ntriples(graph.ntriples(), self._shapes)
        if not ok:
            raise ValueError(f"graph violates the shapes:\n{report}")

    def _fail(self, path: str, problem: str) -> None:
        self.counts["failed"] += 1
        print(f"failed: {path}: {problem}", file=sys.stderr)

    def summary(self) -> str:
        c = self.counts
        rate = (sum(c.values()) / self.seconds) if self.seconds else 0.0
        return (f"added {c['added']}, replaced {c['replaced']}, skipped {c['skipped']}, "
                f"failed {c['failed']}; {self.triples} triples written "
                f"({rate:.1f} articles/s)")
