"""Scale benchmark on generated corpora (``civickg synth``).

    python tests/benchmarks/bench_scale.py [--sizes 1000 10000] [--jobs 1 2] [--triples 1000000]
                                           [--dir DIR] [--no-queries]

For each size N: extraction throughput (read + extract, CPU time of one process, articles/s
per core, on the first 1,000 articles); a full ``civickg build`` in a fresh process for each
--jobs value (wall time, articles/s, peak RSS of the whole process tree sampled from /proc);
then the unchanged rebuild (``--incremental``) against the first build. Last, the example
queries on an embedded store of --triples quads (filled by bench_store's synthetic articles)
and the same quads in rdflib's in-memory Dataset (each query capped at 120 s).
Not collected by pytest (the file name does not start with test_).
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))


def _tree_rss_kb(pid: int) -> int:
    """RSS of ``pid`` and all its descendants."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += int(status.split("VmRSS:")[1].split()[0])
            for t in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (t / "children").read_text().split()]
        except (OSError, IndexError):
            pass
    return total


def run_measured(cmd: list[str]) -> tuple[float, int, str]:
    """(wall seconds, peak tree RSS in MB, stdout) of a command."""
    peak = 0
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(proc.pid))
            time.sleep(0.1)

    th = threading.Thread(target=sample)
    th.start()
    out, _ = proc.communicate()
    done.set()
    th.join()
    if proc.returncode:
        raise RuntimeError(f"{cmd} failed: {out}")
    return time.perf_counter() - t, peak // 1024, out


def extraction_rate(corpus: Path, limit: int = 1000) -> float:
    from civickg.model import Article
    from civickg.pipeline import extract
    from civickg.read import iter_articles

    files = sorted(corpus.glob("*.txt"))[:limit]
    extract(next(a for a in iter_articles([str(files[0])]) if isinstance(a, Article)))  # warm
    t = time.process_time()
    n = 0
    for a in iter_articles([str(f) for f in files]):
        if isinstance(a, Article):
            extract(a)
            n += 1
    return n / (time.process_time() - t)


def bench_size(n: int, jobs: list[int], root: Path) -> None:
    from civickg.synth import write_corpus

    corpus = root / f"corpus-{n}"
    t = time.perf_counter()
    write_corpus(n, corpus, seed=2026)
    print(f"\n== {n} articles (generated in {time.perf_counter() - t:.1f} s, "
          f"{sum(f.stat().st_size for f in corpus.glob('*.txt')) / n / 1024:.1f} KB each)")
    print(f"extraction (read+extract, 1 core CPU time): {extraction_rate(corpus):.0f} articles/s")
    first = None
    for j in jobs:
        store = root / f"store-{n}-{j}"
        cmd = ["civickg", "build", str(corpus), "--store", str(store), "--jobs", str(j)]
        wall, rss, out = run_measured(cmd)
        first = first or (wall, store, cmd)
        print(f"build --jobs {j}: {wall:.1f} s wall, {n / wall:.0f} articles/s, peak RSS {rss} MB "
              f"(tree); {out.strip().split(';')[-1].strip()}")
    wall0, store, cmd = first
    wall, rss, out = run_measured([*cmd[:-2], "--incremental"])
    print(f"unchanged rebuild (--incremental): {wall:.2f} s, peak RSS {rss} MB; "
          f"{wall0 / wall:.0f}x faster than the first build ({out.split(',')[2].strip()})")


def _alarm(_sig: int, _frame: object) -> None:
    raise TimeoutError


def bench_queries(triples: int, root: Path) -> None:
    import bench_store
    import pyoxigraph as ox
    from rdflib import Dataset

    path = root / "qstore"
    print(f"\n== example queries at {triples:,} triples")
    bench_store.build(path, triples)
    bench_store.bench_queries(path, 5)
    nq = root / "q.nq"
    s = ox.Store.read_only(str(path))
    nq.write_bytes(ox.serialize((q for q in s if not isinstance(q.graph_name, ox.DefaultGraph)),
                                format=ox.RdfFormat.N_QUADS))
    del s
    t = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(str(nq), format="nquads")
    print(f"rdflib Dataset: loaded in {time.perf_counter() - t:.0f} s")
    signal.signal(signal.SIGALRM, _alarm)
    for q in sorted((REPO / "examples" / "queries").glob("*.rq")):
        times = []
        try:
            for _ in range(2):
                signal.alarm(120)
                t = time.perf_counter()
                rows = len(list(ds.query(q.read_text(encoding="utf-8"))))
                times.append(time.perf_counter() - t)
                signal.alarm(0)
            print(f"rdflib {q.stem:40} {rows:>6} rows {statistics.median(times) * 1000:9.0f} ms")
        except TimeoutError:
            print(f"rdflib {q.stem:40} over 120 s")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--dir", type=Path)
    ap.add_argument("--no-queries", action="store_true")
    args = ap.parse_args()
    print(f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        for n in args.sizes:
            bench_size(n, args.jobs, Path(tmp))
        if not args.no_queries:
            bench_queries(args.triples, Path(tmp))


if __name__ == "__main__":
    main()
