"""Content negotiation for SPARQL answers: ``Accept`` (or a ``format=`` parameter) → the
format to write a result in, chosen once the kind of result (solutions, boolean, triples) is
known."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    name: str  # the value of ``format=``
    media_type: str  # what the response says it is
    kind: str  # "results" (SELECT/ASK) or "graph" (CONSTRUCT/DESCRIBE)
    aliases: tuple[str, ...] = ()  # other media types it answers

    @property
    def content_type(self) -> str:
        text = self.media_type.startswith("text/") or self.name in ("ntriples", "xml")
        return f"{self.media_type}; charset=utf-8" if text else self.media_type


# in order of preference within a kind: the first is the default
FORMATS = (
    Format("json", "application/sparql-results+json", "results", ("application/json",)),
    Format("xml", "application/sparql-results+xml", "results", ("application/xml", "text/xml")),
    Format("csv", "text/csv", "results"),
    Format("tsv", "text/tab-separated-values", "results"),
    Format("turtle", "text/turtle", "graph", ("application/x-turtle",)),
    Format("ntriples", "application/n-triples", "graph", ("text/plain",)),
    Format("jsonld", "application/ld+json", "graph", ("application/json",)),
    Format("rdfxml", "application/rdf+xml", "graph", ("application/xml", "text/xml")),
)
BY_NAME = {f.name: f for f in FORMATS}
Accept = list[tuple[str, float]]


def parse_accept(header: str | None) -> Accept:
    """``Accept`` as (media range, q) pairs; a missing or empty header accepts anything."""
    out: Accept = []
    for part in (header or "").split(","):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for f in fields[1:]:
            k, _, v = f.partition("=")
            if k.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(v)))
                except ValueError:
                    q = 0.0
        out.append((fields[0].lower(), q))
    return out or [("*/*", 1.0)]


def from_param(value: str) -> Accept | None:
    """``format=json`` or ``format=text/turtle`` as an Accept list; None if unknown."""
    v = value.strip().lower()
    if v in BY_NAME:  # json and xml name a format of each kind (SPARQLWrapper sends format=xml)
        names = {"json": ("json", "jsonld"), "xml": ("xml", "rdfxml")}.get(v, (v,))
        return [(BY_NAME[n].media_type, 1.0) for n in names]
    if any(v in (f.media_type, *f.aliases) for f in FORMATS):
        return [(v, 1.0)]
    return None


def _quality(media: str, accept: Accept) -> float:
    """q of the most specific range matching ``media`` (exact, then type/*, then */*)."""
    best, rank = 0.0, -1
    major = media.split("/")[0]
    for rng, q in accept:
        r = 2 if rng == media else 1 if rng == f"{major}/*" else 0 if rng == "*/*" else -1
        if r > rank:
            best, rank = q, r
    return best if rank >= 0 else 0.0


def choose(kind: str, accept: Accept) -> Format | None:
    """The acceptable format of ``kind`` with the highest q (ties: our order); None if the
    client accepts none of them."""
    best: Format | None = None
    best_q = 0.0
    for f in FORMATS:
        if f.kind != kind:
            continue
        q = max(_quality(m, accept) for m in (f.media_type, *f.aliases))
        # an alias only (application/json, text/plain) counts a little less than the real type
        if _quality(f.media_type, accept) < q:
            q -= 0.001
        if q > best_q:
            best, best_q = f, q
    return best


def accepts_html(accept: Accept) -> bool:
    """Whether a browser-like client prefers HTML to every RDF format."""
    html = _quality("text/html", accept)
    rdf = max(_quality(f.media_type, accept) for f in FORMATS if f.kind == "graph")
    explicit = any(r in ("text/html", "application/xhtml+xml") for r, _ in accept)
    return html > 0 and (html > rdf or (html == rdf and explicit))


def supported(kind: str) -> str:
    return ", ".join(f.media_type for f in FORMATS if f.kind == kind)
