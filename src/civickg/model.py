"""Plain data passed between the pipeline stages.

read -> normalise -> extract mentions -> resolve/canonicalise -> map to RDF -> store.
Offsets are character offsets into ``Article.text`` (the normalised text); ``Article.to_raw``
maps them back to the decoded source text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range ``[start, end)`` in ``Article.text``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")


@dataclass(slots=True)
class Article:
    """One article after reading and normalisation.

    ``text`` is the whole normalised text (title line, time line, body, captions, byline) and
    ``offsets[i]`` is the index in ``raw`` of the character ``text[i]`` came from
    (``offsets[len(text)] == len(raw)``).
    """

    path: str  # file the article came from ("-" for stdin); with "#N" for JSON Lines
    article_id: str  # stable id: the file stem, or a slug for JSON Lines / HTML records
    raw: str  # decoded source text the offsets point into
    text: str  # normalised text
    offsets: list[int]
    title: str
    title_span: Span
    body_span: Span  # lead + body + captions, without title, time line and byline
    published: str | None = None  # "YYYY-MM-DDTHH:MM" or "YYYY-MM-DD"
    source: str | None = None  # outlet tag such as "TGCT"
    authors: list[str] = field(default_factory=list)
    url: str | None = None
    content_hash: str = ""  # sha256 of the raw bytes, for incremental builds
    paragraphs: list[Span] = field(default_factory=list)  # body paragraphs in order

    def quote(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def to_raw(self, span: Span) -> Span:
        return Span(self.offsets[span.start], self.offsets[span.end])

    @property
    def body(self) -> str:
        return self.quote(self.body_span)


@dataclass(slots=True)
class Office:
    role: str  # "Phó Bí thư Thường trực"
    organization: str | None  # canonical name: "Thành ủy Cần Thơ"
    # current | former | acting | elected | appointed | relieved
    status: str = "current"
    evidence: Span | None = None


@dataclass(slots=True)
class Person:
    name: str
    offices: list[Office] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Organization:
    name: str  # canonical name
    kind: str = "Organization"  # ontology class local name, e.g. "PartyCommittee"
    place: str | None = None  # bare place name it belongs to
    parent: str | None = None  # canonical name of the body it is part of
    mentions: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Document:
    kind: str  # "Nghị quyết", "Quyết định", ...
    number: str | None = None  # "02-NQ/TU", "12/2019/NQ-HĐND"
    date: str | None = None  # "YYYY-MM-DD"
    issuer: str | None = None  # canonical organization name
    subject: str | None = None
    evidence: Span | None = None


@dataclass(slots=True)
class Meeting:
    kind: str  # "Hội nghị sơ kết", "Kỳ họp", "Đại hội đại biểu", "Buổi làm việc", "Lễ kỷ niệm"
    date: str | None = None
    organizer: str | None = None
    place: str | None = None
    chairs: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)  # chairs and speakers included
    speakers: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)  # document numbers
    evidence: Span | None = None


@dataclass(slots=True)
class Place:
    name: str  # bare name: "Cần Thơ", "Ninh Kiều"
    level: str = "Place"  # Province | District | Commune | Region | Country | Place
    code: str | None = None  # administrative code
    scheme: str | None = None  # "legacy" (63 provinces) or "2025"
    parent: str | None = None  # bare name of the unit it is part of
    mentions: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class ArticleFacts:
    """Everything extracted from one article; ``to_json`` gives the facts.md view."""

    article: Article
    locality: str | None = None
    persons: list[Person] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    # facts produced by extension extractors, keyed by the extension's name
    extras: dict[str, list[Any]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        a = self.article
        return {
            "title": a.title,
            "published": a.published,
            "source": a.source,
            "authors": list(a.authors),
            "locality": self.locality,
            "persons": [
                {
                    "name": p.name,
                    "offices": [
                        {"role": o.role, "organization": o.organization} for o in p.offices
                    ],
                }
                for p in self.persons
            ],
            "organizations": [o.name for o in self.organizations],
            "documents": [
                {
                    "kind": d.kind,
                    "number": d.number,
                    "date": d.date,
                    "issuer": d.issuer,
                    "subject": d.subject,
                }
                for d in self.documents
            ],
            "meetings": [
                {
                    "kind": m.kind,
                    "date": m.date,
                    "organizer": m.organizer,
                    "place": m.place,
                    "chairs": list(m.chairs),
                    "participants": list(m.participants),
                    "documents": list(m.documents),
                }
                for m in self.meetings
            ],
            "places": [p.name for p in self.places],
            **({"extensions": ext} if (ext := self._extension_json()) else {}),
        }

    def _extension_json(self) -> dict[str, list[Any]]:
        """Facts of extension extractors (``extras`` without the ``_``-prefixed work state)."""
        from dataclasses import asdict, is_dataclass

        return {k: [asdict(v) if is_dataclass(v) and not isinstance(v, type) else v for v in vs]
                for k, vs in sorted(self.extras.items()) if not k.startswith("_")}


class ReadError(Exception):
    """An input that cannot be read as an article; the message names the file and the problem."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
