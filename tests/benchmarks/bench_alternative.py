"""civickg against the pipeline a user might assemble from the off-the-shelf parts:
underthesea NER per sentence (PER → persons, ORG → organizations, LOC → places) and an
rdflib in-memory graph. Reports both F1s on the gold corpora and the speed ratio.

    python tests/benchmarks/bench_alternative.py [--articles 200]

Needs the ``nlp`` extra (underthesea, bundled CRF models, no network). Gold: ../shared/corpus
(seed + dev) and tests/data/heldout. Speed: the first N articles of those corpora, cycled.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from civickg.evaluate import evaluate
from civickg.model import Article, ReadError
from civickg.pipeline import extract
from civickg.read import iter_articles

ROOT = Path(__file__).resolve().parents[2]
CORPORA = [ROOT.parent / "shared" / "corpus" / "seed", ROOT.parent / "shared" / "corpus" / "dev",
           ROOT / "tests" / "data" / "heldout"]


def underthesea_facts(article: Article) -> dict:
    """The facts view the underthesea-only pipeline can fill."""
    from underthesea import ner, sent_tokenize

    found: dict[str, list[str]] = {"PER": [], "ORG": [], "LOC": []}
    for sentence in sent_tokenize(article.body):
        current: list[str] = []
        label = None
        for word, _pos, _chunk, tag in ner(sentence) + [("", "", "", "O")]:
            if tag.startswith("I-") and label == tag[2:]:
                current.append(word)
                continue
            if current and label in found and " ".join(current) not in found[label]:
                found[label].append(" ".join(current))
            current, label = ([word], tag[2:]) if tag.startswith("B-") else ([], None)
    return {"title": article.title, "published": article.published, "persons": [
        {"name": n, "offices": []} for n in found["PER"]], "organizations": found["ORG"],
        "documents": [], "meetings": [], "places": found["LOC"], "authors": []}


def to_rdflib(facts: dict, article_id: str):
    """The alternative's store: one rdflib graph per article with plain schema.org triples."""
    from rdflib import RDF, Graph, Literal, Namespace, URIRef

    schema = Namespace("https://schema.org/")
    g = Graph()
    art = URIRef(f"urn:article:{article_id}")
    g.add((art, RDF.type, schema.NewsArticle))
    for p in facts["persons"]:
        node = URIRef(f"urn:person:{abs(hash(p['name']))}")
        g.add((node, RDF.type, schema.Person))
        g.add((node, schema.name, Literal(p["name"])))
        g.add((art, schema.mentions, node))
    for o in facts["organizations"]:
        node = URIRef(f"urn:org:{abs(hash(o))}")
        g.add((node, RDF.type, schema.Organization))
        g.add((node, schema.name, Literal(o)))
        g.add((art, schema.mentions, node))
    return g


def score(make_facts) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        gold, pred = Path(tmp, "gold"), Path(tmp, "pred")
        gold.mkdir()
        pred.mkdir()
        for corpus in CORPORA:
            if not corpus.exists():
                continue
            for f in corpus.glob("*.facts.json"):
                gold.joinpath(f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
                (a,) = [x for x in iter_articles([str(f.with_name(f.name[:-11] + ".txt"))])]
                pred.joinpath(f.name).write_text(json.dumps(make_facts(a), ensure_ascii=False), encoding="utf-8")
        return evaluate(gold, pred)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=200)
    args = ap.parse_args()
    articles = [a for c in CORPORA if c.exists() for a in iter_articles([str(c)]) if not isinstance(a, ReadError)]
    sample = [articles[i % len(articles)] for i in range(args.articles)]
    underthesea_facts(sample[0])  # load the CRF models before timing
    extract(sample[0])

    t = time.perf_counter()
    for a in sample:
        to_rdflib(underthesea_facts(a), a.article_id)
    alt = time.perf_counter() - t
    t = time.perf_counter()
    for a in sample:
        extract(a)
    ours = time.perf_counter() - t
    print(f"{len(sample)} articles: underthesea+rdflib {len(sample) / alt:.1f} articles/s, "
          f"civickg extraction {len(sample) / ours:.1f} articles/s, ratio {alt / ours:.0f}x")

    for name, fn in (("civickg", lambda a: extract(a).to_json()), ("underthesea", underthesea_facts)):
        r = score(fn)
        cats = " ".join(f"{k}={v['f1']:.3f}" for k, v in r["categories"].items()
                        if k in ("persons", "organizations", "places"))
        print(f"{name:12} micro F1 {r['micro']['f1']:.3f}  {cats}")


if __name__ == "__main__":
    main()
