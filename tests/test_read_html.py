"""HTML pages saved from a news site."""

from __future__ import annotations

from pathlib import Path

import pytest

from civickg.model import Article, ReadError
from civickg.read import iter_articles
from civickg.read.html import parse_html_article

PAGE = """<!DOCTYPE html>
<html lang="vi"><head>
<meta charset="utf-8">
<title>Hội nghị sơ kết công tác xây dựng Đảng - Báo Cần Thơ</title>
<meta property="og:title" content="Hội nghị sơ kết công tác xây dựng Đảng 6 tháng đầu năm">
<meta property="og:url" content="https://example.vn/og-url.html">
<meta property="article:published_time" content="2020-08-26T16:30:00+07:00">
<link rel="canonical" href="https://baocantho.example.vn/hoi-nghi-so-ket-a123.html">
<style>p { color: red }</style>
<script>var x = "<p>không phải nội dung</p>";</script>
</head><body>
<header><nav><a href="/">Trang chủ</a> <a href="/thoi-su">Thời sự</a></nav>
<div class="top-date">Thứ Hai, 31/08/2020</div></header>
<div class="breadcrumb"><a>Thời sự</a> › <a>Chính trị</a></div>
<article class="detail">
  <h1 class="title">Hội nghị sơ kết công tác xây dựng Đảng 6 tháng đầu năm</h1>
  <div class="date">Thứ Tư, 26/08/2020 - 16:30</div>
  <div class="social-share"><a>Chia sẻ</a> <a>Facebook</a> <a>Zalo</a></div>
  <div class="content-detail">
    <p><strong>(CTO)- Chiều 26-8</strong>, Thành ủy Cần Thơ tổ chức hội nghị sơ kết công tác
    xây dựng Đảng 6 tháng đầu năm 2020. Đồng chí <a href="/tag/an">Nguyễn Văn An</a>, Phó Bí
    thư Thành ủy, chủ trì hội nghị.</p>
    <figure><img src="a.jpg"><figcaption>Quang cảnh hội nghị.</figcaption></figure>
    <p>Các đại biểu đã thảo luận và thống nhất nhiều giải pháp cho những tháng cuối năm.<br>
    Hội nghị kết thúc trong cùng ngày.</p>
    <p class="author">Tin, ảnh: Duy Thiên</p>
  </div>
  <div class="box-tinlienquan"><h3>Tin liên quan</h3><ul><li>Bài khác 1</li></ul></div>
</article>
<aside><p>Quảng cáo bên cạnh</p></aside>
<footer><p>Bản quyền thuộc Báo Cần Thơ</p></footer>
</body></html>
"""


def test_news_page() -> None:
    a = parse_html_article(PAGE, "p.html", "p")
    assert a.title == "Hội nghị sơ kết công tác xây dựng Đảng 6 tháng đầu năm"
    assert a.published == "2020-08-26T16:30"
    assert a.source == "CTO"
    assert a.authors == ["Duy Thiên"]
    assert a.url == "https://baocantho.example.vn/hoi-nghi-so-ket-a123.html"
    paras = [a.quote(p) for p in a.paragraphs]
    assert paras[0].startswith("(CTO)- Chiều 26-8, Thành ủy Cần Thơ tổ chức hội nghị")
    assert "Đồng chí Nguyễn Văn An, Phó Bí thư Thành ủy, chủ trì hội nghị." in paras[0]
    assert "Quang cảnh hội nghị." in paras
    assert "Hội nghị kết thúc trong cùng ngày." in paras
    for junk in ["Trang chủ", "Chia sẻ", "Tin liên quan", "Quảng cáo", "Bản quyền", "không phải",
                 "color", "31/08/2020", "Thời sự"]:
        assert junk not in a.text, junk
    # the rendering is the raw text: offsets stay meaningful
    assert a.raw.startswith(a.title + "\n16:30 - 26/08/2020\n")
    r = a.to_raw(a.paragraphs[1])
    assert a.raw[r.start : r.end] == paras[1]


def test_fallbacks_h1_time_tag_and_printed_date() -> None:
    page = """<html><head><title>Kỳ họp thứ 18 HĐND tỉnh | Báo Hậu Giang</title></head><body>
    <main><h1>Ông Đồng Văn Thanh được bầu giữ chức Chủ tịch UBND tỉnh</h1>
    <time datetime="2020-11-10T15:40">10/11/2020</time>
    <p>(HG) - Ngày 10-11, HĐND tỉnh Hậu Giang tổ chức kỳ họp thứ 18 để kiện toàn chức danh.</p>
    <p>PHƯƠNG NGHI</p></main></body></html>"""
    a = parse_html_article(page, "p.html", "p")
    assert a.title == "Ông Đồng Văn Thanh được bầu giữ chức Chủ tịch UBND tỉnh"
    assert a.published == "2020-11-10T15:40"
    assert a.authors == ["Phương Nghi"]
    assert a.source == "HG"

    page2 = """<html><head><title>Kỳ họp thứ 18 HĐND tỉnh Trà Vinh | Báo Trà Vinh</title></head>
    <body><div id="content"><span class="post-date">Thứ Tư, 09/12/2020 - 18:20</span>
    <p>Ngày 9-12, tại kỳ họp thứ 18, HĐND tỉnh Trà Vinh thông qua nhiều nghị quyết.</p>
    </div></body></html>"""
    b = parse_html_article(page2, "q.html", "q")
    assert b.title == "Kỳ họp thứ 18 HĐND tỉnh Trà Vinh"
    assert b.published == "2020-12-09T18:20"
    assert b.url is None


