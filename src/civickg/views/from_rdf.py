"""Fill a ViewGraph from the RDF graph with SPARQL, over a store or an rdflib graph.

Nodes are the persons, organizations, documents, meetings and places (and articles when
asked); a tenure (``ckg:Membership``) is drawn as an edge person → organization labelled with
the role, dated by its first and last observation. Other edges are the object properties
between those nodes, labelled with the ontology's labels. Tooltips get offices with dates and
provenance: the articles a node was derived from and the quoted evidence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from civickg.namespace import CKG, PREFIXES, PROV
from civickg.views.model import Office, Provenance, ViewEdge, ViewGraph, ViewNode
from civickg.views.ontology import Vocabulary, vocabulary

Select = Callable[[str], list[dict[str, str]]]
MAX_ARTICLES_PER_NODE = 5
MAX_QUOTES_PER_ARTICLE = 2
_SENTENCE_END = ".!?…:"
_CLOSING = "\"'”’»)]"


def _ends_sentence(text: str) -> bool:
    last = text.rstrip().rstrip(_CLOSING)[-1:]
    return bool(last) and last in _SENTENCE_END


def whole_sentence(exact: str, prefix: str, suffix: str) -> bool:
    """Whether a quote is a whole sentence or line (civickg's evidence), not words cut out of
    one (other data, stores built before evidence was by sentence)."""
    starts = not prefix.strip() or prefix.endswith(("\n", "\r")) or _ends_sentence(prefix)
    ends = not suffix.strip() or suffix.startswith(("\n", "\r")) or _ends_sentence(exact)
    return starts and ends


def _quote(exact: str, prefix: str, suffix: str) -> str:
    """A quote as a viewer reads it: a whole sentence alone, words between their context."""
    text = exact if whole_sentence(exact, prefix, suffix) else f"…{prefix}{exact}{suffix}…"
    return " ".join(text.split())


# drawn as edges between nodes; the first of several between the same pair wins
EDGE_PROPERTIES = ("chair", "speaker", "participant", "organizer", "location", "reviews",
                   "issuer", "subOrganizationOf", "area", "partOf", "locality")
_DETAIL_PROPERTIES = ("date", "dateIssued", "documentNumber", "subjectText", "headline",
                      "published", "url", "kindLabel", "sourceTag", "articleId")
_PREFIX = "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in ("ckg", "rdfs", "prov", "oa"))


def store_select(store: Any) -> Select:
    """A ``Select`` over a ``civickg.store`` GraphStore (embedded or remote)."""
    return lambda q: store.query(q).rows()


def rdflib_select(graph: Any) -> Select:
    """A ``Select`` over an rdflib Graph or Dataset (default graph = union for a Dataset)."""

    def run(q: str) -> list[dict[str, str]]:
        res = graph.query(q)
        names = [str(v) for v in res.vars]
        return [{n: str(r[i]) for i, n in enumerate(names) if r[i] is not None} for r in res]

    return run


def _values(var: str, iris: list[str]) -> str:
    return f"VALUES ?{var} {{ {' '.join(f'<{i}>' for i in iris)} }}"


def _day(value: str | None) -> str | None:
    return value[:10] if value else None


class _Builder:
    def __init__(self, select: Select, vocab: Vocabulary) -> None:
        self.select, self.vocab = select, vocab

    def run(self, body: str, variables: str = "*", tail: str = "") -> list[dict[str, str]]:
        return self.select(f"{_PREFIX}SELECT {variables} WHERE {{ {body} }} {tail}")

    def nodes(self, g: ViewGraph, families: tuple[str, ...]) -> None:
        keys = self.vocab.node_classes(families)
        rows = self.run(f"{_values('t', [str(self.vocab.iri(k)) for k in keys])} ?s a ?t . "
                        "OPTIONAL { ?s rdfs:label ?l }")
        best: dict[str, str] = {}
        labels: dict[str, str] = {}
        for r in rows:
            s, key = r["s"], self.vocab.key(r["t"])
            if key is None:
                continue
            if s not in best or self.vocab.depth[key] > self.vocab.depth[best[s]]:
                best[s] = key
            if "l" in r and (s not in labels or len(r["l"]) < len(labels[s])):
                labels[s] = r["l"]
        for s, key in best.items():
            label = labels.get(s) or s.rsplit("/", 1)[-1]
            g.add_node(ViewNode(s, label, key, canonical_name=labels.get(s)))
        for key in set(best.values()):
            g.classes[key] = self.vocab.classes[key]

    def details(self, g: ViewGraph) -> dict[str, dict[str, str]]:
        props = [str(CKG[p]) for p in _DETAIL_PROPERTIES]
        out: dict[str, dict[str, str]] = defaultdict(dict)
        for r in self.run(f"{_values('p', props)} ?s ?p ?o"):
            out[r["s"]].setdefault(r["p"].rsplit("#", 1)[-1], r["o"])
        for s, d in out.items():
            n = g.nodes.get(s)
            if n is None:
                continue
            date = _day(d.get("date") or d.get("dateIssued") or d.get("published"))
            n.start = date
            if "date" in d or "published" in d:
                n.end = date  # meetings and articles are events; a document stays in force
            if "url" in d:
                n.url = d["url"]
            for p in ("kindLabel", "documentNumber", "subjectText", "date", "dateIssued",
                      "published", "sourceTag"):
                if p in d:
                    n.details.append((self.vocab.prop_label(str(CKG[p]))[0], d[p]))
        return out

    def edges(self, g: ViewGraph) -> None:
        props = [str(CKG[p]) for p in EDGE_PROPERTIES]
        props += [p for p in self.vocab.edge_properties if p not in props]
        seen: set[tuple[str, str]] = set()
        rows = self.run(f"{_values('p', props)} ?s ?p ?o")
        order = {p: i for i, p in enumerate(props)}
        rows.sort(key=lambda r: order[r["p"]])
        for r in rows:
            s, o = r["s"], r["o"]
            if s not in g.nodes or o not in g.nodes or (s, o) in seen:
                continue
            seen.add((s, o))
            vi, en = self.vocab.prop_label(r["p"])
            date = g.nodes[s].start if g.nodes[s].end else None  # a meeting's links share its date
            g.add_edge(ViewEdge(s, o, vi, en, date, date, kind=r["p"].rsplit("#", 1)[-1]))

    def tenures(self, g: ViewGraph) -> None:
        rows = self.run(
            "?m a ckg:Membership ; ckg:member ?person ; ckg:post ?post . "
            "OPTIONAL { ?m ckg:organization ?org } OPTIONAL { ?post ckg:roleName ?role } "
            "OPTIONAL { ?post rdfs:label ?postLabel } "
            "OPTIONAL { ?obs ckg:observationOf ?m . "
            "  OPTIONAL { ?obs ckg:observedOn ?d } OPTIONAL { ?obs ckg:status ?st } }",
            "?m ?person ?org ?role ?postLabel (MIN(STR(?d)) AS ?start) (MAX(STR(?d)) AS ?end) "
            "(GROUP_CONCAT(DISTINCT STR(?st); separator=' ') AS ?sts)",
            "GROUP BY ?m ?person ?org ?role ?postLabel ORDER BY ?start")
        done: set[str] = set()
        for r in rows:
            person = g.nodes.get(r["person"])
            if person is None or r["m"] in done:
                continue
            done.add(r["m"])
            role = r.get("role") or r.get("postLabel") or ""
            org = g.nodes.get(r.get("org", ""))
            statuses = [self.vocab.labels.get(s, (s, s))[0] for s in r.get("sts", "").split()]
            person.offices.append(Office(role, org.label if org else None, _day(r.get("start")),
                                         _day(r.get("end")), ", ".join(sorted(statuses)) or None))
            if org is not None:
                g.add_edge(ViewEdge(person.id, org.id, role, role, _day(r.get("start")),
                                    _day(r.get("end")), kind="tenure"))

    def provenance(self, g: ViewGraph, details: dict[str, dict[str, str]],
                   link_articles: bool) -> None:
        derived: dict[str, list[str]] = defaultdict(list)
        for r in self.run("?s prov:wasDerivedFrom ?a . ?a a ckg:NewsArticle"):
            if r["s"] in g.nodes:
                derived[r["s"]].append(r["a"])
        quotes: dict[tuple[str, str], list[str]] = defaultdict(list)
        evidence = ("?ev oa:hasSource ?a ; oa:hasSelector ?q . ?q oa:exact ?x . "
                    "OPTIONAL { ?q oa:prefix ?pre } OPTIONAL { ?q oa:suffix ?suf }")
        rows = self.run(f"?s ckg:evidence ?ev . {evidence}")
        rows += self.run("?obs ckg:observationOf ?m . ?m ckg:member ?s . "
                         f"?obs ckg:evidence ?ev . {evidence}")
        for r in rows:
            key = (r["s"], r["a"])
            if r["s"] in g.nodes and len(quotes[key]) < MAX_QUOTES_PER_ARTICLE:
                q = _quote(r["x"], r.get("pre", ""), r.get("suf", ""))
                if q not in quotes[key]:
                    quotes[key].append(q)
        art = g.nodes
        for s, articles in derived.items():
            node = g.nodes[s]
            info = sorted(({"a": a, **details.get(a, {})} for a in set(articles)),
                          key=lambda d: d.get("published", ""), reverse=True)
            for d in info[:MAX_ARTICLES_PER_NODE]:
                node.provenance.append(Provenance(d.get("headline"), _day(d.get("published")),
                                                  d.get("url"), quotes.get((s, d["a"]), [])))
            if node.url is None:
                node.url = next((d["url"] for d in info if d.get("url")), None)
            if link_articles and node.cls in self._linked_classes():
                for a in articles:
                    if a in art and a != s:
                        vi, en = self.vocab.prop_label(str(PROV.wasDerivedFrom))
                        g.add_edge(ViewEdge(s, a, vi, en, node.start, node.end or node.start,
                                            kind="wasDerivedFrom"))

    def _linked_classes(self) -> set[str]:
        return {k for k, c in self.vocab.classes.items() if c.family in ("Meeting", "Document")}


def build_view(select: Select, *, graph_iri: str | None = None, articles: bool = False,
               title: str = "civickg", vocab: Vocabulary | None = None) -> ViewGraph:
    """The view of the whole graph, or of what one article (named graph ``graph_iri``) says.

    ``articles`` adds the news articles as nodes, linked from the meetings and documents they
    report (prov:wasDerivedFrom) and to their locality."""
    vocab = vocab or vocabulary()
    if graph_iri:
        # an entity's identity triples live in the shared entities graph, so an article's view
        # is the whole view cut down to the nodes the article's own graph derives from it
        full = build_view(select, articles=True, title=title, vocab=vocab)
        own = f"GRAPH <{graph_iri}> {{ ?s prov:wasDerivedFrom <{graph_iri}> }}"
        rows = select(f"{_PREFIX}SELECT ?s WHERE {{ {own} }}")
        return result_view(full, rows=[{"s": graph_iri}, *rows], vocab=vocab)
    b = _Builder(select, vocab)
    g = ViewGraph(title)
    families = ("Person", "Organization", "Document", "Meeting", "Place")
    families += tuple(f for f in vocab.node_families if f not in families and f != "NewsArticle")
    b.nodes(g, families + (("NewsArticle",) if articles else ()))
    details = b.details(g)
    b.edges(g)
    b.tenures(g)
    b.provenance(g, details, articles)
    return g


def article_graph_iri(select: Select, article_id: str) -> str | None:
    """The IRI (= named graph) of the article with ``ckg:articleId`` (or IRI) ``article_id``."""
    if article_id.startswith(("http://", "https://")):
        return article_id
    lit = article_id.replace("\\", "\\\\").replace('"', '\\"')
    rows = select(f'{_PREFIX}SELECT ?a WHERE {{ ?a ckg:articleId "{lit}" }} LIMIT 1')
    return rows[0]["a"] if rows else None


def result_view(full: ViewGraph, rows: list[dict[str, str]] | None = None,
                triples: list[tuple[str, str, str]] | None = None,
                vocab: Vocabulary | None = None) -> ViewGraph:
    """The view of a query's answer: for SELECT ``rows``, the IRIs bound in them with the links
    between them; for CONSTRUCT ``triples``, exactly those links. Node details come from
    ``full``; IRIs not in it become plain nodes."""
    vocab = vocab or vocabulary()
    iris: list[str] = []
    if rows is not None:
        iris = [v for r in rows for v in r.values() if v.startswith(("http://", "https://"))]
    links = [t for t in triples or [] if t[2].startswith(("http://", "https://", "_:"))]
    iris += [x for s, _, o in links for x in (s, o)]
    g = ViewGraph(full.title)
    for i in dict.fromkeys(iris):
        node = full.nodes.get(i) or ViewNode(i, i.rsplit("/", 1)[-1].rsplit("#", 1)[-1], "Thing")
        g.add_node(node)
    if triples is None:
        g.edges = [e for e in full.edges if e.source in g.nodes and e.target in g.nodes]
    else:
        for s, p, o in links:
            vi, en = vocab.prop_label(p)
            g.add_edge(ViewEdge(s, o, vi, en, kind=p.rsplit("#", 1)[-1]))
    used = {n.cls for n in g.nodes.values()}
    g.classes = {k: c for k, c in full.classes.items() if k in used}
    for k in used - set(g.classes):
        if k in vocab.classes:
            g.classes[k] = vocab.classes[k]
    return g


__all__ = ["EDGE_PROPERTIES", "Select", "article_graph_iri", "build_view",
           "rdflib_select", "result_view", "store_select"]
