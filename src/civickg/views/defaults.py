"""The views a newcomer opens first: the overview plus one focused view each of the best
connected person, the most discussed resolution and the busiest meeting."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from civickg.views.from_rdf import build_view, store_select
from civickg.views.model import ViewGraph
from civickg.views.render import write_html


def _families(g: ViewGraph) -> dict[str, str]:
    return {k: c.family for k, c in g.classes.items()}


def _most_linked(g: ViewGraph, family: str, cls: str | None = None) -> str | None:
    fam = _families(g)
    degree: dict[str, int] = {}
    for e in g.edges:
        for n in (e.source, e.target):
            degree[n] = degree.get(n, 0) + 1
    candidates = [n for n in g.nodes.values()
                  if fam.get(n.cls) == family and (cls is None or n.cls == cls)]
    if not candidates:
        return None
    return max(candidates, key=lambda n: (degree.get(n.id, 0), n.label)).id


def write_default_views(store: Any, out_dir: str | Path, hops: int = 2) -> list[Path]:
    """Write ``overview.html``, ``person.html``, ``resolution.html`` and ``meeting.html``
    (those whose subject exists) into ``out_dir``; return the paths written."""
    out = Path(out_dir)
    full = build_view(store_select(store), title="civickg — toàn bộ đồ thị / overview")
    written = [write_html(full, out / "overview.html", size_by="degree")]
    picks = (("person.html", _most_linked(full, "Person")),
             ("resolution.html", _most_linked(full, "Document", "Resolution")
              or _most_linked(full, "Document")),
             ("meeting.html", _most_linked(full, "Meeting")))
    for name, node_id in picks:
        if node_id is None:
            continue
        sub = full.around([node_id], hops)
        sub.title = f"{full.nodes[node_id].label} — {hops} bước / hops"
        written.append(write_html(sub, out / name))
    return written
