"""Issue 7: ``civickg query`` on a store while ``civickg build`` writes it answers (from the
newest snapshot the build published) and sees whole articles only."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

from robust_corpus import CLI, build, check_whole_articles, expected_graphs, graphs_of, write_corpus

from civickg.mapping.graph import ENTITIES
from civickg.store import EmbeddedStore

COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def test_queries_during_a_build_see_whole_articles(tmp_path: Path) -> None:
    corpus, store = tmp_path / "corpus", tmp_path / "store"
    n = len(write_corpus(corpus, variants=6))
    own, entities = expected_graphs(corpus)
    proc = build(str(corpus), "--store", str(store))
    seen_in_process: list[int] = []
    seen_by_cli: list[int] = []
    try:
        while not store.exists():
            time.sleep(0.02)
        while proc.poll() is None:
            s = EmbeddedStore.for_reading(store)
            try:
                got = graphs_of(s._store)
                from_snapshot = s.snapshot is not None
            finally:
                s.close()
            if proc.poll() is None:
                assert from_snapshot  # the build holds the store
            seen_in_process.append(check_whole_articles(got, own, entities, "in-process read"))
            r = subprocess.run([*CLI, "query", COUNTS, "--store", str(store), "--format", "json"],
                               capture_output=True, text=True, timeout=60)
            running = proc.poll() is None
            assert r.returncode == 0, r.stderr
            counts = {b["g"]["value"]: int(b["n"]["value"])
                      for b in json.loads(r.stdout)["results"]["bindings"]}
            counts.pop(str(ENTITIES), None)
            assert all(counts[g] == len(own[g]) for g in counts), "an article seen in part"
            if running and "reading its snapshot" not in r.stderr:
                # the build had closed the store and was exiting: the query read it whole
                assert len(counts) == n, "the store was open to a query before the build was done"
            elif running:
                seen_by_cli.append(len(counts))
    finally:
        out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()
    assert out.decode().startswith(f"added {n}, ")
    assert len(seen_by_cli) >= 2, (seen_in_process, seen_by_cli)  # really ran during the build
    assert seen_in_process == sorted(seen_in_process)  # snapshots only move forward
    print(f"{n} articles; articles seen in process: {seen_in_process}, by civickg query during "
          f"the build: {seen_by_cli}")
