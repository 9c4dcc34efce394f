"""The server's own HTML pages: the query page and one page per entity. Every text that comes
from the graph goes through ``html.escape``; links are built only from IRIs and http(s) URLs."""

from __future__ import annotations

import json
from html import escape
from typing import Any
from urllib.parse import quote

from civickg import __version__
from civickg.serve.config import ServeConfig
from civickg.views.from_rdf import whole_sentence
from civickg.views.ontology import vocabulary
from civickg.views.render import safe_json, safe_url

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def page(title: str, body: str, script: str | None = None) -> str:
    js = f'<script src="/static/{script}"></script>' if script else ""
    return (f'<!doctype html>\n<html lang="vi"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="generator" content="civickg {escape(__version__)}">'
            f'<title>{escape(title)}</title><link rel="stylesheet" href="/static/site.css"></head>'
            f'<body><nav><a href="/">civickg SPARQL</a> · <a href="/view">graph view</a></nav>'
            f"<main>{body}</main>{js}</body></html>\n")


def query_page(examples: list[dict[str, str]], prefixes: dict[str, str], cfg: ServeConfig) -> str:
    data = {"examples": examples, "prefixes": prefixes, "base": cfg.base}
    options = "".join(f'<option value="{i}">{escape(e["name"])} — {escape(e["title"])}</option>'
                      for i, e in enumerate(examples))
    plist = "".join(f"<li><code>PREFIX {escape(p)}: &lt;{escape(n)}&gt;</code></li>"
                    for p, n in sorted(prefixes.items()))
    first = escape(examples[0]["query"]) if examples else ""
    body = f"""<h1>SPARQL</h1>
<p>Endpoint: <code>/sparql</code> (SPARQL 1.1 Protocol, GET or POST; JSON, XML, CSV, TSV;
Turtle, N-Triples, JSON-LD, RDF/XML). Read-only{'' if not cfg.allow_update else ' (updates need a token)'};
each query may run {cfg.timeout:g} s.</p>
<form id="qform" method="post" action="/sparql">
<label>Example <select id="examples">{options}</select></label>
<textarea id="query" name="query" rows="18" spellcheck="false">{first}</textarea>
<div class="bar"><button id="run" type="submit">Run</button>
<button id="graph" type="button">Show as graph</button>
<label>Download as <select id="format">
<option value="">table</option><option value="json">JSON</option><option value="xml">XML</option>
<option value="csv">CSV</option><option value="tsv">TSV</option><option value="turtle">Turtle</option>
<option value="ntriples">N-Triples</option><option value="jsonld">JSON-LD</option></select></label>
<span id="status" role="status"></span></div>
</form>
<form id="gform" method="post" action="/view" target="_blank"><input type="hidden" name="query" id="gquery"></form>
<details><summary>Prefixes</summary><ul class="prefixes">{plist}</ul></details>
<div id="results"></div>
<script type="application/json" id="page-data">{safe_json(data)}</script>"""
    return page("civickg — SPARQL", body, "query.js")


def _link(iri: str, label: str | None, cfg: ServeConfig) -> str:
    text = escape(label or iri)
    local = cfg.local_path(iri)
    if local is not None:
        return f'<a href="{escape(quote(local, safe="/:@-._~!$&()*+,;="))}" title="{escape(iri)}">{text}</a>'
    url = safe_url(iri)
    if url:
        return f'<a href="{escape(url)}" rel="noopener noreferrer" title="{escape(iri)}">{text}</a>'
    return f"<code>{text}</code>"


def _term(t: dict[str, str], labels: dict[str, str], cfg: ServeConfig) -> str:
    if t["type"] == "uri":
        return _link(t["value"], labels.get(t["value"]) or vocabulary().labels.get(t["value"], ("",))[0]
                     or None, cfg)
    if t["type"] == "bnode":
        return f"<code>_:{escape(t['value'])}</code>"
    extra = f"@{t['xml:lang']}" if "xml:lang" in t else ""
    if "datatype" in t and not t["datatype"].endswith("#string"):
        extra = "^^" + t["datatype"].rsplit("#", 1)[-1]
    return f'<span class="lit">{escape(t["value"])}</span><small>{escape(extra)}</small>'


def _prop(iri: str) -> str:
    vi, en = vocabulary().prop_label(iri)
    if iri == RDF_TYPE:
        vi, en = "loại", "type"
    return f'<span title="{escape(iri)}">{escape(vi)}</span> <small>{escape(en)}</small>'