def test_json_ld_date_and_author() -> None:
    page = """<html><head><script type="application/ld+json">
    {"@context": "https://schema.org", "@graph": [{"@type": "NewsArticle",
     "headline": "Tiêu đề", "datePublished": "2025-01-17T11:30:00Z",
     "author": {"@type": "Person", "name": "Ngọc Trâm"}}]}</script>
    <meta property="og:title" content="Đồng chí Đỗ Thanh Bình giữ chức Bí thư Thành ủy">
    </head><body><article><p>(CTO)- Chiều 17-1, tại Hội trường Thành ủy Cần Thơ đã diễn ra
    hội nghị công bố các quyết định nhân sự.</p></article></body></html>"""
    a = parse_html_article(page, "p.html", "p")
    assert a.published == "2025-01-17T18:30"
    assert a.authors == ["Ngọc Trâm"]


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("<html><head><title>404 - Không tìm thấy trang</title></head><body><h1>Không tìm "
         "thấy trang</h1><p>Trang bạn tìm không tồn tại.</p></body></html>",
         "e.html: HTML error page (“Không tìm thấy trang”), not an article; skipped"),
        ("<html><head><title>Page not found</title></head><body><p>Sorry.</p></body></html>",
         "e.html: HTML error page (“Page not found”), not an article; skipped"),
        ("<html><head><title>Đăng nhập</title></head><body><form><input name=u>"
         "<input type=password name=p></form><p>Vui lòng đăng nhập để đọc tiếp.</p></body>"
         "</html>", "e.html: HTML login wall (“Đăng nhập”), not an article; skipped"),
        ("<html><head><title>Báo Cần Thơ</title></head><body><div><input type='password'>"
         "</div></body></html>",
         "e.html: HTML login wall (“a password form”), not an article; skipped"),
        ("<html><head><meta property='og:title' content='Tiêu đề bài viết'></head><body>"
         "<nav>Trang chủ</nav></body></html>",
         "e.html: no body: the article has a title and no text; skipped"),
        ("<html><body><p>Đoạn văn không có tiêu đề nào cả.</p></body></html>",
         "e.html: no title: the page has no og:title, h1 or <title>; skipped"),
    ],
)
def test_pages_that_are_not_articles(page: str, message: str) -> None:
    with pytest.raises(ReadError) as e:
        parse_html_article(page, "e.html", "e")
    assert str(e.value) == message


def test_a_real_article_about_404_cases_is_read() -> None:
    body = "<p>" + "Tỉnh phát hiện 404 trường hợp vi phạm trong năm, tăng so với năm trước. " * 12
    page = f"<html><head><title>Phát hiện 404 trường hợp vi phạm</title></head><body>{body}"
    a = parse_html_article(page + "</p></body></html>", "p.html", "p")
    assert a.title == "Phát hiện 404 trường hợp vi phạm"


def test_html_file_through_iter_articles(tmp_path: Path) -> None:
    (tmp_path / "trang.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "page-cp1258.htm").write_bytes(
        PAGE.replace("Tin, ảnh: Duy Thiên", "KIM NGÂN").encode("utf-8"))
    got = list(iter_articles([str(tmp_path)]))
    assert all(isinstance(a, Article) for a in got), got
    by_id = {a.article_id: a for a in got if isinstance(a, Article)}
    assert set(by_id) == {"trang", "page-cp1258"}
    assert by_id["trang"].path == str(tmp_path / "trang.html")
    assert by_id["page-cp1258"].authors == ["Kim Ngân"]


def test_xml_declaration_and_deep_nesting() -> None:
    deep = "<div>" * 3000 + "<p>(CTO)- Nội dung sâu.</p>" + "</div>" * 3000
    page = f'<?xml version="1.0" encoding="utf-8"?><html><head><title>Tiêu đề</title></head>' \
           f"<body>{deep}</body></html>"
    try:
        a = parse_html_article(page, "d.html", "d")
    except ReadError as e:  # libxml2 may refuse the depth: then a clear error, never a crash
        assert str(e).startswith("d.html: ")
    else:
        assert a.title == "Tiêu đề"
