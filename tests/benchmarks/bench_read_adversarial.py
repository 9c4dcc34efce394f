"""Readers on 1 MB adversarial lines: every regex must run in linear time.

Run: ``python tests/benchmarks/bench_read_adversarial.py`` — prints the time per input and
exits non-zero when one takes longer than the bound (a catastrophic backtrack would take
minutes, not the fraction of a second linear code needs)."""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable

from civickg.model import ReadError
from civickg.normalize import normalize_text
from civickg.read.dates import parse_published, parse_timeline
from civickg.read.decode import decode_bytes
from civickg.read.html import parse_html_article
from civickg.read.jsonl import parse_record
from civickg.read.legacy import legacy_encoding
from civickg.read.mojibake import repair_mojibake
from civickg.read.text import parse_byline, parse_text_article

MB = 1_000_000
BOUND_SECONDS = 10.0
LINES = {
    "spaces": " " * MB + "x",
    "tabs-nbsp": "\t\u00a0" * (MB // 2) + "x",
    "digits": "1" * MB,
    "date-ish": "1/1/" * (MB // 4),
    "time-ish": "12:3" * (MB // 4),
    "weekday": "Thứ " * (MB // 4),
    "parens": "(" * (MB // 2) + ")" * (MB // 2),
    "outlet": "(CTO)- " * (MB // 7),
    "caps": "KIM NGÂN - " * (MB // 11),
    "byline-ish": "Tin, ảnh: " + "Duy " * (MB // 4),
    "commas": ", " * (MB // 2),
    "mojibake": "á»" * (MB // 2),
    "mojibake-lead": "Ã" * MB,
    "tcvn3": "nh©n " * (MB // 5),
    "vni": "aù" * (MB // 2),
    "combining": "a" + "\u0301" * MB,
    "invisible": "\u200b" * MB,
    "html-open": "<div>" * (MB // 5),
    "html-attr": "<p class='" + "share " * (MB // 6) + "'>x</p>",
    "json-open": "{" * MB,
    "json-string": '{"title": "' + "\\" * MB,
}


def _run(name: str, fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    with contextlib.suppress(ReadError):
        fn()
    return time.perf_counter() - start


def main() -> int:
    worst = 0.0
    for name, line in LINES.items():
        raw = f"Tiêu đề\n08/10/2019\n\n{line}\n"
        checks: dict[str, Callable[[], object]] = {
            "normalize": lambda line=line: normalize_text(line),
            "timeline": lambda line=line: parse_timeline(line),
            "published": lambda line=line: parse_published(line),
            "byline": lambda line=line: parse_byline(line),
            "legacy": lambda line=line: legacy_encoding(line),
            "mojibake": lambda line=line: repair_mojibake(line),
            "decode": lambda line=line: decode_bytes(line.encode("utf-8", "surrogatepass"), "f"),
            "text": lambda raw=raw: parse_text_article(raw, "f", "f"),
            "html": lambda line=line: parse_html_article(line, "f", "f"),
            "jsonl": lambda line=line: parse_record(line, "f", "f", 1),
        }
        times = {k: _run(name, fn) for k, fn in checks.items()}
        slowest = max(times, key=lambda k: times[k])
        worst = max(worst, times[slowest])
        total = sum(times.values())
        print(f"{name:14s} total {total:6.2f}s  slowest {slowest} {times[slowest]:.2f}s")
    print(f"worst single call {worst:.2f}s (bound {BOUND_SECONDS}s)")
    return 0 if worst <= BOUND_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
