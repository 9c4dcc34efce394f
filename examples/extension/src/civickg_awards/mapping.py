"""Conferrals → RDF, with the same identity and provenance rules as the core mappers.

- award: one node per canonical name, typed ``ckg:Award`` and its kind (``ckg:Order``);
- conferral: award + recipient (+ decision number when cited), so two articles reporting the
  same conferral name one node; its identity triples go to the shared entities graph;
- the article's own graph gets the conferrer, the evidence (an ``oa:SpecificResource`` with
  position and quote selectors) and ``prov:wasDerivedFrom`` of both nodes (``MapContext``).
"""

from __future__ import annotations

from civickg.mapping import MapContext
from civickg.mapping.labels import capitalised
from civickg.model import ArticleFacts
from civickg.namespace import ckg_terms, mint
from rdflib import URIRef

from civickg_awards import ONTOLOGY
from civickg_awards.extract import KEY, Conferral

AWD = ckg_terms([str(ONTOLOGY)])  # ckg: with the module's terms; a misspelt one raises


def award_iri(ctx: MapContext, name: str, cls: str) -> URIRef:
    return ctx.node(mint("award", name), {AWD.Award, AWD[cls]}, capitalised(name))


def _recipient(ctx: MapContext, c: Conferral) -> URIRef:
    return ctx.person(c.recipient) if c.recipient_kind == "person" else ctx.org(c.recipient)


def map_conferral(ctx: MapContext, c: Conferral) -> URIRef:
    award = award_iri(ctx, c.award, c.award_class)
    recipient = _recipient(ctx, c)
    decision = ctx.document(c.decision) if c.decision else None
    number = c.decision.number if c.decision else None
    iri = mint("award-conferral", c.award, recipient, number or ctx.iri,
               readable=f"{c.award} {c.recipient}")
    ctx.node(iri, {AWD.AwardConferral}, f"{capitalised(c.award)} — {capitalised(c.recipient)}")
    ctx.shared(iri, AWD.conferredAward, award)
    ctx.shared(iri, AWD.awardedTo, recipient)
    ctx.shared(iri, AWD.conferredByDecision, decision)
    if c.conferrer_role and c.conferrer_org:
        ctx.add(iri, AWD.conferredBy, ctx.post(c.conferrer_role, c.conferrer_org))
    elif c.conferrer_org:
        ctx.add(iri, AWD.conferredBy, ctx.org(c.conferrer_org))
    ctx.cite(iri, c.evidence)
    if c.decision:
        ctx.cite(decision, c.decision.evidence)  # type: ignore[arg-type]
    return iri


def map_awards(facts: ArticleFacts, ctx: MapContext) -> None:
    """The ``awards.conferrals`` mapper."""
    for c in facts.extras.get(KEY, []):
        map_conferral(ctx, c)
