"""``civickg build --nquads FILE``: the graph as one N-Quads file for a production store's bulk
loader, without an embedded store. It holds the quads a build into an empty store holds, with
any number of jobs, gzip or not; Oxigraph's own bulk loader takes it; bad articles fail as in
any build; an interrupted build leaves no file; options that need a store are refused.
``civickg load FILE`` bulk-loads such a file into an empty embedded store: the store a build
makes, all of the file or nothing."""

from __future__ import annotations

import gzip
import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result

from civickg.cli import cli
from civickg.mapping import map_facts
from civickg.pipeline import extract
from civickg.read import read_file
from civickg.store import EmbeddedStore
from civickg.store.nquads import NotAStore, NQuadsFile
from civickg.synth import write_corpus

REPO = Path(__file__).resolve().parents[1]


def run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(cli, ["build", *args])
    return r.exit_code, r.stdout, r.stderr


def load(*args: str) -> Result:
    return CliRunner().invoke(cli, ["load", *args])


def quads(path: Path) -> list[ox.Quad]:
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return list(ox.parse(data, format=ox.RdfFormat.N_QUADS))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("corpus")
    write_corpus(60, d, seed=23)
    for f in (REPO / "examples" / "articles").glob("*.txt"):
        shutil.copy(f, d / f.name)
    return d


def test_the_file_holds_what_a_store_would(corpus: Path, tmp_path: Path) -> None:
    code, out, _ = run(str(corpus), "--store", str(tmp_path / "store"))
    assert code == 0, out
    with EmbeddedStore(tmp_path / "store") as s:
        stored = set(s.quads())
    assert len({q.graph_name for q in stored}) == 64  # 63 articles and the entities graph
    for name, jobs in (("one.nq", "1"), ("two.nq.gz", "2")):
        code, out, err = run(str(corpus), "--nquads", str(tmp_path / name), "--jobs", jobs)
        assert code == 0, err
        assert out.startswith("added 63, replaced 0, skipped 0, failed 0")
        written = quads(tmp_path / name)
        assert set(written) == stored
        assert len(written) == len(stored)  # each entity triple once
        assert not (tmp_path / f"{name}.partial").exists()
    assert (tmp_path / "two.nq.gz").read_bytes()[:2] == b"\x1f\x8b"  # really gzip


