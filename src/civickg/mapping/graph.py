"""One article's triples, destined for the named graph named by the article's IRI."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.term import Node

from civickg.namespace import XSD

Triple = tuple[URIRef, URIRef, Node]


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
    triples: set[Triple] = field(default_factory=set)

    def ntriples(self) -> str:
        """The triples as sorted N-Triples, so the same facts always give the same text."""
        lines = sorted(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} ." for s, p, o in self.triples)
        return "\n".join(lines) + ("\n" if lines else "")

    def __len__(self) -> int:
        return len(self.triples)
