"""One generated article: its text in the plain-text form news sites print, and its facts."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from civickg.synth.cast import DEPARTMENTS, NATIONAL, Official, Post, Posts, person_name, provincial_cast
from civickg.synth.units import Province, provinces

WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]
SUBJECTS = ["phát triển, ứng dụng khoa học và công nghệ", "cải cách hành chính giai đoạn 2021-2025",
            "phát triển nguồn nhân lực chất lượng cao", "xây dựng nông thôn mới",
            "chuyển đổi số đến năm 2025, định hướng đến năm 2030",
            "tăng cường công tác phòng, chống tham nhũng, tiêu cực",
            "phát triển kinh tế tập thể", "nâng cao chất lượng tổ chức cơ sở đảng"]
FILLER = [
    "Sau {k} năm triển khai, các cấp ủy, chính quyền đã cụ thể hóa bằng chương trình, kế hoạch "
    "phù hợp; nhiều chỉ tiêu đạt và vượt so với mục tiêu đề ra.",
    "Tuy nhiên, việc thực hiện ở một số nơi còn chậm; nguồn lực đầu tư còn hạn chế; sự phối hợp "
    "giữa các ngành có lúc chưa chặt chẽ.",
    "Các đại biểu đã tập trung thảo luận, làm rõ nguyên nhân của hạn chế và đề xuất nhiều giải "
    "pháp thiết thực trong thời gian tới.",
]
AUTHORS = ["Duy Thiên", "Minh Khuê", "Ngọc Thảo", "Thanh Tâm", "Minh Huy", "Kim Ngân", "Anh Dũng",
           "Quách Hùng", "Lê Anh", "Quang Khánh", "Thu Hường", "Việt Dũng", "Hoàng Yến"]
# outlets whose tag the reader maps to a province; others print a site tag of their own
OUTLETS = {"Cần Thơ": "TGCT", "Sóc Trăng": "STO", "Hậu Giang": "HG", "An Giang": "AGO",
           "Trà Vinh": "TVO", "Bạc Liêu": "BLO", "Cà Mau": "CMO", "Vĩnh Long": "VLO",
           "Đồng Tháp": "ĐTO", "Bến Tre": "BTO", "Thanh Hóa": "THO", "Quảng Ninh": "QNO"}
ROMAN = ["X", "XI", "XII", "XIII", "XIV", "XV", "XVI"]


@dataclass
class Draft:
    """What the article says, gathered while it is written."""

    province: Province
    day: date
    paragraphs: list[str] = field(default_factory=list)
    persons: dict[str, Official] = field(default_factory=dict)
    orgs: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)
    meeting: dict[str, Any] = field(default_factory=dict)

    def org(self, *names: str | None) -> None:
        for n in names:
            if n and n not in self.orgs:
                self.orgs.append(n)

    def place(self, *names: str | None) -> None:
        for n in names:
            if n and n not in self.places:
                self.places.append(n)

    def named(self, *people: Official) -> None:
        for o in people:
            self.persons.setdefault(o.name, o)
            for post in o.posts:
                self.org(post.org, post.parent)
                self.place(post.place)

    def participate(self, *people: Official) -> None:
        self.named(*people)
        for o in people:
            if o.name not in self.meeting["participants"]:
                self.meeting["participants"].append(o.name)


def _when(rng: random.Random, day: date) -> str:
    """The meeting's day as the lead prints it."""
    return rng.choice([f"Sáng {day.day}-{day.month}", f"Chiều {day.day}/{day.month}",
                       f"Ngày {day.day:02d}/{day.month:02d}/{day.year}", f"Sáng {day.day}/{day.month}"])


def _doc_date(d: date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}" if d.day < 10 else f"{d.day}/{d.month}/{d.year}"


def _honorific(o: Official) -> str:
    return "bà" if o.female else "ông"


def _chair_sentence(rng: random.Random, chairs: list[Official], what: str) -> str:
    if len(chairs) == 1:
        return f"Đồng chí {chairs[0].titled_after()} chủ trì {what}."
    listed = "; ".join(c.titled_after() for c in chairs)
    return f"Các đồng chí: {listed} đồng chủ trì {what}."


def _attend_sentence(rng: random.Random, guests: list[Official], what: str) -> str:
    if len(guests) == 1:
        return f"Cùng dự có đồng chí {guests[0].titled_after()}."
    return f"Dự {what} có các đồng chí: " + "; ".join(g.titled_after() for g in guests) + "."


