"""Entity lines a build has already stored, so later articles need not send them again.

Entity triples (types, labels, search keys, memberships) live in one shared graph, and the same
ones come back article after article: 11–13 % of all N-Quads lines of the synthetic corpus at
10^4–10^5 articles. The store keeps a set, so a line already stored adds nothing, yet the bulk
loader still parses, sorts and writes it and RocksDB compacts it again (docs/scale.md). While a
build writes, the shared graph only grows (replacements rewrite article graphs; orphans are
pruned after the last write), and no other process writes the embedded store, so a line once
stored stays stored until the writer is done.

So a graph spooled into a batch (``civickg.build.spool``) leaves out the entity lines that
batches already stored hold, and those an earlier graph of the same batch holds. If the store
refuses a batch, its graphs are written one by one, each given back the lines it left out for
an earlier graph of the batch, and the batch's lines are not taken as stored.

Lines are known by a 128-bit BLAKE2b digest: a false "known" would silently drop a triple, so
the key is long enough that it does not happen; 16 bytes a line in sorted runs (numpy), merged
as they grow, so a lookup is a few binary searches."""

from __future__ import annotations

import hashlib

import numpy as np
import numpy.typing as npt

Keys = npt.NDArray[np.uint64]  # shape (n, 2): the two halves of each line's digest

# 8 M lines (~128 MB) at most: past that new lines are not remembered (frequent ones are
# remembered early), so memory stays bounded however big the corpus.
MAX_KEYS = 8_000_000


def line_digest(line: bytes) -> bytes:
    return hashlib.blake2b(line, digest_size=16).digest()


def line_digests(lines: list[bytes]) -> list[bytes]:
    return [line_digest(line) for line in lines]


def keys_of(digests: list[bytes]) -> Keys:
    return np.frombuffer(b"".join(digests), dtype=np.uint64).reshape(-1, 2)


Run = tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]  # high halves (sorted), low ones


def _run(high: npt.NDArray[np.uint64], low: npt.NDArray[np.uint64]) -> Run:
    """The keys sorted by their high half, without repeats. A stable sort: merging two runs is
    then one linear pass (timsort), not a new sort."""
    order = np.argsort(high, kind="stable")
    high, low = high[order], low[order]
    if len(high) > 1:
        new = np.concatenate(([True], (high[1:] != high[:-1]) | (low[1:] != low[:-1])))
        high, low = high[new], low[new]
    return np.ascontiguousarray(high), np.ascontiguousarray(low)


class KnownLines:
    """A set of line keys that one thread grows (``add``) while another asks (``known``): runs
    are immutable and the tuple of them is swapped whole, so no lock is needed."""

    def __init__(self, max_keys: int = MAX_KEYS) -> None:
        self._runs: tuple[Run, ...] = ()
        self.max_keys = max_keys

    @property
    def size(self) -> int:
        return sum(len(high) for high, _ in self._runs)

    def known(self, keys: Keys) -> npt.NDArray[np.bool_]:
        """For each key: was it added?"""
        found = np.zeros(len(keys), dtype=bool)
        high, low = keys[:, 0], keys[:, 1]
        for run_high, run_low in self._runs:
            at = np.searchsorted(run_high, high)  # the first entry with that high half
            at[at == len(run_high)] = 0
            same_high = run_high[at] == high
            found |= same_high & (run_low[at] == low)
            # two lines sharing the high half of their digests (about one build in 10^6 at
            # 10^5 articles): look at the entries after the first one
            for i in np.flatnonzero(same_high & ~found):
                j = int(at[i]) + 1
                while j < len(run_high) and run_high[j] == high[i]:
                    if run_low[j] == low[i]:
                        found[i] = True
                        break
                    j += 1
        return found

    def add(self, keys: Keys) -> None:
        """Remember ``keys`` (those of a committed batch), up to ``max_keys`` in all."""
        room = self.max_keys - self.size
        if room <= 0 or not len(keys):
            return
        keys = keys[~self.known(keys)]
        if not len(keys):
            return
        high, low = _run(keys[:, 0], keys[:, 1])
        runs = [*self._runs, (high[:room], low[:room])]
        while len(runs) > 1 and len(runs[-2][0]) <= 2 * len(runs[-1][0]):  # merge like sizes
            (h1, l1), (h2, l2) = runs[-2:]
            runs[-2:] = [_run(np.concatenate((h1, h2)), np.concatenate((l1, l2)))]
        self._runs = tuple(runs)

