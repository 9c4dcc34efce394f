"""What the views need from the ontology file: class and property labels in Vietnamese and
English, each class's family (its top class) and how specific it is. Nothing is hard-coded:
a class or property added to ``ontology/*.ttl`` or to an extension's module shows up with its own
labels, and one marked ``ckg:shownInViews true`` is drawn (class: as nodes, property: as edges)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rdflib import RDFS, Graph, Literal, URIRef

from civickg.namespace import CKG, OWL, RDF, ontology_graph
from civickg.views.model import ViewClass
from civickg.views.style import FAMILIES, style_for

NODE_FAMILIES = ("Person", "Organization", "Document", "Meeting", "Place", "NewsArticle")


@dataclass(frozen=True)
class Vocabulary:
    classes: dict[str, ViewClass]  # local name -> class (labels, colour, family)
    depth: dict[str, int]  # local name -> number of ckg superclasses
    properties: dict[str, tuple[str, str]]  # full IRI -> (vi, en) label
    labels: dict[str, tuple[str, str]]  # any labelled term (statuses...) -> (vi, en)
    node_families: tuple[str, ...] = ()  # classes marked ckg:shownInViews (local names)
    edge_properties: tuple[str, ...] = ()  # object properties marked ckg:shownInViews (IRIs)

    def iri(self, key: str) -> URIRef:
        return URIRef(str(CKG) + key)

    def key(self, iri: str) -> str | None:
        base = str(CKG)
        k = iri[len(base):] if iri.startswith(base) else None
        return k if k in self.classes else None

    def node_classes(self, families: tuple[str, ...] = NODE_FAMILIES) -> list[str]:
        return sorted(k for k, c in self.classes.items() if c.family in families)

    def prop_label(self, iri: str) -> tuple[str, str]:
        if iri in self.properties:
            return self.properties[iri]
        local = iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        return local, local


def _label(g: Graph, term: URIRef, lang: str) -> str | None:
    return next((str(o) for o in g.objects(term, RDFS.label)
                 if getattr(o, "language", None) == lang), None)


def _ckg_parents(g: Graph, cls: URIRef) -> list[URIRef]:
    return [p for p in g.objects(cls, RDFS.subClassOf)
            if isinstance(p, URIRef) and str(p).startswith(str(CKG))]


def vocabulary(extra: tuple[str, ...] | None = None) -> Vocabulary:
    """The vocabulary of the ontology plus ``extra`` modules (default: those extensions registered)."""
    if extra is None:
        from civickg.extensions import ontology_modules

        extra = ontology_modules()
    return _vocabulary(extra)


@lru_cache(maxsize=4)
def _vocabulary(extra: tuple[str, ...]) -> Vocabulary:
    g = ontology_graph(extra)
    base = str(CKG)
    classes: dict[str, ViewClass] = {}
    depth: dict[str, int] = {}
    for cls in set(g.subjects(RDF.type, OWL.Class)):
        if not isinstance(cls, URIRef) or not str(cls).startswith(base):
            continue
        key = str(cls)[len(base):]
        chain, cur = [key], cls
        while parents := _ckg_parents(g, cur):
            cur = parents[0]
            chain.append(str(cur)[len(base):])
        family = next((k for k in chain if k in FAMILIES), chain[-1])
        colour, shape = style_for(key, family)
        vi, en = _label(g, cls, "vi"), _label(g, cls, "en")
        classes[key] = ViewClass(key, vi or en or key, en or vi or key, colour, shape, family)
        depth[key] = len(chain) - 1
    properties: dict[str, tuple[str, str]] = {}
    labels: dict[str, tuple[str, str]] = {}
    for term in set(g.subjects(RDFS.label, None)):
        if not isinstance(term, URIRef):
            continue
        vi, en = _label(g, term, "vi"), _label(g, term, "en")
        pair = (vi or en or "", en or vi or "")
        labels[str(term)] = pair
        if (term, RDF.type, OWL.ObjectProperty) in g or (term, RDF.type, OWL.DatatypeProperty) in g:
            properties[str(term)] = pair
    shown = sorted(t for t in g.subjects(CKG.shownInViews, Literal(True)) if str(t).startswith(base))
    families = tuple(str(t)[len(base):] for t in shown if str(t)[len(base):] in classes)
    edges = tuple(str(t) for t in shown if (t, RDF.type, OWL.ObjectProperty) in g)
    return Vocabulary(classes, depth, properties, labels, families, edges)
