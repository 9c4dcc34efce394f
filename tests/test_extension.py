"""The worked example extension (examples/extension), installed the way a user installs it.

A virtualenv that sees this interpreter's packages (civickg, rdflib, ...) gets
``pip install -e examples/extension --no-deps --no-build-isolation`` (no network), so the
extension's entry point is live there and nowhere else: the rest of the suite keeps the core
registry. Commands run in it as ``python -m civickg``."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import venv
from pathlib import Path

import pyoxigraph as ox
import pytest

import civickg

ROOT = Path(__file__).resolve().parents[1]
EXTENSION = ROOT / "examples" / "extension"
CKG = "https://w3id.org/civickg/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


class Env:
    def __init__(self, root: Path) -> None:
        venv.create(root, system_site_packages=True, with_pip=False)
        self.python = str(root / "bin" / "python")
        self.env = {**os.environ,
                    "PYTHONPATH": os.pathsep.join([str(Path(civickg.__file__).parents[1]),
                                                   os.environ.get("PYTHONPATH", "")])}
        self.run("-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "--no-index",
                 "-e", str(EXTENSION))

    def run(self, *args: str, cwd: Path = ROOT, check: bool = True) -> subprocess.CompletedProcess[str]:
        r = subprocess.run([self.python, *args], cwd=cwd, env=self.env, capture_output=True, text=True,
                           timeout=600)
        if check and r.returncode != 0:
            raise AssertionError(f"{args} exited {r.returncode}:\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}")
        return r

    def civickg(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return self.run("-m", "civickg", *args, check=check)


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Env:
    return Env(tmp_path_factory.mktemp("venv"))


@pytest.fixture(scope="module")
def built(env: Env, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    env.civickg("build", "examples/articles", "examples/extension/articles", "--store", str(out / "store"),
                "--trig", str(out / "graph.trig"), "--views", str(out / "views"))
    return out


def quads(path: Path) -> list[ox.Quad]:
    return list(ox.parse(path=str(path), format=ox.RdfFormat.TRIG))


def test_the_extension_is_not_installed_here() -> None:
    from civickg.extensions import load

    assert not any(c.source.startswith("awards") for c in load().components)


def test_listed_and_consistent(env: Env) -> None:
    r = env.civickg("ontology", "extensions")
    assert "extensions: awards = civickg_awards:register" in r.stdout
    assert re.search(r"^mapper awards\.conferrals \[awards = civickg_awards:register\] .*ckg:AwardConferral",
                     r.stdout, re.M)
    assert "awards.ttl" in r.stdout and "awards-shapes.ttl" in r.stdout
    assert "ckg:AwardConferral" in env.civickg("ontology", "terms").stdout.split()


def test_build_writes_the_new_triples(built: Path) -> None:
    qs = quads(built / "graph.trig")
    conferrals = {q.subject for q in qs if q.predicate.value == RDF_TYPE and q.object.value == CKG + "AwardConferral"}
    assert len(conferrals) == 3
    props = {q.predicate.value for q in qs if q.subject in conferrals}
    assert {CKG + p for p in ("conferredAward", "awardedTo", "conferredBy", "conferredByDecision",
                              "evidence")} <= props
    assert "http://www.w3.org/ns/prov#wasDerivedFrom" in props
    labels = {q.object.value for q in qs if q.predicate.value.endswith("#label")}
    assert {"Huân chương Lao động hạng Nhì", "Huy hiệu 40 năm tuổi Đảng", "Bằng khen"} <= labels


def test_views_show_the_new_classes(built: Path) -> None:
    page = (built / "views" / "overview.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="ckg-data">(.*?)</script>', page, re.S)
                      .group(1))
    legend = {c["key"]: c for c in data["classes"]}
    assert legend["AwardConferral"]["vi"] == "Việc khen thưởng"
    assert legend["Order"]["family"] == "Award" and legend["Order"]["count"] >= 1
    kinds = {e["en"] for e in data["edges"]}
    assert {"awarded to", "award conferred"} <= kinds


def test_validate_and_reasoner_pass(env: Env, built: Path) -> None:
    r = env.civickg("validate", "--store", str(built / "store"))
    assert "0 violation(s)" in r.stderr
    r = env.civickg("ontology", "check", "--store", str(built / "store"))
    assert r.stdout.startswith(("consistent", "skipped"))


def test_docs_with_the_extension(env: Env, tmp_path: Path) -> None:
    env.civickg("ontology", "docs", "--with-extensions", "-o", str(tmp_path))
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert 'id="AwardConferral"' in index and "Hình thức khen thưởng" in index and "awards.ttl" in index
    assert '"key":"AwardConferral"' in (tmp_path / "diagram.html").read_text(encoding="utf-8")


def test_the_extensions_own_tests(env: Env) -> None:
    r = env.run("-m", "pytest", "-q", "-p", "no:cacheprovider", "tests", cwd=EXTENSION, check=False)
    assert r.returncode == 0, r.stdout[-4000:] + r.stderr[-2000:]


def test_interpreter_is_this_one(env: Env) -> None:
    r = env.run("-c", "import civickg, sys; print(civickg.__file__); print(sys.prefix)")
    assert r.stdout.splitlines()[0] == civickg.__file__
    assert r.stdout.splitlines()[1] != sys.prefix
