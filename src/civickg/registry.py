"""One registry for built-in and added pipeline components.

An extractor adds facts to an ``ArticleFacts``; a mapper turns facts into RDF. Each declares
the ontology terms (CURIEs such as ``ckg:Person``) it produces; ``Registry.check`` fails when
a term is missing from the loaded ontology. Extensions register through the
``civickg.extensions`` entry-point group: the entry point names a callable taking the registry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import Any

from civickg.model import Article, ArticleFacts

ENTRY_POINT_GROUP = "civickg.extensions"

ExtractFn = Callable[[Article, ArticleFacts], None]
MapFn = Callable[[ArticleFacts, Any], None]


@dataclass(frozen=True)
class Component:
    name: str
    kind: str  # "extractor" | "mapper"
    produces: tuple[str, ...]
    run: Callable[..., None]
    order: int = 100  # lower runs first


class UnknownTermError(Exception):
    pass


@dataclass
class Registry:
    components: list[Component] = field(default_factory=list)
    ontology_files: list[str] = field(default_factory=list)  # extra ontology modules (paths)
    shapes_files: list[str] = field(default_factory=list)
    loaded_entry_points: bool = False

    def add(self, component: Component) -> None:
        if any(c.name == component.name and c.kind == component.kind for c in self.components):
            raise ValueError(f"{component.kind} {component.name!r} is registered twice")
        self.components.append(component)

    def extractor(self, name: str, produces: Iterable[str], order: int = 100):
        def deco(fn: ExtractFn) -> ExtractFn:
            self.add(Component(name, "extractor", tuple(produces), fn, order))
            return fn

        return deco

    def mapper(self, name: str, produces: Iterable[str], order: int = 100):
        def deco(fn: MapFn) -> MapFn:
            self.add(Component(name, "mapper", tuple(produces), fn, order))
            return fn

        return deco

    def of_kind(self, kind: str) -> list[Component]:
        return sorted((c for c in self.components if c.kind == kind), key=lambda c: c.order)

    def load_entry_points(self) -> None:
        if self.loaded_entry_points:
            return
        self.loaded_entry_points = True
        for ep in entry_points(group=ENTRY_POINT_GROUP):
            ep.load()(self)

    def check(self, known_terms: set[str]) -> None:
        """Raise if a component produces a term the loaded ontology does not define."""
        missing = [
            f"{c.kind} {c.name!r} produces {t}, which the ontology does not define"
            for c in self.components
            for t in c.produces
            if t not in known_terms
        ]
        if missing:
            raise UnknownTermError("; ".join(missing))


REGISTRY = Registry()
