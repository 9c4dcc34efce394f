"""JSON Lines: one article per line."""

from __future__ import annotations

import json
from pathlib import Path

from civickg.model import Article, ReadError
from civickg.read import iter_articles
from civickg.read.jsonl import url_slug

TEXT = ("(STO) - Ngày 25/5, UBND tỉnh Sóc Trăng tổ chức trao quyết định nhân sự cho hai cán bộ.\n\n"
        "Ông Lê Văn Hiểu, Phó Chủ tịch UBND tỉnh, dự và trao quyết định.\n\nKIM NGÂN")


def record(**kw: object) -> str:
    base: dict[str, object] = {"title": "Trao quyết định nhân sự", "published": "2020-05-25",
                               "text": TEXT}
    base.update(kw)
    return json.dumps(base, ensure_ascii=False)


def test_lines_become_articles(tmp_path: Path) -> None:
    f = tmp_path / "batch.jsonl"
    lines = [
        record(url="https://www.soctrang.example.vn/wps/portal/tin-tuc/trao-quyet-dinh-nhan-su.html"),
        "",
        record(title="Bài thứ hai", published="2020-05-26T09:30:00+07:00", source="STO",
               text="Ngày 26/5, Tỉnh ủy tổ chức hội nghị.", authors=["Hồng Vân"]),
    ]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    got = list(iter_articles([str(f)]))
    assert all(isinstance(a, Article) for a in got), got
    a, b = got
    assert isinstance(a, Article) and isinstance(b, Article)
    assert a.article_id == "trao-quyet-dinh-nhan-su"
    assert a.path == f"{f}#1"
    assert a.title == "Trao quyết định nhân sự"
    assert a.published == "2020-05-25"
    assert a.source == "STO"
    assert a.authors == ["Kim Ngân"]
    assert a.url.endswith("trao-quyet-dinh-nhan-su.html")
    assert b.article_id == "batch-3"
    assert b.published == "2020-05-26T09:30"
    assert b.source == "STO"  # from the field: the text has no outlet tag
    assert b.authors == ["Hồng Vân"]
    assert a.content_hash != b.content_hash


def test_a_broken_line_is_reported_and_the_others_read(tmp_path: Path) -> None:
    f = tmp_path / "b.jsonl"
    f.write_text("\n".join([
        record(title="Một"),
        '{"title": "Hai", "text": "thiếu ngoặc"',
        "[1, 2]",
        record(title="Ba", text=""),
        json.dumps({"text": "không tiêu đề"}),
        record(title="Sáu", text=7),
        record(title="Bảy", text="Nội dung khác hẳn của bài bảy."),
    ]) + "\n", encoding="utf-8")
    got = list(iter_articles([str(f)]))
    assert [a.title for a in got if isinstance(a, Article)] == ["Một", "Bảy"]
    assert [str(e) for e in got if isinstance(e, ReadError)] == [
        f"{f}#2: line 2 is not valid JSON (Expecting ',' delimiter at column 39); line skipped",
        f"{f}#3: line 3 is a JSON list, not an object with title and text; line skipped",
        f"{f}#4: line 4 has no text (no body); line skipped",
        f"{f}#5: line 5 has no title; line skipped",
        f"{f}#6: field 'text' is int, not text; line skipped",
    ]


def test_too_long_line_is_skipped_with_bounded_memory(tmp_path: Path, monkeypatch) -> None:
    import civickg.read as read

    monkeypatch.setattr(read, "MAX_ARTICLE_BYTES", 1000)
    f = tmp_path / "big.jsonl"
    f.write_text(record(title="Dài", text="chữ " * 2000) + "\n" + record(title="Ngắn") + "\n",
                 encoding="utf-8")
    got = list(iter_articles([str(f)]))
    assert str(got[0]) == (
        f"{f}#1: line 1 is over 1000 bytes, the limit for one article; line skipped"
    )
    assert isinstance(got[1], Article) and got[1].title == "Ngắn"


def test_url_slug() -> None:
    assert url_slug("https://x.vn/a/b/dong-chi-do-thanh-binh-123.html") == \
        "dong-chi-do-thanh-binh-123"
    assert url_slug("https://x.vn/tin/Đồng chí Bình.aspx?id=1") == "dong-chi-binh"
    assert url_slug("https://x.vn/") is None


def test_hostile_json_lines(tmp_path: Path) -> None:
    f = tmp_path / "h.jsonl"
    f.write_text("1" * 5000 + "\n" + "[" * 100_000 + "\n", encoding="utf-8")
    got = [str(e) for e in iter_articles([str(f)])]
    assert got[0].startswith(f"{f}#1: line 1 is JSON that cannot be read (Exceeds the limit")
    assert got[1] == f"{f}#2: line 2 is JSON nested too deeply; line skipped"
