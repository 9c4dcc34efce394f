"""The plain view model the HTML renderer draws: nodes, edges, classes.

It knows nothing of RDF; ``civickg.views.from_rdf`` fills it from a store. Dates are ISO strings
(``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``); an item with no dates is timeless for the date filter.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field

from civickg.normalize import search_key

__all__ = ["Office", "Provenance", "ViewClass", "ViewEdge", "ViewGraph", "ViewNode",
           "month_index", "search_key"]

_DATE = re.compile(r"(\d{4})(?:-(\d\d))?")


def month_index(date: str | None, end: bool = False) -> int | None:
    """Months since year 0 of an ISO date; a bare year is its January (``end``: December)."""
    m = _DATE.match(date or "")
    if not m:
        return None
    month = int(m.group(2)) if m.group(2) else (12 if end else 1)
    return int(m.group(1)) * 12 + month - 1


@dataclass(slots=True)
class Office:
    role: str
    organization: str | None = None
    start: str | None = None  # first observed
    end: str | None = None  # last observed
    status: str | None = None  # "đương nhiệm", "nguyên", ... as a label


@dataclass(slots=True)
class Provenance:
    title: str | None = None  # the article's headline
    date: str | None = None
    url: str | None = None
    quotes: list[str] = field(default_factory=list)  # evidence sentences / words


@dataclass(slots=True)
class ViewClass:
    key: str  # ontology local name: "Person", "PartyCommittee"
    label_vi: str
    label_en: str
    color: str = "#888888"
    shape: str = "dot"
    family: str = ""  # the top class it belongs to ("Organization" for "PartyCommittee")


@dataclass(slots=True)
class ViewNode:
    id: str
    label: str
    cls: str  # a key of ViewGraph.classes
    canonical_name: str | None = None
    offices: list[Office] = field(default_factory=list)
    provenance: list[Provenance] = field(default_factory=list)
    details: list[tuple[str, str]] = field(default_factory=list)  # extra (field, value) rows
    url: str | None = None  # opened from the node: its source article
    start: str | None = None
    end: str | None = None
    size: float | None = None
    x: float | None = None
    y: float | None = None

    @property
    def search_key(self) -> str:
        return search_key(self.label)


@dataclass(slots=True)
class ViewEdge:
    source: str
    target: str
    label_vi: str = ""
    label_en: str = ""
    start: str | None = None
    end: str | None = None
    kind: str = ""  # property local name ("chair") or "tenure"


@dataclass
class ViewGraph:
    title: str = "civickg"
    nodes: dict[str, ViewNode] = field(default_factory=dict)
    edges: list[ViewEdge] = field(default_factory=list)
    classes: dict[str, ViewClass] = field(default_factory=dict)

    def add_node(self, node: ViewNode) -> ViewNode:
        """Add ``node`` unless its id is there already; the node kept is returned."""
        return self.nodes.setdefault(node.id, node)

    def add_edge(self, edge: ViewEdge) -> None:
        if edge.source not in self.nodes or edge.target not in self.nodes:
            raise KeyError(f"edge {edge.source} -> {edge.target}: unknown node")
        self.edges.append(edge)

    def neighbours(self) -> dict[str, set[str]]:
        adj: dict[str, set[str]] = {n: set() for n in self.nodes}
        for e in self.edges:
            adj[e.source].add(e.target)
            adj[e.target].add(e.source)
        return adj

    def find(self, name: str) -> list[str]:
        """Ids of nodes whose label matches ``name`` without diacritics: exact key matches if
        any, else those containing it as whole words."""
        key = search_key(name)
        if not key:
            return []
        exact = [n.id for n in self.nodes.values() if n.search_key == key]
        if exact:
            return exact
        pat = re.compile(rf"(?:^| ){re.escape(key)}(?: |$)")
        return [n.id for n in self.nodes.values() if pat.search(n.search_key)]

    def around(self, ids: Iterable[str], hops: int) -> ViewGraph:
        """The subgraph within ``hops`` links of ``ids``."""
        adj = self.neighbours()
        seen = {i: 0 for i in ids if i in self.nodes}
        queue = deque(seen)
        while queue:
            cur = queue.popleft()
            if seen[cur] >= hops:
                continue
            for nxt in adj[cur]:
                if nxt not in seen:
                    seen[nxt] = seen[cur] + 1
                    queue.append(nxt)
        return self.subgraph(seen)

    def subgraph(self, ids: Iterable[str], edges: Iterable[ViewEdge] | None = None) -> ViewGraph:
        """The nodes ``ids`` with the edges among them (or the given ``edges`` among them)."""
        keep = {i for i in ids if i in self.nodes}
        sub = ViewGraph(self.title, {i: n for i, n in self.nodes.items() if i in keep})
        sub.edges = [e for e in (self.edges if edges is None else edges)
                     if e.source in keep and e.target in keep]
        used = {n.cls for n in sub.nodes.values()}
        sub.classes = {k: c for k, c in self.classes.items() if k in used}
        return sub

    def class_of(self, node: ViewNode) -> ViewClass:
        return self.classes.get(node.cls) or ViewClass(node.cls, node.cls, node.cls)
