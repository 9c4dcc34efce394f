"""Extraction throughput on seed-sized articles (one core).

    python tests/benchmarks/bench_extract.py [--rounds 10] [--size CHARS]

Articles: every article of the shared corpus (``../shared/corpus``) and of ``tests/data/heldout*``
(``examples/articles`` and ``tests/data`` when ../shared is absent) is read once, and consecutive
ones are joined — the title and time line of the first, then the body paragraphs of it and of the
next ones — into distinct articles of the seed's size (``--size``, default the mean size of
``../shared/corpus/seed/*.txt`` in bytes, else 5500). No paragraph is used twice, so every article
of a round is different text.

Timing: CPU time of this process (``time.process_time``), so other load on the machine does not
count. One warm-up round is run first and not counted (it loads the lexicons and the gazetteer:
start-up, reported separately). Before every round the per-text memos are emptied — every
bounded ``functools.lru_cache`` in civickg (word keys, match keys, token info); the unbounded
``functools.cache`` tables are the lexicons and the gazetteer, loaded once — so no round gains
from having seen the same text in an earlier one. Medians over the rounds, in articles/s.
Target (issue 2): >= 300 articles/s on one core on seed-sized articles.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import sys
import time
from pathlib import Path

from civickg.model import Article, ReadError
from civickg.pipeline import extract
from civickg.read import iter_articles
from civickg.read.text import parse_text_article

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "corpus"
_MEMO = type(functools.lru_cache(maxsize=1)(len))


def sources() -> list[Article]:
    if SHARED.exists():
        paths = [SHARED, *sorted((ROOT / "tests" / "data").glob("heldout*"))]
    else:
        paths = [ROOT / "examples" / "articles", ROOT / "tests" / "data"]
    return [a for a in iter_articles([str(p) for p in paths if p.exists()]) if not isinstance(a, ReadError)]


def seed_size() -> int:
    seed = sorted((SHARED / "seed").glob("*.txt")) if SHARED.exists() else []
    return round(sum(p.stat().st_size for p in seed) / len(seed)) if seed else 5500


def joined(articles: list[Article], size: int) -> list[str]:
    """Raw texts of distinct articles of about ``size`` bytes (UTF-8): the title and time line of
    an article, then body paragraphs in corpus order until the size is reached; every paragraph
    is used once."""
    stream = [(a.text[: a.body_span.start].rstrip("\n"), a.text[p.start : p.end])
              for a in articles for p in a.paragraphs]
    out: list[str] = []
    k = 0
    while k < len(stream):
        head, paras = stream[k][0], []
        while k < len(stream) and len("\n\n".join([head, *paras]).encode()) < size:
            paras.append(stream[k][1])
            k += 1
        raw = "\n\n".join([head, *paras]) + "\n"
        if len(raw.encode()) >= size * 0.9:
            out.append(raw)
    return out


def clear_text_caches() -> int:
    """Empty every bounded lru_cache of civickg (the per-text memos); returns how many."""
    n = 0
    for name, module in list(sys.modules.items()):
        if not name.startswith("civickg") or module is None:
            continue
        for obj in list(vars(module).values()):
            if isinstance(obj, _MEMO) and obj.cache_parameters()["maxsize"] is not None and obj.__module__ == name:
                obj.cache_clear()
                n += 1
    return n


def rate(raws: list[str], read: bool, parsed: list[Article]) -> float:
    clear_text_caches()
    t = time.process_time()
    if read:
        for n, raw in enumerate(raws):
            extract(parse_text_article(raw, f"bench-{n}.txt", f"bench-{n}"))
    else:
        for a in parsed:
            extract(a)
    return len(raws) / (time.process_time() - t)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--size", type=int, default=0, help="bytes per article (default: the seed's mean)")
    args = ap.parse_args()
    t0 = time.process_time()
    src = sources()
    size = args.size or seed_size()
    raws = joined(src, size)
    parsed = [parse_text_article(raw, f"bench-{n}.txt", f"bench-{n}") for n, raw in enumerate(raws)]
    for a in parsed:  # warm-up (not counted): lexicons, gazetteer, compiled patterns
        extract(a)
    memos = clear_text_caches()
    mean = sum(len(r.encode()) for r in raws) / len(raws)
    print(f"{len(raws)} distinct articles of {mean:.0f} bytes (target {size}) "
          f"joined from {len(src)} corpus articles of {sum(len(a.raw.encode()) for a in src) / len(src):.0f} bytes; "
          f"start-up incl. gazetteer and warm-up round {time.process_time() - t0:.2f} s CPU; "
          f"{memos} per-text memos emptied before each round")
    extract_rates = [rate(raws, False, parsed) for _ in range(args.rounds)]
    full_rates = [rate(raws, True, parsed) for _ in range(args.rounds)]
    own = []
    for _ in range(args.rounds):
        clear_text_caches()
        t = time.process_time()
        for a in src:
            extract(a)
        own.append(len(src) / (time.process_time() - t))
    print(f"extract only:  median {statistics.median(extract_rates):7.1f} articles/s "
          f"(min {min(extract_rates):.1f}, max {max(extract_rates):.1f}) on seed-sized articles")
    print(f"read+extract:  median {statistics.median(full_rates):7.1f} articles/s on seed-sized articles")
    print(f"extract only:  median {statistics.median(own):7.1f} articles/s on the corpus articles as they are")


if __name__ == "__main__":
    main()
