"""Issue 7: a corpus build reports each failed article on one line (file, what is wrong, what
was done), counts failures by kind, exits 1 if anything failed, and stops at the first failure
with ``--strict``; duplicates are reported and counted but are no failure; ``--validate``
keeps graphs that violate the shapes out of the store."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from graph_fixtures import EXAMPLES, article_a, free_port, sample_facts

from civickg.cli import cli
from civickg.cli._building import Builder
from civickg.model import Article, ArticleFacts
from civickg.registry import REGISTRY
from civickg.store import EmbeddedStore

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(200)
ENGLISH = ("Can Tho Party Committee reviews science resolution\n08/10/2019\n\n"
           "The city Party Committee held a conference on Tuesday to review three years of the "
           "resolution on science and technology. It was chaired by the deputy secretary, who "
           "said that the city has made progress and that the agencies will have to do more.\n")


def invoke(*args: str) -> tuple[int, str, list[str]]:
    r = CliRunner().invoke(cli, list(args))
    if r.exception and not isinstance(r.exception, SystemExit):
        raise r.exception
    return r.exit_code, r.stdout, r.stderr.splitlines()


def examples(dest: Path) -> list[Path]:
    dest.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copy(f, dest / f.name)) for f in sorted(EXAMPLES.glob("*.txt"))]


def stored_articles(store: Path) -> int:
    with EmbeddedStore(store) as s:
        return len(s.content_hashes())


def test_every_failure_on_one_line_counted_by_kind(tmp_path: Path) -> None:
    src = tmp_path / "in"
    good = examples(src)
    shutil.copy(good[0], src / "dup.txt")
    (src / "empty.txt").write_bytes(b"")
    (src / "photo.txt").write_bytes(PNG)
    (src / "english.txt").write_text(ENGLISH, encoding="utf-8")
    with (src / "huge.txt").open("wb") as f:
        f.write(good[0].read_bytes() * (6 * 2**20 // good[0].stat().st_size + 1))
    (src / "broken.jsonl").write_text('{"title": "A", "text": \n', encoding="utf-8")
    (src / "404.html").write_text("<title>404 Not Found</title><h1>404</h1>", encoding="utf-8")
    store = tmp_path / "store"
    code, out, err = invoke("build", str(src), "--store", str(store))
    assert code == 1
    assert out.startswith(f"added {len(good)}, replaced 0, skipped 0, failed 6 (unreadable 4, "
                          "not Vietnamese 1, too large 1), duplicates 1;"), out
    failed = [line for line in err if line.startswith("failed: ")]
    for name, what in [("empty.txt", "empty file"), ("photo.txt", "PNG image"),
                       ("english.txt", "in English"), ("huge.txt", "over the 5 MB limit"),
                       ("broken.jsonl#1", "not valid JSON"), ("404.html", "error page")]:
        (line,) = [f for f in failed if f.startswith(f"failed: {src / name}: ")]
        assert what in line and ("skipped" in line or "not stored" in line), line
    assert f"duplicate: {src / 'dup.txt'}: duplicate of {good[0]} (same text); skipped" in err
    assert stored_articles(store) == len(good)


def test_duplicates_alone_are_no_failure(tmp_path: Path) -> None:
    src = tmp_path / "in"
    good = examples(src)
    shutil.copy(good[1], src / "zz-copy.txt")
    code, out, _ = invoke("build", str(src), "--store", str(tmp_path / "store"))
    assert code == 0 and "failed 0, duplicates 1;" in out


def test_strict_stops_at_the_first_failure(tmp_path: Path) -> None:
    src = tmp_path / "in"
    a, b, _ = examples(src)
    a.rename(src / "1.txt")
    (src / "2.txt").write_bytes(b"")
    b.rename(src / "3.txt")
    store = tmp_path / "store"
    code, out, err = invoke("build", "--strict", str(src), "--store", str(store))
    assert code == 1
    assert out.startswith("added 1, replaced 0, skipped 0, failed 1 (unreadable 1)"), out
    assert out.rstrip().endswith("stopped at the first failure")
    assert "stopped at the first failure (--strict)" in err
    assert stored_articles(store) == 1  # what came before stays; nothing after was read


@pytest.fixture
def broken_extension() -> Iterator[set[str]]:
    """A real extractor registered like an extension's, which fails on the articles whose ids
    the test puts in the set."""
    victims: set[str] = set()

    def extract(article: Article, facts: ArticleFacts) -> None:
        if article.article_id in victims:
            raise KeyError("an extension bug")

    REGISTRY.extractor("test.broken", produces=[])(extract)
    try:
        yield victims
    finally:
        REGISTRY.components[:] = [c for c in REGISTRY.components if c.name != "test.broken"]


def test_failed_extraction_is_reported_and_the_rest_built(tmp_path: Path,
                                                          broken_extension: set[str]) -> None:
    src = tmp_path / "in"
    good = examples(src)
    victim = good[1]
    broken_extension.add(victim.stem)
    code, out, err = invoke("build", str(src), "--store", str(tmp_path / "store"))
    assert code == 1
    assert f"added {len(good) - 1}," in out and "failed 1 (extraction failed 1)" in out
    assert f"failed: {victim}: extraction failed (KeyError: 'an extension bug'); not stored" in err


def test_validate_keeps_a_graph_that_violates_the_shapes_out() -> None:
    bad = article_a()
    bad.documents[0] = dataclasses.replace(bad.documents[0], date="2016-13-45")
    store = EmbeddedStore(None)
    builder = Builder(store, validate=True)
    builder.add_facts([*sample_facts()[1:], bad])
    assert builder.failures == {"shapes": 1} and builder.counts["added"] == 2
    assert "violates the shapes 1" in builder.summary()
    assert str(bad.article.article_id) not in " ".join(store.content_hashes())


def test_a_store_that_refuses_writes(tmp_path: Path) -> None:
    exe = shutil.which("oxigraph")
    if exe is None:
        pytest.skip("the `oxigraph` server binary is not installed (pip install oxigraph)")
    src = tmp_path / "in"
    good = examples(src)
    EmbeddedStore(tmp_path / "ro").close()
    port = free_port()
    proc = subprocess.Popen([exe, "serve-read-only", "--location", str(tmp_path / "ro"), "--bind",
                             f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            try:
                httpx.get(f"{url}/query", params={"query": "ASK {}"})
                break
            except httpx.TransportError:
                time.sleep(0.05)
        code, out, err = invoke("build", str(src), "--endpoint", url)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert code == 1
    assert f"failed {len(good) + 1} (store failed {len(good) + 1})" in out  # and the prune
    for f in good:
        (line,) = [e for e in err if e.startswith(f"failed: {f}: ")]
        assert "the store refused the graph" in line and "403" in line and "not stored" in line
