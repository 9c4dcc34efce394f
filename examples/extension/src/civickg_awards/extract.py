"""Finding award conferrals in an article, sentence by sentence.

An award is a name from ``awards.tsv`` (``Huân chương Lao động hạng Nhất``). It is a conferral
when the sentence says who receives it:

- ``… trao Huy hiệu 40 năm tuổi Đảng cho đồng chí X``: the person or body after ``cho``;
- ``Đảng bộ tỉnh được Chủ tịch nước tặng thưởng Huân chương …``: the nearest one before
  ``được``, the conferrer being the title or body right after it;
- ``Sở Y tế đón nhận Cờ thi đua …``: the nearest one before ``nhận`` (not ``Lễ đón nhận``).

Persons and organizations are those the built-in extractors found (their mention spans), so the
names are canonical already; a ``Quyết định`` cited in the sentence is the decision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from civickg import gazetteer
from civickg.extract.context import PlaceContext
from civickg.extract.documents import find_documents
from civickg.extract.orgs import org_at
from civickg.extract.titles import title_at
from civickg.extract.tokens import Token, sentences, tokenize
from civickg.model import Article, ArticleFacts, Document, Span

from civickg_awards import HERE

KEY = "awards"  # ArticleFacts.extras key
_GIVE = {"tặng", "trao", "phong", "thưởng"}
_ORDINAL = re.compile(r"hạng (nhất|nhì|ba)", re.IGNORECASE)


@dataclass(frozen=True)
class Conferral:
    award: str  # canonical name: "Huân chương Lao động hạng Nhất"
    award_class: str  # ontology local name: "Order"
    recipient: str  # canonical name of a person or organization of the facts
    recipient_kind: str  # "person" | "organization"
    evidence: Span  # the sentence
    conferrer_role: str | None = None  # with conferrer_org: the post conferring it ("Chủ tịch")
    conferrer_org: str | None = None  # or, alone, the body conferring it
    decision: Document | None = None


@dataclass(frozen=True)
class _Entity:
    span: Span
    name: str
    kind: str  # "person" | "organization"


@cache
def award_patterns() -> list[tuple[re.Pattern[str], str]]:
    rows = (HERE / "awards.tsv").read_text(encoding="utf-8").splitlines()
    return [(re.compile(p), cls) for p, cls in (r.split("\t") for r in rows if r and not r.startswith("#"))]


def find_awards(text: str, start: int, end: int) -> list[tuple[int, int, str, str]]:
    """``(start, end, canonical name, class)`` of award names in ``text[start:end]``, longest first
    where two overlap."""
    found = [(m.start(), m.end(), cls) for p, cls in award_patterns() for m in p.finditer(text, start, end)]
    found.sort(key=lambda f: (f[0], -f[1]))
    out: list[tuple[int, int, str, str]] = []
    for a, b, cls in found:
        if not out or a >= out[-1][1]:
            name = _ORDINAL.sub(lambda m: "hạng " + m.group(1).capitalize(), text[a:b])
            out.append((a, b, name, cls))
    return out


def _entities(facts: ArticleFacts, span: Span) -> list[_Entity]:
    inside = [(m, p.name, "person") for p in facts.persons for m in p.mentions]
    inside += [(m, o.name, "organization") for o in facts.organizations for m in o.mentions]
    return sorted((_Entity(m, n, k) for m, n, k in inside if span.start <= m.start and m.end <= span.end),
                  key=lambda e: (e.span.start, -e.span.end))


def _last(tokens: list[Token], keys: set[str], before: int) -> int | None:
    return next((i for i in range(len(tokens) - 1, -1, -1)
                 if tokens[i].end <= before and tokens[i].key in keys), None)


def _subject(facts: ArticleFacts, entities: list[_Entity], before: int) -> _Entity | None:
    """The nearest entity ending before ``before``; a body named in the title of a person named
    just before it stands for that person (``đồng chí X, Bí thư Tỉnh ủy, được tặng …``)."""
    prior = [e for e in entities if e.span.end <= before]
    if not prior:
        return None
    near = prior[-1]
    if near.kind == "organization":
        offices = {p.name: {o.organization for o in p.offices} for p in facts.persons}
        holder = next((e for e in reversed(prior) if e.kind == "person"
                       and near.name in offices.get(e.name, set())), None)
        return holder or near
    return near


def _conferrer(tokens: list[Token], i: int, text: str, ctx: PlaceContext,
               limit: int) -> tuple[str | None, str | None]:
    """(role, organization) of a title at token ``i``, or (None, body), ending before ``limit``."""
    if i >= len(tokens) or tokens[i].start >= limit:
        return None, None
    title = title_at(tokens, i, text, ctx)
    if title and title.organization and tokens[title.end - 1].end <= limit:
        return title.role, title.organization
    org = org_at(tokens, i, text, ctx)
    if org and tokens[org.end - 1].end <= limit:
        return None, org.name
    return None, None


def _decision(text: str, span: Span, ctx: PlaceContext) -> Document | None:
    for d in find_documents(text, span.start, span.end, ctx):
        if d.kind == "Quyết định" and d.number:
            return Document(d.kind, d.number, d.date, d.issuer, d.subject, Span(d.start, d.end))
    return None


def _in_sentence(article: Article, facts: ArticleFacts, span: Span, ctx: PlaceContext) -> list[Conferral]:
    text = article.text
    tokens = tokenize(text, span.start, span.end)
    entities = _entities(facts, span)
    out = []
    for a, b, award, cls in find_awards(text, span.start, span.end):
        role = org = None
        recipient = None
        after = [i for i, t in enumerate(tokens) if t.start >= b]
        cho = next((i for i in after[:8] if tokens[i].key == "cho"), None)
        if cho is not None:
            recipient = next((e for e in entities if e.span.start >= tokens[cho].end), None)
        duoc = _last(tokens, {"được"}, a)
        if recipient is None and duoc is not None and any(
                t.key in _GIVE for t in tokens[duoc + 1:] if t.end <= a):
            recipient = _subject(facts, entities, tokens[duoc].start)
            role, org = _conferrer(tokens, duoc + 1, text, ctx, a)
        nhan = _last(tokens, {"nhận"}, a)
        if recipient is None and nhan is not None and not (nhan >= 2 and tokens[nhan - 2].key == "lễ"):
            recipient = _subject(facts, entities, tokens[nhan].start)
        if recipient is None:
            continue
        if org is None and after and tokens[after[0]].key == "của":
            role, org = _conferrer(tokens, after[0] + 1, text, ctx, span.end)
        out.append(Conferral(award, cls, recipient.name, recipient.kind, span, role, org,
                             _decision(text, span, ctx)))
    return out


def extract_awards(article: Article, facts: ArticleFacts) -> None:
    """The ``awards.conferrals`` extractor: ``facts.extras["awards"]``, a list of ``Conferral``."""
    locality = gazetteer.province(facts.locality) if facts.locality else None
    ctx = PlaceContext(locality=locality)
    found: dict[tuple[str, str], Conferral] = {}
    for span in sentences(article):
        for c in _in_sentence(article, facts, span, ctx):
            found.setdefault((c.award, c.recipient), c)
    if found:
        facts.extras[KEY] = list(found.values())
