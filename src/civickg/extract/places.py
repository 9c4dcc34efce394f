"""Place mentions: units after a level word (``tỉnh Hậu Giang``, ``TP. Rạch Giá``), bare
province, region and country names, districts of the provinces the article names, landmarks
named after a place (``Bến Ninh Kiều``)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Set
from dataclasses import dataclass, replace
from functools import cache

from civickg import gazetteer
from civickg.extract.tokens import Phrases, Token, phrase_at
from civickg.gazetteer import PlaceEntry
from civickg.model import Span
from civickg.normalize import phrase_key

LEVEL_WORDS: dict[tuple[str, ...], str] = {
    ("tỉnh",): "tỉnh", ("thành", "phố"): "thành phố", ("tp",): "thành phố",
    ("quận",): "quận", ("huyện",): "huyện", ("thị", "xã"): "thị xã", ("xã",): "xã",
    ("phường",): "phường", ("thị", "trấn"): "thị trấn", ("đặc", "khu"): "đặc khu",
}
HCM_KEYS = {"tp.hcm", "tphcm", "hcm"}
_LOCATIVE = {"ở", "tại", "sang", "đến", "nước", "với", "giáp", "giới"}  # "biên giới Lào", "giáp Lào"
_LOWER_LEVELS = {"District", "Commune"}
# the units a bare name (no level word before it) can be
_BARE_LEVELS = frozenset({"Province", "Country", "Region", "City", "District", "ForeignProvince"})


@dataclass(frozen=True, slots=True)
class PlaceMention:
    entry: PlaceEntry
    span: Span
    typed: str | None  # the level word printed before it, if any


_LEVEL_INDEX = Phrases(LEVEL_WORDS)


@cache
def _committees() -> Phrases[str]:
    from civickg import lexicon
    from civickg.extract.tokens import tokenize

    return Phrases({tuple(t.key for t in tokenize(r[0])): r[1]
                    for r in lexicon.table("party_committees.tsv") if len(r) > 1 and r[1]})


def _committee_word_at(tokens: list[Token], i: int) -> tuple[str, int] | None:
    """``Huyện ủy Lắk``: the party committee word says the level of the unit after it."""
    hit = _committees().longest_at(tokens, i)
    return (str(hit[1]), i + len(hit[0])) if hit else None


def level_word_at(tokens: list[Token], i: int) -> tuple[str, int] | None:
    """The level word starting at token i and the index after it."""
    hit = _LEVEL_INDEX.longest_at(tokens, i)
    return (str(hit[1]), i + len(hit[0])) if hit else None


def fits_level_word(entry: PlaceEntry, level_word: str | None) -> bool:
    """``tỉnh X`` is a province; ``thành phố X`` a province-level or provincial city (a commune
    named after a person, ``thị trấn Huỳnh Hữu Nghĩa``, is neither)."""
    if level_word == "tỉnh":
        return entry.level in {"Province", "ForeignProvince"}
    if level_word == "thành phố":
        return entry.level == "Province" or entry.type_word == "thành phố"
    return True


def place_at(
    tokens: list[Token], i: int, levels: Set[str] | None = None, level_word: str | None = None
) -> tuple[PlaceEntry, int] | None:
    """The longest run of capitalised words at token i that names a known place (of the unit
    ``level_word`` prints before it, if given)."""
    if i < len(tokens) and tokens[i].key in HCM_KEYS:
        return gazetteer.province("Hồ Chí Minh"), i + 1  # type: ignore[return-value]
    if i >= len(tokens) or tokens[i].key not in gazetteer.first_words():
        return None  # (tested first: most capitalised words start no place name)
    j = plain = i
    limit = min(len(tokens), i + gazetteer.max_words())
    while j < limit and tokens[j].is_cap and (
        j == i or tokens[j].start - tokens[j - 1].end == 1 or _dash_between(tokens, j)
    ):
        j += 1
        plain = j if plain == j - 1 and (j - 1 == i or not _dash_between(tokens, j - 1)) else plain
    name_run = None  # worked out when first needed
    # the keys of tokens[i:k] for each k, built word by word and only as long as some name
    # of the gazetteer starts with them (a longer run can then name nothing)
    prefixes = gazetteer.key_prefixes()
    joined: list[str] = []
    for k in range(i + 1, j + 1):
        keys = tokens[i].key if k == i + 1 else f"{joined[-1]} {tokens[k - 1].key}"
        if keys not in prefixes:
            break
        joined.append(keys)
    for k in range(i + len(joined), i, -1):
        entries = [e for e in gazetteer.lookup_keys(joined[k - i - 1])
                   if (levels is None or e.level in levels) and fits_level_word(e, level_word)]
        if k < plain and name_run is None:
            name_run = plain - i <= 4 and _looks_like_name(tokens[i:plain])
        if k < plain and name_run and not any(e.level == "Province" for e in entries):
            continue  # "UBND thành phố Lâm Văn Thịnh": a person, not the commune Lâm
        if entries:
            if entries[0].level == "ForeignProvince":  # as printed: "Sê Kông", "Sekong"
                return replace(entries[0], name=" ".join(t.text for t in tokens[i:k])), k
            return entries[0], k
    return None


def _dash_between(tokens: list[Token], j: int) -> bool:
    """``Bà Rịa - Vũng Tàu``, ``Xuân Hương - Đà Lạt``: one name in two halves (a three-character
    gap; the whole must still be a known name)."""
    return tokens[j].start - tokens[j - 1].end == 3


@cache
def _is_family_name():  # names imports this module: imported on first use, once
    from civickg.extract.names import is_family_name

    return is_family_name


def _looks_like_name(run: list[Token]) -> bool:
    return len(run) >= 2 and _is_family_name()(run[0])


@cache
def _historical() -> dict[str, list[tuple[str, ...]]]:
    from civickg import lexicon

    out: dict[str, list[tuple[str, ...]]] = {}
    for row in lexicon.table("historical_persons.tsv"):
        words = tuple(phrase_key(row[0]).split())
        out.setdefault(words[0], []).append(words)
    return out


def _historical_at(tokens: list[Token], i: int) -> int:
    """Length of a historical figure's name starting at token i, else 0."""
    for words in _historical().get(tokens[i].key, []):
        if phrase_at(tokens, i, words):
            return len(words)
    return 0


