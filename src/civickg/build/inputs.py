"""The articles of the inputs, in input order. With ``--incremental`` a text or HTML file whose
bytes hash to the stored content hash of its article is not parsed at all (a stub stands for
it); JSON Lines are parsed and their unchanged articles skipped by the builder."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from civickg.model import Article, ReadError, Span

Item = Article | ReadError
_BY_BYTES = (".txt", ".html", ".htm")


def unchanged_stub(path: str, article_id: str, content_hash: str) -> Article:
    """An article known unchanged from its bytes alone: enough for the builder to skip it."""
    return Article(path, article_id, "", "", [0], "", Span(0, 0), Span(0, 0), content_hash=content_hash)


def read_inputs(paths: Sequence[str], unchanged: Callable[[str, str], bool] | None) -> Iterator[Item]:
    """``iter_articles``, except that a text or HTML file for which ``unchanged(article_id,
    sha256 of its bytes)`` holds is yielded as a stub, unparsed."""
    from civickg.read import _article_id, _read_checked, input_files, iter_articles

    if unchanged is None:
        yield from iter_articles(paths)
        return
    seen: dict[str, str] = {}
    for f in input_files(paths):
        if isinstance(f, ReadError):
            yield f
            continue
        if f != "-" and os.path.splitext(f)[1].lower() in _BY_BYTES:
            try:
                with open(f, "rb") as fh:
                    digest = hashlib.sha256(fh.read()).hexdigest()
            except OSError:
                digest = ""
            if digest and unchanged(article_id := _article_id(f), digest):
                yield unchanged_stub(f, article_id, digest)
                continue
        yield from _read_checked(f, seen)


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
