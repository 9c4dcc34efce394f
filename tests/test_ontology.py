"""The ontology's own quality, SHACL validation and the HermiT consistency check."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from graph_fixtures import sample_facts
from rdflib import Graph, Literal, URIRef

from civickg.cli import cli
from civickg.mapping import map_facts
from civickg.namespace import CKG, OWL, RDF, RDFS, SKOS, ontology_graph
from civickg.validation import load_shapes, validate

needs_java = pytest.mark.skipif(shutil.which("java") is None,
                                reason="HermiT needs a Java runtime (`java` not on PATH)")


def good_graph() -> Graph:
    g = Graph()
    for f in sample_facts():
        for t in map_facts(f).all_triples():
            g.add(t)
    return g


def write_nt(g: Graph, path: Path) -> str:
    path.write_bytes(g.serialize(format="nt", encoding="utf-8"))
    return str(path)


def hieu(g: Graph) -> URIRef:
    return next(s for s in g.subjects(RDFS.label, Literal("Phạm Văn Hiểu", lang="vi"))
                if (s, RDF.type, CKG.Person) in g)


def test_header_versions_and_bilingual_annotations() -> None:
    g = ontology_graph()
    onto = next(g.subjects(RDF.type, OWL.Ontology))
    assert g.value(onto, OWL.versionIRI) == URIRef("https://w3id.org/civickg/ontology/0.1.0")
    assert str(g.value(onto, OWL.versionInfo)) == "0.1.0"
    terms = {s for s in g.subjects() if isinstance(s, URIRef) and s.startswith(str(CKG))}
    assert len(terms) > 100
    for t in terms:
        for prop in (RDFS.label, SKOS.definition):
            langs = {o.language for o in g.objects(t, prop)}
            assert {"vi", "en"} <= langs, f"{t} lacks {prop} in {({'vi', 'en'} - langs)}"


def test_required_classes_and_alignments() -> None:
    g = ontology_graph()
    for name in ("Person", "Organization", "PartyCommittee", "PeoplesCouncil",
                 "PeoplesCommittee", "Department", "Ministry", "PartyOrganization", "Post",
                 "Membership", "Resolution", "Decision", "Directive", "Conclusion", "Plan",
                 "Decree", "Law", "Notice", "Conference", "CouncilSession", "Congress",
                 "WorkingSession", "Ceremony", "Province", "District", "Commune", "Region",
                 "Country", "NewsArticle"):
        assert (CKG[name], RDF.type, OWL.Class) in g, name
    assert (CKG.chair, RDFS.subPropertyOf, CKG.participant) in g
    assert (CKG.speaker, RDFS.subPropertyOf, CKG.participant) in g
    assert (CKG.Membership, RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#Membership")) in g
    assert (CKG.Document, RDFS.subClassOf,
            URIRef("http://data.europa.eu/eli/ontology#LegalResource")) in g


def test_shapes_pass_on_a_good_graph() -> None:
    ok, findings = validate(good_graph(), load_shapes())
    assert ok, "\n".join(map(str, findings))


def test_shapes_catch_a_broken_graph() -> None:
    g = good_graph()
    person = hieu(g)
    g.remove((person, CKG.searchKey, None))
    g.add((person, RDFS.label, Literal("Phạm Văn Hiếu", lang="vi")))  # two labels
    tenure = next(g.subjects(CKG.member, person))
    g.remove((tenure, CKG.member, None))
    meeting = next(g.subjects(CKG.chair, person))
    g.remove((meeting, CKG.participant, person))
    ok, findings = validate(g, load_shapes())
    assert not ok
    text = "\n".join(map(str, findings))
    assert "searchKey" in text
    assert "rdfs:label" in text
    assert "ckg:member" in text
    assert "a chair or speaker must also be a participant" in text


def test_validate_command_exit_status(tmp_path: Path) -> None:
    runner = CliRunner()
    good = write_nt(good_graph(), tmp_path / "good.nt")
    assert runner.invoke(cli, ["validate", "--data", good]).exit_code == 0
    g = good_graph()
    g.remove((hieu(g), CKG.searchKey, None))
    r = runner.invoke(cli, ["validate", "--data", write_nt(g, tmp_path / "bad.nt")])
    assert r.exit_code == 1
    assert "Violation" in r.output


@needs_java
def test_hermit_consistent_on_good_and_inconsistent_on_broken(tmp_path: Path) -> None:
    runner = CliRunner()
    good = write_nt(good_graph(), tmp_path / "good.nt")
    r = runner.invoke(cli, ["ontology", "check", "--data", good])
    assert r.exit_code == 0, r.output
    assert r.output.startswith("consistent")
    g = good_graph()
    # a node that is both a person and an organization (disjoint classes)
    g.add((hieu(g), RDF.type, CKG.Organization))
    r = runner.invoke(cli, ["ontology", "check", "--data", write_nt(g, tmp_path / "bad.nt")])
    assert r.exit_code == 1
    assert r.output.startswith("inconsistent")


def test_ontology_terms_lists_curies() -> None:
    r = CliRunner().invoke(cli, ["ontology", "terms"])
    assert r.exit_code == 0
    lines = r.output.split()
    assert "ckg:Person" in lines and "ckg:chair" in lines and "oa:TextQuoteSelector" in lines
