"""What the embedded store's writes cost as it grows: pyoxigraph ``Store.bulk_load`` of real
civickg N-Quads by batch size, one load of everything, ``optimize()``.

    python tests/benchmarks/bench_bulk_load.py spool CORPUS OUT.nq [--limit N] [--jobs 2]
    python tests/benchmarks/bench_bulk_load.py load OUT.nq [--batch 100000 1000000 4000000]
        [--upto QUADS] [--dir DIR] [--once] [--optimize] [--rate QUADS_PER_S] [--lenient]

``spool`` extracts and maps the first --limit articles of CORPUS (a ``civickg synth``
directory) as a build's workers do and writes their N-Quads to OUT.nq, article after article,
printing the CPU time an article costs to read, extract and map (and to make its N-Quads).
``load`` bulk-loads OUT.nq (up to --upto quads) into a fresh on-disk store in calls of --batch
quads each (one run per size, whole articles per call), printing for every tenth of the run the
wall and CPU time (this process: RocksDB's compaction threads included) per million quads and
the bytes the process wrote to disk; ``--once`` also loads it all in one call (``path=``), and
``--optimize`` times ``Store.optimize()`` after each run. ``--rate`` paces the calls as a
build does (quads arriving at that rate; CPU counted until compaction has settled). The
1-minute load average goes with every figure: the cores may be shared. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from multiprocessing import get_context
from pathlib import Path


def load_avg() -> str:
    return f"load {os.getloadavg()[0]:.2f}"


def written_bytes() -> int:
    """Bytes this process has caused to be written to storage (/proc/self/io)."""
    for line in Path("/proc/self/io").read_text().splitlines():
        if line.startswith("write_bytes:"):
            return int(line.split()[1])
    return 0


def disk_mb(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) // 2**20


# -- spool ------------------------------------------------------------------------------------
def _spool_part(args: tuple[list[str], str]) -> tuple[int, float, float, float, float]:
    from civickg.mapping import map_facts, prepare
    from civickg.model import Article
    from civickg.pipeline import extract
    from civickg.read import iter_articles

    files, out = args
    prepare()
    n, read_s, extract_s, map_s, nq_s = 0, 0.0, 0.0, 0.0, 0.0
    with open(out, "wb") as fh:
        t = time.process_time()
        for a in iter_articles(files):
            t1 = time.process_time()
            read_s += t1 - t
            if not isinstance(a, Article):
                t = time.process_time()
                continue
            facts = extract(a)
            t2 = time.process_time()
            g = map_facts(facts)
            t3 = time.process_time()
            fh.write(g.nquads())
            t = time.process_time()
            extract_s, map_s, nq_s, n = extract_s + t2 - t1, map_s + t3 - t2, nq_s + t - t3, n + 1
    return n, read_s, extract_s, map_s, nq_s


def spool(corpus: Path, out: Path, limit: int | None, jobs: int) -> None:
    from civickg.read import expand_paths

    files = [f for f in expand_paths([str(corpus)]) if not f.endswith(".json")][:limit]
    step = -(-len(files) // jobs)
    parts = [(files[i:i + step], f"{out}.part{i // step}") for i in range(0, len(files), step)]
    start = time.perf_counter()
    with get_context("forkserver").Pool(jobs) as pool:
        results = pool.map(_spool_part, parts)
    with open(out, "wb") as fh:
        for _, part in parts:
            with open(part, "rb") as src:
                shutil.copyfileobj(src, fh, 2**24)
            os.unlink(part)
    n = sum(r[0] for r in results)
    read_s, extract_s, map_s, nq_s = (sum(r[k] for r in results) for k in range(1, 5))
    print(f"{n} articles in {time.perf_counter() - start:.1f} s wall with {jobs} processes ({load_avg()}); "
          f"CPU per article: read {read_s / n * 1e3:.2f} ms, extract {extract_s / n * 1e3:.2f} ms, "
          f"map {map_s / n * 1e3:.2f} ms, N-Quads {nq_s / n * 1e3:.2f} ms, "
          f"all {(read_s + extract_s + map_s + nq_s) / n * 1e3:.2f} ms; "
          f"{out.stat().st_size / 2**20:.0f} MB of N-Quads")


# -- load -------------------------------------------------------------------------------------
def batches(nq: Path, quads: int, upto: int | None) -> Iterator[bytes]:
    """Calls of about ``quads`` quads each, cut after an article's last quad (before the first
    quad of the next article graph that is not the entities graph)."""
    from civickg.build.spool import ENTITY_END

    entities = ENTITY_END + b"\n"
    buf: list[bytes] = []
    n = total = 0
    with open(nq, "rb") as fh:
        prev_entities = False
        for line in fh:
            is_entities = line.endswith(entities)
            if n >= quads and prev_entities and not is_entities:
                yield b"".join(buf)
                buf, n = [], 0
                if upto is not None and total >= upto:
                    return
            buf.append(line)
            n += 1
            total += 1
            prev_entities = is_entities
    if buf:
        yield b"".join(buf)


def settle(poll: float = 1.0) -> None:
    """Wait until RocksDB's background threads are idle (this process's CPU time stops growing)."""
    while True:
        c = time.process_time()
        time.sleep(poll)
        if time.process_time() - c < 0.02 * poll:
            return


def run_load(nq: Path, quads: int, upto: int | None, root: Path, optimize: bool,
             rate: float | None, lenient: bool) -> None:
    """``rate``: quads arrive at this many per second (a build's extraction paces its writes;
    the loads of a benchmark that feeds them back to back let compaction fall behind)."""
    import pyoxigraph as ox

    path = root / f"store-{quads}"
    shutil.rmtree(path, ignore_errors=True)
    store = ox.Store(str(path))
    calls: list[tuple[int, float, float, int]] = []  # quads, wall, cpu, bytes written
    fed = 0
    w0, c0, b0 = time.perf_counter(), time.process_time(), written_bytes()
    for data in batches(nq, quads, upto):
        n = data.count(b"\n")
        if rate:  # the batch is ready once its quads have arrived
            time.sleep(max(0.0, w0 + (fed + n) / rate - time.perf_counter()))
        w, c, b = time.perf_counter(), time.process_time(), written_bytes()
        store.bulk_load(data, format=ox.RdfFormat.N_QUADS, lenient=lenient)
        calls.append((n, time.perf_counter() - w, time.process_time() - c, written_bytes() - b))
        fed += n
    if rate:
        settle()
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    paced = f" at {rate:,.0f} quads/s (CPU until compaction settled)" if rate else ""
    print(f"batch {quads:>9,}{paced}{' lenient' if lenient else ''}: {fed:,} quads in {len(calls)} calls, "
          f"{wall:.1f} s wall, "
          f"{cpu:.1f} s CPU, {(written_bytes() - b0) / 2**30:.1f} GB written, "
          f"{disk_mb(path):,} MB on disk ({load_avg()})")
    tenth = max(1, len(calls) // 10)
    done = 0
    for i in range(0, len(calls), tenth):
        seg = calls[i:i + tenth]
        q = sum(s[0] for s in seg) / 1e6
        done += sum(s[0] for s in seg)
        print(f"   up to {done / 1e6:5.1f} M quads: {sum(s[1] for s in seg) / q:5.1f} s wall, "
              f"{sum(s[2] for s in seg) / q:5.1f} s CPU, {sum(s[3] for s in seg) / q / 2**20:6.0f} MB "
              "written per M quads; slowest call "
              f"{max(s[1] for s in seg):.1f} s")
    sys.stdout.flush()
    w, c = time.perf_counter(), time.process_time()
    store.flush()
    print(f"   flush: {time.perf_counter() - w:.1f} s wall, {time.process_time() - c:.1f} s CPU")
    if optimize:
        _optimize(store, path)
    del store
    shutil.rmtree(path, ignore_errors=True)


def _optimize(store, path: Path) -> None:
    w, c, b = time.perf_counter(), time.process_time(), written_bytes()
    store.optimize()
    print(f"   optimize: {time.perf_counter() - w:.1f} s wall, {time.process_time() - c:.1f} s CPU, "
          f"{(written_bytes() - b) / 2**30:.1f} GB written, {disk_mb(path):,} MB on disk ({load_avg()})")


def run_once(nq: Path, root: Path, optimize: bool) -> None:
    import pyoxigraph as ox

    path = root / "store-once"
    shutil.rmtree(path, ignore_errors=True)
    store = ox.Store(str(path))
    w, c, b = time.perf_counter(), time.process_time(), written_bytes()
    store.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    print(f"one call: {time.perf_counter() - w:.1f} s wall, {time.process_time() - c:.1f} s CPU, "
          f"{(written_bytes() - b) / 2**30:.1f} GB written, {disk_mb(path):,} MB on disk ({load_avg()})")
    if optimize:
        _optimize(store, path)
    del store
    shutil.rmtree(path, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    sp = sub.add_parser("spool")
    sp.add_argument("corpus", type=Path)
    sp.add_argument("out", type=Path)
    sp.add_argument("--limit", type=int)
    sp.add_argument("--jobs", type=int, default=2)
    lp = sub.add_parser("load")
    lp.add_argument("nq", type=Path)
    lp.add_argument("--batch", type=int, nargs="*", default=[100_000, 1_000_000, 4_000_000])
    lp.add_argument("--upto", type=int)
    lp.add_argument("--dir", type=Path)
    lp.add_argument("--once", action="store_true")
    lp.add_argument("--optimize", action="store_true")
    lp.add_argument("--rate", type=float, help="quads per second arriving (default: back to back)")
    lp.add_argument("--lenient", action="store_true", help="bulk_load(lenient=True)")
    a = ap.parse_args()
    if a.cmd == "spool":
        spool(a.corpus, a.out, a.limit, a.jobs)
        return
    root = a.dir or Path(tempfile.mkdtemp(prefix="bench_bulk_"))
    root.mkdir(parents=True, exist_ok=True)
    for q in a.batch:
        run_load(a.nq, q, a.upto, root, a.optimize, a.rate, a.lenient)
    if a.once:
        run_once(a.nq, root, a.optimize)


if __name__ == "__main__":
    main()
