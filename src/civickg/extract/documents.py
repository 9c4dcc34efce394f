"""Normative documents: Party symbols (``45-NQ/TW``), State symbols (``12/2019/NQ-HĐND``,
``1234/QĐ-UBND``) and documents cited without a number (``Quyết định của UBND tỉnh về việc …``),
with kind, date of issue, issuer and subject."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from civickg import lexicon
from civickg.extract.context import PlaceContext
from civickg.extract.dates import FULL, LONG
from civickg.extract.orgs import HCM, MAX_ORG_TOKENS, org_at, party_committee
from civickg.extract.spans import SpanIndex
from civickg.extract.tokens import skip_ahead, tokenize
from civickg.read.dates import iso

_C = r"[A-ZĐa-zđ]"
_DIGIT = re.compile(r"\d")
PARTY_NUMBER = re.compile(rf"\b(\d{{1,4}})\s?-\s?({_C}{{1,5}})\s?/\s?({_C}{{1,6}})\b")
STATE_NUMBER = re.compile(  # "12/2019/NQ-HĐND", "1234/QĐ-UBND", "30c/NQ-CP", "35/2023/UBTVQH15"
    rf"\b(\d{{1,5}}[a-z]?)/(?:(\d{{4}})/)?({_C}{{1,6}}\d*(?:-{_C}{{1,10}}\d*)+|(?:UBTV)?QH\d{{1,2}})\b"
)
_KIND_WORDS = "|".join(sorted((r[0] for r in lexicon.table("document_kinds.tsv")), key=len, reverse=True))
CITED = re.compile(rf"\b({_KIND_WORDS}|{_KIND_WORDS.lower()})\b(?:\s+số)?\s*")
# the same patterns, told where a match can start (a digit, a kind word's first letter)
PARTY_NUMBER, STATE_NUMBER = skip_ahead(PARTY_NUMBER, r"\d"), skip_ahead(STATE_NUMBER, r"\d")
CITED = skip_ahead(CITED, "[" + "".join(sorted({re.escape(k[:1]) for k in _KIND_WORDS.split("|")}
                                                 | {re.escape(k[:1].lower()) for k in _KIND_WORDS.split("|")})) + "]")
_KINDS_LOWER = tuple(k.lower() for k in _KIND_WORDS.split("|"))  # CITED needs one of them
# a subject ends at a sentence mark, at "và <Capital>" or ", <another document>", or at a comma
# before a main clause ("…, diện mạo đô thị ngày càng khang trang")
_SUBJECT_END = re.compile(
    rf"[.;:!?\n]|\s+và\s+(?=[A-ZĐ])|,\s+(?=(?:{_KIND_WORDS})\b)"
    r"|,\s+(?=\S+(?:\s+\S+){0,6}?\s+(?:ngày càng|đã|đang|sẽ|được)\b)"
)
MAX_SUBJECT = 1000
# what follows or precedes a citation, compiled once (not looked up in re's cache per citation)
_DATE_AFTER = re.compile(r"\s*,?\s*(?:ban hành\s+)?ngày\s+")
_ISSUER_AFTER = re.compile(r"\s*,?\s*của\s+")
_TERM_AFTER = re.compile(r"\s+khóa\s+[IVXLC]+|\s+khoá\s+[IVXLC]+")
_SUBJECT_AFTER = re.compile(r"\s*,?\s*về\s+")
_CITED_BEFORE = re.compile(rf"({_KIND_WORDS})(?:\s+số)?\s*$", re.IGNORECASE)
_PLURAL = re.compile(r"(?:các|những|hai|ba|nhiều|\d+)\s+$")


@dataclass
class DocMention:
    kind: str
    number: str | None
    date: str | None
    issuer: str | None
    subject: str | None
    start: int
    end: int
    issuer_from_code: bool = False  # only the symbol's issuer code named it


def _kind_of_code(code: str) -> str | None:
    return lexicon.mapping("document_types.tsv").get(code)


def _issuer_of_code(code: str, ctx: PlaceContext) -> str | None:
    codes = lexicon.mapping("issuer_codes.tsv")
    base = re.sub(r"\d+$", "", code)
    value = codes.get(code) or codes.get(base)
    if not value:
        return None
    if value == "LOCAL:party":
        return party_committee(ctx)
    if value.startswith("LOCAL:"):
        unit = ctx.unit(None)
        if unit is None:
            return None
        return f"{value[6:]} {unit[1]}" if unit[1] == HCM else f"{value[6:]} {unit[0]} {unit[1]}"
    return value


def _tail(text: str, pos: int, end: int, ctx: PlaceContext) -> tuple[str | None, str | None, str | None, int]:
    """Date of issue, issuer (``của X``) and subject (``về …``) following a citation."""
    date = issuer = subject = None
    m = _DATE_AFTER.match(text, pos)
    if m:
        d = FULL.match(text, m.end()) or LONG.match(text, m.end())
        if d:
            if d.re is FULL:
                date = iso(int(d.group(4)), int(d.group(3)), int(d.group(1)))
            else:
                date = iso(int(d.group(3)), int(d.group(2)), int(d.group(1)))
            pos = d.end()
    m = _ISSUER_AFTER.match(text, pos)
    if m:
        toks = tokenize(text, m.end(), min(end, m.end() + 120))
        org = org_at(toks, 0, text, ctx) if toks else None
        if org:
            issuer = org.name
            pos = toks[org.end - 1].end
            k = _TERM_AFTER.match(text, pos)
            if k:
                pos = k.end()
    m = _SUBJECT_AFTER.match(text, pos)
    if m:
        # looked for within MAX_SUBJECT characters (real subjects are under 300): a line of
        # citations with no stop would otherwise be searched to its end once per citation
        limit = min(end, m.end() + MAX_SUBJECT)
        stop = _SUBJECT_END.search(text, m.end(), limit)
        s_end = stop.start() if stop else end if limit == end else max(text.rfind(" ", m.end(), limit), m.end())
        subject = text[m.end() : s_end].strip(" ,\"“”") or None
        pos = s_end
    return date, issuer, subject, pos


def find_documents(text: str, start: int, end: int, ctx: PlaceContext) -> list[DocMention]:
    out: list[DocMention] = []
    # the symbols found so far, one index per pattern (each pattern's matches come in order)
    numbered = {PARTY_NUMBER: SpanIndex(), STATE_NUMBER: SpanIndex()}
    # both symbol patterns need a digit and a slash: most sentences have no symbol at all
    has_symbol = text.find("/", start, end) >= 0 and _DIGIT.search(text, start, end)
    for rx in (PARTY_NUMBER, STATE_NUMBER) if has_symbol else ():
        for m in rx.finditer(text, start, end):
            if any(ix.covers(m.start()) for ix in numbered.values()):
                continue
            if rx is PARTY_NUMBER:
                code, issuer_code = m.group(2), m.group(3)
                number = f"{m.group(1)}-{code}/{issuer_code}"
            else:
                parts = m.group(3).split("-")
                code, issuer_code = (parts[0], "-".join(parts[1:])) if "-" in m.group(3) else ("NQ", m.group(3))
                number = f"{m.group(1)}/{m.group(2) + '/' if m.group(2) else ''}{m.group(3)}"
            kind = _kind_of_code(code)
            if kind is None:
                continue
            before = text[max(start, m.start() - 30) : m.start()]
            cited = _CITED_BEFORE.search(before)
            if cited:
                kind = cited.group(1)[0].upper() + cited.group(1)[1:]
            date, issuer, subject, pos = _tail(text, m.end(), end, ctx)
            from_code = issuer is None
            issuer = issuer or _issuer_of_code(issuer_code, ctx)
            numbered[rx].add(m.start(), m.end())
            out.append(DocMention(kind, number, date, issuer, subject, m.start(), pos, from_code))
    low = text[start:end].lower()
    for m in CITED.finditer(text, start, end) if any(k in low for k in _KINDS_LOWER) else ():
        if any((r := ix.reach(m.end())) is not None and m.end() <= r + 2 for ix in numbered.values()) or (
            _PLURAL.search(text[max(0, m.start() - 8) : m.start()])
        ):
            continue
        kind = m.group(1)[0].upper() + m.group(1)[1:]
        date, issuer, subject, pos = _tail(text, m.start() + len(m.group(1)), end, ctx)
        toks = tokenize(text, m.end(), min(end, m.end() + 80)) if issuer is None else None
        if issuer is None and toks and toks[0].start == m.end():
            org = _meeting_issuer(toks, text, ctx)
            if org:
                issuer = org
        if m.group(1)[0].islower() and not (subject or issuer):
            continue
        if not (subject or issuer):
            continue
        out.append(DocMention(kind, None, date, issuer, subject, m.start(), pos))
    return sorted(out, key=lambda d: d.start)


def _meeting_issuer(toks, text: str, ctx: PlaceContext) -> str | None:
    """``Nghị quyết ĐH đại biểu Đảng bộ quận lần thứ XI``: the congress's body issues it."""
    keys = [t.key for t in toks[:4]]
    if keys[:1] in (["đh"], ["đại"]) :
        for k in range(1, min(len(toks), 5)):
            org = org_at(toks, k, text, ctx)
            if org:
                return org.name
    return None


