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


def _facts(body: str, published: str = "26/08/2020 16:30", outlet: str = "CTO") -> dict:
    from civickg.pipeline import extract
    from civickg.read.text import parse_text_article

    raw = f"Tin thời sự\n{published}\n\n({outlet})- {body}\n"
    return extract(parse_text_article(raw, "x.txt", "x")).to_json()


def _offices(facts: dict) -> set[tuple[str, str, str]]:
    return {(p["name"], o["role"], o["organization"]) for p in facts["persons"] for o in p["offices"]}


def test_a_persons_name_wins_over_a_commune_or_province_it_touches():
    got = _facts("Phó Chủ tịch UBND tỉnh Kiên Giang Danh Sơn Tùng và Phó Chủ tịch UBND thành phố "
                 "Lâm Văn Thịnh dự; Phó Chủ tịch HĐND tỉnh Huỳnh Hữu Nghĩa phát biểu.")
    names = {p["name"] for p in got["persons"]}
    assert {"Danh Sơn Tùng", "Lâm Văn Thịnh", "Huỳnh Hữu Nghĩa"} <= names
    assert "Lâm" not in got["places"] and "Huỳnh Hữu Nghĩa" not in got["places"]


def test_runs_that_are_places_bodies_or_years_are_not_persons():
    got = _facts("Lãnh đạo TP. Buôn Ma Thuột, Đoàn Thanh niên dự Tết Giáp Thìn; quê Đại tướng Nguyễn Chí Thanh.",
                 outlet="ĐLO")
    assert got["persons"] == []


def test_country_inside_a_bodys_name_is_not_a_place_but_the_state_and_the_country_are():
    assert "Việt Nam" not in _facts("Ủy ban MTTQ Việt Nam tỉnh Cà Mau tổ chức hội nghị.")["places"]
    assert "Việt Nam" in _facts("Việt Nam đã ra khỏi khủng hoảng.")["places"]
    assert "Australia" in _facts("Đoàn công tác sang Australia.")["places"]


def test_former_province_name_and_hyphenated_units():
    got = _facts("Phó Bí thư Tỉnh ủy Thừa Thiên Huế Hoàng Minh Tuấn dự. Tỉnh ủy Bà Rịa - Vũng Tàu họp.",
                 outlet="TTH.VN")
    assert {"Thừa Thiên Huế", "Bà Rịa - Vũng Tàu"} <= set(got["places"])
    assert ("Hoàng Minh Tuấn", "Phó Bí thư", "Tỉnh ủy Thừa Thiên Huế") in _offices(got)


def test_foreign_names_provinces_and_parties():
    got = _facts("Đoàn do đồng chí Khăm-phăn Sỉ-sụ-văn, Ủy viên Trung ương Đảng Nhân dân Cách mạng Lào, Phó Bí thư "
                 "Tỉnh ủy, Chủ tịch HĐND tỉnh Savannakhet làm trưởng đoàn.", outlet="QTO")
    assert _offices(got) == {
        ("Khăm-phăn Sỉ-sụ-văn", "Ủy viên", "Ban Chấp hành Trung ương Đảng Nhân dân Cách mạng Lào"),
        ("Khăm-phăn Sỉ-sụ-văn", "Phó Bí thư", "Tỉnh ủy Savannakhet"),
        ("Khăm-phăn Sỉ-sụ-văn", "Chủ tịch", "Hội đồng nhân dân tỉnh Savannakhet"),
    }
    assert "Savannakhet" in got["places"]


def test_membership_lists_after_a_colon_and_relief_by_thoi_giu_chuc():
    got = _facts("Đồng chí Đặng Hữu Phước lần đầu được bầu vào Ban Thường vụ Thành ủy. Ông Phạm Văn Thuấn từng giữ "
                 "các chức vụ: Phó Chủ tịch UBND huyện Phong Điền; Bí thư Huyện ủy Phong Điền. Thành ủy cho thôi giữ "
                 "chức Bí thư Đảng ủy xã Nhơn Ái đối với bà Ngô Thị Lan.")
    offices = _offices(got)
    assert ("Đặng Hữu Phước", "Ủy viên", "Ban Thường vụ Thành ủy Cần Thơ") in offices
    assert ("Phạm Văn Thuấn", "Bí thư", "Huyện ủy Phong Điền") in offices
    assert ("Phạm Văn Thuấn", "Phó Chủ tịch", "Ủy ban nhân dân huyện Phong Điền") in offices
    assert ("Ngô Thị Lan", "Bí thư", "Đảng ủy xã Nhơn Ái") in offices