def review(d: Draft, rng: random.Random, tag: str, posts: Posts, cast: list[Official]) -> str:
    """A party committee's conference reviewing one of its resolutions (sơ kết / tổng kết)."""
    p = d.province
    qual = rng.choice(["sơ kết", "tổng kết"])
    years = rng.randint(2, 5)
    kind_code, kind = rng.choice([("NQ", "Nghị quyết"), ("CT", "Chỉ thị"), ("KH", "Kế hoạch")])
    issued = d.day - timedelta(days=365 * years + rng.randint(10, 200))
    number = f"{rng.randint(1, 45):02d}-{kind_code}/TU"
    subject = rng.choice(SUBJECTS)
    organizer, org_printed = ((posts.standing, f"Ban Thường vụ {p.party}") if rng.random() < 0.5
                              else (posts.party, p.party))
    d.org(organizer, posts.party)
    d.documents.append({"kind": kind, "number": number, "date": issued.isoformat(),
                        "issuer": posts.party, "subject": subject})
    d.meeting.update(kind=f"Hội nghị {qual}", organizer=organizer, documents=[number])
    chairs = cast[: rng.randint(1, 2)]
    guests = cast[len(chairs):]
    d.meeting["chairs"] = [c.name for c in chairs]
    d.paragraphs.append(
        f"({tag}) {_when(rng, d.day)}, {org_printed} tổ chức Hội nghị {qual} {years} năm thực hiện "
        f"{kind} số {number} ngày {_doc_date(issued)} của {p.committee} về {subject}. "
        + _chair_sentence(rng, chairs, "hội nghị")
        + (" " + _attend_sentence(rng, guests[:2], "hội nghị") if guests[:2] else ""))
    d.participate(*chairs, *guests[:2])
    d.paragraphs.append("Các đồng chí chủ trì hội nghị.")
    d.paragraphs.append(" ".join(f.format(k=years) for f in rng.sample(FILLER, 2)))
    if len(guests) > 2:
        g = guests[2]
        d.paragraphs.append(f"Tham luận tại hội nghị, đồng chí {g.titled_after()} chia sẻ kinh "
                            "nghiệm triển khai ở cơ sở và kiến nghị tháo gỡ vướng mắc.")
        d.participate(g)
    lead = chairs[0]
    d.paragraphs.append(f"Đồng chí {lead.name} phát biểu kết luận hội nghị.")
    d.paragraphs.append(f"Kết luận hội nghị, đồng chí {lead.name} đề nghị các cấp ủy, chính quyền "
                        f"tiếp tục quán triệt nghiêm túc {kind} số {number}; đẩy mạnh ứng dụng công "
                        "nghệ thông tin và xử lý nghiêm cán bộ gây phiền hà.")
    return f"{qual.capitalize()} {years} năm thực hiện {kind} {number} về {subject}"


def session(d: Draft, rng: random.Random, tag: str, posts: Posts, cast: list[Official]) -> str:
    """A people's council session that adopts a resolution, held in the provincial capital."""
    p = d.province
    number_n = rng.randint(2, 30)
    d.meeting.update(kind="Kỳ họp", organizer=posts.council)
    chair = Official(person_name(rng, False), False, [posts.deputy, posts.council_chair])
    while chair.short in {c.short for c in cast}:
        chair = Official(person_name(rng, False), False, [posts.deputy, posts.council_chair])
    guests = [c for c in cast if posts.council_chair not in c.posts][:4]
    venue = None
    if p.scheme == "legacy" and p.districts:
        kind, venue = rng.choice([x for x in p.districts if x[0] != "huyện"] or list(p.districts))
        hall = rng.choice(["Trung tâm Hành chính tập trung", "Trung tâm Hành chính", "Hội trường"])
        where = f", tại {hall} {p.level} ({kind} {venue})"
    else:
        where = ""
    d.meeting.update(place=venue, chairs=[chair.name])
    d.place(venue)
    term = rng.choice(ROMAN)
    subject = rng.choice(SUBJECTS)
    number = f"{rng.randint(1, 40)}/{d.day.year}/NQ-HĐND"
    d.documents.append({"kind": "Nghị quyết", "number": number, "date": d.day.isoformat(),
                        "issuer": posts.council, "subject": subject})
    d.meeting["documents"] = [number]
    d.org(posts.council, posts.people)
    d.paragraphs.append(
        f"({tag}) {_when(rng, d.day)}{where}, {posts.hdnd_full} khóa {term} bế mạc kỳ "
        f"họp thứ {number_n} sau {rng.randint(2, 4)} ngày làm việc. {_chair_sentence(rng, [chair], 'kỳ họp')}")
    d.participate(chair)
    if guests:
        d.paragraphs.append(_attend_sentence(rng, guests, "kỳ họp"))
        d.participate(*guests)
    d.paragraphs.append("Quang cảnh phiên bế mạc kỳ họp.")
    d.paragraphs.append(f"Kỳ họp đã thông qua {rng.randint(12, 30)} nghị quyết, trong đó có Nghị quyết "
                        f"số {number} về {subject}.")
    d.paragraphs.append(f"Bế mạc kỳ họp, {_honorific(chair)} {chair.short} đề nghị {posts.ubnd_printed} "
                        "khẩn trương ban hành văn bản hướng dẫn để các nghị quyết sớm đi vào cuộc sống.")
    return f"Bế mạc Kỳ họp thứ {number_n} {posts.hdnd_full} khóa {term}"


