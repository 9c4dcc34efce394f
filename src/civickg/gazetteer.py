"""Vietnamese administrative units (63-province legacy scheme and the 2025 one) from the
``vietnamadminunits`` package's SQLite data, plus regions, countries and foreign cities from
civickg's data files. Read locally; no network."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from civickg import lexicon
from civickg.normalize import phrase_key

_TYPES = ("Thành phố", "Tỉnh", "Quận", "Huyện", "Thị xã", "Phường", "Xã", "Thị trấn", "Đặc khu")


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    name: str  # bare name: "Cần Thơ"
    level: str  # Province | District | Commune | Region | Country | City | ForeignProvince
    type_word: str  # "thành phố", "tỉnh", "quận", "huyện", "xã", ... ("" for regions)
    code: str | None
    scheme: str | None  # "legacy" | "2025" | None
    parent: str | None  # bare name of the province (or country for foreign cities)


def _split_type(full: str) -> tuple[str, str]:
    for t in _TYPES:
        if full.startswith(t + " "):
            return t.lower(), full[len(t) + 1 :]
    return "", full


def _canonical_province(bare: str) -> str:
    return "Thành phố Hồ Chí Minh" if bare == "Hồ Chí Minh" else bare


@cache
def _entries() -> dict[str, list[PlaceEntry]]:
    index: dict[str, list[PlaceEntry]] = {}

    def add(e: PlaceEntry, *aliases: str) -> None:
        for a in (e.name, *aliases):
            lst = index.setdefault(phrase_key(a), [])
            if e not in lst:
                lst.append(e)

    former = {r[3]: (r[0], r[2]) for r in lexicon.table("former_units.tsv") if r[1] == "Province" and r[3]}
    db = files("vietnamadminunits") / "data" / "dataset.db"
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        seen: set[tuple[str, str]] = set()
        for prov, pcode, dist, dcode, dtype, ward, wcode, wtype in con.execute(
            "select province, provinceCode, district, districtCode, districtType, ward, wardCode,"
            " wardType from admin_units_legacy"
        ):
            ptype, pbare = _split_type(prov)
            pname = _canonical_province(pbare)
            if pcode in former:  # the package's snapshot has a 2025 name; the scheme had this one
                pname, ptype = former[pcode]
            if ("p", pname) not in seen:
                seen.add(("p", pname))
                add(PlaceEntry(pname, "Province", ptype, pcode, "legacy", None), *([] if pcode in former else [pbare]))
            dt, dbare = _split_type(dist)
            if ("d", dcode) not in seen:
                seen.add(("d", dcode))
                add(PlaceEntry(dbare, "District", dt or (dtype or "").lower(), dcode, "legacy", pname))
            if ward:
                wt, wbare = _split_type(ward)
                if ("w", wcode) not in seen:
                    seen.add(("w", wcode))
                    add(PlaceEntry(wbare, "Commune", wt or (wtype or "").lower(), wcode, "legacy", pname))
        for prov, pcode, ward, wcode, wtype in con.execute(
            "select province, provinceCode, ward, wardCode, wardType from admin_units"
        ):
            ptype, pbare = _split_type(prov)
            pname = _canonical_province(pbare)
            if ("p25", pname) not in seen:
                seen.add(("p25", pname))
                add(PlaceEntry(pname, "Province", ptype, pcode, "2025", None), pbare)
            wt, wbare = _split_type(ward)
            if ("w25", wcode) not in seen:
                seen.add(("w25", wcode))
                add(PlaceEntry(wbare, "Commune", wt or (wtype or "").lower(), wcode, "2025", pname))
    finally:
        con.close()
    for row in lexicon.table("regions.tsv"):
        aliases = [a for a in (row[1].split("|") if len(row) > 1 else []) if a]
        add(PlaceEntry(row[0], "Region", "", None, None, "Việt Nam"), *aliases)
    for row in lexicon.table("countries.tsv"):
        aliases = [a for a in (row[1].split("|") if len(row) > 1 else []) if a]
        # a long form ("Vương quốc Campuchia") is the country's bare name; another name for
        # it ("Australia" for "Úc") is kept as the article prints it
        longer = [a for a in aliases if phrase_key(a).endswith(phrase_key(row[0]))]
        add(PlaceEntry(row[0], "Country", "", None, None, None), *longer)
        for a in aliases:
            if a not in longer:
                add(PlaceEntry(a, "Country", "", None, None, None))
    for row in lexicon.table("former_units.tsv"):
        name, level, type_word, code, _until = row[:5]
        if level != "Province" or not code:  # a province without a code is older than the legacy scheme
            scheme = "legacy" if code else None
            add(PlaceEntry(name, level, type_word, code or None, scheme, row[5] if len(row) > 5 and row[5] else None))
    for row in lexicon.table("foreign_provinces.tsv"):  # named as the article prints them
        add(PlaceEntry(row[0], "ForeignProvince", "tỉnh", None, None, row[2]), *(a for a in row[1].split("|") if a))
    for row in lexicon.table("world_cities.tsv"):
        add(PlaceEntry(row[0], "City", "", None, None, row[1]))
    order = {"Country": 0, "Province": 1, "Region": 2, "ForeignProvince": 3, "City": 3, "District": 4, "Commune": 5}
    for lst in index.values():
        lst.sort(key=lambda e: order[e.level])
    return index


def lookup(name: str) -> list[PlaceEntry]:
    """Every unit with this bare name (or alias), countries and provinces first."""
    return _entries().get(phrase_key(name), [])


def entries_by_key() -> dict[str, list[PlaceEntry]]:
    return _entries()


def lookup_keys(keys: str) -> list[PlaceEntry]:
    """``lookup`` for an already keyed phrase (``phrase_key``)."""
    return _entries().get(keys, [])


@cache
def first_words() -> frozenset[str]:
    return frozenset(k.split(" ", 1)[0] for k in _entries())


def province(name: str) -> PlaceEntry | None:
    for e in lookup(name):
        if e.level == "Province":
            return e
    return None


def is_known(name: str) -> bool:
    return phrase_key(name) in _entries()


@cache
def key_prefixes() -> frozenset[str]:
    """Every key and each of its leading runs of words (``cần``, ``cần thơ``)."""
    out: set[str] = set()
    for k in _entries():
        words = k.split(" ")
        out.update(" ".join(words[:n]) for n in range(1, len(words) + 1))
    return frozenset(out)


@cache
def max_words() -> int:
    return max(len(k.split()) for k in _entries())
