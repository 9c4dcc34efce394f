"""Graph statistics with networkx: counts by class, central persons and organizations on the
co-participation graph, communities, busiest months."""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from typing import Any

import networkx as nx

from civickg.namespace import PREFIXES
from civickg.views.from_rdf import Select
from civickg.views.metrics import betweenness
from civickg.views.model import ViewGraph
from civickg.views.ontology import Vocabulary, vocabulary

_ACTOR_FAMILIES = ("Person", "Organization")
_INVOLVEMENT = {"chair", "speaker", "participant", "organizer"}


def class_counts(select: Select, vocab: Vocabulary | None = None) -> list[dict[str, Any]]:
    """Instances of every ontology class, most numerous first (a node counts in each of its
    classes, so ``Organization`` includes its subclasses)."""
    vocab = vocab or vocabulary()
    rows = select(f"PREFIX ckg: <{PREFIXES['ckg']}>\nSELECT ?t (COUNT(DISTINCT ?s) AS ?n) "
                  "WHERE { ?s a ?t } GROUP BY ?t")
    out = []
    for r in rows:
        key = vocab.key(r["t"])
        if key:
            c = vocab.classes[key]
            out.append({"class": key, "label_vi": c.label_vi, "label_en": c.label_en,
                        "count": int(r["n"])})
    return sorted(out, key=lambda d: (-d["count"], d["class"]))


def coparticipation(g: ViewGraph) -> nx.Graph:
    """Persons and organizations, linked when they take part in (or organize) the same
    meeting, weighted by the number of meetings; tenures link a person to the organization."""
    fam = {k: c.family for k, c in g.classes.items()}
    actors = {n.id for n in g.nodes.values() if fam.get(n.cls) in _ACTOR_FAMILIES}
    by_meeting: dict[str, set[str]] = {}
    cg = nx.Graph()
    cg.add_nodes_from(actors)
    for e in g.edges:
        if e.kind in _INVOLVEMENT and e.target in actors:
            by_meeting.setdefault(e.source, set()).add(e.target)
        elif e.kind == "tenure" and e.source in actors and e.target in actors:
            _bump(cg, e.source, e.target)
    for members in by_meeting.values():
        for a, b in combinations(sorted(members), 2):
            _bump(cg, a, b)
    return cg


def _bump(g: nx.Graph, a: str, b: str) -> None:
    if g.has_edge(a, b):
        g[a][b]["weight"] += 1
    else:
        g.add_edge(a, b, weight=1)


def graph_stats(g: ViewGraph, select: Select | None = None, top: int = 10) -> dict[str, Any]:
    fam = {k: c.family for k, c in g.classes.items()}
    cg = coparticipation(g)
    linked = cg.subgraph([n for n in cg if cg.degree(n) > 0])
    btw = betweenness(linked) if linked.number_of_nodes() else {}

    def ranking(family: str) -> list[dict[str, Any]]:
        rows = [{"id": n, "label": g.nodes[n].label, "degree": cg.degree(n),
                 "weighted_degree": cg.degree(n, weight="weight"),
                 "betweenness": round(btw.get(n, 0.0), 4)}
                for n in cg if fam.get(g.nodes[n].cls) == family and cg.degree(n) > 0]
        rows.sort(key=lambda r: (-r["degree"], -r["betweenness"], r["label"]))
        return rows[:top]

    communities = []
    if linked.number_of_edges():
        found = nx.community.louvain_communities(linked, weight="weight", seed=7)
        for c in sorted(found, key=len, reverse=True)[:top]:
            members = sorted(c, key=lambda n: -cg.degree(n))
            communities.append({"size": len(c),
                                "members": [g.nodes[n].label for n in members[:8]]})
    months: Counter[str] = Counter()
    for n in g.nodes.values():
        if fam.get(n.cls) == "Meeting" and n.start and len(n.start) >= 7:
            months[n.start[:7]] += 1
    out: dict[str, Any] = {
        "nodes": len(g.nodes), "edges": len(g.edges),
        "coparticipation": {"nodes": linked.number_of_nodes(), "edges": linked.number_of_edges()},
        "central_persons": ranking("Person"),
        "central_organizations": ranking("Organization"),
        "communities": communities,
        "busiest_months": [{"month": m, "meetings": k}
                           for m, k in sorted(months.items(), key=lambda x: (-x[1], x[0]))[:top]],
    }
    if select is not None:
        out["classes"] = class_counts(select)
    return out


def stats_table(stats: dict[str, Any], lang: str = "vi") -> str:
    """Plain-text tables of ``graph_stats``."""
    lines: list[str] = []

    def table(title: str, header: list[str], rows: list[list[Any]]) -> None:
        if not rows:
            return
        cells = [header, *[[str(c) for c in r] for r in rows]]
        widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
        lines.append(title)
        for j, r in enumerate(cells):
            lines.append(("  " + "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True))).rstrip())
            if j == 0:
                lines.append("  " + "  ".join("-" * w for w in widths))
        lines.append("")

    label = "label_vi" if lang == "vi" else "label_en"
    table("Classes", ["class", "label", "count"],
          [[c["class"], c[label], c["count"]] for c in stats.get("classes", [])])
    for key, title in (("central_persons", "Most central persons (co-participation)"),
                       ("central_organizations", "Most central organizations")):
        table(title, ["name", "degree", "weighted", "betweenness"],
              [[r["label"], r["degree"], r["weighted_degree"], r["betweenness"]]
               for r in stats[key]])
    table("Communities (Louvain)", ["size", "main members"],
          [[c["size"], ", ".join(c["members"])] for c in stats["communities"]])
    table("Busiest months (meetings)", ["month", "meetings"],
          [[m["month"], m["meetings"]] for m in stats["busiest_months"]])
    cp = stats["coparticipation"]
    lines.append(f"{stats['nodes']} nodes, {stats['edges']} edges in the view; co-participation "
                 f"graph {cp['nodes']} nodes, {cp['edges']} edges")
    return "\n".join(lines) + "\n"
