"""``civickg serve``'s pages in real headless Chromium, against the real server on a loopback
port: the query page works with nothing but the server (no CDN, no request elsewhere), runs the
example queries into a table of links, draws a CONSTRUCT "as graph"; hostile article text never
runs, with or without the Content-Security-Policy; a page of another origin can query /sparql
(CORS) but not write."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: serve_server, graph_fixtures

from serve_server import Server, build_store, start, stop  # noqa: E402

pytestmark = pytest.mark.browser
CKG = "https://w3id.org/civickg/ontology#"
FOREIGN = "https://yasgui.test"  # a page of another origin, made up by the test (never on the network)
CHAIRED = f"""PREFIX ckg: <{CKG}>
CONSTRUCT {{ ?meeting ckg:chair ?person }} WHERE {{ ?meeting ckg:chair ?person }}"""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The example articles plus one hostile article, served with default settings."""
    s = start(build_store(tmp_path_factory.mktemp("serve-browser")), "--workers", "2")
    yield s
    stop(s)


class Tab:
    """A browser context on the server: records every request, console message, page error
    and dialog (``alert`` from injected markup) of every page it opens; any request that is
    not to the server is recorded and aborted (so an escaping request fails fast)."""

    def __init__(self, browser: Any, server: Server, bypass_csp: bool = False) -> None:
        self.server = server
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=bypass_csp)
        self.requests: list[str] = []
        self.elsewhere: list[str] = []
        self.console: list[tuple[str, str]] = []
        self.dialogs: list[str] = []
        self.context.on("request", lambda r: self.requests.append(r.url))
        self.context.on("page", self._watch)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()

    def _watch(self, page: Any) -> None:
        page.on("console", lambda m: self.console.append((m.type, m.text)))
        page.on("pageerror", lambda e: self.console.append(("pageerror", str(e))))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(self.server.url + "/"):
            route.continue_()
        elif url.startswith(FOREIGN + "/"):
            route.fulfill(status=200, content_type="text/html", body="<!doctype html><title>other</title>")
        else:
            self.elsewhere.append(url)
            route.abort()

    def goto(self, path: str) -> Any:
        self.page.goto(self.server.url + path)
        return self.page

    def errors(self) -> list[tuple[str, str]]:
        return [m for m in self.console if m[0] in ("error", "pageerror")]


def poll(page: Any, expression: str, timeout: float = 30) -> Any:
    """Wait for ``expression`` from outside the page (Playwright's wait_for_function evaluates
    strings with eval inside the page, which the page's CSP rightly refuses)."""
    end = time.monotonic() + timeout
    while True:
        value = page.evaluate(expression)
        if value or time.monotonic() > end:
            assert value, f"timed out waiting for {expression}"
            return value
        time.sleep(0.05)


@pytest.fixture
def tab(browser: Any, served: Server) -> Iterator[Tab]:
    t = Tab(browser, served)
    yield t
    t.context.close()


def run_query(page: Any, query: str | None = None) -> str:
    """Run the editor's query (or ``query``) as a table; returns the status line."""
    if query is not None:
        page.fill("#query", query)
    page.evaluate("document.getElementById('status').textContent = ''")
    page.click("#run")
    return poll(page, "(s => /rows|triples|ASK|\\d{3} /.test(s) && s)(document.getElementById('status').textContent)")


def test_query_page_runs_examples_and_draws_a_construct(tab: Tab, served: Server) -> None:
    page = tab.goto("/")
    examples = sorted(p.stem for p in (Path(__file__).resolve().parents[2] / "examples" / "queries").glob("*.rq"))
    options = page.eval_on_selector_all("#examples option", "os => os.map(o => o.textContent)")
    assert [o.split(" — ")[0] for o in options] == examples
    assert "rdfs:label" in page.input_value("#query")  # the first example is preloaded
    # pick an example (the meetings a person chaired), run it: a table with links to entity pages
    index = next(i for i, name in enumerate(examples) if name.startswith("03-"))
    page.select_option("#examples", str(index))
    assert "ckg:chair" in page.input_value("#query")
    status = run_query(page)
    assert "rows" in status, status
    rows = page.locator("#results table tbody tr")
    assert rows.count() >= 1
    headers = page.eval_on_selector_all("#results th", "hs => hs.map(h => h.textContent)")
    assert headers == ["meeting", "label", "date", "organizer"]
    link = page.locator("#results td a[href^='/id/meeting/']").first
    href = link.get_attribute("href")
    link.click()  # the meeting's own page
    page.wait_for_url(served.url + href)
    assert page.locator("h1").inner_text()
    assert page.locator("a[href^='/id/person/']").count() >= 1
    page.go_back()
    # a CONSTRUCT: its triples as a table, then "Show as graph" opens the view of them
    page.wait_for_selector("#run")
    status = run_query(page, CHAIRED)
    assert "triples" in status, status
    assert page.locator("#results td a[href^='/id/person/']").count() >= 3
    with tab.context.expect_page() as opened:
        page.click("#graph")
    view = opened.value
    view.wait_for_load_state()
    poll(view, "window.ckg && window.ckg.ready", timeout=60)
    drawn = view.evaluate("ckg.drawn()")
    assert drawn["nodes"] >= 4 and drawn["edges"] >= 3
    labels = view.evaluate("ckg.nodes.get().map(n => n.label)")
    assert "Nghiêm Xuân Thành" in labels
    # nothing but the server was asked for anything, and nothing complained
    assert tab.elsewhere == [] and all(u.startswith(served.url + "/") for u in tab.requests), tab.requests
    assert any(u.endswith("/static/query.js") for u in tab.requests)
    assert tab.errors() == [] and tab.dialogs == []


