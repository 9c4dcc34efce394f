"""Extraction throughput on seed-sized articles (one core).

    python tests/benchmarks/bench_extract.py [--rounds 20]

Reads the shared seed/dev corpus (or examples/articles when ../shared is absent), warms up,
then times read+extract and extract alone over several rounds (CPU time of this process, so
other load on the machine does not count); prints medians in articles/s per core.
Target (issue 2): >= 300 articles/s on one core.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from civickg.model import ReadError
from civickg.pipeline import extract
from civickg.read import iter_articles

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()
    shared = ROOT.parent / "shared" / "corpus"
    paths = [str(shared)] if shared.exists() else [str(ROOT / "examples" / "articles")]
    t0 = time.process_time()
    articles = [a for a in iter_articles(paths) if not isinstance(a, ReadError)]
    for a in articles:  # warm caches: lexicons, gazetteer
        extract(a)
    print(f"{len(articles)} articles, {sum(len(a.raw) for a in articles) / len(articles):.0f} chars each; "
          f"start-up incl. gazetteer {time.process_time() - t0:.2f} s")
    extract_rates, full_rates = [], []
    for _ in range(args.rounds):
        t = time.process_time()
        for a in articles:
            extract(a)
        extract_rates.append(len(articles) / (time.process_time() - t))
        t = time.process_time()
        for a in iter_articles(paths):
            if not isinstance(a, ReadError):
                extract(a)
        full_rates.append(len(articles) / (time.process_time() - t))
    print(f"extract only:  median {statistics.median(extract_rates):7.1f} articles/s "
          f"(min {min(extract_rates):.1f}, max {max(extract_rates):.1f})")
    print(f"read+extract:  median {statistics.median(full_rates):7.1f} articles/s")


if __name__ == "__main__":
    main()