def test_body_names_end_where_they_should():
    text = ("đại diện Trường THPT Nguyễn Chí Thanh nêu kết quả; Chi nhánh Ngân hàng Chính sách xã hội "
            "huyện Phong Điền; kỹ sư Viện Cây lương thực và Cây thực phẩm, ông")
    toks = tokenize(text)
    found = {o.name for k in range(len(toks)) if (o := org_at(toks, k, text, CAN_THO))}
    assert {"Trường THPT Nguyễn Chí Thanh", "Viện Cây lương thực và Cây thực phẩm"} <= found
    assert any(n.startswith("Ngân hàng Chính sách xã hội") for n in found)


def test_meeting_dates_chairs_and_buildings():
    got = _facts("Sáng nay (14/9), Ban Thường vụ Thành ủy tổ chức hội nghị sơ kết Chỉ thị số 23-CT/TU ngày 10/9/2018. "
                 "Ông Lữ Quang Trí chủ trì hội nghị; bà Trương Kim Loan trình bày báo cáo.",
                 published="14/09/2023 17:05")
    m = got["meetings"][0]
    assert m["date"] == "2023-09-14" and m["chairs"] == ["Lữ Quang Trí"]
    assert "Trương Kim Loan" in m["participants"]
    venue = _facts("Chiều 6/12, tại Trung tâm Hội nghị thành phố, HĐND thành phố bế mạc kỳ họp thứ 22.")
    assert [x["organizer"] for x in venue["meetings"]] == ["Hội đồng nhân dân thành phố Cần Thơ"]


def test_relative_and_yearless_dates():
    cases = {"Chiều qua, tại Hà Nội": "2023-09-13", "hôm nay khai mạc": "2023-09-14",
             "Sáng nay (14/9), Ban": "2023-09-14", "Sáng 3 tháng 9, Ban": "2023-09-03",
             "Hôm nay, 14-7-2020, Đại hội": "2020-07-14"}
    for text, iso in cases.items():
        assert [d.iso for d in find_dates(text, 0, len(text), "2023-09-14T17:05")] == [iso], text


def test_a_list_headed_by_a_title_and_coordinated_subjects():
    got = _facts("Ban Chấp hành Đảng bộ quận Ninh Kiều đã bầu Ban Thường vụ Quận ủy. Đồng chí Lê Văn A và đồng chí "
                 "Trần Văn B được bầu giữ chức Phó Bí thư Quận ủy Ninh Kiều. Các Ủy viên Ban Thường vụ Quận ủy Ninh "
                 "Kiều còn lại gồm: Lù Thị Dung, Trưởng Ban Tổ chức Quận ủy; Thượng tá Nguyễn Đức Hạnh, Trưởng "
                 "Công an quận Ninh Kiều; Phạm Văn Thắng, Chánh Văn phòng Quận ủy Ninh Kiều.")
    offices = _offices(got)
    assert {("Lê Văn A", "Phó Bí thư", "Quận ủy Ninh Kiều"), ("Trần Văn B", "Phó Bí thư", "Quận ủy Ninh Kiều"),
            ("Nguyễn Đức Hạnh", "Trưởng", "Công an quận Ninh Kiều"),
            ("Phạm Văn Thắng", "Chánh Văn phòng", "Văn phòng Quận ủy Ninh Kiều")} <= offices
    members = {n for n, r, o in offices if (r, o) == ("Ủy viên", "Ban Thường vụ Quận ủy Ninh Kiều")}
    assert members == {"Lù Thị Dung", "Nguyễn Đức Hạnh", "Phạm Văn Thắng"}


def test_a_list_after_a_plural_title_and_a_colon():
    got = _facts("Tham dự có các đại biểu Quốc hội: Lê Quang Trí, Phó Giám đốc Sở Tư pháp; Phan Thị Mỹ Dung, "
                 "Phó Chủ tịch Hội Nông dân thành phố.")
    members = {n for n, r, o in _offices(got) if (r, o) == ("Đại biểu", "Quốc hội")}
    assert members == {"Lê Quang Trí", "Phan Thị Mỹ Dung"}


