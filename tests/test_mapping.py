"""Facts → RDF: identity, labels, provenance, registry checks."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from graph_fixtures import article_a, article_b, article_c, sample_facts
from rdflib import Graph, Literal, URIRef

from civickg.mapping import MapContext, map_facts
from civickg.mapping.labels import canonical, person_name
from civickg.model import Span
from civickg.namespace import (
    CKG,
    OA,
    PROV,
    RDF,
    RDFS,
    defined_terms,
    mint,
    ontology_graph,
    search_key,
)
from civickg.registry import REGISTRY, Component, Registry, UnknownTermError


def graph_of(facts) -> Graph:  # noqa: ANN001
    g = Graph()
    for t in map_facts(facts).all_triples():
        g.add(t)
    return g


def union() -> Graph:
    g = Graph()
    for f in sample_facts():
        for t in map_facts(f).all_triples():
            g.add(t)
    return g


def labelled(g: Graph, cls: URIRef, label: str) -> set[URIRef]:
    return {s for s in g.subjects(RDFS.label, Literal(label, lang="vi"))
            if (s, RDF.type, cls) in g}


def test_same_name_same_locality_is_one_person_tone_marks_count() -> None:
    g = union()
    hieu = labelled(g, CKG.Person, "Phạm Văn Hiểu")
    assert len(hieu) == 2  # Cần Thơ (two articles, one NFD-encoded) and Hậu Giang
    assert labelled(g, CKG.Person, "Trần Thị Hiếu") and labelled(g, CKG.Person, "Nguyễn Văn Hiếu")
    assert mint("person", "Phạm Văn Hiểu", "x") != mint("person", "Phạm Văn Hiếu", "x")


def test_tone_placement_and_unicode_variants_are_one_entity() -> None:
    assert mint("org", "Thành uỷ Cần Thơ") == mint("org", "Thành ủy Cần Thơ")
    assert canonical("Thành uỷ Cần Thơ") == "Thành ủy Cần Thơ"
    assert canonical("hoà bình, khoẻ, Quý") == "hòa bình, khỏe, Quý"
    assert person_name("phạm văn hiểu") == "Phạm Văn Hiểu"
    g = union()
    # article b spells it "Thành uỷ": still one node with one label
    assert len(labelled(g, CKG.PartyCommittee, "Thành ủy Cần Thơ")) == 1
    assert not list(g.subjects(RDFS.label, Literal("Thành uỷ Cần Thơ", lang="vi")))


def test_iris_are_readable_and_safe() -> None:
    for s in union().all_nodes():
        if isinstance(s, URIRef) and "/civickg/id/" in s:
            assert re.fullmatch(r"https://w3id\.org/civickg/id/[A-Za-z0-9._/-]+", s), s
    assert mint("person", "Phạm Văn Hiểu", "can tho").startswith(
        "https://w3id.org/civickg/id/person/pham-van-hieu-")


def test_document_identity_is_issuer_type_number_year() -> None:
    g = union()
    docs = {s for s in g.subjects(CKG.documentNumber, Literal("02-NQ/TU"))}
    assert len(docs) == 2  # Thành ủy Cần Thơ 2016 (articles a and b), Tỉnh ủy Hậu Giang 2021
    years = sorted(int(g.value(d, CKG.documentYear)) for d in docs)
    assert years == [2016, 2021]
    a_doc = next(iter(graph_of(article_a()).subjects(CKG.documentNumber, Literal("02-NQ/TU"))))
    b_doc = next(iter(graph_of(article_b()).subjects(CKG.documentNumber, Literal("02-NQ/TU"))))
    assert a_doc == b_doc


def test_meetings_link_roles_documents_and_chairs_participate() -> None:
    g = graph_of(article_a())
    (m,) = set(g.subjects(RDF.type, CKG.Meeting))
    assert (m, RDF.type, CKG.Conference) in g
    assert set(g.objects(m, CKG.chair)) <= set(g.objects(m, CKG.participant))
    assert set(g.objects(m, CKG.speaker)) <= set(g.objects(m, CKG.participant))
    (doc,) = g.objects(m, CKG.reviews)
    assert (doc, RDF.type, CKG.Resolution) in g
    assert str(g.value(m, CKG.date)) == "2019-10-08"
    place = g.value(m, CKG.location)
    assert g.value(place, RDFS.label) == Literal("Ninh Kiều", lang="vi")
    assert (place, RDF.type, CKG.District) in g
    assert g.value(place, CKG.partOf) is not None


def test_evidence_points_into_the_raw_text() -> None:
    facts = article_b()  # CRLF-free but with an NFD name: raw and normalised offsets differ
    g = graph_of(facts)
    raw = facts.article.raw
    spans = list(g.subjects(RDF.type, CKG.Evidence))
    assert spans
    for ev in spans:
        assert g.value(ev, OA.hasSource) == URIRef(str(map_facts(facts).iri))
        sels = list(g.objects(ev, OA.hasSelector))
        pos = next(s for s in sels if (s, RDF.type, OA.TextPositionSelector) in g)
        quote = next(s for s in sels if (s, RDF.type, OA.TextQuoteSelector) in g)
        start, end = int(g.value(pos, OA.start)), int(g.value(pos, OA.end))
        assert raw[start:end] == str(g.value(quote, OA.exact))
    hieu = next(iter(labelled(g, CKG.Person, "Phạm Văn Hiểu")))
    quotes = {str(g.value(s, OA.exact)) for ev in g.objects(hieu, CKG.evidence)
              for s in g.objects(ev, OA.hasSelector) if g.value(s, OA.exact)}
    sentence = raw[raw.index("Ông Ph"):raw.index("chủ trì.") + len("chủ trì.")]
    assert quotes == {sentence}  # the sentence naming him, in its decomposed spelling
    assert unicodedata.normalize("NFD", "Phạm Văn Hiểu") in sentence


def test_evidence_is_the_sentence_shared_by_what_it_says() -> None:
    facts = article_a()
    g = graph_of(facts)
    text = facts.article.raw

    def quotes(node: URIRef) -> set[str]:
        return {str(g.value(q, OA.exact)) for ev in g.objects(node, CKG.evidence)
                for q in g.objects(ev, OA.hasSelector) if g.value(q, OA.exact)}

    hieu = next(iter(labelled(g, CKG.Person, "Phạm Văn Hiểu")))
    chair = text[text.index("Đồng chí Phạm"):text.index("Ninh Kiều.") + len("Ninh Kiều.")]
    assert quotes(hieu) == {chair}
    # the district named in that sentence cites the same evidence resource, not a copy
    ninh_kieu = next(iter(labelled(g, CKG.District, "Ninh Kiều")))
    assert set(g.objects(hieu, CKG.evidence)) == set(g.objects(ninh_kieu, CKG.evidence))
    # the title holds the document's first mention; the article cites its title
    article = URIRef(str(map_facts(facts).iri))
    assert quotes(article) == {text.split("\r\n", 1)[0]}
    # nine spans cited (mentions, offices, the document, the meeting, the title): one
    # evidence resource for each of the four sentences they lie in
    assert len(set(g.subjects(RDF.type, CKG.Evidence))) == 4


def test_a_span_no_sentence_holds_is_cited_as_it_is() -> None:
    facts = article_a()
    a = facts.article
    byline = Span(a.text.rindex("Duy Thiên"), a.text.rindex("Duy Thiên") + len("Duy Thiên"))
    across = Span(a.text.index("Nghị quyết số"), a.text.index("Đồng chí Phạm") + 8)
    ctx = MapContext(facts)
    assert ctx.sentence_of(byline) == byline
    assert ctx.sentence_of(across) == across
    inside = Span(a.text.index("Bà Trần"), a.text.index("Bà Trần") + 6)
    sentence = ctx.sentence_of(inside)
    assert a.quote(sentence) == "Bà Trần Thị Hiếu, Giám đốc Sở Khoa học và Công nghệ, báo cáo."


def test_tenure_observations_carry_date_status_and_provenance() -> None:
    g = graph_of(article_b())
    article = map_facts(article_b()).iri
    statuses = {}
    for obs in g.subjects(RDF.type, CKG.TenureObservation):
        tenure = g.value(obs, CKG.observationOf)
        name = g.value(g.value(tenure, CKG.member), RDFS.label)
        statuses[str(name)] = g.value(obs, CKG.status)
        assert str(g.value(obs, CKG.observedOn)) == "2020-08-26"
        assert g.value(obs, PROV.wasDerivedFrom) == article
        assert g.value(obs, PROV.wasGeneratedBy) is not None
    assert statuses == {"Phạm Văn Hiểu": CKG.current, "Nguyễn Văn Hiếu": CKG.former}


def test_every_labelled_node_has_a_search_key_and_derives_from_the_article() -> None:
    g = graph_of(article_a())
    for s, label in g.subject_objects(RDFS.label):
        assert g.value(s, CKG.searchKey) == Literal(search_key(str(label))), s
    hieu = next(iter(labelled(g, CKG.Person, "Phạm Văn Hiểu")))
    assert str(g.value(hieu, CKG.searchKey)) == "pham van hieu"
    article = map_facts(article_a()).iri
    for cls in (CKG.Person, CKG.Organization, CKG.Post, CKG.Membership, CKG.Document,
                CKG.Meeting, CKG.Place):
        for s in g.subjects(RDF.type, cls):
            assert (s, PROV.wasDerivedFrom, article) in g


def test_mapping_is_deterministic() -> None:
    assert map_facts(article_c()).ntriples() == map_facts(article_c()).ntriples()


def test_registry_check_rejects_terms_the_ontology_lacks() -> None:
    REGISTRY.check(defined_terms())  # the built-in mappers pass
    mappers = {c.name for c in REGISTRY.of_kind("mapper")}
    assert {"civickg.article", "civickg.persons", "civickg.meetings"} <= mappers
    reg = Registry([Component("bad", "mapper", ("ckg:Persn",), lambda *a: None)])
    with pytest.raises(UnknownTermError, match="ckg:Persn"):
        reg.check(defined_terms())


def test_every_extracted_class_has_a_producer() -> None:
    map_facts(article_a())  # registers the built-in mappers
    produced = {t for c in REGISTRY.components for t in c.produces}
    onto = ontology_graph()
    marked = {onto.namespace_manager.curie(c)
              for c in onto.subjects(CKG.extracted, Literal(True))}
    assert marked and marked <= produced, marked - produced


def test_closed_namespace_rejects_misspelt_terms() -> None:
    with pytest.raises(AttributeError):
        CKG.Persn  # noqa: B018
    assert CKG.Person == URIRef("https://w3id.org/civickg/ontology#Person")


def test_no_ontology_iri_literals_outside_the_namespace_module() -> None:
    src = Path(__file__).resolve().parents[1] / "src" / "civickg"
    mine = [*(src / "mapping").glob("*.py"), *(src / "store").glob("*.py"),
            src / "validation.py", src / "reasoning.py",
            *(src / "cli" / n for n in ("build.py", "query.py", "export.py", "validate.py",
                                        "ontology.py", "_graph.py", "_building.py",
                                        "_loading.py", "_results.py"))]
    for f in mine:
        text = f.read_text(encoding="utf-8")
        for iri in ("w3id.org/civickg/ontology", "www.w3.org/ns/oa", "www.w3.org/ns/prov"):
            assert iri not in text, f"{f.name} spells out {iri}"
