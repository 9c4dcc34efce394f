"""``civickg serve``'s pages over HTTP: the query page and its assets, entity pages by content
negotiation, the views, security headers, escaping of a hostile article, loopback binding."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import httpx
import pyoxigraph as ox

if TYPE_CHECKING:
    from serve_server import Server

pytest_plugins = ["serve_server"]

REPO = Path(__file__).resolve().parents[1]
BASE = "https://w3id.org/civickg/id/"
CKG = "https://w3id.org/civickg/ontology#"
HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


class _Elements(HTMLParser):
    """The elements and attributes a browser would build from a page."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def active_content(page: str) -> list[str]:
    """What would run or load: scripts other than ours, img/svg/iframe, on* handlers, javascript: URLs."""
    bad = []
    for tag, attrs in _Elements(page).tags:
        if tag == "script" and not (attrs.get("type") == "application/json"
                                    or (attrs.get("src") or "").startswith("/static/")):
            bad.append(f"<script {attrs}>")
        if tag in ("img", "svg", "iframe", "object", "embed"):
            bad.append(tag)
        bad += [f"{tag} {k}" for k in attrs if k.startswith("on")]
        bad += [f"{tag} {k}" for k, v in attrs.items() if v and v.strip().lower().startswith("javascript:")]
    return bad


def select(server: Server, q: str) -> list[dict[str, str]]:
    r = httpx.get(f"{server.url}/sparql", params={"query": q})
    return [{k: v["value"] for k, v in b.items()} for b in r.json()["results"]["bindings"]]


def local(iri: str) -> str:
    return "/id/" + iri[len(BASE):]


def hieu(server: Server) -> str:
    """The person named in the hostile article who is also in another article."""
    rows = select(server, f'SELECT ?p (COUNT(DISTINCT ?a) AS ?n) WHERE {{ ?p a <{CKG}Person> ; '
                          f'<{CKG}searchKey> "nghiem xuan thanh" ; <http://www.w3.org/ns/prov#wasDerivedFrom> ?a }} '
                          'GROUP BY ?p ORDER BY DESC(?n)')
    return rows[0]["p"]


def test_security_headers_everywhere(server: Server) -> None:
    person = hieu(server)
    for path in ("/", "/sparql?query=ASK%7B%7D", local(person), "/static/query.js", "/view?around=" + quote(person),
                 "/sparql?query=nonsense", "/no/such/page"):
        r = httpx.get(server.url + path, headers=HTML, timeout=60)
        assert r.headers["x-content-type-options"] == "nosniff", path
        assert r.headers["referrer-policy"] == "no-referrer"
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
        assert "default-src 'none'" in r.headers["content-security-policy"]