def test_oxigraphs_bulk_loader_takes_it(corpus: Path, tmp_path: Path) -> None:
    exe = shutil.which("oxigraph")
    if exe is None:
        pytest.skip("the `oxigraph` binary is not installed (pip install oxigraph)")
    assert run(str(corpus), "--nquads", str(tmp_path / "all.nq.gz"))[0] == 0
    subprocess.run([exe, "load", "--location", str(tmp_path / "ox"), "--file", str(tmp_path / "all.nq.gz")],
                   check=True, capture_output=True)
    r = subprocess.run([exe, "query", "--location", str(tmp_path / "ox"), "--results-format", "csv", "--query",
                        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"],
                       check=True, capture_output=True, text=True)
    assert int(r.stdout.split()[-1]) == len(set(quads(tmp_path / "all.nq.gz")))


def test_bad_articles_fail_as_in_any_build(corpus: Path, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    (inputs / "a").mkdir(parents=True)
    (inputs / "b").mkdir()
    first = sorted(corpus.glob("*.txt"))[0]
    shutil.copy(first, inputs / "a" / "same-id.txt")
    shutil.copy(sorted(corpus.glob("*.txt"))[1], inputs / "b" / "same-id.txt")  # same id, other text
    (inputs / "a" / "binary.txt").write_bytes(b"\x00\xff" * 500)
    out = tmp_path / "out.nq"
    code, summary, err = run(str(inputs), "--nquads", str(out))
    assert code == 1
    assert "binary.txt" in err and "b/same-id.txt" in err and "cannot replace it" in err
    assert summary.startswith("added 1, replaced 0, skipped 0, failed 2")
    graphs = {str(q.graph_name.value) for q in quads(out)}
    assert graphs == {"https://w3id.org/civickg/id/article/same-id",
                      "https://w3id.org/civickg/id/graph/entities"}  # the first one kept, whole
    article = next(read_file(str(inputs / "a" / "same-id.txt")))
    expected = set(ox.parse(map_facts(extract(article)).nquads(), format=ox.RdfFormat.N_QUADS))
    assert set(quads(out)) == expected


def test_an_unfinished_file_never_takes_the_name(tmp_path: Path) -> None:
    article = next(read_file(str(REPO / "examples" / "articles" / "2023-07-10-ky-hop-thu-12-hdnd-tp-can-tho.txt")))
    graph = map_facts(extract(article))
    sink = NQuadsFile(tmp_path / "out.nq.gz")
    sink.add_new([graph])
    with pytest.raises(NotAStore, match="cannot replace"):
        sink.replace(graph)
    with pytest.raises(NotAStore):
        sink.query("ASK {}")
    assert (tmp_path / "out.nq.gz.partial").exists()
    sink.close()  # no commit: the build did not end
    assert not list(tmp_path.iterdir())
    sink = NQuadsFile(tmp_path / "out.nq.gz")
    sink.add_new([graph])
    sink.commit()
    assert [p.name for p in tmp_path.iterdir()] == ["out.nq.gz"]
    assert set(quads(tmp_path / "out.nq.gz")) == set(ox.parse(graph.nquads(), format=ox.RdfFormat.N_QUADS))


def test_options_that_need_a_store_are_refused(tmp_path: Path) -> None:
    for extra in (["--store", str(tmp_path / "s")], ["--incremental"], ["--prune"], ["--views", str(tmp_path)],
                  ["--trig", str(tmp_path / "g.trig")], ["--endpoint", "http://127.0.0.1:9/"]):
        r = CliRunner().invoke(cli, ["build", str(REPO / "examples" / "articles"), "--nquads",
                                     str(tmp_path / "x.nq"), *extra])
        assert r.exit_code == 2 and "--nquads writes a new file" in r.output and extra[0] in r.output
    assert not (tmp_path / "x.nq").exists()


def test_load_makes_the_store_a_build_makes(corpus: Path, tmp_path: Path) -> None:
    assert run(str(corpus), "--store", str(tmp_path / "built"))[0] == 0
    assert run(str(corpus), "--nquads", str(tmp_path / "g.nq.gz"), "--jobs", "2")[0] == 0
    r = load(str(tmp_path / "g.nq.gz"), "--store", str(tmp_path / "loaded"))
    assert r.exit_code == 0 and r.stdout.startswith("loaded 63 articles"), r.output
    with EmbeddedStore(tmp_path / "built") as a, EmbeddedStore(tmp_path / "loaded") as b:
        assert set(a.quads()) == set(b.quads())
    assert (tmp_path / "loaded" / "civickg-content-hashes.tsv").exists()  # for the next build
    code, out, _ = run(str(corpus), "--store", str(tmp_path / "loaded"), "--incremental")
    assert code == 0 and out.startswith("added 0, replaced 0, skipped 63, failed 0")


def test_load_refuses_a_store_with_articles_and_a_bad_file(corpus: Path, tmp_path: Path) -> None:
    assert run(str(corpus), "--nquads", str(tmp_path / "g.nq"))[0] == 0
    assert load(str(tmp_path / "g.nq"), "--store", str(tmp_path / "s")).exit_code == 0
    r = load(str(tmp_path / "g.nq"), "--store", str(tmp_path / "s"))
    assert r.exit_code == 1 and "holds 63 articles" in r.output and "empty store only" in r.output
    lines = (tmp_path / "g.nq").read_bytes().splitlines(keepends=True)
    (tmp_path / "bad.nq").write_bytes(b"".join(lines[:5000]) + b"<not an iri> <x:p> <x:o> <x:g> .\n")
    r = load(str(tmp_path / "bad.nq"), "--store", str(tmp_path / "s2"))
    assert r.exit_code == 1 and "bad.nq: not N-Quads" in r.output and "nothing was loaded" in r.output
    with EmbeddedStore(tmp_path / "s2") as s:
        assert not s.quads()  # the 5,000 good lines before the bad one are not stored either
