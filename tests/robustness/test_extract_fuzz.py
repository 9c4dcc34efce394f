"""Issue 7 / issue 2: the extractor given arbitrary and article-like text never raises, and
every span it reports maps back through the offset map to the same words in the raw text.
Bounded in CI; CIVICKG_FUZZ_EXAMPLES raises the count for a longer run."""

from __future__ import annotations

import contextlib
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civickg.model import Article, ArticleFacts, ReadError, Span
from civickg.normalize import normalize_text
from civickg.pipeline import extract
from civickg.read.text import parse_text_article

EXAMPLES = int(os.environ.get("CIVICKG_FUZZ_EXAMPLES", "150"))
fuzz = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_PIECES = [
    "Phạm Văn Hiểu", "Lê Thị Hoà", "ông Hiểu", "đồng chí", ", ", "; ", ": ", ". ", "\n", "\n\n",
    "Phó Bí thư Thường trực", "Thành uỷ", "Tỉnh ủy", "HĐND", "UBND", "tỉnh", "thành phố", "TP.",
    "Cần Thơ", "Hậu Giang", "quận Ninh Kiều", "Ban Thường vụ", "Trưởng Ban Tổ chức T.Ư", "Chủ tịch",
    "nguyên", "Quyền", "Nghị quyết số 02-NQ/TU", "ngày 01/8/2016", "12/2019/NQ-HĐND", "của", "về",
    "Hội nghị", "kỳ họp thứ 18", "tại", "chủ trì", "phát biểu", "miễn nhiệm", "đối với", "giữ chức",
    "Chiều 26-8", "Sáng 2/9", "đường Trần Phú", "Chủ tịch Hồ Chí Minh", "(", ")", "ĐBSCL",
    "Vương quốc Campuchia", "<script>alert(1)</script>", "\u0301", "Ð", "x" * 40, "-", "/",
]
article_like = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=8)), max_size=80).map(" ".join)


def _spans(facts: ArticleFacts) -> list[Span]:
    out: list[Span] = []
    for p in facts.persons:
        out += p.mentions + [o.evidence for o in p.offices if o.evidence]
    for o in facts.organizations:
        out += o.mentions
    for pl in facts.places:
        out += pl.mentions
    out += [d.evidence for d in facts.documents if d.evidence]
    out += [m.evidence for m in facts.meetings if m.evidence]
    return out


def _check(article: Article) -> None:
    facts = extract(article)
    facts.to_json()
    for span in _spans(facts):
        assert 0 <= span.start <= span.end <= len(article.text)
        raw = article.to_raw(span)
        # The reader joins a paragraph's wrapped lines with a space, so compare word by word.
        assert normalize_text(article.raw[raw.start : raw.end])[0].split() == article.quote(span).split()


@fuzz
@given(st.text(max_size=400), article_like)
def test_extractor_never_raises_and_spans_map_back(title, body):
    raw = f"{title}\n26/08/2020 16:30\n\n(CTO)- {body}\n"
    with contextlib.suppress(ReadError):
        _check(parse_text_article(raw, "fuzz.txt", "fuzz"))


@fuzz
@given(article_like, article_like)
def test_article_like_text_in_nfd_and_crlf_gives_the_same_facts(lead, body):
    import unicodedata

    raw = f"Tin thời sự\n26/08/2020 16:30\n\n(CTO)- {lead}\n\n{body}\n"
    variant = unicodedata.normalize("NFD", raw).replace("\n", "\r\n")
    try:
        a, b = parse_text_article(raw, "a.txt", "a"), parse_text_article(variant, "b.txt", "b")
    except ReadError:
        return
    _check(b)
    assert extract(a).to_json() == extract(b).to_json()
