"""State shared by the mappers of one article: its triples, the IRIs of the entities it names,
and the evidence (one resource for each sentence cited).

Identity rules (all IRIs minted by ``civickg.namespace.mint``):
- organization: its canonical name;
- person: name + scope, the scope being ``national`` for holders of an office in a central
  body and the article's locality otherwise (same name, same locality: same person);
- post: role + organization; tenure: person + post; observation: article + tenure + status;
- place: administrative code + scheme when known, else name (+ parent or locality below
  province level);
- document: issuer (else locality), type, number, year; without a number it is scoped to the
  article; meeting: organizer (else locality), date (else article), kind.
Triples that follow from an entity's key (``shared``) go to the entities graph; what the
article asserts (``add``: mentions, roles at meetings, evidence, observations) to its own graph.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from functools import lru_cache

from rdflib import Literal, URIRef
from rdflib.term import Node

from civickg.extract.tokens import sentences
from civickg.mapping.graph import NT, ArticleGraph, Terms, nt_integer, nt_iri, nt_literal, nt_term
from civickg.mapping.labels import capitalised, person_name
from civickg.model import ArticleFacts, Document, Place, Span
from civickg.namespace import CKG as CKG_NAMESPACE
from civickg.namespace import (
    ID,
    RDFS,
    XSD,
    article_iri,
    class_for_label,
    instances,
    mint,
    search_key,
    subclasses,
    values,
    vi_label,
)
from civickg.namespace import OA as OA_NAMESPACE
from civickg.namespace import PROV as PROV_NAMESPACE
from civickg.namespace import RDF as RDF_NAMESPACE
from civickg.normalize import match_key

CKG, OA = Terms(CKG_NAMESPACE), Terms(OA_NAMESPACE)
PROV, RDF = Terms(PROV_NAMESPACE), Terms(RDF_NAMESPACE)
STATUSES = {str(s)[len(str(CKG)):]: s for s in instances(CKG.MembershipStatus)}
SCHEMES = {"legacy": CKG.legacyScheme, "2025": CKG.scheme2025}
ORG_CLASSES = {str(c)[len(str(CKG)):]: c for c in subclasses(CKG.Organization)}
PLACE_CLASSES = {str(c)[len(str(CKG)):]: c for c in subclasses(CKG.Place)}
_WIDE_PLACES = {"Province", "Region", "Country"}
_CENTRAL = {match_key(n) for n in ("Bộ Chính trị", "Ban Bí thư", "Chính phủ", "Quốc hội",
                                   "Nước Cộng hòa xã hội chủ nghĩa Việt Nam")}
_CENTRAL_KINDS = {"Ministry", "Government", "NationalAssembly", "State", "CentralCommittee",
                  "Politburo", "Secretariat", "Party", "Agency"}
_TRUNG_UONG = match_key("Trung ương")
_QUOTE_CONTEXT = 32


def _hash(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:10]


# Minting and search keys are pure and the same entities come back article after article:
# remembered, they cost a dictionary lookup (a build worker maps thousands of articles).
_mint = lru_cache(maxsize=1 << 16, typed=True)(mint)
_TYPE, _LABEL, _SEARCH_KEY = nt_iri(RDF.type), nt_iri(RDFS.label), nt_iri(CKG.searchKey)
_EVIDENCE_P, _DERIVED_FROM = nt_iri(CKG.evidence), nt_iri(PROV.wasDerivedFrom)
_EVIDENCE_C, _HAS_SOURCE, _HAS_SELECTOR = nt_iri(CKG.Evidence), nt_iri(OA.hasSource), nt_iri(OA.hasSelector)
_POSITION, _QUOTE = nt_iri(OA.TextPositionSelector), nt_iri(OA.TextQuoteSelector)
_START, _END, _EXACT = nt_iri(OA.start), nt_iri(OA.end), nt_iri(OA.exact)
_PREFIX, _SUFFIX = nt_iri(OA.prefix), nt_iri(OA.suffix)


def _start(span: Span) -> int:
    return span.start


@lru_cache(maxsize=1 << 16)
def _node_lines(iri: str, classes: frozenset[URIRef], label: str) -> tuple[str, ...]:
    """The entities-graph lines ``MapContext.node`` writes: types, label, searchKey."""
    s = f"<{iri}>"
    return (*(f"{s} {_TYPE} <{c}> ." for c in classes),
            f"{s} {_LABEL} {nt_literal(label, 'vi')} .",
            f"{s} {_SEARCH_KEY} {nt_literal(search_key(label))} .")


def document_year(d: Document) -> int | None:
    if d.date and re.match(r"\d{4}", d.date):
        return int(d.date[:4])
    m = re.search(r"/((?:19|20)\d\d)/", d.number or "")
    return int(m.group(1)) if m else None


class MapContext:
    def __init__(self, facts: ArticleFacts) -> None:
        self.facts = facts
        self.article = facts.article
        self.iri = article_iri(self.article.article_id)
        self.graph = ArticleGraph(self.iri, self.article.content_hash)
        self.activity = URIRef(f"{self.iri}/extraction")
        self.scope = match_key(facts.locality) if facts.locality else "national"
        self._derived: set[URIRef] = set()
        self._persons = {match_key(p.name): p for p in facts.persons}
        self._orgs = {match_key(o.name): o for o in facts.organizations}
        self._places = {match_key(p.name): p for p in facts.places}
        self._docs: dict[str, URIRef] = {}
        self._busy: set[str] = set()  # guards parent chains against cycles
        self._spans: dict[tuple[int, int], NT | None] = {}  # evidence already written
        self._sentences: list[Span] | None = None  # title and body sentences, by start

    # -- triples ----------------------------------------------------------------------------
    def add(self, s: URIRef | NT, p: URIRef | NT, o: Node | NT | None) -> None:
        if o is not None:
            self.graph.lines.add(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .")

    def shared(self, s: URIRef | NT, p: URIRef | NT, o: Node | NT | None) -> None:
        if o is not None:
            self.graph.entity_lines.add(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .")

    def text(self, s: URIRef, p: URIRef, value: str | None, lang: str | None = "vi") -> None:
        if value:
            self.add(s, p, nt_literal(value, lang))

    def node(self, iri: URIRef, classes: set[URIRef], label: str) -> URIRef:
        """Type, label and searchKey of an entity; it is marked derived from the article."""
        self.graph.entity_lines.update(_node_lines(iri, frozenset(classes), label))
        self._derived.add(iri)
        return iri

    def finish(self) -> ArticleGraph:
        article = nt_iri(self.iri)
        self.graph.lines.update(f"<{n}> {_DERIVED_FROM} {article} ." for n in self._derived)
        return self.graph

    # -- evidence ---------------------------------------------------------------------------
    def evidence(self, span: Span | None) -> URIRef | None:
        """An oa:SpecificResource for the sentence holding ``span``, with position (raw offsets)
        and quote selectors."""
        ev = self._evidence(span)
        return URIRef(ev[1:-1]) if ev else None

    def sentence_of(self, span: Span) -> Span:
        """The title or body sentence holding ``span``; the span itself if none holds it whole
        (the time line, the byline, a span across two sentences)."""
        if self._sentences is None:
            self._sentences = sorted([self.article.title_span, *sentences(self.article)],
                                     key=_start)
        n = bisect_right(self._sentences, span.start, key=_start) - 1  # sentences do not overlap
        return self._sentences[n] if n >= 0 and span.end <= self._sentences[n].end else span

    def _evidence(self, span: Span | None) -> NT | None:
        # Evidence is the sentence, not the words of a mention: a reader checks a fact against
        # its sentence, and the ~4 mentions a sentence holds share one resource (an article's
        # evidence quads fall from ~270 to ~65).
        if span is None or span.end > len(self.article.text):
            return None
        span = self.sentence_of(span)
        key = (span.start, span.end)
        if key in self._spans:
            return self._spans[key]
        raw = self.article.to_raw(span)  # xsd:integer offsets: Oxigraph stores subtypes as that
        base = f"{self.iri}/span/{raw.start}-{raw.end}"
        ev, pos, quote = NT(f"<{base}>"), f"<{base}/position>", f"<{base}/quote>"
        src = self.article.raw
        lines = [
            f"{ev} {_TYPE} {_EVIDENCE_C} .", f"{ev} {_HAS_SOURCE} <{self.iri}> .",
            f"{ev} {_HAS_SELECTOR} {pos} .", f"{ev} {_HAS_SELECTOR} {quote} .",
            f"{pos} {_TYPE} {_POSITION} .",
            f"{pos} {_START} {nt_integer(raw.start)} .",
            f"{pos} {_END} {nt_integer(raw.end)} .",
            f"{quote} {_TYPE} {_QUOTE} .",
            f"{quote} {_EXACT} {nt_literal(src[raw.start:raw.end])} .",
        ]
        if raw.start:
            lines.append(f"{quote} {_PREFIX} "
                         f"{nt_literal(src[max(0, raw.start - _QUOTE_CONTEXT):raw.start])} .")
        if raw.end < len(src):
            lines.append(f"{quote} {_SUFFIX} {nt_literal(src[raw.end:raw.end + _QUOTE_CONTEXT])} .")
        self.graph.lines.update(lines)
        self._spans[key] = ev
        return ev

    def cite(self, node: URIRef, *spans: Span | None) -> None:
        subject = nt_term(node)
        for span in spans:
            ev = self._evidence(span)
            if ev is not None:
                self.graph.lines.add(f"{subject} {_EVIDENCE_P} {ev} .")

    # -- entities ---------------------------------------------------------------------------
    def place(self, name: str, level: str | None = None) -> URIRef:
        key = match_key(name)
        fact: Place | None = self._places.get(key)
        level = fact.level if fact else level or "Place"
        if fact and fact.code and fact.scheme in SCHEMES:
            iri = _mint("place", name, "code", fact.scheme, fact.code)
        elif level in _WIDE_PLACES or key == self.scope:
            iri = _mint("place", name)
        else:
            parent = match_key(fact.parent) if fact and fact.parent else self.scope
            iri = _mint("place", name, parent)
        self.node(iri, {CKG.Place, PLACE_CLASSES.get(level, CKG.Place)}, capitalised(name))
        if fact and key not in self._busy:
            self._busy.add(key)
            if fact.code and fact.scheme in SCHEMES:
                code = ID[f"code/{fact.scheme}/{fact.code}"]
                self.shared(code, RDF.type, CKG.AdministrativeCode)
                self.shared(code, CKG.codeValue, nt_literal(str(fact.code)))
                self.shared(code, CKG.codeScheme, SCHEMES[fact.scheme])
                self.shared(iri, CKG.adminCode, code)
                self._derived.add(code)
            if fact.parent:
                self.shared(iri, CKG.partOf, self.place(fact.parent))
            self._busy.discard(key)
        return iri

    def org(self, name: str) -> URIRef:
        key = match_key(name)
        fact = self._orgs.get(key)
        iri = _mint("org", name)
        cls = ORG_CLASSES.get(fact.kind, CKG.Organization) if fact else CKG.Organization
        self.node(iri, {CKG.Organization, cls}, capitalised(name))
        if fact and key not in self._busy:
            self._busy.add(key)
            if fact.place:
                self.shared(iri, CKG.area, self.place(fact.place))
            if fact.parent and match_key(fact.parent) != key:
                self.shared(iri, CKG.subOrganizationOf, self.org(fact.parent))
            self._busy.discard(key)
        return iri

    def _is_central(self, org_name: str) -> bool:
        key = match_key(org_name)
        fact = self._orgs.get(key)
        kind = fact.kind if fact else ""
        return kind in _CENTRAL_KINDS or key in _CENTRAL or _TRUNG_UONG in key

    def person(self, name: str) -> URIRef:
        fact = self._persons.get(match_key(name))
        offices = fact.offices if fact else []
        central = any(o.organization and self._is_central(o.organization) for o in offices)
        label = person_name(name)
        return self.node(_mint("person", label, "national" if central else self.scope),
                         {CKG.Person}, label)

    def post(self, role: str, organization: str | None) -> URIRef:
        org_iri = self.org(organization) if organization else None
        role_label = capitalised(role)
        label = f"{role_label} {capitalised(organization)}" if organization else role_label
        iri = self.node(_mint("post", label, role, org_iri or self.scope), {CKG.Post}, label)
        self.shared(iri, CKG.roleName, nt_literal(role_label, "vi"))
        self.shared(iri, CKG.postIn, org_iri)
        return iri

    def tenure(self, person: URIRef, post: URIRef, org: URIRef | None) -> URIRef:
        iri = ID[f"tenure/{str(person).rsplit('/', 1)[1]}-{_hash(person, post)}"]
        self.shared(iri, RDF.type, CKG.Membership)
        self.shared(iri, CKG.member, person)
        self.shared(iri, CKG.post, post)
        self.shared(iri, CKG.organization, org)
        self._derived.add(iri)
        return iri

    def observation(self, tenure: URIRef, status: str, span: Span | None) -> URIRef:
        iri = URIRef(f"{self.iri}/tenure/{_hash(tenure, status)}")
        self.add(iri, RDF.type, CKG.TenureObservation)
        self.add(iri, CKG.observationOf, tenure)
        self.add(iri, CKG.status, STATUSES.get(status, CKG.current))
        published = self.article.published
        if published and re.match(r"\d{4}-\d\d-\d\d", published):
            self.add(iri, CKG.observedOn, Literal(published[:10], datatype=XSD.date))
        self.add(iri, PROV.wasGeneratedBy, self.activity)
        self.cite(iri, span)
        self._derived.add(iri)
        return iri

    def document(self, d: Document) -> URIRef:
        cls = class_for_label(CKG.Document, d.kind)
        kind = vi_label(cls) if cls != CKG.Document else capitalised(d.kind)
        year = document_year(d)
        issuer = self.org(d.issuer) if d.issuer else None
        if d.number:
            label = f"{kind} {d.number}"
            iri = _mint("doc", label, issuer or self.scope, cls, d.number, year)
            self._docs[match_key(d.number)] = iri
        else:
            label = f"{kind} về {d.subject}" if d.subject else kind
            iri = _mint("doc", label, self.iri, cls, d.subject, d.date)
        self.node(iri, {CKG.Document, cls}, label)
        self.shared(iri, CKG.documentNumber, nt_literal(d.number) if d.number else None)
        self.shared(iri, CKG.documentYear, nt_integer(year) if year else None)
        self.shared(iri, CKG.issuer, issuer)
        if d.date and re.fullmatch(r"\d{4}-\d\d-\d\d", d.date):
            self.add(iri, CKG.dateIssued, Literal(d.date, datatype=XSD.date))
        return iri

    def document_by_number(self, number: str) -> URIRef:
        """The article's document with this number, else one typed from the number's code."""
        found = self._docs.get(match_key(number))
        if found:
            return found
        codes = set(re.split(r"[-/]", number.upper()))
        cls = next((c for c in subclasses(CKG.Document)
                    if any(v.upper() in codes for v in values(c, CKG.symbolCode))), CKG.Document)
        return self.document(Document(kind=vi_label(cls), number=number))