def appointment(d: Draft, rng: random.Random, tag: str, posts: Posts, cast: list[Official]) -> str:
    """A people's committee hands over a decision appointing a department director."""
    p = d.province
    giver = next((c for c in cast if posts.people_vice in c.posts or posts.people_chair in c.posts), None)
    if giver is None:
        giver = Official(person_name(rng, False), False, [posts.people_vice])
        while giver.short in {c.short for c in cast}:
            giver = Official(person_name(rng, False), False, [posts.people_vice])
    female = rng.random() < 0.4
    name = person_name(rng, female)
    while name.split()[-1] in {c.short for c in cast} | {giver.short}:
        name = person_name(rng, female)
    dept = rng.choice(DEPARTMENTS)
    deputy_post, head_post = posts.department_head(True, dept), posts.department_head(False, dept)
    appointee = Official(name, female, [deputy_post])
    issued = d.day - timedelta(days=rng.randint(1, 6))
    number = f"{rng.randint(100, 3200)}/QĐ-UBND"
    d.documents.append({"kind": "Quyết định", "number": number, "date": issued.isoformat(),
                        "issuer": posts.people, "subject": None})
    d.meeting.update(kind="Lễ trao quyết định", organizer=posts.people, chairs=[],
                     documents=[number])
    d.org(posts.people)
    hon = _honorific(appointee)
    d.paragraphs.append(f"({tag}) {_when(rng, d.day)}, {posts.ubnd_full} tổ chức lễ trao "
                        f"quyết định về công tác cán bộ. {giver.titled_before()} dự và trao quyết định.")
    d.paragraphs.append(
        f"Tại buổi lễ, {_honorific(giver)} {giver.name} đã trao Quyết định số {number} ngày "
        f"{issued.day}-{issued.month}-{issued.year} của {posts.ubnd_printed} về việc bổ nhiệm {hon} "
        f"{appointee.name}, {deputy_post.printed}, giữ chức {head_post.printed}.")
    appointee.posts.append(head_post)
    d.participate(giver, appointee)
    d.paragraphs.append(f"{giver.posts[-1].printed} {giver.name} trao quyết định cho {hon} {appointee.name}.")
    d.paragraphs.append(f"Phát biểu giao nhiệm vụ, {_honorific(giver)} {giver.short} đề nghị {hon} "
                        f"{appointee.short} cùng tập thể lãnh đạo Sở đoàn kết, hoàn thành tốt nhiệm vụ được giao.")
    return f"{hon.capitalize()} {appointee.name} được bổ nhiệm {head_post.printed} {p.display}"


