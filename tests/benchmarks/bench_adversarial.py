"""Every extractor (and the mapper) on 1 MB adversarial lines: no catastrophic backtracking,
nothing quadratic. The readers have their own: ``bench_read_adversarial.py``.

Run: ``python tests/benchmarks/bench_adversarial.py [--size BYTES] [--bound SECONDS] [-k NAME]``
— prints the time of each registered extractor and of the mapping per input, and exits
non-zero when one takes longer than the bound (5 CPU seconds by default: 1 MB of any unit must
be read in a few seconds by every step) or raises. Each input is first timed at 1/20 and 1/10 of
the size (the faster of two runs): when the growth says the full size would take over four
times the bound (a quadratic step grows 4x per doubling), it is reported from the estimate
instead of run for hours; the growth printed for a full run is from a tenth of the size to all
of it. The first
extractor (``civickg.places``) also does the work the built-in ones share: sentences, tokens,
dates, names and places of every sentence.
"""

from __future__ import annotations

import argparse
import math
import sys
import time

from civickg.extensions import load
from civickg.mapping import map_facts, prepare
from civickg.model import ArticleFacts, ReadError
from civickg.read.text import parse_text_article
from civickg.registry import REGISTRY

MB = 1_000_000
# name -> the unit repeated to fill the line (readers' inputs and the extractors' own)
UNITS = {
    "spaces": " ", "digits": "1", "letters": "a", "đ": "Đ", "hyphens": "-", "dots": ". ",
    "commas": ", ", "parens": "(", "close-parens": ")", "quotes": '"', "curly-quotes": "“",
    "slashes": "1/", "date-ish": "1/1/", "time-ish": "12:3", "date-words": "ngày 1 tháng ",
    "dates": "ngày 01/8/2016, ", "weekday": "Thứ ", "outlet": "(CTO)- ", "caps": "KIM NGÂN - ",
    "names": "Phạm Văn ", "capitalised": "Aa ", "name-list": "Nguyễn Văn A, ",
    "title-stack": "Phó Bí thư Thường trực ", "titles-commas": "Bí thư Tỉnh ủy, ",
    "org-chain": "Ban Thường vụ Tỉnh ủy ", "of-chain": "của Ủy ban ", "abbreviations": "UBND HĐND ",
    "doc-number": "02-NQ/TU-", "doc-numbers": "Nghị quyết số 12/2019/NQ-HĐND, ", "so": "số ",
    "doc-issuer": "NQ/", "meeting": "Hội nghị ", "session": "kỳ họp thứ ",
    "chair": "đồng chí Lê A chủ trì, ", "places": "tỉnh ", "place-list": "quận Ninh Kiều, ",
    "province-list": "Cần Thơ, Hậu Giang, ", "role-of": "Chủ tịch UBND tỉnh ",
    "relief": "miễn nhiệm chức vụ ", "former": "nguyên ", "tai": "tại ", "markup": "<script>",
    "combining": "\u0301", "invisible": "\u200b", "mixed": "a1-/.(,Đ ",
    "paragraphs": "Hội nghị.\n\n", "lines": "Tỉnh ủy\n",
    # steps that once grew with the square of a line (see docs/robustness.md)
    "org-recursion": "Ban Thường vụ ", "doc-subjects": "Nghị quyết về việc A ",
    "doc-dates": "Nghị quyết số 12/NQ-TU thông qua ngày 1/8/2019, ",
    "issued": "Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 190-KH/TU, ",
    "relief-list": "đối với ông Nguyễn Văn A, ", "appointments": "giữ chức Bí thư Tỉnh ủy, ",
    "members": "được bầu vào Ban Thường vụ Huyện ủy, ",
    "title-stack-name": "Nguyễn Văn A, Bí thư Tỉnh ủy, Phó Bí thư Tỉnh ủy, ",
    "stack-provinces": "Phó Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Savannakhet, ",
    "country-in-bodies": "Ủy ban MTTQ Việt Nam tỉnh, Việt Nam, ",
    "chair-list": "đồng chí Nguyễn Văn A, Bí thư Tỉnh ủy chủ trì; ",
    "appointed-list": "ông Nguyễn Văn A giữ chức Bí thư Tỉnh ủy; ",
    "coordinated": "đồng chí Nguyễn Văn A và đồng chí Trần Văn B được bầu giữ chức Phó Bí thư Tỉnh ủy, ",
    "list-header": "Ban Thường vụ Tỉnh ủy gồm: Nguyễn Văn A, ",
}


