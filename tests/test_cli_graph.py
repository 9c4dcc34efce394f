"""The graph commands end to end: build, query, export, validate, ontology check."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from graph_fixtures import EXAMPLES, QUERIES
from rdflib import Dataset

from civickg.cli import cli

pytest_plugins = ["graph_stores"]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    r = runner.invoke(cli, list(args))
    if r.exception and not isinstance(r.exception, SystemExit):
        raise r.exception
    return r.exit_code, r.stdout, r.stderr


def test_build_default_store_writes_trig_and_rebuild_replaces(
        runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = invoke(runner, "build", str(EXAMPLES))
    assert code == 0, err
    n = len(list(EXAMPLES.glob("*.txt")))
    assert out.startswith(f"added {n}, replaced 0, skipped 0, failed 0")
    trig = (tmp_path / "graphs" / "civickg.trig").read_bytes()
    assert (tmp_path / "graphs" / "store").is_dir()
    ds = Dataset()
    ds.parse(data=trig, format="trig")
    assert len([g for g in ds.graphs() if len(g)]) == n + 1  # the articles and the entities
    code, out, _ = invoke(runner, "build", str(EXAMPLES))
    assert out.startswith(f"added 0, replaced {n}, skipped 0, failed 0")
    assert (tmp_path / "graphs" / "civickg.trig").read_bytes() == trig  # identical store
    code, out, _ = invoke(runner, "build", "--incremental", str(EXAMPLES))
    assert out.startswith(f"added 0, replaced 0, skipped {n}, failed 0")
    assert invoke(runner, "validate")[0] == 0


def test_one_bad_article_does_not_stop_the_build(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for f in EXAMPLES.glob("*.txt"):
        shutil.copy(f, src / f.name)
    (src / "broken.txt").write_bytes(b"\x00\x01\x02 binary \xff\xfe" * 50)
    code, out, err = invoke(runner, "build", "--store", str(tmp_path / "s"), str(src),
                            str(tmp_path / "missing.txt"))
    assert code == 1
    assert "failed 2" in out and f"added {len(list(EXAMPLES.glob('*.txt')))}" in out
    assert "missing.txt" in err and "broken.txt" in err


@pytest.fixture
def built(runner: CliRunner, tmp_path: Path) -> str:
    store = str(tmp_path / "store")
    assert invoke(runner, "build", "--store", store, str(EXAMPLES))[0] == 0
    return store


def test_query_formats(runner: CliRunner, built: str) -> None:
    q = str(QUERIES / "03-meetings-chaired-by.rq")
    code, out, _ = invoke(runner, "query", q, "--store", built, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["head"]["vars"] == ["meeting", "label", "date", "organizer"]
    (b,) = data["results"]["bindings"]
    assert b["date"] == {"type": "literal", "value": "2023-07-10",
                         "datatype": "http://www.w3.org/2001/XMLSchema#date"}
    _, out, _ = invoke(runner, "query", q, "--store", built, "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["meeting", "label", "date", "organizer"] and rows[1][2] == "2023-07-10"
    _, out, _ = invoke(runner, "query", q, "--store", built, "--format", "tsv")
    head, first = out.splitlines()[:2]
    assert head == "?meeting\t?label\t?date\t?organizer"
    assert '"2023-07-10"^^<http://www.w3.org/2001/XMLSchema#date>' in first
    _, out, _ = invoke(runner, "query", q, "--store", built)
    assert "Kỳ họp Hội đồng nhân dân thành phố Cần Thơ" in out and out.endswith("(1 row)\n")


def test_query_ask_construct_and_errors(runner: CliRunner, built: str) -> None:
    code, out, _ = invoke(runner, "query", "ASK { ?s ?p ?o }", "--store", built)
    assert (code, out) == (0, "true\n")
    code, out, _ = invoke(runner, "query", "ASK { ?s ?p ?o }", "--store", built, "--format",
                          "json")
    assert json.loads(out) == {"head": {}, "boolean": True}
    construct = ("PREFIX ckg: <https://w3id.org/civickg/ontology#> "
                 "CONSTRUCT { ?m ckg:chair ?p } WHERE { ?m ckg:chair ?p }")
    code, out, _ = invoke(runner, "query", construct, "--store", built)
    assert code == 0 and "@prefix ckg:" in out and "ckg:chair" in out
    code, _, err = invoke(runner, "query", "SELEKT nothing", "--store", built)
    assert code == 1 and "Error" in err
    code, _, err = invoke(runner, "query", "ASK {}", "--store", built + "-nope")
    assert code == 1 and "no store" in err


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nquads", "jsonld"])
def test_export_to_file(runner: CliRunner, built: str, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"g.{fmt}"
    assert invoke(runner, "export", "--store", built, "--format", fmt, "-o", str(out))[0] == 0
    rdflib_format = {"turtle": "turtle", "trig": "trig", "nquads": "nquads",
                     "jsonld": "json-ld"}[fmt]
    ds = Dataset()
    ds.parse(out, format=rdflib_format)
    assert len(ds) > 100 or sum(len(g) for g in ds.graphs()) > 100


def test_validate_and_ontology_check_on_the_example_graph(runner: CliRunner, built: str) -> None:
    code, _, err = invoke(runner, "validate", "--store", built)
    assert code == 0, err
    assert "0 violation(s)" in err
    if shutil.which("java") is None:
        pytest.skip("HermiT needs a Java runtime (`java` not on PATH)")
    code, out, _ = invoke(runner, "ontology", "check", "--store", built)
    assert code == 0 and out.startswith("consistent")
    code, out, _ = invoke(runner, "ontology", "check", "--store", built, "--sample", "1")
    assert code == 0 and out.startswith("consistent")


def test_build_and_query_through_a_real_oxigraph_server(runner: CliRunner,
                                                        oxigraph_server: str) -> None:
    from graph_fixtures import clear_server

    clear_server(oxigraph_server)
    code, out, err = invoke(runner, "build", "--endpoint", oxigraph_server, str(EXAMPLES))
    assert code == 0, err
    n = len(list(EXAMPLES.glob("*.txt")))
    assert f"added {n}" in out
    code, out, _ = invoke(runner, "build", "--endpoint", f"{oxigraph_server}/query",
                          str(EXAMPLES))
    assert f"replaced {n}" in out
    code, out, _ = invoke(runner, "query", str(QUERIES / "05-meetings-reviewing-document.rq"),
                          "--endpoint", oxigraph_server, "--format", "csv")
    assert code == 0 and "Tỉnh ủy Hậu Giang,2019" in out
    assert invoke(runner, "validate", "--endpoint", oxigraph_server)[0] == 0