def test_a_failing_query_shows_the_servers_reason(tab: Tab) -> None:
    page = tab.goto("/")
    status = run_query(page, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert status.startswith("403") and "--allow-service" in status
    assert page.locator("#status.error").count() == 1
    assert run_query(page, "ASK { ?s ?p ?o }").startswith("ASK: true")


@pytest.mark.parametrize("csp", [True, False], ids=["with-csp", "csp-bypassed"])
def test_hostile_article_text_never_runs(browser: Any, served: Server, csp: bool) -> None:
    tab = Tab(browser, served, bypass_csp=not csp)
    try:
        r = httpx.get(f"{served.url}/sparql", params={"query": (
            f'SELECT ?a ?h WHERE {{ ?a <{CKG}articleId> "2024-04-20-hostile" ; <{CKG}headline> ?h }}')})
        article, headline = (r.json()["results"]["bindings"][0][k]["value"] for k in ("a", "h"))
        assert "<script>" in headline
        page = tab.goto("/id/" + article.split("/id/", 1)[1])  # the article's entity page
        assert page.locator("h1").inner_text() == headline  # shown as text
        person = page.locator("a[href^='/id/person/']").first.get_attribute("href")
        tab.goto(person)  # a person it names, with the hostile quotes as evidence
        assert "alert(3)" in page.locator("main").inner_text() or "onerror" in page.locator("main").inner_text()
        page = tab.goto("/")  # the headline in a result table
        run_query(page, f'SELECT ?h WHERE {{ ?a <{CKG}articleId> "2024-04-20-hostile" ; <{CKG}headline> ?h }}')
        assert page.locator("#results td").first.inner_text() == headline + "@vi"  # text, and its language
        page = tab.goto("/view?article=2024-04-20-hostile")  # the article's view
        poll(page, "window.ckg && window.ckg.ready", timeout=60)
        assert any("<script>" in n for n in page.evaluate("ckg.nodes.get().map(n => n.label)"))
        time.sleep(0.3)  # let anything that would run, run
        for p in tab.context.pages:
            assert p.evaluate("document.querySelectorAll('main img, main svg, main iframe').length") == 0
        assert tab.dialogs == []
        assert tab.elsewhere == []
        assert tab.errors() == []  # not even a CSP refusal: there is nothing to refuse
    finally:
        tab.context.close()


def test_a_page_of_another_origin_can_query_but_not_write(tab: Tab, served: Server) -> None:
    # Chromium asks the user before a public page may reach a loopback address (Local Network
    # Access); the test says yes, as a user of a web SPARQL client would. CORS is the server's part.
    tab.context.grant_permissions(["local-network-access"], origin=FOREIGN)
    page = tab.page
    page.goto(FOREIGN + "/")
    fetch = """async ([url, body, type]) => {
        const r = await fetch(url, {method: "POST", body,
            headers: {"Content-Type": type, "Accept": "application/sparql-results+json"}});
        return [r.status, await r.text()];
    }"""
    status, body = page.evaluate(fetch, [served.url + "/sparql", f"ASK {{ ?p a <{CKG}Person> }}",
                                         "application/sparql-query"])  # a preflighted request
    assert status == 200 and '"boolean":true' in body.replace(" ", "")
    status, body = page.evaluate(fetch, [served.url + "/sparql", "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                                         "application/sparql-update"])
    assert status == 403 and "read-only" in body
    # the entity pages are not shared with other origins: the browser refuses to give the answer
    person = httpx.get(f"{served.url}/sparql", params={"query": f"SELECT ?p {{ ?p a <{CKG}Person> }} LIMIT 1"}
                       ).json()["results"]["bindings"][0]["p"]["value"]
    refused = page.evaluate("""async (url) => {
        try { await fetch(url, {headers: {Accept: "text/turtle"}}); return false; } catch (e) { return true; }
    }""", served.url + "/id/" + person.split("/id/", 1)[1])
    assert refused
