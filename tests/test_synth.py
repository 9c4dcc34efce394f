"""The benchmark corpus generator: deterministic, readable by every reader, and extracting a
generated article gives back the facts it states."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civickg.evaluate import CATEGORIES, fact_sets
from civickg.pipeline import extract
from civickg.read import iter_articles
from civickg.read.text import parse_text_article
from civickg.synth import generate, write_corpus

HEAD = ("title", "published", "source", "locality")


def _diff(text: str, facts: dict) -> dict:
    got = extract(parse_text_article(text, "synth", "synth")).to_json()
    want_sets, got_sets = fact_sets(facts), fact_sets(got)
    out = {k: (want_sets[k] - got_sets[k], got_sets[k] - want_sets[k])
           for k in CATEGORIES if want_sets[k] != got_sets[k]}
    out.update({k: (facts[k], got[k]) for k in HEAD if facts[k] != got[k]})
    return out


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**31), index=st.integers(0, 10**6))
def test_extracting_a_generated_article_gives_back_its_facts(seed: int, index: int) -> None:
    _id, text, facts = generate(index, seed)
    assert _diff(text, facts) == {}, text


def test_exact_on_a_sample_corpus() -> None:
    wrong = [i for i in range(150) if _diff(*generate(i, 7)[1:])]
    assert wrong == []


def test_deterministic_and_varied() -> None:
    assert generate(5, 1) == generate(5, 1)
    assert generate(5, 1) != generate(5, 2)
    arts = [generate(i, 0)[2] for i in range(200)]
    assert len({a["locality"] for a in arts}) >= 40
    assert len({m["kind"] for a in arts for m in a["meetings"]}) >= 5
    assert any(a["published"] >= "2025-07" for a in arts)  # 2025 units
    assert len({p["name"] for a in arts for p in a["persons"]}) >= 600


@pytest.mark.parametrize("fmt", ["txt", "jsonl", "html"])
def test_every_format_reads_back(tmp_path, fmt: str) -> None:
    write_corpus(12, tmp_path, seed=3, fmt=fmt)
    facts_files = sorted(tmp_path.glob("*.facts.json"))
    assert len(facts_files) == 12
    articles = [a for a in iter_articles([str(tmp_path)]) if not isinstance(a, Exception)]
    assert len(articles) == 12
    by_id = {a.article_id: a for a in articles}
    for f in facts_files:
        facts = json.loads(f.read_text(encoding="utf-8"))
        a = by_id[f.name.removesuffix(".facts.json")]
        assert (a.title, a.published, a.authors) == (facts["title"], facts["published"], facts["authors"])
        assert a.source == facts["source"]


def test_cli_writes_corpus(tmp_path) -> None:
    from click.testing import CliRunner

    from civickg.cli import cli

    r = CliRunner().invoke(cli, ["synth", "5", str(tmp_path), "--seed", "9"])
    assert r.exit_code == 0, r.output
    assert len(list(tmp_path.glob("*.txt"))) == 5
    assert (tmp_path / "synth-9-0000004.txt").read_text(encoding="utf-8") == generate(4, 9)[1]


def test_gap_front_names_no_place() -> None:
    text = ("Hội nghị Ủy ban MTTQ tỉnh Cà Mau\n03/07/2019\n\n(CMO) Ngày 03/07/2019, Ủy ban MTTQ Việt Nam "
            "tỉnh Cà Mau tổ chức hội nghị. Đồng chí Võ Văn Hùng, Chủ tịch Ủy ban MTTQ Việt Nam tỉnh chủ "
            "trì hội nghị.\n\nMINH HUY\n")
    got = extract(parse_text_article(text, "x", "x")).to_json()
    assert "Việt Nam" not in got["places"]


def test_gap_hyphenated_province() -> None:
    text = ("Hội nghị Tỉnh ủy Bà Rịa - Vũng Tàu\n03/07/2019\n\n(TTXVN) Ngày 03/07/2019, Tỉnh ủy Bà Rịa - "
            "Vũng Tàu tổ chức hội nghị. Đồng chí Võ Văn Hùng, Bí thư Tỉnh ủy chủ trì hội nghị.\n\nMINH HUY\n")
    assert extract(parse_text_article(text, "x", "x")).locality == "Bà Rịa - Vũng Tàu"


def test_gap_title_before_family_name_that_starts_a_place() -> None:
    text = ("Trao quyết định\n03/07/2019\n\n(CMO) Ngày 03/07/2019, UBND tỉnh Cà Mau tổ chức lễ trao quyết "
            "định. Phó Chủ tịch UBND tỉnh Phan Văn Kiên dự và trao quyết định.\n\nMINH HUY\n")
    got = extract(parse_text_article(text, "x", "x")).to_json()
    offices = {(p["name"], o["organization"]) for p in got["persons"] for o in p["offices"]}
    assert ("Phan Văn Kiên", "Ủy ban nhân dân tỉnh Cà Mau") in offices
