"""The server's settings (``civickg serve`` options)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from civickg.namespace import ID


@dataclass(frozen=True)
class ServeConfig:
    store: str | None = None  # embedded store directory
    endpoint: str | None = None  # or a remote SPARQL endpoint to proxy
    gsp: str | None = None
    base: str = str(ID)  # IRIs under this base are served at /id/...
    timeout: float = 30.0  # seconds per query (waiting for a worker included)
    view_timeout: float = 120.0  # seconds per HTML view
    max_bytes: int = 50 * 1024 * 1024  # largest answer
    max_request_bytes: int = 1024 * 1024  # largest query or upload
    cache_bytes: int = 64 * 1024 * 1024  # answers kept (embedded store only); 0: none
    refresh: float = 2.0  # seconds between looks for a newer state of the store; 0: never
    workers: int = max(2, os.cpu_count() or 2)
    memory_mb: int | None = None  # address-space limit of each worker
    allow_update: bool = False
    allow_service: bool = False
    token: str | None = None  # bearer token required for updates (from CIVICKG_TOKEN)
    # origins whose browser pages may query /sparql (CORS); "*": any; empty: none (same-origin only)
    cors: tuple[str, ...] = ("*",)

    def local_path(self, iri: str) -> str | None:
        """``/id/...`` for an IRI under the base, else None."""
        return "/id/" + iri[len(self.base):] if iri.startswith(self.base) else None
