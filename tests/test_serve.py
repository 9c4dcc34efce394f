"""``civickg serve`` over HTTP: the SPARQL 1.1 Protocol in every form and format, real
SPARQLWrapper and rdflib SPARQLStore clients, and every refusal (update, upload, SERVICE,
LOAD, time limit, result size, request size)."""

from __future__ import annotations

import csv
import io
import json
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pyoxigraph as ox
import pytest

if TYPE_CHECKING:
    from serve_server import Server

pytest_plugins = ["serve_server"]

CKG = "https://w3id.org/civickg/ontology#"
PERSONS = f"SELECT ?p ?name WHERE {{ ?p a <{CKG}Person> ; <http://www.w3.org/2000/01/rdf-schema#label> ?name }}"
PERSON_GRAPH = f"CONSTRUCT {{ ?p a <{CKG}Person> }} WHERE {{ ?p a <{CKG}Person> }}"
FOREVER = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


def persons_json(server: Server) -> set[str]:
    r = httpx.get(f"{server.url}/sparql", params={"query": PERSONS})
    return {b["p"]["value"] for b in r.json()["results"]["bindings"]}


def test_select_in_every_form_and_format(server: Server) -> None:
    expected = persons_json(server)
    assert len(expected) >= 5
    url = f"{server.url}/sparql"
    forms = [
        lambda h: httpx.get(url, params={"query": PERSONS}, headers=h),
        lambda h: httpx.post(url, data={"query": PERSONS}, headers=h),
        lambda h: httpx.post(url, content=PERSONS.encode(), headers={**h, "Content-Type": "application/sparql-query"}),
    ]
    for send in forms:
        r = send({"Accept": "application/sparql-results+json"})
        assert r.headers["content-type"] == "application/sparql-results+json"
        assert {b["p"]["value"] for b in r.json()["results"]["bindings"]} == expected
        r = send({"Accept": "application/sparql-results+xml"})
        assert r.headers["content-type"].startswith("application/sparql-results+xml")
        ns = "{http://www.w3.org/2005/sparql-results#}"
        uris = {u.text for u in ET.fromstring(r.content).iter(f"{ns}uri")}
        assert uris == expected
        r = send({"Accept": "text/csv"})
        assert r.headers["content-type"].startswith("text/csv")
        assert {row["p"] for row in csv.DictReader(io.StringIO(r.text))} == expected
        r = send({"Accept": "text/tab-separated-values"})
        assert r.headers["content-type"].startswith("text/tab-separated-values")
        assert {line.split("\t")[0].strip("<>") for line in r.text.splitlines()[1:]} == expected
    r = httpx.get(url, params={"query": PERSONS, "format": "csv"}, headers={"Accept": "application/json"})
    assert r.headers["content-type"].startswith("text/csv")
    ask = httpx.get(url, params={"query": f"ASK {{ ?p a <{CKG}Person> }}"})
    assert ask.json() == {"head": {}, "boolean": True}


def test_graph_results_in_every_format(server: Server) -> None:
    n = len(persons_json(server))
    url = f"{server.url}/sparql"
    for media, fmt in [("text/turtle", ox.RdfFormat.TURTLE), ("application/n-triples", ox.RdfFormat.N_TRIPLES),
                       ("application/ld+json", ox.RdfFormat.JSON_LD), ("application/rdf+xml", ox.RdfFormat.RDF_XML)]:
        r = httpx.get(url, params={"query": PERSON_GRAPH}, headers={"Accept": media})
        assert r.status_code == 200 and r.headers["content-type"].split(";")[0] == media
        assert len(list(ox.parse(r.content, format=fmt))) == n
    r = httpx.get(url, params={"query": PERSON_GRAPH})  # no Accept: Turtle
    assert r.headers["content-type"].startswith("text/turtle")
    r = httpx.get(url, params={"query": PERSON_GRAPH, "format": "jsonld"})
    assert r.headers["content-type"] == "application/ld+json" and json.loads(r.text)
    r = httpx.get(url, params={"query": PERSON_GRAPH}, headers={"Accept": "text/csv"})
    assert r.status_code == 406 and "text/turtle" in r.text


