"""Scale benchmark on generated corpora (``civickg synth``).

    python tests/benchmarks/bench_scale.py [--sizes 1000 10000] [--jobs 1 2] [--dir DIR]
        [--nquads-jobs 2] [--load [--oxigraph-load]]
        [--queries-at 4600 46000] [--query-store PATH ...] [--rdflib-max-quads 2000000]
        [--rdflib-timeout 900] [--rdflib-mem-gb 8] [--no-queries] [--json FILE]

For each size N (the corpus is generated once into --dir and reused): extraction throughput
(read + extract, CPU time of one process, articles/s per core, on the first 1,000 articles);
a full ``civickg build`` in a fresh process for each --jobs value (wall time, articles/s, peak
RSS of the whole process tree sampled from /proc, quads in the store, size on disk); then the
unchanged rebuild (``--incremental``, same --jobs) against each first build. With --nquads-jobs,
also ``civickg build --nquads`` (no store: one N-Quads file, uncompressed for a bulk loader) for each of
those job counts; with --load, ``civickg load`` of that file into an empty store (the two-step
first build of a big corpus), and with --oxigraph-load also Oxigraph's own CLI loader
(``oxigraph load``, from the ``oxigraph`` package) for comparison. ``--jobs`` with no value
skips the builds into a store. The 1-minute load average is printed with each figure:
other processes sharing the cores slow everything down.

Queries: every examples/queries/*.rq on embedded stores built from --queries-at corpora (sizes
in articles; ~220 quads each, so 4,600 ≈ 10^6 and 46,000 ≈ 10^7 quads) and on any --query-store,
first run and median of 5; then the same quads loaded into rdflib's in-memory Dataset in a child
process bounded by --rdflib-timeout seconds and --rdflib-mem-gb (load time, RSS, and each query
capped at 120 s), for stores up to --rdflib-max-quads, and at larger ones as far as the bounds
allow (reported as such). Runs from the source tree (``python -m civickg`` with ``src/`` first on the path), or the
installed civickg with ``--installed`` (compiled when installed with ``pip install .``).
Not collected by pytest (the file name does not start with test_).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-m", "civickg"]
INSTALLED = False  # --installed: run the civickg this interpreter has installed (compiled by pip install .)
QUERIES = sorted((REPO / "examples" / "queries").glob("*.rq"))
RESULTS: dict[str, Any] = {"sizes": {}, "queries": {}}


def load() -> str:
    return f"load {os.getloadavg()[0]:.2f}"


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


def _tree_cpu(pid: int, seen: dict[int, float]) -> None:
    """Record the CPU seconds (user + system) so far of ``pid`` and all its descendants."""
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            seen[p] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            for t in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (t / "children").read_text().split()]
        except (OSError, IndexError):
            pass


CPU: dict[str, float] = {}  # CPU seconds of the last run_measured command's process tree


def run_measured(cmd: list[str], timeout: float | None = None) -> tuple[float, int, str]:
    """(wall seconds, peak tree RSS in MB, stdout) of a command; its tree's CPU seconds (sampled
    every 0.1 s, so a process's last tenth of a second may be missed) go to ``CPU["last"]``."""
    peak = 0
    cpu: dict[int, float] = {}
    env = dict(os.environ)
    if not INSTALLED:
        env["PYTHONPATH"] = str(REPO / "src")
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(proc.pid))
            _tree_cpu(proc.pid, cpu)
            time.sleep(0.1)

    th = threading.Thread(target=sample)
    th.start()
    try:
        out, _ = proc.communicate(timeout=timeout)
    finally:
        done.set()
        th.join()
    CPU["last"] = sum(cpu.values())
    if proc.returncode:
        raise RuntimeError(f"{cmd} failed: {out}")
    return time.perf_counter() - t, peak // 1024, out


def corpus(n: int, root: Path) -> Path:
    from civickg.synth import write_corpus

    d = root / f"corpus-{n}"
    if not (d / ".complete").exists():
        t = time.perf_counter()
        write_corpus(n, d, seed=2026)
        (d / ".complete").touch()
        print(f"generated {n} articles in {time.perf_counter() - t:.1f} s")
    return d


