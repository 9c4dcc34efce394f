"""HTML pages saved from a news site.

The page is rendered into the plain-text article form (title line, time line, one paragraph
per block, captions included) and read like a text file, so ``Article.raw`` is that rendering
and offsets point into it; ``Article.path`` names the HTML file. Title: og:title, else the
h1, else <title> without the site name. Date: article:published_time / datePublished
metadata, JSON-LD, <time datetime>, else a time line printed in the page. Body: the article
container (articleBody, <article>, <main>, content/detail classes) holding the most paragraph
text, without navigation, scripts, styles, share boxes, related links and comments.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from lxml import etree
from lxml import html as lxml_html

from civickg.model import Article, ReadError
from civickg.read.dates import parse_published, parse_timeline
from civickg.read.text import parse_byline, parse_text_article

_DROP_TAGS = {
    "script", "style", "noscript", "template", "nav", "footer", "aside", "form", "iframe",
    "button", "svg", "select", "input", "textarea", "object", "embed", "video", "audio",
    "canvas", "header", "head", "map", "dialog",
}
_INLINE = {
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd",
    "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
    "del", "ins", "label", "img", "picture", "source", "wbr",
}
_JUNK = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|social|related|relate|relation|comments?|breadcrumbs?|tags?|"
    r"keywords?|menu|navbar|banner|ads?|advert\w*|sidebar|popup|modal|cookies?|newsletter|"
    r"print|rating|subscribe|toolbar|footer|header|author-box|box-tinlienquan|tinlienquan)"
    r"(?:$|[\s_-])",
    re.IGNORECASE,
)
_CONTENT = re.compile(
    r"article|content|detail|post|entry|story|body|noidung|fck_detail|news", re.IGNORECASE
)
_UI_LINE = re.compile(
    r"(?i:chia sẻ|share|facebook|twitter|zalo|email|in bài|print|bình luận|gửi bài|"
    r"(?:tags?|từ khóa|xem thêm|tin liên quan|đọc thêm)\b.*)"
)
_ERROR = re.compile(
    r"(?i:\b404\b|\b(?:403|410|500)\b|not found|không tìm thấy|không tồn tại|page not found|"
    r"đã bị xóa|lỗi truy cập|access denied|forbidden)"
)
_LOGIN = re.compile(r"(?i:đăng nhập|login|log in|sign in|đăng ký tài khoản|subscribe to read)")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]{0,200}\?>")
_META_DATE = (
    "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
    "dc.date", "dc.date.issued", "dcterms.created", "date", "article.published",
)
SHORT_BODY = 600  # characters of paragraph text below which an error-looking page is one


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _meta(root: etree._Element) -> dict[str, str]:
    found: dict[str, str] = {}
    for m in root.iter("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip().lower()
        value = (m.get("content") or "").strip()
        if key and value and key not in found:
            found[key] = value
    return found


def _json_ld(root: etree._Element) -> Iterator[dict[str, object]]:
    for s in root.iter("script"):
        if (s.get("type") or "").lower() != "application/ld+json" or not s.text:
            continue
        try:
            data = json.loads(s.text)
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                stack.extend(v for v in item.values() if isinstance(v, list | dict))


def _is_junk(el: etree._Element) -> bool:
    if not isinstance(el.tag, str) or el.tag in _DROP_TAGS:
        return True
    marks = f"{el.get('class') or ''} {el.get('id') or ''} {el.get('role') or ''}"
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    return bool(marks.strip()) and bool(_JUNK.search(marks))


def _blocks(container: etree._Element) -> list[str]:
    """The text of each block of the container, in order, inline markup flattened."""
    blocks: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        line = " ".join("".join(buf).split())
        buf.clear()
        if line:
            blocks.append(line)

    walker = etree.iterwalk(container, events=("start", "end"))
    for event, el in walker:
        if el is not container and _is_junk(el):
            if event == "start":
                walker.skip_subtree()
            else:
                buf.append(el.tail or "")
            continue
        block = el.tag not in _INLINE
        if event == "start":
            if block or el.tag == "br":
                flush()
            buf.append(el.text or "")
        else:
            if block or el.tag == "br":
                flush()
            if el is not container:
                buf.append(el.tail or "")
    flush()
    return blocks


def _container(root: etree._Element) -> etree._Element:
    body = root.find("body")
    fallback = body if body is not None else root
    candidates = [fallback]
    for el in root.iter("article", "main", "div", "section", "td"):
        marks = f"{el.get('class') or ''} {el.get('id') or ''} {el.get('itemprop') or ''}"
        if el.tag in ("article", "main") or _CONTENT.search(marks):
            candidates.append(el)
    scored: list[tuple[int, int, etree._Element]] = []
    for depth_order, el in enumerate(candidates):
        score = sum(len(_text(p)) for p in el.iter("p") if not _inside_junk(p, el))
        scored.append((score, depth_order, el))
    best = max(s for s, _, _ in scored)
    # the innermost candidate that still holds nearly all of the best paragraph text
    good = [(order, el) for s, order, el in scored if best and s >= 0.9 * best]
    return good[-1][1] if good else fallback


def _inside_junk(el: etree._Element, top: etree._Element) -> bool:
    node = el
    while node is not None and node is not top:
        if _is_junk(node):
            return True
        node = node.getparent()
    return False


def _title(root: etree._Element, meta: dict[str, str]) -> str:
    if meta.get("og:title"):
        return " ".join(meta["og:title"].split())
    for h1 in root.iter("h1"):
        text = _text(h1)
        if text:
            return text
    t = root.find(".//title")
    if t is not None:
        parts = re.split(r" [|–—-] ", _text(t))
        return max(parts, key=len) if parts else ""
    return ""


def _published(root: etree._Element, meta: dict[str, str]) -> str | None:
    for key in _META_DATE:
        if key in meta and (value := parse_published(meta[key])):
            return value
    for item in _json_ld(root):
        value = item.get("datePublished")
        if isinstance(value, str) and (parsed := parse_published(value)):
            return parsed
    for el in root.iter("time"):
        value = el.get("datetime") or _text(el)
        if value and (parsed := parse_published(value)):
            return parsed
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("html", "body"):
            continue
        marks = f"{el.get('class') or ''} {el.get('id') or ''}"
        if re.search(r"(?i)date|time|publish|ngay", marks) and (found := parse_timeline(_text(el))):
            return found
    return None


def _authors(root: etree._Element, meta: dict[str, str]) -> list[str]:
    names: list[str] = []
    for item in _json_ld(root):
        author = item.get("author")
        for a in author if isinstance(author, list) else [author]:
            if isinstance(a, dict) and isinstance(a.get("name"), str):
                names.append(a["name"])
            elif isinstance(a, str):
                names.append(a)
    if meta.get("author"):
        names.append(meta["author"])
    for el in root.iter():
        marks = f"{el.get('class') or ''} {el.get('id') or ''}" if isinstance(el.tag, str) else ""
        if re.search(r"(?i)\bauthor|byline|tac-?gia", marks):
            names.append(_text(el))
    for name in names:
        found = parse_byline(name) or parse_byline(f"Tác giả: {name}")
        if found:
            return found
    return []


def _url(root: etree._Element, meta: dict[str, str]) -> str | None:
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            return link.get("href").strip()
    return meta.get("og:url")


def _timeline(published: str) -> str:
    day, _, time = published.partition("T")
    y, m, d = day.split("-")
    return f"{time} - {d}/{m}/{y}" if time else f"{d}/{m}/{y}"


def _parse(html: str, path: str) -> etree._Element:
    try:
        root = lxml_html.document_fromstring(_XML_DECL.sub("", html, count=1))
    except (etree.ParserError, ValueError) as e:
        raise ReadError(path, f"HTML that cannot be parsed ({e}); skipped") from None
    if root is None:
        raise ReadError(path, "HTML without a document; skipped")
    return root


def _check_error_page(root: etree._Element, title: str, blocks: list[str], path: str) -> None:
    body_chars = sum(len(b) for b in blocks)
    if body_chars >= SHORT_BODY:
        return
    heads = [title, *(_text(h) for h in root.iter("h1", "h2"))]
    t = root.find(".//title")
    if t is not None:
        heads.append(_text(t))
    for head in heads:
        if head and _ERROR.search(head):
            raise ReadError(path, f"HTML error page (“{head[:60]}”), not an article; skipped")
    password = any((i.get("type") or "").lower() == "password" for i in root.iter("input"))
    login = next((h for h in heads if h and _LOGIN.search(h)), None)
    if password or login:
        what = login or "a password form"
        raise ReadError(path, f"HTML login wall (“{what[:60]}”), not an article; skipped")


def parse_html_article(html: str, path: str, article_id: str) -> Article:
    root = _parse(html, path)
    meta = _meta(root)
    title = _title(root, meta)
    published = _published(root, meta)
    authors = _authors(root, meta)
    url = _url(root, meta)
    headings = {title, *(_text(h) for h in root.iter("h1"))}
    blocks = [
        b for b in _blocks(_container(root))
        if b not in headings and not _UI_LINE.fullmatch(b) and len(b) > 1
    ]
    _check_error_page(root, title, blocks, path)
    if published:
        blocks = [b for b in blocks if (parse_timeline(b) or "")[:10] != published[:10]]
    if not title:
        raise ReadError(path, "no title: the page has no og:title, h1 or <title>; skipped")
    head = [title] + ([_timeline(published)] if published else [])
    rendering = "\n".join(head) + "\n\n" + "\n\n".join(blocks) + "\n"
    article = parse_text_article(rendering, path, article_id)
    if published:
        article.published = published
    if not article.authors:
        article.authors = authors
    article.url = url
    return article
