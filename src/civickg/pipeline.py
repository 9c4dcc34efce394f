"""The extraction stage: one article in, its facts out.

Sentences are read in order; each registered extractor adds to the ``ArticleFacts``. The
built-in extractors are registered here the same way extensions register theirs."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import accumulate

from civickg.extract.context import PlaceContext, infer_context
from civickg.extract.dates import find_dates
from civickg.extract.documents import date_adopted_after, find_documents, issuing_body
from civickg.extract.meetings import (
    CHAIR_CUES,
    PARTICIPATION_CUES,
    REVIEW_CUES,
    MeetingState,
    find_meeting_mentions,
    has_cue,
)
from civickg.extract.names import find_names
from civickg.extract.orgs import STATE, could_start, head_words, org_at
from civickg.extract.persons import KnownNames, appointments, list_header, sentence_persons
from civickg.extract.places import PlaceMention, find_places, keep_districts_in_scope
from civickg.extract.spans import SpanIndex
from civickg.extract.tokens import Token, sentences, tokenize
from civickg.model import (
    Article,
    ArticleFacts,
    Document,
    Meeting,
    Office,
    Organization,
    Person,
    Place,
    Span,
)
from civickg.normalize import match_key
from civickg.registry import REGISTRY

_VENUE_KINDS = {"Organization"}  # "tại Trung tâm Hội nghị": a building; a school is a body
_ADOPTION: list[tuple[str, ...]] = [("thông", "qua"), ("ban", "hành")]
_BIOGRAPHY: list[tuple[str, ...]] = [("sinh", "năm"), ("sinh", "ngày"), ("quê",)]


@dataclass
class Sentence:
    span: Span
    tokens: list[Token]
    paragraph: int
    places: list[PlaceMention] = field(default_factory=list)
    dates: list = field(default_factory=list)  # DateMention
    names: list = field(default_factory=list)  # NameMention


def _sentences(article: Article) -> list[Sentence]:
    out = []
    paras = article.paragraphs
    starts = [p.start for p in paras]
    ordered = all(a.end <= b.start for a, b in zip(paras, paras[1:], strict=False))
    for s in sentences(article):
        if ordered:  # the paragraph by bisection, not a scan of all paragraphs per sentence
            n = bisect_right(starts, s.start) - 1
            para = n if n >= 0 and s.start < paras[n].end else 0
        else:
            para = next((n for n, p in enumerate(paras) if p.start <= s.start < p.end), 0)
        out.append(Sentence(s, tokenize(article.text, s.start, s.end), para))
    return out


def extract(article: Article) -> ArticleFacts:
    """Run every registered extractor (built-in and from extensions) over the article."""
    from civickg.extensions import load

    load()
    facts = ArticleFacts(article=article)
    for component in REGISTRY.of_kind("extractor"):
        component.run(article, facts)
    return facts


class _Work:
    """State shared by the built-in extractors while one article is read."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.sents = _sentences(article)
        self.title = Sentence(article.title_span, tokenize(article.text, *_bounds(article.title_span)), -1)
        for s in [self.title, *self.sents]:
            s.dates = find_dates(article.text, s.span.start, s.span.end, article.published)
            s.names = names = find_names(s.tokens, article.text, article.published)
            blocked = [Span(s.tokens[n.start].start, s.tokens[n.end - 1].end) for n in names]
            s.places = find_places(article.text, s.tokens, blocked)
        everywhere = [m for s in [self.title, *self.sents] for m in s.places]
        kept = {(m.span.start, m.span.end): m for m in keep_districts_in_scope(everywhere)}
        for s in [self.title, *self.sents]:
            s.places = [kept[k] for m in s.places if (k := (m.span.start, m.span.end)) in kept]
        self.ctx: PlaceContext = infer_context(article, [m for s in [self.title, *self.sents] for m in s.places])


def _bounds(span: Span) -> tuple[int, int]:
    return span.start, span.end


def _work(facts: ArticleFacts) -> _Work:
    w = facts.extras.get("_work")
    if not w:
        facts.extras["_work"] = [_Work(facts.article)]
    return facts.extras["_work"][0]