def article_facts(line: str) -> ArticleFacts:
    raw = f"Hội nghị Tỉnh ủy Cần Thơ\n08/10/2019\n\n(CTO)- {line}\n"
    return ArticleFacts(article=parse_text_article(raw, "bench.txt", "bench"))


def run_once(line: str) -> dict[str, float]:
    """Seconds per extractor (in pipeline order, sharing one ArticleFacts as extract does) and
    for the mapping."""
    facts = article_facts(line)
    times: dict[str, float] = {}
    for component in REGISTRY.of_kind("extractor"):
        start = time.process_time()
        component.run(facts.article, facts)
        times[component.name] = time.process_time() - start
    start = time.process_time()
    map_facts(facts)
    times["mapping"] = time.process_time() - start
    return times


def fill(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit.encode()))


def measure(name: str, size: int, bound: float) -> tuple[float, str]:
    """(the slowest step's seconds or estimate, a report line); an extractor that raises (a
    recursion too deep, say) fails the input."""
    try:
        return _measure(name, size, bound)
    except ReadError as e:
        return 0.0, f"{name:15s} refused by the reader: {e}"
    except Exception as e:  # noqa: BLE001 (reported, and counted over the bound)
        return math.inf, f"{name:15s} FAILED: {type(e).__name__}: {str(e)[:80]}"


def _best_of(unit: str, size: int, runs: int = 2) -> dict[str, float]:
    """The faster of ``runs`` runs (CPU time still varies on a shared machine)."""
    return min((run_once(fill(unit, size)) for _ in range(runs)), key=lambda t: sum(t.values()))


def _measure(name: str, size: int, bound: float) -> tuple[float, str]:
    unit = UNITS[name]
    small, big = _best_of(unit, size // 20), _best_of(unit, size // 10)
    t_small, t_big = sum(small.values()), sum(big.values())
    growth = math.log2(t_big / t_small) if t_small > 0.02 else 1.0
    estimate = t_big * 10 ** max(growth, 1.0)
    # under a quarter of a second at a tenth of the size, even a square law ends in 25 s: run it
    if t_big >= 0.25 and estimate > 4 * bound:
        step = max(big, key=lambda k: big[k] / max(small[k], 1e-4))
        return estimate, (f"{name:15s} NOT RUN: {t_small:.2f}s at {size // 20:,} B, {t_big:.2f}s at "
                          f"{size // 10:,} B (x{2 ** growth:.1f} per doubling, worst in {step}); "
                          f"~{estimate:.0f}s estimated at {size:,} B")
    times = run_once(fill(unit, size))
    slowest = max(times, key=lambda k: times[k])
    total = sum(times.values())
    if t_big > 0.02:  # growth from a tenth of the size to all of it
        growth = math.log2(max(total, 1e-6) / t_big) / math.log2(10)
    return times[slowest], (f"{name:15s} total {total:6.2f}s  slowest {slowest} "
                            f"{times[slowest]:.2f}s  (x{2 ** growth:.1f} per doubling)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=MB, help="bytes per adversarial line")
    ap.add_argument("--bound", type=float, default=5.0,
                    help="CPU seconds allowed per step (each extractor, the mapping) on one input")
    ap.add_argument("-k", dest="only", help="run the inputs whose name contains this")
    args = ap.parse_args()
    load()
    prepare()
    worst, failed = 0.0, []
    for name in UNITS:
        if args.only and args.only not in name:
            continue
        seconds, line = measure(name, args.size, args.bound)
        print(line, flush=True)
        worst = max(worst, seconds)
        if seconds > args.bound:
            failed.append(name)
    print(f"worst step {worst:.2f}s (bound {args.bound}s); over the bound: {failed or 'none'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
