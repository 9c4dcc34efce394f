"""Lookups over spans without scanning every span: what keeps the extractors linear when a line
holds thousands of dates, documents or mentions."""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate


class SpanIndex:
    """Spans ``[start, end)`` (character or token offsets), added in any order; ``reach(x)`` is
    the furthest end of the spans that start at or before ``x``, so "some span covers x" and
    "some span ends near x" are one bisection. Spans added in increasing start order cost O(1)
    each; otherwise the index is sorted again at the next query."""

    __slots__ = ("_spans", "_starts", "_reach", "_sorted")

    def __init__(self, spans: object = ()) -> None:
        self._spans: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self._reach: list[int] = []
        self._sorted = True
        for a, b in spans:  # type: ignore[attr-defined]
            self.add(a, b)

    def add(self, start: int, end: int) -> None:
        self._spans.append((start, end))
        if self._sorted and (not self._starts or start >= self._starts[-1]):
            self._starts.append(start)
            self._reach.append(max(end, self._reach[-1]) if self._reach else end)
        else:
            self._sorted = False

    def reach(self, x: int) -> int | None:
        if not self._sorted:
            self._spans.sort()
            self._starts = [a for a, _ in self._spans]
            self._reach = list(accumulate((b for _, b in self._spans), max))
            self._sorted = True
        i = bisect_right(self._starts, x) - 1
        return self._reach[i] if i >= 0 else None

    def covers(self, x: int) -> bool:
        """Some span has ``start <= x < end``."""
        r = self.reach(x)
        return r is not None and x < r

    def __len__(self) -> int:
        return len(self._spans)
