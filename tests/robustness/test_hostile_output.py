"""Issue 7, hostile text: labels with HTML/JS, SPARQL- and Turtle-looking text, quotes, line
breaks, terminal escapes, and IRIs (urls, article ids) with spaces or quotes come out of every
output escaped: each RDF export parses back to the same quads, each query format parses back
to the same values, the HTML views run nothing, and every minted IRI is made of safe
characters. (Server pages are checked by tests/test_serve_pages.py on a hostile article.)"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from graph_fixtures import article_a

from civickg.cli import cli
from civickg.cli._building import Builder
from civickg.model import Document, Office, Organization, Person
from civickg.store import EXPORT_FORMATS, EmbeddedStore, export

EVIL = ('</script><script>alert("x")</script> <img src=x onerror=alert(1)> \'q\' "dq" """ \\ '
        '} ; DROP ALL ; INSERT DATA { <a> <b> <c> } # @prefix x: <y> .\n new line\r\x1b[31mred'
        '\x1b[0m \t tab \u2028 &amp; ]]> <!-- --> {"k": 1} \u200b\x00end')
EVIL_TEXT = (f"Hội nghị {EVIL.splitlines()[0]} tổng kết Nghị quyết số 07-NQ/TU\n10:00 - 20/04/2024\n\n"
             "(HG) - Sáng 20-4, Tỉnh ủy Hậu Giang tổ chức Hội nghị tổng kết Nghị quyết số 07-NQ/TU. "
             "Đồng chí Nghiêm Xuân Thành, Bí thư Tỉnh ủy <script>alert(3)</script>, chủ trì hội nghị."
             '\n\nTin: "><svg onload=alert(4)>\n')
SAFE_IRI = re.compile(r"[A-Za-z0-9:/._#%?=&~+-]+")
RDF_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG,
               "nquads": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD}


def hostile_facts():  # noqa: ANN201 - ArticleFacts
    f = article_a()
    a = dataclasses.replace(f.article, article_id='a b"<c>', title=EVIL, authors=[EVIL],
                            url='http://x.org/a b"<>{}|^`\\')
    f = dataclasses.replace(f, article=a)
    f.persons.append(Person(EVIL, [Office(EVIL, EVIL)], []))
    f.organizations.append(Organization(EVIL, "Organization", "Cần Thơ"))
    f.documents.append(Document("Nghị quyết", 'số "1"/NQ <x>', "2020-01-01", EVIL, EVIL))
    return f


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("hostile")
    src = d / "in"
    src.mkdir()
    (src / "2024-04-20 hostile \"x\".txt").write_text(EVIL_TEXT, encoding="utf-8")
    (src / "lines.jsonl").write_text(json.dumps(
        {"title": EVIL, "text": EVIL_TEXT, "url": 'https://e.vn/a b"c\'<d>.html', "authors": [EVIL],
         "published": "2024-04-20"}) + "\n"  # and half a surrogate pair, escaped in JSON:
        + json.dumps({"title": "Hội nghị \ud800 tổng kết", "text": EVIL_TEXT.replace("Sáng", "Chiều")})
        + "\n", encoding="utf-8")
    with EmbeddedStore(d / "store") as s:
        b = Builder(s)
        b.add_facts([hostile_facts()])
        b.run([str(src)])
        assert b.counts["failed"] == 0 and b.counts["added"] == 4, b.summary()
    return d / "store"


def quads(store: Path) -> set[ox.Quad]:
    with EmbeddedStore(store) as s:
        return set(s.quads())


def invoke(*args: str) -> str:
    r = CliRunner().invoke(cli, list(args))
    assert r.exit_code == 0, r.output
    return r.stdout


def test_the_attack_is_really_stored(store: Path) -> None:
    literals = [q.object.value for q in quads(store) if isinstance(q.object, ox.Literal)]
    assert any("<script>alert(" in v for v in literals)
    assert any("DROP ALL ; INSERT DATA" in v for v in literals)
    assert any('"""' in v and "\\" in v for v in literals)
    assert any('a b"<>{}' in v for v in literals)  # the url, kept as an xsd:anyURI literal
    assert "Hội nghị \ufffd tổng kết" in literals  # the lone surrogate, replaced