def _add_org(facts: ArticleFacts, name: str, kind: str, span: Span | None,
             index: dict[str, Organization] | None = None) -> None:
    """``index``: match key -> the first organization with it (instead of a scan of them all)."""
    if index is not None:
        o = index.get(match_key(name))
        if o is not None:
            if span:
                o.mentions.append(span)
            return
        facts.organizations.append(Organization(name, kind, mentions=[span] if span else []))
        index.setdefault(match_key(name), facts.organizations[-1])
        return
    for o in facts.organizations:
        if match_key(o.name) == match_key(name):
            if span:
                o.mentions.append(span)
            return
    facts.organizations.append(Organization(name, kind, mentions=[span] if span else []))


@REGISTRY.extractor("civickg.places", produces=["ckg:Place", "ckg:NewsArticle"], order=10)
def extract_places(article: Article, facts: ArticleFacts) -> None:
    w = _work(facts)
    facts.locality = w.ctx.locality.name if w.ctx.locality else None
    by_name: dict[str, Place] = {}
    for p in facts.places:
        by_name.setdefault(p.name, p)
    for s in [w.title, *w.sents]:
        for m in s.places:
            e = m.entry
            existing = by_name.get(e.name)
            if existing:
                existing.mentions.append(m.span)
            else:
                facts.places.append(Place(e.name, e.level, e.code, e.scheme, e.parent, [m.span]))
                by_name[e.name] = facts.places[-1]


@REGISTRY.extractor("civickg.persons", produces=["ckg:Person", "ckg:Membership", "ckg:Post"], order=20)
def extract_persons(article: Article, facts: ArticleFacts) -> None:
    w = _work(facts)
    text = article.text
    known = KnownNames()
    previous: str | None = None
    by_name: dict[str, Person] = {}
    per_sentence: list[list] = []

    def person(name: str) -> Person:
        k = match_key(name)
        if k not in by_name:
            by_name[k] = Person(name)
            facts.persons.append(by_name[k])
        return by_name[k]

    held: dict[int, set[tuple[str, str]]] = {}  # id(person) -> keys of the offices given

    def add_office(p: Person, role: str, org: str | None, status: str, span: Span) -> None:
        keys = held.get(id(p))
        if keys is None:
            keys = held[id(p)] = {(match_key(o.role), match_key(o.organization or "")) for o in p.offices}
        key = (match_key(role), match_key(org or ""))
        if key in keys:
            return
        p.offices.append(Office(role, org, status, span))
        keys.add(key)

    for s in w.sents:
        mentions = sentence_persons(s.tokens, text, w.ctx, s.names, known)
        per_sentence.append(mentions)
        header = list_header(s.tokens, text, w.ctx) if mentions else None
        if header:
            for m in mentions:
                if m.start >= header[1]:
                    t = header[0]
                    add_office(person(m.name), t.role, t.organization, t.status, s.span)
        for m in mentions:
            p = person(m.name)
            p.mentions.append(m.span)
            if not m.short:
                known.append(m.name)
            for t in m.titles:
                add_office(p, t.role, t.organization, t.status, s.span)
        for name, t in appointments(s.tokens, text, w.ctx, mentions, previous):
            add_office(person(name), t.role, t.organization, t.status, s.span)
        if mentions:
            previous = mentions[0].name
    facts.extras["_mentions"] = per_sentence


@REGISTRY.extractor("civickg.organizations", produces=["ckg:Organization"], order=30)
def extract_organizations(article: Article, facts: ArticleFacts) -> None:
    w = _work(facts)
    named_by_orgs: list[Span] = []
    index: dict[str, Organization] = {}
    for o in facts.organizations:
        index.setdefault(match_key(o.name), o)
    for p in facts.persons:
        for office in p.offices:
            if office.organization:
                _add_org(facts, office.organization, "Organization", office.evidence, index)
    heads = head_words()
    for s in [w.title, *w.sents]:
        k = 0
        for start in [n for n, t in enumerate(s.tokens) if t.key in heads]:  # where a body can start
            if start < k:
                continue
            k = start
            prev = s.tokens[k - 1].key if k else ""
            org = (
                org_at(s.tokens, k, article.text, w.ctx)
                if could_start(s.tokens[k]) and prev not in {"các", "những"} else None
            )
            if org and prev in {"tại", "ở"} and org.kind in _VENUE_KINDS:
                org = None  # "tại Trung tâm Hội nghị thành phố": a place to meet, not a body
            if org:
                span = Span(s.tokens[k].start, s.tokens[org.end - 1].end)
                _add_org(facts, org.name, org.kind, span, index)
                if org.name != STATE:
                    named_by_orgs.append(span)
                k = org.head_end
            else:
                k += 1
    _drop_countries_inside_names(facts, named_by_orgs)


