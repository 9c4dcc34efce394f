"""Hand-built ArticleFacts (real dataclasses, no mocks) for the graph tests.

Three articles: two about Cần Thơ naming the same people and the same resolution, one about
Hậu Giang with a namesake and another ``02-NQ/TU``. The raw texts use CRLF, double spaces and
a decomposed (NFD) name so raw offsets differ from normalised ones.
"""

from __future__ import annotations

import hashlib
import socket
import unicodedata
from pathlib import Path

import httpx

from civickg.model import (
    Article,
    ArticleFacts,
    Document,
    Meeting,
    Office,
    Organization,
    Person,
    Place,
    Span,
)
from civickg.normalize import normalize_text

TCU = "Thành ủy Cần Thơ"
HDND = "Hội đồng nhân dân thành phố Cần Thơ"


def make_article(article_id: str, raw: str, published: str | None, **kw: object) -> Article:
    """An article as the reader makes it: title line, time line, then one paragraph a line
    (a line that is an author's name is the byline, not a paragraph)."""
    text, offsets = normalize_text(raw)
    title = text.split("\n", 1)[0]
    authors = kw.get("authors") or []
    paragraphs, start = [], 0
    for n, line in enumerate(text.split("\n")):
        if n >= 2 and line.strip() and line.strip() not in authors:
            paragraphs.append(Span(start, start + len(line)))
        start += len(line) + 1
    return Article(
        path=f"{article_id}.txt", article_id=article_id, raw=raw, text=text, offsets=offsets,
        title=title, title_span=Span(0, len(title)), body_span=Span(len(title) + 1, len(text)),
        published=published, content_hash=hashlib.sha256(raw.encode()).hexdigest(),
        paragraphs=paragraphs, **kw,
    )


def at(article: Article, phrase: str, nth: int = 0) -> Span:
    i = -1
    for _ in range(nth + 1):
        i = article.text.index(phrase, i + 1)
    return Span(i, i + len(phrase))


def article_a() -> ArticleFacts:
    raw = (
        "Sơ kết 03 năm thực hiện Nghị quyết 02-NQ/TU\r\n"
        "08/10/2019 00:05\r\n"
        "(TGCT) Sáng 8-10, Thành ủy Cần Thơ  tổ chức Hội nghị sơ kết 03 năm thực hiện "
        "Nghị quyết số 02-NQ/TU ngày 01-8-2016 của Thành ủy về phát triển khoa học và công nghệ. "
        "Đồng chí Phạm Văn Hiểu, Phó Bí thư Thường trực Thành ủy, Chủ tịch HĐND thành phố "
        "chủ trì hội nghị tại quận Ninh Kiều. Bà Trần Thị Hiếu, Giám đốc Sở Khoa học và "
        "Công nghệ, báo cáo.\r\nDuy Thiên\r\n"
    )
    a = make_article("2019-10-08-so-ket", raw, "2019-10-08T00:05", source="TGCT",
                     authors=["Duy Thiên"], url="https://example.org/a?id=1&x=2")
    sokhcn = "Sở Khoa học và Công nghệ thành phố Cần Thơ"
    return ArticleFacts(
        article=a,
        locality="Cần Thơ",
        persons=[
            Person("Phạm Văn Hiểu", [
                Office("Phó Bí thư Thường trực", TCU,
                       evidence=at(a, "Phạm Văn Hiểu, Phó Bí thư Thường trực Thành ủy")),
                Office("Chủ tịch", HDND, evidence=at(a, "Chủ tịch HĐND thành phố")),
            ], [at(a, "Phạm Văn Hiểu")]),
            Person("Trần Thị Hiếu", [Office("Giám đốc", sokhcn)], [at(a, "Trần Thị Hiếu")]),
        ],
        organizations=[
            Organization(TCU, "PartyCommittee", "Cần Thơ", mentions=[at(a, "Thành ủy Cần Thơ")]),
            Organization(HDND, "PeoplesCouncil", "Cần Thơ"),
            Organization(sokhcn, "Department", "Cần Thơ"),
        ],
        documents=[Document("Nghị quyết", "02-NQ/TU", "2016-08-01", TCU,
                            "phát triển khoa học và công nghệ",
                            at(a, "Nghị quyết số 02-NQ/TU ngày 01-8-2016"))],
        meetings=[Meeting("Hội nghị sơ kết", "2019-10-08", TCU, "Ninh Kiều",
                          chairs=["Phạm Văn Hiểu"], speakers=["Trần Thị Hiếu"],
                          participants=["Phạm Văn Hiểu", "Trần Thị Hiếu"],
                          documents=["02-NQ/TU"], evidence=at(a, "Hội nghị sơ kết 03 năm"))],
        places=[Place("Cần Thơ", "Province", "92", "legacy", mentions=[at(a, "Cần Thơ")]),
                Place("Ninh Kiều", "District", parent="Cần Thơ", mentions=[at(a, "Ninh Kiều")])],
    )


