"""Dates and times as Vietnamese news sites print them."""

from __future__ import annotations

import re
from datetime import date

WEEKDAY = r"(?:Thứ\s+(?:[Hh]ai|[Bb]a|[Tt]ư|[Nn]ăm|[Ss]áu|[Bb]ảy|[2-7])|Chủ\s+[Nn]hật|CN)"
_SEP = r"[/.\-]"
NUMERIC_DATE = re.compile(rf"\b(\d{{1,2}})\s?{_SEP}\s?(\d{{1,2}})\s?{_SEP}\s?(\d{{4}})\b")
LONG_DATE = re.compile(r"\b(\d{1,2})\s+[Tt]háng\s+(\d{1,2})\s*(?:,|năm)?\s*(\d{4})\b")
TIME = re.compile(r"\b([01]?\d|2[0-3])\s?[:hg]\s?([0-5]\d)\b")
_TIMELINE_REST = re.compile(rf"^(?:{WEEKDAY}|ngày|lúc|GMT\+?7|\(GMT\+7\)|[\s,\-–—|:()])*$")


def iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_timeline(line: str) -> str | None:
    """Parse a time line (``00:05 - 08/10/2019``, ``Thứ Hai, 25/05/2020``,
    ``Thứ Ba, 10/11/2020 - 15:40``, ``26 Tháng 10 2020 14:49``…) into ``YYYY-MM-DDTHH:MM``
    or ``YYYY-MM-DD``. Returns None when the line is not a time line."""
    m = NUMERIC_DATE.search(line) or LONG_DATE.search(line)
    if not m:
        return None
    day = iso(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    if day is None:
        return None
    rest = line[: m.start()] + " " + line[m.end() :]
    t = TIME.search(rest)
    if t:
        rest = rest[: t.start()] + " " + rest[t.end() :]
    if not _TIMELINE_REST.match(rest.strip()):
        return None
    return f"{day}T{int(t.group(1)):02d}:{t.group(2)}" if t else day