def test_bad_requests(server: Server) -> None:
    url = f"{server.url}/sparql"
    r = httpx.get(url, params={"query": "SELECT WHERE {"})
    assert r.status_code == 400 and "Malformed query" in r.text
    r = httpx.get(url)
    assert r.status_code == 400 and "query" in r.text
    assert httpx.get(url, headers={"Accept": "text/html"}).status_code == 303
    r = httpx.post(url, content=b"x", headers={"Content-Type": "application/octet-stream"})
    assert r.status_code == 415
    r = httpx.get(url, params={"query": PERSONS, "format": "yaml"})
    assert r.status_code == 400 and "Unknown format" in r.text
    r = httpx.post(url, content=b"#" * (2 * 1024 * 1024), headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413


def test_default_and_named_graph_parameters(server: Server) -> None:
    url = f"{server.url}/sparql"
    graphs = [b["g"]["value"] for b in httpx.get(url, params={
        "query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"}).json()["results"]["bindings"]]
    graphs = [g for g in graphs if "/article/" in g]
    assert len(graphs) == 4
    q = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }"
    total = int(httpx.get(url, params={"query": q}).json()["results"]["bindings"][0]["n"]["value"])
    one = httpx.get(url, params={"query": q, "default-graph-uri": graphs[0]})
    assert 0 < int(one.json()["results"]["bindings"][0]["n"]["value"]) < total
    # named-graph-uri: the only graph GRAPH ?g sees
    named = httpx.get(url, params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                                   "named-graph-uri": graphs[1]})
    assert [b["g"]["value"] for b in named.json()["results"]["bindings"]] == [graphs[1]]
    # Graph Store Protocol reads: one article graph, as Turtle or N-Triples
    size = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graphs[0]}> {{ ?s ?p ?o }} }}"
    n = int(httpx.get(url, params={"query": size}).json()["results"]["bindings"][0]["n"]["value"])
    r = httpx.get(f"{server.url}/store", params={"graph": graphs[0]})
    assert r.headers["content-type"].startswith("text/turtle")
    assert len(list(ox.parse(r.content, format=ox.RdfFormat.TURTLE))) == n
    r = httpx.get(f"{server.url}/store", params={"graph": graphs[0]}, headers={"Accept": "application/n-triples"})
    assert len(r.text.splitlines()) == n
    assert httpx.get(f"{server.url}/store").status_code == 400  # which graph?


def test_sparqlwrapper(server: Server) -> None:
    from SPARQLWrapper import JSON, TURTLE, XML, SPARQLWrapper

    expected = persons_json(server)
    sw = SPARQLWrapper(f"{server.url}/sparql")
    sw.setQuery(PERSONS)
    sw.setReturnFormat(JSON)
    assert {b["p"]["value"] for b in sw.query().convert()["results"]["bindings"]} == expected
    sw.setReturnFormat(XML)  # a DOM document
    assert len(sw.query().convert().getElementsByTagName("result")) == len(expected)
    sw.setMethod("POST")
    sw.setQuery(PERSON_GRAPH)
    sw.setReturnFormat(XML)  # RDF/XML, parsed by rdflib
    assert len(sw.query().convert()) == len(expected)
    sw.setReturnFormat(TURTLE)
    assert len(list(ox.parse(sw.query().convert(), format=ox.RdfFormat.TURTLE))) == len(expected)
    sw.setMethod("GET")
    sw.setQuery(f"ASK {{ ?p a <{CKG}Person> }}")
    sw.setReturnFormat(JSON)
    assert sw.query().convert()["boolean"] is True


def test_rdflib_sparqlstore(server: Server) -> None:
    from rdflib import Graph, URIRef
    from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore

    expected = persons_json(server)
    g = Graph(store=SPARQLStore(f"{server.url}/sparql"))
    assert {str(r[0]) for r in g.query(PERSONS)} == expected
    assert len(g.query(PERSON_GRAPH).graph) == len(expected)
    person = URIRef(sorted(expected)[0])
    assert list(g.triples((person, None, None)))
    up = SPARQLUpdateStore(f"{server.url}/sparql", f"{server.url}/sparql")
    with pytest.raises(Exception, match="403"):
        up.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")


def test_writes_are_refused_by_default(server: Server) -> None:
    url = f"{server.url}/sparql"
    ins = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    for r in (httpx.post(url, content=ins.encode(), headers={"Content-Type": "application/sparql-update"}),
              httpx.post(url, data={"update": ins}),
              httpx.get(url, params={"update": ins}),
              httpx.post(url, content=b"<urn:a> <urn:b> <urn:c> .", headers={"Content-Type": "text/turtle"}),
              httpx.put(f"{server.url}/store", params={"graph": "urn:g"}, content=b"<urn:a> <urn:b> <urn:c> .",
                        headers={"Content-Type": "text/turtle"}),
              httpx.delete(f"{server.url}/store", params={"graph": "urn:g"})):
        assert r.status_code == 403, r.text
        assert "read-only" in r.text and "--allow-update" in r.text
    assert not httpx.get(url, params={"query": "ASK { <urn:a> ?p ?o }"}).json()["boolean"]