@pytest.mark.parametrize("fmt", list(RDF_FORMATS))
def test_every_export_parses_back_to_the_same_graph(store: Path, fmt: str) -> None:
    data = invoke("export", "--format", fmt, "--store", str(store)).encode()
    with EmbeddedStore(store) as s:
        assert data == export(s, fmt)
    back = set(ox.parse(data, format=RDF_FORMATS[fmt]))
    want = quads(store)
    if not EXPORT_FORMATS[fmt].supports_datasets:
        assert {q.triple for q in back} == {q.triple for q in want}
    else:
        assert back == want


def test_every_iri_is_safe(store: Path) -> None:
    iris = {t.value for q in quads(store) for t in (q.subject, q.predicate, q.object, q.graph_name)
            if isinstance(t, ox.NamedNode)}
    bad = [i for i in iris if not SAFE_IRI.fullmatch(i)]
    assert not bad, bad[:5]


QUERY = ("SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(isLiteral(?o) && (CONTAINS(?o, \"alert\") "
         "|| CONTAINS(?o, \"\\\\\"))) } ORDER BY ?s ?p ?o")


def expected_rows(store: Path) -> list[tuple[ox.NamedNode, ox.NamedNode, ox.Literal]]:
    with EmbeddedStore(store) as s:
        r = s._store.query(QUERY, use_default_graph_as_union=True)
        rows = [(b["s"], b["p"], b["o"]) for b in r]
    assert len(rows) > 10
    return rows


def test_query_json_and_csv_give_the_values_back(store: Path) -> None:
    rows = expected_rows(store)
    data = json.loads(invoke("query", QUERY, "--store", str(store), "--format", "json"))
    got = [(b["s"]["value"], b["p"]["value"], b["o"]["value"]) for b in data["results"]["bindings"]]
    assert got == [(s.value, p.value, o.value) for s, p, o in rows]
    out = invoke("query", QUERY, "--store", str(store), "--format", "csv")
    table = list(csv.reader(io.StringIO(out, newline="")))
    assert table[0] == ["s", "p", "o"] and [tuple(r) for r in table[1:]] == got


def test_query_tsv_terms_parse_back(store: Path) -> None:
    rows = expected_rows(store)
    lines = invoke("query", QUERY, "--store", str(store), "--format", "tsv").split("\n")
    assert lines[0] == "?s\t?p\t?o" and lines[-1] == "" and len(lines) == len(rows) + 2
    for line, want in zip(lines[1:-1], rows, strict=True):
        cells = line.split("\t")
        assert len(cells) == 3
        (t,) = ox.parse(" ".join(cells).encode() + b" .", format=ox.RdfFormat.N_TRIPLES)
        assert (t.subject, t.predicate, t.object) == want


def test_query_table_is_one_line_per_row_with_no_control_characters(store: Path) -> None:
    rows = expected_rows(store)
    out = invoke("query", QUERY, "--store", str(store))
    lines = out.split("\n")
    assert len(lines) == len(rows) + 4 and lines[-2] == f"({len(rows)} rows)"
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]", out)
    assert "\\x1b[31mred" in out  # shown, not run


class _Tags(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_html_views_of_the_hostile_store_run_nothing(store: Path, tmp_path: Path) -> None:
    from civickg.views import write_default_views

    with EmbeddedStore(store) as s:
        pages = write_default_views(s, tmp_path)
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        tags = _Tags(html).tags
        scripts = [a for t, a in tags if t == "script"]
        assert sum(a.get("type") == "application/json" for a in scripts) == 1
        assert len(scripts) == 3, page  # the data block, vis-network, the viewer: nothing else
        assert not [t for t, _ in tags if t in ("img", "svg", "iframe", "object", "embed")]
        assert not [k for _, a in tags for k in a if k.startswith("on")]
        data = html.split('id="ckg-data">', 1)[1].split("</script>", 1)[0]
        assert "<" not in data
        if page.name == "overview.html":
            assert "alert" in data  # the hostile labels are there, as data
