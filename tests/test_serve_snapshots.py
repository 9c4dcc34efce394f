"""What ``civickg serve``'s workers read (``civickg.serve.snapshot.Follower``): snapshots of the
store, never the store itself; a newer one after a write or while a build publishes; no churn
between two servers on one store; nothing left behind."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from civickg.serve.snapshot import Follower
from civickg.store import EmbeddedStore


def _quad(n: int) -> ox.Quad:
    return ox.Quad(ox.NamedNode(f"urn:s{n}"), ox.NamedNode("urn:p"), ox.NamedNode("urn:o"), ox.NamedNode("urn:g"))


def _count(path: Path) -> int:
    store = ox.Store.read_only(str(path))
    try:
        return len(list(store.quads_for_pattern(None, None, None, ox.NamedNode("urn:g"))))
    finally:
        del store


def _snapshots(store: Path) -> list[str]:
    d = store.with_name(store.name + ".snapshots")
    return sorted(p.name for p in d.iterdir() if p.is_dir()) if d.is_dir() else []


def test_follows_writes_and_builds_and_cleans_up(tmp_path: Path) -> None:
    store = tmp_path / "store"
    with EmbeddedStore(store) as s:
        s._store.add(_quad(0))
    a, b = Follower(store), Follower(store)  # two servers on one store
    first_a, first_b = a.start(), b.start()
    assert first_a != store and first_a.parent == first_b.parent  # a snapshot, not the store
    assert _count(first_a) == _count(first_b) == 1
    for _ in range(3):  # one opening the store for its snapshot is no change for the other
        assert a.poll() is None and b.poll() is None
    with EmbeddedStore(store) as s:  # a write (as civickg build would)
        s._store.add(_quad(1))
    newer = a.poll()
    assert newer is not None and _count(newer) == 2 and a.poll() is None
    assert _count(first_a) == 1  # the old one is still there for a worker reading it
    a.retain({str(first_a)})
    assert first_a.name in _snapshots(store)
    a.retain(set())
    assert first_a.name not in _snapshots(store)  # released and deleted once nobody reads it
    # a build holds the store and publishes snapshots: the follower moves to each
    build = EmbeddedStore(store)
    build.publish_snapshots(interval=0)
    build._store.add(_quad(2))
    build._publisher.publish(force=True)
    during = a.poll()
    assert during is not None and _count(during) == 3
    assert a.refresh() is None  # the store is held: no snapshot of our own now
    build.close()
    after = a.poll()
    assert after is not None and _count(after) == 3
    a.retain(set())
    b.poll()
    b.retain(set())
    a.close()
    b.close()
    assert not store.with_name(store.name + ".snapshots").exists()