def _landmark_at(tokens: list[Token], i: int) -> PlaceMention | None:
    """``ở Bến Ninh Kiều``: a place named after a unit it lies in."""
    if not i or tokens[i - 1].key not in {"ở", "tại"} or not tokens[i].is_cap:
        return None
    j = i
    while j < len(tokens) and tokens[j].is_cap and (j == i or tokens[j].start - tokens[j - 1].end == 1):
        j += 1
    if j - i < 3 or gazetteer.is_known(" ".join(t.text for t in tokens[i:j])):
        return None
    inner = place_at(tokens, i + 1, {"Province", "District"})
    if inner is None or inner[1] != j:
        return None
    name = " ".join(t.text for t in tokens[i:j])
    entry = PlaceEntry(name, "Place", "", None, None, inner[0].name)
    return PlaceMention(entry, Span(tokens[i].start, tokens[j - 1].end), None)


def find_places(text: str, tokens: list[Token], blocked: list[Span]) -> list[PlaceMention]:
    """Every place mention in ``tokens``; tokens inside ``blocked`` spans (person names) are
    skipped."""
    starts = [t.start for t in tokens]  # increasing: the tokens inside a span by bisection
    blocked_starts = {x for b in blocked for x in starts[bisect_left(starts, b.start) : bisect_left(starts, b.end)]}
    out: list[PlaceMention] = []
    i = 0
    starters = _starters()
    # first words of what each look-up can find: a token that starts none is passed over
    levels, aliases, historical_firsts = _LEVEL_INDEX.by_first, _alias_index().by_first, _historical()
    committees = _committees().by_first
    place_firsts = gazetteer.first_words()
    # the tokens a place mention can start at, in order (the loop jumps past each mention)
    for c in [n for n, t in enumerate(tokens)
              if (t.is_cap or t.key in starters or t.text.isupper()) and t.start not in blocked_starts]:
        if c < i:
            continue
        i = c
        t = tokens[i]
        lw = (_committee_word_at(tokens, i) if t.key in committees else None) or (
            level_word_at(tokens, i) if t.key in levels else None
        )
        if lw and lw[1] < len(tokens):
            level, j = lw
            if j < len(tokens) and tokens[j].key in {".", ""}:
                j += 1
            found = place_at(tokens, j, level_word=level)
            if found and tokens[j].start not in blocked_starts:
                entry, k = found
                same_type = [e for e in gazetteer.lookup(entry.name) if e.type_word == level]
                entry = same_type[0] if same_type else entry  # "huyện Phong Điền", not "thị xã"
                out.append(PlaceMention(entry, Span(tokens[j].start, tokens[k - 1].end), level))
                i = k
                continue
        found = _region_alias_at(tokens, i) if t.key in aliases else None
        if found:
            entry, k = found
            out.append(PlaceMention(entry, Span(tokens[i].start, tokens[k - 1].end), None))
            i = k
            continue
        historical = _historical_at(tokens, i) if t.is_cap and t.key in historical_firsts else 0
        if historical:
            i += historical  # "Chủ tịch Hồ Chí Minh", "tư tưởng Hồ Chí Minh"
            continue
        landmark = _landmark_at(tokens, i)
        if landmark:
            out.append(landmark)
        if (t.is_cap and t.key in place_firsts) or t.key in HCM_KEYS:
            found = place_at(tokens, i, _BARE_LEVELS)
            if found:
                entry, k = found
                prev = tokens[i - 1].key if i else ""
                single = k - i == 1 and len(tokens[i].text) < 5
                if (not single or prev in _LOCATIVE or entry.level == "Province") and (
                    entry.level != "District" or k - i >= 2
                ):
                    out.append(PlaceMention(entry, Span(tokens[i].start, tokens[k - 1].end), None))
                    i = k
                    continue
        i += 1
    return out


