"""Dates and times as Vietnamese news sites print them."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

WEEKDAY = r"(?i:Thứ\s?(?:hai|ba|tư|năm|sáu|bảy|[2-7])|Chủ\s?nhật|CN)"
_SEP = r"[/.\-]"
NUMERIC_DATE = re.compile(rf"\b(\d{{1,2}})\s?{_SEP}\s?(\d{{1,2}})\s?{_SEP}\s?(\d{{4}})\b")
LONG_DATE = re.compile(r"\b(\d{1,2})\s+(?i:tháng)\s+(\d{1,2})\s*(?:,|năm)?\s*(\d{4})\b")
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
TIME = re.compile(r"\b([01]?\d|2[0-3])\s?[:hg]\s?([0-5]\d)(?::[0-5]\d)?\b")
_LABEL = r"(?i:cập nhật(?: lúc)?|ngày đăng|đăng ngày|đăng lúc|thời gian|xuất bản|ngày|lúc|posted)"
_TIMELINE_REST = re.compile(rf"(?:{WEEKDAY}|{_LABEL}|\(?GMT\s?\+\s?0?7(?::00)?\)?|[\s,\-–—|:()])*")
MAX_TIMELINE = 120  # a longer line is prose, however it starts
VIETNAM = timezone(timedelta(hours=7))


def iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_timeline(line: str) -> str | None:
    """Parse a time line (``00:05 - 08/10/2019``, ``Thứ Hai, 25/05/2020``,
    ``Thứ Ba, 10/11/2020 - 15:40``, ``26 Tháng 10 2020 14:49``, ``Cập nhật: 10:20 ngày
    26/08/2020``…) into ``YYYY-MM-DDTHH:MM`` or ``YYYY-MM-DD``. Returns None when the line is
    not a time line: anything but a date, a time, a weekday and such labels is on it."""
    if len(line) > MAX_TIMELINE:
        return None
    m = NUMERIC_DATE.search(line) or LONG_DATE.search(line)
    if m:
        day = iso(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    else:
        m = ISO_DATE.search(line)
        day = iso(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
    if m is None or day is None:
        return None
    rest = line[: m.start()] + " " + line[m.end() :]
    t = TIME.search(rest)
    if t:
        rest = rest[: t.start()] + " " + rest[t.end() :]
    if not _TIMELINE_REST.fullmatch(rest.strip()):
        return None
    return f"{day}T{int(t.group(1)):02d}:{t.group(2)}" if t else day


def parse_published(value: str) -> str | None:
    """A publication date given as metadata: ISO 8601 (``2020-08-26T16:30:00+07:00``, converted
    to Vietnam time when another offset is given) or any time-line form."""
    value = value.strip()
    if not value or len(value) > MAX_TIMELINE:
        return None
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return parse_timeline(value)
    if dt.tzinfo is not None:
        dt = dt.astimezone(VIETNAM)
    has_time = "T" in value or " " in value.strip()
    return dt.strftime("%Y-%m-%dT%H:%M") if has_time else dt.date().isoformat()