def article_b() -> ArticleFacts:
    hieu_nfd = unicodedata.normalize("NFD", "Phạm Văn Hiểu")
    raw = (
        "Khai mạc Kỳ họp thứ 12 HĐND thành phố\n"
        "26/08/2020\n"
        f"Sáng 26-8, HĐND thành phố Cần Thơ khai mạc Kỳ họp thứ 12. Ông {hieu_nfd}, "
        "Chủ tịch HĐND thành phố, chủ trì. Ông Nguyễn Văn Hiếu, nguyên Phó Chủ tịch "
        "UBND thành phố, dự. Kỳ họp xem xét việc thực hiện Nghị quyết 02-NQ/TU của Thành uỷ.\n"
    )
    b = make_article("2020-08-26-ky-hop", raw, "2020-08-26")
    return ArticleFacts(
        article=b,
        locality="Cần Thơ",
        persons=[
            Person("Phạm Văn Hiểu", [Office("Chủ tịch", HDND, evidence=at(b, "Chủ tịch HĐND"))],
                   [at(b, "Phạm Văn Hiểu")]),
            Person("Nguyễn Văn Hiếu", [
                Office("Phó Chủ tịch", "Ủy ban nhân dân thành phố Cần Thơ", "former",
                       at(b, "nguyên Phó Chủ tịch UBND thành phố")),
            ], [at(b, "Nguyễn Văn Hiếu")]),
        ],
        organizations=[Organization(HDND, "PeoplesCouncil", "Cần Thơ"),
                       Organization("Ủy ban nhân dân thành phố Cần Thơ", "PeoplesCommittee",
                                    "Cần Thơ"),
                       Organization("Thành uỷ Cần Thơ", "PartyCommittee", "Cần Thơ")],
        documents=[Document("Nghị quyết", "02-NQ/TU", "2016-08-01", "Thành uỷ Cần Thơ")],
        meetings=[Meeting("Kỳ họp thứ 12", "2020-08-26", HDND, None,
                          chairs=["Phạm Văn Hiểu"],
                          participants=["Phạm Văn Hiểu", "Nguyễn Văn Hiếu"],
                          documents=["02-NQ/TU"], evidence=at(b, "khai mạc Kỳ họp thứ 12"))],
        places=[Place("Cần Thơ", "Province", "92", "legacy")],
    )


def article_c() -> ArticleFacts:
    raw = (
        "Hội nghị Tỉnh ủy Hậu Giang\n"
        "10/05/2021 08:00\n"
        "Ông Phạm Văn Hiểu, Bí thư Tỉnh ủy Hậu Giang, chủ trì hội nghị quán triệt "
        "Nghị quyết 02-NQ/TU ngày 3-5-2021 của Tỉnh ủy.\n"
    )
    c = make_article("2021-05-10-hau-giang", raw, "2021-05-10T08:00")
    thg = "Tỉnh ủy Hậu Giang"
    return ArticleFacts(
        article=c,
        locality="Hậu Giang",
        persons=[Person("Phạm Văn Hiểu", [Office("Bí thư", thg, evidence=at(c, "Bí thư Tỉnh ủy"))],
                        [at(c, "Phạm Văn Hiểu")])],
        organizations=[Organization(thg, "PartyCommittee", "Hậu Giang")],
        documents=[Document("Nghị quyết", "02-NQ/TU", "2021-05-03", thg)],
        meetings=[Meeting("Hội nghị quán triệt", "2021-05-10", thg, None,
                          chairs=["Phạm Văn Hiểu"], participants=["Phạm Văn Hiểu"],
                          documents=["02-NQ/TU"])],
        places=[Place("Hậu Giang", "Province", "93", "legacy")],
    )


def sample_facts() -> list[ArticleFacts]:
    return [article_a(), article_b(), article_c()]


# -- stores -------------------------------------------------------------------------------------



REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "articles"
QUERIES = REPO / "examples" / "queries"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def clear_server(url: str) -> None:
    httpx.post(f"{url}/update", content=b"DROP SILENT ALL",
               headers={"Content-Type": "application/sparql-update"}).raise_for_status()
