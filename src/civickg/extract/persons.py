"""Persons and their offices: names with titles after them (stacked with commas, people
separated by semicolons) or before them, appointments (``giữ chức``, ``bầu làm``, ``hiện là``),
relief (``miễn nhiệm … đối với``), short later mentions (``ông Hiếu``) and pronouns."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate

from civickg import gazetteer, lexicon
from civickg.extract.context import PlaceContext
from civickg.extract.names import NameMention, honorific_before, honorific_length
from civickg.extract.orgs import head_at, org_at, party_organization
from civickg.extract.titles import UNRESOLVED, Title, title_at
from civickg.extract.tokens import Phrases, Token, key_set, phrase_at, tokenize
from civickg.gazetteer import PlaceEntry
from civickg.model import Span


@cache
def _phrases_of(kind: str) -> list[tuple[tuple[str, ...], str]]:
    """(words, status) of ``data/appointment_phrases.tsv`` rows of one kind, in file order."""
    return [(tuple(t.key for t in tokenize(r[0])), r[2])
            for r in lexicon.table("appointment_phrases.tsv") if r[1] == kind]


@cache
def _appoint_index() -> Phrases[str]:
    return Phrases(dict(_phrases_of("title")))


@cache
def _membership_index() -> Phrases[str]:
    return Phrases(dict(_phrases_of("membership")))


@cache
def _boards_index() -> Phrases[str]:
    return Phrases(dict(_phrases_of("boards")))


_BOARD_JOINERS = {",", "và", ", và"}
_COMMITTEE_KINDS = {"PartyCommittee"}


def _bare_boards(tokens: list[Token], k: int, text: str, ctx: PlaceContext) -> tuple[list[tuple[str, int]], int]:
    """``Ban Chấp hành, Ban Thường vụ và …`` at token k: the boards printed without their
    committee (name, token index) and the index after the list."""
    boards: list[tuple[str, int]] = []
    while k < len(tokens):
        hit = head_at(tokens, k)
        if hit is None or hit[0].completion != "committee" or org_at(tokens, k, text, ctx) is not None:
            break
        boards.append((hit[0].canonical, k))
        k = hit[1]
        if k < len(tokens) and tokens[k].key == "và" and _gap(tokens, text, k).strip() in {"", ","}:
            k += 1
        elif not (k < len(tokens) and _gap(tokens, text, k).strip() == ","):
            break
    return boards, k


def _boards_in(committee: str, boards: list[tuple[str, int]]) -> list[str]:
    """The full names of bare boards of a committee (the executive committee is the Party
    organization's: ``Ban Chấp hành Đảng bộ huyện X``, the standing one the committee's)."""
    out = []
    for board, _ in boards:
        whole = party_organization(committee) if board == "Ban Chấp hành" else None
        out.append(f"{board} {whole or committee}")
    return out


# bodies one is a member of ("được bầu vào Ban Thường vụ Huyện ủy": Ủy viên of it)
_MEMBER_BODIES = {"PartyBoard", "PartyCommittee", "Committee", "CentralCommittee", "Politburo", "Secretariat",
                  "PeoplesCouncil", "FrontCommittee"}
_PRONOUNS = {"ông", "bà", "đồng chí"}
_PRONOUN_FIRSTS = frozenset(p.split()[0] for p in _PRONOUNS)
_PLURAL = {"các", "những", "hai", "ba", "nhiều", "hai ông"}
_PREFIXES = {"TP", "Tp", "TX"}
_TRAILING = {"nhiệm", "khóa", "đơn"}  # "… nhiệm kỳ 2016-2021", "… khóa IX", "… đơn vị tỉnh X" end a title
_UNIT_WORDS = {"tỉnh", "thành", "phố", "tp"}


@dataclass
class PersonMention:
    name: str
    start: int  # token index in the sentence
    end: int
    span: Span  # characters
    titles: list[Title] = field(default_factory=list)
    stack_start: int = 0  # token index where titles before the name begin
    short: bool = False


def _gap(tokens: list[Token], text: str, k: int) -> str:
    return text[tokens[k - 1].end : tokens[k].start] if 0 < k < len(tokens) else ""


def _skip_age(tokens: list[Token], text: str, k: int) -> int:
    """Skip an age item ("Trần Văn Lưu, 98 tuổi, nguyên Phó Chủ nhiệm …")."""
    age = k + 2 < len(tokens) and tokens[k].text.isdigit() and tokens[k + 1].key == "tuổi"
    return k + 2 if age and _gap(tokens, text, k + 2).strip() == "," else k


def _skip_trailing(tokens: list[Token], k: int) -> int:
    """Skip ``nhiệm kỳ 2020-2025`` / ``khóa XIII`` / ``đơn vị tỉnh Bình Phước`` after a title."""
    while k < len(tokens) and tokens[k].key in _TRAILING:
        if tokens[k].key == "đơn":  # a deputy's constituency: up to its place name
            if k + 1 >= len(tokens) or tokens[k + 1].key != "vị":
                break
            k += 2
            while k < len(tokens) and not tokens[k].is_cap and tokens[k].key in _UNIT_WORDS:
                k += 1
            while k < len(tokens) and tokens[k].is_cap and tokens[k].start - tokens[k - 1].end == 1:
                k += 1
            continue
        k += 2 if tokens[k].key == "khóa" else 3
    return min(k, len(tokens))


def stack_after(tokens: list[Token], k: int, text: str, ctx: PlaceContext) -> tuple[list[Title], int]:
    """Titles at token k and after it, separated by commas (or, in a list opened by a colon,
    by semicolons: ``từng giữ các chức vụ: Phó Chủ tịch UBND huyện; Bí thư Huyện ủy``)."""
    titles: list[Title] = []
    separators = {","}
    if _gap(tokens, text, k).strip() == ":":
        separators.add(";")
    k = _skip_age(tokens, text, k)
    while k < len(tokens):
        t = title_at(tokens, k, text, ctx, pending_boards=True)
        if t is None:
            break
        k = _skip_trailing(tokens, t.end)
        k = _skip_age(tokens, text, k)
        if t.organization is None and k < len(tokens) and _gap(tokens, text, k).strip() != ",":
            # a body we cannot name ("Bí thư Đảng ủy phường" with no ward known): skip to the comma
            nxt = next((n for n in range(k + 1, min(k + 8, len(tokens))) if _gap(tokens, text, n).strip() == ","), None)
            if nxt is None:
                break
            k = nxt
            titles.append(Title(t.role, _UNNAMED, None, t.status, t.start, t.end))  # see _in_printed_province
        else:
            titles.append(t)
        if k < len(tokens) and _gap(tokens, text, k).strip() in separators:
            continue
        break
    found = _share_orgs(_in_printed_province(titles, tokens, text, ctx))
    return [t for t in found if not (t.organization and UNRESOLVED in t.organization)], k


_UNNAMED = ""  # a title whose body the article's place cannot name ("Phó Bí thư Tỉnh ủy" in national news)


def _names_province(org: str, e: PlaceEntry) -> bool:
    """The body is the province's (``Tỉnh ủy X``, ``UBND tỉnh X``), not a district's of the same
    name (``Huyện ủy Hòa Bình``, ``UBND thành phố Bạc Liêu``)."""
    words = ("Tỉnh ủy", "tỉnh") if e.type_word == "tỉnh" else ("Thành ủy", "thành phố")
    # Thành phố Hồ Chí Minh carries its level in its name
    own_level = e.name.startswith("Thành phố") and org.endswith(e.name)
    return own_level or any(org.endswith(f"{w} {e.name}") for w in words)


def _in_printed_province(titles: list[Title], tokens: list[Token], text: str, ctx: PlaceContext) -> list[Title]:
    """``Phó Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Savannakhet``: a title whose body's place is left
    out belongs to the province another title of the same stack prints, not to the article's."""
    out = list(titles)
    # The province of the nearest title that prints one (ties by place, then body: the order of
    # sorting them all by distance, found by bisection); each printed place is looked up once.
    printed = []
    for m, x in enumerate(titles):
        if x.place:
            org = x.organization or ""
            e = next((e for e in gazetteer.lookup(x.place)
                      if e.level in {"Province", "ForeignProvince"} and _names_province(org, e)), None)
            if e is not None:
                printed.append((m, (x.place, org), e))
    where = [m for m, _, _ in printed]
    contexts: dict[PlaceEntry, PlaceContext] = {}
    for n, t in enumerate(titles):
        if t.place or t.organization is None or not printed:
            continue
        b = bisect_left(where, n)
        sides = [printed[c] for c in (b - 1, b) if 0 <= c < len(printed)]
        entry = min(sides, key=lambda p: (abs(p[0] - n), p[1]))[2]
        if ctx.locality and entry.name == ctx.locality.name:
            continue
        again = title_at(tokens, t.start, text, contexts.setdefault(entry, PlaceContext(locality=entry)))
        if again and again.organization and (again.end == t.end or t.organization == _UNNAMED):
            out[n] = Title(t.role, again.organization, again.org_kind, t.status, t.start, t.end, t.bare_board)
    return out


