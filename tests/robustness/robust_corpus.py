"""A corpus of distinct real articles for the build robustness tests, and helpers to run
``civickg build`` in a subprocess and read a store back as sets of quads per graph."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

from civickg.mapping.graph import ENTITIES

REPO = Path(__file__).resolve().parents[2]
SOURCES = [REPO / "tests" / "data" / "heldout", REPO / "examples" / "articles"]
CLI = [sys.executable, "-c", "from civickg.cli import main; main()"]
Graphs = dict[str, set[ox.Quad]]


def write_corpus(dest: Path, variants: int = 4) -> list[Path]:
    """Every bundled article, and ``variants - 1`` copies of each with a small edit to the title
    (distinct text, so no copy is a duplicate; mostly the same people and bodies, so the
    articles share entities)."""
    dest.mkdir(parents=True, exist_ok=True)
    out: list[Path] = []
    for src in sorted(f for d in SOURCES for f in d.glob("*.txt")):
        text = src.read_text(encoding="utf-8")
        for k in range(variants):
            name = src.name if k == 0 else f"{src.stem}-v{k}.txt"
            title, _, rest = text.partition("\n")
            edited = text if k == 0 else f"{title} (kỳ {k})\n{rest}"
            (dest / name).write_text(edited, encoding="utf-8")
            out.append(dest / name)
    return out


def build(*args: str, cwd: Path | None = None, quiet: bool = False) -> subprocess.Popen[bytes]:
    """``quiet``: output to /dev/null, for a build to be killed (workers it leaves would hold
    a pipe open)."""
    out = subprocess.DEVNULL if quiet else subprocess.PIPE
    return subprocess.Popen([*CLI, "build", *args], cwd=cwd, stdout=out, stderr=out,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})


def descendants(root: int) -> set[int]:
    parent: dict[int, int] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                parent[int(d.name)] = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError):
                continue
    found, todo = set(), [root]
    while todo:
        cur = todo.pop()
        kids = [p for p, pp in parent.items() if pp == cur]
        found.update(kids)
        todo += kids
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def kill_build(proc: subprocess.Popen[bytes], settle: float = 0.0) -> tuple[set[int], list[int]]:
    """SIGKILL the build; then end the processes it had started that outlived it (they are
    ours). Returns (the processes it had started, those that outlived it)."""
    started = descendants(proc.pid)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    time.sleep(settle)
    left = [p for p in started if alive(p)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    return started, left


def run_build(*args: str) -> tuple[int, str, str]:
    p = build(*args)
    out, err = p.communicate(timeout=300)
    return p.returncode, out.decode(), err.decode()


def graphs_of(store: ox.Store) -> Graphs:
    by: Graphs = defaultdict(set)
    for q in store.quads_for_pattern(None, None, None, None):
        if not isinstance(q.graph_name, ox.DefaultGraph):
            by[q.graph_name.value].add(q)
    return dict(by)


def read_store(path: Path) -> Graphs:
    """Open the store as a build would (read-write) and read every named graph."""
    store = ox.Store(str(path))
    try:
        return graphs_of(store)
    finally:
        del store


def expected_graphs(corpus: Path) -> tuple[Graphs, dict[str, set[ox.Quad]]]:
    """Each article's own graph and the entity triples it adds, computed in this process."""
    from civickg.mapping import map_facts
    from civickg.pipeline import extract
    from civickg.read import iter_articles

    own: Graphs = {}
    entities: dict[str, set[ox.Quad]] = {}
    for article in iter_articles([str(corpus)]):
        assert not isinstance(article, Exception), article
        g = map_facts(extract(article))
        name = ox.NamedNode(str(g.iri))
        own[str(g.iri)] = {ox.Quad(t.subject, t.predicate, t.object, name) for t in
                           ox.parse(g.ntriples().encode(), format=ox.RdfFormat.N_TRIPLES)}
        entities[str(g.iri)] = {ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(ENTITIES))
                                for t in ox.parse(g.entity_ntriples().encode(),
                                                  format=ox.RdfFormat.N_TRIPLES)}
    return own, entities


def check_whole_articles(got: Graphs, own: Graphs, entities: dict[str, set[ox.Quad]],
                         where: str) -> int:
    """Every stored article graph is the clean one and its entity triples are all there;
    the entities graph holds nothing a clean build would not. Returns the article count."""
    stored_entities = got.get(str(ENTITIES), set())
    articles = [g for g in got if g != str(ENTITIES)]
    for g in articles:
        assert g in own, f"{where}: unknown graph {g}"
        assert got[g] == own[g], f"{where}: {g} is not whole ({len(got[g])} of {len(own[g])})"
        missing = entities[g] - stored_entities
        assert not missing, f"{where}: {g} lacks {len(missing)} entity triples"
    assert stored_entities <= set().union(*entities.values()), f"{where}: stray entity triples"
    return len(articles)