def extraction_rate(corpus_dir: Path, limit: int = 1000) -> tuple[float, float]:
    """(read+extract, map) articles/s of CPU time in this process, on ``limit`` articles."""
    from civickg.mapping import map_facts, prepare
    from civickg.model import Article
    from civickg.pipeline import extract
    from civickg.read import iter_articles

    prepare()
    files = [str(f) for f in sorted(corpus_dir.glob("*.txt"))[:limit]]
    extract(next(a for a in iter_articles(files[:1]) if isinstance(a, Article)))  # warm
    t = time.process_time()
    facts = [extract(a) for a in iter_articles(files) if isinstance(a, Article)]
    t_extract = time.process_time() - t
    t = time.process_time()
    for f in facts:
        map_facts(f).nquads()
    return len(facts) / t_extract, len(facts) / (time.process_time() - t)


def store_quads(path: Path) -> int:
    import pyoxigraph as ox

    s = ox.Store.read_only(str(path))
    try:
        return len(s)
    finally:
        del s


def disk_mb(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) // 2**20


def bench_nquads(n: int, src: Path, jobs: list[int], root: Path, load_store: bool,
                 oxigraph_load: bool) -> dict[str, Any]:
    """``civickg build --nquads`` for each job count, then (``load_store``) ``civickg load`` of the
    last file into an empty store, and (``oxigraph_load``) Oxigraph's CLI loader for comparison."""
    import shutil

    out: dict[str, Any] = {}
    target = root / f"graph-{n}.nq"  # uncompressed: the loader reads it itself (gzip goes through Python)
    for j in jobs:
        before = load()
        wall, rss, _ = run_measured([*CLI, "build", str(src), "--nquads", str(target), "--jobs", str(j)])
        mb = target.stat().st_size // 2**20
        print(f"build --nquads --jobs {j}: {wall:.1f} s wall, {CPU['last']:.0f} s CPU ({CPU['last'] / n * 1e3:.1f} ms "
              f"an article), {n / wall:.0f} articles/s, peak RSS {rss} MB (tree); {mb:,} MB of N-Quads  "
              f"[{before}; after {load()}]")
        out[f"nquads_jobs{j}"] = {"seconds": round(wall, 1), "cpu_seconds": round(CPU["last"], 1),
                                  "articles_per_s": round(n / wall), "peak_rss_mb": rss, "file_mb": mb,
                                  "load_before": before}
    loaders: dict[str, list[str]] = {}  # name: the command, less the store directory it ends with
    if load_store:
        loaders["civickg load"] = [*CLI, "load", str(target), "--store"]
        if oxigraph_load and (exe := shutil.which("oxigraph")):
            loaders["oxigraph load"] = [exe, "load", "--file", str(target), "--location"]
    for name, cmd in loaders.items():
        location = root / f"loaded-{n}"
        shutil.rmtree(location, ignore_errors=True)
        before = load()
        wall, rss, _ = run_measured([*cmd, str(location)])
        quads = store_quads(location)
        print(f"{name} of that file into an empty store: {wall:.1f} s wall, {CPU['last']:.0f} s CPU, peak RSS "
              f"{rss} MB; {quads:,} quads, {disk_mb(location):,} MB on disk  [{before}; after {load()}]")
        out[name.replace(" ", "_")] = {"seconds": round(wall, 1), "cpu_seconds": round(CPU["last"], 1),
                                       "peak_rss_mb": rss, "quads": quads, "load_before": before}
        shutil.rmtree(location, ignore_errors=True)
    target.unlink(missing_ok=True)
    return out


