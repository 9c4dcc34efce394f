"""The built-in mappers: article and provenance, places, organizations, persons and tenures,
documents, meetings. Each declares the ontology terms it produces."""

from __future__ import annotations

import re
from functools import cache

from rdflib import Literal

from civickg import __version__
from civickg.mapping.context import MapContext
from civickg.mapping.graph import Terms, nt_literal
from civickg.mapping.labels import capitalised, person_name
from civickg.model import ArticleFacts
from civickg.namespace import (
    CKG,
    ID,
    ONTOLOGY_IRI,
    OWL,
    PROV,
    RDF,
    RDFS,
    XSD,
    class_for_label,
    mint,
    ontology_graph,
    search_key,
    vi_label,
)
from civickg.registry import REGISTRY

CKG, PROV, RDF, RDFS = Terms(CKG), Terms(PROV), Terms(RDF), Terms(RDFS)  # noqa: F811
AGENT = ID["agent/civickg"]


@cache
def _built_with() -> str:
    version = ontology_graph().value(ONTOLOGY_IRI, OWL.versionInfo)
    return f"civickg {__version__}; ontology {version}"


def _published(value: str) -> Literal | None:
    if re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d", value):
        return Literal(f"{value}:00+07:00", datatype=XSD.dateTime)
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return Literal(value, datatype=XSD.date)
    return None


@REGISTRY.mapper("civickg.article", order=10, produces=[
    "ckg:NewsArticle", "ckg:Evidence", "ckg:ExtractionActivity", "ckg:headline",
    "ckg:published", "ckg:sourceTag", "ckg:url", "ckg:authorName", "ckg:articleId",
    "ckg:contentHash", "ckg:locality", "ckg:builtWith", "ckg:evidence", "ckg:searchKey",
    "oa:hasSource", "oa:hasSelector", "oa:start", "oa:end", "oa:exact", "oa:prefix",
    "oa:suffix", "oa:TextPositionSelector", "oa:TextQuoteSelector", "prov:wasDerivedFrom",
    "prov:used", "prov:wasAssociatedWith", "prov:SoftwareAgent",
])
def map_article(facts: ArticleFacts, ctx: MapContext) -> None:
    a, iri = facts.article, ctx.iri
    ctx.add(iri, RDF.type, CKG.NewsArticle)
    ctx.add(iri, RDFS.label, nt_literal(a.title, "vi"))
    ctx.text(iri, CKG.headline, a.title)
    ctx.add(iri, CKG.searchKey, nt_literal(search_key(a.title)))
    ctx.add(iri, CKG.published, _published(a.published) if a.published else None)
    ctx.text(iri, CKG.sourceTag, a.source, lang=None)
    ctx.add(iri, CKG.url, Literal(a.url, datatype=XSD.anyURI) if a.url else None)
    for author in a.authors:
        ctx.text(iri, CKG.authorName, person_name(author), lang=None)
    ctx.text(iri, CKG.articleId, a.article_id, lang=None)
    ctx.text(iri, CKG.contentHash, a.content_hash, lang=None)
    if facts.locality:
        ctx.add(iri, CKG.locality, ctx.place(facts.locality, "Province"))
    ctx.cite(iri, a.title_span)
    ctx.add(ctx.activity, RDF.type, CKG.ExtractionActivity)
    ctx.add(ctx.activity, PROV.used, iri)
    ctx.add(ctx.activity, PROV.wasAssociatedWith, AGENT)
    ctx.add(ctx.activity, CKG.builtWith, nt_literal(_built_with()))
    ctx.shared(AGENT, RDF.type, PROV.SoftwareAgent)
    ctx.shared(AGENT, RDFS.label, nt_literal("civickg", "en"))
    ctx.shared(AGENT, CKG.searchKey, nt_literal("civickg"))


@REGISTRY.mapper("civickg.places", order=20, produces=[
    "ckg:Place", "ckg:Province", "ckg:District", "ckg:Commune", "ckg:Region", "ckg:Country",
    "ckg:AdministrativeCode", "ckg:adminCode", "ckg:codeScheme", "ckg:codeValue",
    "ckg:partOf", "ckg:legacyScheme", "ckg:scheme2025",
])
def map_places(facts: ArticleFacts, ctx: MapContext) -> None:
    for p in facts.places:
        ctx.cite(ctx.place(p.name), *p.mentions)


