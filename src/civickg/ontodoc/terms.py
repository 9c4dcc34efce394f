"""The ontology read into plain records for the documentation: one ``Term`` per ``ckg:`` class,
property or individual, with labels and definitions in both languages, hierarchy, domain and
range, alignments (super-terms and matches outside ``ckg:``) and the module file declaring it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import DCTERMS, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from civickg.namespace import CKG, OWL, RDF, RDFS, SKOS, ontology_files

KINDS: tuple[tuple[URIRef, str], ...] = (
    (OWL.Class, "class"),
    (OWL.ObjectProperty, "object property"),
    (OWL.DatatypeProperty, "datatype property"),
    (OWL.AnnotationProperty, "annotation property"),
    (OWL.NamedIndividual, "individual"),
)
_MATCHES = (OWL.equivalentClass, OWL.equivalentProperty, SKOS.exactMatch, SKOS.closeMatch)


@dataclass
class Term:
    iri: str
    curie: str
    key: str  # local name, the HTML anchor
    kind: str
    module: str  # file name of the module declaring it
    label: dict[str, str] = field(default_factory=dict)  # lang -> label
    definition: dict[str, str] = field(default_factory=dict)
    alt_labels: list[str] = field(default_factory=list)
    parents: list[str] = field(default_factory=list)  # CURIEs of super-classes / -properties
    children: list[str] = field(default_factory=list)
    domain: list[str] = field(default_factory=list)
    range: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)  # an individual's classes
    matches: list[str] = field(default_factory=list)  # equivalent / exact / close matches
    extracted: bool = False
    shown: bool = False  # ckg:shownInViews


@dataclass
class OntologyDoc:
    iri: str
    version_iri: str
    version_info: str
    title: dict[str, str]
    description: dict[str, str]
    license: str
    modules: list[str]
    terms: list[Term]
    prefixes: dict[str, str]

    def of_kind(self, kind: str) -> list[Term]:
        return [t for t in self.terms if t.kind == kind]

    def by_curie(self) -> dict[str, Term]:
        return {t.curie: t for t in self.terms}


def _texts(g: Graph, s: Node, p: URIRef) -> dict[str, str]:
    return {o.language or "": str(o) for o in sorted(g.objects(s, p)) if isinstance(o, Literal)}


def _members(g: Graph, node: Node) -> list[Node]:
    """``node``, or the members of the ``owl:unionOf`` list it stands for."""
    union = g.value(node, OWL.unionOf)
    return list(Collection(g, union)) if union is not None else [node]


def read(extra: Iterable[str] = ()) -> OntologyDoc:
    """The documentation records of the core ontology, ``ontology/ext`` and ``extra`` modules."""
    files = ontology_files(extra)
    g = Graph(bind_namespaces="none")
    declared_in: dict[URIRef, str] = {}
    for f in files:
        part = Graph().parse(f, format="turtle")
        g += part
        for prefix, ns in part.namespaces():
            g.bind(prefix, ns, override=False)
        for kind, _ in KINDS:
            for s in part.subjects(RDF.type, kind):
                declared_in.setdefault(s, Path(f).name)  # type: ignore[arg-type]
    nm = g.namespace_manager
    base = str(CKG)
    curie = nm.curie
    terms: dict[URIRef, Term] = {}
    for kind_iri, kind in KINDS:
        for s in sorted(g.subjects(RDF.type, kind_iri)):
            if not isinstance(s, URIRef) or not s.startswith(base) or s in terms:
                continue
            t = Term(str(s), curie(s), str(s)[len(base):], kind, declared_in.get(s, ""))
            t.label, t.definition = _texts(g, s, RDFS.label), _texts(g, s, SKOS.definition)
            t.alt_labels = sorted(str(o) for o in g.objects(s, SKOS.altLabel))
            sup = RDFS.subClassOf if kind == "class" else RDFS.subPropertyOf
            t.parents = sorted(curie(o) for o in g.objects(s, sup) if isinstance(o, URIRef))
            t.domain = sorted(curie(m) for d in g.objects(s, RDFS.domain) for m in _members(g, d)
                              if isinstance(m, URIRef))
            t.range = sorted(curie(m) for r in g.objects(s, RDFS.range) for m in _members(g, r)
                             if isinstance(m, URIRef))
            t.types = sorted(curie(o) for o in g.objects(s, RDF.type)
                             if isinstance(o, URIRef) and o != OWL.NamedIndividual)
            t.matches = sorted(curie(o) for p in _MATCHES for o in g.objects(s, p) if isinstance(o, URIRef))
            t.extracted = (s, CKG.extracted, Literal(True)) in g
            t.shown = (s, CKG.shownInViews, Literal(True)) in g
            terms[s] = t
    by_curie = {t.curie: t for t in terms.values()}
    for t in terms.values():
        for p in t.parents:
            if p in by_curie:
                by_curie[p].children.append(t.curie)
    for t in terms.values():
        t.children.sort()
    onto = next(s for s in g.subjects(RDF.type, OWL.Ontology)
                if (s, URIRef("http://purl.org/vocab/vann/preferredNamespaceUri"), None) in g)
    used = {c.split(":", 1)[0] for t in terms.values()
            for c in (t.curie, *t.parents, *t.domain, *t.range, *t.types, *t.matches)}
    return OntologyDoc(
        iri=str(onto), version_iri=str(g.value(onto, OWL.versionIRI) or ""),
        version_info=str(g.value(onto, OWL.versionInfo) or ""),
        title=_texts(g, onto, DCTERMS.title), description=_texts(g, onto, DCTERMS.description),
        license=str(g.value(onto, DCTERMS.license) or ""),
        modules=[Path(f).name for f in files],
        terms=sorted(terms.values(), key=lambda t: t.key.lower()),
        prefixes={p: str(n) for p, n in sorted(g.namespaces()) if p in used},
    )
