"""Plain-text articles: title line, time line, lead with outlet tag, body, captions, byline."""

from __future__ import annotations

import re

from civickg.model import Article, ReadError, Span
from civickg.normalize import normalize_text
from civickg.read.dates import parse_timeline

OUTLET_TAG = re.compile(r"\(([A-ZĐ][A-ZĐ0-9.]{0,9})\)\s*[-–—:]?\s*")
_COUNTER = re.compile(r"^\s*[\d.,\s]+\s*$")
_BYLINE_LABEL = re.compile(
    r"^(?:(?:Tin|Bài|Ảnh|Video|Clip|Thực hiện|Nhóm phóng viên|PV|Tin và ảnh|Tin, ảnh|Bài, ảnh|"
    r"Bài và ảnh|Tin/ảnh|Bài/ảnh|Nội dung|Tác giả)\s*:\s*)(.+)$",
    re.IGNORECASE,
)
_COMPILED = re.compile(r"^(.+?)\s*\((?:tổng hợp|theo [^)]*|TH)\)\s*$", re.IGNORECASE)
_NAME_WORD = r"[A-ZĐÀ-Ỹ][\wÀ-ỹ]*"
_PERSON_NAME = re.compile(rf"^{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,4}}$")
_AUTHOR_SPLIT = re.compile(r"\s+[-–—]\s+|\s*,\s*|\s+và\s+|\s*;\s*")


def _title_case(name: str) -> str:
    name = " ".join(name.split())
    if name.isupper():
        return " ".join(w[:1] + w[1:].lower() for w in name.split())
    return name


def parse_byline(line: str) -> list[str] | None:
    """The authors a byline line names, or None when the line is not a byline."""
    line = line.strip()
    m = _BYLINE_LABEL.match(line)
    if m:
        names = m.group(1)
    else:
        c = _COMPILED.match(line)
        names = c.group(1) if c else line
        if not c and not names.isupper():
            return None
    parts = [p.strip(" .") for p in _AUTHOR_SPLIT.split(names) if p.strip(" .")]
    authors = [_title_case(p) for p in parts]
    if not authors or not all(_PERSON_NAME.match(a) for a in authors):
        return None
    return authors


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line."""
    spans, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def parse_text_article(raw: str, path: str, article_id: str) -> Article:
    text, offsets = normalize_text(raw)
    lines = _lines(text)
    if not lines:
        raise ReadError(path, "empty article: no text after decoding")
    t_start, t_end = lines[0]
    title = text[t_start:t_end].strip()
    rest = lines[1:]
    published = None
    if rest:
        published = parse_timeline(text[rest[0][0] : rest[0][1]])
        if published:
            rest = rest[1:]
    while rest and _COUNTER.match(text[rest[-1][0] : rest[-1][1]]):
        rest = rest[:-1]
    authors: list[str] = []
    if len(rest) > 1:
        found = parse_byline(text[rest[-1][0] : rest[-1][1]])
        if found:
            authors = found
            rest = rest[:-1]
    if not rest:
        raise ReadError(path, "article has a title but no body")
    source = None
    body_start = rest[0][0]
    tag = OUTLET_TAG.match(text, body_start)
    if tag:
        source = tag.group(1).rstrip(".")
    paragraphs = [Span(s, e) for s, e in rest]
    return Article(
        path=path,
        article_id=article_id,
        raw=raw,
        text=text,
        offsets=offsets,
        title=title,
        title_span=Span(t_start, t_end),
        body_span=Span(body_start, rest[-1][1]),
        published=published,
        source=source,
        authors=authors,
        paragraphs=paragraphs,
    )
