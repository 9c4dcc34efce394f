"""Facts → RDF: one named graph per article, every fact tied to the article and its words.

Mappers are registry components (``REGISTRY.mapper``) called with ``(facts, ctx)``, ``ctx`` a
``MapContext``; the built-in ones live in ``civickg.mapping.builtin``. Before the first article
the registry is checked against the loaded ontology, so a component producing an undefined term
fails at start-up rather than writing it.
"""

from __future__ import annotations

from civickg.mapping.context import MapContext
from civickg.mapping.graph import ArticleGraph, nt_term
from civickg.model import ArticleFacts
from civickg.registry import REGISTRY

__all__ = ["ArticleGraph", "MapContext", "map_facts", "prepare", "nt_term"]

_ready = False


def prepare() -> None:
    """Register the built-in components and extensions, then check every declared term."""
    global _ready
    if _ready:
        return
    from civickg.extensions import load

    load()
    _ready = True


def map_facts(facts: ArticleFacts) -> ArticleGraph:
    prepare()
    ctx = MapContext(facts)
    for component in REGISTRY.of_kind("mapper"):
        component.run(facts, ctx)
    return ctx.finish()
