"""View model, renderer and escaping, without a browser."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import numpy as np
import pytest

from civickg.views.layout import force_layout
from civickg.views.model import ViewEdge, ViewGraph, ViewNode, month_index, search_key
from civickg.views.render import load_assets, payload, render_html, safe_json, safe_url
from civickg.views.synthetic import synthetic_graph

EVIL = "</script><script>window.__pwned=1</script>\u2028<!-- & \"'"


def _small() -> ViewGraph:
    g = ViewGraph("Tiêu đề <b>đậm</b> & </title>")
    for i, (label, cls) in enumerate([("Phạm Văn Hiểu", "Person"), ("Phạm Văn Hiếu", "Person"),
                                      ("Thành ủy Cần Thơ", "PartyCommittee"), (EVIL, "Person")]):
        g.add_node(ViewNode(f"n{i}", label, cls))
    g.add_edge(ViewEdge("n0", "n2", "Phó Bí thư", "Phó Bí thư", "2019-10-08", "2020-01", "tenure"))
    g.add_edge(ViewEdge("n1", "n2", EVIL, EVIL))
    return g


def test_search_key_folds_diacritics_and_d() -> None:
    assert search_key("Phạm Văn Hiểu") == "pham van hieu"
    assert search_key("ĐẶNG Thị Đông") == "dang thi dong"
    assert ViewNode("x", "Thành uỷ Cần Thơ", "Organization").search_key == "thanh uy can tho"


def test_find_and_around() -> None:
    g = _small()
    assert g.find("pham van hieu") == ["n0", "n1"]  # both spellings fold the same
    assert g.find("can tho") == ["n2"]
    assert g.find("nobody") == []
    sub = g.around(["n0"], 1)
    assert set(sub.nodes) == {"n0", "n2"} and len(sub.edges) == 1
    assert set(g.around(["n0"], 2).nodes) == {"n0", "n1", "n2"}
    with pytest.raises(KeyError):
        g.add_edge(ViewEdge("n0", "missing"))


def test_month_index() -> None:
    assert month_index("2019-10-08") == 2019 * 12 + 9
    assert month_index("2019") == 2019 * 12
    assert month_index("2019", end=True) == 2019 * 12 + 11
    assert month_index(None) is None and month_index("soon") is None


def test_safe_json_cannot_end_a_script_and_round_trips() -> None:
    text = safe_json({"label": EVIL})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"label": EVIL}


def test_safe_url_keeps_only_http() -> None:
    assert safe_url("https://cantho.gov.vn/tin?id=1") == "https://cantho.gov.vn/tin?id=1"
    for bad in ("javascript:alert(1)", "data:text/html,x", "//evil", "http://a b", None, ""):
        assert safe_url(bad) is None


def test_page_is_self_contained_and_escaped() -> None:
    html = render_html(_small())
    assert "window.__pwned=1</script>" not in html  # the label only exists JSON-escaped
    assert "<b>đậm</b>" not in html and "Tiêu đề &lt;b&gt;đậm&lt;/b&gt; &amp; &lt;/title&gt;" in html
    # nothing is loaded from anywhere: no src/href attributes, no @import, CSP forbids it
    assert not re.search(r"<(script|link|img|iframe)[^>]*\s(src|href)=", html, re.I)
    assert "cdnjs" not in html and "jsdelivr" not in html and "@import" not in html
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'none'" in csp
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(scripts) == 2  # vis-network and our viewer, both allowed by hash only
    for code in scripts:
        digest = base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    block = re.search(r'<script type="application/json" id="ckg-data">(.*?)</script>', html, re.S)
    data = json.loads(block.group(1))
    assert [n["label"] for n in data["nodes"]][3] == EVIL
    assert scripts[0] == load_assets().vis_js


def test_payload_dates_classes_and_physics() -> None:
    g = _small()
    data = payload(g)
    assert data["physics"] is True  # small graphs get a live, capped layout
    tenure = data["edges"][0]
    assert (tenure["s"], tenure["e"]) == (2019 * 12 + 9, 2020 * 12)
    assert data["period"] == {"min": 2019 * 12 + 9, "max": 2020 * 12}
    assert {c["key"]: c["count"] for c in data["classes"]} == {"Person": 3, "PartyCommittee": 1}
    big = payload(synthetic_graph(400), size_by="degree")
    assert big["physics"] is False
    assert all("x" in n and "y" in n and n["size"] >= 8 for n in big["nodes"])
    assert len(big["edges"]) == len(synthetic_graph(400).edges)  # parallel edges kept


def test_layout_spreads_nodes_and_keeps_edges_short() -> None:
    g = synthetic_graph(1500)
    ids = list(g.nodes)
    index = {n: i for i, n in enumerate(ids)}
    edges = np.array([(index[e.source], index[e.target]) for e in g.edges])
    pos = force_layout(len(ids), edges)
    assert np.isfinite(pos).all()
    rnd = np.random.default_rng(0).integers(0, len(ids), size=(2000, 2))
    random_len = np.median(np.linalg.norm(pos[rnd[:, 0]] - pos[rnd[:, 1]], axis=1))
    edge_len = np.median(np.linalg.norm(pos[edges[:, 0]] - pos[edges[:, 1]], axis=1))
    assert edge_len < random_len / 2  # linked nodes sit closer than random pairs
    # no pile-up: few nodes closer than a node's diameter to another
    from scipy.spatial import cKDTree

    assert len(cKDTree(pos).query_pairs(5.0)) < len(ids) * 0.05
