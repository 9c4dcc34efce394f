"""The ontology and the registered components agree: every class marked ``ckg:extracted`` has a
mapper, every declared term exists, every ``ckg:`` term has vi/en labels and definitions, for
the core alone and with the worked example's module."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from civickg.extensions import check_registry, consistency_problems, load
from civickg.registry import ExtensionError, Registry, UnknownTermError

EXAMPLE_SRC = Path(__file__).resolve().parents[1] / "examples" / "extension" / "src"


def with_example() -> Registry:
    """The loaded registry's components plus the example extension, registered by its own
    ``register`` (as its entry point would) into a copy, so the global registry stays core."""
    registry = Registry(components=list(load().components))
    sys.path.insert(0, str(EXAMPLE_SRC))
    try:
        from civickg_awards import register
    finally:
        sys.path.remove(str(EXAMPLE_SRC))
    register(registry)
    return registry


def test_core_is_consistent() -> None:
    assert consistency_problems(load()) == []


def test_core_with_the_example_extension_is_consistent() -> None:
    registry = with_example()
    check_registry(registry)
    assert consistency_problems(registry) == []


def test_problems_are_named(tmp_path: Path) -> None:
    module = tmp_path / "inspection.ttl"
    module.write_text(
        "@prefix ckg: <https://w3id.org/civickg/ontology#> .\n"
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        'ckg:Inspection a owl:Class ; ckg:extracted true ; rdfs:label "Inspection"@en .\n',
        encoding="utf-8")
    registry = Registry(components=list(load().components))
    registry.ontology_module(module)
    registry.mapper("x.typo", produces=["ckg:Inspektion"])(lambda facts, ctx: None)
    problems = consistency_problems(registry)
    assert "ckg:Inspection is marked ckg:extracted but no mapper declares it" in problems
    assert "mapper 'x.typo' (civickg) produces undefined ckg:Inspektion" in problems
    assert "ckg:Inspection has no rdfs:label in 'vi'" in problems
    assert "ckg:Inspection has no skos:definition in 'en'" in problems
    with pytest.raises(UnknownTermError, match="x.typo.*ckg:Inspektion"):
        check_registry(registry)


def test_a_missing_module_file_fails_registration(tmp_path: Path) -> None:
    with pytest.raises(ExtensionError, match="no such file"):
        Registry().ontology_module(tmp_path / "absent.ttl")