def test_query_page_and_assets(server: Server) -> None:
    r = httpx.get(server.url + "/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = r.text
    for f in sorted((REPO / "examples" / "queries").glob("*.rq")):
        assert f.stem in page  # every example query is offered
    assert "PREFIX ckg: &lt;https://w3id.org/civickg/ontology#&gt;" in page
    refs = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert refs and all(u.startswith("/") for u in refs), refs  # no CDN, nothing off-site
    for asset in ("/static/query.js", "/static/site.css"):
        a = httpx.get(server.url + asset)
        assert a.status_code == 200 and len(a.text) > 500
    assert httpx.get(server.url + "/static/query.js").headers["content-type"].startswith(("text/javascript",
                                                                                          "application/javascript"))


def test_packaged_examples_are_the_repository_examples() -> None:
    from importlib import resources

    static = resources.files("civickg.serve") / "static"
    repo = {f.name: f.read_text(encoding="utf-8") for f in (REPO / "examples" / "queries").glob("*.rq")}
    packaged = {f.name: f.read_text(encoding="utf-8") for f in static.iterdir() if f.name.endswith(".rq")}
    assert packaged == repo


def test_entity_page(server: Server) -> None:
    person = hieu(server)
    r = httpx.get(server.url + local(person), headers=HTML)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = r.text
    assert "<h1>Nghiêm Xuân Thành</h1>" in page
    assert "Cá nhân / Person" in page  # its class, in both languages
    # quoted evidence: the sentences naming him, whole, his name marked in them
    quotes = re.findall(r"<blockquote>(.*?)</blockquote>", page)
    assert quotes and all(not q.startswith("…") for q in quotes)
    assert any("<mark>Nghiêm Xuân Thành</mark>" in q and q.endswith(".") for q in quotes)
    assert f'/view?around={quote(person, safe="")}' in page  # its ego view
    articles = [a for a in re.findall(r'href="(/id/article/[^"]+)"', page) if "/span/" not in a]
    assert len(set(articles)) >= 2  # named in two articles
    neighbours = {h for h in re.findall(r'href="(/id/[^"]+)"', page)} - set(articles)
    assert any(h.startswith("/id/tenure/") or h.startswith("/id/meeting/") for h in neighbours)
    for h in sorted(neighbours)[:5]:  # the links resolve
        assert httpx.get(server.url + h, headers=HTML).status_code == 200
    by_iri = httpx.get(server.url + "/resource", params={"iri": person}, headers=HTML)
    assert by_iri.status_code == 200 and "<h1>Nghiêm Xuân Thành</h1>" in by_iri.text


def test_entity_rdf_by_content_negotiation(server: Server) -> None:
    person = hieu(server)
    url = server.url + local(person)
    for media, fmt in [("text/turtle", ox.RdfFormat.TURTLE), ("application/ld+json", ox.RdfFormat.JSON_LD),
                       ("application/n-triples", ox.RdfFormat.N_TRIPLES)]:
        r = httpx.get(url, headers={"Accept": media})
        assert r.status_code == 200 and r.headers["content-type"].split(";")[0] == media
        triples = {(t.subject, t.predicate, t.object) for t in ox.parse(r.content, format=fmt)}
        assert (ox.NamedNode(person), ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                ox.NamedNode(CKG + "Person")) in triples
        assert any(t[2] == ox.NamedNode(person) for t in triples)  # incoming links too
    assert "vary" in {k.lower() for k in r.headers}
    r = httpx.get(url, params={"format": "jsonld"}, headers=HTML)
    assert r.headers["content-type"] == "application/ld+json"
    assert httpx.get(url).headers["content-type"].startswith("text/turtle")  # curl's */*
    assert httpx.get(server.url + "/id/person/nobody-0000000000", headers=HTML).status_code == 404
    assert httpx.get(server.url + "/id/person/nobody-0000000000").status_code == 404
    assert httpx.get(server.url + "/id/x%3E%20%7D").status_code == 400  # cannot break out of <...>


def test_views_on_demand(server: Server) -> None:
    person = hieu(server)
    r = httpx.get(server.url + "/view", params={"around": person, "hops": "1"}, timeout=60)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    csp = r.headers["content-security-policy"]
    assert "'sha256-" in csp and "frame-ancestors 'none'" in csp
    assert "Nghiêm Xuân Thành" in r.text and 'id="ckg-data"' in r.text
    q = f"CONSTRUCT {{ ?m <{CKG}chair> ?p }} WHERE {{ ?m <{CKG}chair> ?p }}"
    r = httpx.post(server.url + "/view", data={"query": q}, timeout=60)
    assert r.status_code == 200 and "Nghiêm Xuân Thành" in r.text
    assert httpx.get(server.url + "/view", timeout=60).status_code == 200  # the whole graph
    r = httpx.get(server.url + "/view", params={"article": "2024-04-20-hostile"}, timeout=60)
    assert r.status_code == 200
    assert httpx.get(server.url + "/view", params={"around": BASE + "person/nobody"}).status_code == 404
    assert httpx.get(server.url + "/view", params={"around": person, "hops": "99"}).status_code == 400


def test_hostile_article_is_escaped_everywhere(server: Server) -> None:
    art = select(server, f'SELECT ?a ?h WHERE {{ ?a <{CKG}articleId> "2024-04-20-hostile" ; <{CKG}headline> ?h }}')
    assert art and "<script>" in art[0]["h"]  # the attack is really in the graph
    article = art[0]["a"]
    person = hieu(server)
    pages = {
        "article": httpx.get(server.url + local(article), headers=HTML).text,
        "person": httpx.get(server.url + local(person), headers=HTML).text,
        "home": httpx.get(server.url + "/").text,
    }
    assert "&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;" in pages["article"]
    assert "onerror=alert(2)" in pages["person"] or "alert(3)" in pages["person"]  # quoted, as text
    for name, page in pages.items():
        assert active_content(page) == [], name
    views = [httpx.get(server.url + "/view", params={"article": "2024-04-20-hostile"}, timeout=60).text,
             httpx.get(server.url + "/view", params={"around": person}, timeout=60).text]
    for v in views:
        data = v.split('id="ckg-data">', 1)[1].split("</script>", 1)[0]
        assert "alert" in data and "<" not in data  # in the data, with < escaped
        scripts = [t for t, _ in _Elements(v).tags if t == "script"]
        assert len(scripts) == 3  # data block, vis-network, viewer: nothing injected


def test_binds_loopback_by_default(server: Server) -> None:
    port = int(server.url.rsplit(":", 1)[1])
    listening = [line.split()[1] for line in Path("/proc/net/tcp").read_text().splitlines()[1:]
                 if line.split()[3] == "0A"]
    assert f"0100007F:{port:04X}" in listening
    assert all(not a.endswith(f":{port:04X}") or a.startswith("0100007F") for a in listening)
