"""Plain-text articles: title line, time line, lead with outlet tag, body, captions, byline.

Paragraphs are lines, except that a line broken in mid-sentence joins the paragraph it
continues (it starts in lower case, or the line before ends on a comma or hyphen, or — in a
text that separates paragraphs by blank lines — the line before has no closing punctuation);
the line break inside a paragraph becomes a space in ``Article.text``.
"""

from __future__ import annotations

import re

from civickg.model import Article, ReadError, Span
from civickg.normalize import normalize_text
from civickg.read.dates import parse_timeline
from civickg.read.errors import NotVietnamese
from civickg.read.lang import english_share, looks_english

OUTLET_TAG = re.compile(
    r"\(([A-ZĐ][A-Za-zĐđ0-9.]{0,15})\)\s?[-–—:]?\s?|([A-ZĐ][A-ZĐ0-9.]{1,9}) [-–—] "
)
_COUNTER = re.compile(r"(?i:lượt xem|lượt đọc|views?)?:? ?[\d][\d., ]*(?i: lượt xem)?")
_BYLINE_LABEL = re.compile(
    r"(?:Tin|Bài|Ảnh|Video|Clip|Thực hiện|Nhóm phóng viên|Nhóm PV|PV|Tin và ảnh|Tin, ảnh|"
    r"Bài, ảnh|Bài và ảnh|Tin/ảnh|Bài/ảnh|Tin - ảnh|Bài - ảnh|Nội dung|Tác giả|Ghi chép)"
    r" ?: ?(.+)",
    re.IGNORECASE,
)
_COMPILED = re.compile(r"([^()]+?) ?\((?:tổng hợp|theo [^)]*|TH)\)", re.IGNORECASE)
_NAME_WORD = r"[A-ZĐÀ-Ỹ][\wÀ-ỹ]*"
_PERSON_NAME = re.compile(rf"{_NAME_WORD}(?: {_NAME_WORD}){{1,4}}")
# A line of names in title case alone ("Thanh Trúc - Nguyễn Vinh"), maybe with the outlet
# after a slash ("Nhật Hào - Minh Trí/THVL"): every word capitalised, two to four per name.
_TITLE_WORD = r"[A-ZĐÀ-Ỹ][a-zđà-ỹ]*"
_TITLE_NAME = rf"{_TITLE_WORD}(?: {_TITLE_WORD}){{1,3}}"
_TITLE_CASE_NAMES = re.compile(rf"{_TITLE_NAME}(?:(?: [-–—] |, | và ){_TITLE_NAME}){{0,3}}")
_OUTLET_SUFFIX = re.compile(r" ?/ ?[A-ZĐ][A-ZĐa-z0-9.]{1,15}$")
_AUTHOR_SPLIT = re.compile(r" ?[-–—] | ?, ?| và | ?; ?")
_CLOSED = tuple(".!?…:;\"”»)]'’")
_OPEN_END = tuple(",-–—(/&")
MAX_TITLE = 300
MAX_BYLINE = 120


def _title_case(name: str) -> str:
    name = " ".join(name.split())
    if name.isupper():
        return " ".join(w[:1] + w[1:].lower() for w in name.split())
    return name


def _names_in_title_case(line: str) -> bool:
    if not _TITLE_CASE_NAMES.fullmatch(line):
        return False
    from civickg import gazetteer  # a last line "Cần Thơ" is a place, not a byline

    big = {"Province", "Country", "Region", "City"}  # communes are often named like people
    return not any(e.level in big for part in _AUTHOR_SPLIT.split(line) for e in gazetteer.lookup(part))


def parse_byline(line: str) -> list[str] | None:
    """The authors a byline line names, or None when the line is not a byline."""
    line = " ".join(line.split())
    if len(line) > MAX_BYLINE:
        return None
    m = _BYLINE_LABEL.fullmatch(line)
    if m:
        names = m.group(1)
    else:
        c = _COMPILED.fullmatch(line)
        names = c.group(1) if c else _OUTLET_SUFFIX.sub("", line)
        if not c and not (names.isupper() or _names_in_title_case(names)):
            return None
    parts = [p.strip(" .") for p in _AUTHOR_SPLIT.split(names) if p.strip(" .")]
    # each part may carry its own label: "Bài: Lê Anh - Ảnh: Quang Khánh"
    parts = [m.group(1) if (m := _BYLINE_LABEL.fullmatch(p)) else p for p in parts]
    authors = [_title_case(p) for p in parts]
    if not authors or not all(_PERSON_NAME.fullmatch(a) for a in authors):
        return None
    return authors


