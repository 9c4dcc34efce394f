"""Scale features of civickg build: --jobs gives the same store as one job, --incremental skips
unchanged files unparsed and replaces changed ones, --prune retracts removed articles, memory
stays flat over many articles, and the streamed gzip N-Quads dump round-trips."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from civickg.cli import cli
from civickg.store import EmbeddedStore, export
from civickg.synth import write_corpus


def build(*args: str) -> str:
    r = CliRunner().invoke(cli, ["build", *args])
    assert r.exit_code == 0, r.output
    return r.output


def dump(store_dir: Path) -> bytes:
    with EmbeddedStore(store_dir) as s:
        return export(s, "nquads")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("corpus")
    write_corpus(60, d, seed=11)
    return d


def test_jobs_give_the_same_store(corpus: Path, tmp_path: Path) -> None:
    one = build(str(corpus), "--store", str(tmp_path / "one"), "--trig", str(tmp_path / "1.trig"))
    two = build(str(corpus), "--store", str(tmp_path / "two"), "--jobs", "2", "--trig", str(tmp_path / "2.trig"))
    assert one.splitlines()[-1].split(";")[0] == two.splitlines()[-1].split(";")[0]
    assert "added 60" in two
    a, b = dump(tmp_path / "one"), dump(tmp_path / "two")
    assert a == b and a.count(b"\n") > 10_000


def test_incremental_skips_unchanged_and_replaces_changed(corpus: Path, tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for f in corpus.glob("*.txt"):
        (src / f.name).write_bytes(f.read_bytes())
    store = str(tmp_path / "s")
    build(str(src), "--store", store)
    before = dump(Path(store))
    changed = sorted(src.glob("*.txt"))[0]
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("Quang cảnh", "Toàn cảnh", 1) + "\n", encoding="utf-8")
    out = build(str(src), "--store", store, "--incremental", "--jobs", "2")
    assert "added 0, replaced 1, skipped 59" in out
    after = dump(Path(store))
    assert after != before
    assert "added 0, replaced 0, skipped 60" in build(str(src), "--store", store, "--incremental")
    assert dump(Path(store)) == after


def test_prune_retracts_articles_no_input_holds(corpus: Path, tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    files = sorted(corpus.glob("*.txt"))[:10]
    for f in files:
        (src / f.name).write_bytes(f.read_bytes())
    store = str(tmp_path / "s")
    build(str(src), "--store", store)
    alone = tmp_path / "alone"
    build(*[str(src / f.name) for f in files[3:]], "--store", str(alone))
    for f in files[:3]:
        (src / f.name).unlink()
    r = CliRunner().invoke(cli, ["build", str(src), "--store", store, "--incremental", "--prune"])
    assert r.exit_code == 0 and "skipped 7" in r.output and "retracted 3" in r.output, r.output
    assert dump(Path(store)) == dump(alone)  # graphs and orphaned entity triples gone


GIVEN = ["Hiểu", "Hùng", "Dũng", "Bình", "Tâm", "Trường", "Thành", "Hải", "Tuấn", "Phúc", "Long"]


def test_memory_stays_flat(tmp_path: Path) -> None:
    """RSS after 2,000 articles is within a few MB of RSS after the first 500 (the graphs go to
    the store in batches of 10,000 quads here, ~90 of these small articles)."""
    (tmp_path / "c").mkdir()
    lines = [json.dumps({"title": f"Tin {i}", "published": "2024-05-0{1 + i % 9}",
                         "text": f"(TTXVN) Sáng 1-5, Huyện ủy Thới Lai tổ chức hội nghị lần thứ {i}. "
                                 f"Đồng chí Nguyễn Văn {GIVEN[i % len(GIVEN)]}, Bí thư Huyện ủy chủ trì."},
                        ensure_ascii=False) for i in range(2000)]
    (tmp_path / "c" / "small.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code = f"""
import resource, sys
from civickg.build import Builder
from civickg.store import EmbeddedStore
import civickg.build.workers as workers
import civickg.build.writer as writer
writer.BATCH_QUADS = 10_000  # several batches before the first mark: each loads in one step
marks = []
def rss():
    return int(open('/proc/self/status').read().split('VmRSS:')[1].split()[0])
orig = workers.serial
def serial(items):
    for n, pair in enumerate(orig(items), 1):
        if n in (500, 2000):
            marks.append(rss())
        yield pair
workers.serial = serial
s = EmbeddedStore({str(tmp_path / 's')!r})
b = Builder(s)
b.run([{str(tmp_path / 'c')!r}])
s.close()
print(b.counts['added'], *marks)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    added, at500, at2000 = map(int, out.split())
    assert added == 2000
    assert at2000 - at500 < 60_000, (at500, at2000)  # KB; a list of 1,500 articles' graphs is far more


