"""civickg-awards, installed (``pip install -e examples/extension``): extraction, mapping with
provenance, shapes, and registration through civickg's entry point."""

from __future__ import annotations

from pathlib import Path

import pytest
from civickg.extensions import check_registry, load
from civickg.mapping import map_facts
from civickg.model import ArticleFacts
from civickg.namespace import OA, PROV, RDF, RDFS
from civickg.pipeline import extract
from civickg.read import iter_articles
from civickg.registry import Registry, UnknownTermError
from civickg.validation import load_shapes, validate
from rdflib import Graph, Literal, URIRef

from civickg_awards import ONTOLOGY, SHAPES
from civickg_awards.extract import KEY, find_awards
from civickg_awards.mapping import AWD

ARTICLE = Path(__file__).parents[1] / "articles" / "2024-04-29-don-nhan-huan-chuong-lao-dong-hau-giang.txt"
CAN_THO = """Lễ kỷ niệm 20 năm thành phố Cần Thơ trực thuộc Trung ương
09:00 - 31/12/2023

(CT) - Tối 30-12, Thành ủy Cần Thơ tổ chức Lễ kỷ niệm 20 năm thành phố Cần Thơ trực thuộc Trung ương. \
Ghi nhận những nỗ lực đó, Đảng bộ, chính quyền và Nhân dân thành phố vinh dự được Chủ tịch nước \
tặng thưởng Huân chương Lao động hạng Nhất.
"""


def facts_of(path: Path) -> ArticleFacts:
    return extract(next(iter(iter_articles([str(path)]))))


def test_registered_through_the_entry_point() -> None:
    registry = load()
    assert any(e.startswith("awards = civickg_awards:register") for e in registry.extensions)
    assert str(ONTOLOGY) in registry.ontology_files and str(SHAPES) in registry.shapes_files
    names = {(c.kind, c.name) for c in registry.components}
    assert {("extractor", "awards.conferrals"), ("mapper", "awards.conferrals")} <= names


def test_award_names_and_kinds() -> None:
    text = ("được tặng Huân chương Lao động hạng nhất, Huy hiệu 55 năm tuổi Đảng, Cờ thi đua của Chính phủ "
            "và danh hiệu Nhà giáo Nhân dân")
    found = [(name, cls) for _a, _b, name, cls in find_awards(text, 0, len(text))]
    assert found == [("Huân chương Lao động hạng Nhất", "Order"), ("Huy hiệu 55 năm tuổi Đảng", "PartyBadge"),
                     ("Cờ thi đua của Chính phủ", "EmulationFlag"), ("Nhà giáo Nhân dân", "HonoraryTitle")]


def test_conferrals_of_the_example_article() -> None:
    got = {(c.award, c.recipient, c.recipient_kind, c.conferrer_role, c.conferrer_org,
            c.decision.number if c.decision else None) for c in facts_of(ARTICLE).extras[KEY]}
    assert got == {
        ("Huân chương Lao động hạng Nhì", "Đảng bộ tỉnh Hậu Giang", "organization", "Chủ tịch",
         "Nước Cộng hòa xã hội chủ nghĩa Việt Nam", "456/QĐ-CTN"),
        ("Huy hiệu 40 năm tuổi Đảng", "Trần Văn Huyến", "person", None, None, None),
        ("Bằng khen", "Sở Nông nghiệp và Phát triển nông thôn tỉnh Hậu Giang", "organization", "Thủ tướng",
         "Chính phủ", None),
    }


def test_a_mention_without_a_recipient_is_no_conferral(tmp_path: Path) -> None:
    path = tmp_path / "2024-01-01-le.txt"
    path.write_text("Lễ đón nhận Huân chương Lao động hạng Ba\n08:00 - 01/01/2024\n\n"
                    "(HG) - Sáng 1-1, Tỉnh ủy Hậu Giang tổ chức Lễ đón nhận Huân chương Lao động hạng Ba.\n",
                    encoding="utf-8")
    assert KEY not in facts_of(path).extras


def test_the_can_tho_sentence(tmp_path: Path) -> None:
    path = tmp_path / "2023-12-31-can-tho.txt"
    path.write_text(CAN_THO, encoding="utf-8")
    [c] = facts_of(path).extras[KEY]
    assert (c.award, c.recipient, c.conferrer_role) == ("Huân chương Lao động hạng Nhất",
                                                        "Đảng bộ thành phố Cần Thơ", "Chủ tịch")


def test_mapping_with_provenance_passes_the_shapes() -> None:
    facts = facts_of(ARTICLE)
    article_graph = map_facts(facts)
    g = Graph()
    for t in article_graph.all_triples():
        g.add(t)
    conferrals = set(g.subjects(RDF.type, AWD.AwardConferral))
    assert len(conferrals) == 3
    order = next(s for s in g.subjects(RDFS.label, Literal("Huân chương Lao động hạng Nhì", lang="vi")))
    assert {(order, RDF.type, AWD.Award), (order, RDF.type, AWD.Order)} <= set(g)
    c = next(s for s in conferrals if g.value(s, AWD.conferredAward) == order)
    assert (g.value(c, AWD.awardedTo), RDF.type, AWD.PartyOrganization) in g
    assert (g.value(c, AWD.conferredBy), RDF.type, AWD.Post) in g
    assert (g.value(c, AWD.conferredByDecision), RDF.type, AWD.Decision) in g
    assert (c, PROV.wasDerivedFrom, article_graph.iri) in g
    ev = g.value(c, AWD.evidence)
    quote = next(q for q in g.objects(ev, OA.hasSelector) if (q, RDF.type, OA.TextQuoteSelector) in g)
    assert "được Chủ tịch nước tặng thưởng Huân chương Lao động hạng Nhì" in str(g.value(quote, OA.exact))
    ok, findings = validate(g, load_shapes())
    assert ok, "\n".join(map(str, findings))


def test_the_shapes_catch_a_conferral_without_recipient() -> None:
    g = Graph()
    for t in map_facts(facts_of(ARTICLE)).all_triples():
        g.add(t)
    c = next(g.subjects(RDF.type, AWD.AwardConferral))
    g.remove((c, AWD.awardedTo, None))
    ok, findings = validate(g, load_shapes())
    assert not ok
    assert any("names one person or organization" in f.message for f in findings)


def test_an_undefined_term_fails_at_start_up() -> None:
    registry = Registry()
    registry.ontology_module(ONTOLOGY)
    registry.mapper("awards.typo", produces=["ckg:AwardConferal"])(lambda facts, ctx: None)
    with pytest.raises(UnknownTermError, match=r"awards\.typo.*ckg:AwardConferal"):
        check_registry(registry)
    assert isinstance(AWD.Award, URIRef)
    with pytest.raises(AttributeError):
        _ = AWD.AwardConferal