def _share_orgs(titles: list[Title]) -> list[Title]:
    """``Bí thư, Phó Bí thư Tỉnh ủy``: a title printed without its body takes the next one's."""
    out = list(titles)
    for n in range(len(out) - 2, -1, -1):
        if out[n].organization is None and out[n + 1].organization:
            t = out[n]
            out[n] = Title(t.role, out[n + 1].organization, out[n + 1].org_kind, t.status, t.start, t.end)
    return _boards_of_named_committee([t for t in out if t.organization])


_COMMITTEE = re.compile(r"(?:Thành ủy|Tỉnh ủy|Quận ủy|Huyện ủy|Thị ủy|Đảng ủy) .+$")


def _boards_of_named_committee(titles: list[Title]) -> list[Title]:
    """``Ủy viên Ban Thường vụ, Trưởng Ban Tuyên giáo Huyện ủy``: a board printed without its
    committee belongs to the committee a later title of the stack names."""
    out = list(titles)
    if not any(t.bare_board for t in out):
        return out
    # the committee the first later title names, for every n (one pass from the end)
    later_at: list[str | None] = [None] * (len(out) + 1)
    for n in range(len(out) - 1, -1, -1):
        x = out[n]
        m = _COMMITTEE.search(x.organization) if x.organization else None
        later_at[n] = m.group() if m else later_at[n + 1]
    for n, t in enumerate(out):
        if not t.bare_board:
            continue
        later = later_at[n + 1]
        own = _COMMITTEE.search(t.organization or "")
        if later and own:
            board = (t.organization or "")[: own.start()].strip()
            out[n] = Title(t.role, f"{board} {later}", t.org_kind, t.status, t.start, t.end)
    return out


