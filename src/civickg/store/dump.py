"""Streaming N-Quads dump for bulk loaders: quads are serialised in chunks as the store yields
them, so a dump of any size needs memory for one chunk only (unlike ``export``, which sorts)."""

from __future__ import annotations

from itertools import islice
from typing import Any, BinaryIO

import pyoxigraph as ox

CHUNK = 20_000  # quads per serialised piece


def dump_nquads(store: Any, out: BinaryIO) -> int:
    """Write every quad of every named graph to ``out``; returns how many."""
    inner = getattr(store, "_store", None)
    quads = (q for q in inner if not isinstance(q.graph_name, ox.DefaultGraph)) if isinstance(
        inner, ox.Store) else iter(store.quads())  # a remote store answers one query
    n = 0
    while chunk := list(islice(quads, CHUNK)):
        out.write(ox.serialize(chunk, format=ox.RdfFormat.N_QUADS))
        n += len(chunk)
    return n
