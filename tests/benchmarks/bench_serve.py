"""Load benchmark of ``civickg serve``: concurrent clients running the example queries.

    python tests/benchmarks/bench_serve.py [--triples 1000000] [--clients 32] [--seconds 60]
                                           [--store DIR] [--workers N] [--timeout S]
                                           [--cache-mb MB] [--unique]

Builds (or reuses, with --store) a synthetic graph of ≥ --triples triples with the generator of
``bench_store.py``, starts the real server on a free loopback port, then runs --clients
concurrent HTTP clients, each cycling through examples/queries/*.rq (POSTed as
application/sparql-query, JSON results) for --seconds. Reports throughput, p50/p90/p99/max
latency overall and per query, and every failed request. Loopback only; bounded in time.
Not collected by pytest (the file name does not start with test_).

Three ways to run it, from kindest to hardest:
  (default)             the server keeps answers (--cache-mb 64): repeated queries are answered
                        from memory, as a shared server answering the same queries would;
  --cache-mb 0          no answers kept, but identical requests in flight still share one run;
  --cache-mb 0 --unique every request is made unique (a comment with its number), so each one
                        runs its query: the cold cost of the example queries.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[2]
DISTINCT = "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?p ?o { GRAPH ?g { ?s ?p ?o } } }"
sys.path.insert(0, str(Path(__file__).resolve().parent))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tree_cpu(root: int) -> float:
    """CPU seconds (user + system) of ``root`` and its live descendants, from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    stats: dict[int, list[str]] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stats[int(d.name)] = (d / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
    tree, grew = {root}, True
    while grew:
        new = {pid for pid, f in stats.items() if int(f[1]) in tree} - tree
        grew, tree = bool(new), tree | new
    return sum(int(stats[p][11]) + int(stats[p][12]) for p in tree if p in stats) / tick


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] if xs else float("nan")


async def client(url: str, queries: list[tuple[str, str]], start: int, until: float,
                 lat: dict[str, list[float]], failures: list[str], unique: bool) -> None:
    async with httpx.AsyncClient(timeout=120) as http:
        i = start
        while time.monotonic() < until:
            name, q = queries[i % len(queries)]
            if unique:  # defeats the answer cache and the sharing of identical requests
                q += f"\n# client {start} request {i}\n"
            i += 1
            t = time.perf_counter()
            try:
                r = await http.post(url, content=q.encode(), headers={
                    "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
                # parsing MB-sized JSON here would measure this client, not the server
                ok = r.status_code == 200 and r.content.startswith(b'{"head"')
            except httpx.HTTPError as e:
                ok, r = False, e  # type: ignore[assignment]
            dt = time.perf_counter() - t
            if ok:
                lat[name].append(dt)
            else:
                failures.append(f"{name}: {getattr(r, 'status_code', type(r).__name__)} {getattr(r, 'text', r)!s:.200}")


async def load(url: str, queries: list[tuple[str, str]], clients: int, seconds: float, unique: bool
               ) -> tuple[dict[str, list[float]], list[str], float]:
    lat: dict[str, list[float]] = defaultdict(list)
    failures: list[str] = []
    t = time.monotonic()
    until = t + seconds
    await asyncio.gather(*(client(url, queries, k, until, lat, failures, unique) for k in range(clients)))
    return lat, failures, time.monotonic() - t


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--store", type=Path, help="reuse (or build into) this store directory")
    ap.add_argument("--workers", type=int, default=0, help="server query workers (default: server's)")
    ap.add_argument("--timeout", type=float, default=30.0)
    ap.add_argument("--cache-mb", type=float, default=64.0, help="server answer cache (0: none)")
    ap.add_argument("--unique", action="store_true", help="make every request unique: each runs its query")
    args = ap.parse_args()
    queries = [(f.stem, f.read_text(encoding="utf-8")) for f in sorted((REPO / "examples" / "queries").glob("*.rq"))]
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store or Path(tmp) / "store"
        if not store.is_dir():
            from bench_store import build

            t = time.perf_counter()
            build(store, int(args.triples * 1.25))  # the mapper's count; shared entity triples are stored once
            print(f"built the graph in {time.perf_counter() - t:.0f} s")
        port = free_port()
        cmd = [sys.executable, "-c", "from civickg.cli import main; main()", "serve", "--store", str(store),
               "--port", str(port), "--log-level", "warning", "--timeout", str(args.timeout),
               "--cache-mb", str(args.cache_mb)]
        if args.workers:
            cmd += ["--workers", str(args.workers)]
        proc = subprocess.Popen(cmd)
        url = f"http://127.0.0.1:{port}/sparql"
        try:
            for _ in range(600):
                try:
                    n = httpx.get(url, params={"query": "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"},
                                  timeout=60).json()["results"]["bindings"][0]["n"]["value"]
                    break
                except (httpx.TransportError, KeyError, ValueError):
                    time.sleep(0.1)
            distinct = httpx.get(url, params={"query": DISTINCT}, timeout=120).json()
            distinct = int(distinct["results"]["bindings"][0]["n"]["value"])
            print(f"graph: {int(n):,} quads, {distinct:,} distinct triples; {args.clients} clients x "
                  f"{len(queries)} example queries for {args.seconds:g} s; cache {args.cache_mb:g} MB"
                  f"{', every request unique' if args.unique else ''}; {os.cpu_count()} CPUs, "
                  f"load average before {os.getloadavg()[0]:.2f}")
            cpu0, own0 = tree_cpu(proc.pid), time.process_time()
            lat, failures, wall = asyncio.run(load(url, queries, args.clients, args.seconds, args.unique))
            cpu, own = tree_cpu(proc.pid) - cpu0, time.process_time() - own0
            print(f"load average after {os.getloadavg()[0]:.2f} (other processes share these CPUs)")
        finally:
            proc.terminate()
            proc.wait(30)
    every = [x for v in lat.values() for x in v]
    print(f"{'query':40} {'n':>6} {'p50':>8} {'p99':>8} {'max':>8}")
    for name, _ in queries:
        v = lat.get(name, [])
        if v:
            print(f"{name:40} {len(v):>6} {pct(v, 50) * 1000:>6.0f}ms {pct(v, 99) * 1000:>6.0f}ms "
                  f"{max(v) * 1000:>6.0f}ms")
    print(f"requests: {len(every) + len(failures)} in {wall:.1f} s = {len(every) / wall:.1f} req/s; "
          f"failed: {len(failures)}")
    if every:
        print(f"latency: p50 {pct(every, 50) * 1000:.0f} ms, p90 {pct(every, 90) * 1000:.0f} ms, "
              f"p99 {pct(every, 99) * 1000:.0f} ms, max {max(every) * 1000:.0f} ms, "
              f"mean {statistics.mean(every) * 1000:.0f} ms")
    done = len(every) + len(failures)
    if done:
        print(f"CPU: server and its workers {cpu / wall * 100:.0f}% of one CPU, {cpu / done * 1000:.1f} ms per "
              f"request; these clients {own / done * 1000:.1f} ms per request. {os.cpu_count()} CPUs free for "
              f"the server would allow about {os.cpu_count() / (cpu / done):.0f} req/s.")
    for f in failures[:10]:
        print("FAILED", f)
    ok = not failures and every and pct(every, 99) < 1.0
    print("p99 < 1 s and no failures" if ok else "target missed (p99 >= 1 s or failures)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
