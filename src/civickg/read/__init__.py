"""Reading articles from files, directories, globs or standard input.

Formats: plain text (``.txt`` and anything unrecognised), HTML (``.html``/``.htm``, or text
that starts with markup), JSON Lines (``.jsonl``, or text whose first line is a JSON object);
standard input (``-``) is sniffed the same way. One bad input never stops the others: it
becomes a ``ReadError`` and reading goes on. A text or HTML file over ``MAX_ARTICLE_BYTES`` is
refused unread (bounded memory and time); JSON Lines are streamed, the limit applying per line.
The same article met twice (same normalised text) is read once; the second is a
``DuplicateArticle`` error naming the first.
"""

from __future__ import annotations

import glob
import hashlib
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from civickg.model import Article, ReadError
from civickg.read.decode import decode_bytes
from civickg.read.errors import DuplicateArticle, TooLarge, size_text
from civickg.read.html import parse_html_article
from civickg.read.jsonl import bounded_lines, read_lines
from civickg.read.text import parse_text_article

ARTICLE_SUFFIXES = {".txt", ".html", ".htm", ".jsonl"}
MAX_ARTICLE_BYTES = 5 * 2**20  # 5 MiB: news articles are under 200 KB; HTML pages under 2 MB
_SNIFF = 4096


def expand_paths(paths: Sequence[str]) -> Iterator[str]:
    """Files named by ``paths``: files as given, directories recursively (article suffixes
    only, hidden files skipped), globs expanded; ReadError for a path that names nothing."""
    for p in paths:
        if p == "-":
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            yield from _walk(p)
        elif path.exists():
            yield p
        else:
            matches = sorted(glob.glob(p, recursive=True))
            if not matches:
                raise ReadError(p, "no such file, directory or matching glob")
            yield from (m for m in matches if Path(m).is_file())


def _walk(root: str) -> Iterator[str]:
    """Article files under ``root`` in the order of their path components (what sorting
    ``Path`` objects gives, without building them: os.walk, suffix filtered before sorting)."""
    found: list[tuple[tuple[str, ...], str]] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        rel = os.path.relpath(dirpath, root)
        parts = () if rel == "." else tuple(rel.split(os.sep))
        for name in filenames:
            if not name.startswith(".") and os.path.splitext(name)[1].lower() in ARTICLE_SUFFIXES:
                found.append(((*parts, name), os.path.join(dirpath, name)))
    found.sort()
    for _, full in found:
        if os.path.isfile(full):
            yield full


def sniff(head: bytes, suffix: str = "") -> str:
    """``text``, ``html`` or ``jsonl`` from the file suffix, else from the first bytes."""
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:200].lower()
    if start.startswith((b"<!doctype", b"<html", b"<?xml", b"<head", b"<body", b"<meta",
                         b"<article", b"<div", b"<!--")):
        return "html"
    if start.startswith(b"{"):
        return "jsonl"
    return "text"


def _article_id(path: str) -> str:
    name = Path(path).name
    for suffix in (".txt", ".html", ".htm"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return Path(path).stem


def _too_large(path: str, size: int) -> TooLarge:
    return TooLarge(
        path, f"file is {size_text(size)}, over the {size_text(MAX_ARTICLE_BYTES)} limit "
        "for one article; skipped unread"
    )


def _read_document(data: bytes, path: str, kind: str, article_id: str) -> Article:
    raw = decode_bytes(data, path)
    parse = parse_html_article if kind == "html" else parse_text_article
    article = parse(raw, path, article_id)
    article.content_hash = hashlib.sha256(data).hexdigest()
    return article


def _read_stream(stream: BinaryIO, path: str, kind: str, article_id: str,
                 size: int | None = None) -> Iterator[Article | ReadError]:
    if kind == "jsonl":
        stem = "stdin" if path == "-" else Path(path).stem
        yield from read_lines(bounded_lines(stream, MAX_ARTICLE_BYTES), path, stem,
                              MAX_ARTICLE_BYTES)
        return
    data = stream.read(MAX_ARTICLE_BYTES + 1)
    if len(data) > MAX_ARTICLE_BYTES:
        yield _too_large(path, size if size is not None else len(data))
        return
    yield _read_document(data, path, kind, article_id)


def read_file(path: str) -> Iterator[Article | ReadError]:
    """The articles one file (or ``-``, standard input) holds; ReadError for what is not one."""
    if path == "-":
        stream = sys.stdin.buffer
        yield from _read_stream(stream, path, sniff(stream.peek(_SNIFF)[:_SNIFF]), "stdin")
        return
    p = Path(path)
    size = p.stat().st_size
    with p.open("rb") as f:
        kind = sniff(f.read(_SNIFF), p.suffix.lower())
        if kind != "jsonl" and size > MAX_ARTICLE_BYTES:
            yield _too_large(path, size)
            return
        f.seek(0)
        yield from _read_stream(f, path, kind, _article_id(path), size)


def iter_articles(paths: Sequence[str]) -> Iterator[Article | ReadError]:
    """Every article the paths hold, or a ReadError for each input that cannot be read;
    one bad input never stops the others."""
    seen: dict[str, str] = {}
    for f in input_files(paths):
        if isinstance(f, ReadError):
            yield f
        else:
            yield from _read_checked(f, seen)


def input_files(paths: Sequence[str]) -> Iterator[str | ReadError]:
    """``expand_paths`` one path at a time: a path that names nothing is a ReadError in its
    place, the others still come."""
    for p in paths:
        try:
            yield from list(expand_paths([p]))
        except ReadError as e:
            yield e


def _read_checked(f: str, seen: dict[str, str]) -> Iterator[Article | ReadError]:
    try:
        for item in read_file(f):
            if isinstance(item, Article):
                key = hashlib.sha256(item.text.encode("utf-8", "surrogatepass")).hexdigest()
                if key in seen:
                    yield DuplicateArticle(item.path, seen[key])
                    continue
                seen[key] = item.path
            yield item
    except ReadError as e:
        yield e
    except OSError as e:
        yield ReadError(f, f"cannot read: {e.strerror or e}")
    except (RecursionError, MemoryError) as e:
        yield ReadError(f, f"input too deeply nested or too big to read ({type(e).__name__})")
    except Exception as e:  # a reader bug must not stop a corpus build; the fuzz tests hunt them
        yield ReadError(f, f"internal error while reading ({type(e).__name__}: {e}); skipped")
