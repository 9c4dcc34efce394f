"""Issue 7, bad input: every case gives one clear line (file, what is wrong, what was done), and
one bad file never stops the others."""

from __future__ import annotations

import codecs
import json
import unicodedata
from pathlib import Path

import pytest

import civickg.read as read
from civickg.model import Article, ReadError
from civickg.read import iter_articles
from civickg.read.errors import DuplicateArticle, NotVietnamese, TooLarge, kind_of

GOOD = ("Thành ủy Cần Thơ sơ kết Nghị quyết về khoa học và công nghệ\n00:05 - 08/10/2019\n\n"
        "(TGCT) Ngày 08/10/2019, Thành ủy Cần Thơ tổ chức Hội nghị sơ kết 03 năm thực hiện "
        "Nghị quyết số 02-NQ/TU. Đồng chí Phạm Văn Hiểu, Phó Bí thư Thường trực Thành ủy,\n"
        "chủ trì hội nghị.\n\nCác đồng chí chủ trì hội nghị.\n\nTin, ảnh: Duy Thiên\n\n27\n")
ENGLISH = ("Can Tho Party Committee reviews science resolution\n08/10/2019\n\n"
           "The city Party Committee held a conference on Tuesday to review three years of the "
           "resolution on science and technology. It was chaired by the deputy secretary, who "
           "said that the city has made progress and that the agencies will have to do more in "
           "the coming years to bring science into the work of the government.\n")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(200)


def _cp1258(text: str) -> bytes:
    out = bytearray()
    for c in text:
        try:
            out += c.encode("cp1258")
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", c)
            tones = "".join(m for m in d if m in "\u0300\u0301\u0303\u0309\u0323")
            out += (unicodedata.normalize("NFC", d.replace(tones, "") if tones else d)
                    + tones).encode("cp1258")
    return bytes(out)


def _read_one(tmp_path: Path, name: str, data: bytes) -> Article | ReadError:
    f = tmp_path / name
    f.write_bytes(data)
    (item,) = iter_articles([str(f)])
    return item


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"\n \r\n\t\n", "file holds only whitespace"),
        ("binary.txt", bytes(range(256)) * 40, "binary file (control bytes), not a text article"),
        ("photo.txt", PNG, "binary file: a PNG image, not a text article"),
        ("no-title.txt", b"08/10/2019\n\n(TGCT) Ngay 8-10.\n",
         "no title: the first line is a time line; skipped"),
        ("no-body.txt", "Tiêu đề bài viết\n08/10/2019\n".encode(),
         "no body: the article has a title and no text; skipped"),
        ("english.txt", ENGLISH.encode(),
         "article is in English (44% English function words), not Vietnamese; skipped"),
        ("unknown.txt", "Straße grüßt Äpfel öfter über Müller".encode("latin-1"),
         "not UTF-8, UTF-16, Windows-1258, TCVN3 or VNI: unknown encoding, skipped"),
        ("404.html", b"<html><head><title>404 Not Found</title></head><body><h1>404 Not Found"
         b"</h1></body></html>", "HTML error page (“404 Not Found”), not an article; skipped"),
        ("login.html", "<html><head><title>Đăng nhập hệ thống</title></head><body><form><input "
         "type=password></form></body></html>".encode(),
         "HTML login wall (“Đăng nhập hệ thống”), not an article; skipped"),
    ],
)
def test_refused_with_one_clear_line(tmp_path: Path, name: str, data: bytes,
                                     message: str) -> None:
    item = _read_one(tmp_path, name, data)
    assert isinstance(item, ReadError)
    assert str(item) == f"{tmp_path / name}: {message}"
    assert "\n" not in str(item)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("nfd.txt", unicodedata.normalize("NFD", GOOD).encode()),
        ("cp1258.txt", _cp1258(GOOD)),
        ("utf16.txt", GOOD.encode("utf-16")),
        ("bom.txt", codecs.BOM_UTF8 + GOOD.encode()),
        ("crlf.txt", GOOD.replace("\n", "\r\n").encode()),
        ("eth.txt", GOOD.replace("Đ", "\u00d0").encode()),
    ],
)
def test_read_the_same_as_clean_utf8(tmp_path: Path, name: str, data: bytes) -> None:
    item = _read_one(tmp_path, name, data)
    assert isinstance(item, Article), item
    clean = _read_one(tmp_path / "..", "clean-" + name, GOOD.encode())
    assert isinstance(clean, Article)
    assert item.text == clean.text
    assert (item.title, item.published, item.source, item.authors) == (
        clean.title, clean.published, clean.source, clean.authors)
    assert [item.quote(p) for p in item.paragraphs] == [clean.quote(p) for p in clean.paragraphs]


