"""The one place Python gets ontology IRIs from, and the minting of data IRIs.

The ontology files (``ontology/*.ttl``, reached through the ``civickg/ontology`` symlink) are
parsed once; ``CKG`` and ``OA`` are closed namespaces holding exactly the terms those files
declare, so a misspelt term raises ``AttributeError``. Data IRIs live under ``ID`` and are
minted from a readable ASCII slug plus a short hash of the tone-exact matching key, so
``Hiểu`` and ``Hiếu`` differ while ``Thành uỷ`` and ``Thành ủy`` coincide.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Namespace, URIRef
from rdflib.namespace import PROV, ClosedNamespace

from civickg.normalize import match_key, search_key

__all__ = [
    "CKG", "OA", "PROV", "RDF", "RDFS", "SKOS", "XSD", "OWL", "ID", "ONTOLOGY_IRI",
    "ontology_dir", "ontology_files", "ontology_graph", "defined_terms", "ckg_terms", "mint", "slug",
    "search_key", "class_for_label", "subclasses", "instances", "vi_label", "values", "article_iri",
    "ORG", "SCHEMA", "PREFIXES",
]

ID = Namespace("https://w3id.org/civickg/id/")
_VANN_URI = URIRef("http://purl.org/vocab/vann/preferredNamespaceUri")
_DECLARATIONS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                 OWL.NamedIndividual, RDFS.Datatype)


def ontology_dir() -> Path:
    here = Path(__file__).resolve().parent
    linked = here / "ontology"
    if (linked / "civickg.ttl").exists():
        return linked
    return here.parents[1] / "ontology"


def ontology_files(extra: Iterable[str] = ()) -> list[Path]:
    """The core ontology, then ``ontology/ext/*.ttl`` (less ``*shapes*.ttl``: SHACL), then
    ``extra``, the files extensions registered."""
    d = ontology_dir()
    modules = sorted(f for f in (d / "ext").glob("*.ttl") if "shapes" not in f.name)
    return [d / "civickg.ttl", *modules, *map(Path, extra)]


@lru_cache(maxsize=8)
def _parse(files: tuple[Path, ...]) -> Graph:
    g = Graph(bind_namespaces="none")
    for f in files:
        g.parse(f, format="turtle")
    return g


def ontology_graph(extra: Iterable[str] = ()) -> Graph:
    """The parsed ontology (cached; do not modify it)."""
    return _parse(tuple(ontology_files(extra)))


def _declared(g: Graph) -> set[URIRef]:
    return {s for c in _DECLARATIONS for s in g.subjects(RDF.type, c) if isinstance(s, URIRef)}


def _closed(g: Graph, base: str) -> ClosedNamespace:
    return ClosedNamespace(base, sorted(s[len(base):] for s in _declared(g) if s.startswith(base)))


_CORE = ontology_graph()
# the core's header is the one naming the namespace (modules in ontology/ext have their own)
ONTOLOGY_IRI = next(s for s in _CORE.subjects(RDF.type, OWL.Ontology) if (s, _VANN_URI, None) in _CORE)
CKG = _closed(_CORE, str(_CORE.value(ONTOLOGY_IRI, _VANN_URI)))
OA = _closed(_CORE, str(_CORE.namespace_manager.store.namespace("oa")))
ORG = _closed(_CORE, str(_CORE.namespace_manager.store.namespace("org")))
SCHEMA = _closed(_CORE, str(_CORE.namespace_manager.store.namespace("schema")))
PREFIXES: dict[str, str] = {p: str(n) for p, n in _CORE.namespaces() if p}
PREFIXES["id"] = str(ID)


def defined_terms(extra: Iterable[str] = ()) -> set[str]:
    """Every term the loaded ontology declares, as a CURIE (``ckg:Person``, ``oa:start``)."""
    g = ontology_graph(extra)
    nm = g.namespace_manager
    return {nm.curie(t) for t in _declared(g)}


def ckg_terms(extra: Iterable[str]) -> ClosedNamespace:
    """``CKG`` widened by the ``ckg:`` terms of ontology modules ``extra`` (an extension's own
    files), closed like ``CKG``: ``ckg_terms([awards_ttl]).Award``."""
    return _closed(ontology_graph(extra), str(CKG))


def subclasses(parent: URIRef) -> set[URIRef]:
    """``parent`` and every class below it in the core ontology."""
    return set(_CORE.transitive_subjects(RDFS.subClassOf, parent))


@lru_cache(maxsize=64)
def _vi_labels(parent: URIRef) -> list[tuple[str, URIRef]]:
    pairs = [
        (match_key(str(lbl)), cls)
        for cls in subclasses(parent) - {parent}
        for prop in (RDFS.label, SKOS.altLabel)
        for lbl in _CORE.objects(cls, prop)
        if getattr(lbl, "language", None) == "vi"
    ]
    return sorted(pairs, key=lambda p: -len(p[0]))


def class_for_label(parent: URIRef, text: str) -> URIRef:
    """The subclass of ``parent`` whose Vietnamese label (or altLabel) starts ``text``, longest
    label first (``Hội nghị sơ kết`` → ``ckg:Conference``); ``parent`` when none does."""
    key = match_key(text)
    for label, cls in _vi_labels(parent):
        if key == label or key.startswith(label + " "):
            return cls
    return parent


def instances(cls: URIRef) -> set[URIRef]:
    """Named individuals of ``cls`` in the core ontology (the tenure statuses, code schemes)."""
    return {s for s in _CORE.subjects(RDF.type, cls) if isinstance(s, URIRef)}


def vi_label(term: URIRef) -> str:
    """The Vietnamese ``rdfs:label`` of an ontology term."""
    return next(str(o) for o in _CORE.objects(term, RDFS.label) if o.language == "vi")


def values(term: URIRef, prop: URIRef) -> list[str]:
    """The values of an annotation on an ontology term (``ckg:symbolCode`` of a class)."""
    return [str(o) for o in _CORE.objects(term, prop)]


def slug(text: str, limit: int = 48) -> str:
    """ASCII slug of ``text`` without diacritics: ``Thành ủy Cần Thơ`` → ``thanh-uy-can-tho``."""
    s = re.sub(r"[^a-z0-9]+", "-", search_key(text)).strip("-")
    if len(s) > limit:
        s = s[:limit].rsplit("-", 1)[0] or s[:limit]
    return s or "x"


def mint(kind: str, label: str, *key: object, readable: str | None = None) -> URIRef:
    """Deterministic readable IRI ``ID/kind/slug-hash``; the hash covers the matching keys of
    ``label`` and ``key`` (case, Unicode form and tone placement ignored, tone marks kept);
    the slug comes from ``readable`` (default ``label``)."""
    parts = [match_key(label), *(match_key(str(k)) if k is not None else "\x00" for k in key)]
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:10]
    return ID[f"{kind}/{slug(readable or label)}-{digest}"]


def article_iri(article_id: str) -> URIRef:
    """``ID/article/<id>``; ids with characters outside ``[A-Za-z0-9._-]``, or not starting
    with a letter or digit (``..`` would be a dot segment), get slug + hash."""
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}", article_id):
        return ID[f"article/{article_id}"]
    digest = hashlib.sha256(article_id.encode()).hexdigest()[:10]
    return ID[f"article/{slug(article_id)}-{digest}"]