def bench_size(n: int, jobs: list[int], root: Path, nquads_jobs: list[int] | None = None,
               load_store: bool = False, oxigraph_load: bool = False) -> Path:
    src = corpus(n, root)
    size = {}
    rate, map_rate = extraction_rate(src)
    print(f"\n== {n} articles ({sum(f.stat().st_size for f in src.glob('*.txt')) / n / 1024:.1f} KB each)")
    print(f"extraction (read+extract, 1 core CPU time, 1,000 articles): {rate:.0f} articles/s; "
          f"mapping to N-Quads: {map_rate:.0f} articles/s  [{load()}]")
    size["extraction_per_core"] = round(rate)
    size["mapping_per_core"] = round(map_rate)
    firsts = {}
    store = root / "none"
    for j in jobs:
        store = root / f"store-{n}-{j}"
        if store.exists():
            import shutil

            shutil.rmtree(store)
        before = load()
        wall, rss, out = run_measured([*CLI, "build", str(src), "--store", str(store), "--jobs", str(j)])
        quads = store_quads(store)
        firsts[j] = wall
        print(f"build --jobs {j}: {wall:.1f} s wall, {CPU['last']:.0f} s CPU ({CPU['last'] / n * 1e3:.1f} ms "
              f"an article), {n / wall:.0f} articles/s, peak RSS {rss} MB "
              f"(tree); {quads:,} quads in the store, {disk_mb(store):,} MB on disk  [{before}; after {load()}]")
        size[f"build_jobs{j}"] = {"seconds": round(wall, 1), "cpu_seconds": round(CPU["last"], 1),
                                  "articles_per_s": round(n / wall),
                                  "peak_rss_mb": rss, "quads": quads, "disk_mb": disk_mb(store),
                                  "load_before": before, "load_after": load()}
    if nquads_jobs:
        size.update(bench_nquads(n, src, nquads_jobs, root, load_store, oxigraph_load))
    for j in jobs[-1:]:
        before = load()
        wall, rss, out = run_measured([*CLI, "build", str(src), "--store", str(store), "--jobs", str(j),
                                       "--incremental"])
        ratios = ", ".join(f"{firsts[k] / wall:.0f}x the --jobs {k} build" for k in firsts)
        print(f"unchanged rebuild (--incremental --jobs {j}): {wall:.2f} s, peak RSS {rss} MB; "
              f"{ratios} ({out.split(',')[2].strip()})  [{before}]")
        size["unchanged_rebuild"] = {"seconds": round(wall, 2), "peak_rss_mb": rss, "load_before": before,
                                     **{f"speedup_vs_jobs{k}": round(firsts[k] / wall) for k in firsts}}
    RESULTS["sizes"][str(n)] = size
    return store


def bench_queries_embedded(path: Path, label: str, reps: int = 5) -> dict[str, Any]:
    import pyoxigraph as ox

    quads = store_quads(path)
    print(f"\n== example queries, embedded store {label}: {quads:,} quads  [{load()}]")
    s = ox.Store.read_only(str(path))
    out: dict[str, Any] = {"quads": quads, "load": load(), "embedded": {}}
    for q in QUERIES:
        text = q.read_text(encoding="utf-8")
        t = time.perf_counter()
        rows = len(list(s.query(text, use_default_graph_as_union=True)))
        first = time.perf_counter() - t
        times = []
        for _ in range(reps):
            t = time.perf_counter()
            list(s.query(text, use_default_graph_as_union=True))
            times.append(time.perf_counter() - t)
        med = statistics.median(times)
        out["embedded"][q.stem] = {"rows": rows, "first_ms": round(first * 1000, 1),
                                   "median_ms": round(med * 1000, 1)}
        print(f"embedded {q.stem:36} {rows:>6} rows  first {first * 1000:8.1f} ms  median {med * 1000:8.1f} ms")
    del s
    return out


_RDFLIB_CHILD = r"""
import resource, signal, statistics, sys, time, json
from pathlib import Path
limit = int(sys.argv[3]) * 2**30
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from rdflib import Dataset
def rss():
    return int(Path('/proc/self/status').read_text().split('VmRSS:')[1].split()[0]) // 1024
t = time.perf_counter()
ds = Dataset(default_union=True)
try:
    ds.parse(sys.argv[1], format="nquads")
except MemoryError:
    print(json.dumps({"event": "load-failed", "why": "memory limit", "seconds": time.perf_counter() - t}), flush=True)
    sys.exit(0)
print(json.dumps({"event": "loaded", "seconds": round(time.perf_counter() - t, 1), "rss_mb": rss(),
                  "quads": len(ds)}), flush=True)
class Late(Exception):
    pass
def alarm(*_):
    raise Late
signal.signal(signal.SIGALRM, alarm)
for q in sys.argv[2].split(","):
    text = Path(q).read_text(encoding="utf-8")
    times = []
    try:
        for _ in range(2):
            signal.alarm(120)
            t = time.perf_counter()
            rows = len(list(ds.query(text)))
            times.append(time.perf_counter() - t)
            signal.alarm(0)
        print(json.dumps({"event": "query", "query": Path(q).stem, "rows": rows,
                          "median_ms": round(statistics.median(times) * 1000, 1)}), flush=True)
    except Late:
        print(json.dumps({"event": "query", "query": Path(q).stem, "over_s": 120}), flush=True)
    except MemoryError:
        print(json.dumps({"event": "query", "query": Path(q).stem, "failed": "memory limit"}), flush=True)
"""