def stack_before(
    tokens: list[Token], name_start: int, lo: int, text: str, ctx: PlaceContext
) -> tuple[list[Title], int]:
    """Titles printed before a name (``Ủy viên Bộ Chính trị, Bí thư Thành ủy Nguyễn Văn Nên``)."""
    end = name_start
    while end > lo and honorific_length(tokens, end):
        end -= honorific_length(tokens, end)
    titles: list[Title] = []
    first = end
    item_end = end
    if end and _gap(tokens, text, end).strip():
        return [], end  # "…, Bí thư Tỉnh ủy; Trần Văn Huyến": those titles are the previous person's
    while item_end > lo:
        item_start = item_end - 1
        while item_start > lo and (
            _gap(tokens, text, item_start).strip() == ""
            or (_gap(tokens, text, item_start).strip() == "." and tokens[item_start - 1].text in _PREFIXES)
        ):
            item_start -= 1
        found = None
        for p in range(item_start, item_end):
            t = title_at(tokens, p, text, ctx)
            if t and _skip_trailing(tokens, t.end) >= item_end and t.end <= item_end:
                found = t
                break
        if found is None:
            break
        titles.insert(0, found)
        first = found.start
        if found.start != item_start or _gap(tokens, text, item_start).strip() != ",":
            break
        item_end = item_start
    return _share_orgs(_in_printed_province(titles, tokens, text, ctx)), first


