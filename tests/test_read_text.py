"""Plain-text articles: time lines, outlet tags, bylines, counters, paragraphs."""

from __future__ import annotations

import pytest

from civickg.model import ReadError
from civickg.read.dates import parse_published, parse_timeline
from civickg.read.errors import NotVietnamese
from civickg.read.text import parse_byline, parse_text_article

BODY = (
    "(CTO)- Chiều 26-8, Thành ủy Cần Thơ tổ chức hội nghị sơ kết công tác xây dựng Đảng "
    "6 tháng đầu năm 2020. Đồng chí Nguyễn Văn An, Phó Bí thư Thành ủy,\n"
    "chủ trì hội nghị.\n\n"
    "Quang cảnh hội nghị.\n\n"
    "Các đại biểu đã thảo luận và thống nhất nhiều giải pháp cho những tháng cuối năm.\n"
)


def article(timeline: str = "Thứ Hai, 26/08/2020 - 16:30", tail: str = "Tin, ảnh: Duy Thiên"):
    head = "Hội nghị sơ kết công tác xây dựng Đảng 6 tháng đầu năm\n"
    if timeline:
        head += timeline + "\n"
    return parse_text_article(f"{head}\n{BODY}\n{tail}\n", "a.txt", "a")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("00:05 - 08/10/2019", "2019-10-08T00:05"),
        ("16:30, 18/01/2020", "2020-01-18T16:30"),
        ("Thứ Hai, 25/05/2020", "2020-05-25"),
        ("26/08/2020 16:30", "2020-08-26T16:30"),
        ("Thứ Hai, 26/08/2020 - 16:30", "2020-08-26T16:30"),
        ("Thứ hai, 26 Tháng 10 2020 14:49", "2020-10-26T14:49"),
        ("THỨ BA, 10/11/2020 | 15h40", "2020-11-10T15:40"),
        ("Chủ nhật, 27-9-2020", "2020-09-27"),
        ("Cập nhật: 10:20 ngày 26/08/2020 (GMT+7)", "2020-08-26T10:20"),
        ("26-08-2020 16:30:45", "2020-08-26T16:30"),
        ("08/10/2019", "2019-10-08"),
        ("2020-08-26 16:30", "2020-08-26T16:30"),
    ],
)
def test_time_line_forms(line: str, expected: str) -> None:
    assert parse_timeline(line) == expected
    assert article(line).published == expected


@pytest.mark.parametrize(
    "line", ["Ngày 08/10/2019, Thành ủy tổ chức hội nghị", "31/02/2020", "Thứ Hai", "x" * 500]
)
def test_not_time_lines(line: str) -> None:
    assert parse_timeline(line) is None


def test_published_metadata_is_vietnam_time() -> None:
    assert parse_published("2020-08-26T09:30:00Z") == "2020-08-26T16:30"
    assert parse_published("2020-08-26T16:30:00+07:00") == "2020-08-26T16:30"
    assert parse_published("2020-08-26") == "2020-08-26"
    assert parse_published("not a date") is None


def test_no_time_line_means_no_date() -> None:
    a = article(timeline="")
    assert a.published is None
    assert a.quote(a.paragraphs[0]).startswith("(CTO)- Chiều 26-8")


@pytest.mark.parametrize(
    ("lead", "source"),
    [("(TGCT) Ngày 8-10", "TGCT"), ("(CTO)- Chiều 26-8", "CTO"), ("(STO) - Ngày 25/5", "STO"),
     ("(Chinhphu.vn) - Sáng 2-9", "Chinhphu.vn"), ("TTO - Sáng 2-9", "TTO"),
     ("Ngày 9-12, tại kỳ họp", None)],
)
def test_outlet_tags(lead: str, source: str | None) -> None:
    raw = f"Tiêu đề bài viết về kỳ họp\n26/08/2020 16:30\n\n{lead}, HĐND tỉnh họp phiên bế mạc.\n"
    assert parse_text_article(raw, "a.txt", "a").source == source


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("Tin, ảnh: Duy Thiên", ["Duy Thiên"]),
        ("Thực hiện: ANH DŨNG - QUÁCH HÙNG", ["Anh Dũng", "Quách Hùng"]),
        ("KIM NGÂN", ["Kim Ngân"]),
        ("TUẤN KIỆT (tổng hợp)", ["Tuấn Kiệt"]),
        ("Cẩm Tú (tổng hợp)", ["Cẩm Tú"]),
        ("Bài và ảnh: Hồng Vân, Minh Huy", ["Hồng Vân", "Minh Huy"]),
        ("Quang cảnh hội nghị.", None),
        ("Đại biểu tham dự hội nghị", None),
        ("Mai Văn Bảo", ["Mai Văn Bảo"]),
        ("Thanh Trúc - Nguyễn Vinh", ["Thanh Trúc", "Nguyễn Vinh"]),
        ("Nhật Hào - Minh Trí/THVL", ["Nhật Hào", "Minh Trí"]),
        ("Thu Hoài (theo Ban Tổ chức Tỉnh ủy Hưng Yên)", ["Thu Hoài"]),
        ("Tin: Ngọc Bích; ảnh: Hải Đăng", ["Ngọc Bích", "Hải Đăng"]),
        ("Thanh Nhàn", ["Thanh Nhàn"]),  # a ward's name too, but not a province
        ("Cần Thơ", None),
        ("Ban Tuyên giáo Tỉnh ủy", None),
    ],
)
def test_bylines(line: str, authors: list[str] | None) -> None:
    assert parse_byline(line) == authors


