"""The HTML views in real headless Chromium: offline, complete, searchable, filterable, safe."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from civickg.views.model import Provenance, ViewEdge, ViewGraph, ViewNode
from civickg.views.render import write_html
from civickg.views.synthetic import synthetic_graph

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
EVIL = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'


def _graph() -> ViewGraph:
    """A 400-node news-shaped graph (precomputed layout) plus a known person and hostile
    labels, tooltips and URLs."""
    g = synthetic_graph(400, seed=3)
    hieu = g.add_node(ViewNode("urn:test:hieu", "Phạm Văn Hiểu", "Person",
                               url="https://example.org/tin/hieu"))
    evil = g.add_node(ViewNode("urn:test:evil", EVIL, "Person", canonical_name=EVIL,
                               provenance=[Provenance(EVIL, "2019-10-08", "javascript:alert(1)",
                                                      [EVIL + "</script>"])],
                               details=[(EVIL, EVIL)], url="javascript:window.__pwned=3"))
    meeting = next(n for n in g.nodes.values() if n.cls == "Conference")
    g.add_edge(ViewEdge(meeting.id, hieu.id, "chủ trì", "chair", meeting.start, meeting.end,
                        kind="chair"))
    g.add_edge(ViewEdge(evil.id, hieu.id, EVIL, EVIL, kind="x"))
    return g


@pytest.fixture(scope="module")
def view(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ViewGraph]:
    g = _graph()
    return write_html(g, tmp_path_factory.mktemp("view") / "graph.html", size_by="degree"), g


def test_loads_offline_with_every_node_and_edge_drawn(page: Any, view: Any) -> None:
    path, g = view
    p = page.open(path)
    assert page.requests and all(u.startswith("file://") for u in page.requests), page.requests
    drawn = p.evaluate("ckg.drawn()")
    assert drawn == {"nodes": len(g.nodes), "edges": len(g.edges)}
    assert p.evaluate("ckg.nodes.length") == len(g.nodes)
    assert p.evaluate("ckg.network.physics.options.enabled") is False  # 400 > 300: precomputed
    assert page.errors() == []


@pytest.mark.parametrize("csp", [True, False], ids=["with-csp", "csp-bypassed"])
def test_injected_markup_never_runs(page: Any, page_without_csp: Any, view: Any,
                                    csp: bool) -> None:
    path, _ = view
    page = page if csp else page_without_csp
    p = page.open(path)
    p.evaluate("ckg.showDetails('urn:test:evil')")
    p.fill("#search", "script")
    p.wait_for_selector("#results li")
    assert p.evaluate("window.__pwned") is None
    assert p.locator("#details h3").inner_text() == EVIL  # shown as text
    assert p.locator("#details img, #results img, #tip img").count() == 0
    assert p.locator("#details a.open").count() == 0  # javascript: URL dropped
    pt = p.evaluate("""() => {
        const net = ckg.network, id = 'urn:test:evil';
        net.focus(id, {scale: 1.5});
        const d = net.canvasToDOM(net.getPosition(id));
        const r = document.getElementById('graph').getBoundingClientRect();
        return {x: r.left + d.x, y: r.top + d.y};
    }""")
    p.mouse.move(pt["x"] - 30, pt["y"] - 30)
    p.mouse.move(pt["x"], pt["y"])  # the hover tooltip of the hostile node
    page.wait("!document.getElementById('tip').hidden")
    assert EVIL in p.locator("#tip").inner_text()
    assert p.evaluate("window.__pwned") is None
    assert p.evaluate("ckg.nodes.get('urn:test:evil').label") == EVIL
    assert page.errors() == []


def test_search_without_diacritics_focuses_the_node(page: Any, view: Any) -> None:
    path, _ = view
    p = page.open(path)
    p.fill("#search", "pham van hieu")
    p.wait_for_selector("#results li")
    assert p.locator("#results li").first.inner_text().startswith("Phạm Văn Hiểu")
    p.press("#search", "Enter")
    assert p.evaluate("ckg.network.getSelectedNodes()") == ["urn:test:hieu"]
    assert p.evaluate("ckg.focused") == "urn:test:hieu"
    assert p.locator("#details h3").inner_text() == "Phạm Văn Hiểu"
    assert p.locator("#details a.open").get_attribute("href") == "https://example.org/tin/hieu"
    assert p.evaluate("ckg.search('PHAM VAN HIEU')[0].id") == "urn:test:hieu"
    assert p.evaluate("ckg.fold('Đặng Thị Đông')") == "dang thi dong"


def test_class_filter_hides_nodes(page: Any, view: Any) -> None:
    path, g = view
    p = page.open(path)
    persons = sum(n.cls == "Person" for n in g.nodes.values())
    p.locator("#legend-list input[data-cls='Person']").uncheck()
    drawn = p.evaluate("ckg.drawn()")
    assert drawn["nodes"] == len(g.nodes) - persons
    ids = p.evaluate("ckg.network.body.nodeIndices")
    assert not any(i.startswith("urn:person:") for i in ids)
    p.locator("#legend-list input[data-cls='Person']").check()
    assert p.evaluate("ckg.drawn()")["nodes"] == len(g.nodes)


def test_date_filter_shows_the_graph_as_of_a_period(page: Any, view: Any) -> None:
    path, g = view
    p = page.open(path)
    meetings = [n for n in g.nodes.values() if n.cls in ("Conference", "CouncilSession",
                                                         "Congress", "WorkingSession")]
    in_2019 = {n.id for n in meetings if n.start and n.start.startswith("2019")}
    p.evaluate("""() => {
        const f = document.getElementById('from'), t = document.getElementById('to');
        f.value = 2019 * 12; f.dispatchEvent(new Event('input'));
        t.value = 2019 * 12 + 11; t.dispatchEvent(new Event('input'));
    }""")
    page.wait(f"ckg.drawn().nodes < {len(g.nodes)}")
    shown = set(p.evaluate("ckg.network.body.nodeIndices"))
    assert {n.id for n in meetings} & shown == in_2019
    assert p.locator("#from-out").inner_text() == "01/2019"
    assert p.evaluate("ckg.drawn().edges") < len(g.edges)
    p.click("#period-reset")
    assert p.evaluate("ckg.drawn()") == {"nodes": len(g.nodes), "edges": len(g.edges)}
    assert page.errors() == []


def test_edge_labels_switch_language(page: Any, view: Any) -> None:
    path, g = view
    p = page.open(path)
    chair = next(i for i, e in enumerate(g.edges) if e.kind == "chair")
    assert p.evaluate(f"ckg.edgeLabel('e{chair}')") == "chủ trì"
    p.select_option("#lang", "en")
    assert p.evaluate(f"ckg.edgeLabel('e{chair}')") == "chair"
    assert p.locator("#legend-list input[data-cls='Person'] + .swatch + span").inner_text() == "Person"


def test_overview_of_the_example_articles(page: Any, tmp_path: Path) -> None:
    """The whole chain: build the example articles, write the default views, open the
    overview; its screenshot is the artefact a person looks at."""
    from civickg.cli import cli
    from civickg.store import EmbeddedStore
    from civickg.views import write_default_views

    store_dir = tmp_path / "store"
    res = CliRunner().invoke(cli, ["build", str(ROOT / "examples" / "articles"),
                                   "--store", str(store_dir)])
    assert res.exit_code == 0, res.output
    with EmbeddedStore(store_dir) as store:
        written = write_default_views(store, tmp_path / "graphs")
    assert {w.name for w in written} >= {"overview.html", "person.html", "meeting.html"}
    p = page.open(tmp_path / "graphs" / "overview.html")
    data = p.evaluate("({n: ckg.data.nodes.length, e: ckg.data.edges.length})")
    assert data["n"] > 10
    assert p.evaluate("ckg.drawn()") == {"nodes": data["n"], "edges": data["e"]}
    assert all(u.startswith("file://") for u in page.requests)
    assert page.errors() == []
    ARTIFACTS.mkdir(exist_ok=True)
    p.screenshot(path=str(ARTIFACTS / "overview.png"))
    for w in written[1:]:
        q = page.open(w)
        assert q.evaluate("ckg.drawn().nodes") >= 1
    assert page.errors() == []
