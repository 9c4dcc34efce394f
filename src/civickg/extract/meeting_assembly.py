"""Meetings of one article: the reported event, other past meetings, roles and documents."""

from __future__ import annotations

from civickg.extract.context import PlaceContext
from civickg.extract.meetings import (
    CHAIR_CUES,
    PARTICIPATION_CUES,
    REVIEW_CUES,
    SPEAKER_CUES,
    MeetingMention,
    MeetingState,
    find_meeting_mentions,
    has_cue,
)
from civickg.extract.orgs import CENTRAL, org_at
from civickg.extract.persons import PersonMention
from civickg.extract.tokens import Token
from civickg.model import Article, ArticleFacts, Document, Meeting, Span
from civickg.normalize import match_key

_COUNCILS = {"PeoplesCouncil", "NationalAssembly"}
_NEGATIVE_BEFORE = {("đối", "với"), ("thay",), ("của",), ("theo",), ("cùng",)}
_ATTEND = [("dự",), ("tham", "dự"), ("cùng", "dự"), ("có", "sự", "tham", "dự")]
_ADOPTION = [("thông", "qua"), ("ban", "hành")]
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


def _subject_org(
    tokens: list[Token], text: str, before: int, ctx: PlaceContext, kinds: set[str] | None = None
) -> str | None:
    """The first body named in the sentence before char offset ``before``, leaving out venues
    ("tại Hội trường Thành ủy") and asides in parentheses."""
    depth, venue = 0, False
    for n, t in enumerate(tokens):
        if t.start >= before:
            break
        gap = text[tokens[n - 1].end : t.start] if n else ""
        depth += gap.count("(") - gap.count(")")
        venue = (venue and "," not in gap) or t.key == "tại"
        if depth > 0 or venue:
            continue
        org = org_at(tokens, n, text, ctx)
        if org and (kinds is None or org.kind in kinds):
            return org.name
    return None



def _organizer(m: MeetingMention, tokens: list[Token], text: str, ctx: PlaceContext) -> str | None:
    if m.cls == "Congress":  # "Đại hội Đảng bộ X", or "Đảng bộ X khai mạc Đại hội"
        return _org_after(tokens, text, m.end, ctx) or _subject_org(tokens, text, m.start, ctx)
    if m.cls == "CouncilSession":
        return _subject_org(tokens, text, 10**9, ctx, _COUNCILS) or _org_after(tokens, text, m.end, ctx)
    org = _org_after(tokens, text, m.end, ctx) if m.number else None
    if org:
        return org
    after = [t for t in tokens if t.start >= m.end][:2]
    if after and after[0].key == "do":  # "lễ công bố do Tỉnh ủy Phú Thọ tổ chức"
        return _org_after(tokens, text, after[0].end, ctx)
    sent = text[tokens[0].start : m.start] if tokens else ""
    if "tổ chức" in sent:
        return _subject_org(tokens, text, m.start, ctx)
    return None


_SAME_DAY = [("ngay", "sau", "đó"), ("cùng", "ngày"), ("ngay", "sau", "khi"), ("ngay", "sau", "phiên")]


def _negative(tokens: list[Token], start: int) -> bool:
    """The person is the object of relief, replaced, possessed or quoted: not taking part."""
    return any(start - n >= 0 and tuple(t.key for t in tokens[start - n:start]) in _NEGATIVE_BEFORE for n in (1, 2))


def _clauses(tokens: list[Token], text: str) -> list[tuple[int, int]]:
    """Token ranges of the sentence's parts between semicolons."""
    cuts = [k for k in range(1, len(tokens)) if ";" in text[tokens[k - 1].end : tokens[k].start]]
    bounds = [0, *cuts, len(tokens) + 1]
    return list(zip(bounds, bounds[1:], strict=False))