def test_more_bodies_numbered_units_and_youth_union():
    def org(text: str) -> str | None:
        found = org_at(tokenize(text), 0, text, CAN_THO)
        return found.name if found else None

    assert org("Thanh tra thành phố") == "Thanh tra thành phố Cần Thơ"
    assert org("Quân khu 9") == "Quân khu 9" and org("Sư đoàn 330") == "Sư đoàn 330"
    assert org("Bộ Tư lệnh Quân khu 7 hỗ trợ") == "Bộ Tư lệnh Quân khu 7"
    assert org("Đảng ủy Quân sự thành phố") == "Đảng ủy Quân sự thành phố Cần Thơ"
    assert org("Ban Thường vụ Thành đoàn") == "Ban Thường vụ Thành đoàn Cần Thơ"
    assert org("Huyện đoàn Phong Điền") == "Huyện đoàn Phong Điền"
    assert org("Đoàn TNCS Hồ Chí Minh thành phố") == "Đoàn Thanh niên Cộng sản Hồ Chí Minh thành phố Cần Thơ"
    assert org("Ủy ban MTTQ thành phố") == "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Cần Thơ"
    assert org("Trường Trung học cơ sở Lê Lợi") == "Trường Trung học cơ sở Lê Lợi"
    assert org("Bệnh viện Nhi đồng thành phố") == "Bệnh viện Nhi đồng thành phố Cần Thơ"


def test_central_youth_union_and_chief_inspector_titles():
    def title(text: str) -> tuple[str, str | None] | None:
        t = title_at(tokenize(text), 0, text, CAN_THO)
        return (t.role, t.organization) if t else None

    assert title("Bí thư Trung ương Đoàn") == (
        "Bí thư", "Ban Chấp hành Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh")
    assert title("Ủy viên Trung ương Đảng") == ("Ủy viên", "Ban Chấp hành Trung ương Đảng")
    assert title("Phó Chánh Thanh tra thành phố") == ("Phó Chánh Thanh tra", "Thanh tra thành phố Cần Thơ")
    assert title("Phó Tư lệnh Quân khu 9") == ("Phó Tư lệnh", "Quân khu 9")


def test_foreign_names_without_hyphens_after_an_honorific():
    got = _facts("Bộ trưởng tiếp bà Yamada Hanako, Chủ tịch Hội hữu nghị. Ông Schmidt Wolfgang cùng dự. "
                 "Ông Trần Văn Bảy phát biểu.")
    names = {p["name"] for p in got["persons"]}
    assert {"Yamada Hanako", "Schmidt Wolfgang", "Trần Văn Bảy"} <= names
    assert not any(n.startswith(("Ông", "ông", "bà")) for n in names)


def test_joining_bare_boards_with_the_title_that_follows():
    got = _facts("Thành ủy trao quyết định chỉ định bà Lê Thị Mai tham gia Ban Chấp hành, Ban Thường vụ và giữ "
                 "chức Bí thư Quận ủy Bình Thủy. Ông Phan Văn Tư, Bí thư Đảng ủy xã Nhơn Ái, thôi tham gia Ban "
                 "Chấp hành, Ban Thường vụ, thôi giữ chức Bí thư để nhận nhiệm vụ mới.")
    offices = _offices(got)
    assert {("Lê Thị Mai", "Ủy viên", "Ban Chấp hành Đảng bộ quận Bình Thủy"),
            ("Lê Thị Mai", "Ủy viên", "Ban Thường vụ Quận ủy Bình Thủy"),
            ("Lê Thị Mai", "Bí thư", "Quận ủy Bình Thủy"),
            ("Phan Văn Tư", "Ủy viên", "Ban Chấp hành Đảng bộ xã Nhơn Ái"),
            ("Phan Văn Tư", "Ủy viên", "Ban Thường vụ Đảng ủy xã Nhơn Ái")} <= offices


def test_a_bare_country_after_a_border_word():
    assert "Campuchia" in _facts("Các xã giáp Campuchia tăng cường tuần tra.")["places"]
    assert "Lào" in _facts("Huyện có 40 km biên giới Lào.")["places"]


def test_a_first_plenum_and_a_meeting_held_right_after_take_their_day():
    got = _facts("Sáng 26-8, Đại hội đại biểu Đảng bộ quận Bình Thủy lần thứ XII bế mạc. Chiều 25-8, Đại hội đã bầu "
                 "Ban Chấp hành. Ngay sau đó, Hội nghị lần thứ nhất Ban Chấp hành Đảng bộ quận đã bầu Ban Thường vụ.")
    assert "2020-08-25" in {m["date"] for m in got["meetings"]}
    got = _facts("Sáng 26-8, Đại hội đại biểu Đảng bộ quận Bình Thủy lần thứ XII bế mạc. Tại Hội nghị lần thứ nhất "
                 "Ban Chấp hành Đảng bộ quận khóa XII, ông Lê Văn Tâm được bầu giữ chức Bí thư Quận ủy.")
    assert [m["date"] for m in got["meetings"]] == ["2020-08-26", "2020-08-26"]


