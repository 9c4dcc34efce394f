"""The store contract, on the embedded store and on a real Oxigraph server."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from graph_fixtures import article_a, article_b, sample_facts
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from civickg.mapping import ArticleGraph, map_facts
from civickg.mapping.graph import ENTITIES
from civickg.namespace import CKG, RDF
from civickg.store import GraphStore, export

pytest_plugins = ["graph_stores"]  # the `store` fixture: embedded and real server

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def _fill(store: GraphStore) -> list[ArticleGraph]:
    graphs = [map_facts(f) for f in sample_facts()]
    for g in graphs:
        store.replace(g)
    return graphs


def _quads(store: GraphStore) -> set[str]:
    return {str(q) for q in store.quads()}


def test_replace_stores_one_graph_per_article(store: GraphStore) -> None:
    graphs = _fill(store)
    entities = set().union(*(g.entities for g in graphs))
    total = sum(len(g.triples) for g in graphs) + len(entities)
    assert store.query(COUNT).rows() == [{"n": str(total)}]
    assert store.content_hashes() == {str(g.iri): g.content_hash for g in graphs}
    per_graph = store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    expected = {str(g.iri): len(g.triples) for g in graphs} | {str(ENTITIES): len(entities)}
    assert {r["g"]: int(r["n"]) for r in per_graph.rows()} == expected


def test_rebuilding_gives_an_identical_store(store: GraphStore) -> None:
    _fill(store)
    first = _quads(store)
    _fill(store)
    assert _quads(store) == first


def test_replace_drops_what_the_article_no_longer_says(store: GraphStore) -> None:
    _fill(store)
    facts = article_b()
    facts.meetings.clear()
    smaller = map_facts(facts)
    store.replace(smaller)
    in_graph = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{smaller.iri}> {{ ?s ?p ?o }} }}")
    assert in_graph.rows() == [{"n": str(len(smaller.triples))}]
    ask = f"ASK {{ GRAPH <{smaller.iri}> {{ ?m a <{CKG.Meeting}> }} }}"
    assert store.query(ask).boolean is False


def test_a_failed_replace_leaves_the_old_graph(store: GraphStore) -> None:
    good = map_facts(article_a())
    store.replace(good)
    bad = ArticleGraph(good.iri, good.content_hash, {(good.iri, RDF.type, CKG.NewsArticle)})
    bad.triples.add((good.iri, CKG.headline, ox))  # not an RDF term: serialising fails
    with pytest.raises(TypeError):
        store.replace(bad)
    assert store.query(COUNT).rows() == [{"n": str(len(good))}]
    assert store.query(f"ASK {{ <{good.iri}> <{CKG.headline}> ?h }}").boolean is True


def test_remove_retracts_an_article_but_not_shared_entities(store: GraphStore) -> None:
    a, b, c = _fill(store)
    assert store.remove(str(a.iri)) is True
    assert store.remove(str(a.iri)) is False
    assert str(a.iri) not in store.content_hashes()
    # Thành ủy Cần Thơ is still named by article b, so its label survives in the union.
    labels = store.query(
        "SELECT DISTINCT ?l WHERE { ?o a <https://w3id.org/civickg/ontology#PartyCommittee> ;"
        " <http://www.w3.org/2000/01/rdf-schema#label> ?l }")
    assert sorted(labels.column("l")) == ["Thành ủy Cần Thơ", "Tỉnh ủy Hậu Giang"]
    # Trần Thị Hiếu and Ninh Kiều were named only by article a: pruned with it
    for gone in ("Trần Thị Hiếu", "Ninh Kiều"):
        ask = f'ASK {{ ?x <http://www.w3.org/2000/01/rdf-schema#label> "{gone}"@vi }}'
        assert store.query(ask).boolean is False, gone
    assert store.query(f"ASK {{ ?x a <{CKG.Person}> }}").boolean is True


def test_union_default_graph_and_named_graphs(store: GraphStore) -> None:
    _fill(store)
    r = store.query("PREFIX prov: <http://www.w3.org/ns/prov#> SELECT DISTINCT ?g WHERE { "
                    f"?p a <{CKG.Person}> . GRAPH ?g {{ ?p prov:wasDerivedFrom ?g }} }}")
    assert len(r.rows()) == 3  # each article graph says the persons it names come from it
    assert store.query(f"ASK {{ ?p a <{CKG.Person}> }}").boolean is True
    construct = store.query(f"CONSTRUCT {{ ?p a <{CKG.Person}> }} WHERE {{ ?p a <{CKG.Person}> }}")
    assert construct.kind == "graph"
    # Phạm Văn Hiểu twice (Cần Thơ, Hậu Giang), Trần Thị Hiếu, Nguyễn Văn Hiếu
    assert len({t.subject for t in construct.triples()}) == 4


@pytest.mark.parametrize("fmt", ["trig", "nquads", "jsonld"])
def test_export_round_trip_keeps_every_quad(store: GraphStore, fmt: str) -> None:
    _fill(store)
    data = export(store, fmt)
    rdf_format = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS,
                  "jsonld": ox.RdfFormat.JSON_LD}[fmt]
    assert {str(q) for q in ox.parse(data, format=rdf_format)} == _quads(store)
    assert export(store, fmt) == data  # deterministic bytes


def test_export_turtle_is_the_union_and_isomorphic(store: GraphStore) -> None:
    graphs = _fill(store)
    parsed = Graph().parse(data=export(store, "turtle"), format="turtle")
    union = Graph()
    for g in graphs:
        union.parse(data=g.ntriples() + g.entity_ntriples(), format="nt")
    assert isomorphic(parsed, union)
    ds = Dataset()
    ds.parse(data=export(store, "trig"), format="trig")
    assert {str(c.identifier) for c in ds.graphs() if len(c)} == {
        str(g.iri) for g in graphs} | {str(ENTITIES)}
