"""Graph stores: embedded pyoxigraph on disk (default) or a remote SPARQL endpoint."""

from __future__ import annotations

from pathlib import Path

from civickg.store.base import EXPORT_FORMATS, GraphStore, QueryResult, export
from civickg.store.embedded import DEFAULT_LOCATION, EmbeddedStore
from civickg.store.remote import RemoteStore

__all__ = ["DEFAULT_LOCATION", "EXPORT_FORMATS", "EmbeddedStore", "GraphStore", "QueryResult",
           "RemoteStore", "export", "open_store"]


def open_store(store: str | Path | None = None, endpoint: str | None = None,
               gsp: str | None = None, reading: bool = False) -> GraphStore:
    """``endpoint`` selects a remote store; otherwise the embedded one at ``store``
    (default ``graphs/store``). ``reading``: only to read, so while a build holds the
    embedded store, its newest snapshot will do."""
    if endpoint:
        return RemoteStore(endpoint, gsp)
    path = store if store is not None else DEFAULT_LOCATION
    return EmbeddedStore.for_reading(path) if reading else EmbeddedStore(path, wait=30.0)
