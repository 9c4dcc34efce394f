"""networkx views of a ViewGraph and the centrality measures nodes can be sized by."""

from __future__ import annotations

from typing import Any

import networkx as nx

from civickg.views.model import ViewGraph

CENTRALITIES = ("degree", "betweenness", "pagerank")
_EXACT_BETWEENNESS_MAX = 1500  # above this, sample pivots: exact betweenness is O(N·E)


def to_networkx(graph: ViewGraph) -> nx.Graph:
    """Undirected simple graph of the view; parallel edges add to ``weight``."""
    g = nx.Graph()
    for n in graph.nodes.values():
        g.add_node(n.id, cls=n.cls, label=n.label)
    for e in graph.edges:
        if e.source == e.target:
            continue
        if g.has_edge(e.source, e.target):
            g[e.source][e.target]["weight"] += 1
        else:
            g.add_edge(e.source, e.target, weight=1)
    return g


def betweenness(g: nx.Graph, seed: int = 7) -> dict[Any, float]:
    k = None if g.number_of_nodes() <= _EXACT_BETWEENNESS_MAX else _EXACT_BETWEENNESS_MAX // 5
    return nx.betweenness_centrality(g, k=k, seed=seed)


def centrality(graph: ViewGraph, measure: str) -> dict[str, float]:
    g = to_networkx(graph)
    if measure == "degree":
        return {n: float(d) for n, d in g.degree()}
    if measure == "betweenness":
        return betweenness(g)
    if measure == "pagerank":
        return nx.pagerank(g, weight="weight")
    raise ValueError(f"unknown centrality {measure!r}; choose one of {', '.join(CENTRALITIES)}")


def node_sizes(graph: ViewGraph, measure: str, lo: float = 8.0,
               hi: float = 40.0) -> dict[str, float]:
    """Node sizes in pixels, ``lo`` to ``hi`` by the square root of the measure."""
    values = centrality(graph, measure)
    top = max(values.values(), default=0.0)
    if top <= 0:
        return {n: lo for n in values}
    return {n: lo + (hi - lo) * (v / top) ** 0.5 for n, v in values.items()}
