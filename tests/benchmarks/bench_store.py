"""Benchmark: build throughput and example-query latency on a graph of ≥ 1 M triples.

    python tests/benchmarks/bench_store.py [--triples 1000000] [--dir DIR] [--reps 7]

1. Pipeline throughput on examples/articles (read → extract → map → store), repeated.
2. Synthetic ArticleFacts (63 provinces, recurring officials, meetings, numbered documents,
   evidence by sentence) mapped and written one article per transaction into an on-disk embedded
   store until it holds ≥ --triples quads; mapping and storing are timed apart.
3. Every examples/queries/*.rq run once (warm-up), then --reps times: median and max.
Not collected by pytest (the file name does not start with test_).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from civickg.mapping import map_facts
from civickg.model import (
    Article,
    ArticleFacts,
    Document,
    Meeting,
    Office,
    Organization,
    Person,
    Place,
    Span,
)
from civickg.normalize import normalize_text
from civickg.store import EmbeddedStore

REPO = Path(__file__).resolve().parents[2]
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
PROVINCES = ["Cần Thơ", "Hậu Giang", "An Giang", "Sóc Trăng", "Trà Vinh", "Kiên Giang",
             "Vĩnh Long", "Bến Tre", "Tiền Giang", "Đồng Tháp", "Long An", "Bạc Liêu",
             "Cà Mau", "Hà Nội", "Hải Phòng", "Đà Nẵng", "Quảng Ninh", "Nghệ An", "Thanh Hóa",
             "Huế", "Khánh Hòa", "Lâm Đồng", "Bình Dương", "Đồng Nai", "Tây Ninh"]
PROVINCES += [f"Tỉnh số {i}" for i in range(len(PROVINCES), 63)]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ"]
MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Ngọc", "Quốc", "Hoàng", "Xuân"]
GIVEN = ["Hiểu", "Hiếu", "Hùng", "Dũng", "Lan", "Hòa", "Thủy", "Tâm", "Bình", "Khoa", "Hè",
         "Trường", "Thành", "Huyến", "Mừng", "Hải", "Tuấn", "Vân", "Phúc", "Long"]
ROLES = ["Bí thư", "Phó Bí thư", "Chủ tịch", "Phó Chủ tịch", "Ủy viên", "Giám đốc", "Trưởng Ban"]
MEETINGS = ["Hội nghị sơ kết", "Kỳ họp", "Đại hội đại biểu", "Buổi làm việc", "Lễ kỷ niệm"]


def _orgs(p: str) -> list[Organization]:
    lvl = "thành phố" if p in ("Cần Thơ", "Hà Nội", "Hải Phòng", "Đà Nẵng", "Huế") else "tỉnh"
    head = "Thành ủy" if lvl == "thành phố" else "Tỉnh ủy"
    return [Organization(f"{head} {p}", "PartyCommittee", p),
            Organization(f"Hội đồng nhân dân {lvl} {p}", "PeoplesCouncil", p),
            Organization(f"Ủy ban nhân dân {lvl} {p}", "PeoplesCommittee", p),
            Organization(f"Sở Khoa học và Công nghệ {lvl} {p}", "Department", p),
            Organization(f"Ban Tuyên giáo {head} {p}", "PartyBoard", p, f"{head} {p}")]


def synthetic(i: int, rng: random.Random) -> ArticleFacts:
    p = rng.choice(PROVINCES[:13]) if rng.random() < 0.6 else rng.choice(PROVINCES)
    orgs = _orgs(p)
    pool = [f"{f} {m} {g}" for f in FAMILY for m in MIDDLE for g in GIVEN]
    prng = random.Random(p)  # each province has its own recurring officials
    officials = ["Phạm Văn Hiểu", *prng.sample(pool, 60)]
    names = list(dict.fromkeys(rng.choices(officials, weights=[6] + [1] * 60, k=rng.randint(3, 8))))
    year = rng.randint(2016, 2025)
    date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    docs = [Document("Nghị quyết", f"{rng.randint(1, 30):02d}-NQ/TU",
                     f"{year - rng.randint(0, 4)}-0{rng.randint(1, 9)}-15", orgs[0].name,
                     "phát triển kinh tế - xã hội") for _ in range(rng.randint(1, 2))]
    mkind = rng.choice(MEETINGS)
    sents = [f"Ngày {date[8:]}-{date[5:7]}, {orgs[0].name} tổ chức {mkind} tại {p}."]
    persons = []
    for n in names:
        o1, o2 = rng.choice(orgs), rng.choice(orgs)
        r1, r2 = rng.choice(ROLES), rng.choice(ROLES)
        status = "former" if rng.random() < 0.1 else "current"
        sents.append(f"Đồng chí {n}, {r1} {o1.name}, {r2} {o2.name} phát biểu.")
        persons.append((n, [(r1, o1.name, status), (r2, o2.name, "current")]))
    for d in docs:
        sents.append(f"Hội nghị đánh giá Nghị quyết số {d.number} về {d.subject}.")
    raw = f"Tin số {i} về {mkind} ở {p}\n{date}\n" + " ".join(sents) + "\nPV\n"
    text, offsets = normalize_text(raw)
    title, time_line, body = text.split("\n")[:3]
    body_start = len(title) + len(time_line) + 2  # the body is one paragraph, as a reader makes it
    art = Article(f"bench/{i}.txt", f"bench-{i:06d}", raw, text, offsets, title,
                  Span(0, len(title)), Span(len(title) + 1, len(text)), date, "BENCH",
                  ["Phóng Viên"], None, hashlib.sha256(raw.encode()).hexdigest(),
                  paragraphs=[Span(body_start, body_start + len(body))])

    def at(s: str, start: int = 0) -> Span:
        k = text.index(s, start)
        return Span(k, k + len(s))

    facts = ArticleFacts(art, p, organizations=orgs,
                         places=[Place(p, "Province", f"{PROVINCES.index(p):02d}", "legacy",
                                       mentions=[at(p)])])
    for n, offices in persons:
        sp = at(n)
        facts.persons.append(Person(n, [Office(r, o, st, at(f"{r} {o}", sp.start))
                                        for r, o, st in offices], [sp]))
    for d in docs:
        d.evidence = at(f"Nghị quyết số {d.number}")
        facts.documents.append(d)
    facts.meetings.append(Meeting(mkind, date, orgs[0].name, p, chairs=names[:1],
                                  speakers=names[1:2], participants=names,
                                  documents=[d.number for d in docs], evidence=at(mkind)))
    return facts


def bench_pipeline(rounds: int) -> None:
    from civickg.pipeline import extract
    from civickg.read import iter_articles

    articles = [a for a in iter_articles([str(REPO / "examples" / "articles")])
                if isinstance(a, Article)]
    store = EmbeddedStore(None)
    t = time.perf_counter()
    n = 0
    for _ in range(rounds):
        for a in articles:
            store.replace(map_facts(extract(a)))
            n += 1
    dt = time.perf_counter() - t
    print(f"pipeline (extract+map+store, examples x{rounds}): {n / dt:.1f} articles/s")


def build(path: Path, target: int) -> int:
    store = EmbeddedStore(path)
    rng = random.Random(42)
    t_map = t_store = 0.0
    n = triples = stored = 0
    while stored < target:
        facts = synthetic(n, rng)
        t0 = time.perf_counter()
        g = map_facts(facts)
        t1 = time.perf_counter()
        store.replace(g)
        t_store += time.perf_counter() - t1
        t_map += t1 - t0
        triples += len(g)
        n += 1
        if n % 200 == 0:  # shared entity triples are stored once: count what the store holds
            stored = int(store.query(COUNT).rows()[0]["n"])
    store.flush()
    total = store.query(COUNT).rows()
    store.close()
    print(f"synthetic build: {n} articles, {total[0]['n']} quads in the store, "
          f"{triples / n:.0f} triples/article from the mapper")
    print(f"  map {n / t_map:.0f} articles/s ({1000 * t_map / n:.2f} ms each); "
          f"store {n / t_store:.0f} articles/s ({1000 * t_store / n:.2f} ms each); "
          f"map+store {n / (t_map + t_store):.0f} articles/s")
    return n


def bench_queries(path: Path, reps: int) -> bool:
    store = EmbeddedStore(path)
    ok = True
    print(f"{'query':40} {'rows':>6} {'first':>9} {'median':>9} {'max':>9}")
    for q in sorted((REPO / "examples" / "queries").glob("*.rq")):
        text = q.read_text(encoding="utf-8")
        t = time.perf_counter()
        rows = len(store.query(text).bindings)
        first = time.perf_counter() - t
        times = []
        for _ in range(reps):
            t = time.perf_counter()
            store.query(text)
            times.append(time.perf_counter() - t)
        med = statistics.median(times)
        ok &= med < 0.2
        print(f"{q.stem:40} {rows:>6} {first * 1000:>7.1f}ms {med * 1000:>7.1f}ms "
              f"{max(times) * 1000:>7.1f}ms{'' if med < 0.2 else '  > 200 ms'}")
    store.close()
    return ok


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--dir", type=Path)
    ap.add_argument("--reps", type=int, default=7)
    ap.add_argument("--pipeline-rounds", type=int, default=20)
    ap.add_argument("--queries-only", action="store_true")
    args = ap.parse_args()
    bench_pipeline(args.pipeline_rounds)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.dir or Path(tmp) / "store"
        if not args.queries_only:
            t = time.perf_counter()
            build(path, args.triples)
            print(f"  wall {time.perf_counter() - t:.1f} s")
        ok = bench_queries(path, args.reps)
    print("all example queries under 200 ms median" if ok else "some queries over 200 ms")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
