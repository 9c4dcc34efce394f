"""Reading articles from files, directories, globs or standard input."""

from __future__ import annotations

import glob
import hashlib
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from civickg.model import Article, ReadError
from civickg.read.decode import decode_bytes
from civickg.read.text import parse_text_article

ARTICLE_SUFFIXES = {".txt"}


def expand_paths(paths: Sequence[str]) -> Iterator[str]:
    """Files named by ``paths``: files as given, directories recursively, globs expanded."""
    for p in paths:
        if p == "-":
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES:
                    yield str(f)
        elif path.exists():
            yield p
        else:
            matches = sorted(glob.glob(p, recursive=True))
            if not matches:
                raise ReadError(p, "no such file, directory or matching glob")
            yield from (m for m in matches if Path(m).is_file())


def _article_id(path: str) -> str:
    name = Path(path).name
    return name[: -len(".txt")] if name.endswith(".txt") else Path(path).stem


def read_file(path: str) -> list[Article]:
    data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    raw = decode_bytes(data, path)
    article = parse_text_article(raw, path, "stdin" if path == "-" else _article_id(path))
    article.content_hash = hashlib.sha256(data).hexdigest()
    return [article]


def iter_articles(paths: Sequence[str]) -> Iterator[Article | ReadError]:
    """Every article the paths hold, or a ReadError for each input that cannot be read;
    one bad input never stops the others."""
    try:
        files = list(expand_paths(paths))
    except ReadError as e:
        yield e
        return
    for f in files:
        try:
            yield from read_file(f)
        except ReadError as e:
            yield e
        except OSError as e:
            yield ReadError(f, f"cannot read: {e.strerror or e}")
