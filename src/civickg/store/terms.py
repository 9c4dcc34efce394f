"""SPARQL 1.1 JSON result terms → pyoxigraph terms."""

from __future__ import annotations

import pyoxigraph as ox


def from_json(t: dict[str, str]) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    kind = t["type"]
    if kind == "uri":
        return ox.NamedNode(t["value"])
    if kind == "bnode":
        return ox.BlankNode(t["value"])
    if "xml:lang" in t:
        return ox.Literal(t["value"], language=t["xml:lang"])
    if "datatype" in t:
        return ox.Literal(t["value"], datatype=ox.NamedNode(t["datatype"]))
    return ox.Literal(t["value"])
