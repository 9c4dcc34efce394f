"""``civickg view`` and ``civickg stats`` on a store built from the example articles."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from civickg.cli import cli

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("store") / "store"
    res = CliRunner().invoke(cli, ["build", str(ROOT / "examples" / "articles"), "--store", str(d)])
    assert res.exit_code == 0, res.output
    return d


def _data(path: Path) -> dict:
    html = path.read_text(encoding="utf-8")
    block = re.search(r'id="ckg-data">(.*?)</script>', html, re.S)
    return json.loads(block.group(1))


def test_view_variants(store: Path, tmp_path: Path) -> None:
    run = CliRunner().invoke
    out = tmp_path / "all.html"
    assert run(cli, ["view", "--store", str(store), "-o", str(out)]).exit_code == 0
    full = _data(out)
    assert len(full["nodes"]) > 10
    around = tmp_path / "around.html"
    res = run(cli, ["view", "--store", str(store), "--around", "thanh uy can tho", "--hops", "1",
                    "-o", str(around)])
    assert res.exit_code == 0, res.output
    labels = {n["label"] for n in _data(around)["nodes"]}
    assert "Thành ủy Cần Thơ" in labels and len(labels) < len(full["nodes"])
    q = tmp_path / "q.rq"
    q.write_text("PREFIX ckg: <https://w3id.org/civickg/ontology#>\n"
                 "CONSTRUCT { ?m ckg:chair ?p } WHERE { ?m ckg:chair ?p }", encoding="utf-8")
    res = run(cli, ["view", "--store", str(store), "--query", str(q), "-o", str(tmp_path / "q.html")])
    assert res.exit_code == 0, res.output
    assert {e["en"] for e in _data(tmp_path / "q.html")["edges"]} == {"chair"}
    res = run(cli, ["view", "--store", str(store), "--around", "khong ai ca", "-o", str(out)])
    assert res.exit_code != 0 and "nothing named" in res.output


def test_article_view(store: Path, tmp_path: Path) -> None:
    art = sorted((ROOT / "examples" / "articles").glob("*.txt"))[0].stem
    out = tmp_path / "a.html"
    res = CliRunner().invoke(cli, ["view", "--store", str(store), "--article", art, "-o", str(out)])
    assert res.exit_code == 0, res.output
    classes = {n["cls"] for n in _data(out)["nodes"]}
    assert "NewsArticle" in classes and "Person" in classes


def test_stats_json_and_table(store: Path) -> None:
    res = CliRunner().invoke(cli, ["stats", "--store", str(store), "--json"])
    assert res.exit_code == 0, res.output
    stats = json.loads(res.output)
    assert {c["class"] for c in stats["classes"]} >= {"Person", "Meeting", "NewsArticle"}
    assert stats["central_persons"] and stats["busiest_months"]
    table = CliRunner().invoke(cli, ["stats", "--store", str(store)]).output
    assert "Most central persons" in table