def test_documents_cited_by_a_speaker_are_the_meetings():
    got = _facts("Sáng 26-8, Tỉnh ủy Hậu Giang tổ chức hội nghị giao ban.\n\nPhát biểu chỉ đạo, ông Lê Văn Tâm đề "
                 "nghị các huyện thực hiện Chỉ thị số 07-CT/TU ngày 2/3/2020 của Tỉnh ủy.\n\nDự án được xây dựng trên "
                 "cơ sở Kết luận số 14-KL/TU ngày 5/5/2019 của Tỉnh ủy.")
    assert got["meetings"][0]["documents"] == ["07-CT/TU"]  # "Kết luận số …" is a kind, not a speaker


def test_sector_names_with_a_comma_are_read_whole():
    def org(text: str) -> str | None:
        o = org_at(tokenize(text), 0, text, CAN_THO)
        return o.name if o else None

    assert org("Sở Văn hóa, Thể thao và Du lịch") == "Sở Văn hóa, Thể thao và Du lịch thành phố Cần Thơ"
    assert org("Bộ Văn hóa, Thể thao và Du lịch chủ trì") == "Bộ Văn hóa, Thể thao và Du lịch"
    assert org("Bộ Văn hóa, Sở Y tế") == "Bộ Văn hóa"  # a comma where the name prints none ends it


def test_a_named_body_ends_after_its_place_or_country():
    def org(text: str) -> str | None:
        o = org_at(tokenize(text), 0, text, CAN_THO)
        return o.name if o else None

    assert org("Tổng công ty Lương thực Việt Nam trình bày giải pháp") == "Tổng Công ty Lương thực Việt Nam"
    assert org("Trường Đại học Cần Thơ tổ chức lễ") == "Trường Đại học Cần Thơ"
    assert org("Ngân hàng Chính sách xã hội") == "Ngân hàng Chính sách xã hội"
    assert org("Ủy ban Pháp luật của Quốc hội") == "Ủy ban Pháp luật của Quốc hội"  # Pháp: a word, not France


def test_courts_audit_bodies_and_party_committees_of_named_bodies():
    def title(text: str) -> tuple[str, str | None] | None:
        t = title_at(tokenize(text), 0, text, CAN_THO)
        return (t.role, t.organization) if t else None

    assert title("Chánh án TAND thành phố") == ("Chánh án", "Tòa án nhân dân thành phố Cần Thơ")
    assert title("Phó Chánh án Tòa án nhân dân tối cao") == ("Phó Chánh án", "Tòa án nhân dân tối cao")
    assert title("Kiểm toán trưởng Kiểm toán nhà nước khu vực V") == (
        "Kiểm toán trưởng", "Kiểm toán nhà nước khu vực V")
    assert title("Bí thư Đảng ủy Tổng công ty Điện lực miền Nam") == (
        "Bí thư", "Đảng ủy Tổng Công ty Điện lực miền Nam")
    assert title("Phó Chủ tịch Trung ương Hội Nông dân Việt Nam") == (
        "Phó Chủ tịch", "Trung ương Hội Nông dân Việt Nam")
    assert title("Phó Trưởng Ban Thường trực Ban Dân vận Trung ương") == (
        "Phó Trưởng Ban Thường trực", "Ban Dân vận Trung ương")


def test_a_bare_board_in_national_news_takes_the_committee_a_later_title_names():
    from civickg.extract.persons import stack_after

    text = "Ủy viên Ban Thường vụ, Trưởng Ban Dân vận Tỉnh ủy Sơn La"
    titles, _ = stack_after(tokenize(text), 0, text, PlaceContext())
    assert [(t.role, t.organization) for t in titles] == [
        ("Ủy viên", "Ban Thường vụ Tỉnh ủy Sơn La"), ("Trưởng Ban", "Ban Dân vận Tỉnh ủy Sơn La")]
    text = "Ủy viên Ban Thường vụ"
    assert stack_after(tokenize(text), 0, text, PlaceContext())[0] == []