def _drop_countries_inside_names(facts: ArticleFacts, org_spans: list[Span]) -> None:
    """``Việt Nam`` in ``Ủy ban MTTQ Việt Nam tỉnh X`` names a body, not the country (the state's
    own name, ``Nước Cộng hòa xã hội chủ nghĩa Việt Nam``, does name it)."""
    inside = SpanIndex((o.start, o.end) for o in org_spans)  # reach: the furthest end of a body begun by then
    for p in facts.places:
        if p.level == "Country":
            p.mentions = [m for m in p.mentions
                          if not ((r := inside.reach(m.start)) is not None and m.end <= r)]
    facts.places = [p for p in facts.places if p.mentions or p.level != "Country"]


@REGISTRY.extractor("civickg.documents", produces=["ckg:Document"], order=40)
def extract_documents(article: Article, facts: ArticleFacts) -> None:
    w = _work(facts)
    # the documents so far by number, and the unnumbered ones by kind (not a scan of them all)
    numbered: dict[str, Document] = {}
    unnumbered: dict[str, list[Document]] = {}

    def _index(x: Document) -> None:
        if x.number:
            numbered.setdefault(x.number, x)
        else:
            unnumbered.setdefault(x.kind, []).append(x)

    for x in facts.documents:
        _index(x)
    for s in [*w.sents, w.title]:  # the body cites in full what a headline abbreviates
        adopted = has_cue(s.tokens, _ADOPTION)
        ends_by: list[int] = []  # -(least end of s.dates[:i+1]), built on first use
        for d in find_documents(article.text, s.span.start, s.span.end, w.ctx):
            if d.date is None and adopted and d.number and s.dates:
                # the first date (in order) that ends before the document
                ends_by = ends_by or [-e for e in accumulate((x.end for x in s.dates), min)]
                first = bisect_left(ends_by, -d.start)
                if first < len(s.dates):
                    d.date = s.dates[first].iso
            d.date = d.date or date_adopted_after(article.text, d, s.dates)
            if d.issuer_from_code:
                d.issuer = issuing_body(s.tokens, article.text, d, w.ctx) or d.issuer
            same = numbered.get(d.number) if d.number else next(
                (x for x in unnumbered.get(d.kind, ()) if not x.number and x.kind == d.kind and
                 (x.subject == d.subject or (x.issuer == d.issuer and not d.subject and not d.date))),
                None,
            )
            if same:
                same.date = same.date or d.date
                same.issuer = same.issuer or d.issuer
                same.subject = same.subject or d.subject
                continue
            facts.documents.append(Document(d.kind, d.number, d.date, d.issuer, d.subject, Span(d.start, d.end)))
            _index(facts.documents[-1])
    _drop_unnumbered_duplicates(facts)


def _drop_unnumbered_duplicates(facts: ArticleFacts) -> None:
    """A headline's ``Nghị quyết về X`` is the numbered resolution on X cited in the body."""
    numbered = [d for d in facts.documents if d.number and d.subject]
    facts.documents = [
        d for d in facts.documents
        if d.number or not d.subject
        or not any(n.kind == d.kind and (n.subject or "").startswith(d.subject) for n in numbered)
    ]


@REGISTRY.extractor("civickg.meetings", produces=["ckg:Meeting"], order=50)
def extract_meetings(article: Article, facts: ArticleFacts) -> None:
    from civickg.extract.meeting_assembly import assemble

    w = _work(facts)
    facts.meetings = assemble(article, facts, w.title, w.sents, w.ctx, facts.extras.get("_mentions", []))


@REGISTRY.extractor("civickg.cleanup", produces=[], order=1000)
def drop_work_state(article: Article, facts: ArticleFacts) -> None:
    for k in [k for k in facts.extras if k.startswith("_")]:
        del facts.extras[k]


__all__ = ["extract", "Sentence", "MeetingState", "Meeting", "find_dates", "find_meeting_mentions",
           "has_cue", "CHAIR_CUES", "PARTICIPATION_CUES", "REVIEW_CUES", "_BIOGRAPHY"]
