"""Issue 7, hostile text: the readers given arbitrary bytes and text raise nothing but
ReadError, and what they return is consistent. Bounded in CI; set CIVICKG_FUZZ_EXAMPLES for a
longer run (e.g. 20000)."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civickg.model import Article, ReadError
from civickg.read import iter_articles
from civickg.read.decode import decode_bytes
from civickg.read.html import parse_html_article
from civickg.read.jsonl import parse_record
from civickg.read.text import parse_text_article

EXAMPLES = int(os.environ.get("CIVICKG_FUZZ_EXAMPLES", "120"))
fuzz = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

_WORDS = ["Thành ủy", "(TGCT)", "(CTO)-", "08/10/2019", "16:30", "Thứ Hai,", "Tin, ảnh:", "KIM",
          "NGÂN", "(tổng hợp)", "\n", "\n\n", "\r\n", " ", "Ð", "\u0301", "\u200b", "(", ")", "-",
          ",", ".", "27", "<p>", "</p>", "<h1>", "</h1>", "<title>", "404", "<script>", "{", "}",
          '"', ":", "á»", "Ã", "©", "ø", "aù", "\x00", "\ufeff", "Tháng", "năm"]
articleish = st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=6)),
                      max_size=60).map("".join)


def _check(article: Article) -> None:
    n = len(article.text)
    assert len(article.offsets) == n + 1
    assert article.offsets[-1] == len(article.raw)
    assert all(0 <= o <= len(article.raw) for o in article.offsets)
    for span in [article.title_span, article.body_span, *article.paragraphs]:
        assert 0 <= span.start <= span.end <= n
        article.to_raw(span)
    assert article.title == article.quote(article.title_span).strip()


@fuzz
@given(st.binary(max_size=2000))
def test_decode_arbitrary_bytes(data: bytes) -> None:
    try:
        text = decode_bytes(data, "f")
    except ReadError as e:
        assert str(e).startswith("f: ") and "\n" not in str(e)
    else:
        assert isinstance(text, str)


@fuzz
@given(st.one_of(articleish, st.text(max_size=400)))
def test_text_reader(raw: str) -> None:
    with contextlib.suppress(ReadError):
        _check(parse_text_article(raw, "f", "f"))


@fuzz
@given(st.one_of(articleish, st.text(max_size=400)))
def test_html_reader(raw: str) -> None:
    try:
        _check(parse_html_article("<html><body>" + raw, "f", "f"))
        _check(parse_html_article(raw, "f", "f"))
    except ReadError:
        pass


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20) | articleish,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=3),
    max_leaves=10,
)


@fuzz
@given(st.one_of(
    st.fixed_dictionaries({"title": _json_values, "text": _json_values},
                          optional={"published": _json_values, "url": _json_values,
                                    "source": _json_values, "authors": _json_values}),
    _json_values,
).map(lambda v: json.dumps(v, ensure_ascii=False)) | st.text(max_size=200))
def test_jsonl_record(line: str) -> None:
    try:
        _check(parse_record(line, "f.jsonl", "f", 1))
    except ReadError as e:
        assert str(e).startswith("f.jsonl#1: ")


@fuzz
@given(st.binary(max_size=1500) | articleish.map(lambda s: s.encode("utf-8", "surrogatepass")),
       st.sampled_from([".txt", ".html", ".jsonl", ".dat"]))
def test_any_file_through_iter_articles(tmp_path: Path, data: bytes, suffix: str) -> None:
    f = tmp_path / f"fuzz{suffix}"
    f.write_bytes(data)
    for item in iter_articles([str(f)]):
        if isinstance(item, ReadError):
            assert "internal error" not in str(item), str(item)
            assert str(item).startswith(str(f))
        else:
            _check(item)


def test_deeply_nested_punctuation_and_long_lines() -> None:
    for raw in ["(" * 50_000 + ")" * 50_000, "Tiêu đề\n" + "-" * 200_000,
                "Tiêu đề\n08/10/2019\n\n" + "(CTO) " * 30_000, "{" * 10_000,
                "Tiêu đề\n\n" + "a\n" * 50_000]:
        for parse in (parse_text_article, parse_html_article):
            with contextlib.suppress(ReadError):
                _check(parse(raw, "f", "f"))
        with contextlib.suppress(ReadError):
            parse_record(raw, "f", "f", 1)
