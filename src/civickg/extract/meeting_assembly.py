"""Meetings of one article: the reported event, other past meetings, roles and documents."""

from __future__ import annotations

from civickg.extract.context import PlaceContext
from civickg.extract.dates import find_dates
from civickg.extract.meetings import (
    CHAIR_CUES,
    PARTICIPATION_CUES,
    REVIEW_CUES,
    MeetingMention,
    MeetingState,
    find_meeting_mentions,
    has_cue,
)
from civickg.extract.orgs import CENTRAL, org_at
from civickg.extract.tokens import Token
from civickg.model import Article, ArticleFacts, Meeting, Span
from civickg.normalize import match_key

_COUNCILS = {"PeoplesCouncil", "NationalAssembly"}
_NEGATIVE_BEFORE = {("đối", "với"), ("thay",), ("của",), ("theo",), ("cùng",)}
_BIOGRAPHY = [("sinh", "năm"), ("sinh", "ngày"), ("quê",), ("trình", "độ")]


def _org_after(tokens: list[Token], text: str, char_pos: int, ctx: PlaceContext) -> str | None:
    k = next((n for n, t in enumerate(tokens) if t.start >= char_pos), None)
    if k is None:
        return None
    for n in range(k, min(k + 5, len(tokens))):
        if tokens[n].key in {"ương"} and n and tokens[n - 1].key == "trung":
            return CENTRAL
        org = org_at(tokens, n, text, ctx)
        if org:
            return org.name
        if tokens[n].key in {"tw", "t.ư"}:
            return CENTRAL
    return None


def _subject_org(tokens: list[Token], text: str, before: int, ctx: PlaceContext, kinds: set[str] | None = None) -> str | None:
    """The first body named in the sentence before char offset ``before``."""
    for n, t in enumerate(tokens):
        if t.start >= before:
            break
        org = org_at(tokens, n, text, ctx)
        if org and (kinds is None or org.kind in kinds):
            return org.name
    return None


def _organizer(m: MeetingMention, tokens: list[Token], text: str, ctx: PlaceContext) -> str | None:
    if m.cls == "Congress":
        return _org_after(tokens, text, m.end, ctx)
    if m.cls == "CouncilSession":
        return _subject_org(tokens, text, 10**9, ctx, _COUNCILS) or _org_after(tokens, text, m.end, ctx)
    org = _org_after(tokens, text, m.end, ctx) if m.number else None
    if org:
        return org
    sent = text[tokens[0].start : m.start] if tokens else ""
    if "tổ chức" in sent:
        return _subject_org(tokens, text, m.start, ctx)
    return None


def _negative(tokens: list[Token], start: int) -> bool:
    for n in (1, 2):
        if start - n >= 0 and tuple(t.key for t in tokens[start - n : start]) in _NEGATIVE_BEFORE:
            return True
    return False


def assemble(
    article: Article, facts: ArticleFacts, title, sents, ctx: PlaceContext, per_sentence: list
) -> list[Meeting]:
    text = article.text
    meetings: list[MeetingState] = []
    lead_para = 0
    main: MeetingState | None = None
    focus: MeetingState | None = None
    documents_by_pos = [(d.evidence.start if d.evidence else -1, d) for d in facts.documents if d.number]

    def identify(m: MeetingMention, tokens: list[Token], sent_dates: list[str]) -> MeetingState | None:
        nonlocal main, focus
        if m.planned or m.genitive:
            return None
        org = _organizer(m, tokens, text, ctx)
        if m.anaphoric and m.number is None and main is not None:
            return focus or main
        if main is None:
            dates = [d.iso for d in find_dates(text, article.paragraphs[0].start, article.paragraphs[0].end, article.published)] if article.paragraphs else []
            date = dates[0] if dates else (article.published or "")[:10] or None
            main = MeetingState(m.kind, m.cls, m.number, date, org)
            main.evidence = (m.start, m.end)
            meetings.append(main)
            return main
        distinct = (m.number is not None and main.number is not None and m.number != main.number and m.cls == main.cls) or (
            org is not None and main.organizer is not None and match_key(org) != match_key(main.organizer)
            and m.number is not None
        )
        if not distinct:
            if main.organizer is None and org and m.cls == main.cls:
                main.organizer = org
            return main
        for x in meetings:
            if x.cls == m.cls and x.number == m.number and (org is None or x.organizer is None or match_key(org) == match_key(x.organizer)):
                return x
        state = MeetingState(m.kind, m.cls, m.number, sent_dates[0] if sent_dates and m.anchored else None,
                             org or (main.organizer if m.cls == main.cls else None))
        state.evidence = (m.start, m.end)
        meetings.append(state)
        return state

    for n, s in enumerate([title, *sents]):
        is_title = n == 0
        cited = [(d.evidence.start, d.evidence.end) for d in facts.documents if d.evidence]
        sent_dates = [
            d.iso for d in find_dates(text, s.span.start, s.span.end, article.published)
            if not any(a <= d.start < b for a, b in cited)  # a document's date of issue
        ]
        mentions = find_meeting_mentions(s.tokens, text)
        if is_title:
            continue
        referenced = None
        for m in mentions:
            st = identify(m, s.tokens, sent_dates)
            if st is None:
                continue
            if not m.possessive and (m.anchored or m.anaphoric or referenced is None):
                referenced = st
            if st is main and main is not None and main.place is None and s.paragraph == lead_para:
                main.place = next((p.entry.name for p in s.places if p.typed and p.entry.level == "District"), None)
        if main is None and s.paragraph == lead_para and has_cue(s.tokens, [("làm", "việc")]):
            pass
        if referenced is not None:
            focus = referenced
        target = referenced or focus or main
        if target is None:
            continue
        if sent_dates and target.date and target.date not in sent_dates and not mentions:
            continue
        persons = per_sentence[n - 1] if n - 1 < len(per_sentence) else []
        bio = has_cue(s.tokens, _BIOGRAPHY)
        if persons and not bio and (has_cue(s.tokens, PARTICIPATION_CUES) or any(m.anchored for m in mentions)):
            chairs = has_cue(s.tokens, CHAIR_CUES)
            for pm in persons:
                if _negative(s.tokens, pm.stack_start) or _negative(s.tokens, pm.start):
                    continue
                if pm.name not in target.participants:
                    target.participants.append(pm.name)
                if chairs and pm.name not in target.chairs:
                    target.chairs.append(pm.name)
        if s.paragraph == lead_para or has_cue(s.tokens, REVIEW_CUES) or any(m.anchored for m in mentions):
            for pos, d in documents_by_pos:
                if s.span.start <= pos < s.span.end and d.number not in target.documents:
                    if sent_dates and target.date not in sent_dates and d.date not in sent_dates:
                        continue
                    target.documents.append(d.number)
    if main is not None:
        for pos, d in documents_by_pos:
            if title.span.start <= pos < title.span.end and d.number not in main.documents:
                main.documents.append(d.number)
    return [
        Meeting(m.kind[0].upper() + m.kind[1:], m.date, m.organizer, m.place, m.chairs, m.participants, [],
                m.documents, Span(*m.evidence) if m.evidence else None)
        for m in meetings
    ]
