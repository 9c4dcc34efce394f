"""``civickg serve`` while ``civickg build`` writes the same store: the server never reads the
store a build writes (undefined in RocksDB), it reads the snapshots the build publishes. Every
answer during the build is a whole state: no errors, no half articles, never going back; the
build is not held up; afterwards the server has moved to the finished store."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pyoxigraph as ox

if TYPE_CHECKING:
    from serve_server import Server

pytest_plugins = ["serve_server"]

REPO = Path(__file__).resolve().parents[1]
SOURCES = [REPO / "examples" / "articles", REPO / "tests" / "data" / "heldout"]
ENTITIES = "https://w3id.org/civickg/id/graph/entities"
COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
PERSONS = ("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a <https://w3id.org/civickg/ontology#Person> ; "
           "<http://www.w3.org/2000/01/rdf-schema#label> ?l }")


# The build under test is paced like a long one: a build sends a batch at most every 2 s, and
# this small corpus is built in less than that, in one batch no reader could see in part. Here
# each article goes as its own batch, 0.1 s after the one before (the server looks every 0.2 s).
EVERY_ARTICLE_A_BATCH = [sys.executable, "-c", """
import time
import civickg.build.writer as w
w.BATCH_SECONDS = w.WAIT_SHARE = 0
tick = w.Writer.tick
def paced(self):
    time.sleep(0.1)
    tick(self)
w.Writer.tick = paced
from civickg.cli import main
main()
"""]


def write_corpus(dest: Path, variants: int) -> None:
    """Every bundled article and ``variants - 1`` copies with an edited title (distinct
    articles sharing people and bodies)."""
    dest.mkdir(parents=True)
    for src in sorted(f for d in SOURCES for f in d.glob("*.txt")):
        text = src.read_text(encoding="utf-8")
        for k in range(variants):
            title, _, rest = text.partition("\n")
            name = src.name if k == 0 else f"{src.stem}-v{k}.txt"
            (dest / name).write_text(text if k == 0 else f"{title} (kỳ {k})\n{rest}", encoding="utf-8")


def expected_sizes(corpus: Path) -> dict[str, int]:
    """Triples in each article's graph, from extraction in this process."""
    from civickg.mapping import map_facts
    from civickg.pipeline import extract
    from civickg.read import iter_articles

    out = {}
    for article in iter_articles([str(corpus)]):
        g = map_facts(extract(article))
        out[str(g.iri)] = len(set(ox.parse(g.ntriples().encode(), format=ox.RdfFormat.N_TRIPLES)))
    return out


def graph_sizes(server: Server) -> dict[str, int]:
    r = httpx.get(f"{server.url}/sparql", params={"query": COUNTS}, timeout=30)
    assert r.status_code == 200, r.text
    sizes = {b["g"]["value"]: int(b["n"]["value"]) for b in r.json()["results"]["bindings"]}
    sizes.pop(ENTITIES, None)
    return sizes


def test_serving_while_a_build_writes_the_store(tmp_path: Path) -> None:
    from serve_server import CLI, start, stop

    corpus, store = tmp_path / "corpus", tmp_path / "store"
    write_corpus(corpus, variants=6)
    first = tmp_path / "first"
    first.mkdir()
    for f in sorted((REPO / "examples" / "articles").glob("*.txt")):
        shutil.copy(corpus / f.name, first / f.name)
    subprocess.run([*CLI, "build", str(first), "--store", str(store)], check=True, capture_output=True)
    expected = expected_sizes(corpus)
    server = start(store, "--refresh", "0.2", "--workers", "2", "--timeout", "20")
    try:
        before = graph_sizes(server)
        assert len(before) == 3 and all(expected[g] == n for g, n in before.items())
        build = subprocess.Popen([*EVERY_ARTICLE_A_BATCH, "build", str(corpus), "--store", str(store)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        seen: list[int] = []
        persons: list[int] = []
        while build.poll() is None:
            sizes = graph_sizes(server)  # raises on any failed request
            half = {g: (n, expected[g]) for g, n in sizes.items() if n != expected[g]}
            assert not half, f"articles seen in part: {half}"
            seen.append(len(sizes))
            r = httpx.get(f"{server.url}/sparql", params={"query": PERSONS}, timeout=30)
            assert r.status_code == 200, r.text
            persons.append(int(r.json()["results"]["bindings"][0]["n"]["value"]))
            time.sleep(0.05)
        out, err = build.communicate(timeout=120)
        assert build.returncode == 0, err.decode()
        assert out.decode().startswith(f"added {len(expected) - 3}, ")
        assert seen == sorted(seen), seen  # one client's answers never go back to an older state
        assert persons == sorted(persons), persons
        assert any(3 < n < len(expected) for n in seen), seen  # it followed the build as it went
        deadline = time.monotonic() + 20  # and then moves to the finished store
        while (sizes := graph_sizes(server)) != expected and time.monotonic() < deadline:
            time.sleep(0.1)
        assert sizes == expected
        print(f"{len(expected)} articles; articles the server answered with during the build: {seen}")
        # the server holds no lock a reader or writer would wait for
        r = subprocess.run([*CLI, "query", COUNTS, "--store", str(store), "--format", "json"],
                           capture_output=True, text=True, timeout=60)
        assert r.returncode == 0 and "snapshot" not in r.stderr, r.stderr
        snaps = store.with_name(store.name + ".snapshots")
        # only the one it reads is published (a refresh may be writing its next one: ".tmp-…")
        assert len([p for p in snaps.iterdir() if p.is_dir() and not p.name.startswith(".")]) == 1
    finally:
        stop(server)
    assert not snaps.exists()  # cleaned up on exit
