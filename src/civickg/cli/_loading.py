"""Loading the union graph (from a store or an RDF file) into rdflib for pySHACL/owlready2."""

from __future__ import annotations

from typing import Any

from civickg.cli._graph import open_graph_store


def union_quads(data_file: str | None, store_dir: str | None, endpoint: str | None,
                gsp: str | None) -> list[Any]:
    import pyoxigraph as ox

    if data_file:
        return list(ox.parse(path=data_file))
    store = open_graph_store(store_dir, endpoint, gsp)
    try:
        return store.quads()
    finally:
        store.close()


def ntriples(quads: list[Any]) -> bytes:
    import pyoxigraph as ox

    return ox.serialize({q.triple if hasattr(q, "triple") else q for q in quads},
                        format=ox.RdfFormat.N_TRIPLES)


def union_graph(data_file: str | None, store_dir: str | None, endpoint: str | None,
                gsp: str | None) -> Any:
    from rdflib import Graph

    quads = union_quads(data_file, store_dir, endpoint, gsp)
    return Graph().parse(data=ntriples(quads), format="nt")
