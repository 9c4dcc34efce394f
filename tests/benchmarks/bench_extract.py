"""Extraction throughput on seed-sized articles (one core).

    python tests/benchmarks/bench_extract.py [--rounds 20] [--size BYTES]

Three measurements, each the median (and range) over the rounds, in articles/s:

- joined: every article of the shared corpus (``../shared/corpus``) and of ``tests/data/heldout*``
  (``examples/articles`` and ``tests/data`` when ../shared is absent) is read once; their body
  paragraphs, in corpus order, are cut into distinct articles of the seed's size (``--size``,
  default the mean size of ``../shared/corpus/seed/*.txt`` in bytes, else 5500), each under the
  title and time line of the article its first paragraph comes from. No paragraph is used twice,
  so every article of a round is different text. They are denser than the seed article (leads
  of several articles: more names, titles and bodies per KB), so this is the harder figure.
- seed: the seed articles themselves (``../shared/corpus/seed``). Each round first extracts the
  other corpus articles untimed, as a corpus run would have before it, then times the seed.
- corpus: the corpus articles as they are (about 2.6 KB).

Timing: CPU time of this process (``time.process_time``), so other load on the machine counts
less (it still slows a shared core: the load average is printed). One warm-up pass is not
counted (lexicons, gazetteer, compiled patterns: start-up, reported separately). Before every
round the per-text memos are emptied — every bounded ``functools.lru_cache`` in civickg (word
keys, syllable keys, match and phrase keys, token info); the unbounded ``functools.cache``
tables are the lexicons and the gazetteer, loaded once — so no round gains from text it saw in
an earlier round: an article never profits from a repetition of itself.
Target (issue 2): >= 300 articles/s on one core on seed-sized articles. Measure the installed,
compiled extractor (``pip install .``); an editable install runs the pure-Python modules.
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import sys
import time
from pathlib import Path

import civickg
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


def timed(articles: list[Article], before: list[Article] = ()) -> float:
    """Articles/s of one round: memos emptied, ``before`` extracted untimed, then ``articles``."""
    clear_text_caches()
    for a in before:
        extract(a)
    t = time.process_time()
    for a in articles:
        extract(a)
    return len(articles) / (time.process_time() - t)


def read_timed(raws: list[str]) -> float:
    clear_text_caches()
    t = time.process_time()
    for n, raw in enumerate(raws):
        extract(parse_text_article(raw, f"bench-{n}.txt", f"bench-{n}"))
    return len(raws) / (time.process_time() - t)


def report(name: str, rates: list[float], what: str) -> None:
    print(f"{name:13s} median {statistics.median(rates):6.1f} articles/s (min {min(rates):.1f}, "
          f"max {max(rates):.1f}) {what}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--size", type=int, default=0, help="bytes per article (default: the seed's mean)")
    args = ap.parse_args()
    t0 = time.process_time()
    src = sources()
    size = args.size or seed_size()
    raws = joined(src, size)
    parsed = [parse_text_article(raw, f"bench-{n}.txt", f"bench-{n}") for n, raw in enumerate(raws)]
    seed_dir = str(SHARED / "seed")
    seed = [a for a in src if a.path.startswith(seed_dir)]
    others = [a for a in src if not a.path.startswith(seed_dir)]
    for a in parsed + src:  # warm-up (not counted): lexicons, gazetteer, compiled patterns
        extract(a)
    memos = clear_text_caches()
    mean = sum(len(r.encode()) for r in raws) / len(raws)
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"{len(raws)} joined articles of {mean:.0f} bytes (target {size}), from {len(src)} corpus articles of "
          f"{sum(len(a.raw.encode()) for a in src) / len(src):.0f} bytes; {len(seed)} seed article(s) of "
          f"{sum(len(a.raw.encode()) for a in seed) / max(len(seed), 1):.0f} bytes")
    print(f"civickg from {Path(civickg.__file__).parent}, extractor "
          f"{'compiled by mypyc' if civickg.compiled() else 'pure Python (editable install?)'}")
    print(f"start-up incl. gazetteer and warm-up {time.process_time() - t0:.2f} s CPU; {memos} per-text memos "
          f"emptied before each of {args.rounds} rounds; load average {load} on {os.cpu_count()} cores")
    report("joined", [timed(parsed) for _ in range(args.rounds)], "extract, seed-sized distinct articles")
    report("joined+read", [read_timed(raws) for _ in range(args.rounds)], "read and extract, the same")
    if seed:
        report("seed", [timed(seed, others) for _ in range(args.rounds)],
               "extract, the seed article(s), after the rest of the corpus")
    report("corpus", [timed(src) for _ in range(args.rounds)], "extract, the corpus articles as they are")


if __name__ == "__main__":
    main()
