"""Interactive, self-contained HTML views of the graph (vis-network) and graph statistics.

``model`` is the plain view model, ``render`` writes the page, ``from_rdf`` fills the model
from a store, ``defaults.write_default_views`` writes the overview and focused views.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from civickg.views.model import Office, Provenance, ViewClass, ViewEdge, ViewGraph, ViewNode

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["Office", "Provenance", "ViewClass", "ViewEdge", "ViewGraph", "ViewNode",
           "write_default_views"]


def write_default_views(store: Any, out_dir: str | Path) -> list[Path]:
    """Write ``overview.html`` and a few focused views into ``out_dir``; see
    ``civickg.views.defaults``."""
    from civickg.views.defaults import write_default_views as write

    return write(store, out_dir)