_ADOPTED_ON = re.compile(r"thông qua\s+(?:vào\s+)?ngày\s+$")
_ISSUING = [("ban", "hành"), ("ký", "ban", "hành"), ("thông", "qua")]


def date_adopted_after(text: str, doc: DocMention, dates: list) -> str | None:
    """``… số 40/2009/QH12 được Quốc hội khóa XII thông qua ngày 23/11/2009``."""
    index = _adoption_index(text, dates)
    if index is None:  # dates not in order (never from find_dates): the plain scan
        for d in dates:
            if d.start > doc.start and _ADOPTED_ON.search(text[max(doc.start, d.start - 40) : d.start]):
                return d.iso
        return None
    starts, next_adopted = index
    n = bisect_right(starts, doc.start)  # the first date after the document
    # the dates within 40 characters of it see only part of the 40 before them
    while n < len(dates) and dates[n].start - 40 < doc.start:
        if _ADOPTED_ON.search(text[doc.start : dates[n].start]):
            return dates[n].iso
        n += 1
    if n < len(dates) and next_adopted[n] < len(dates):
        return dates[next_adopted[n]].iso
    return None


_ADOPTION_INDEX: list = [None, None, None]  # the dates and text it was built for, the index


def _adoption_index(text: str, dates: list) -> tuple[list[int], list[int]] | None:
    """(starts of the dates, for each date the first one from it that ``thông qua ngày``
    introduces), built once per sentence's dates."""
    if _ADOPTION_INDEX[0] is dates and _ADOPTION_INDEX[1] is text and (
        _ADOPTION_INDEX[2] is None or len(_ADOPTION_INDEX[2][0]) == len(dates)
    ):
        return _ADOPTION_INDEX[2]
    starts = [d.start for d in dates]
    index = None
    if all(a <= b for a, b in zip(starts, starts[1:], strict=False)):
        next_adopted = [len(dates)] * (len(dates) + 1)
        for n in range(len(dates) - 1, -1, -1):
            s = dates[n].start
            next_adopted[n] = n if _ADOPTED_ON.search(text[max(0, s - 40) : s]) else next_adopted[n + 1]
        index = (starts, next_adopted)
    _ADOPTION_INDEX[:] = [dates, text, index]
    return index


def issuing_body(tokens: list, text: str, doc: DocMention, ctx: PlaceContext) -> str | None:
    """``Ban Thường vụ Tỉnh ủy đã ban hành Kế hoạch số 190-KH/TU``: the body before the verb."""
    last = bisect_right(tokens, doc.start, key=lambda t: t.end) - 1  # the last token before it
    if last < 0:
        return None
    for k in range(max(0, last - 6), last + 1):
        if any(tuple(t.key for t in tokens[k : k + len(v)]) == v for v in _ISSUING):
            # the last body before the verb, by its whole name ("Ban Thường vụ Tỉnh ủy", not "Tỉnh ủy"),
            # among those that start at most MAX_ORG_TOKENS before it (a longer name cannot end there)
            orgs = [(o.end, -n, o.name) for n in range(max(0, k - 3 - MAX_ORG_TOKENS), k)
                    if (o := org_at(tokens, n, text, ctx))]
            near = [o for o in orgs if k - o[0] <= 2]
            return max(near)[2] if near else None
    return None