def _lines(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, follows a blank line) of every non-blank line."""
    spans: list[tuple[int, int, bool]] = []
    pos, blank = 0, False
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line), blank))
            blank = False
        else:
            blank = True
        pos += len(line) + 1
    return spans


def _continues(text: str, prev: tuple[int, int, bool], line: tuple[int, int, bool],
               blank_style: bool) -> bool:
    """Whether ``line`` continues the paragraph ``prev`` ends (a line broken mid-sentence)."""
    if line[2]:
        return False
    first = text[line[0]]
    before = text[prev[1] - 1]
    if first.islower() or text.endswith(_OPEN_END, prev[0], prev[1]):
        return True
    return blank_style and before not in _CLOSED and not first.isdigit()


def _paragraphs(text: str, lines: list[tuple[int, int, bool]]) -> list[Span]:
    blank_style = sum(1 for ln in lines[1:] if ln[2]) >= 2
    paras: list[Span] = []
    for i, ln in enumerate(lines):
        if paras and _continues(text, lines[i - 1], ln, blank_style):
            paras[-1] = Span(paras[-1].start, ln[1])
        else:
            paras.append(Span(ln[0], ln[1]))
    return paras


def _no_title(text: str, first: tuple[int, int, bool]) -> str | None:
    line = text[first[0] : first[1]]
    if parse_timeline(line):
        return "no title: the first line is a time line"
    if len(line) > MAX_TITLE:
        return f"no title: the first line has {len(line)} characters, a paragraph not a headline"
    tag = OUTLET_TAG.match(line)
    if tag and tag.group(1):
        return f"no title: the first line is the lead (starts with the outlet tag ({tag.group(1)}))"
    return None


def _join_lines(chars: list[str], span: Span) -> None:
    for i in range(span.start, span.end):
        if chars[i] == "\n":
            chars[i] = " "


def parse_text_article(raw: str, path: str, article_id: str) -> Article:
    text, offsets = normalize_text(raw)
    return build_article(raw, text, offsets, path, article_id)


def build_article(raw: str, text: str, offsets: list[int], path: str,
                  article_id: str) -> Article:
    """The article a normalised text in the plain-text form holds."""
    lines = _lines(text)
    if not lines:
        raise ReadError(path, "empty article: no text after decoding")
    problem = _no_title(text, lines[0])
    if problem:
        raise ReadError(path, f"{problem}; skipped")
    n_title = 1
    while (n_title < min(3, len(lines)) and not lines[n_title][2]
           and text[lines[n_title][0]].islower()):
        n_title += 1
    title_span = Span(lines[0][0], lines[n_title - 1][1])
    rest = lines[n_title:]
    published = None
    if rest:
        published = parse_timeline(text[rest[0][0] : rest[0][1]])
        if published:
            rest = rest[1:]
    while rest and _COUNTER.fullmatch(text[rest[-1][0] : rest[-1][1]]):
        rest = rest[:-1]
    authors: list[str] = []
    if len(rest) > 1:
        found = parse_byline(text[rest[-1][0] : rest[-1][1]])
        if found:
            authors = found
            rest = rest[:-1]
    if not rest:
        raise ReadError(path, "no body: the article has a title and no text; skipped")
    source = None
    tag = OUTLET_TAG.match(text, rest[0][0])
    if tag:
        source = (tag.group(1) or tag.group(2)).rstrip(".")
    paragraphs = _paragraphs(text, rest)
    chars = list(text)
    for span in [title_span, *paragraphs]:
        _join_lines(chars, span)
    text = "".join(chars)
    body_span = Span(rest[0][0], rest[-1][1])
    if looks_english(text[title_span.start : body_span.end]):
        share = english_share(text[title_span.start : body_span.end]) or 0.0
        raise NotVietnamese(
            path, f"article is in English ({share:.0%} English function words), "
            "not Vietnamese; skipped"
        )
    return Article(
        path=path,
        article_id=article_id,
        raw=raw,
        text=text,
        offsets=offsets,
        title=text[title_span.start : title_span.end].strip(),
        title_span=title_span,
        body_span=body_span,
        published=published,
        source=source,
        authors=authors,
        paragraphs=paragraphs,
    )
