"""The extractor compiled by mypyc (a regular install) gives exactly the facts of the pure-Python
modules in ``src/`` (an editable install), on every article the tests have and on generated ones.

In CI (``CIVICKG_REQUIRE_COMPILED=1``, set by ``.ci/run``) an install that fell back to pure
Python is a failure, not a skip: the speed figures of the README are those of the compiled one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import civickg

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
SHARED = ROOT.parent / "shared" / "corpus"


def _require_compiled() -> None:
    if civickg.compiled():
        return
    if os.environ.get("CIVICKG_REQUIRE_COMPILED"):
        pytest.fail("CIVICKG_REQUIRE_COMPILED is set but civickg's extractor is pure Python: the mypyc build "
                    "failed or was skipped (see the pip install log)")
    pytest.skip("civickg is installed as pure Python (editable install or CIVICKG_PURE_PYTHON): nothing to compare")


def _env(pure: bool, cwd: Path) -> dict[str, str]:
    """The environment that runs the pure-Python ``src/`` or the installed compiled civickg
    (skips when that one cannot run here)."""
    env = dict(os.environ)
    if pure:
        env["PYTHONPATH"] = str(SRC)
    else:
        env.pop("PYTHONPATH", None)
    code = f"import civickg, sys; sys.exit(0 if civickg.compiled() != {pure!r} else 3)"
    check = subprocess.run([sys.executable, "-c", code], env=env, cwd=cwd, timeout=60)
    if check.returncode:
        pytest.skip(f"cannot run the {'pure-Python' if pure else 'compiled'} extractor here "
                    f"({SRC} holds compiled modules, or the install is not compiled)")
    return env


def _inputs(tmp_path: Path, generated: int, seed: int) -> list[Path]:
    """Every article the tests have, and ``generated`` new ones."""
    out = tmp_path / "generated"
    synth = subprocess.run([sys.executable, "-m", "civickg", "synth", str(generated), str(out), "--seed", str(seed)],
                           capture_output=True, text=True, timeout=300)
    assert synth.returncode == 0, synth.stderr
    inputs = [ROOT / "examples" / "articles", ROOT / "tests" / "data", out]
    return [*inputs, SHARED] if SHARED.exists() else inputs


def _extract(facts_dir: Path, inputs: list[Path], pure: bool) -> None:
    cwd = facts_dir.parent  # a directory of this test's own: nothing there shadows a module
    res = subprocess.run([sys.executable, "-m", "civickg", "extract", *map(str, inputs), "--facts-dir",
                          str(facts_dir)], env=_env(pure, cwd), cwd=cwd, capture_output=True, text=True,
                         timeout=600)
    assert res.returncode == 0, res.stderr[-2000:]


def test_compiled_extractor_gives_the_pure_python_facts(tmp_path):
    _require_compiled()
    inputs = _inputs(tmp_path, 150, seed=7)
    compiled_dir, pure_dir = tmp_path / "compiled", tmp_path / "pure"
    _extract(compiled_dir, inputs, pure=False)
    _extract(pure_dir, inputs, pure=True)
    names = sorted(p.name for p in compiled_dir.iterdir())
    assert len(names) >= 200
    assert names == sorted(p.name for p in pure_dir.iterdir())
    differing = [n for n in names if (compiled_dir / n).read_bytes() != (pure_dir / n).read_bytes()]
    assert not differing, f"{len(differing)} articles differ, e.g. {differing[:5]}"


_DUMP_GRAPHS = """
import sys
from civickg.mapping import map_facts
from civickg.pipeline import extract
from civickg.read import iter_articles
out = open(sys.argv[1], "wb")
for a in iter_articles(sys.argv[2:]):
    if hasattr(a, "article_id"):
        out.write(b"".join(sorted(map_facts(extract(a)).nquads().splitlines(keepends=True))))
"""


def test_compiled_mapping_gives_the_pure_python_graphs(tmp_path):
    """The mapping to N-Quads is compiled too: the same lines, article by article."""
    _require_compiled()
    inputs = _inputs(tmp_path, 100, seed=3)
    dumps = {}
    for pure in (False, True):
        out = tmp_path / f"{pure}.nq"
        res = subprocess.run([sys.executable, "-c", _DUMP_GRAPHS, str(out), *map(str, inputs)],
                             env=_env(pure, tmp_path), cwd=tmp_path, capture_output=True, text=True, timeout=600)
        assert res.returncode == 0, res.stderr[-2000:]
        dumps[pure] = out.read_bytes()
    assert dumps[False].count(b"\n") > 50_000
    assert dumps[False] == dumps[True]