def bench_queries_rdflib(path: Path, timeout: float, mem_gb: int) -> dict[str, Any]:
    """The store's quads in rdflib's in-memory Dataset, in a bounded child process."""
    import pyoxigraph as ox

    with tempfile.TemporaryDirectory(dir=path.parent) as tmp:
        nq = Path(tmp) / "dump.nq"
        s = ox.Store.read_only(str(path))
        with nq.open("wb") as f:
            from civickg.store.dump import dump_nquads

            class _Wrap:
                _store = s

            dump_nquads(_Wrap(), f)
        del s
        cmd = [sys.executable, "-c", _RDFLIB_CHILD, str(nq), ",".join(map(str, QUERIES)), str(mem_gb)]
        peak, lines, t = 0, [], time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        done = threading.Event()

        def read() -> None:
            assert proc.stdout is not None
            for line in proc.stdout:
                lines.append(json.loads(line))
            done.set()

        threading.Thread(target=read, daemon=True).start()
        while not done.is_set() and time.perf_counter() - t < timeout:
            peak = max(peak, _tree_rss_kb(proc.pid) // 1024)
            time.sleep(0.5)
        timed_out = not done.is_set()
        if timed_out:
            proc.kill()
        proc.wait()
    out: dict[str, Any] = {"peak_rss_mb": peak, "timed_out": timed_out, "events": lines}
    loaded = next((e for e in lines if e["event"] == "loaded"), None)
    if loaded:
        print(f"rdflib Dataset: loaded in {loaded['seconds']} s, RSS {loaded['rss_mb']} MB")
    else:
        why = next((e["why"] for e in lines if e["event"] == "load-failed"), None)
        print(f"rdflib Dataset: not loaded ({why or f'still loading after {timeout:.0f} s'}; "
              f"peak RSS {peak} MB)")
    for e in lines:
        if e["event"] == "query":
            if "median_ms" in e:
                print(f"rdflib   {e['query']:36} {e['rows']:>6} rows  median {e['median_ms']:8.1f} ms")
            else:
                print(f"rdflib   {e['query']:36} {'over 120 s' if 'over_s' in e else e['failed']}")
    if timed_out and loaded:
        print(f"rdflib: stopped after {timeout:.0f} s")
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    ap.add_argument("--jobs", type=int, nargs="*", default=[1, 2])
    ap.add_argument("--nquads-jobs", type=int, nargs="*", default=[])
    ap.add_argument("--load", action="store_true", help="civickg load the --nquads file into an empty store")
    ap.add_argument("--oxigraph-load", action="store_true", help="with --load: also Oxigraph's CLI loader")
    ap.add_argument("--dir", type=Path)
    ap.add_argument("--queries-at", type=int, nargs="*", default=[4600, 46000])
    ap.add_argument("--query-store", type=Path, nargs="*", default=[])
    ap.add_argument("--rdflib-max-quads", type=int, default=2_000_000)
    ap.add_argument("--rdflib-timeout", type=float, default=900)
    ap.add_argument("--rdflib-mem-gb", type=int, default=8)
    ap.add_argument("--rdflib-always", action="store_true", help="also try rdflib above --rdflib-max-quads")
    ap.add_argument("--no-queries", action="store_true")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--installed", action="store_true",
                    help="run the installed civickg (pip install . compiles the extractor) instead of src/")
    args = ap.parse_args()
    global INSTALLED
    INSTALLED = args.installed
    if not INSTALLED:
        sys.path.insert(0, str(REPO / "src"))
    import civickg

    print(f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}; civickg from {Path(civickg.__file__).parent}, "
          f"extractor {'compiled' if civickg.compiled() else 'pure Python'}  [{load()}]")
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        root = args.dir or Path(tmp)
        for n in args.sizes:
            bench_size(n, args.jobs, root, args.nquads_jobs, args.load, args.oxigraph_load)
        if not args.no_queries:
            stores = list(args.query_store)
            for n in args.queries_at:
                store = root / f"qstore-{n}"
                if not store.exists():
                    wall, rss, _ = run_measured([*CLI, "build", str(corpus(n, root)), "--store", str(store),
                                                 "--jobs", "2"])
                    print(f"query store of {n} articles built in {wall:.0f} s")
                stores.append(store)
            for store in stores:
                res = bench_queries_embedded(store, store.name)
                if res["quads"] <= args.rdflib_max_quads or args.rdflib_always:
                    res["rdflib"] = bench_queries_rdflib(store, args.rdflib_timeout, args.rdflib_mem_gb)
                RESULTS["queries"][store.name] = res
    if args.json:
        args.json.write_text(json.dumps(RESULTS, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
