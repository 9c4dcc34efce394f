"""ViewGraph → one self-contained HTML file drawn by vis-network.

Not pyvis' own template: it links bootstrap and (even with ``in_line``/``local``) vis-network
from CDNs, puts the data into a JS literal, and its ``add_edge`` drops parallel edges. We take
vis-network 9.1.2 from the pyvis wheel and inline it. The data goes into a
``<script type="application/json">`` block with ``<``, ``>``, ``&`` and U+2028/9 escaped, so
no text from an article can end the block or run; the page's Content-Security-Policy allows
only our two scripts (by hash) and no network access at all.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from civickg import __version__
from civickg.views.model import ViewGraph, ViewNode, month_index

PHYSICS_MAX_NODES = 300  # above this the layout is computed here and physics is off
EDGE_LABELS_MAX_EDGES = 3000  # edge labels start switched off above this
VIS_VERSION = "9.1.2"

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                 "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")
_SAFE_URL = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)


def safe_json(obj: Any) -> str:
    """JSON that can sit inside any ``<script>`` element (and is still valid JSON)."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group()], text)


def safe_url(url: str | None) -> str | None:
    """``url`` if it is a plain http(s) URL, else None (no ``javascript:`` and the like)."""
    return url if url and _SAFE_URL.fullmatch(url) else None


@dataclass(frozen=True)
class Assets:
    vis_js: str
    vis_css: str
    viewer_js: str
    viewer_css: str
    template: str


def load_assets() -> Assets:
    vis = resources.files("pyvis") / "lib" / f"vis-{VIS_VERSION}"
    ours = resources.files("civickg.views") / "assets"
    return Assets(
        vis_js=(vis / "vis-network.min.js").read_text(encoding="utf-8"),
        vis_css=(vis / "vis-network.css").read_text(encoding="utf-8"),
        viewer_js=(ours / "viewer.js").read_text(encoding="utf-8"),
        viewer_css=(ours / "viewer.css").read_text(encoding="utf-8"),
        template=(ours / "template.html").read_text(encoding="utf-8"),
    )


def _script_hash(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode()).digest()).decode() + "'"


def _node_json(n: ViewNode, pos: tuple[float, float] | None, size: float | None) -> dict:
    d: dict[str, Any] = {"id": n.id, "label": n.label, "cls": n.cls, "k": n.search_key}
    if pos is not None:
        d["x"], d["y"] = round(pos[0], 1), round(pos[1], 1)
    if size:
        d["size"] = round(size, 1)
    if url := safe_url(n.url):
        d["url"] = url
    s, e = month_index(n.start), month_index(n.end or n.start, end=True)
    if n.start and s is not None:
        d["s"] = s
    if (n.end or n.start) and e is not None:
        d["e"] = e
    if n.canonical_name:
        d["name"] = n.canonical_name
    if n.offices:
        d["offices"] = [[o.role, o.organization, o.start, o.end, o.status] for o in n.offices]
    if n.provenance:
        d["prov"] = [[p.title, p.date, safe_url(p.url), p.quotes] for p in n.provenance]
    if n.details:
        d["details"] = [list(row) for row in n.details]
    return d


def payload(graph: ViewGraph, *, size_by: str | None = None, physics: bool | None = None,
            lang: str = "vi", edge_labels: bool | None = None) -> dict[str, Any]:
    """The JSON the page reads: nodes (with precomputed positions unless physics is on),
    edges, classes with counts, and the month range of the date filter."""
    if physics is None:
        physics = len(graph.nodes) <= PHYSICS_MAX_NODES
    ids = list(graph.nodes)
    positions: dict[str, tuple[float, float]] = {}
    if not physics and ids:
        positions = _positions(graph, ids)
    sizes: dict[str, float] = {}
    if size_by and size_by != "none":
        from civickg.views.metrics import node_sizes

        sizes = node_sizes(graph, size_by)
    nodes = [_node_json(graph.nodes[i], positions.get(i), sizes.get(i)) for i in ids]
    edges = []
    for i, e in enumerate(graph.edges):
        d: dict[str, Any] = {"id": f"e{i}", "from": e.source, "to": e.target,
                             "vi": e.label_vi, "en": e.label_en or e.label_vi}
        s, t = month_index(e.start), month_index(e.end or e.start, end=True)
        if e.start and s is not None:
            d["s"], d["ds"] = s, e.start
        if (e.end or e.start) and t is not None:
            d["e"], d["de"] = t, e.end or e.start
        edges.append(d)
    months = [v for x in (*nodes, *edges) for k, v in x.items() if k in ("s", "e")]
    counts: dict[str, int] = {}
    for n in graph.nodes.values():
        counts[n.cls] = counts.get(n.cls, 0) + 1
    classes = []
    for key in _class_order(graph, counts):
        c = graph.classes.get(key)
        classes.append({"key": key, "vi": c.label_vi if c else key, "en": c.label_en if c else key,
                        "color": c.color if c else "#999999", "shape": c.shape if c else "dot",
                        "family": (c.family if c else "") or key, "count": counts.get(key, 0)})
    if edge_labels is None:
        edge_labels = len(edges) <= EDGE_LABELS_MAX_EDGES
    return {
        "title": graph.title, "lang": lang, "physics": physics, "edgeLabels": edge_labels,
        "period": {"min": min(months), "max": max(months)} if months else None,
        "classes": classes, "nodes": nodes, "edges": edges,
    }


def _class_order(graph: ViewGraph, counts: dict[str, int]) -> list[str]:
    """Families in a fixed order, each followed by its subclasses; only classes in use."""
    from civickg.views.style import FAMILIES

    rank = {f: i for i, f in enumerate(FAMILIES)}

    def key(k: str) -> tuple[int, str, int, str]:
        c = graph.classes.get(k)
        fam = (c.family if c else "") or k
        return (rank.get(fam, len(rank)), fam, 0 if k == fam else 1, k)

    return sorted(counts, key=key)


def _positions(graph: ViewGraph, ids: list[str]) -> dict[str, tuple[float, float]]:
    import numpy as np

    from civickg.views.layout import force_layout

    index = {n: i for i, n in enumerate(ids)}
    pairs = np.array([(index[e.source], index[e.target]) for e in graph.edges], dtype=np.int64)
    iterations = 80 if len(ids) <= 5000 else 50
    pos = force_layout(len(ids), pairs, iterations=iterations)
    return {n: (float(pos[i, 0]), float(pos[i, 1])) for n, i in index.items()}


def render_html(graph: ViewGraph, *, size_by: str | None = None, physics: bool | None = None,
                lang: str = "vi", edge_labels: bool | None = None,
                assets: Assets | None = None) -> str:
    """The page as a string; see ``payload`` for the options."""
    a = assets or load_assets()
    data = payload(graph, size_by=size_by, physics=physics, lang=lang, edge_labels=edge_labels)
    csp = ("default-src 'none'; "
           f"script-src {_script_hash(a.vis_js)} {_script_hash(a.viewer_js)}; "
           "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'")
    parts = {
        "CSP": csp, "VERSION": html.escape(__version__), "TITLE": html.escape(graph.title),
        "VIS_CSS": a.vis_css, "VIEWER_CSS": a.viewer_css, "DATA": safe_json(data),
        "VIS_JS": a.vis_js, "VIEWER_JS": a.viewer_js,
    }
    # one pass over the template only: inserted text is never scanned for placeholders
    return re.sub(r"@@([A-Z_]+)@@", lambda m: parts[m.group(1)], a.template)


def write_html(graph: ViewGraph, path: str | Path, **options: Any) -> Path:
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_html(graph, **options), encoding="utf-8")
    return out
