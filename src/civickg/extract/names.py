"""Person-name mentions: runs of capitalised syllables that start with a family name, with the
words around them deciding person or not (``đường Trần Phú`` is a street)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from civickg import gazetteer, lexicon
from civickg.extract.tokens import Token, fold, tokenize
from civickg.normalize import match_key

MAX_NAME, MIN_NAME = 4, 2
_LEVEL_WORDS = {"tỉnh", "phố", "quận", "huyện", "xã", "phường", "trấn", "tp"}
_LEVEL_KEYS = {"tỉnh": "tỉnh", "phố": "thành phố", "tp": "thành phố"}
# words before a level word that make "<level> <Name>" a body followed by a person's name
# ("Chủ tịch UBND huyện Nguyễn Văn A")
_ORG_BEFORE_LEVEL = {"ubnd", "hđnd", "dân", "ủy", "ubmttq", "mttq", "quốc", "uỷ"}
_HONORIFIC_WORDS = {"ông", "bà", "anh", "chị", "tân", "cố"}


# the shape of a Vietnamese syllable with its marks taken off: onset, vowels, final consonant
_SYLLABLE = re.compile(r"(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?")


def _foreign_word(token: Token) -> bool:
    """A word no Vietnamese syllable is spelt like (``Toshihiro``, ``Park``): a foreign name's."""
    bare = "".join(c for c in unicodedata.normalize("NFD", token.key) if unicodedata.category(c) != "Mn")
    return bare.isalpha() and _SYLLABLE.fullmatch(bare.replace("đ", "d")) is None


@dataclass(frozen=True, slots=True)
class NameMention:
    name: str
    start: int  # token index
    end: int
    context: bool  # an honorific, a title or a rank stands next to it


@cache
def _families() -> frozenset[str]:
    return frozenset(fold(w) for w in lexicon.words("family_names.txt"))


@cache
def _phrases(name: str) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(t.key for t in tokenize(p)) for p in lexicon.words(name))


@cache
def _last_words(phrases: frozenset[tuple[str, ...]]) -> frozenset[str]:
    return frozenset(p[-1] for p in phrases if p)


def _preceded_by(tokens: list[Token], i: int, phrases: frozenset[tuple[str, ...]]) -> bool:
    if i and tokens[i].start - tokens[i - 1].end > 1:
        return False  # punctuation between: "… thành phố; Lê Quang Mạnh"
    if not i or tokens[i - 1].key not in _last_words(phrases):
        return False  # every phrase ends on the word before
    return any(i - n >= 0 and tuple(t.key for t in tokens[i - n:i]) in phrases for n in (1, 2, 3))


def is_family_name(token: Token) -> bool:
    return token.key in _families()


@cache
def _honorific_lasts() -> frozenset[str]:
    return _last_words(_phrases("honorifics.txt")) | _last_words(_phrases("ranks.txt"))


def honorific_length(tokens: list[Token], i: int) -> int:
    """Number of tokens of the honorific or rank right before token i (0 if none)."""
    if i and tokens[i].start - tokens[i - 1].end > 1:
        return 0
    if not i or tokens[i - 1].key not in _honorific_lasts():
        return 0
    for n in (3, 2, 1):
        if i - n >= 0:
            words = tuple(t.key for t in tokens[i - n : i])
            if words in _phrases("honorifics.txt") or words in _phrases("ranks.txt"):
                return n
    return 0


def honorific_before(tokens: list[Token], i: int) -> bool:
    return _preceded_by(tokens, i, _phrases("honorifics.txt")) or _preceded_by(
        tokens, i, _phrases("ranks.txt")
    )


@cache
def _heads_and_compounds() -> tuple[frozenset[tuple[str, ...]], frozenset[tuple[str, ...]]]:
    words = lexicon.words("non_person_heads.txt")
    heads = frozenset(tuple(t.key for t in tokenize(w)) for w in words if not w.startswith("!"))
    compounds = frozenset(tuple(t.key for t in tokenize(w[1:])) for w in words if w.startswith("!"))
    return heads, compounds