@pytest.mark.parametrize("counter", ["27", "112", "1.234", "Lượt xem: 1.520"])
def test_trailing_counters_are_dropped(counter: str) -> None:
    a = article(tail=f"Tin, ảnh: Duy Thiên\n\n{counter}")
    assert a.authors == ["Duy Thiên"]
    assert counter not in a.body


def test_byline_in_capitals_on_the_last_line() -> None:
    a = article(tail="THỰC HIỆN: NGỌC TRÂM - GIA KHÁNH")
    assert a.authors == ["Ngọc Trâm", "Gia Khánh"]
    assert "NGỌC" not in a.body


def test_paragraphs_join_a_line_broken_mid_sentence() -> None:
    a = article()
    paras = [a.quote(p) for p in a.paragraphs]
    assert len(paras) == 3
    assert paras[0].endswith("Phó Bí thư Thành ủy, chủ trì hội nghị.")
    assert "\n" not in paras[0]
    assert paras[1] == "Quang cảnh hội nghị."  # a caption is a paragraph of its own
    assert a.body_span.start == a.paragraphs[0].start
    assert a.body_span.end == a.paragraphs[-1].end


def test_single_newline_paragraphs_stay_apart() -> None:
    raw = ("Tiêu đề bài viết\n26/08/2020 16:30\n(CTO)- Câu thứ nhất của bài.\n"
           "Câu thứ hai là đoạn mới.\nvà dòng này nối tiếp đoạn trên.\n")
    a = parse_text_article(raw, "a.txt", "a")
    assert [a.quote(p) for p in a.paragraphs] == [
        "(CTO)- Câu thứ nhất của bài.",
        "Câu thứ hai là đoạn mới. và dòng này nối tiếp đoạn trên.",
    ]


def test_spans_map_back_to_the_source() -> None:
    raw = ("Tiêu đề\r\n26/08/2020 16:30\r\n\r\n(CTO)- Ông Nguyễn\u00a0Văn  An phát biểu,\r\n"
           "chỉ đạo hội nghị.\r\n")
    a = parse_text_article(raw, "a.txt", "a")
    p = a.paragraphs[0]
    assert a.quote(p) == "(CTO)- Ông Nguyễn Văn An phát biểu, chỉ đạo hội nghị."
    r = a.to_raw(p)
    assert " ".join(a.raw[r.start : r.end].split()) == a.quote(p)
    assert a.quote(a.title_span) == a.title == "Tiêu đề"


def test_title_broken_over_two_lines() -> None:
    raw = "Thông báo kết quả Hội nghị Trung ương 5;\ntổng kết Nghị quyết số 03-NQ/TU\n" \
          "17:20 - 11/05/2022\n\n(TGCT) Ngày 11/5/2022, Thành ủy tổ chức hội nghị.\n"
    a = parse_text_article(raw, "a.txt", "a")
    assert a.title == "Thông báo kết quả Hội nghị Trung ương 5; tổng kết Nghị quyết số 03-NQ/TU"
    assert a.published == "2022-05-11T17:20"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("08/10/2019\n\nNội dung bài viết.\n", "a.txt: no title: the first line is a time line; "
         "skipped"),
        ("(TGCT) Ngày 8-10, Thành ủy họp.\nNội dung.\n",
         "a.txt: no title: the first line is the lead (starts with the outlet tag (TGCT)); "
         "skipped"),
        ("Tiêu đề bài viết\n08/10/2019\n", "a.txt: no body: the article has a title and no "
         "text; skipped"),
        ("Tiêu đề bài viết\n", "a.txt: no body: the article has a title and no text; skipped"),
        (" \n\u200b\n", "a.txt: empty article: no text after decoding"),
    ],
)
def test_unreadable_articles(raw: str, message: str) -> None:
    with pytest.raises(ReadError) as e:
        parse_text_article(raw, "a.txt", "a")
    assert str(e.value) == message


def test_a_long_first_line_is_no_title() -> None:
    with pytest.raises(ReadError, match=r"no title: the first line has 400 characters"):
        parse_text_article("x" * 400 + "\nthân bài\n", "a.txt", "a")


def test_english_article_is_refused() -> None:
    body = ("The provincial Party Committee held a meeting on Monday to review the work of the "
            "first six months of the year, and the delegates said that the results were good. "
            "It was chaired by the secretary, who also spoke about the plans for the rest of "
            "the year and the tasks that have to be done by all of the agencies.")
    with pytest.raises(NotVietnamese) as e:
        parse_text_article(f"Party Committee reviews work\n26/08/2020\n\n{body}\n", "e.txt", "e")
    assert str(e.value).startswith("e.txt: article is in English (")
    assert str(e.value).endswith("English function words), not Vietnamese; skipped")


def test_vietnamese_without_diacritics_is_read() -> None:
    body = ("Chieu 26-8, Thanh uy Can Tho to chuc hoi nghi so ket cong tac xay dung Dang 6 thang "
            "dau nam. Dong chi Nguyen Van An, Pho Bi thu Thanh uy, chu tri hoi nghi. Cac dai "
            "bieu da thao luan va thong nhat nhieu giai phap cho nhung thang cuoi nam nay.")
    a = parse_text_article(f"Hoi nghi so ket\n26/08/2020\n\n{body}\n", "a.txt", "a")
    assert a.published == "2020-08-26"
