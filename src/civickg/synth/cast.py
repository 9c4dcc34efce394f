"""The people of one generated article: names, and office stacks as printed and as canonical facts."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from civickg.synth.units import (
    COMMON_FAMILIES,
    GIVEN_FEMALE,
    GIVEN_MALE,
    MIDDLE_FEMALE,
    MIDDLE_MALE,
    Province,
    families,
)

DEPARTMENTS = [("Nội vụ", "Nội vụ"), ("Tài chính", "Tài chính"), ("Y tế", "Y tế"),
               ("Xây dựng", "Xây dựng"), ("Tư pháp", "Tư pháp"),
               ("Giáo dục và Đào tạo", "GD&ĐT"), ("Khoa học và Công nghệ", "KH&CN")]
NATIONAL = [("Bộ trưởng", "Bộ Nội vụ"), ("Thứ trưởng", "Bộ Tài chính"), ("Bộ trưởng", "Bộ Y tế"),
            ("Thứ trưởng", "Bộ Xây dựng"), ("Bộ trưởng", "Bộ Tư pháp")]


@dataclass(frozen=True, slots=True)
class Post:
    role: str
    org: str  # canonical name
    printed: str  # as the article prints the title
    place: str | None = None  # a place the printed title names (district, ward)
    parent: str | None = None  # the committee a board belongs to


@dataclass(slots=True)
class Official:
    name: str
    female: bool
    posts: list[Post] = field(default_factory=list)

    @property
    def short(self) -> str:
        return self.name.split()[-1]

    def titled_after(self) -> str:
        """``Nguyễn Văn A, Phó Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh``"""
        return ", ".join([self.name, *(p.printed for p in self.posts)])

    def titled_before(self) -> str:
        """``Phó Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Nguyễn Văn A``"""
        return ", ".join(p.printed for p in self.posts) + f" {self.name}"


def person_name(rng: random.Random, female: bool) -> str:
    family = rng.choice(COMMON_FAMILIES) if rng.random() < 0.8 else rng.choice(families())
    middle = rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)
    given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
    return f"{family} {middle} {given}"


class Posts:
    """The offices of one province, in the forms its news prints them."""

    def __init__(self, p: Province, rng: random.Random) -> None:
        self.p, self.rng = p, rng
        c, lvl = p.committee, p.level
        self.party = p.party
        self.council = f"Hội đồng nhân dân {p.in_name}"
        self.people = f"Ủy ban nhân dân {p.in_name}"
        self.standing = f"Ban Thường vụ {p.party}"
        hdnd = rng.choice(["HĐND", "Hội đồng nhân dân"])
        ubnd = rng.choice(["UBND", "Ủy ban nhân dân"])
        self.hdnd_printed, self.ubnd_printed = f"{hdnd} {lvl}", f"{ubnd} {lvl}"
        hcm = p.display != p.name
        self.hdnd_full = f"{hdnd} TP.HCM" if hcm else f"{hdnd} {lvl} {p.name}"
        self.ubnd_full = f"{ubnd} TP.HCM" if hcm else f"{ubnd} {lvl} {p.name}"
        self.secretary = Post("Bí thư", self.party, f"Bí thư {c}")
        self.standing_deputy = Post("Phó Bí thư Thường trực", self.party, f"Phó Bí thư Thường trực {c}")
        self.deputy = Post("Phó Bí thư", self.party, f"Phó Bí thư {c}")
        self.council_chair = Post("Chủ tịch", self.council, f"Chủ tịch {self.hdnd_printed}")
        self.council_vice = Post("Phó Chủ tịch", self.council, f"Phó Chủ tịch {self.hdnd_printed}")
        self.people_chair = Post("Chủ tịch", self.people, f"Chủ tịch {self.ubnd_printed}")
        self.people_vice = Post("Phó Chủ tịch", self.people, f"Phó Chủ tịch {self.ubnd_printed}")
        self.standing_member = Post("Ủy viên", self.standing, f"Ủy viên Ban Thường vụ {c}",
                                    parent=self.party)
        self.member = Post("Ủy viên", self.party, f"{c} viên")
        self.central = Post("Ủy viên", "Ban Chấp hành Trung ương Đảng",
                            rng.choice(["Ủy viên Trung ương Đảng",
                                        "Ủy viên Ban Chấp hành Trung ương Đảng"]))
        self.delegation = Post("Trưởng Đoàn", f"Đoàn đại biểu Quốc hội {p.in_name}",
                               f"Trưởng Đoàn đại biểu Quốc hội {lvl}")
        self.front = Post("Chủ tịch", f"Ủy ban Mặt trận Tổ quốc Việt Nam {p.in_name}",
                          f"Chủ tịch Ủy ban MTTQ Việt Nam {lvl}")

    def board_head(self) -> Post:
        boards = ["Ban Tổ chức", "Ban Nội chính"]
        boards += ["Ban Tuyên giáo và Dân vận"] if self.p.scheme == "2025" else ["Ban Tuyên giáo",
                                                                               "Ban Dân vận"]
        b = self.rng.choice(boards)
        return Post("Trưởng Ban", f"{b} {self.party}", f"Trưởng {b} {self.p.committee}",
                    parent=self.party)

    def department_head(self, deputy: bool = False, name: tuple[str, str] | None = None) -> Post:
        full, printed = name or self.rng.choice(DEPARTMENTS)
        role = "Phó Giám đốc" if deputy else "Giám đốc"
        return Post(role, f"Sở {full} {self.p.in_name}", f"{role} Sở {printed}")

    def local_leader(self) -> tuple[Post, Post]:
        """Secretary and chairman of a district (legacy) or a ward/commune (2025) and the place."""
        p = self.p
        if p.scheme == "legacy" and p.districts:
            kind, name = self.rng.choice(p.districts)
            committee = {"quận": "Quận ủy", "huyện": "Huyện ủy", "thị xã": "Thị ủy"}[kind]
            party = f"{committee} {name}"
            sec = Post("Bí thư", party, f"Bí thư {party}", place=name)
        else:
            kind, name = self.rng.choice(p.wards)
            party = f"Đảng ủy {kind} {name}"
            sec = Post("Bí thư", party, f"Bí thư {party}", place=name)
        chair = Post("Chủ tịch", f"Ủy ban nhân dân {kind} {name}", f"Chủ tịch UBND {kind} {name}",
                     place=name)
        return sec, chair


def provincial_cast(posts: Posts, rng: random.Random, n: int) -> list[Official]:
    """``n`` distinct provincial officials with coherent office stacks."""
    stacks = [
        [posts.central, posts.secretary, posts.delegation] if rng.random() < 0.5
        else [posts.secretary],
        [posts.standing_deputy, posts.council_chair],
        [posts.deputy, posts.people_chair],
        [posts.standing_member, posts.people_vice],
        [posts.standing_member, posts.board_head()],
        [posts.member, posts.department_head()],
        [posts.standing_member, posts.front],
        [posts.council_vice],
    ]
    sec, _chair = posts.local_leader()
    stacks.append([rng.choice([posts.member, posts.standing_member]), sec])
    chosen = [stacks[0], *rng.sample(stacks[1:], min(n, len(stacks)) - 1)]
    used: set[str] = set()
    out = []
    for stack in chosen:
        female = rng.random() < 0.3
        name = person_name(rng, female)
        while name in used or name.split()[-1] in {o.short for o in out}:
            name = person_name(rng, female)
        used.add(name)
        # the first stack is the secretary's: a shorter stack drops the optional titles
        keep = stack if len(stack) == 1 or rng.random() < 0.8 else stack[1:2] if stack is chosen[0] else stack[-1:]
        out.append(Official(name, female, list(keep)))
    return out