def non_person_head_before(tokens: list[Token], i: int) -> bool:
    heads, compounds = _heads_and_compounds()
    if _preceded_by(tokens, i, compounds):
        return False
    return _preceded_by(tokens, i, heads)


def _body_before_level(tokens: list[Token], k: int) -> bool:
    """The level word ending at token k follows a body's name (``UBND thành phố``), so a
    person's name may come after it."""
    if k >= 1 and (tokens[k - 1].key, tokens[k].key) in {("thành", "phố"), ("thị", "xã"), ("thị", "trấn")}:
        k -= 1
    return k >= 1 and tokens[k - 1].key in _ORG_BEFORE_LEVEL


def _foreign_name(tokens: list[Token], i: int, j: int) -> tuple[int, int] | None:
    """``đồng chí Khăm-phăn Sỉ-sụ-văn``, ``bà K'Thị Hòa``: a name transliterated syllable by
    syllable or with a highland prefix, after an honorific (no family name to start it)."""
    if tokens[i].key in _HONORIFIC_WORDS and j - i > MIN_NAME:  # "Ông Khăm-xay Vông-xa" opening a sentence
        i += 1
        if j - i <= MAX_NAME and any(any(c in t.text for c in "-'’") or _foreign_word(t) for t in tokens[i:j]):
            return i, j
    if MIN_NAME <= j - i <= MAX_NAME and honorific_before(tokens, i) and (  # the cheap tests first
        any(any(c in t.text for c in "-'’") or _foreign_word(t) for t in tokens[i:j])  # transliterated
    ):
        return i, j
    # "Phó Chủ tịch HĐND tỉnh Sê Kông Vi-lay-vông Phôm-mi-xay": after a place, every word hyphenated
    for k in range(i + 1, j - 1):
        if j - k <= MAX_NAME and gazetteer.is_known(" ".join(t.text for t in tokens[i:k])) and all(
            "-" in t.text for t in tokens[k:j]
        ):
            return k, j
    return None


@cache
def _lunar() -> tuple[frozenset[str], frozenset[str]]:
    rows = {r[0]: frozenset(fold(w) for w in r[1].split()) for r in lexicon.table("lunar_years.tsv")}
    return rows["stems"], rows["branches"]


def _is_lunar_year(a: Token, b: Token) -> bool:
    stems, branches = _lunar()
    return a.key in stems and b.key in branches


def _starts_non_person(tokens: list[Token], i: int) -> bool:
    keys = tuple(t.key for t in tokens[i : i + 4])
    return any(keys[:n] in _heads_and_compounds()[0] for n in (2, 3, 4))


def _cap_runs(tokens: list[Token], text: str) -> list[tuple[int, int]]:
    runs, n, j = [], len(tokens), 0
    for i in [k for k, t in enumerate(tokens) if t.is_cap]:  # capitalised tokens, in order
        if i < j:
            continue  # inside the run before
        j = i + 1
        while j < n and tokens[j].is_cap and tokens[j].start - tokens[j - 1].end == 1 and (
            text[tokens[j - 1].end] == " "
        ):
            j += 1
        runs.append((i, j))
    return runs


def _split_run(tokens: list[Token], i: int, j: int) -> tuple[int, int] | None:
    """The name inside a capitalised run, dropping a leading place or sentence word."""
    fam = _families()
    if tokens[i].key in _HONORIFIC_WORDS:
        if j - i <= MIN_NAME:
            return None  # "Ông Tâm": a short mention, resolved elsewhere
        if tokens[i + 1].key in fam or any(_foreign_word(t) for t in tokens[i + 1 : j]):
            i += 1  # "Ông Takebe Tsutomu": "Ông" is the honorific, not the family name
    fits = [k for k in range(i, j) if tokens[k].key in fam and MIN_NAME <= j - k <= MAX_NAME]
    # "UBND tỉnh Kiên Giang Danh Sơn Tùng": the name starts where a known place ends
    after_place = next((k for k in fits if k > i and _province_or_long_place(tokens[i:k])), None)
    if after_place is not None:
        return after_place, j
    return (fits[0], j) if fits else None


