"""State shared by the mappers of one article: its triples, the IRIs of the entities it names,
and the evidence spans.

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

from rdflib import Literal, URIRef
from rdflib.term import Node

from civickg.mapping.graph import ArticleGraph
from civickg.mapping.labels import capitalised, person_name
from civickg.model import ArticleFacts, Document, Place, Span
from civickg.namespace import (
    CKG,
    ID,
    OA,
    PROV,
    RDF,
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
from civickg.normalize import match_key

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

    # -- triples ----------------------------------------------------------------------------
    def add(self, s: URIRef, p: URIRef, o: Node | None) -> None:
        if o is not None:
            self.graph.triples.add((s, p, o))

    def shared(self, s: URIRef, p: URIRef, o: Node | None) -> None:
        if o is not None:
            self.graph.entities.add((s, p, o))

    def text(self, s: URIRef, p: URIRef, value: str | None, lang: str | None = "vi") -> None:
        if value:
            self.add(s, p, Literal(value, lang=lang))

    def node(self, iri: URIRef, classes: set[URIRef], label: str) -> URIRef:
        """Type, label and searchKey of an entity; it is marked derived from the article."""
        for c in classes:
            self.shared(iri, RDF.type, c)
        self.shared(iri, RDFS.label, Literal(label, lang="vi"))
        self.shared(iri, CKG.searchKey, Literal(search_key(label)))
        self._derived.add(iri)
        return iri

    def finish(self) -> ArticleGraph:
        for n in self._derived:
            self.add(n, PROV.wasDerivedFrom, self.iri)
        return self.graph

    # -- evidence ---------------------------------------------------------------------------
    def evidence(self, span: Span | None) -> URIRef | None:
        """An oa:SpecificResource for ``span`` with position (raw offsets) and quote selectors."""
        if span is None or span.end > len(self.article.text):
            return None
        raw = self.article.to_raw(span)  # xsd:integer offsets: Oxigraph stores subtypes as that
        ev = URIRef(f"{self.iri}/span/{raw.start}-{raw.end}")
        pos, quote = URIRef(f"{ev}/position"), URIRef(f"{ev}/quote")
        src = self.article.raw
        for s, p, o in (
            (ev, RDF.type, CKG.Evidence), (ev, OA.hasSource, self.iri),
            (ev, OA.hasSelector, pos), (ev, OA.hasSelector, quote),
            (pos, RDF.type, OA.TextPositionSelector),
            (pos, OA.start, Literal(raw.start)),
            (pos, OA.end, Literal(raw.end)),
            (quote, RDF.type, OA.TextQuoteSelector),
            (quote, OA.exact, Literal(src[raw.start:raw.end])),
        ):
            self.add(s, p, o)
        if raw.start:
            self.add(quote, OA.prefix, Literal(src[max(0, raw.start - _QUOTE_CONTEXT):raw.start]))
        if raw.end < len(src):
            self.add(quote, OA.suffix, Literal(src[raw.end:raw.end + _QUOTE_CONTEXT]))
        return ev

    def cite(self, node: URIRef, *spans: Span | None) -> None:
        for span in spans:
            self.add(node, CKG.evidence, self.evidence(span))

    # -- entities ---------------------------------------------------------------------------
    def place(self, name: str, level: str | None = None) -> URIRef:
        key = match_key(name)
        fact: Place | None = self._places.get(key)
        level = fact.level if fact else level or "Place"
        if fact and fact.code and fact.scheme in SCHEMES:
            iri = mint("place", name, "code", fact.scheme, fact.code)
        elif level in _WIDE_PLACES or key == self.scope:
            iri = mint("place", name)
        else:
            parent = match_key(fact.parent) if fact and fact.parent else self.scope
            iri = mint("place", name, parent)
        self.node(iri, {CKG.Place, PLACE_CLASSES.get(level, CKG.Place)}, capitalised(name))
        if fact and key not in self._busy:
            self._busy.add(key)
            if fact.code and fact.scheme in SCHEMES:
                code = ID[f"code/{fact.scheme}/{fact.code}"]
                self.shared(code, RDF.type, CKG.AdministrativeCode)
                self.shared(code, CKG.codeValue, Literal(fact.code))
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
        iri = mint("org", name)
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
        return self.node(mint("person", label, "national" if central else self.scope),
                         {CKG.Person}, label)

    def post(self, role: str, organization: str | None) -> URIRef:
        org_iri = self.org(organization) if organization else None
        role_label = capitalised(role)
        label = f"{role_label} {capitalised(organization)}" if organization else role_label
        iri = self.node(mint("post", label, role, org_iri or self.scope), {CKG.Post}, label)
        self.shared(iri, CKG.roleName, Literal(role_label, lang="vi"))
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
            iri = mint("doc", label, issuer or self.scope, cls, d.number, year)
            self._docs[match_key(d.number)] = iri
        else:
            label = f"{kind} về {d.subject}" if d.subject else kind
            iri = mint("doc", label, self.iri, cls, d.subject, d.date)
        self.node(iri, {CKG.Document, cls}, label)
        self.shared(iri, CKG.documentNumber, Literal(d.number) if d.number else None)
        self.shared(iri, CKG.documentYear, Literal(year) if year else None)
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

