"""End-to-end tests of ``civickg extract`` and ``civickg evaluate`` through the real console
script."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
HELDOUT = ROOT / "tests" / "data" / "heldout"
CLI = [sys.executable, "-m", "civickg.cli"] if not shutil.which("civickg") else ["civickg"]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], input=stdin, capture_output=True, text=True, timeout=120)


def test_extract_writes_one_facts_file_per_article(tmp_path):
    res = run("extract", str(EXAMPLES), "--facts-dir", str(tmp_path))
    assert res.returncode == 0, res.stderr
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(p.stem + ".facts.json" for p in EXAMPLES.glob("*.txt"))
    facts = json.loads((tmp_path / written[0]).read_text(encoding="utf-8"))
    assert list(facts) == ["title", "published", "source", "authors", "locality", "persons",
                           "organizations", "documents", "meetings", "places"]


def test_extract_without_facts_dir_prints_json_lines_and_reads_stdin():
    text = (EXAMPLES / "2023-07-10-ky-hop-thu-12-hdnd-tp-can-tho.txt").read_text(encoding="utf-8")
    res = run("extract", "-", stdin=text)
    assert res.returncode == 0, res.stderr
    lines = res.stdout.strip().splitlines()
    assert len(lines) == 1
    assert json.loads(lines[0])["locality"] == "Cần Thơ"


def test_extract_reports_a_bad_file_and_goes_on(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    good = tmp_path / "good.txt"
    shutil.copy(next(EXAMPLES.glob("*.txt")), good)
    out = tmp_path / "out"
    res = run("extract", str(bad), str(good), "--facts-dir", str(out))
    assert res.returncode == 1
    assert "empty.txt" in res.stderr and "empty" in res.stderr
    assert (out / "good.facts.json").exists()


def test_evaluate_prints_every_category_and_micro_f1(tmp_path):
    res = run("extract", str(HELDOUT), "--facts-dir", str(tmp_path))
    assert res.returncode == 0, res.stderr
    report = run("evaluate", str(HELDOUT), str(tmp_path), "--json")
    data = json.loads(report.stdout)
    assert set(data["categories"]) >= {"persons", "offices", "organizations", "documents", "meetings",
                                       "chairs", "participants", "places", "authors"}
    assert data["micro"]["f1"] > 0.9
    table = run("evaluate", str(HELDOUT), str(tmp_path)).stdout
    assert table.splitlines()[0].split()[:4] == ["category", "P", "R", "F1"]
    assert table.splitlines()[-1].startswith("micro")


def test_evaluate_diff_names_what_was_missed_and_what_was_extra(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    src = sorted(HELDOUT.glob("*.facts.json"))[0]
    facts = json.loads(src.read_text(encoding="utf-8"))
    (gold / src.name).write_text(json.dumps(facts, ensure_ascii=False), encoding="utf-8")
    pred = tmp_path / "pred"
    pred.mkdir()
    facts["places"] = [*facts["places"][1:], "Atlantis"]
    (pred / src.name).write_text(json.dumps(facts, ensure_ascii=False), encoding="utf-8")
    out = run("evaluate", str(gold), str(pred), "--diff").stdout
    assert "+ places: atlantis" in out
    assert out.count("- places:") == 1
    data = json.loads(run("evaluate", str(gold), str(pred), "--json").stdout)
    assert data["scalars"] == {"title": 1.0, "published": 1.0, "source": 1.0, "locality": 1.0}
    assert data["categories"]["places"]["tp"] == len(facts["places"]) - 1


SCORER = Path(__file__).resolve().parents[2] / "shared" / "tools" / "score.py"


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/tools/score.py is not present")
def test_evaluate_agrees_with_the_shared_scorer(tmp_path):
    run("extract", str(HELDOUT), "--facts-dir", str(tmp_path))
    ours = json.loads(run("evaluate", str(HELDOUT), str(tmp_path), "--json").stdout)
    theirs = json.loads(subprocess.run([sys.executable, str(SCORER), str(HELDOUT), str(tmp_path), "--json"],
                                       capture_output=True, text=True, check=True).stdout)
    assert {k: v for k, v in ours["categories"].items()} == theirs["categories"]
    assert ours["scalars"] == theirs["scalars"] and ours["micro"]["f1"] == theirs["micro_f1"]