@REGISTRY.mapper("civickg.organizations", order=30, produces=[
    "ckg:Organization", "ckg:PartyCommittee", "ckg:PartyOrganization", "ckg:PeoplesCouncil",
    "ckg:PeoplesCommittee", "ckg:Department", "ckg:Ministry", "ckg:GovernmentBody",
    "ckg:MassOrganization", "ckg:Company", "ckg:School", "ckg:CentralCommittee",
    "ckg:Politburo", "ckg:Secretariat", "ckg:PartyBoard", "ckg:Office", "ckg:Party",
    "ckg:Government", "ckg:NationalAssembly", "ckg:State", "ckg:Agency", "ckg:Police",
    "ckg:Military", "ckg:FrontCommittee", "ckg:Delegation", "ckg:Hospital", "ckg:Institute",
    "ckg:area", "ckg:subOrganizationOf",
])
def map_organizations(facts: ArticleFacts, ctx: MapContext) -> None:
    for o in facts.organizations:
        ctx.cite(ctx.org(o.name), *o.mentions)


@REGISTRY.mapper("civickg.persons", order=40, produces=[
    "ckg:Person", "ckg:Post", "ckg:Membership", "ckg:TenureObservation", "ckg:roleName",
    "ckg:postIn", "ckg:member", "ckg:post", "ckg:organization", "ckg:observationOf",
    "ckg:status", "ckg:observedOn", "ckg:current", "ckg:former", "ckg:acting", "ckg:elected",
    "ckg:appointed", "ckg:relieved", "prov:wasGeneratedBy",
])
def map_persons(facts: ArticleFacts, ctx: MapContext) -> None:
    for p in facts.persons:
        person = ctx.person(p.name)
        ctx.cite(person, *p.mentions)
        for o in p.offices:
            post = ctx.post(o.role, o.organization)
            org = ctx.org(o.organization) if o.organization else None
            ctx.observation(ctx.tenure(person, post, org), o.status, o.evidence)


@REGISTRY.mapper("civickg.documents", order=50, produces=[
    "ckg:Document", "ckg:Resolution", "ckg:Decision", "ckg:Directive", "ckg:Conclusion",
    "ckg:Plan", "ckg:Decree", "ckg:Law", "ckg:Notice", "ckg:documentNumber",
    "ckg:documentYear", "ckg:dateIssued", "ckg:subjectText", "ckg:issuer", "ckg:kindLabel",
])
def map_documents(facts: ArticleFacts, ctx: MapContext) -> None:
    for d in facts.documents:
        iri = ctx.document(d)
        ctx.text(iri, CKG.kindLabel, d.kind)
        ctx.text(iri, CKG.subjectText, d.subject)
        ctx.cite(iri, d.evidence)


@REGISTRY.mapper("civickg.meetings", order=60, produces=[
    "ckg:Meeting", "ckg:Conference", "ckg:CouncilSession", "ckg:Congress",
    "ckg:WorkingSession", "ckg:Ceremony", "ckg:date", "ckg:organizer", "ckg:location",
    "ckg:chair", "ckg:speaker", "ckg:participant", "ckg:reviews",
])
def map_meetings(facts: ArticleFacts, ctx: MapContext) -> None:
    for m in facts.meetings:
        cls = class_for_label(CKG.Meeting, m.kind)
        organizer = ctx.org(m.organizer) if m.organizer else None
        kind = vi_label(cls) if cls != CKG.Meeting else capitalised(m.kind)
        label = f"{kind} {capitalised(m.organizer)}" if m.organizer else kind
        date = m.date if m.date and re.fullmatch(r"\d{4}-\d\d-\d\d", m.date) else None
        if date:
            label += f", {date[8:10]}/{date[5:7]}/{date[:4]}"
        iri = mint("meeting", label, organizer or ctx.scope, date or ctx.iri, cls,
                   readable=f"{date or ''} {kind} {m.organizer or ''}")
        ctx.node(iri, {CKG.Meeting, cls}, label)
        ctx.text(iri, CKG.kindLabel, m.kind)
        ctx.shared(iri, CKG.date, Literal(date, datatype=XSD.date) if date else None)
        ctx.shared(iri, CKG.organizer, organizer)
        ctx.add(iri, CKG.location, ctx.place(m.place) if m.place else None)
        for role, names in ((CKG.chair, m.chairs), (CKG.speaker, m.speakers),
                            (CKG.participant, m.participants)):
            for name in names:
                person = ctx.person(name)
                ctx.add(iri, role, person)
                ctx.add(iri, CKG.participant, person)
        for number in m.documents:
            ctx.add(iri, CKG.reviews, ctx.document_by_number(number))
        ctx.cite(iri, m.evidence)
