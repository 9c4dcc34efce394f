"""The jobs a worker runs: SPARQL requests, updates, the facts of one entity, HTML views."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from civickg.namespace import PREFIXES
from civickg.serve.worker import Reply

FACTS_LIMIT = 1000  # facts per direction on an entity page
_PREFIX = "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in ("ckg", "rdfs", "oa", "skos", "prov"))


def run(db: Any, state: dict[str, Any], kind: str, args: dict[str, Any]) -> Reply:
    if kind == "sparql":
        return db.sparql(args)
    if kind == "update":
        return db.update(args)
    if kind == "entity":
        return Reply(200, body=entity(db, args["iri"]))
    if kind == "view":
        return view(db, state, args)
    raise ValueError(f"unknown job {kind!r}")


def _rows(db: Any, body: str, variables: str = "*", tail: str = "") -> list[dict[str, str]]:
    return db.query(f"{_PREFIX}SELECT {variables} WHERE {{ {body} }} {tail}").rows()


def _values(var: str, iris: set[str]) -> str:
    return f"VALUES ?{var} {{ {' '.join(f'<{i}>' for i in sorted(iris))} }}"


def entity(db: Any, iri: str) -> dict[str, Any]:
    """Everything the entity page shows: outgoing and incoming facts with the article graphs
    they are stated in, labels of everything linked, the articles, and the quoted evidence of
    each fact's subject in each article."""
    raw = db.query(f"{_PREFIX}SELECT DISTINCT ?p ?o ?g WHERE {{ GRAPH ?g {{ <{iri}> ?p ?o }} }} "
                   f"ORDER BY ?p ?o LIMIT {FACTS_LIMIT + 1}")
    out = [{"p": b["p"]["value"], "o": b["o"], "g": b["g"]["value"]} for b in raw.bindings]
    inc = _rows(db, f"GRAPH ?g {{ ?s ?p <{iri}> }}", "DISTINCT ?s ?p ?g",
                f"ORDER BY ?p ?s LIMIT {FACTS_LIMIT + 1}")
    if not out and not inc:
        default = db.query(f"ASK {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?p <{iri}> }} }}").boolean
        if not default:
            return {"found": False}
    truncated = len(out) > FACTS_LIMIT or len(inc) > FACTS_LIMIT
    out, inc = out[:FACTS_LIMIT], inc[:FACTS_LIMIT]
    linked = {r["o"]["value"] for r in out if r["o"]["type"] == "uri"} | {r["s"] for r in inc}
    labels: dict[str, str] = {}
    if linked | {iri}:
        for r in _rows(db, f"{_values('x', linked | {iri})} ?x rdfs:label ?l",
                       "DISTINCT ?x ?l (LANG(?l) AS ?lang)"):
            cur = labels.get(r["x"])
            if cur is None or (r.get("lang") == "vi" and len(r["l"]) < len(cur)):
                labels[r["x"]] = r["l"]
    subjects = {iri} | {r["s"] for r in inc}
    # a fact in a graph that is not an article's (the shared entities graph) is sourced by
    # the articles its subject was derived from
    derived: dict[str, list[str]] = defaultdict(list)
    for r in _rows(db, f"{_values('s', subjects)} ?s prov:wasDerivedFrom ?a . ?a a ckg:NewsArticle",
                   "DISTINCT ?s ?a", "LIMIT 20000"):
        derived[r["s"]].append(r["a"])
    graphs = {r["g"] for r in out} | {r["g"] for r in inc} | {a for v in derived.values() for a in v}
    articles: dict[str, dict[str, str]] = {}
    if graphs:
        for r in _rows(db, f"{_values('a', graphs)} ?a a ckg:NewsArticle . OPTIONAL {{ ?a ckg:headline ?h }} "
                           "OPTIONAL { ?a ckg:url ?u } OPTIONAL { ?a ckg:published ?d }"):
            articles.setdefault(r["a"], {}).update({k: r[k] for k in ("h", "u", "d") if k in r})
    quotes: dict[str, dict[str, list[tuple[str, str, str]]]] = defaultdict(lambda: defaultdict(list))
    evidence = ("?ev oa:hasSelector ?q . ?q oa:exact ?x . "
                "OPTIONAL { ?q oa:prefix ?pre } OPTIONAL { ?q oa:suffix ?suf }")
    for r in _rows(db, f"{_values('s', subjects)} "
                       "{ GRAPH ?g { ?s ckg:evidence ?ev } } UNION "
                       "{ GRAPH ?g { ?obs ckg:observationOf ?s ; ckg:evidence ?ev } } "
                       f"{evidence}", "DISTINCT ?s ?g ?x ?pre ?suf", "LIMIT 5000"):
        q = quotes[r["s"]][r["g"]]
        quote = (r.get("pre", ""), r["x"], r.get("suf", ""))
        if len(q) < 3 and quote not in q:
            q.append(quote)
    return {"found": True, "out": out, "in": inc, "labels": labels, "articles": articles,
            "quotes": {s: dict(d) for s, d in quotes.items()}, "derived": dict(derived),
            "truncated": truncated}


def view(db: Any, state: dict[str, Any], args: dict[str, Any]) -> Reply:
    """An HTML view: of the whole graph, one article, the neighbourhood of an IRI, or the
    answer of a query. The whole-graph view model is kept between jobs (the store a worker
    reads does not change under it)."""
    from civickg.views.from_rdf import article_graph_iri, build_view, result_view
    from civickg.views.render import render_html

    def select(q: str) -> list[dict[str, str]]:
        return db.query(q).rows()

    def full() -> Any:
        if "full" not in state:
            state["full"] = build_view(select, articles=True, title="civickg")
        return state["full"]

    if args.get("article"):
        iri = article_graph_iri(select, args["article"])
        if iri is None:
            return Reply(404, body=f"No article {args['article']!r} in the graph.\n".encode())
        g = build_view(select, graph_iri=iri, articles=True)
        art = g.nodes.get(iri)
        g.title = art.label if art else args["article"]
    elif args.get("around"):
        graph = full()
        node = graph.nodes.get(args["around"])
        if node is None:
            return Reply(404, body=b"That IRI is not a node of the graph views (persons, "
                                   b"organizations, documents, meetings, places, articles).\n")
        g = graph.around([node.id], args.get("hops", 2))
        g.title = f"{node.label} — {args.get('hops', 2)} bước / hops"
    elif args.get("query"):
        res = db.query(args["query"])
        if res.kind == "graph":
            import pyoxigraph as ox

            triples = [(t.subject.value, t.predicate.value, t.object.value) for t in res.triples()
                       if isinstance(t.subject, ox.NamedNode) and isinstance(t.object, ox.NamedNode)]
            g = result_view(full(), triples=triples)
        elif res.kind == "bindings":
            g = result_view(full(), rows=res.rows())
        else:
            return Reply(400, body=b"An ASK query has nothing to draw.\n")
        g.title = args.get("title") or "civickg — query"
    else:
        g = full()
    page = render_html(g, size_by="degree")
    return Reply(200, "text/html; charset=utf-8", page.encode())
