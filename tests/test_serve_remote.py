"""``civickg serve --endpoint``: the server in front of a real Oxigraph server that
``civickg build --endpoint`` filled. Answers, entity pages and views come from the remote
store; the server's own refusals and limits (read-only, SERVICE, result size, tokens) still
apply, and a permitted update reaches the remote store."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from graph_fixtures import free_port
from graph_stores import running_oxigraph
from serve_server import CLI, HOSTILE, REPO, TOKEN, Server, start, stop

CKG = "https://w3id.org/civickg/ontology#"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
PERSONS = f"SELECT ?p ?name WHERE {{ ?p a <{CKG}Person> ; <{LABEL}> ?name }}"
HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Its own Oxigraph server (the session one is cleared by other tests), filled by a build."""
    tmp = tmp_path_factory.mktemp("remote")
    articles = tmp / "articles"
    articles.mkdir()
    for f in (REPO / "examples" / "articles").glob("*.txt"):
        (articles / f.name).write_bytes(f.read_bytes())
    (articles / "2024-04-20-hostile.txt").write_text(HOSTILE, encoding="utf-8")
    with running_oxigraph(tmp / "oxigraph") as url:
        r = subprocess.run([*CLI, "build", str(articles), "--endpoint", url], capture_output=True,
                           text=True, cwd=tmp)
        assert r.returncode == 0, r.stderr[-2000:]
        yield url


@pytest.fixture(scope="module")
def proxy(oxigraph: str) -> Iterator[Server]:
    s = start(None, "--endpoint", oxigraph, "--timeout", "5", "--max-result-mb", "0.2", "--workers", "2")
    yield s
    stop(s)


@pytest.fixture(scope="module")
def writable_proxy(oxigraph: str) -> Iterator[Server]:
    s = start(None, "--endpoint", oxigraph, "--allow-update", "--workers", "1", env={"CIVICKG_TOKEN": TOKEN})
    s.token = TOKEN
    yield s
    stop(s)


def bindings(url: str, query: str) -> set[tuple[str, ...]]:
    r = httpx.post(url, content=query.encode(), timeout=30,
                   headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    assert r.status_code == 200, r.text
    body = r.json()
    names = body["head"]["vars"]
    return {tuple(b[n]["value"] for n in names if n in b) for b in body["results"]["bindings"]}


def test_answers_are_the_remote_stores(proxy: Server, oxigraph: str) -> None:
    direct = bindings(f"{oxigraph}/query", PERSONS)
    assert len(direct) >= 5
    assert bindings(f"{proxy.url}/sparql", PERSONS) == direct
    examples = sorted((REPO / "examples" / "queries").glob("*.rq"))
    assert len(examples) >= 10
    answered = 0
    for rq in examples:  # all SELECT queries
        query = rq.read_text(encoding="utf-8")
        expected = bindings(f"{oxigraph}/query", query)
        assert bindings(f"{proxy.url}/sparql", query) == expected, rq.name
        answered += bool(expected)
    assert answered >= len(examples) - 2  # the examples find something in the example articles
    r = httpx.get(f"{proxy.url}/sparql", params={"query": PERSONS, "format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert len(r.text.splitlines()) == len(direct) + 1


def test_entity_page_and_view_from_the_remote_store(proxy: Server) -> None:
    (person,) = {p for p, name in bindings(f"{proxy.url}/sparql", PERSONS) if name == "Nghiêm Xuân Thành"}
    page = httpx.get(proxy.url + person.split("w3id.org/civickg", 1)[1], headers=HTML, timeout=30)
    assert page.status_code == 200 and "<h1>Nghiêm Xuân Thành</h1>" in page.text
    assert "<blockquote>" in page.text and "<mark>" in page.text  # the quoted evidence
    assert "<script>alert" not in page.text  # the hostile article is escaped here too
    view = httpx.get(f"{proxy.url}/view", params={"around": person, "hops": "1"}, timeout=60)
    assert view.status_code == 200 and "Nghiêm Xuân Thành" in view.text and 'id="ckg-data"' in view.text
    assert f'/view?around={quote(person, safe="")}' in page.text


def test_refusals_and_limits_apply_to_the_remote_store(proxy: Server, oxigraph: str) -> None:
    url = f"{proxy.url}/sparql"
    ins = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    r = httpx.post(url, content=ins.encode(), headers={"Content-Type": "application/sparql-update"})
    assert r.status_code == 403 and "read-only" in r.text
    r = httpx.get(url, params={"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"})
    assert r.status_code == 403 and "--allow-service" in r.text
    r = httpx.get(url, params={"query": "SELECT * WHERE { ?s ?p ?o }"}, timeout=30)
    assert r.status_code == 422 and "limit of 209,715 bytes" in r.text
    r = httpx.get(url, params={"query": "SELECT * WHERE { ?s ?p"})
    assert r.status_code == 400  # the remote store's refusal comes back as it is
    assert not bindings(f"{oxigraph}/query", "SELECT * WHERE { <urn:a> ?p ?o }")


def test_a_permitted_update_reaches_the_remote_store(writable_proxy: Server, oxigraph: str) -> None:
    url = f"{writable_proxy.url}/sparql"
    h = {"Content-Type": "application/sparql-update"}
    ins = 'INSERT DATA { GRAPH <urn:remote-test> { <urn:a> <urn:b> "added" } }'
    asked = 'SELECT ?o WHERE { GRAPH <urn:remote-test> { <urn:a> <urn:b> ?o } }'
    assert httpx.post(url, content=ins.encode(), headers=h).status_code == 401
    r = httpx.post(url, content=ins.encode(), headers={**h, "Authorization": f"Bearer {writable_proxy.token}"},
                   timeout=30)
    assert r.status_code == 200, r.text
    assert bindings(f"{oxigraph}/query", asked) == {("added",)}
    assert bindings(url, asked) == {("added",)}  # no answer cache in front of a store others change
    drop = "DROP GRAPH <urn:remote-test>"
    r = httpx.post(url, content=drop.encode(), headers={**h, "Authorization": f"Bearer {writable_proxy.token}"})
    assert r.status_code == 200
    assert not bindings(f"{oxigraph}/query", asked)


def test_an_endpoint_that_does_not_answer(tmp_path: Path) -> None:
    dead = f"http://127.0.0.1:{free_port()}"
    r = subprocess.run([*CLI, "serve", "--endpoint", dead, "--port", str(free_port())], capture_output=True,
                       text=True, timeout=120, cwd=tmp_path)
    assert r.returncode == 1 and f"the SPARQL endpoint {dead} does not answer" in r.stderr, r.stderr[-2000:]
    # an endpoint that goes away while served: 502 naming it, and the server stays up
    with running_oxigraph(tmp_path / "oxigraph") as url:
        s = start(None, "--endpoint", url, "--workers", "1")
    try:
        r = httpx.get(f"{s.url}/sparql", params={"query": "ASK {}"}, timeout=30)
        assert r.status_code == 502 and url in r.text and r.headers["retry-after"]
        r = httpx.get(f"{s.url}/id/person/anyone-0000000000", headers=HTML, timeout=30)
        assert r.status_code == 502 and url in r.text
        assert s.proc.poll() is None
    finally:
        stop(s)