def visit(d: Draft, rng: random.Random, tag: str, posts: Posts, cast: list[Official]) -> str:
    """A minister's working session with the province's standing board."""
    p = d.province
    role, ministry = rng.choice(NATIONAL)
    female = rng.random() < 0.3
    minister = Official(person_name(rng, female), female, [Post(role, ministry, f"{role} {ministry}")])
    while minister.short in {c.short for c in cast}:
        minister.name = person_name(rng, female)
    secretary = cast[0]
    d.meeting.update(kind="Buổi làm việc", organizer=None, chairs=[minister.name])
    d.org(posts.standing, posts.party)
    d.paragraphs.append(f"({tag}) {_when(rng, d.day)}, {minister.titled_before()} làm việc với Ban "
                        f"Thường vụ {p.party} về tình hình thực hiện nhiệm vụ năm {d.day.year}.")
    d.paragraphs.append(f"Tiếp và làm việc với đoàn có đồng chí {secretary.titled_after()} cùng các "
                        f"đồng chí trong Ban Thường vụ {p.committee}.")
    d.participate(minister, secretary)
    d.paragraphs.append(f"Đồng chí {minister.name} chủ trì buổi làm việc.")
    if len(cast) > 1:
        r = cast[1]
        d.paragraphs.append(f"Báo cáo tại buổi làm việc, đồng chí {r.titled_after()} cho biết, trong "
                            f"năm qua kinh tế {p.level} tăng trưởng khá, thu ngân sách vượt dự toán.")
        d.participate(r)
    d.paragraphs.append("Quang cảnh buổi làm việc.")
    d.paragraphs.append(f"Phát biểu tại buổi làm việc, đồng chí {minister.name} ghi nhận, biểu dương "
                        f"sự nỗ lực của Đảng bộ, chính quyền và Nhân dân {p.name}.")
    d.org(f"Đảng bộ {p.in_name}")
    return f"{role} {ministry} làm việc với Ban Thường vụ {p.party}"


SCENARIOS = [review, session, appointment, visit]


def _timeline(rng: random.Random, published: date, hour: int, minute: int) -> tuple[str, str]:
    d = published
    t = f"{hour:02d}:{minute:02d}"
    iso_day = d.isoformat()
    forms = [(f"{t} - {d.day:02d}/{d.month:02d}/{d.year}", f"{iso_day}T{t}"),
             (f"{d.day:02d}/{d.month:02d}/{d.year} - {t}", f"{iso_day}T{t}"),
             (f"{t}, {d.day:02d}/{d.month:02d}/{d.year}", f"{iso_day}T{t}"),
             (f"{WEEKDAYS[d.weekday()]}, {d.day:02d}/{d.month:02d}/{d.year}", iso_day),
             (f"{d.day:02d}/{d.month:02d}/{d.year}", iso_day)]
    return rng.choice(forms)


def _byline(rng: random.Random) -> tuple[str, list[str]]:
    a, b = rng.sample(AUTHORS, 2)
    return rng.choice([
        (f"Tin, ảnh: {a}", [a]),
        (f"Thực hiện: {a.upper()} - {b.upper()}", [a, b]),
        (a.upper(), [a]),
        (f"{a} (tổng hợp)", [a]),
        (f"Bài, ảnh: {a}", [a]),
    ])


def generate(index: int, seed: int = 0) -> tuple[str, str, dict[str, Any]]:
    """Article ``index`` of the corpus ``seed``: (article id, plain text, facts)."""
    rng = random.Random(f"civickg-synth:{seed}:{index}")
    start, end = date(2016, 1, 1), date(2026, 6, 30)
    day = start + timedelta(days=rng.randrange((end - start).days))
    scheme = "2025" if day >= date(2025, 7, 1) else "legacy"
    province = rng.choice(provinces(scheme))
    published = day + timedelta(days=1 if rng.random() < 0.3 and day.day < 28 else 0)
    posts = Posts(province, rng)
    cast = provincial_cast(posts, rng, rng.randint(3, 6))
    tag = OUTLETS.get(province.name) or rng.choice(["TTXVN", "VOV", "ĐCSVN"])
    d = Draft(province, day, meeting={"date": day.isoformat(), "place": None, "participants": []})
    d.place(province.name)
    title = rng.choice(SCENARIOS)(d, rng, tag, posts, cast)
    timeline, published_iso = _timeline(rng, published, rng.randint(6, 22), rng.randrange(0, 60, 5))
    byline, authors = _byline(rng)
    text = "\n\n".join([f"{title}\n{timeline}", *d.paragraphs, byline]) + "\n"
    article_id = f"synth-{seed}-{index:07d}"
    facts = {
        "title": title, "published": published_iso, "source": tag, "authors": authors,
        "locality": province.name,
        "persons": [{"name": o.name, "offices": [{"role": p.role, "organization": p.org}
                                                 for p in o.posts]} for o in d.persons.values()],
        "organizations": d.orgs, "documents": d.documents,
        "meetings": [{"kind": d.meeting["kind"], "date": d.meeting["date"],
                      "organizer": d.meeting.get("organizer"), "place": d.meeting.get("place"),
                      "chairs": d.meeting.get("chairs", []),
                      "participants": d.meeting["participants"],
                      "documents": d.meeting.get("documents", [])}],
        "places": d.places,
    }
    return article_id, text, facts