def _same_org(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and match_key(a) == match_key(b)


class _Assembler:
    """Reads the sentences in order, keeping the meeting in focus."""

    def __init__(self, article: Article, facts: ArticleFacts, sents: list, ctx: PlaceContext) -> None:
        self.article = article
        self.text = article.text
        self.sents = sents
        self.ctx = ctx
        self.meetings: list[MeetingState] = []
        self.main: MeetingState | None = None
        self.focus: MeetingState | None = None
        self.numbered: list[Document] = [d for d in facts.documents if d.number and d.evidence]
        self.cited = [(d.evidence.start, d.evidence.end) for d in facts.documents if d.evidence]

    def _new(self, m: MeetingMention, date: str | None, organizer: str | None) -> MeetingState:
        state = MeetingState(m.kind, m.cls, m.number, date, organizer)
        state.evidence = (m.start, m.end)
        self.meetings.append(state)
        return state

    def identify(self, m: MeetingMention, tokens: list[Token], dates: list[str]) -> MeetingState | None:
        """The meeting a mention refers to, creating it when it is new."""
        if m.planned or m.genitive:
            return None
        if m.anaphoric and m.number is None and self.main is not None:
            return self.focus or self.main
        org = _organizer(m, tokens, self.text, self.ctx)
        main = self.main
        if main is None:
            lead = [d.iso for s in self.sents if s.paragraph == 0 for d in s.dates]
            self.main = self._new(m, lead[0] if lead else (self.article.published or "")[:10] or None, org)
            return self.main
        other_number = m.number is not None and main.number is not None and m.number != main.number
        other_day = bool(dates) and main.date not in dates
        distinct = (
            (other_number and m.cls == main.cls)
            or (m.number is not None and org is not None and main.organizer is not None
                and not _same_org(org, main.organizer))
            # "Ngày 30/6, tại lễ công bố …", "Ngày 28/10, Ban Thường vụ đã tổ chức hội nghị …"
            or (m.cls != main.cls and other_day and (m.anchored or org is not None))
        )
        if not distinct:
            if main.organizer is None and org and m.cls == main.cls:
                main.organizer = org
            return main
        for x in self.meetings:
            if x.cls == m.cls and x.number == m.number and (org is None or x.organizer is None
                                                             or _same_org(org, x.organizer)):
                return x
        date = dates[0] if dates and (m.anchored or other_day) else None
        if date is None and not dates and has_cue(tokens, _SAME_DAY):
            date = (self.focus or main).date  # "Ngay sau đó, tại Hội nghị lần thứ nhất …"
        return self._new(m, date, org or (main.organizer if m.cls == main.cls else None))

    def sentence(self, s, persons: list[PersonMention]) -> None:
        dates = [d.iso for d in s.dates if not any(a <= d.start < b for a, b in self.cited)
                 and "hiệu lực" not in self.text[max(0, d.start - 25) : d.start]]
        mentions = find_meeting_mentions(s.tokens, self.text)
        referenced = None
        for m in mentions:
            state = self.identify(m, s.tokens, dates)
            if state is None:
                continue
            if not m.possessive and (m.anchored or m.anaphoric or referenced is None):
                referenced = state
            if state is self.main and state.place is None and s.paragraph == 0:
                state.place = next((p.entry.name for p in s.places if p.typed and p.entry.level == "District"), None)
        if referenced is not None:
            self.focus = referenced
        target = referenced or self.main
        if target is None or (dates and target.date and target.date not in dates and not mentions):
            return  # background: another day's event
        anchored = any(m.anchored for m in mentions)
        self._roles(s, target, persons, anchored)
        if s.paragraph == 0 or anchored or has_cue(s.tokens, REVIEW_CUES):
            self._documents(s.span, target, dates, has_cue(s.tokens, _ADOPTION))

    def _roles(self, s, target: MeetingState, persons: list[PersonMention], anchored: bool) -> None:
        if not persons or has_cue(s.tokens, _BIOGRAPHY):
            return
        if not (anchored or has_cue(s.tokens, PARTICIPATION_CUES)):
            return
        chairs, speaks = has_cue(s.tokens, CHAIR_CUES), has_cue(s.tokens, SPEAKER_CUES)
        clauses = _clauses(s.tokens, self.text)
        for pm in persons:
            if _negative(s.tokens, pm.stack_start) or _negative(s.tokens, pm.start):
                continue
            clause = next(c for c in clauses if c[0] <= pm.start < c[1])
            words = s.tokens[clause[0] : clause[1]]
            # "X chủ trì buổi lễ; cùng dự có bà Y" / "…; bà Y trình bày báo cáo": Y's own clause
            # says what she did
            chair = chairs and (has_cue(words, CHAIR_CUES)
                                or not (has_cue(words, _ATTEND) or has_cue(words, SPEAKER_CUES)))
            for flag, names in ((True, target.participants), (chair, target.chairs), (speaks, target.speakers)):
                if flag and pm.name not in names:
                    names.append(pm.name)

    def _documents(self, span: Span, target: MeetingState, dates: list[str], adopted: bool = False) -> None:
        for d in self.numbered:
            if span.start <= d.evidence.start < span.end and d.number not in target.documents:
                if dates and target.date not in dates and d.date not in dates:
                    continue
                target.documents.append(d.number)
                if adopted and d.date is None:
                    d.date = target.date  # adopted at the meeting: issued that day


def assemble(
    article: Article, facts: ArticleFacts, title, sents, ctx: PlaceContext, per_sentence: list
) -> list[Meeting]:
    a = _Assembler(article, facts, sents, ctx)
    for n, s in enumerate(sents):
        a.sentence(s, per_sentence[n] if n < len(per_sentence) else [])
    if a.main is not None:  # a document in the headline is what the meeting is about
        a._documents(title.span, a.main, [])
    return [
        Meeting(m.kind[0].upper() + m.kind[1:], m.date, m.organizer, m.place, m.chairs, m.participants,
                m.speakers, m.documents, Span(*m.evidence) if m.evidence else None)
        for m in a.meetings
    ]