def test_federation_is_refused(server: Server) -> None:
    url = f"{server.url}/sparql"
    for q in ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
              "select * where { service silent <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
              "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"):
        r = httpx.get(url, params={"query": q})
        assert r.status_code == 403 and "--allow-service" in r.text
    # the word in a string, an IRI, a variable or a comment is not a SERVICE call
    ok = 'SELECT ?service WHERE { BIND("SERVICE" AS ?service) } # SERVICE <http://x/>'
    assert httpx.get(url, params={"query": ok}).status_code == 200
    r = httpx.post(f"{server.url}/view", data={"query": "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"})
    assert r.status_code == 403


def test_cors_lets_browser_clients_query_the_endpoint(server: Server) -> None:
    url = f"{server.url}/sparql"
    origin = {"Origin": "https://yasgui.example"}
    query = {**origin, "Content-Type": "application/sparql-query"}
    service = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    answers = [httpx.get(url, params={"query": PERSONS}, headers=origin),
               httpx.post(url, data={"query": PERSONS}, headers=origin),
               httpx.post(url, content=PERSONS.encode(), headers=query),
               httpx.get(url, params={"query": "SELECT WHERE {"}, headers=origin),  # errors too: the
               httpx.get(url, params={"query": service}, headers=origin)]
    assert [r.status_code for r in answers] == [200, 200, 200, 400, 403]  # client can show why
    for r in answers:
        assert r.headers["access-control-allow-origin"] == "*"
    # the preflight a browser sends before POSTing application/sparql-query
    r = httpx.options(url, headers={**origin, "Access-Control-Request-Method": "POST",
                                    "Access-Control-Request-Headers": "content-type, accept"})
    assert r.status_code == 204 and r.headers["access-control-allow-origin"] == "*"
    assert "POST" in r.headers["access-control-allow-methods"]
    allowed = {h.strip().lower() for h in r.headers["access-control-allow-headers"].split(",")}
    assert {"accept", "content-type"} <= allowed
    assert "authorization" not in r.headers["access-control-allow-headers"].lower()  # read-only: no token to send
    assert int(r.headers["access-control-max-age"]) > 0
    # a cross-origin page still cannot write
    r = httpx.post(url, data={"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}, headers=origin)
    assert r.status_code == 403
    # /sparql only: pages, entity IRIs, views and the graph store stay same-origin
    person = sorted(persons_json(server))[0]
    for path in ("/", "/id/" + person.split("/id/", 1)[1], "/view", "/store?default", "/static/query.js"):
        r = httpx.get(server.url + path, headers=origin, timeout=60)
        assert "access-control-allow-origin" not in r.headers, path
    r = httpx.options(f"{server.url}/store", headers={**origin, "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in r.headers


def test_cors_for_chosen_origins_and_federation_when_enabled(open_server: Server) -> None:
    from serve_server import CORS_ORIGIN

    url = f"{open_server.url}/sparql"
    r = httpx.get(url, params={"query": "ASK {}"}, headers={"Origin": CORS_ORIGIN})
    assert r.headers["access-control-allow-origin"] == CORS_ORIGIN and "Origin" in r.headers.get_list("vary")
    r = httpx.get(url, params={"query": "ASK {}"}, headers={"Origin": "https://other.example"})
    assert r.status_code == 200 and "access-control-allow-origin" not in r.headers
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    r = httpx.options(url, headers={"Origin": "https://other.example", **preflight})
    assert r.status_code == 204 and "access-control-allow-origin" not in r.headers
    r = httpx.options(url, headers={"Origin": CORS_ORIGIN, **preflight})
    assert r.headers["access-control-allow-origin"] == CORS_ORIGIN
    # --allow-service: SERVICE is evaluated (SILENT: an unreachable endpoint gives one empty solution)
    q = "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    r = httpx.get(url, params={"query": q}, timeout=30)
    assert r.status_code == 200 and r.json()["results"]["bindings"] == [{}]


def test_writable_server_without_cors_and_update_options(writable_server: Server) -> None:
    url = f"{writable_server.url}/sparql"
    r = httpx.get(url, params={"query": "ASK {}"}, headers={"Origin": "https://yasgui.example"})
    assert r.status_code == 200 and "access-control-allow-origin" not in r.headers
    r = httpx.options(url, headers={"Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in r.headers


def test_serve_refuses_bad_options(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from civickg.cli import cli

    store = tmp_path / "store"
    store.mkdir()
    run = CliRunner().invoke
    r = run(cli, ["serve", "--store", str(store), "--allow-update"], env={"CIVICKG_TOKEN": ""})
    assert r.exit_code == 2 and "CIVICKG_TOKEN" in r.output
    r = run(cli, ["serve", "--store", str(store), "--cors-origin", "yasgui.example/path"])
    assert r.exit_code == 2 and "scheme://host" in r.output
    r = run(cli, ["serve", "--store", str(store), "--cors-origin", "https://a.example", "--no-cors"])
    assert r.exit_code == 2
    r = run(cli, ["serve", "--store", str(tmp_path / "missing")])
    assert r.exit_code == 1 and "civickg build" in r.output


def test_a_query_that_would_run_forever_is_stopped(server: Server) -> None:
    t = time.monotonic()
    r = httpx.get(f"{server.url}/sparql", params={"query": FOREVER}, timeout=30)
    elapsed = time.monotonic() - t
    assert r.status_code == 503 and "time limit of 3 s" in r.text
    assert r.headers["retry-after"]
    assert 2.5 < elapsed < 10
    # the server and its pool are fine afterwards, for both workers
    for _ in range(4):
        assert httpx.get(f"{server.url}/sparql", params={"query": "ASK {}"}).status_code == 200


def test_result_size_limit(server: Server) -> None:
    r = httpx.get(f"{server.url}/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o . ?a ?b ?c }"}, timeout=30)
    assert r.status_code == 422 and "limit of 209,715 bytes" in r.text


def test_updates_with_token(writable_server: Server) -> None:
    url = f"{writable_server.url}/sparql"
    ins = "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> \"added\" } }"
    h = {"Content-Type": "application/sparql-update"}
    asked = "ASK { <urn:a> <urn:b> \"added\" }"
    assert not httpx.get(url, params={"query": asked}).json()["boolean"]  # now in the answer cache
    r = httpx.post(url, content=ins.encode(), headers=h)
    assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")
    r = httpx.post(url, content=ins.encode(), headers={**h, "Authorization": "Bearer wrong"})
    assert r.status_code == 403
    auth = {"Authorization": f"Bearer {writable_server.token}"}
    r = httpx.post(url, content=ins.encode(), headers={**h, **auth}, timeout=60)
    assert r.status_code == 200, r.text
    assert httpx.get(url, params={"query": asked}).json()["boolean"]  # the update cleared the cache
    load = "LOAD <http://127.0.0.1:9/x.ttl> INTO GRAPH <urn:x>"
    r = httpx.post(url, content=load.encode(), headers={**h, **auth})
    assert r.status_code == 403 and "LOAD" in r.text
    # Graph Store Protocol
    store = f"{writable_server.url}/store"
    r = httpx.put(store, params={"graph": "urn:up"}, content=b"<urn:s> <urn:p> <urn:o> .",
                  headers={"Content-Type": "text/turtle", **auth}, timeout=60)
    assert r.status_code == 200, r.text
    got = httpx.get(store, params={"graph": "urn:up"}, headers={"Accept": "application/n-triples"})
    assert got.text.strip() == "<urn:s> <urn:p> <urn:o> ."
    r = httpx.post(store, params={"graph": "urn:up"}, content=b'{"@id": "urn:s", "urn:p": {"@id": "urn:o2"}}',
                   headers={"Content-Type": "application/ld+json", **auth}, timeout=60)
    assert r.status_code == 200, r.text  # POST adds to the graph
    got = httpx.get(store, params={"graph": "urn:up"}, headers={"Accept": "application/n-triples"})
    assert sorted(got.text.splitlines()) == ["<urn:s> <urn:p> <urn:o2> .", "<urn:s> <urn:p> <urn:o> ."]
    r = httpx.put(store, params={"graph": "urn:up"}, content=b"<urn:s> <urn:p> <urn:o> .",
                  headers={"Content-Type": "text/turtle"}, timeout=60)
    assert r.status_code == 401  # uploads need the token too
    assert httpx.delete(store, params={"graph": "urn:up"}, headers=auth, timeout=60).status_code == 200
    assert httpx.get(store, params={"graph": "urn:up"}, headers={"Accept": "application/n-triples"}).text == ""
    # while another process (a build) holds the store, an update waits for nothing: 503
    from civickg.store import EmbeddedStore

    with EmbeddedStore(writable_server.store):
        r = httpx.post(url, content=b"CLEAR ALL", headers={**h, **auth}, timeout=60)
        assert r.status_code == 503 and "build" in r.text
        assert httpx.get(url, params={"query": asked}).json()["boolean"]  # the readers are back
