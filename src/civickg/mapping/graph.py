"""One article's triples: those only it asserts go to the named graph named by the article's
IRI; those that follow from an entity's identity (type, label, searchKey, the person and post
of a tenure, ...) go to the shared entities graph, so the union graph holds them once however
many articles name the entity. (Oxigraph's union default graph keeps duplicates: a triple in
k graphs matches k times, and joins over shared entities would multiply.)

The mappers hand rdflib terms (or ``NT``, a term already in N-Triples form) to ``MapContext``,
which keeps each triple as its N-Triples line: building, deduplicating and serialising lines is
several times cheaper than keeping rdflib terms. ``ArticleGraph.triples``/``entities`` still
give rdflib triples (parsed from the lines when first asked for) for code that inspects them."""

from __future__ import annotations

from collections.abc import Iterable

from mypy_extensions import mypyc_attr
from rdflib import Literal, URIRef
from rdflib.term import Node

from civickg.namespace import ID, XSD

Triple = tuple[URIRef, URIRef, Node]
ENTITIES = ID["graph/entities"]
_XSD_STRING = XSD.string
_XSD_INTEGER = f"<{XSD.integer}>"


@mypyc_attr(native_class=False)
class NT(str):
    """An IRI or literal already in N-Triples form (``<iri>``, ``"text"@vi``, ...)."""

    __slots__ = ()


@mypyc_attr(native_class=False)
class Terms:
    """A namespace whose terms, once looked up, are plain attributes (rdflib's closed
    namespaces check every lookup, and the mappers look terms up a million times a build)."""

    def __init__(self, namespace: object) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        term = getattr(self._namespace, name)
        setattr(self, name, term)
        return term

    def __str__(self) -> str:
        return str(self._namespace)


def _escape(v: str) -> str:
    return v.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def nt_iri(iri: str) -> NT:
    return NT(f"<{iri}>")


def nt_literal(value: str, lang: str | None = None) -> NT:
    """What ``nt_term(Literal(value, lang=lang))`` gives, without making the Literal."""
    return NT(f'"{_escape(value)}"@{lang}' if lang else f'"{_escape(value)}"')


def nt_integer(value: int) -> NT:
    """What ``nt_term(Literal(value))`` gives for an int."""
    return NT(f'"{int(value)}"^^{_XSD_INTEGER}')


def nt_term(t: Node | NT) -> str:
    """N-Triples form of an IRI or literal (every node the mapper makes has an IRI)."""
    kind = type(t)
    if kind is NT:
        return t  # type: ignore[return-value]
    if kind is URIRef:
        return f"<{t}>"
    if isinstance(t, URIRef):
        return f"<{t}>"
    if isinstance(t, Literal):
        v = _escape(str(t))
        if t.language:
            return f'"{v}"@{t.language}'
        if t.datatype and t.datatype != _XSD_STRING:
            return f'"{v}"^^<{t.datatype}>'
        return f'"{v}"'
    raise TypeError(f"unsupported term {t!r}")


def nt_line(s: Node | NT, p: Node | NT, o: Node | NT) -> str:
    return f"{nt_term(s)} {nt_term(p)} {nt_term(o)} ."


def _parse(lines: Iterable[str]) -> set[Triple]:
    from rdflib import Graph

    return set(Graph().parse(data="\n".join(lines), format="nt"))  # type: ignore[arg-type]


class ArticleGraph:
    """The article's own triples and its entity triples. ``lines``/``entity_lines`` hold them as
    N-Triples lines (what ``MapContext`` writes); ``triples``/``entities`` are the same as rdflib
    triples, made on first access (adding to those sets adds to the graph)."""

    def __init__(self, iri: URIRef, content_hash: str, triples: Iterable[Triple] = (),
                 entities: Iterable[Triple] = ()) -> None:
        self.iri = iri  # the article's IRI, also the name of its graph
        self.content_hash = content_hash
        self.lines: set[str] = set()  # the article's own graph
        self.entity_lines: set[str] = set()  # for the shared ENTITIES graph
        self._triples: set[Triple] = set(triples)
        self._entities: set[Triple] = set(entities)

    @property
    def triples(self) -> set[Triple]:
        if self.lines:
            self._triples |= _parse(self.lines)
            self.lines = set()
        return self._triples

    @property
    def entities(self) -> set[Triple]:
        if self.entity_lines:
            self._entities |= _parse(self.entity_lines)
            self.entity_lines = set()
        return self._entities

    def _own(self) -> set[str]:
        return self.lines | {nt_line(*t) for t in self._triples} if self._triples else self.lines

    def _shared(self) -> set[str]:
        return (self.entity_lines | {nt_line(*t) for t in self._entities} if self._entities
                else self.entity_lines)

    def ntriples(self) -> str:
        """The article graph as sorted N-Triples (same facts, same text)."""
        return _join(self._own())

    def entity_ntriples(self) -> str:
        return _join(self._shared())

    def nquads(self) -> bytes:
        """Both graphs as N-Quads (unsorted: for loading a graph not yet stored)."""
        g, e = f" <{self.iri}> .\n", f" <{ENTITIES}> .\n"
        return ("".join([line[:-2] + g for line in self._own()])
                + "".join([line[:-2] + e for line in self._shared()])).encode()

    def all_triples(self) -> set[Triple]:
        return self.triples | self.entities

    def __len__(self) -> int:
        return len(self._own()) + len(self._shared())


def _join(lines: set[str]) -> str:
    return "\n".join(sorted(lines)) + ("\n" if lines else "")
