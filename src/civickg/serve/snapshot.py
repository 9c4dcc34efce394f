"""What the query workers read: an immutable copy of the embedded store, never the store itself.

pyoxigraph calls opening a store read-only while another process writes it undefined
behaviour, and a ``civickg build`` may start at any moment while the server runs. So the workers
read a snapshot (a RocksDB checkpoint: hard links to the immutable table files, see
``civickg.store.snapshots``) that nobody writes:

- while nobody holds the store, the server opens it for a moment, publishes a snapshot of it
  in ``<store>.snapshots/`` the way a build does, and lets go of the store;
- while a build holds the store, the newest snapshot the build published (whole articles only).

``Follower.poll`` (every ``--refresh`` seconds) finds a newer state: a newer snapshot of a build,
or, once the store's files changed and nobody holds it, a fresh snapshot of the store. Every
snapshot a worker may still read is held with a shared lock, so no writer deletes it; when the
last worker has moved on it is released, and deleted if it is stale (a build would have deleted
it) or the server's own.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from civickg.store.embedded import EmbeddedStore, StoreLocked
from civickg.store.snapshots import Hold, discard, hold_newest, snapshots_dir


class NoSnapshot(OSError):
    """The store is held by another process that publishes no snapshot."""


def fingerprint(store: Path) -> tuple[tuple[str, int], ...] | None:
    """The store's table files and its write-ahead logs that hold anything: a write changes
    them (a log grows, or is flushed to a new table file), a mere open (a reader, another
    server taking its snapshot) does not. ``None`` if they changed while we looked."""
    out = []
    try:
        with os.scandir(store) as it:
            for e in it:
                if e.name.endswith((".sst", ".log")):
                    size = e.stat().st_size
                    if size or e.name.endswith(".sst"):
                        out.append((e.name, size))
    except FileNotFoundError:
        return None
    return tuple(sorted(out))


@dataclass
class _Held:
    hold: Hold
    own: bool  # published by this server: delete it once nobody reads it


class Follower:
    """Follows the newest consistent state of the embedded store at ``store``."""

    def __init__(self, store: Path) -> None:
        self.store = store
        self.direct = False  # the store cannot be opened for writing: read it as it is
        self.current: Path | None = None
        self._held: dict[Path, _Held] = {}
        self._fp: tuple[tuple[str, int], ...] | None = None
        self._lock = threading.Lock()  # the pool calls it from worker threads

    def start(self, wait: float = 30.0) -> Path:
        """The path the workers read first; waits up to ``wait`` seconds for a lock holder
        that publishes nothing (a short ``civickg query``) to let go."""
        import time

        deadline = time.monotonic() + wait
        while True:
            try:
                return self._take(self._publish(), own=True)
            except StoreLocked:
                hold = hold_newest(self.store)
                if hold is not None:
                    return self._take(hold, own=False)
                if time.monotonic() > deadline:
                    raise NoSnapshot(f"{self.store} is in use by another process that publishes no "
                                     "snapshot; try again when it is done") from None
                time.sleep(0.1)
            except OSError as e:  # e.g. a store on a read-only file system
                print(f"civickg serve: cannot snapshot {self.store} ({e}); reading it directly: "
                      "do not write it while the server runs", file=sys.stderr)
                self.direct = True
                self.current = self.store
                return self.store

    def poll(self) -> Path | None:
        """A newer state to read, or None. Never waits for the store's lock."""
        with self._lock:
            return self._poll()

    def _poll(self) -> Path | None:
        if self.direct or self.current is None:
            return None
        if self._fp is not None and fingerprint(self.store) == self._fp:
            return None  # nothing written since our snapshot
        path = self._refresh()
        if path is not None:
            return path
        hold = hold_newest(self.store)  # a writer holds the store: it may publish snapshots
        if hold is not None and hold.path.name > self.current.name:
            return self._take(hold, own=False)
        if hold is not None:
            hold.release()
        return None

    def refresh(self) -> Path | None:
        """Snapshot the store now, unless another process holds it (None then)."""
        with self._lock:
            return self._refresh()

    def _refresh(self) -> Path | None:
        if self.direct:
            return None
        try:
            return self._take(self._publish(), own=True)
        except StoreLocked:
            self._fp = None  # look again next time
            return None

    def _publish(self) -> Hold:
        """Open the store for a moment (its lock keeps builds out), publish a snapshot, hold it."""
        s = EmbeddedStore(self.store)
        try:
            s.publish_snapshots()  # also deletes stale snapshots nobody holds
            hold = hold_newest(self.store)
        finally:
            s.close()
        self._fp = fingerprint(self.store)
        if hold is None:  # cannot happen: we published it holding the store's lock
            raise OSError(f"the snapshot of {self.store} vanished")
        return hold

    def _take(self, hold: Hold, own: bool) -> Path:
        old = self._held.get(hold.path)
        if old is not None:  # already held (and so not deleted): one lock is enough
            hold.release()
        else:
            self._held[hold.path] = _Held(hold, own)
        self.current = hold.path
        return hold.path

    def retain(self, in_use: set[str]) -> None:
        """Release every snapshot but the current one and those in ``in_use`` (workers' paths)."""
        with self._lock:
            self._retain(in_use)

    def _retain(self, in_use: set[str]) -> None:
        for path in list(self._held):
            if path == self.current or str(path) in in_use:
                continue
            held = self._held.pop(path)
            held.hold.release()
            discard(path, keep_newest=not held.own)

    def close(self) -> None:
        with self._lock:
            self.current = None
            self._retain(set())
            with contextlib.suppress(OSError):  # empty now, unless a build or reader has one
                snapshots_dir(self.store).rmdir()
