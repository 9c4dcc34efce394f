"""``civickg serve``: a SPARQL 1.1 endpoint, a query page, one page per entity and the HTML
views, over the embedded store or a remote endpoint; read-only and time-limited by default.

``app`` builds the Starlette application; every query runs in a ``pool`` worker process with
a deadline; ``sparql`` speaks the protocols, ``pages`` writes the HTML, ``guard`` holds the
safety checks.
"""

from __future__ import annotations

from civickg.serve.config import ServeConfig

__all__ = ["ServeConfig", "create_app"]


def create_app(cfg: ServeConfig):  # noqa: ANN201 - Starlette is imported lazily
    from civickg.serve.app import create_app as create

    return create(cfg)
