"""Each example query's answer on the graph built from examples/articles/ (through the real
reader and extractor) plus the hand-built articles, on both store backends."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import pytest
from graph_fixtures import EXAMPLES, QUERIES, clear_server, sample_facts

from civickg.mapping import ArticleGraph, map_facts
from civickg.model import Article
from civickg.store import EmbeddedStore, GraphStore, QueryResult, RemoteStore

pytest_plugins = ["graph_stores"]

HDND_CT = "Hội đồng nhân dân thành phố Cần Thơ"
EXAMPLE_CT = "https://w3id.org/civickg/id/article/2023-07-10-ky-hop-thu-12-hdnd-tp-can-tho"


@cache
def built() -> tuple[list[ArticleGraph], dict[str, Article]]:
    from civickg.pipeline import extract
    from civickg.read import iter_articles

    articles = [a for a in iter_articles([str(EXAMPLES)]) if isinstance(a, Article)]
    assert len(articles) >= 3
    graphs = [map_facts(extract(a)) for a in articles] + [map_facts(f) for f in sample_facts()]
    return graphs, {str(g.iri): a for g, a in zip(graphs, articles, strict=False)}


@pytest.fixture(scope="module", params=["embedded", "server"])
def kg(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
       ) -> Iterator[GraphStore]:
    if request.param == "embedded":
        store: GraphStore = EmbeddedStore(tmp_path_factory.mktemp("q") / "store")
    else:
        url = request.getfixturevalue("oxigraph_server")
        clear_server(url)
        store = RemoteStore(url)
    for g in built()[0]:
        store.replace(g)
    yield store
    store.close()


def run(kg: GraphStore, name: str, **replace: str) -> QueryResult:
    (path,) = QUERIES.glob(f"{name}*.rq")
    text = path.read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new)
    return kg.query(text)


def test_there_are_at_least_ten_commented_queries() -> None:
    files = sorted(QUERIES.glob("*.rq"))
    assert len(files) >= 10
    for f in files:
        assert f.read_text(encoding="utf-8").startswith("# "), f.name


def test_01_post_holder_as_of(kg: GraphStore) -> None:
    rows = run(kg, "01").rows()
    assert [(r["name"], r["firstObserved"], r["lastObserved"]) for r in rows] == [
        ("Phạm Văn Hiểu", "2019-10-08", "2023-07-10")]
    assert run(kg, "01", **{"2024-01-01": "2019-01-01"}).rows() == []
    # Nguyễn Văn Hiếu was "nguyên Phó Chủ tịch" on 2020-08-26: not a holder then
    rows = run(kg, "01", **{"2024-01-01": "2021-01-01", f"Chủ tịch {HDND_CT}":
                            "Phó Chủ tịch Ủy ban nhân dân thành phố Cần Thơ"}).rows()
    assert "Nguyễn Văn Hiếu" not in {r["name"] for r in rows}


def test_02_offices_of_person_with_sources(kg: GraphStore) -> None:
    rows = run(kg, "02").rows()
    seen = {(r["post"], r["status"], r.get("observedOn"), r["article"]) for r in rows}
    assert (f"Chủ tịch {HDND_CT}", "current", "2023-07-10", EXAMPLE_CT) in seen
    assert any(r["post"] == "Bí thư Tỉnh ủy Hậu Giang" for r in rows)
    assert len({r["person"] for r in rows}) == 2  # the Cần Thơ and the Hậu Giang namesakes
    assert all(r["headline"] for r in rows)


def test_03_meetings_chaired(kg: GraphStore) -> None:
    dates = run(kg, "03").column("date")
    assert dates[:1] == ["2023-07-10"]
    assert {"2019-10-08", "2020-08-26", "2021-05-10", "2023-07-10"} <= set(dates)


def test_04_documents_of_meetings(kg: GraphStore) -> None:
    rows = run(kg, "04").rows()
    by_date = {}
    for r in rows:
        by_date.setdefault(r.get("date"), set()).add(r.get("number"))
    assert "05-NQ/TU" in by_date["2024-03-15"]
    assert by_date["2023-07-10"] == {"08/2023/NQ-HĐND"}
    assert by_date["2019-10-08"] == {"02-NQ/TU"}


def test_05_meetings_reviewing_a_document(kg: GraphStore) -> None:
    rows = run(kg, "05").rows()
    assert [(r["issuer"], r["year"], r["date"]) for r in rows] == [
        ("Tỉnh ủy Hậu Giang", "2019", "2024-03-15")]
    # 02-NQ/TU: two documents (Cần Thơ 2016, Hậu Giang 2021), three meetings
    rows = run(kg, "05", **{'"05-NQ/TU"': '"02-NQ/TU"'}).rows()
    assert len({r["document"] for r in rows}) == 2
    assert sorted(r["date"] for r in rows) == ["2019-10-08", "2020-08-26", "2021-05-10"]


def test_06_co_attendance(kg: GraphStore) -> None:
    counts = {r["name"]: int(r["meetings"]) for r in run(kg, "06").rows()}
    assert counts == {"Nguyễn Ngọc Hè": 1, "Nguyễn Văn Hiếu": 1, "Trần Thị Hiếu": 1,
                      "Trần Việt Trường": 1}


def test_07_organizations_by_meetings_per_year(kg: GraphStore) -> None:
    rows = {(r["name"], r["year"]): int(r["meetings"]) for r in run(kg, "07").rows()}
    assert rows[(HDND_CT, "2020")] == 1 and rows[(HDND_CT, "2023")] == 1
    assert rows[("Tỉnh ủy Hậu Giang", "2024")] == 1
    assert rows[("Thành ủy Cần Thơ", "2019")] == 1


def test_08_places_with_meetings(kg: GraphStore) -> None:
    rows = run(kg, "08").rows()
    venue = {(r["placeName"], r.get("date")) for r in rows if r["how"] == "venue"}
    assert ("Ninh Kiều", "2019-10-08") in venue
    by_org = {(r["placeName"], r.get("date")) for r in rows if r["how"] == "organizer"}
    assert {("Cần Thơ", "2023-07-10"), ("Cần Thơ", "2020-08-26")} <= by_org
    assert "Hậu Giang" not in {r["placeName"] for r in rows}
    rows = run(kg, "08", **{'"Cần Thơ"@vi': '"Hậu Giang"@vi'}).rows()
    assert ("Hậu Giang", "2024-03-15") in {(r["placeName"], r.get("date")) for r in rows}


def test_09_evidence_quotes_the_source_text(kg: GraphStore) -> None:
    rows = run(kg, "09").rows()
    articles = built()[1]
    example = [r for r in rows if r["article"] == EXAMPLE_CT]
    assert example
    for r in example:
        raw = articles[r["article"]].raw
        assert raw[int(r["start"]):int(r["end"])] == r["quote"]
    # the evidence is the sentence stating the meeting, not the words naming it
    assert any(r["quote"].startswith("(TGCT) Sáng 8-10, Thành ủy Cần Thơ")
               and "Hội nghị sơ kết 03 năm" in r["quote"] and r["quote"].endswith("công nghệ.")
               for r in rows)


@pytest.mark.parametrize("q", ["Pham Van Hieu", "pham van hieu", "Phạm Văn Hiểu"])
def test_10_name_search_with_or_without_diacritics(kg: GraphStore, q: str) -> None:
    rows = run(kg, "10", **{'"Pham Van Hieu"': f'"{q}"'}).rows()
    persons = {r["entity"] for r in rows if r["type"].endswith("#Person")}
    assert len(persons) == 2 and {r["label"] for r in rows} == {"Phạm Văn Hiểu"}


def test_10_tone_marks_count_in_search(kg: GraphStore) -> None:
    labels = set(run(kg, "10", **{'"Pham Van Hieu"': '"Văn Hiếu"'}).column("label"))
    assert labels == {"Nguyễn Văn Hiếu"}


def test_11_first_and_last_observed(kg: GraphStore) -> None:
    rows = run(kg, "11").rows()
    pvtt = [r for r in rows if r["post"] == "Phó Bí thư Thường trực Thành ủy Cần Thơ"]
    assert [(r["name"], r["firstObserved"], r["lastObserved"], r["articles"]) for r in pvtt] == [
        ("Phạm Văn Hiểu", "2019-10-08", "2023-07-10", "2")]
    rows = run(kg, "11", **{'"Thành ủy Cần Thơ"@vi': f'"{HDND_CT}"@vi'}).rows()
    assert [(r["name"], r["firstObserved"], r["lastObserved"], r["articles"]) for r in rows
            if r["post"] == f"Chủ tịch {HDND_CT}"] == [("Phạm Văn Hiểu", "2019-10-08",
                                                         "2023-07-10", "3")]
