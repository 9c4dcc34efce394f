"""A build's writer does not send again the entity lines its earlier batches stored: the store
ends up the same, quad for quad, with fewer lines loaded."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from civickg.build.known import Keys, KnownLines, keys_of, line_digests
from civickg.store import EmbeddedStore


def line_keys(lines: list[bytes]) -> Keys:
    return keys_of(line_digests(lines))


def test_known_lines_answer_for_what_was_added() -> None:
    known = KnownLines()
    lines = [b"<s> <p> \"%d\" <g> ." % i for i in range(5_000)]
    for start in range(0, 4_000, 500):  # eight runs, merged as they come
        known.add(line_keys(lines[start:start + 500]))
    known.add(line_keys(lines[:100]))  # again: no double entries
    assert known.size == 4_000
    assert len(known._runs) < 8
    found = known.known(line_keys(lines))
    assert found[:4_000].all() and not found[4_000:].any()


def test_keys_sharing_a_high_half_are_told_apart() -> None:
    known = KnownLines()
    known.add(np.array([[5, 3], [5, 1], [7, 0], [5, 2]], dtype=np.uint64))
    asked = np.array([[5, 1], [5, 2], [5, 3], [5, 4], [7, 0], [7, 1], [9, 9], [0, 0]], dtype=np.uint64)
    assert known.known(asked).tolist() == [True, True, True, False, True, False, False, False]


def test_known_lines_stay_bounded() -> None:
    known = KnownLines(max_keys=1_000)
    known.add(line_keys([b"a%d" % i for i in range(800)]))
    known.add(line_keys([b"b%d" % i for i in range(800)]))
    assert known.size == 1_000
    assert known.known(line_keys([b"a1", b"a799"])).all()


def _build(store: EmbeddedStore, corpus: Path) -> int:
    from civickg.build import Builder

    b = Builder(store)
    b.run([str(corpus)])
    assert b.counts["added"] == 40 and not b.failures, b.summary()
    return b.triples


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from civickg.synth import write_corpus

    d = tmp_path_factory.mktemp("corpus")
    write_corpus(40, d, seed=5)
    return d


def test_batches_skip_stored_entity_lines_and_the_store_is_the_same(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import civickg.build.writer as writer

    monkeypatch.setattr(writer, "BATCH_QUADS", 1_500)  # a batch every few articles
    loaded: list[int] = []

    class Counting(EmbeddedStore):
        def add_new(self, graphs) -> None:
            loaded.append(graphs.path.read_bytes().count(b"\n"))
            super().add_new(graphs)

    batched = Counting(tmp_path / "batched")
    triples = _build(batched, corpus)

    class Alone(EmbeddedStore):  # every graph in its own transaction, whole
        sole_writer = False

        def add_new(self, graphs) -> None:
            for g in graphs:
                self.replace(g)

    alone = Alone(tmp_path / "alone")
    assert _build(alone, corpus) == triples
    assert len(loaded) > 5
    quads = set(batched.quads())
    assert quads == set(alone.quads())
    # lines of batches stored before a graph was spooled, or of its own batch, went no more
    assert len(quads) <= sum(loaded) < triples - 5 * len(loaded)
    batched.close()
    alone.close()


def test_a_refused_batch_keeps_its_lines_for_later_batches(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Lines of a batch that failed as a whole are not taken as stored: graphs of later batches
    still carry them, so nothing is missing whichever graphs of it the store kept."""
    import civickg.build.writer as writer

    monkeypatch.setattr(writer, "BATCH_QUADS", 2_500)
    calls = 0

    class RefusesTheFirstBatch(EmbeddedStore):
        def add_new(self, graphs) -> None:
            nonlocal calls
            calls += 1
            if calls == 1:
                raise OSError("disk full, for a moment")
            super().add_new(graphs)

    flaky = RefusesTheFirstBatch(None)
    _build(flaky, corpus)
    reference = EmbeddedStore(None)
    _build(reference, corpus)
    assert calls > 3 and set(flaky.quads()) == set(reference.quads())


def test_a_refused_graph_does_not_take_the_lines_of_the_next_with_it(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A graph that left out entity lines an earlier graph of its batch wrote gets them back
    when the batch is written one by one and that earlier graph is refused."""
    import civickg.build.writer as writer
    from civickg.build import Builder

    monkeypatch.setattr(writer, "BATCH_QUADS", 10**9)  # one batch
    refused = "synth-5-0000000"  # the first: it wrote the lines the others left out

    def picky(base: type[EmbeddedStore], sole: bool) -> EmbeddedStore:
        class Picky(base):  # type: ignore[misc, valid-type]
            sole_writer = sole

            def add_new(self, graphs) -> None:
                if any(str(g.iri).endswith(refused) for g in graphs):
                    raise OSError("no")
                super().add_new(graphs)

            def replace(self, graph) -> None:
                if str(graph.iri).endswith(refused):
                    raise OSError("not this one")
                super().replace(graph)
        return Picky(None)

    stores = [picky(EmbeddedStore, sole) for sole in (True, False)]
    for store in stores:
        b = Builder(store)
        b.run([str(corpus)])
        assert b.counts["added"] == 39 and b.failures == {"store": 1}, b.summary()
    assert set(stores[0].quads()) == set(stores[1].quads())


def test_a_batch_leaves_out_stored_and_repeated_entity_lines_and_gives_them_back(tmp_path: Path) -> None:
    from civickg.build.spool import Batch
    from civickg.build.workers import MappedGraph
    from civickg.mapping.graph import ENTITIES

    def graph(n: int, entities: list[str]) -> MappedGraph:
        iri = f"https://example.org/a{n}"
        own = [f"<{iri}> <https://example.org/p> \"{n}\" <{iri}> ."]
        shared = [f"<https://example.org/{e}> <https://example.org/q> \"{e}\" <{ENTITIES}> ." for e in entities]
        return MappedGraph(iri, f"h{n}", len(own) + len(shared), "".join(x + "\n" for x in own + shared).encode())

    graphs = [graph(1, ["x", "y"]), graph(2, ["y", "z"]), graph(3, ["x", "w", "z"])]
    known = KnownLines()
    known.add(line_keys([graphs[0].nquads().splitlines()[1]]))  # "x" is stored
    batch = Batch(tmp_path / "b.nq", known)
    for g in graphs:
        batch.add(g)
    batch.close()
    written = batch.path.read_bytes().splitlines()
    assert len(written) == batch.quads == 3 + 3  # three own lines; y, z and w once each
    assert len(set(written)) == len(written)
    assert len(batch.new_keys()) == 3 and not known.known(batch.new_keys()).any()
    for given, whole in zip(graphs, batch.whole(), strict=True):  # all but the stored "x"
        expected = {line for line in given.nquads().splitlines() if b"/x>" not in line}
        assert set(whole.nquads().splitlines()) == expected and len(whole) == len(expected)
