"""One article's triples: those only it asserts go to the named graph named by the article's
IRI; those that follow from an entity's identity (type, label, searchKey, the person and post
of a tenure, ...) go to the shared entities graph, so the union graph holds them once however
many articles name the entity. (Oxigraph's union default graph keeps duplicates: a triple in
k graphs matches k times, and joins over shared entities would multiply.)"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.term import Node

from civickg.namespace import ID, XSD

Triple = tuple[URIRef, URIRef, Node]
ENTITIES = ID["graph/entities"]


def nt_term(t: Node) -> str:
    """N-Triples form of an IRI or literal (every node the mapper makes has an IRI)."""
    if isinstance(t, URIRef):
        return f"<{t}>"
    if isinstance(t, Literal):
        v = (str(t).replace("\\", "\\\\").replace('"', '\\"')
             .replace("\n", "\\n").replace("\r", "\\r"))
        if t.language:
            return f'"{v}"@{t.language}'
        if t.datatype and t.datatype != XSD.string:
            return f'"{v}"^^<{t.datatype}>'
        return f'"{v}"'
    raise TypeError(f"unsupported term {t!r}")


@dataclass
class ArticleGraph:
    iri: URIRef  # the article's IRI, also the name of its graph
    content_hash: str
    triples: set[Triple] = field(default_factory=set)  # the article's own graph
    entities: set[Triple] = field(default_factory=set)  # for the shared ENTITIES graph

    def ntriples(self) -> str:
        """The article graph as sorted N-Triples (same facts, same text)."""
        return _ntriples(self.triples)

    def entity_ntriples(self) -> str:
        return _ntriples(self.entities)

    def all_triples(self) -> set[Triple]:
        return self.triples | self.entities

    def __len__(self) -> int:
        return len(self.triples) + len(self.entities)


def _ntriples(triples: set[Triple]) -> str:
    lines = sorted(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} ." for s, p, o in triples)
    return "\n".join(lines) + ("\n" if lines else "")
