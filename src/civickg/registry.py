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
from pathlib import Path
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
    source: str = "civickg"  # the entry point that registered it, for listings and errors


class UnknownTermError(Exception):
    pass


class ExtensionError(Exception):
    """An extension could not be loaded or registered something that does not exist."""


@dataclass
class Registry:
    components: list[Component] = field(default_factory=list)
    ontology_files: list[str] = field(default_factory=list)  # extra ontology modules (paths)
    shapes_files: list[str] = field(default_factory=list)
    loaded_entry_points: bool = False
    extensions: list[str] = field(default_factory=list)  # "name = module:function" per entry point
    current_source: str = "civickg"

    def add(self, component: Component) -> None:
        if any(c.name == component.name and c.kind == component.kind for c in self.components):
            raise ValueError(f"{component.kind} {component.name!r} is registered twice")
        self.components.append(component)

    def extractor(self, name: str, produces: Iterable[str], order: int = 100):
        def deco(fn: ExtractFn) -> ExtractFn:
            self.add(Component(name, "extractor", tuple(produces), fn, order, self.current_source))
            return fn

        return deco

    def mapper(self, name: str, produces: Iterable[str], order: int = 100):
        def deco(fn: MapFn) -> MapFn:
            self.add(Component(name, "mapper", tuple(produces), fn, order, self.current_source))
            return fn

        return deco

    def ontology_module(self, path: str | Path) -> None:
        """Load this Turtle file with the ontology (terms it declares become known)."""
        self._add_file(self.ontology_files, path)

    def shapes(self, path: str | Path) -> None:
        """Merge this SHACL shapes file into the shapes ``civickg validate`` checks."""
        self._add_file(self.shapes_files, path)

    def _add_file(self, files: list[str], path: str | Path) -> None:
        p = Path(path)
        if not p.is_file():
            raise ExtensionError(f"{self.current_source}: no such file {p}")
        if str(p) not in files:
            files.append(str(p))

    def of_kind(self, kind: str) -> list[Component]:
        return sorted((c for c in self.components if c.kind == kind), key=lambda c: c.order)

    def load_entry_points(self) -> None:
        if self.loaded_entry_points:
            return
        self.loaded_entry_points = True
        for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
            self.current_source = f"{ep.name} = {ep.value}"
            try:
                ep.load()(self)
            except ExtensionError:
                raise
            except Exception as e:
                raise ExtensionError(f"extension {self.current_source} failed to register: "
                                     f"{type(e).__name__}: {e}") from e
            finally:
                self.extensions.append(self.current_source)
                self.current_source = "civickg"

    def check(self, known_terms: set[str]) -> None:
        """Raise if a component produces a term the loaded ontology does not define."""
        missing = [
            f"{c.kind} {c.name!r} (from {c.source}) produces {t}, which the loaded ontology does not define"
            for c in self.components
            for t in c.produces
            if t not in known_terms
        ]
        if missing:
            raise UnknownTermError("; ".join(missing) + " (declare the term in an ontology module and "
                                   "register the module with registry.ontology_module(path))")


REGISTRY = Registry()