@cache
def _alias_index() -> Phrases[PlaceEntry]:
    """Region and country names of three words or more, and all-capital abbreviations (ĐBSCL)."""
    phrases = {
        tuple(key.split()): entries[0]
        for key, entries in gazetteer.entries_by_key().items()
        for e in entries[:1]
        if e.level in {"Region", "Country"} and (len(key.split()) >= 3 or " " not in key)
    }
    return Phrases(phrases)


@cache
def _starters() -> frozenset[str]:
    """Lower-case words a place mention can start with (level words, long region names)."""
    return frozenset(_LEVEL_INDEX.by_first) | frozenset(_alias_index().by_first) | HCM_KEYS


def _region_alias_at(tokens: list[Token], i: int) -> tuple[PlaceEntry, int] | None:
    """Regions and countries by their longer names (``đồng bằng sông Cửu Long``, ``Vương quốc
    Campuchia``) in any case, or by an abbreviation printed in capitals (``ĐBSCL``)."""
    hit = _alias_index().longest_at(tokens, i)
    if hit is None:
        return None
    words, entry = hit
    if len(words) == 1 and not (tokens[i].text.isupper() and len(tokens[i].text) > 2):
        return None
    return entry, i + len(words)  # type: ignore[return-value]


def keep_districts_in_scope(mentions: list[PlaceMention]) -> list[PlaceMention]:
    """A bare district name counts when its province is named too, or when it is long enough
    (three syllables or more) not to be a common word. A name several provinces share
    ("huyện Phong Điền") is the unit of a province the article names."""
    named = {m.entry.name for m in mentions if m.entry.level == "Province"}
    resolved = []
    for m in mentions:
        if m.typed and m.entry.level in {"District", "Commune"} and m.entry.parent not in named:
            same_kind = [e for e in gazetteer.lookup(m.entry.name)
                         if e.parent in named and e.type_word == m.typed]
            if same_kind:
                m = PlaceMention(same_kind[0], m.span, m.typed)
        resolved.append(m)
    provinces = named | {m.entry.parent for m in resolved if m.typed and m.entry.parent}
    kept = []
    for m in resolved:
        if m.typed is None and m.entry.level == "District":
            in_scope = m.entry.parent in provinces
            candidates = [e for e in gazetteer.lookup(m.entry.name) if e.parent in provinces]
            if candidates:
                m = PlaceMention(candidates[0], m.span, None)
            elif not in_scope and len(m.entry.name.split()) < 3:
                continue
        kept.append(m)
    return kept
