"""Administrative units, people and bodies the generator draws from (deterministic order)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from civickg import lexicon

COMMON_FAMILIES = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Phan", "Võ", "Đặng", "Bùi",
                   "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE_MALE = ["Văn", "Minh", "Quốc", "Thanh", "Hoàng", "Xuân", "Đức", "Hữu", "Công", "Tấn",
               "Trọng", "Việt", "Quang", "Ngọc"]
MIDDLE_FEMALE = ["Thị", "Thị Thu", "Thị Minh", "Thị Ngọc", "Thị Kim", "Thị Thanh", "Ngọc", "Thu"]
GIVEN_MALE = ["Hiểu", "Hùng", "Dũng", "Bình", "Tâm", "Trường", "Thành", "Hải", "Tuấn", "Phúc",
              "Long", "Khánh", "Nghĩa", "Toản", "Cường", "Phát", "Tùng", "Vinh", "Hưng", "Sơn",
              "Thắng", "Khoa", "Lộc", "Nhân", "Quyết", "Đạt", "Hòa", "Thuận", "Kiên", "Trung"]
GIVEN_FEMALE = ["Lan", "Hạnh", "Hà", "Mai", "Hương", "Phượng", "Thủy", "Vân", "Hoa", "Nga",
                "Dung", "Hằng", "Linh", "Trang", "Yến", "Thảo", "Nhung", "Loan"]


@dataclass(frozen=True, slots=True)
class Province:
    name: str  # bare canonical name: "Cần Thơ", "Thành phố Hồ Chí Minh"
    level: str  # "tỉnh" | "thành phố"
    scheme: str  # "legacy" | "2025"
    districts: tuple[tuple[str, str], ...]  # (type word, bare name), legacy only
    wards: tuple[tuple[str, str], ...]  # (type word, bare name)

    @property
    def committee(self) -> str:
        return "Thành ủy" if self.level == "thành phố" else "Tỉnh ủy"

    @property
    def in_name(self) -> str:
        """The province as it stands inside a body's name: ``tỉnh Hậu Giang``."""
        return self.name if self.name.startswith("Thành phố") else f"{self.level} {self.name}"

    @property
    def display(self) -> str:
        """The name printed after an abbreviated body (``HĐND tỉnh`` + ``Cần Thơ``)."""
        return "TP.HCM" if self.name == "Thành phố Hồ Chí Minh" else self.name

    @property
    def party(self) -> str:
        return f"{self.committee} {self.name}"


def _split(full: str) -> tuple[str, str]:
    for t in ("Thành phố", "Tỉnh", "Quận", "Huyện", "Thị xã", "Phường", "Xã", "Thị trấn", "Đặc khu"):
        if full.startswith(t + " "):
            return t.lower(), full[len(t) + 1:]
    return "", full


def _usable(bare: str) -> bool:
    # numbered wards ("Phường 7") and names that are also family names read as persons
    words = bare.split()
    return not any(w.isdigit() for w in words) and len(words) <= 3 and words[0] not in _families()


@cache
def families() -> tuple[str, ...]:
    """Every family name of the lexicon, sorted (the generator's draw order must not depend on
    set iteration)."""
    # "Ông" is a family name but reads as the honorific ông at the start of a sentence
    return tuple(sorted(lexicon.words("family_names.txt") - {"Ông"}))


def _families() -> tuple[str, ...]:
    return families()


def _canonical(bare: str) -> str:
    return "Thành phố Hồ Chí Minh" if bare == "Hồ Chí Minh" else bare


@cache
def provinces(scheme: str) -> tuple[Province, ...]:
    db = files("vietnamadminunits") / "data" / "dataset.db"
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    units: dict[str, tuple[str, dict, dict]] = {}
    try:
        if scheme == "legacy":
            rows = con.execute("select province, district, ward from admin_units_legacy "
                               "order by provinceCode, districtCode, wardCode")
            for prov, dist, ward in rows:
                level, bare = _split(prov)
                _, dists, wards = units.setdefault(bare, (level, {}, {}))
                dt, dn = _split(dist)
                if dt in ("quận", "huyện", "thị xã") and _usable(dn):
                    dists.setdefault(dn, dt)
                wt, wn = _split(ward or "")
                if wt in ("phường", "xã") and _usable(wn):
                    wards.setdefault(wn, wt)
        else:
            rows = con.execute("select province, ward from admin_units order by provinceCode, wardCode")
            for prov, ward in rows:
                level, bare = _split(prov)
                _, _, wards = units.setdefault(bare, (level, {}, {}))
                wt, wn = _split(ward or "")
                if wt in ("phường", "xã") and _usable(wn):
                    wards.setdefault(wn, wt)
    finally:
        con.close()
    return tuple(Province(_canonical(bare), level, scheme,
                          tuple((t, n) for n, t in dists.items()),
                          tuple((t, n) for n, t in wards.items()))
                 for bare, (level, dists, wards) in units.items())