def test_legacy_font_encodings(tmp_path: Path) -> None:
    from civickg.read.legacy import TCVN3, VNI

    tcvn = {v: k for k, v in TCVN3.items()}
    vni = {v: k for k, v in VNI.items()}
    good = GOOD.lower()
    a = _read_one(tmp_path, "tcvn3.txt", "".join(tcvn.get(c, c) for c in good).encode("latin-1"))
    assert isinstance(a, Article) and a.title == good.split("\n")[0]
    b = _read_one(tmp_path, "vni.txt", "".join(vni.get(c, c) for c in GOOD).encode("latin-1"))
    assert isinstance(b, Article) and b.title == GOOD.split("\n")[0]
    assert b.authors == ["Duy Thiên"]


def test_no_date_is_read_without_one(tmp_path: Path) -> None:
    item = _read_one(tmp_path, "nodate.txt", GOOD.replace("00:05 - 08/10/2019\n", "").encode())
    assert isinstance(item, Article) and item.published is None


def test_fifty_megabyte_file_is_refused_unread(tmp_path: Path) -> None:
    f = tmp_path / "huge.txt"
    with f.open("wb") as out:
        line = ("Thành ủy Cần Thơ tổ chức hội nghị sơ kết. " * 40 + "\n").encode()
        for _ in range(50 * 2**20 // len(line) + 1):
            out.write(line)
    (item,) = iter_articles([str(f)])
    assert isinstance(item, TooLarge) and kind_of(item) == "too-large"
    assert f.stat().st_size > 50 * 2**20
    assert str(item) == f"{f}: file is 50 MB, over the 5 MB limit for one article; skipped unread"


def test_duplicate_under_two_names(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(GOOD.replace("\n", "\r\n").encode("utf-16"))
    got = list(iter_articles([str(tmp_path)]))
    assert isinstance(got[0], Article)
    assert isinstance(got[1], DuplicateArticle) and kind_of(got[1]) == "duplicate"
    assert str(got[1]) == f"{tmp_path / 'b.txt'}: duplicate of {tmp_path / 'a.txt'} (same text); " \
                          "skipped"


def test_same_bytes_same_content_hash(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "y.txt").write_text(GOOD, encoding="utf-8")
    a = next(iter_articles([str(tmp_path / "x" / "a.txt")]))
    b = next(iter_articles([str(tmp_path / "y.txt")]))
    assert isinstance(a, Article) and isinstance(b, Article)
    assert a.content_hash == b.content_hash


def test_english_is_its_own_kind(tmp_path: Path) -> None:
    item = _read_one(tmp_path, "en.txt", ENGLISH.encode())
    assert isinstance(item, NotVietnamese) and kind_of(item) == "language"


def test_one_bad_file_never_stops_the_others(tmp_path: Path) -> None:
    (tmp_path / "1-empty.txt").write_bytes(b"")
    (tmp_path / "2-image.txt").write_bytes(PNG)
    (tmp_path / "3-good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "4-broken.jsonl").write_text(
        '{"title": "A", "text": \n' + json.dumps({"title": "B", "text": "(CTO)- Nội dung B."},
                                                 ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp_path / "5-404.html").write_text("<title>404</title><h1>404</h1>", encoding="utf-8")
    got = list(iter_articles([str(tmp_path)]))
    assert [type(g).__name__ for g in got] == ["ReadError", "ReadError", "Article", "ReadError",
                                               "Article", "ReadError"]
    assert [kind_of(g) for g in got if isinstance(g, ReadError)] == ["unreadable"] * 4


def test_limit_is_configurable_for_tests(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read, "MAX_ARTICLE_BYTES", 100)
    item = _read_one(tmp_path, "big.txt", GOOD.encode())
    assert str(item).endswith("over the 100 bytes limit for one article; skipped unread")
