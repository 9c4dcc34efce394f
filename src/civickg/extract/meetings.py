"""Meetings: the event the article reports (from its lead), other past meetings it names with
a different number or organizer, and who chaired and took part in each, sentence by sentence."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from civickg import lexicon
from civickg.extract.tokens import Phrases, Token, key_set, phrase_at, tokenize

_NUMERALS = {"nhất": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7,
             "tám": 8, "chín": 9, "mười": 10}
_PLANNED = {"sẽ", "dự kiến", "chuẩn bị", "tiến tới", "hướng tới", "sắp", "đi dự", "sắp tới", "theo chương trình"}
CHAIR_CUES = [("chủ", "trì"), ("đồng", "chủ", "trì"), ("chủ", "tọa"), ("đoàn", "chủ", "tịch")]
SPEAKER_CUES = [("phát", "biểu"), ("báo", "cáo"), ("trình", "bày"), ("báo", "công"), ("đọc", "diễn", "văn"),
                ("kết", "luận"), ("chỉ", "đạo"), ("thông", "tin"), ("giao", "nhiệm", "vụ"), ("đề", "xuất"),
                ("kiến", "nghị"), ("cho", "biết"), ("trả", "lời"), ("giải", "trình"), ("chất", "vấn"),
                ("chia", "sẻ"), ("tham", "luận")]
PARTICIPATION_CUES = [
    ("dự",), ("tham", "dự"), ("phát", "biểu"), ("báo", "cáo"), ("trình", "bày"), ("báo", "công"),
    ("đọc", "diễn", "văn"), ("thay", "mặt"), ("trao",), ("nhận", "quyết", "định"), ("được", "bầu"),
    ("bầu",), ("tặng", "hoa"), ("chúc", "mừng"), ("thành", "viên", "đoàn"), ("về", "phía"),
    ("phía",), ("dẫn", "đầu"), ("làm", "việc"), ("khẳng", "định"), ("nhấn", "mạnh"), ("đề", "nghị"),
    ("thông", "tin"), ("kết", "luận"), ("chỉ", "đạo"), ("giao", "nhiệm", "vụ"), ("ôn", "lại"),
    ("có", "các", "đồng", "chí"), ("có", "đồng", "chí"), ("các", "đồng", "chí"),
    ("tham", "gia", "đoàn"), ("tiếp", "đoàn"), ("cùng", "tiếp"), ("tham", "gia", "buổi"),
] + CHAIR_CUES + SPEAKER_CUES
REVIEW_CUES = [("thông", "qua"), ("sơ", "kết"), ("tổng", "kết"), ("quán", "triệt"), ("triển", "khai"),
               ("đánh", "giá"), ("biểu", "quyết"), ("xem", "xét"), ("thảo", "luận"), ("nhất", "trí"),
               ("cho", "ý", "kiến"), ("học", "tập"), ("công", "bố")]


@dataclass
class MeetingMention:
    kind: str
    cls: str
    number: int | None
    start: int  # character offsets
    end: int
    anchored: bool  # "tại …": the sentence is about this meeting
    anaphoric: bool  # "kỳ họp này", "ĐH lần này"
    planned: bool
    genitive: bool  # "Nghị quyết ĐH …": it only names a document
    possessive: bool = False  # "nội dung của Hội nghị …": named, not where the sentence happens
    organizer: str | None = None


@dataclass
class MeetingState:
    kind: str
    cls: str
    number: int | None
    date: str | None
    organizer: str | None
    place: str | None = None
    chairs: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    evidence: tuple[int, int] | None = None


@cache
def _kinds() -> list[tuple[tuple[str, ...], str, str]]:
    rows = [(tuple(t.key for t in tokenize(r[0])), r[2], r[1]) for r in lexicon.table("meeting_kinds.tsv")]
    rows.append((("đh",), "Đại hội", "Congress"))
    return sorted(rows, key=lambda r: -len(r[0]))


@cache
def _qualifiers() -> list[tuple[tuple[str, ...], str]]:
    rows = [(tuple(t.key for t in tokenize(q)), q) for q in lexicon.words("meeting_qualifiers.txt")]
    return sorted(rows, key=lambda r: -len(r[0]))


def _has(tokens: list[Token], k: int, phrase: tuple[str, ...]) -> bool:
    return phrase_at(tokens, k, phrase)


_CUE_INDEX: dict[int, Phrases[tuple[str, ...]]] = {}


def has_cue(tokens: list[Token], cues: Sequence[tuple[str, ...]]) -> bool:
    index = _CUE_INDEX.get(id(cues))
    if index is None:
        index = _CUE_INDEX[id(cues)] = Phrases.of(cues)
    return index.any_in(tokens)


@cache
def _kind_index() -> Phrases[tuple[str, str]]:
    return Phrases({keys: (kind, cls) for keys, kind, cls in _kinds()})


@cache
def _qualifier_index() -> Phrases[str]:
    return Phrases({keys: q for keys, q in _qualifiers()})


def _number(tokens: list[Token], k: int) -> int | None:
    """``thứ 18``, ``lần thứ năm``, ``lần thứ XII``, ``Trung ương 5`` after a meeting word."""
    window = tokens[k : k + 6]
    for n, t in enumerate(window):
        if t.key in {"thứ", "ương"} and n + 1 < len(window):
            nxt = window[n + 1].text
            if nxt.isdigit():
                return int(nxt)
            if nxt.lower() in _NUMERALS:
                return _NUMERALS[nxt.lower()]
            if re.fullmatch(r"[IVXLC]+", nxt):
                return _roman(nxt)
    return None


def _roman(s: str) -> int:
    vals = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for a, b in zip(s, s[1:] + " ", strict=True):
        total += -vals[a] if b != " " and vals[b] > vals[a] else vals[a]
    return total


def _bare_le(tokens: list[Token], k: int, keys: tuple[str, ...]) -> bool:
    """Lower-case ``lễ`` alone is a meeting only after ``buổi``/``tại``/``tổ chức``."""
    if keys != ("lễ",) or tokens[k].text[0].isupper():
        return False
    return not k or tokens[k - 1].key not in {"buổi", "tại", "tổ", "chức"}


@cache
def _venue_heads() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(t.key for t in tokenize(w)) for w in lexicon.words("venue_heads.txt"))


def _in_building_name(tokens: list[Token], k: int) -> bool:
    """``Trung tâm Hội nghị tỉnh``: a capitalised meeting word right after a building word."""
    if not tokens[k].text[0].isupper():
        return False
    return any(k >= n and tuple(t.key for t in tokens[k - n : k]) in _venue_heads()
               and tokens[k - n].text[0].isupper() for n in (1, 2))


def find_meeting_mentions(tokens: list[Token], text: str) -> list[MeetingMention]:
    out: list[MeetingMention] = []
    kinds = _kind_index()
    keys = key_set(tokens)
    if keys is not None and kinds.firsts.isdisjoint(keys):
        return out  # no meeting word in the sentence
    k = 0
    while k < len(tokens):
        if tokens[k].key not in kinds.by_first:
            k += 1
            continue
        hit = kinds.longest_at(tokens, k)
        if hit is None or _bare_le(tokens, k, hit[0]) or _in_building_name(tokens, k):
            k += 1
            continue
        words, (kind, cls) = hit
        e = k + len(words)
        j = e
        while j < len(tokens) and text[tokens[j - 1].end : tokens[j].start].strip() in {"(", ")", ""}:
            if tokens[j].key == "đh":
                j += 1
                continue
            q = _qualifier_index().longest_at(tokens, j)
            if q:
                kind = f"{kind} {q[1].replace('các ', '')}"
                j += len(q[0])
            break
        prev = " ".join(t.key for t in tokens[max(0, k - 2) : k])
        prev1 = tokens[k - 1].key if k else ""
        after = []
        for n in range(j, min(j + 8, len(tokens))):
            if n > j and any(c in text[tokens[n - 1].end : tokens[n].start] for c in ";.:"):
                break  # the rest of the clause only
            after.append(tokens[n].key)
        around = " ".join(t.key for t in tokens[max(0, k - 4) : k]) + " | " + " ".join(after)
        planned = any(p in around for p in _PLANNED)  # "Kỳ họp thứ 5 … dự kiến khai mạc"
        # "Nghị quyết ĐH …", "văn kiện đại hội": the meeting only names a document
        genitive = prev.endswith(("nghị quyết", "văn kiện")) or prev1 == "quyết"
        anaphoric = any(t.key in {"này", "đó"} for t in tokens[e : e + 4])
        anchored = prev1 in {"tại", "buổi"} or prev.endswith("cũng tại")
        out.append(MeetingMention(kind, cls, _number(tokens, e), tokens[k].start, tokens[j - 1].end,
                                  anchored, anaphoric, planned, genitive, prev1 in {"của", "quả"}))
        k = j
    return out
