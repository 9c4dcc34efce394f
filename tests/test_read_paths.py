"""What the paths name: files, directories, globs, standard input; and the shared corpus."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from civickg.model import Article, ReadError
from civickg.read import iter_articles

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
ARTICLE = ("Hội nghị sơ kết công tác xây dựng Đảng\n26/08/2020 16:30\n\n"
           "(CTO)- Chiều 26-8, Thành ủy Cần Thơ tổ chức hội nghị sơ kết.\n\nHỒNG VÂN\n")


def _tree(tmp_path: Path) -> Path:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a" / "b" / "two.txt").write_text(ARTICLE.replace("26-8", "27-8"), "utf-8")
    (tmp_path / "a" / "b" / "three.htm").write_text(
        "<html><head><title>Ba</title></head><body><p>(CTO)- Đoạn văn thứ ba.</p></body></html>",
        encoding="utf-8")
    (tmp_path / "a" / "notes.md").write_text("# không phải bài", encoding="utf-8")
    (tmp_path / "a" / ".hidden.txt").write_text(ARTICLE + "ẩn", encoding="utf-8")
    return tmp_path / "a"


def test_directory_recursive_with_article_suffixes(tmp_path: Path) -> None:
    got = list(iter_articles([str(_tree(tmp_path))]))
    assert sorted(a.article_id for a in got if isinstance(a, Article)) == ["one", "three", "two"]


def test_file_and_glob(tmp_path: Path) -> None:
    d = _tree(tmp_path)
    assert [a.article_id for a in iter_articles([str(d / "one.txt")])] == ["one"]
    got = list(iter_articles([str(d / "**" / "*.txt")]))
    assert sorted(a.article_id for a in got) == ["one", "two"]


def test_a_missing_path_does_not_stop_the_others(tmp_path: Path) -> None:
    d = _tree(tmp_path)
    got = list(iter_articles([str(tmp_path / "nope"), str(d / "one.txt")]))
    assert str(got[0]) == f"{tmp_path / 'nope'}: no such file, directory or matching glob"
    assert isinstance(got[1], Article)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (ARTICLE, "text"),
        ("<!DOCTYPE html><html><head><title>Tiêu đề</title></head><body><p>(CTO)- Nội dung."
         "</p></body></html>", "html"),
        (json.dumps({"title": "Tiêu đề", "text": "(CTO)- Nội dung."}, ensure_ascii=False)
         + "\n", "jsonl"),
    ],
)
def test_standard_input_is_sniffed(data: str, kind: str) -> None:
    code = ("from civickg.read import iter_articles\n"
            "for a in iter_articles(['-']):\n"
            "    print(type(a).__name__, a.path, a.article_id, a.source)\n")
    out = subprocess.run([sys.executable, "-c", code], input=data.encode(), capture_output=True,
                         check=True, timeout=60).stdout.decode()
    expected_path = "-#1" if kind == "jsonl" else "-"
    assert out.split() == ["Article", expected_path, "stdin-1" if kind == "jsonl" else "stdin",
                           "CTO"]


def test_content_hash_is_of_the_bytes(tmp_path: Path) -> None:
    import hashlib

    f = tmp_path / "x.txt"
    f.write_bytes(ARTICLE.encode("utf-8"))
    (a,) = iter_articles([str(f)])
    assert isinstance(a, Article)
    assert a.content_hash == hashlib.sha256(ARTICLE.encode("utf-8")).hexdigest()


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus not present")
def test_shared_corpus_matches_gold_metadata() -> None:
    got = list(iter_articles([str(CORPUS)]))
    errors = [str(e) for e in got if isinstance(e, ReadError)]
    assert not errors
    articles = {a.article_id: a for a in got if isinstance(a, Article)}
    golds = sorted(CORPUS.glob("*/*.facts.json"))
    assert golds
    for gold_path in golds:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        a = articles[gold_path.name.removesuffix(".facts.json")]
        assert (a.title, a.published, a.source, a.authors) == (
            gold["title"], gold["published"], gold["source"], gold["authors"]), gold_path.name
        assert a.paragraphs and all("\n" not in a.quote(p) for p in a.paragraphs)
        for p in a.paragraphs:
            r = a.to_raw(p)
            assert " ".join(a.raw[r.start : r.end].split()) == a.quote(p)