def _quote(exact: str, prefix: str, suffix: str, name: str) -> str:
    """A sentence of evidence as it is, the entity's name marked where it is written as its
    label; words cut out of a sentence (other data) marked between their context."""
    if not whole_sentence(exact, prefix, suffix):
        return f"…{escape(prefix)}<mark>{escape(exact)}</mark>{escape(suffix)}…"
    i = exact.find(name) if name else -1
    if i < 0:
        return escape(exact)
    return f"{escape(exact[:i])}<mark>{escape(name)}</mark>{escape(exact[i + len(name):])}"


def _sources(graphs: list[str], subject: str, d: dict[str, Any], cfg: ServeConfig) -> str:
    items = []
    arts = {a for g in graphs for a in ([g] if g in d["articles"] else d["derived"].get(subject, []))}
    for g in sorted(arts, key=lambda a: d["articles"].get(a, {}).get("d", ""), reverse=True):
        art = d["articles"].get(g, {})
        head = art.get("h") or g.rsplit("/", 1)[-1]
        date = f' <small>{escape(art["d"][:10])}</small>' if art.get("d") else ""
        ext = safe_url(art.get("u"))
        out = f'<a href="{escape(ext)}" rel="noopener noreferrer">↗</a>' if ext else ""
        name = d["labels"].get(subject, "")
        quotes = "".join(f"<blockquote>{_quote(x, pre, suf, name)}</blockquote>"
                         for pre, x, suf in d["quotes"].get(subject, {}).get(g, []))
        items.append(f"<li>{_link(g, head, cfg)}{date} {out}{quotes}</li>")
    return f'<ul class="src">{"".join(items)}</ul>'


def entity_page(iri: str, d: dict[str, Any], cfg: ServeConfig) -> str:
    labels = d["labels"]
    vocab = vocabulary()
    name = labels.get(iri) or iri.rsplit("/", 1)[-1]
    types = sorted({r["o"]["value"] for r in d["out"] if r["p"] == RDF_TYPE})
    tlist = ", ".join(_link(t, "{} / {}".format(*vocab.labels.get(t, (t.rsplit("#", 1)[-1],) * 2)), cfg)
                      for t in types)
    out: dict[tuple[str, str], tuple[dict[str, str], list[str]]] = {}
    for r in d["out"]:
        key = (r["p"], json.dumps(r["o"], sort_keys=True))
        out.setdefault(key, (r["o"], []))[1].append(r["g"])
    rows = "".join(f"<tr><td>{_prop(p)}</td><td>{_term(o, labels, cfg)}</td>"
                   f"<td>{_sources(gs, iri, d, cfg)}</td></tr>" for (p, _), (o, gs) in out.items())
    inc: dict[tuple[str, str], list[str]] = {}
    for r in d["in"]:
        inc.setdefault((r["s"], r["p"]), []).append(r["g"])
    irows = "".join(f"<tr><td>{_link(s, labels.get(s) or s.rsplit('/', 1)[-1], cfg)}</td><td>{_prop(p)}</td>"
                    f"<td>{_sources(gs, s, d, cfg)}</td></tr>" for (s, p), gs in inc.items())
    here = cfg.local_path(iri) or f"/resource?iri={quote(iri, safe='')}"
    sep = "&" if "?" in here else "?"
    body = f"""<h1>{escape(name)}</h1>
<p class="iri"><code>{escape(iri)}</code></p>
<p>{tlist}</p>
<p class="links"><a href="/view?around={escape(quote(iri, safe=''))}">View the neighbourhood</a> ·
<a href="{escape(here + sep)}format=turtle">Turtle</a> · <a href="{escape(here + sep)}format=jsonld">JSON-LD</a> ·
<a href="{escape(here + sep)}format=ntriples">N-Triples</a></p>
{'<p class="warn">Only the first facts are shown.</p>' if d.get("truncated") else ""}
<h2>Facts</h2>
<table><thead><tr><th>property</th><th>value</th><th>stated in (evidence)</th></tr></thead>
<tbody>{rows}</tbody></table>
<h2>Linked from</h2>
<table><thead><tr><th>subject</th><th>property</th><th>stated in (evidence)</th></tr></thead>
<tbody>{irows}</tbody></table>"""
    return page(f"{name} — civickg", body)