def _match(tokens: list[Token], k: int, phrase: tuple[str, ...]) -> bool:
    return phrase_at(tokens, k, phrase)


def sentence_persons(
    tokens: list[Token], text: str, ctx: PlaceContext, names: list[NameMention],
    known: KnownNames | list[str],
) -> list[PersonMention]:
    """Person mentions of one sentence (its ``names`` found by ``find_names``) with the titles
    each is given there, and short mentions of the ``known`` full names."""
    mentions: list[PersonMention] = []
    for n in names:
        mentions.append(_mention(tokens, n, text))
    taken = {k for m in mentions for k in range(m.start, m.end)}
    for k, t in enumerate(tokens):
        if not t.is_cap or k in taken or (k + 1 < len(tokens) and tokens[k + 1].is_cap):
            continue
        if honorific_before(tokens, k):
            full = (known.latest(t.text) if isinstance(known, KnownNames)
                    else next((p for p in reversed(known) if p.split()[-1] == t.text), None))
            if full:
                m = PersonMention(full, k, k + 1, Span(t.start, t.end), short=True)
                mentions.append(m)
    mentions.sort(key=lambda m: m.start)
    lo = 0
    for m in mentions:
        before, m.stack_start = stack_before(tokens, m.start, lo, text, ctx)
        after: list[Title] = []
        if m.end < len(tokens) and _gap(tokens, text, m.end).strip() == ",":
            after, _ = stack_after(tokens, m.end, text, ctx)
        m.titles = before + after
        lo = m.end
    return mentions


class KnownNames:
    """The full names read so far: the latest one for each last word (what a short mention,
    ``ông Hiếu``, resolves to) without a scan of them all."""

    def __init__(self) -> None:
        self.by_last: dict[str, str] = {}

    def append(self, name: str) -> None:
        words = name.split()
        if words:
            self.by_last[words[-1]] = name

    def latest(self, last_word: str) -> str | None:
        return self.by_last.get(last_word)


def _mention(tokens: list[Token], n: NameMention, text: str) -> PersonMention:
    return PersonMention(n.name, n.start, n.end, Span(tokens[n.start].start, tokens[n.end - 1].end))


def pronoun_positions(tokens: list[Token]) -> list[int]:
    """Token indices of ``ông``/``đồng chí`` used without a name (a person already named)."""
    out: list[int] = []
    keys = key_set(tokens)
    if keys is not None and keys.isdisjoint(_PRONOUN_FIRSTS):
        return out
    # only the tokens a pronoun can start at ("đồng" of "đồng chí")
    for k, t in [(k, t) for k, t in enumerate(tokens) if t.key in _PRONOUN_FIRSTS]:
        key = t.key
        size = 1
        if key == "đồng" and k + 1 < len(tokens) and tokens[k + 1].key == "chí":
            key, size = "đồng chí", 2
        if key not in _PRONOUNS:
            continue
        nxt = tokens[k + size] if k + size < len(tokens) else None
        if nxt is not None and nxt.is_cap:
            continue
        if k and tokens[k - 1].key in _PLURAL:
            continue
        out.append(k)
    return out


_JOINERS = {"và", "đồng", "chí", "ông", "bà", "các"}


