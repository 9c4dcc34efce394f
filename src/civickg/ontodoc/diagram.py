"""The ontology drawn as a graph with the views' renderer: a node per ``ckg:`` class (coloured and
grouped in the legend like its instances in the data views), an edge from each class to its
super-class and, for each object property, from its domain to its range."""

from __future__ import annotations

from pathlib import Path

from civickg.ontodoc.terms import OntologyDoc, Term
from civickg.views.model import ViewEdge, ViewGraph, ViewNode
from civickg.views.ontology import vocabulary
from civickg.views.render import write_html


def diagram(doc: OntologyDoc, extra: tuple[str, ...]) -> ViewGraph:
    vocab = vocabulary(extra)
    g = ViewGraph(f"{doc.title.get('vi', '')} / {doc.title.get('en', '')} {doc.version_info}")
    known = doc.by_curie()
    for t in doc.of_kind("class"):
        g.add_node(ViewNode(t.iri, t.label.get("vi") or t.key, t.key, canonical_name=t.curie,
                            details=[("en", t.label.get("en", "")), ("IRI", t.curie),
                                     ("", t.definition.get("vi", ""))]))
        if t.key in vocab.classes:
            g.classes[t.key] = vocab.classes[t.key]
    for t in doc.of_kind("class"):
        for p in t.parents:
            if p in known:
                g.add_edge(ViewEdge(t.iri, known[p].iri, "lớp con của", "subclass of", kind="subClassOf"))
    for p in doc.of_kind("object property"):
        for d in _inherited(p, known, "domain"):
            for r in _inherited(p, known, "range"):
                if d in known and r in known:
                    g.add_edge(ViewEdge(known[d].iri, known[r].iri, p.label.get("vi", p.key),
                                        p.label.get("en", p.key), kind=p.key))
    return g


def _inherited(p: Term, known: dict[str, Term], attr: str) -> list[str]:
    """``p``'s domain or range, else its nearest super-property's (``chair`` ⊑ ``participant``)."""
    seen: set[str] = set()
    todo = [p]
    while todo:
        t = todo.pop(0)
        if getattr(t, attr):
            return getattr(t, attr)
        seen.add(t.curie)
        todo += [known[x] for x in t.parents if x in known and x not in seen]
    return []


def write_diagram(doc: OntologyDoc, extra: tuple[str, ...], path: Path) -> Path:
    return write_html(diagram(doc, extra), path, size_by="none", physics=True)
