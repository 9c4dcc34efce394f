"""Meetings of one article: the reported event, other past meetings, roles and documents."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import cache

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
from civickg.extract.orgs import CENTRAL, could_start, org_at
from civickg.extract.persons import PersonMention
from civickg.extract.spans import SpanIndex
from civickg.extract.tokens import Phrases, Token, memo
from civickg.model import Article, ArticleFacts, Document, Meeting, Span
from civickg.normalize import match_key

_COUNCILS = {"PeoplesCouncil", "NationalAssembly"}
_NEGATIVE_BEFORE = {("đối", "với"), ("thay",), ("của",), ("theo",), ("cùng",)}
_ATTEND = [("dự",), ("tham", "dự"), ("cùng", "dự"), ("có", "sự", "tham", "dự")]
_ADOPTION = [("thông", "qua"), ("ban", "hành")]
_BIOGRAPHY = [("sinh", "năm"), ("sinh", "ngày"), ("quê",), ("trình", "độ")]


def _org_after(tokens: list[Token], text: str, char_pos: int, ctx: PlaceContext) -> str | None:
    k = bisect_left(tokens, char_pos, key=lambda t: t.start)  # the first token at or after it
    if k == len(tokens):
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
    # The scan does not depend on ``before`` until it stops: the first body of the sentence is
    # found once, and each mention only asks whether it starts before its offset.
    cache = memo(tokens, "subject_org", text, ctx)
    key = None if kinds is None else frozenset(kinds)
    if cache is not None and key in cache:
        start, name = cache[key]
        return name if start < before else None
    depth, venue = 0, False
    for n, t in enumerate(tokens):
        if cache is None and t.start >= before:
            break
        gap = text[tokens[n - 1].end : t.start] if n else ""
        depth += gap.count("(") - gap.count(")")
        venue = (venue and "," not in gap) or t.key == "tại"
        if depth > 0 or venue or not could_start(t):
            continue
        org = org_at(tokens, n, text, ctx)
        if org and (kinds is None or org.kind in kinds):
            if cache is not None:
                cache[key] = (t.start, org.name)
            return org.name if t.start < before else None
    if cache is not None:
        cache[key] = (len(text) + 1, None)
    return None



def _organizer(m: MeetingMention, tokens: list[Token], text: str, ctx: PlaceContext) -> str | None:
    if m.cls == "Congress":  # "Đại hội Đảng bộ X", or "Đảng bộ X khai mạc Đại hội"
        return _org_after(tokens, text, m.end, ctx) or _subject_org(tokens, text, m.start, ctx)
    if m.cls == "CouncilSession":
        return _subject_org(tokens, text, 10**9, ctx, _COUNCILS) or _org_after(tokens, text, m.end, ctx)
    org = _org_after(tokens, text, m.end, ctx) if m.number else None
    if org:
        return org
    k = bisect_left(tokens, m.end, key=lambda t: t.start)
    after = tokens[k : k + 2]
    if after and after[0].key == "do":  # "lễ công bố do Tỉnh ủy Phú Thọ tổ chức"
        return _org_after(tokens, text, after[0].end, ctx)
    if tokens and _organised_before(tokens, text, m.start):
        return _subject_org(tokens, text, m.start, ctx)
    return None


_SAME_DAY = [("ngay", "sau", "đó"), ("cùng", "ngày"), ("ngay", "sau", "khi"), ("ngay", "sau", "phiên")]


def _organised_before(tokens: list[Token], text: str, pos: int) -> bool:
    """``tổ chức`` printed between the sentence's start and ``pos`` (its first occurrence is
    found once per sentence)."""
    cache = memo(tokens, "organised", text)
    first = cache.get("first") if cache is not None else None
    if first is None:
        first = text.find("tổ chức", tokens[0].start, tokens[-1].end)
        if cache is not None:
            cache["first"] = first
    return first >= 0 and first + len("tổ chức") <= pos


@cache
def _speaker_index() -> Phrases[tuple[str, ...]]:
    return Phrases.of(SPEAKER_CUES)


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
        # (start, number, document) of the numbered documents cited in the article
        self.numbered: list[tuple[int, str, Document]] = [
            (d.evidence.start, d.number, d) for d in facts.documents if d.number and d.evidence]
        self.cited = [(d.evidence.start, d.evidence.end) for d in facts.documents if d.evidence]
        # indexes, so that no sentence scans every document, meeting or name so far
        self._cited = SpanIndex(self.cited)
        self._numbered_at = sorted((start, n) for n, (start, _, _) in enumerate(self.numbered))
        self._numbered_starts = [start for start, _ in self._numbered_at]
        self._by_number: dict[tuple[str, int | None], list[MeetingState]] = {}
        self._listed: dict[int, set] = {}  # id of a state's list -> what it holds
        self._dates: tuple[list[str], set[str]] = ([], set())
        self._last_day: str | None = None  # the first date of the sentence before
        self._day_before: str | None = None  # … and of the one before the current sentence

    def _new(self, m: MeetingMention, date: str | None, organizer: str | None) -> MeetingState:
        state = MeetingState(m.kind, m.cls, m.number, date, organizer)
        state.evidence = (m.start, m.end)
        self.meetings.append(state)
        self._by_number.setdefault((state.cls, state.number), []).append(state)
        return state

    def _append_new(self, items: list, value: str) -> None:
        """``items.append(value)`` unless it is there (a set on the side, not a scan)."""
        seen = self._listed.get(id(items))
        if seen is None:
            seen = self._listed[id(items)] = set(items)
        if value not in seen:
            items.append(value)
            seen.add(value)

    def _date_set(self, dates: list[str]) -> set[str]:
        if self._dates[0] is not dates:
            self._dates = (dates, set(dates))
        return self._dates[1]

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
        other_day = bool(dates) and main.date not in self._date_set(dates)
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
        for x in self._by_number.get((m.cls, m.number), ()):
            if x.cls == m.cls and x.number == m.number and (org is None or x.organizer is None
                                                             or _same_org(org, x.organizer)):
                return x
        date = dates[0] if dates and (m.anchored or other_day) else None
        if date is None and not dates and (
            has_cue(tokens, _SAME_DAY)  # "Chiều 25-8, Đại hội bầu … Ngay sau đó, Hội nghị lần thứ nhất …"
            or (m.number == 1 and m.cls == "Conference" and main.cls == "Congress")  # the new committee's first
        ):
            date = self._day_before or (self.focus or main).date
        return self._new(m, date, org or (main.organizer if m.cls == main.cls else None))

    def sentence(self, s, persons: list[PersonMention]) -> None:
        dates = [d.iso for d in s.dates if not self._cited.covers(d.start)
                 and "hiệu lực" not in self.text[max(0, d.start - 25) : d.start]]
        self._day_before, self._last_day = self._last_day, (dates[0] if dates else None)
        mentions = find_meeting_mentions(s.tokens, self.text)
        referenced = None
        district = None  # the lead's district, looked up once per sentence
        for m in mentions:
            state = self.identify(m, s.tokens, dates)
            if state is None:
                continue
            if not m.possessive and (m.anchored or m.anaphoric or referenced is None):
                referenced = state
            if state is self.main and state.place is None and s.paragraph == 0:
                if district is None:
                    district = [next((p.entry.name for p in s.places if p.typed and p.entry.level == "District"), None)]
                state.place = district[0]
        if referenced is not None:
            self.focus = referenced
        target = referenced or self.main
        if target is None or (dates and target.date and target.date not in self._date_set(dates) and not mentions):
            return  # background: another day's event
        anchored = any(m.anchored for m in mentions)
        self._roles(s, target, persons, anchored)
        if s.paragraph == 0 or anchored or has_cue(s.tokens, REVIEW_CUES) or self._reported(s.tokens):
            self._documents(s.span, target, dates, has_cue(s.tokens, _ADOPTION))

    def _reported(self, tokens: list[Token]) -> bool:
        """Someone reports or speaks in the sentence ("Phát biểu chỉ đạo, …", "Báo cáo cho biết,
        …"): what it cites is what the meeting dealt with. A cue word that is the kind of a cited
        document ("Kết luận số 21-KL/TW", "Báo cáo số 12-BC/TU") is not one."""
        if not has_cue(tokens, SPEAKER_CUES):
            return False
        index = _speaker_index()
        for k, t in enumerate(tokens):
            found = index.longest_at(tokens, k) if t.key in index.firsts else None
            if found is None:
                continue
            after = k + len(found[0])
            if after < len(tokens) and (tokens[after].key == "số" or self._cited.covers(tokens[after].start)):
                continue  # the kind of a cited document
            return True
        return False

    def _roles(self, s, target: MeetingState, persons: list[PersonMention], anchored: bool) -> None:
        if not persons or has_cue(s.tokens, _BIOGRAPHY):
            return
        if not (anchored or has_cue(s.tokens, PARTICIPATION_CUES)):
            return
        chairs, speaks = has_cue(s.tokens, CHAIR_CUES), has_cue(s.tokens, SPEAKER_CUES)
        clauses = _clauses(s.tokens, self.text)
        clause_starts = [c[0] for c in clauses]
        chair_in: dict[tuple[int, int], bool] = {}  # per clause, not per person
        for pm in persons:
            if _negative(s.tokens, pm.stack_start) or _negative(s.tokens, pm.start):
                continue
            clause = clauses[bisect_right(clause_starts, pm.start) - 1]
            if chairs and clause not in chair_in:
                words = s.tokens[clause[0] : clause[1]]
                # "X chủ trì buổi lễ; cùng dự có bà Y" / "…; bà Y trình bày báo cáo": Y's own clause
                # says what she did
                chair_in[clause] = has_cue(words, CHAIR_CUES) or not (
                    has_cue(words, _ATTEND) or has_cue(words, SPEAKER_CUES))
            chair = chairs and chair_in[clause]
            for flag, names in ((True, target.participants), (chair, target.chairs), (speaks, target.speakers)):
                if flag:
                    self._append_new(names, pm.name)

    def _documents(self, span: Span, target: MeetingState, dates: list[str], adopted: bool = False) -> None:
        inside = self._numbered_at[bisect_left(self._numbered_starts, span.start) :
                                   bisect_left(self._numbered_starts, span.end)]
        listed = self._listed.setdefault(id(target.documents), set(target.documents))
        day = set(dates)
        for start, number, d in (self.numbered[n] for n in sorted(n for _, n in inside)):
            if span.start <= start < span.end and number not in listed:
                if dates and target.date not in day and d.date not in day:
                    continue
                target.documents.append(number)
                listed.add(number)
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