def _coordinated(mentions: list[PersonMention], who: str, tokens: list[Token]) -> list[str]:
    """``đồng chí A và đồng chí B được bầu giữ chức …``: every subject joined to ``who``."""
    index = _coordination_index(mentions)
    if index is None:  # mentions whose ends are out of order (never from sentence_persons)
        named = [m for m in mentions if m.name == who and not m.titles]
    else:  # not a scan of the mentions for each appointment (a line of them grew as its square)
        last_untitled, ends = index
        named = [last_untitled[who]] if who in last_untitled else []
    if not named:
        return [who]
    out, cur = [who], named[-1]
    # the mentions that end by cur's start, the last first; by index when the ends are in order,
    # lazily: the loop stops at the first one not joined, so a long line stays linear
    earlier: Iterator[PersonMention] = (
        reversed([m for m in mentions if m.end <= cur.start]) if index is None
        else (mentions[n] for n in range(bisect_right(ends, cur.start) - 1, -1, -1)))
    for prev in earlier:
        if prev.titles or any(t.key not in _JOINERS for t in tokens[prev.end : cur.start]) or prev.end == cur.start:
            break
        out.append(prev.name)
        cur = prev
    return out


_COORDINATION: list = [None, None]  # the mentions the index below was made for, and the index


def _coordination_index(mentions: list[PersonMention]) -> tuple[dict[str, PersonMention], list[int]] | None:
    """(the last mention of each name without titles, the mentions' ends) when the ends are in
    order, made once per sentence's mentions."""
    if _COORDINATION[0] is mentions and (_COORDINATION[1] is None or len(_COORDINATION[1][1]) == len(mentions)):
        return _COORDINATION[1]
    ends = [m.end for m in mentions]
    index = None
    if all(a <= b for a, b in zip(ends, ends[1:], strict=False)):
        index = ({m.name: m for m in mentions if not m.titles}, ends)
    _COORDINATION[:] = [mentions, index]
    return index


def list_header(tokens: list[Token], text: str, ctx: PlaceContext) -> tuple[Title, int] | None:
    """``Các Ủy viên Ban Thường vụ Huyện ủy còn lại gồm: A, …; B, …`` / ``… bầu Ban Thường vụ
    Huyện ủy gồm các đồng chí: …`` / ``các đại biểu Quốc hội: A, …``: the title every person
    listed after the colon holds, and the index where the list starts."""
    for k, t in enumerate(tokens):
        if t.key == "các" and k + 1 < len(tokens):  # "có các đại biểu Quốc hội: A, …; B, …"
            title = title_at(tokens, k + 1, text, ctx)
            if title and title.organization and title.end < len(tokens) and ":" in _gap(tokens, text, title.end):
                return title, title.end
            continue
        if t.key != "gồm":
            continue
        start = k + 1
        while start < len(tokens) and tokens[start].key in {"các", "đồng", "chí"}:
            start += 1
        if start >= len(tokens) or ":" not in text[tokens[start - 1].end : tokens[start].start]:
            return None
        for p in range(k):
            title = title_at(tokens, p, text, ctx)
            if title and title.organization and title.end <= k:
                return title, start
            body = org_at(tokens, p, text, ctx)
            if body and body.end <= k and body.kind in _MEMBER_BODIES:
                return Title("Ủy viên", body.name, body.kind, "elected", p, body.end), start
        return None
    return None


