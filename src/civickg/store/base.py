"""What every graph store offers the commands: one named graph per article, replaced
atomically; SPARQL over the union of the graphs; export; the stored content hashes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

import pyoxigraph as ox

from civickg.mapping.graph import ENTITIES, ArticleGraph
from civickg.namespace import CKG, PREFIXES

EXPORT_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}
EXPORT_PREFIXES = {p: PREFIXES[p] for p in
                   ("ckg", "rdf", "rdfs", "xsd", "skos", "org", "schema", "prov", "oa")}
CONTENT_HASH = ox.NamedNode(str(CKG.contentHash))
HASHES_QUERY = f"SELECT ?g ?h WHERE {{ GRAPH ?g {{ ?g <{CKG.contentHash}> ?h }} }}"
ALL_QUADS_QUERY = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
# Entity triples nobody names any more (after a retraction or a rebuild that dropped a name).
PRUNE_UPDATE = f"""DELETE {{ GRAPH <{ENTITIES}> {{ ?s ?p ?o }} }} WHERE {{
  GRAPH <{ENTITIES}> {{ ?s ?p ?o }}
  FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?p2 ?o2 }} FILTER (?g != <{ENTITIES}>) }}
  FILTER NOT EXISTS {{ GRAPH ?g {{ ?x ?y ?s }} FILTER (?g != <{ENTITIES}>) }}
}}"""


def new_graph_nquads(graph: ArticleGraph) -> bytes:
    """The article graph and its entity triples as N-Quads, for a graph not yet stored: one
    ``load`` (one transaction) costs about 3/4 of parsing the same triples as an update."""
    nquads = getattr(graph, "nquads", None)
    if nquads is not None:  # an ArticleGraph, or one a build worker made
        return nquads()
    return to_nquads(graph.ntriples(), str(graph.iri), graph.entity_ntriples())


def to_nquads(ntriples: str, graph_iri: str, entity_ntriples: str) -> bytes:
    g, e = f"<{graph_iri}> .\n", f"<{ENTITIES}> .\n"
    # split on "\n" alone: literals may hold U+2028 and the like, which splitlines() breaks at
    return ("".join(line[:-1] + g for line in ntriples.split("\n") if line)
            + "".join(line[:-1] + e for line in entity_ntriples.split("\n") if line)).encode()


def replace_update(graph: ArticleGraph) -> str:
    """One SPARQL update replacing the article graph and adding its entity triples: applied as
    one transaction, so readers never see the article half-replaced."""
    g = f"<{graph.iri}>"
    return (f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{\nGRAPH {g} {{\n{graph.ntriples()}}}\n"
            f"GRAPH <{ENTITIES}> {{\n{graph.entity_ntriples()}}}\n}}")


@dataclass
class QueryResult:
    """A query's answer: SPARQL 1.1 JSON results (SELECT/ASK) or N-Triples (CONSTRUCT/DESCRIBE)."""

    variables: list[str] = field(default_factory=list)
    bindings: list[dict[str, dict[str, str]]] = field(default_factory=list)
    boolean: bool | None = None
    ntriples: str | None = None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> QueryResult:
        if "boolean" in data:
            return cls(boolean=bool(data["boolean"]))
        return cls(data["head"].get("vars", []), data["results"]["bindings"])

    @property
    def kind(self) -> str:
        if self.ntriples is not None:
            return "graph"
        return "boolean" if self.boolean is not None else "bindings"

    def to_json(self) -> dict[str, Any]:
        if self.boolean is not None:
            return {"head": {}, "boolean": self.boolean}
        return {"head": {"vars": self.variables}, "results": {"bindings": self.bindings}}

    def rows(self) -> list[dict[str, str]]:
        """The bindings as plain values (IRIs, lexical forms); unbound variables are absent."""
        return [{k: v["value"] for k, v in b.items()} for b in self.bindings]

    def column(self, var: str) -> list[str]:
        return [b[var]["value"] for b in self.bindings if var in b]

    def triples(self) -> list[ox.Triple]:
        return list(ox.parse((self.ntriples or "").encode(), format=ox.RdfFormat.N_TRIPLES))


@runtime_checkable
class GraphStore(Protocol):
    """Implemented by ``EmbeddedStore`` (pyoxigraph on disk) and ``RemoteStore`` (SPARQL 1.1
    endpoint + Graph Store Protocol)."""

    def replace(self, graph: ArticleGraph) -> None:
        """Drop the article's named graph and insert ``graph`` in one transaction/request."""

    def remove(self, graph_iri: str, prune: bool = True) -> bool:
        """Drop an article's graph and (``prune``) orphaned entities; False if it did not exist."""

    def add_new(self, graphs: Sequence[ArticleGraph]) -> None:
        """Store the graphs of articles not stored yet, all or none (one atomic step where
        the store offers one)."""

    def prune(self) -> None:
        """Delete entity triples that no article graph refers to any more."""

    def prune_if_needed(self) -> None:
        """``prune`` unless the store knows nothing was replaced or removed since the last one."""

    def content_hashes(self) -> dict[str, str]:
        """Graph IRI → content hash of every stored article graph."""

    def query(self, sparql: str) -> QueryResult:
        """Run a SELECT/ASK/CONSTRUCT/DESCRIBE with the union of all graphs as default graph."""

    def quads(self) -> list[ox.Quad]:
        """Every quad of every named graph."""

    def close(self) -> None: ...


def export(store: GraphStore, fmt: str) -> bytes:
    """Serialise the store: ``trig``/``nquads``/``jsonld`` keep the article graphs, ``turtle``
    is their union. Quads are sorted so the same store always gives the same bytes."""
    quads = sorted(store.quads(), key=lambda q: (str(q.graph_name), str(q.subject),
                                                str(q.predicate), str(q.object)))
    rdf_format = EXPORT_FORMATS[fmt]
    data: list[Any] = quads
    if not rdf_format.supports_datasets:
        data = sorted({q.triple for q in quads}, key=str)
    if rdf_format == ox.RdfFormat.N_QUADS:
        return ox.serialize(data, format=rdf_format)
    return ox.serialize(data, format=rdf_format, prefixes=EXPORT_PREFIXES)


def results_json(result: QueryResult) -> str:
    return json.dumps(result.to_json(), ensure_ascii=False, indent=1)
