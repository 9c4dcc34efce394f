"""Dates inside the body: full dates, and day-month dates anchored to the publication year."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from civickg.extract.spans import SpanIndex
from civickg.extract.tokens import skip_ahead
from civickg.read.dates import iso


def _spelled_out(alternation: str) -> str:
    """``(?:[Nn]gày|[Ss]áng)`` → ``(?:Ngày|ngày|Sáng|sáng)``: the same words, but alternatives
    that each start with a plain letter let the regex engine skip ahead to those letters (several
    times faster over a sentence). Any other form is returned as it is."""
    if not (alternation.startswith("(?:") and alternation.endswith(")")) or any(
        c in alternation[3:-1] for c in "()\\"
    ):
        return alternation
    out: list[str] = []
    for alt in alternation[3:-1].split("|"):
        m = re.fullmatch(r"\[(\w)(\w)\](.*)", alt)
        out += [m[1] + m[3], m[2] + m[3]] if m else [alt]
    return "(?:" + "|".join(out) + ")"


_PART_OF_DAY = r"(?:[Nn]gày|[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa|[Đđ]êm|[Hh]ôm nay,?|[Hh]ôm qua,?|[Rr]ạng sáng)"
_PART_OF_DAY = _spelled_out(_PART_OF_DAY)
_DIGIT = re.compile(r"\d")
_SEPARATED = re.compile(r"\d\s?[/.-]")  # FULL and PARTIAL need one; LONG needs "tháng"
FULL = re.compile(r"\b(\d{1,2})\s?([/.-])\s?(\d{1,2})\s?\2\s?(\d{4})\b")
LONG = re.compile(r"\b(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})\b")
FULL, LONG = skip_ahead(FULL, r"\d"), skip_ahead(LONG, r"\d")  # both start with a digit
# "Sáng 26-8", "ngày 5/9", "Sáng nay (14/9)", "Chiều qua, 3/8"
PARTIAL = re.compile(
    rf"{_PART_OF_DAY}(?:\s+(?:nay|qua))?,?\s*\(?\s*(?:ngày\s+)?(\d{{1,2}})\s?[/-]\s?(\d{{1,2}})\b(?!\s?[/-]\s?\d)"
)


# "ngày 26 tháng 8", "Sáng 3 tháng 9" (no year: the publication's)
PARTIAL_LONG = re.compile(rf"{_PART_OF_DAY}\s+(?:ngày\s+)?(\d{{1,2}})\s+tháng\s+(\d{{1,2}})\b(?!\s+năm\s+\d)")


# "Chiều qua", "hôm nay" without a date after them: the day before publication, or its day
RELATIVE = re.compile(r"\b(?:[Hh]ôm|[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa) (nay|qua)\b(?!,?\s*\(?\s*(?:ngày\s+)?\d)")


@dataclass(frozen=True, slots=True)
class DateMention:
    iso: str
    start: int
    end: int


def find_dates(text: str, start: int, end: int, published: str | None) -> list[DateMention]:
    """Dates in ``text[start:end]``; day-month dates take the publication year (the year
    before when that would put them well after publication)."""
    out: list[DateMention] = []
    taken = SpanIndex()
    if not _DIGIT.search(text, start, end):
        return _relative(text, start, end, published)
    separated = _SEPARATED.search(text, start, end)
    for m in FULL.finditer(text, start, end) if separated else ():
        d = iso(int(m.group(4)), int(m.group(3)), int(m.group(1)))
        if d:
            out.append(DateMention(d, m.start(), m.end()))
            taken.add(m.start(), m.end())
    month_word = text.find("tháng", start, end) >= 0  # LONG and PARTIAL_LONG need it
    for m in LONG.finditer(text, start, end) if month_word else ():
        d = iso(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if d:
            out.append(DateMention(d, m.start(), m.end()))
            taken.add(m.start(), m.end())
    if published:
        year = int(published[:4])
        partial = [*(PARTIAL.finditer(text, start, end) if separated else ()),
                   *(PARTIAL_LONG.finditer(text, start, end) if month_word else ())]
        for m in partial:
            if taken.covers(m.start(1)):
                continue
            day, month = int(m.group(1)), int(m.group(2))
            d = iso(year, month, day)
            if d and d[:7] > published[:7] and int(d[5:7]) - int(published[5:7]) > 1:
                d = iso(year - 1, month, day)
            if d:
                out.append(DateMention(d, m.start(), m.end()))
    return sorted(out + _relative(text, start, end, published), key=lambda x: x.start)


def _relative(text: str, start: int, end: int, published: str | None) -> list[DateMention]:
    if not published or len(published) < 10:
        return []
    if text.find(" nay", start, end) < 0 and text.find(" qua", start, end) < 0:
        return []  # RELATIVE needs one of them
    day = date.fromisoformat(published[:10])
    return [DateMention((day - timedelta(days=1) if m.group(1) == "qua" else day).isoformat(), m.start(), m.end())
            for m in RELATIVE.finditer(text, start, end)]
