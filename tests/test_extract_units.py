"""Unit tests per extraction module: tokens, dates, places, organizations, titles, documents,
meetings."""

from __future__ import annotations

from civickg.extract.context import PlaceContext
from civickg.extract.dates import find_dates
from civickg.extract.documents import find_documents
from civickg.extract.meetings import find_meeting_mentions
from civickg.extract.names import find_names
from civickg.extract.orgs import org_at
from civickg.extract.places import find_places
from civickg.extract.titles import title_at
from civickg.extract.tokens import contiguous, tokenize
from civickg.gazetteer import province

CAN_THO = PlaceContext(locality=province("Cần Thơ"))


def test_tokens_keep_symbols_and_fold_tone_placement():
    toks = tokenize("Thành uỷ ban hành 02-NQ/TU, T.Ư và KH&CN")
    assert [t.text for t in toks] == ["Thành", "uỷ", "ban", "hành", "02-NQ/TU", "T.Ư", "và", "KH&CN"]
    assert toks[1].key == "ủy" and toks[0].is_cap and not toks[5].is_cap
    assert not contiguous(tokenize("Thành, Ủy viên"), 0, 2)


def test_dates_full_long_and_partial_with_the_publication_year():
    text = "Chiều 26-8, hội nghị xem xét văn bản ngày 04 tháng 4 năm 2014 và ngày 01/8/2016; 03/05 mục tiêu"
    found = [d.iso for d in find_dates(text, 0, len(text), "2020-08-26T16:30")]
    assert found == ["2020-08-26", "2014-04-04", "2016-08-01"]
    late = "Sáng 30-12, tổng kết"
    assert find_dates(late, 0, len(late), "2021-01-02")[0].iso == "2020-12-30"


def test_places_after_level_words_bare_provinces_and_regions():
    text = "quê xã Nhơn Ái, huyện Phong Điền, TP Cần Thơ; vùng ĐBSCL và tỉnh Hậu Giang"
    names = [(m.entry.name, m.entry.level) for m in find_places(text, tokenize(text), [])]
    assert ("Nhơn Ái", "Commune") in names and ("Cần Thơ", "Province") in names
    assert ("Đồng bằng sông Cửu Long", "Region") in names and ("Hậu Giang", "Province") in names


def test_organizations_are_written_out_with_implicit_locality():
    def org(text: str) -> str | None:
        found = org_at(tokenize(text), 0, text, CAN_THO)
        return found.name if found else None

    assert org("HĐND thành phố") == "Hội đồng nhân dân thành phố Cần Thơ"
    assert org("Ban Tuyên giáo Thành ủy") == "Ban Tuyên giáo Thành ủy Cần Thơ"
    assert org("Thành ủy TP. Hồ Chí Minh") == "Thành ủy Thành phố Hồ Chí Minh"
    assert org("Sở KH&CN") == "Sở Khoa học và Công nghệ thành phố Cần Thơ"
    assert org("Ban Tổ chức T.Ư") == "Ban Tổ chức Trung ương"
    assert org("Ủy ban MTTQ Việt Nam thành phố") == "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Cần Thơ"
    assert org("cán bộ khoa học") is None


def test_titles_split_role_modifiers_status_and_membership_words():
    def title(text: str) -> tuple[str, str | None, str] | None:
        t = title_at(tokenize(text), 0, text, CAN_THO)
        return (t.role, t.organization, t.status) if t else None

    assert title("Phó Bí thư Thường trực Thành ủy") == ("Phó Bí thư Thường trực", "Thành ủy Cần Thơ", "current")
    assert title("nguyên Chủ tịch UBND thành phố") == (
        "Chủ tịch", "Ủy ban nhân dân thành phố Cần Thơ", "former")
    assert title("Quyền Giám đốc Sở Nội vụ") == ("Quyền Giám đốc", "Sở Nội vụ thành phố Cần Thơ", "acting")
    assert title("Thành ủy viên") == ("Ủy viên", "Thành ủy Cần Thơ", "current")
    assert title("Ủy viên dự khuyết Ban Chấp hành T.Ư Đảng") == (
        "Ủy viên dự khuyết", "Ban Chấp hành Trung ương Đảng", "current")
    assert title("Chủ tịch nước") == ("Chủ tịch", "Nước Cộng hòa xã hội chủ nghĩa Việt Nam", "current")
    assert title("kỹ sư nông nghiệp") is None


def test_names_exclude_places_streets_and_role_words():
    text = "đường Trần Phú, Đoàn Chủ tịch, xã Lưu Nghiệp Anh và ông Nguyễn Văn An cùng bà Lê Thị Hoa"
    assert [n.name for n in find_names(tokenize(text), text, "2024-01-01")] == ["Nguyễn Văn An", "Lê Thị Hoa"]


def test_documents_numbers_kinds_dates_issuers_subjects():
    text = ("Thực hiện Nghị quyết số 45-NQ/TW ngày 17/02/2005 của Bộ Chính trị về xây dựng thành phố, "
            "Quyết định số 1234/QĐ-UBND và Luật số 15/2023/QH15.")
    docs = {d.number: d for d in find_documents(text, 0, len(text), CAN_THO)}
    assert docs["45-NQ/TW"].date == "2005-02-17" and docs["45-NQ/TW"].issuer == "Bộ Chính trị"
    assert docs["45-NQ/TW"].subject == "xây dựng thành phố"
    assert docs["1234/QĐ-UBND"].kind == "Quyết định"
    assert docs["1234/QĐ-UBND"].issuer == "Ủy ban nhân dân thành phố Cần Thơ"
    assert docs["15/2023/QH15"].kind == "Luật" and docs["15/2023/QH15"].issuer == "Quốc hội"


def test_meeting_mentions_kinds_numbers_anchors_and_plans():
    text = "Tại kỳ họp thứ 18, HĐND thông qua; Hội nghị lần thứ năm Ban Chấp hành; sẽ tổ chức Đại hội"
    mentions = find_meeting_mentions(tokenize(text), text)
    assert [(m.kind, m.number, m.anchored, m.planned) for m in mentions] == [
        ("Kỳ họp", 18, True, False), ("Hội nghị", 5, False, False), ("Đại hội", None, False, True)]