def appointments(
    tokens: list[Token], text: str, ctx: PlaceContext, mentions: list[PersonMention], previous: str | None
) -> list[tuple[str, Title]]:
    """Offices given by appointment verbs and by relief (``miễn nhiệm … đối với``)."""
    out: list[tuple[str, Title]] = []
    pronouns = pronoun_positions(tokens)  # increasing
    index: list = []  # built on first use: (end, name) sorted, and the suffix minima of the ends

    def subject_before(k: int) -> str | None:
        if not index:
            index.append(sorted((m.end, m.name) for m in mentions))
            index.append(list(accumulate(reversed([m.end for m in mentions]), min))[::-1])
        by_end, min_end_from = index
        cands = []
        i = bisect_right(by_end, k, key=lambda e: e[0])  # the greatest (end, name) with end <= k
        if i:
            cands.append(by_end[i - 1])
        p = bisect_left(pronouns, k)  # the last pronoun before k
        if p:
            cands.append((pronouns[p - 1] + 1, ""))
        if not cands:
            return None
        end, name = max(cands)
        if name:
            return name
        last = bisect_right(min_end_from, end) - 1  # the last mention (in order) ending by then
        return mentions[last].name if last >= 0 else previous

    ordered = all(a.start < b.start for a, b in zip(mentions, mentions[1:], strict=False))
    appoint, member, boards = _appoint_index(), _membership_index(), _boards_index()
    keys = key_set(tokens)
    if keys is not None and appoint.firsts.isdisjoint(keys) and member.firsts.isdisjoint(keys) and (
        "đối" not in keys and boards.firsts.isdisjoint(keys)
    ):
        return out  # no appointment or membership phrase, no "đối với"
    for k in [k for k, t in enumerate(tokens)
              if t.key in appoint.by_first or t.key in member.by_first or t.key in boards.by_first
              or t.key == "đối"]:
        hit = appoint.longest_at(tokens, k)
        if hit:
            phrase, status = hit
            titles, _ = stack_after(tokens, k + len(phrase), text, ctx)
            who = subject_before(k) if titles else None
            if who:
                for name in _coordinated(mentions, who, tokens):
                    out.extend((name, _with_status(t, str(status))) for t in titles)
        joined = member.longest_at(tokens, k)
        if joined:
            phrase, status = joined
            body = org_at(tokens, k + len(phrase), text, ctx)
            who = subject_before(k) if body and body.kind in _MEMBER_BODIES else None
            if who and body:
                out.append((who, Title("Ủy viên", body.name, body.kind, str(status), body.start, body.end)))
        listed = boards.longest_at(tokens, k) if not joined else None
        if listed:
            found, after = _bare_boards(tokens, k + len(listed[0]), text, ctx)
            who = subject_before(k) if found else None
            committee = _committee_after(tokens, after, text, ctx) if who else None
            if who and committee is None:  # "thôi giữ chức Bí thư Huyện ủy": the one the person held
                held = next((m.titles for m in mentions if m.name == who and m.titles), [])
                committee = next((t.organization for t in held if t.org_kind in _COMMITTEE_KINDS), None)
            if who and committee:
                out.extend((who, Title("Ủy viên", name, "PartyBoard", str(listed[1]), p, p + 1))
                           for name, (_, p) in zip(_boards_in(committee, found), found, strict=True))
        if tokens[k].key == "đối" and _match(tokens, k, ("đối", "với")):
            first = bisect_left(mentions, k + 2, key=lambda m: m.start) if ordered else 0
            target = next((m for m in mentions[first : first + 3 if ordered else None]
                           if k + 2 <= m.start <= k + 4), None)
            if target is None:
                continue
            for a in range(k - 1, -1, -1):
                if _match(tokens, a, ("đối", "với")):
                    break
                anchor = next((p for p, _ in _phrases_of("relief") if _match(tokens, a, p)), None)
                if anchor:
                    titles, _ = stack_after(tokens, a + len(anchor), text, ctx)
                    out.extend((target.name, _with_status(t, "relieved")) for t in titles)
                    if titles:
                        break
    return out


def _committee_after(tokens: list[Token], k: int, text: str, ctx: PlaceContext) -> str | None:
    """The party committee of the first title within a few words after token k (``… và giữ
    chức Bí thư Huyện ủy Lục Nam``)."""
    for p in range(k, min(k + 6, len(tokens))):
        t = title_at(tokens, p, text, ctx)
        if t is not None:
            return t.organization if t.org_kind in _COMMITTEE_KINDS else None
    return None


def _with_status(t: Title, status: str) -> Title:
    if t.status != "current":
        return t
    return Title(t.role, t.organization, t.org_kind, status, t.start, t.end)
