"""Issue 7, nothing lost: ``civickg build`` killed (SIGKILL) at random moments leaves a store
that opens and holds only whole articles (each article graph as a clean build makes it, with
its entity triples); a rerun completes it to exactly the clean build's quads, with no orphaned
entity triples. Every third run uses ``--jobs 2`` (workers extract, this process writes).
CIVICKG_KILLS sets the number of kills (default 8), CIVICKG_KILL_SEED the seed.
"""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

import pyoxigraph as ox
from robust_corpus import (
    build,
    check_whole_articles,
    descendants,
    expected_graphs,
    graphs_of,
    kill_build,
    read_store,
    run_build,
    write_corpus,
)

from civickg.mapping.graph import ENTITIES
from civickg.store.base import PRUNE_UPDATE
from civickg.store.snapshots import snapshots_dir

KILLS = int(os.environ.get("CIVICKG_KILLS", "8"))
SEED = int(os.environ.get("CIVICKG_KILL_SEED", str(time.time_ns() % 10**6)))


def test_killed_builds_lose_nothing_and_a_rerun_completes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    n = len(write_corpus(corpus))
    rng = random.Random(SEED)
    clean_store, store, trig = tmp_path / "clean", tmp_path / "store", tmp_path / "out.trig"

    start = time.monotonic()
    code, out, err = run_build(str(corpus), "--store", str(clean_store))
    duration = time.monotonic() - start
    assert code == 0, err
    assert out.startswith(f"added {n}, replaced 0, skipped 0, failed 0"), out
    clean = read_store(clean_store)
    own, entities = expected_graphs(corpus)
    assert {g: q for g, q in clean.items() if g != str(ENTITIES)} == own

    stored_counts = []
    for i in range(KILLS):
        args = [str(corpus), "--store", str(store), "--trig", str(trig)]
        proc = build(*args, *(["--incremental"] if i % 2 else []),
                     *(["--jobs", "2"] if i % 3 == 2 else []), quiet=True)
        time.sleep(rng.uniform(0.2, duration * 1.1))
        kill_build(proc)
        where = f"kill {i + 1} (seed {SEED})"
        if not store.exists():
            continue  # killed before it opened the store
        stored_counts.append(check_whole_articles(read_store(store), own, entities, where))
        if trig.exists():  # written whole or not at all
            ox.parse(trig.read_bytes(), format=ox.RdfFormat.TRIG)

    code, out, err = run_build(str(corpus), "--store", str(store), "--trig", str(trig),
                               "--incremental")
    assert code == 0, err
    final = read_store(store)
    assert final == clean, f"seed {SEED}: the completed store differs from a clean build"
    assert set(ox.parse(trig.read_bytes(), format=ox.RdfFormat.TRIG)) == set().union(*clean.values())
    assert not snapshots_dir(store).exists()  # the last build removed its snapshots
    print(f"seed {SEED}: {n} articles, clean build {duration:.1f} s, articles stored after "
          f"each kill: {stored_counts}")

    # no orphans: pruning again removes nothing
    s = ox.Store(str(store))
    s.update(PRUNE_UPDATE)
    assert graphs_of(s) == clean
    del s


def test_a_killed_parallel_build_leaves_no_workers(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, variants=2)
    proc = build(str(corpus), "--store", str(tmp_path / "store"), "--jobs", "2", quiet=True)
    deadline = time.monotonic() + 30
    while len(descendants(proc.pid)) < 3 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
    started, left = kill_build(proc, settle=3.0)
    assert len(started) >= 3, started  # the forkserver and two workers were running
    assert not left, f"{len(left)} of {len(started)} processes outlived the build"
