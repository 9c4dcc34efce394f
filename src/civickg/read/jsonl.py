"""JSON Lines: one article per line, ``{"title", "published", "text", "url"?, "source"?,
"authors"?}``. Each line is read on its own (streamed, so a file of any size is fine); a line
that is broken is a ReadError naming the file and the line, and the other lines are still read.
``Article.path`` is ``FILE#LINE``; ``article_id`` is the slug of the url, else ``STEM-LINE``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath
from typing import BinaryIO
from urllib.parse import urlsplit

from civickg.model import Article, ReadError
from civickg.normalize import clean, search_key
from civickg.read.dates import parse_published
from civickg.read.decode import decode_bytes
from civickg.read.errors import TooLarge, size_text
from civickg.read.text import parse_text_article

_SLUG_BAD = re.compile(r"[^a-z0-9]+")
# JSON may escape half a surrogate pair (\ud800), which no UTF-8 output can hold
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def url_slug(url: str) -> str | None:
    """``https://site.vn/a/dong-chi-x-bi-thu-123.html`` → ``dong-chi-x-bi-thu-123``."""
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    name = next((p for p in reversed(PurePosixPath(path).parts) if p not in ("/", "")), "")
    name = re.sub(r"\.(?:html?|aspx?|php|vnp|htm|chn|tpo|ldo)$", "", name, flags=re.I)
    slug = _SLUG_BAD.sub("-", search_key(name)).strip("-")[:120]
    return slug or None


def _str(record: dict[str, object], key: str, where: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ReadError(where, f"field {key!r} is {type(value).__name__}, not text; line skipped")
    return _LONE_SURROGATE.sub("\ufffd", value)


def _timeline(published: str) -> str:
    day, _, time = published.partition("T")
    y, m, d = day.split("-")
    return f"{time} - {d}/{m}/{y}" if time else f"{d}/{m}/{y}"


def parse_record(line: str, path: str, stem: str, number: int) -> Article:
    where = f"{path}#{number}"
    try:
        record = json.loads(line.strip())
    except json.JSONDecodeError as e:
        raise ReadError(
            where, f"line {number} is not valid JSON ({e.msg} at column {e.colno}); line skipped"
        ) from None
    except RecursionError:
        raise ReadError(where, f"line {number} is JSON nested too deeply; line skipped") from None
    except ValueError as e:  # e.g. an integer of more than 4300 digits
        raise ReadError(where, f"line {number} is JSON that cannot be read ({e}); line "
                               "skipped") from None
    if not isinstance(record, dict):
        raise ReadError(where, f"line {number} is a JSON {type(record).__name__}, not an object "
                               "with title and text; line skipped")
    title = clean(_str(record, "title", where) or "")
    text = _str(record, "text", where) or ""
    if not title:
        raise ReadError(where, f"line {number} has no title; line skipped")
    if not text.strip():
        raise ReadError(where, f"line {number} has no text (no body); line skipped")
    given = _str(record, "published", where)
    published = parse_published(given) if given else None
    url = _str(record, "url", where)
    head = title + ("\n" + _timeline(published) if published else "")
    article_id = (url_slug(url) if url else None) or f"{stem}-{number}"
    article = parse_text_article(f"{head}\n\n{text.strip()}\n", where, article_id)
    article.published = published
    article.url = url
    source = _str(record, "source", where)
    if article.source is None and source:
        article.source = clean(source)
    authors = record.get("authors")
    if isinstance(authors, str):
        authors = [authors]
    if isinstance(authors, list) and all(isinstance(a, str) for a in authors) and authors:
        authors = [_LONE_SURROGATE.sub("\ufffd", a) for a in authors]
        article.authors = [clean(a) for a in authors if clean(a)]
    return article


def read_lines(lines: Iterable[bytes], path: str, stem: str,
               max_line: int) -> Iterator[Article | ReadError]:
    """Every article of a JSON Lines stream; blank lines are skipped."""
    for number, raw in enumerate(lines, start=1):
        where = f"{path}#{number}"
        if len(raw) > max_line:
            yield TooLarge(where, f"line {number} is over {size_text(max_line)}, the limit "
                                  "for one article; line skipped")
            continue
        if not raw.strip():
            continue
        try:
            line = decode_bytes(raw, where)
            article = parse_record(line, path, stem, number)
        except ReadError as e:
            yield e
            continue
        article.content_hash = hashlib.sha256(raw.strip()).hexdigest()
        yield article


def bounded_lines(stream: BinaryIO, max_line: int) -> Iterator[bytes]:
    """Lines of a binary stream, each at most ``max_line + 1`` bytes held in memory: the rest
    of a longer line is read and dropped, so the caller sees it is too long."""
    while True:
        line = stream.readline(max_line + 1)
        if not line:
            return
        if len(line) > max_line and not line.endswith(b"\n"):
            while (more := stream.readline(1 << 20)) and not more.endswith(b"\n"):
                pass
        yield line
