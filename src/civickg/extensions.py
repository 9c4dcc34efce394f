"""Start-up of the component registry, shared by every command.

``load()`` registers the built-in extractors and mappers, runs each ``civickg.extensions`` entry
point once (an extension adds components, ontology modules and shapes files), then checks every
term a component declares against the ontology those modules make up. A term missing from it
fails here, before any article is read. ``consistency_problems`` is the wider check the test
suite and ``civickg ontology extensions`` run: extracted classes without a mapper, terms without
labels or definitions.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Literal, URIRef

from civickg.registry import REGISTRY, Registry

__all__ = ["load", "ontology_modules", "shapes_modules", "consistency_problems", "check_registry"]

_loaded = False


def load() -> Registry:
    """The global registry with built-ins and extensions loaded and checked (once per process)."""
    global _loaded
    if not _loaded:
        import civickg.mapping.builtin  # noqa: F401  (registers the built-in mappers)
        import civickg.pipeline  # noqa: F401  (registers the built-in extractors)

        REGISTRY.load_entry_points()
        check_registry(REGISTRY)
        _loaded = True
    return REGISTRY


def check_registry(registry: Registry) -> None:
    """Raise ``UnknownTermError`` if a component of ``registry`` produces an undefined term."""
    from civickg.namespace import defined_terms

    registry.check(defined_terms(registry.ontology_files))


def ontology_modules() -> tuple[str, ...]:
    """Ontology files registered by extensions (besides the core and ``ontology/ext``)."""
    return tuple(load().ontology_files)


def shapes_modules() -> tuple[str, ...]:
    """SHACL shapes files registered by extensions."""
    return tuple(load().shapes_files)


def consistency_problems(registry: Registry, extra: Iterable[str] | None = None) -> list[str]:
    """What is out of step between the ontology and the components, one line each:

    - a class marked ``ckg:extracted true`` that no mapper declares (nothing writes it);
    - a term a component declares that the ontology lacks;
    - a ``ckg:`` term without an ``rdfs:label`` in Vietnamese and English or without a
      ``skos:definition`` in both."""
    from civickg.namespace import CKG, RDFS, SKOS, defined_terms, ontology_graph

    files = tuple(registry.ontology_files if extra is None else extra)
    g = ontology_graph(files)
    nm = g.namespace_manager
    known = defined_terms(files)
    mapped = {t for c in registry.of_kind("mapper") for t in c.produces}
    problems = []
    for cls in sorted(g.subjects(CKG.extracted, Literal(True))):
        if nm.curie(cls) not in mapped:
            problems.append(f"{nm.curie(cls)} is marked ckg:extracted but no mapper declares it")
    for c in registry.components:
        problems += [f"{c.kind} {c.name!r} ({c.source}) produces undefined {t}"
                     for t in c.produces if t not in known]
    base = str(CKG)
    for term in sorted({s for s in g.subjects() if isinstance(s, URIRef) and s.startswith(base)}):
        for prop in (RDFS.label, SKOS.definition):
            langs = {getattr(o, "language", None) for o in g.objects(term, prop)}
            for lang in sorted({"vi", "en"} - langs):
                problems.append(f"{nm.curie(term)} has no {nm.curie(prop)} in {lang!r}")
    return problems
