"""Extraction stage: unit tests per extractor and golden tests against the shared gold facts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from civickg.evaluate import evaluate
from civickg.model import Article, Span
from civickg.normalize import normalize_text
from civickg.pipeline import extract
from civickg.read.text import parse_text_article

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


def article(body: str, title: str = "Tin thời sự", timeline: str = "08:00 - 15/03/2024") -> Article:
    raw = f"{title}\n{timeline}\n\n{body}\n"
    return parse_text_article(raw, "test.txt", "test")


def facts(body: str, **kw) -> dict:
    return extract(article(body, **kw)).to_json()


def test_titles_after_names_split_role_and_organization_with_implicit_locality():
    f = facts(
        "(CTO)- Sáng 15-3, Thành ủy Cần Thơ tổ chức hội nghị. Các đồng chí: Lê Văn An, Phó Bí thư "
        "Thường trực Thành ủy, Chủ tịch HĐND thành phố; Trần Thị Bình, Ủy viên Ban Thường vụ, "
        "Trưởng Ban Tuyên giáo Thành ủy chủ trì hội nghị."
    )
    offices = {p["name"]: [(o["role"], o["organization"]) for o in p["offices"]] for p in f["persons"]}
    assert offices["Lê Văn An"] == [
        ("Phó Bí thư Thường trực", "Thành ủy Cần Thơ"),
        ("Chủ tịch", "Hội đồng nhân dân thành phố Cần Thơ"),
    ]
    assert offices["Trần Thị Bình"] == [
        ("Ủy viên", "Ban Thường vụ Thành ủy Cần Thơ"),
        ("Trưởng Ban", "Ban Tuyên giáo Thành ủy Cần Thơ"),
    ]
    assert f["meetings"][0]["chairs"] == ["Lê Văn An", "Trần Thị Bình"]
    assert f["locality"] == "Cần Thơ"


def test_titles_before_a_name_and_central_bodies():
    f = facts(
        "Sáng 22/7, Ủy viên Bộ Chính trị, Bí thư Trung ương Đảng, Trưởng Ban Tổ chức T.Ư "
        "Nguyễn Văn Cường làm việc với Ban Thường vụ Tỉnh ủy An Giang."
    )
    (p,) = f["persons"]
    assert p["name"] == "Nguyễn Văn Cường"
    assert [(o["role"], o["organization"]) for o in p["offices"]] == [
        ("Ủy viên", "Bộ Chính trị"),
        ("Bí thư", "Ban Chấp hành Trung ương Đảng"),
        ("Trưởng Ban", "Ban Tổ chức Trung ương"),
    ]
    assert "Ban Thường vụ Tỉnh ủy An Giang" in f["organizations"]


def test_streets_historical_figures_and_ideologies_are_not_persons():
    f = facts(
        "(CTO)- Thành ủy Cần Thơ học tập tư tưởng Hồ Chí Minh tại đường Trần Hưng Đạo, gần tượng "
        "đài Bác Hồ; các tuyến đường Trần Phú, Trần Văn Khéo được phân luồng. Chủ tịch Tôn Đức "
        "Thắng là tấm gương sáng. Ông Lê Văn Tâm, Bí thư Thành ủy, phát biểu."
    )
    assert [p["name"] for p in f["persons"]] == ["Lê Văn Tâm"]


def test_short_mentions_resolve_to_the_full_name_and_relief_gives_the_office():
    f = facts(
        "(STO) - Ngày 25/5, UBND tỉnh Sóc Trăng tổ chức trao quyết định. Ông Trần Văn Phương "
        "nhận quyết định. Trước đó, ông Phương là Giám đốc Trung tâm Giống nông nghiệp tỉnh. "
        "Tại kỳ họp, HĐND tỉnh miễn nhiệm chức vụ Phó Chủ tịch UBND tỉnh đối với ông Lê Văn Hai."
    )
    offices = {p["name"]: [(o["role"], o["organization"]) for o in p["offices"]] for p in f["persons"]}
    assert offices["Trần Văn Phương"] == [("Giám đốc", "Trung tâm Giống nông nghiệp tỉnh Sóc Trăng")]
    assert offices["Lê Văn Hai"] == [("Phó Chủ tịch", "Ủy ban nhân dân tỉnh Sóc Trăng")]
    assert "Lê Văn Hai" not in f["meetings"][0]["participants"]


def test_documents_party_and_state_symbols_with_date_issuer_subject():
    f = facts(
        "(TGCT) Ngày 08/10/2019, Thành ủy Cần Thơ tổ chức Hội nghị sơ kết Nghị quyết số 02-NQ/TU "
        "ngày 01/8/2016 của Thành ủy về phát triển, ứng dụng khoa học và công nghệ. HĐND thành phố "
        "thông qua Nghị quyết số 12/2019/NQ-HĐND."
    )
    docs = {d["number"]: d for d in f["documents"]}
    assert docs["02-NQ/TU"] == {
        "kind": "Nghị quyết", "number": "02-NQ/TU", "date": "2016-08-01",
        "issuer": "Thành ủy Cần Thơ", "subject": "phát triển, ứng dụng khoa học và công nghệ",
    }
    assert docs["12/2019/NQ-HĐND"]["issuer"] == "Hội đồng nhân dân thành phố Cần Thơ"
    assert f["meetings"][0]["documents"][0] == "02-NQ/TU"


def test_places_from_level_words_regions_and_countries():
    f = facts(
        "(KGO) - Ngày 18-1, tại TP. Rạch Giá, Tỉnh uỷ Kiên Giang tổ chức họp mặt. Tỉnh giáp "
        "Vương quốc Campuchia và là cửa ngõ của vùng đồng bằng sông Cửu Long."
    )
    assert {"Rạch Giá", "Kiên Giang", "Campuchia", "Đồng bằng sông Cửu Long"} <= set(f["places"])
    assert f["meetings"][0]["place"] == "Rạch Giá"
    assert f["meetings"][0]["date"] == "2024-01-18"


def test_every_evidence_span_maps_back_to_the_source_text():
    raw = "Tin\n15/03/2024\n\n(CTO)- Ông  Lê\u0301 Văn An, Bí thư Thành uỷ, phát biểu.\n"
    a = parse_text_article(raw, "t.txt", "t")
    result = extract(a)
    for p in result.persons:
        for span in p.mentions:
            raw_span = a.to_raw(span)
            assert normalize_text(a.raw[raw_span.start : raw_span.end])[0] == a.quote(span)
    assert isinstance(result.persons[0].mentions[0], Span)


HELDOUT = Path(__file__).resolve().parent / "data" / "heldout"


def _score(gold_files: list[Path], tmp_path: Path) -> dict:
    gold = tmp_path / "gold"
    pred = tmp_path / "pred"
    gold.mkdir()
    pred.mkdir()
    for f in gold_files:
        (gold / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
        txt = f.with_name(f.name.replace(".facts.json", ".txt"))
        a = parse_text_article(txt.read_text(encoding="utf-8"), str(txt), txt.stem)
        (pred / f.name).write_text(json.dumps(extract(a).to_json(), ensure_ascii=False), encoding="utf-8")
    return evaluate(gold, pred)


@pytest.mark.skipif(not SHARED.exists(), reason="../shared/corpus is not present")
def test_shared_gold_corpus_scores(tmp_path):
    report = _score(sorted(SHARED.glob("*/*.facts.json")), tmp_path)
    assert report["micro"]["f1"] >= 0.97, report
    for cat, v in report["categories"].items():
        assert v["f1"] >= 0.9, (cat, v)


def test_heldout_articles_written_for_this_project_score(tmp_path):
    report = _score(sorted(HELDOUT.glob("*.facts.json")), tmp_path)
    assert report["micro"]["f1"] >= 0.95, report
    for cat, v in report["categories"].items():
        assert v["f1"] >= 0.85, (cat, v)


def test_example_articles_extract_without_errors():
    for path in sorted(EXAMPLES.glob("*.txt")):
        a = parse_text_article(path.read_text(encoding="utf-8"), str(path), path.stem)
        f = extract(a).to_json()
        assert f["persons"] and f["meetings"] and f["locality"], path.name


@pytest.mark.parametrize(("name", "floor"), [("heldout2", 0.95), ("dev2", 0.9), ("dev3", 0.93), ("dev4", 0.925),
                                           ("heldout3", 0.9), ("heldout4", 0.9)])
def test_later_hand_written_sets_score(tmp_path, name, floor):
    """heldout2, dev2, dev3 and dev4 were used to find general rules; heldout3 and heldout4 never were (they
    are only scored, so their floors guard against regressions without tuning to them)."""
    report = _score(sorted((HELDOUT.parent / name).glob("*.facts.json")), tmp_path)
    assert report["micro"]["f1"] >= floor, report["micro"]