def _unit_named(name: str, level_key: str) -> bool:
    """A unit of the level printed before it is named so (``tỉnh Huỳnh Hữu Nghĩa`` is a person:
    only a township has that name)."""
    from civickg.extract.places import fits_level_word

    word = _LEVEL_KEYS.get(level_key)
    return any(fits_level_word(e, word) for e in gazetteer.lookup(name))


def _province_or_long_place(run: list[Token]) -> bool:
    entries = gazetteer.lookup(" ".join(t.text for t in run))
    return any(e.level == "Province" for e in entries) or (len(run) >= 2 and bool(entries))


@cache
def _historical() -> dict[str, str]:
    return {match_key(r[0]): r[1] for r in lexicon.table("historical_persons.tsv")}


@cache
def _role_at():  # titles imports this module: imported on first use, once (not on every call)
    from civickg.extract.titles import role_at

    return role_at


def _role_starts(tokens: list[Token], k: int) -> bool:
    return _role_at()(tokens, k) is not None


def find_names(tokens: list[Token], text: str, published: str | None) -> list[NameMention]:
    historical = _historical()
    out: list[NameMention] = []
    prev_excluded_end = -1
    for i, j in _cap_runs(tokens, text):
        span = _split_run(tokens, i, j) or _foreign_name(tokens, i, j)
        if span is None:
            continue
        s, e = span
        if s > i:
            if gazetteer.is_known(" ".join(t.text for t in tokens[i:e])):
                continue  # "Buôn Ma Thuột": the whole run is a place
            prefix = " ".join(t.text for t in tokens[i:s])
            if not (gazetteer.is_known(prefix) or tokens[i].key in {"ông", "bà", "anh", "chị"}
                    or i == 0 or text[tokens[i - 1].end : tokens[i].start].strip()):
                continue
        if e - s == 2 and _is_lunar_year(tokens[s], tokens[s + 1]):
            continue  # "Tết Giáp Thìn"
        if _starts_non_person(tokens, s):
            continue  # "Đoàn Thanh niên": a family name opening a body's name
        if _role_starts(tokens, s + 1):
            continue  # "Đoàn Chủ tịch", "Lăng Chủ tịch Hồ Chí Minh"
        name = " ".join(t.text for t in tokens[s:e])
        key = match_key(name)
        # "…; Huỳnh Hữu Nghĩa, Phó Chủ tịch HĐND tỉnh": a (current) title after it
        title_after = e < len(tokens) and text[tokens[e - 1].end : tokens[e].start] == ", " and _role_starts(tokens, e)
        died = historical.get(key)
        if died and (published is None or died <= published[:10]) and not title_after:
            prev_excluded_end = e  # a namesake holding an office today is not the historical figure
            continue
        context = honorific_before(tokens, s) or s > i or title_after
        listed_after_excluded = (
            prev_excluded_end >= 0
            and prev_excluded_end < len(tokens)
            and s - prev_excluded_end <= 1
            and text[tokens[prev_excluded_end - 1].end : tokens[s].start].strip() in {",", "và"}
        )
        level_before = s and tokens[s - 1].key in _LEVEL_WORDS and text[tokens[s - 1].end : tokens[s].start] == " "
        if level_before and not title_after and not _body_before_level(tokens, s - 1):
            prev_excluded_end = e  # "thuộc phường Trần Tế Xương": a unit (one the gazetteer may not know)
            continue
        if (non_person_head_before(tokens, s) and not (level_before and not _unit_named(name, tokens[s - 1].key))) or (
            listed_after_excluded
        ):
            prev_excluded_end = e
            continue
        if not context and (_unit_named(name, tokens[s - 1].key) if level_before else gazetteer.is_known(name)):
            prev_excluded_end = e
            continue
        out.append(NameMention(name, s, e, context))
    return out
