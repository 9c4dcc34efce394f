"""The RDF adapter and the statistics on a small hand-built graph in the real ontology terms."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Literal, URIRef

from civickg.namespace import CKG, ID, OA, PROV, RDF, RDFS, XSD, vi_label
from civickg.views.from_rdf import _quote, article_graph_iri, build_view, rdflib_select, result_view
from civickg.views.ontology import vocabulary
from civickg.views.stats import graph_stats, stats_table

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

ART = ID["article/2019-10-08-so-ket"]
HIEU, TRUONG = ID["person/pham-van-hieu"], ID["person/tran-viet-truong"]
TU, HDND = ID["org/thanh-uy-can-tho"], ID["org/hdnd-can-tho"]
POST, TENURE = ID["post/pho-bi-thu-tt"], ID["tenure/hieu-pbt"]
MEETING, DOC, PLACE = ID["meeting/so-ket"], ID["doc/02-nq-tu"], ID["place/can-tho"]


def _dataset() -> Dataset:
    ds = Dataset(default_union=True)
    g = ds.graph(ART)

    def add(s: URIRef, p: URIRef, o: object) -> None:
        g.add((s, p, o if isinstance(o, URIRef | Literal) else Literal(o)))

    add(ART, RDF.type, CKG.NewsArticle)
    add(ART, CKG.headline, Literal("Sơ kết 03 năm <Nghị quyết>", lang="vi"))
    add(ART, CKG.published, Literal("2019-10-08T00:05:00+07:00", datatype=XSD.dateTime))
    add(ART, CKG.url, Literal("https://cantho.gov.vn/so-ket", datatype=XSD.anyURI))
    add(ART, CKG.articleId, "2019-10-08-so-ket")
    add(ART, CKG.locality, PLACE)
    for node, classes, label in (
        (HIEU, [CKG.Person], "Phạm Văn Hiểu"), (TRUONG, [CKG.Person], "Trần Việt Trường"),
        (TU, [CKG.Organization, CKG.PartyCommittee], "Thành ủy Cần Thơ"),
        (HDND, [CKG.Organization, CKG.PeoplesCouncil], "Hội đồng nhân dân thành phố Cần Thơ"),
        (MEETING, [CKG.Meeting, CKG.Conference], "Hội nghị Thành ủy Cần Thơ, 08/10/2019"),
        (DOC, [CKG.Document, CKG.Resolution], "Nghị quyết 02-NQ/TU"),
        (PLACE, [CKG.Place, CKG.Province], "Cần Thơ"),
    ):
        for c in classes:
            add(node, RDF.type, c)
        add(node, RDFS.label, Literal(label, lang="vi"))
        add(node, PROV.wasDerivedFrom, ART)
    add(POST, RDF.type, CKG.Post)
    add(POST, CKG.roleName, Literal("Phó Bí thư Thường trực", lang="vi"))
    add(POST, CKG.postIn, TU)
    add(TENURE, RDF.type, CKG.Membership)
    add(TENURE, CKG.member, HIEU)
    add(TENURE, CKG.post, POST)
    add(TENURE, CKG.organization, TU)
    for i, (day, status) in enumerate((("2019-10-08", CKG.current), ("2020-03-02", CKG.former))):
        obs = URIRef(f"{ART}/tenure/{i}")
        add(obs, RDF.type, CKG.TenureObservation)
        add(obs, CKG.observationOf, TENURE)
        add(obs, CKG.observedOn, Literal(day, datatype=XSD.date))
        add(obs, CKG.status, status)
    ev, sel = URIRef(f"{ART}/span/10-23"), URIRef(f"{ART}/span/10-23/quote")
    add(HIEU, CKG.evidence, ev)
    add(ev, RDF.type, CKG.Evidence)
    add(ev, OA.hasSource, ART)
    add(ev, OA.hasSelector, sel)
    add(sel, RDF.type, OA.TextQuoteSelector)
    add(sel, OA.exact, "Phạm Văn Hiểu")
    add(sel, OA.prefix, "đồng chí ")
    add(sel, OA.suffix, " chủ trì hội nghị")
    add(MEETING, CKG.date, Literal("2019-10-08", datatype=XSD.date))
    add(MEETING, CKG.organizer, TU)
    add(MEETING, CKG.chair, HIEU)
    add(MEETING, CKG.participant, HIEU)  # implied by chair: drawn once
    add(MEETING, CKG.participant, TRUONG)
    add(MEETING, CKG.reviews, DOC)
    add(DOC, CKG.issuer, TU)
    add(DOC, CKG.documentNumber, "02-NQ/TU")
    add(DOC, CKG.dateIssued, Literal("2016-08-01", datatype=XSD.date))
    add(HDND, CKG.area, PLACE)
    return ds


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return _dataset()


def _edges(g, kind: str) -> list[tuple[str, str]]:
    return [(e.source, e.target) for e in g.edges if e.kind == kind]


def test_nodes_take_the_most_specific_class_and_the_ontology_labels(ds: Dataset) -> None:
    g = build_view(rdflib_select(ds))
    assert g.nodes[str(TU)].cls == "PartyCommittee"
    assert g.nodes[str(MEETING)].cls == "Conference"
    assert str(ART) not in g.nodes  # articles only when asked
    assert g.classes["PartyCommittee"].label_vi == vi_label(CKG.PartyCommittee)
    assert g.classes["PartyCommittee"].family == "Organization"
    chair = next(e for e in g.edges if e.kind == "chair")
    assert (chair.label_vi, chair.label_en) == vocabulary().properties[str(CKG.chair)]
    assert _edges(g, "chair") == [(str(MEETING), str(HIEU))]
    assert _edges(g, "participant") == [(str(MEETING), str(TRUONG))]  # chair not repeated
    assert chair.start == "2019-10-08"
    assert g.nodes[str(DOC)].start == "2016-08-01" and g.nodes[str(DOC)].end is None


def test_tenure_is_an_edge_dated_by_its_observations(ds: Dataset) -> None:
    g = build_view(rdflib_select(ds))
    tenure = next(e for e in g.edges if e.kind == "tenure")
    assert (tenure.source, tenure.target) == (str(HIEU), str(TU))
    assert tenure.label_vi == "Phó Bí thư Thường trực"
    assert (tenure.start, tenure.end) == ("2019-10-08", "2020-03-02")
    office = g.nodes[str(HIEU)].offices[0]
    assert (office.role, office.organization) == ("Phó Bí thư Thường trực", "Thành ủy Cần Thơ")
    assert office.status == ", ".join(sorted([vi_label(CKG.current), vi_label(CKG.former)]))


def test_provenance_and_source_link(ds: Dataset) -> None:
    g = build_view(rdflib_select(ds))
    hieu = g.nodes[str(HIEU)]
    assert hieu.url == "https://cantho.gov.vn/so-ket"
    (prov,) = hieu.provenance
    assert prov.title == "Sơ kết 03 năm <Nghị quyết>" and prov.date == "2019-10-08"
    assert prov.quotes == ["…đồng chí Phạm Văn Hiểu chủ trì hội nghị…"]  # words: in context


@pytest.mark.parametrize(("exact", "prefix", "suffix", "shown"), [
    ("Đồng chí Hiểu chủ trì.", "ổ chức hội nghị. ", " Bà Trần Thị", "Đồng chí Hiểu chủ trì."),
    ("Sơ kết 03 năm\nthực hiện", "", "\n08/10/2019", "Sơ kết 03 năm thực hiện"),
    ("Phạm Văn Hiểu", "đồng chí ", " chủ trì", "…đồng chí Phạm Văn Hiểu chủ trì…"),
    ("Đồng chí nói thêm.", "h: “Phải làm tốt.” ", " Kỳ họp xem", "Đồng chí nói thêm."),
    ("“Phải làm tốt.”", "đồng chí nhấn mạnh: ", " Đồng chí", "“Phải làm tốt.”"),
    ("nhấn mạnh", "   ", " nhiệm vụ", "… nhấn mạnh nhiệm vụ…"),
])
def test_a_sentence_is_quoted_alone_words_in_their_context(
        exact: str, prefix: str, suffix: str, shown: str) -> None:
    assert _quote(exact, prefix, suffix) == shown


def test_article_view_and_lookup(ds: Dataset) -> None:
    select = rdflib_select(ds)
    iri = article_graph_iri(select, "2019-10-08-so-ket")
    assert iri == str(ART)
    assert article_graph_iri(select, "nope") is None
    g = build_view(select, graph_iri=iri, articles=True)
    assert g.nodes[str(ART)].cls == "NewsArticle"
    assert g.nodes[str(ART)].url == "https://cantho.gov.vn/so-ket"
    assert (str(MEETING), str(ART)) in _edges(g, "wasDerivedFrom")
    assert (str(ART), str(PLACE)) in _edges(g, "locality")


def test_around_and_query_results(ds: Dataset) -> None:
    full = build_view(rdflib_select(ds))
    sub = full.around(full.find("tran viet truong"), 1)
    assert set(sub.nodes) == {str(TRUONG), str(MEETING)}
    rows = [{"m": str(MEETING), "p": str(HIEU)}]
    assert set(result_view(full, rows=rows).nodes) == {str(MEETING), str(HIEU)}
    made = result_view(full, triples=[(str(HIEU), str(CKG.member), str(TU))])
    (edge,) = made.edges
    assert edge.label_vi == vocabulary().properties[str(CKG.member)][0]


def test_stats(ds: Dataset) -> None:
    select = rdflib_select(ds)
    stats = graph_stats(build_view(select), select)
    counts = {c["class"]: c["count"] for c in stats["classes"]}
    assert counts["Person"] == 2 and counts["Organization"] == 2 and counts["Membership"] == 1
    persons = [r["label"] for r in stats["central_persons"]]
    assert set(persons) == {"Phạm Văn Hiểu", "Trần Việt Trường"}
    assert stats["central_organizations"][0]["label"] == "Thành ủy Cần Thơ"
    assert stats["busiest_months"] == [{"month": "2019-10", "meetings": 1}]
    assert stats["communities"] and stats["communities"][0]["size"] == 3
    table = stats_table(stats)
    assert "Phạm Văn Hiểu" in table and "Busiest months" in table