def test_gzip_nquads_export_round_trips(corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "s"
    build(*[str(f) for f in sorted(corpus.glob("*.txt"))[:15]], "--store", str(store))
    out = tmp_path / "dump.nq.gz"
    r = CliRunner().invoke(cli, ["export", "--format", "nquads", "--gzip", "-o", str(out), "--store", str(store)])
    assert r.exit_code == 0, r.output
    loaded = ox.Store()
    loaded.load(gzip.decompress(out.read_bytes()), format=ox.RdfFormat.N_QUADS)
    with EmbeddedStore(store) as s:
        assert set(loaded) == set(s.quads())


def test_a_worker_graph_is_the_mapped_graph() -> None:
    """What a --jobs worker sends (N-Quads bytes) gives back the same graph, line for line."""
    from graph_fixtures import sample_facts

    from civickg.build.workers import MappedGraph
    from civickg.mapping import map_facts

    for facts in sample_facts():
        g = map_facts(facts)
        m = MappedGraph(str(g.iri), g.content_hash, len(g), g.nquads())
        assert (m.ntriples(), m.entity_ntriples()) == (g.ntriples(), g.entity_ntriples())
        assert len(m) == len(g) == g.nquads().count(b"\n")


def test_only_a_replacement_or_retraction_prunes(tmp_path: Path) -> None:
    """A build that only adds articles orphans no entity triple and runs no prune; replacing
    or retracting marks the store, and the next build prunes even if one was killed first."""
    from graph_fixtures import sample_facts

    from civickg.build import Builder
    from civickg.store.embedded import PRUNE_PENDING

    store = EmbeddedStore(tmp_path / "s")
    pruned: list[int] = []
    real_prune = store.prune
    store.prune = lambda: (pruned.append(1), real_prune())  # type: ignore[method-assign]
    first, second, third = sample_facts()
    Builder(store).add_facts([first, second])
    assert not pruned and not (tmp_path / "s" / PRUNE_PENDING).exists()
    Builder(store).add_facts([second])  # the same article again: its graph is replaced
    assert pruned == [1] and not (tmp_path / "s" / PRUNE_PENDING).exists()
    store.remove(str(map_iri(first)), prune=False)  # as a build killed before its prune leaves it
    assert (tmp_path / "s" / PRUNE_PENDING).exists()
    store.close()
    store = EmbeddedStore(tmp_path / "s")
    Builder(store).add_facts([third])
    assert not (tmp_path / "s" / PRUNE_PENDING).exists()
    alone = EmbeddedStore(None)
    Builder(alone).add_facts([second, third])
    assert set(store.quads()) == set(alone.quads())  # first's orphaned entity triples are gone
    store.close()


def map_iri(facts) -> str:
    from civickg.namespace import article_iri

    return str(article_iri(facts.article.article_id))


def test_a_refused_batch_is_written_one_by_one(tmp_path: Path) -> None:
    """When the store refuses a batch, each graph is written alone: only the bad one fails."""
    from graph_fixtures import sample_facts

    from civickg.build import Builder

    facts = sample_facts()
    bad = map_iri(facts[1])

    class Picky(EmbeddedStore):
        def add_new(self, graphs) -> None:
            if any(str(g.iri) == bad for g in graphs):
                raise OSError("no")
            super().add_new(graphs)

        def replace(self, graph) -> None:
            if str(graph.iri) == bad:
                raise OSError("not this one")
            super().replace(graph)

    store = Picky(None)
    b = Builder(store)
    b.add_facts(facts)
    assert b.counts["added"] == 2 and b.failures == {"store": 1}, b.summary()
    assert set(store.content_hashes()) == {map_iri(f) for f in facts} - {bad}


def test_the_content_hash_manifest_follows_the_store(corpus: Path, tmp_path: Path) -> None:
    """A build leaves civickg-content-hashes.tsv matching the store; a write deletes it until the
    writer closes the store (a killed build leaves none, and the store is scanned instead)."""
    from civickg.store.embedded import MANIFEST

    store = tmp_path / "s"
    files = sorted(corpus.glob("*.txt"))
    build(*map(str, files[:5]), "--store", str(store))
    manifest = store / MANIFEST
    with EmbeddedStore(store) as s:
        hashes = s.content_hashes()
        s._hashes = None
        s._wrote = True  # as if written: content_hashes() scans the store
        assert s.content_hashes() == hashes and len(hashes) == 5
        s._wrote = False
    assert dict(line.split("\t") for line in manifest.read_text("utf-8").splitlines()) == hashes
    s = EmbeddedStore(store)
    s.content_hashes()
    from civickg.mapping import map_facts
    from civickg.pipeline import extract
    from civickg.read import iter_articles

    s.replace(map_facts(extract(next(iter_articles([str(files[5])])))))
    assert not manifest.exists()  # a kill now leaves no manifest to trust
    s.close()
    assert len(manifest.read_text("utf-8").splitlines()) == 6
    assert "skipped 6" in build(*map(str, files[:6]), "--store", str(store), "--incremental")


def test_new_graphs_go_in_spooled_batches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """New graphs reach the store as batch files of at most BATCH_QUADS quads (a graph never
    split), loaded whole (a batch of one goes as one transaction); the spool directory is gone
    once the build is done."""
    from graph_fixtures import sample_facts

    import civickg.build.writer as writer
    from civickg.build import Builder
    from civickg.build.spool import SPOOL_DIR, Batch
    from civickg.mapping import map_facts

    facts = sample_facts()
    graphs = [map_facts(f) for f in facts]
    sizes = [len(g) for g in graphs]
    both = set(graphs[0].nquads().splitlines()) | set(graphs[1].nquads().splitlines())
    monkeypatch.setattr(writer, "BATCH_QUADS", sizes[0] + sizes[1])
    batches: list[tuple[int, int, int]] = []

    class Watching(EmbeddedStore):
        def add_new(self, graphs) -> None:
            assert isinstance(graphs, Batch) and graphs.path.parent == self.path / SPOOL_DIR
            batches.append((len(graphs), graphs.quads, graphs.path.read_bytes().count(b"\n")))
            super().add_new(graphs)

    store = Watching(tmp_path / "s")
    b = Builder(store)
    b.add_facts(facts)
    assert b.counts["added"] == 3
    # the third went alone; lines both graphs hold went once
    assert len(batches) == 1 and batches[0][0] == 2 and batches[0][1] == batches[0][2]
    assert batches[0][1] == len(both) < sizes[0] + sizes[1]
    assert not (tmp_path / "s" / SPOOL_DIR).exists()
    alone = EmbeddedStore(None)
    Builder(alone).add_facts(sample_facts())
    assert set(store.quads()) == set(alone.quads())
    store.close()
