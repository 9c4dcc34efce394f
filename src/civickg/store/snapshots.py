"""Consistent read-only copies of an embedded store while a build writes it.

RocksDB lets one process open a store read-write, and pyoxigraph calls opening it read-only
while another process writes it undefined behaviour. So the writer publishes snapshots: cheap
RocksDB checkpoints (``Store.backup``, hard links to the immutable table files) in
``<store>.snapshots/<seq>``, and readers that find the store locked open the newest one
read-only. Every article is one transaction, so a snapshot holds whole articles only.

A reader holds a shared ``flock`` on ``<seq>.lock`` while it uses the snapshot; the writer
deletes an old snapshot only under an exclusive lock, so it never pulls one from under a
reader. A snapshot is published under a temporary name and renamed, so a reader never sees a
half-written one; temporaries a killed writer left are removed by the next writer.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import time
from pathlib import Path

import pyoxigraph as ox

_TMP = ".tmp-"


def snapshots_dir(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + ".snapshots")


def _published(d: Path) -> list[Path]:
    """Published snapshots, oldest first."""
    if not d.is_dir():
        return []
    return sorted(p for p in d.iterdir() if p.is_dir() and p.name.isdigit())


def _lock_file(snapshot: Path) -> Path:
    return snapshot.with_name(snapshot.name + ".lock")


def _try_delete(snapshot: Path) -> bool:
    """Delete a snapshot no reader holds; False if one does."""
    try:
        fd = os.open(_lock_file(snapshot), os.O_RDONLY)
    except FileNotFoundError:
        shutil.rmtree(snapshot, ignore_errors=True)
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return False
    try:
        shutil.rmtree(snapshot, ignore_errors=True)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(_lock_file(snapshot))
    finally:
        os.close(fd)
    return True


class Publisher:
    """Publishes snapshots of ``store`` (open read-write at ``store_path``) at most every
    ``interval`` seconds, or whenever asked with ``force``. On a big store, where a checkpoint
    takes longer, the interval grows so that publishing costs at most ~5% of the build."""

    def __init__(self, store: ox.Store, store_path: Path, interval: float = 1.0) -> None:
        self.store, self.dir, self.interval = store, snapshots_dir(store_path), interval
        self.dir.mkdir(exist_ok=True)
        for stale in self.dir.glob(_TMP + "*"):  # we hold the store's lock: nobody else writes
            shutil.rmtree(stale, ignore_errors=True)
        existing = _published(self.dir)
        self.seq = int(existing[-1].name) if existing else 0
        self.last = 0.0
        self.cost = 0.0  # seconds the last checkpoint took

    def publish(self, force: bool = False) -> bool:
        """Publish a snapshot now if it is time (or ``force``); whether it did."""
        if not force and time.monotonic() - self.last < max(self.interval, 20 * self.cost):
            return False
        self.seq += 1
        tmp = self.dir / f"{_TMP}{self.seq}"
        start = time.monotonic()
        self.store.backup(str(tmp))
        self.cost = time.monotonic() - start
        final = self.dir / f"{self.seq:09d}"
        _lock_file(final).touch()
        os.rename(tmp, final)
        self.last = time.monotonic()
        for old in _published(self.dir)[:-1]:
            _try_delete(old)
        return True

    def close(self) -> None:
        """Remove every snapshot no reader holds (the store itself is readable again)."""
        for snap in _published(self.dir):
            _try_delete(snap)
        with contextlib.suppress(OSError):
            self.dir.rmdir()


class Snapshot:
    """The newest published snapshot of a store, open read-only, held until ``close``."""

    def __init__(self, path: Path, store: ox.Store, fd: int) -> None:
        self.path, self.store, self._fd = path, store, fd

    def close(self) -> None:
        del self.store
        os.close(self._fd)


def _lock_shared(snap: Path) -> int | None:
    """A reader's shared lock on a published snapshot (its file descriptor), or None when the
    snapshot is being deleted or is gone."""
    try:
        fd = os.open(_lock_file(snap), os.O_RDONLY)
    except FileNotFoundError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:  # being deleted
        os.close(fd)
        return None
    if not snap.is_dir():  # deleted between our listing and our lock
        os.close(fd)
        return None
    return fd


def open_newest(store_path: Path) -> Snapshot | None:
    """The newest snapshot a reader can hold, or None if there is none."""
    for snap in reversed(_published(snapshots_dir(store_path))):
        fd = _lock_shared(snap)
        if fd is None:
            continue
        try:
            return Snapshot(snap, ox.Store.read_only(str(snap)), fd)
        except OSError:
            os.close(fd)
    return None


class Hold:
    """A reader's shared lock on a published snapshot without opening it, for a process that
    hands the path to others (``civickg serve`` to its query workers). Valid until ``release``."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path, self._fd = path, fd

    def release(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


def hold_newest(store_path: Path) -> Hold | None:
    """Lock the newest snapshot a reader can hold (as ``open_newest`` does), without opening it."""
    for snap in reversed(_published(snapshots_dir(store_path))):
        fd = _lock_shared(snap)
        if fd is not None:
            return Hold(snap, fd)
    return None


def discard(snapshot: Path, keep_newest: bool = False) -> bool:
    """Delete a published snapshot no reader holds, as its writer does with old ones; with
    ``keep_newest``, not the newest one (a running build's readers may still want it)."""
    if keep_newest and _published(snapshot.parent)[-1:] == [snapshot]:
        return False
    return _try_delete(snapshot)
