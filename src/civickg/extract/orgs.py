"""Organization names: find a body's name at a token and write it out canonically, filling in
what the article leaves implicit (``HĐND thành phố`` → ``Hội đồng nhân dân thành phố Cần Thơ``).
The head words, their abbreviations and how each head's name is completed come from
``data/org_heads.tsv``, ``data/party_committees.tsv``, ``data/abbreviations.tsv`` and
``data/sectors.txt``."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cache

from civickg import gazetteer, lexicon
from civickg.extract.context import PlaceContext
from civickg.extract.places import HCM_KEYS, level_word_at, place_at
from civickg.extract.tokens import Phrases, Token, memo, phrase_at, tokenize
from civickg.normalize import match_key

HCM = "Thành phố Hồ Chí Minh"
# bodies whose Party committee is named after them ("Đảng ủy Tổng công ty Hàng không Việt Nam")
_PARTY_HOSTS = {"Company", "Ministry", "Agency", "Institute", "School", "Hospital", "Organization", "Department"}
_GRASSROOTS = ("phường", "xã", "thị trấn", "đặc khu")  # units whose party committee is an "Đảng ủy"
CENTRAL = "Ban Chấp hành Trung ương Đảng"
STATE = "Nước Cộng hòa xã hội chủ nghĩa Việt Nam"
_CENTRAL_KEYS = {("trung", "ương"), ("t.ư",), ("tư",), ("tw",)}
# the longest name a look back for a body need consider, in tokens (real names are under 20)
MAX_ORG_TOKENS = 48
# lower-case words that end the name of a named body ("Cục Sở hữu trí tuệ cấp mới")
_NAME_STOP = {
    "và", "của", "tại", "trong", "với", "về", "đã", "được", "cấp", "có", "là", "cho", "để",
    "theo", "từ", "đến", "trên", "thuộc", "các", "những", "nhằm", "khóa", "nhiệm", "năm", "sẽ",
    "đang", "vừa", "ra", "đời", "tổ", "chức", "dự", "phát", "biểu", "chủ", "trì", "cùng",
    "tỉnh", "thành", "quận", "huyện", "xã", "phường", "thị", "này", "đó", "khi", "sau", "trước",
    "làm", "việc", "nhận", "trao", "tham", "mới", "cũ", "hiện", "nay", "đề", "nghị", "báo", "cáo",
}


@dataclass(frozen=True, slots=True)
class OrgHead:
    canonical: str
    kind: str
    completion: str  # national | level | place | committee | level-named | named | named-level | numbered | party
    level: str | None = None  # for party committees: the level word of their place


@dataclass(frozen=True, slots=True)
class OrgMatch:
    name: str
    kind: str
    start: int  # token index
    end: int  # token index after the name
    place: str | None = None  # a place named in it (not filled in)
    head_end: int = 0  # token index after the head words (where a parent body may start)


def _variants(phrase: str) -> list[str]:
    """The phrase and its abbreviated spellings (``Hội đồng nhân dân`` → ``HĐND``)."""
    rows = [(r[0], r[1]) for r in lexicon.table("abbreviations.tsv")]
    swaps = [(exp, abbr) for abbr, exp in rows if exp in phrase]
    out = {phrase}
    for n in range(1, len(swaps) + 1):
        for combo in itertools.combinations(swaps, n):
            p = phrase
            for exp, abbr in combo:
                p = p.replace(exp, abbr)
            out.add(p)
    return sorted(out)


@cache
def _heads() -> Phrases[OrgHead]:
    """Every head's words (its abbreviated spellings too) → the head; the first spelling listed
    wins a tie."""
    index: dict[tuple[str, ...], OrgHead] = {}

    def add(phrase: str, head: OrgHead) -> None:
        for v in _variants(phrase):
            index.setdefault(tuple(t.key for t in tokenize(v)), head)

    for row in lexicon.table("org_heads.tsv"):
        add(row[0], OrgHead(row[3] if len(row) > 3 and row[3] else row[0], row[1], row[2]))
    for row in lexicon.table("party_committees.tsv"):
        add(row[0], OrgHead(row[0], "PartyCommittee", "party", row[1]))
    return Phrases(index)


def _commas(phrase: str) -> tuple[int, ...]:
    """Positions of the words of ``phrase`` printed after a comma ("Văn hóa, Thể thao và Du lịch")."""
    toks = tokenize(phrase)
    return tuple(m for m in range(1, len(toks)) if "," in phrase[toks[m - 1].end : toks[m].start])


@cache
def _sectors() -> list[tuple[tuple[str, ...], str, tuple[int, ...]]]:
    rows = [(tuple(t.key for t in tokenize(s)), s, _commas(s)) for s in lexicon.words("sectors.txt")]
    abbrev = [
        (tuple(t.key for t in tokenize(a)), e, _commas(a))
        for a, e in (r[:2] for r in lexicon.table("abbreviations.tsv"))
        if any(e == s for s in lexicon.words("sectors.txt"))
    ]
    return sorted(rows + abbrev, key=lambda r: -len(r[0]))


def _sector_at(tokens: list[Token], j: int, text: str, keys: tuple[str, ...], commas: tuple[int, ...]) -> bool:
    """The sector's words at token j, with a comma exactly where its name prints one."""
    if not commas:
        return phrase_at(tokens, j, keys)
    n = len(keys)
    if j + n > len(tokens) or tokens[j].key != keys[0]:
        return False
    for m in range(1, n):
        t, prev = tokens[j + m], tokens[j + m - 1]
        if t.key != keys[m]:
            return False
        if m in commas:
            if text[prev.end : t.start] not in (", ", ","):
                return False
        elif t.start - prev.end not in (1, 3):
            return False
    return True


def _adjacent(tokens: list[Token], j: int, text: str) -> bool:
    """Token j follows token j-1 after plain spaces only (no punctuation between)."""
    return j < len(tokens) and not text[tokens[j - 1].end : tokens[j].start].strip(" ")


def head_words() -> dict:
    """First words of every head (keys): no body's name starts at a token whose key is not one."""
    return _heads().by_first


def could_start(token: Token) -> bool:
    """Cheap test: an organization's name can start at this token."""
    return token.text[0].isupper() and token.key in _heads().firsts


def head_at(tokens: list[Token], i: int) -> tuple[OrgHead, int] | None:
    """The head at token i; a head written with a capital ("Bộ", "Trường") must be printed with
    one ("cán bộ", "hội trường" are not bodies)."""
    if i >= len(tokens) or not tokens[i].text[0].isupper():
        return None
    hit = _heads().longest_at(tokens, i)
    return (hit[1], i + len(hit[0])) if hit else None  # type: ignore[return-value]


def _is_central(tokens: list[Token], j: int) -> int:
    """Index after ``Trung ương [Đảng]`` / ``T.Ư`` at j, or 0."""
    for keys in _CENTRAL_KEYS:
        n = len(keys)
        if phrase_at(tokens, j, keys):
            return j + n + (1 if j + n < len(tokens) and tokens[j + n].key == "đảng" else 0)
    return 0


@cache
def _foreign_parties() -> list[tuple[tuple[str, ...], str]]:
    rows = [(tuple(t.key for t in tokenize(r[0])), r[0]) for r in lexicon.table("foreign_parties.tsv")]
    return sorted(rows, key=lambda r: -len(r[0]))


def central_committee_at(tokens: list[Token], j: int) -> tuple[str, int] | None:
    """``Trung ương Đảng`` at token j: the central committee of our Party, or of the foreign
    party named after it (``Trung ương Đảng Nhân dân Cách mạng Lào``); with the index after."""
    end = _is_central(tokens, j)
    if not end:
        return None
    other = head_at(tokens, j)  # "Trung ương Đoàn": a central body of its own, not the Party's
    if other is not None and other[1] >= end and other[0].kind != "CentralCommittee":
        return None
    if tokens[end - 1].key == "đảng":
        for keys, party in _foreign_parties():
            if phrase_at(tokens, end, keys):
                return f"Ban Chấp hành Trung ương Đảng {party}", end + len(keys)
    return CENTRAL, end


def _place_part(
    tokens: list[Token], j: int, text: str, ctx: PlaceContext, default_level: str | None
) -> tuple[str | None, str | None, str | None, int]:
    """(level word, place name, the place if printed, index after) of a body that carries its
    level; the place is filled from the context when the article leaves it out."""
    level = None
    k = j
    lw = level_word_at(tokens, j) if _adjacent(tokens, j, text) else None
    if lw:
        level, k = lw
    gap = text[tokens[k - 1].end : tokens[k].start] if k < len(tokens) else ""
    if k < len(tokens) and (not gap.strip(" ") or gap == ". "):
        if tokens[k].key in HCM_KEYS:
            return None, HCM, HCM, k + 1
        found = place_at(tokens, k, level_word=level)
        if found:
            entry, k2 = found
            if entry.name == HCM:
                return None, HCM, HCM, k2
            return level or entry.type_word, entry.name, entry.name, k2
    unit = ctx.unit(level or default_level)
    if unit is None:
        return level, None, None, k
    if unit[1] == HCM:
        return None, HCM, None, k
    return unit[0], unit[1], None, k


def _with_place(head: str, level: str | None, place: str | None) -> str:
    if place == HCM or not level:
        return f"{head} {place}"
    return f"{head} {level} {place}"


def _name_part(tokens: list[Token], j: int, text: str, caps_only: bool) -> tuple[str | None, int]:
    if not _adjacent(tokens, j, text):
        return None, j
    for keys, sector, commas in _sectors():
        if _sector_at(tokens, j, text, keys, commas):
            return sector, j + len(keys)
    if not (tokens[j].is_cap or (tokens[j].text.isupper() and tokens[j].text.isalpha() and len(tokens[j].text) > 1)):
        return None, j
    from civickg.extract.names import is_family_name

    k = j + 1
    person_run = 0  # capitalised words of a person's name the body is named after
    place_end = _place_end(tokens, j) if tokens[j].is_cap else 0  # after a place the name ends with so far
    while _adjacent(tokens, k, text) and k - j < 8:
        t = tokens[k]
        if t.is_cap:
            person_run = person_run + 1 if person_run or is_family_name(t) else 0
            if place_end <= k:
                place_end = _place_end(tokens, k)
        elif k == place_end and t.text.islower():
            break  # "Tập đoàn Điện lực Việt Nam chia sẻ …": a place or country closes the name
        elif _unit_number(t):  # "Bộ Tư lệnh Quân khu 1", "Bệnh viện Quân y 121": a number ends it
            k += 1
            break
        elif (not caps_only and t.text.islower() and person_run < 2 and not _ends_name(tokens, k)) or (
            _and_continues(tokens, k, j)
        ):
            # a lower-case word goes on a descriptive name ("Ngân hàng Chính sách xã hội"), not
            # one after a person ("Trường THPT Nguyễn Chí Thanh nêu …")
            person_run = 0
        else:
            break
        k += 1
    return " ".join(t.text for t in tokens[j:k]), k


def _place_end(tokens: list[Token], k: int) -> int:
    """Index after the place or country named at token k, or 0; a one-word country is left out
    (``Pháp luật``, ``Mỹ thuật`` are words of their own)."""
    hit = place_at(tokens, k)
    if hit is None or (hit[1] - k == 1 and hit[0].level == "Country"):
        return 0
    return hit[1]


def _roman_number(t: Token) -> bool:
    """A unit numbered in Roman figures (``Kiểm toán nhà nước khu vực II``)."""
    return 0 < len(t.text) <= 5 and all(c in "IVX" for c in t.text)


def _unit_number(t: Token) -> bool:
    """The number of a numbered unit (``Quân khu 1``, ``Trung đoàn 123``)."""
    return t.text.isdigit() and len(t.text) <= 4


_LEVEL_STOPS = {"tỉnh", "thành", "quận", "huyện", "xã", "phường", "thị"}  # the level words of _NAME_STOP


def _ends_name(tokens: list[Token], k: int) -> bool:
    """A word that ends a body's name (a level word too, but ``xã hội`` goes on)."""
    if tokens[k].key not in _NAME_STOP:
        return False
    if tokens[k].key not in _LEVEL_STOPS or k + 1 >= len(tokens):
        return True
    return (tokens[k].key, tokens[k + 1].key) not in _NOT_LEVELS


_NOT_LEVELS = {("xã", "hội"), ("thị", "trường"), ("thành", "viên"), ("thị", "thực"), ("thành", "tích")}


def _and_continues(tokens: list[Token], k: int, j: int) -> bool:
    """``Viện Cây lương thực và Cây thực phẩm``: ``và`` joins two halves of a descriptive name
    (not two bodies: ``Sở Nội vụ và Sở Tài chính``)."""
    if tokens[k].key != "và" or k + 1 >= len(tokens) or not tokens[k + 1].is_cap:
        return False
    from civickg.extract.names import is_family_name

    descriptive = any(t.text.islower() for t in tokens[j:k])
    return descriptive and not could_start(tokens[k + 1]) and not is_family_name(tokens[k + 1])


def party_committee(ctx: PlaceContext, level: str | None = None) -> str | None:
    """The implicit party committee: of the district when the level says so, else of the
    article's province."""
    rows = {r[1]: r[0] for r in lexicon.table("party_committees.tsv")}
    unit = ctx.unit(level)
    if unit is None:
        return None
    if unit[1] == HCM:
        return f"Thành ủy {HCM}"
    return f"{rows.get(unit[0], 'Tỉnh ủy')} {unit[1]}"


def party_organization(committee: str) -> str | None:
    """The Party organization a committee leads: ``Huyện ủy Lục Nam`` → ``Đảng bộ huyện Lục Nam``,
    ``Đảng ủy xã Tập Sơn`` → ``Đảng bộ xã Tập Sơn`` (``Thành ủy Thành phố Hồ Chí Minh`` keeps its
    city's own name)."""
    for word, level, _ in (r[:3] for r in lexicon.table("party_committees.tsv") if len(r) >= 3):
        if committee.startswith(word + " "):
            place = committee[len(word) + 1 :]
            return f"Đảng bộ {place}" if not level or place == HCM else f"Đảng bộ {level} {place}"
    return None


def org_at(
    tokens: list[Token], i: int, text: str, ctx: PlaceContext, bare_board_parent: str | None = None
) -> OrgMatch | None:
    cache = memo(tokens, "org_at", text, ctx)  # asked again and again for the same token
    key = (i, bare_board_parent)
    if cache is not None and key in cache:
        return cache[key]
    found = _org_at(tokens, i, text, ctx, bare_board_parent)
    match = None
    if found is not None:
        head = head_at(tokens, i)
        head_end = head[1] if head else found.end
        match = OrgMatch(found.name, found.kind, found.start, found.end, found.place, max(head_end, i + 1))
    if cache is not None:
        cache[key] = match
    return match


def _resolve_chain(tokens: list[Token], j: int, text: str, ctx: PlaceContext) -> None:
    """A body of a body of a body … (``Ban Thường vụ Ban Thường vụ …``, hostile text) is
    resolved from its far end, so that the recursion of ``_org_at`` stays shallow: each link
    then finds the next one in the memo."""
    cache = memo(tokens, "org_at", text, ctx)
    if cache is None or (j, None) in cache:
        return
    chain, p = [j], j
    while True:
        found = head_at(tokens, p)
        if not found or found[0].completion != "committee" or not _adjacent(tokens, found[1], text) or (
            _is_central(tokens, found[1])
        ):
            break
        p = found[1]
        chain.append(p)
    if len(chain) > _CHAIN:
        for q in reversed(chain):
            org_at(tokens, q, text, ctx)


_CHAIN = 24  # links followed by plain recursion (real names have two or three)


def _org_at(
    tokens: list[Token], i: int, text: str, ctx: PlaceContext, bare_board_parent: str | None = None
) -> OrgMatch | None:
    """The body named at token i, canonical, or None.

    ``bare_board_parent``: in a title (``Ủy viên Ban Thường vụ``) a party board named without
    its committee belongs to this committee."""
    found = head_at(tokens, i)
    if not found:
        return None
    head, j = found
    c = head.completion
    if c == "national":
        return OrgMatch(head.canonical, head.kind, i, j)
    if c == "party":
        if tokens[j - 1].key.endswith("viên"):
            return None
        if not head.level and _adjacent(tokens, j, text) and head_at(tokens, j) is not None:
            # "Đảng ủy Tập đoàn Điện lực Việt Nam", "Đảng ủy Bộ Ngoại giao": the Party committee of a body
            body = org_at(tokens, j, text, ctx)
            if body is not None and body.kind in _PARTY_HOSTS:
                return OrgMatch(f"{head.canonical} {body.name}", head.kind, i, body.end, body.place)
        default = head.level or next((lv for lv in _GRASSROOTS if lv in ctx.districts), None)
        level, name, printed, k = _place_part(tokens, j, text, ctx, default)
        if name is None or (not head.level and level not in _GRASSROOTS):
            return None
        if not head.level:  # "Đảng ủy phường Việt Trì"
            return OrgMatch(_with_place(head.canonical, level, name), head.kind, i, k, printed)
        return OrgMatch(f"{head.canonical} {name}", head.kind, i, k, printed)
    if c == "committee":
        central = central_committee_at(tokens, j) if _adjacent(tokens, j, text) else None
        if central:
            if head.canonical == "Ban Chấp hành":
                return OrgMatch(central[0], "CentralCommittee", i, central[1])
            return OrgMatch(f"{head.canonical} Trung ương", head.kind, i, _is_central(tokens, j))
        if _adjacent(tokens, j, text):
            _resolve_chain(tokens, j, text, ctx)
        parent = org_at(tokens, j, text, ctx) if _adjacent(tokens, j, text) else None
        if parent and parent.kind in {"PartyCommittee", "PartyOrganization", "PeoplesCommittee",
                                      "PeoplesCouncil", "NationalAssembly", "Government", "MassOrganization"}:
            return OrgMatch(f"{head.canonical} {parent.name}", head.kind, i, parent.end, parent.place)
        if bare_board_parent:
            return OrgMatch(f"{head.canonical} {bare_board_parent}", head.kind, i, j)
        return None
    if c in {"named", "named-caps", "named-level"}:
        name, k = _name_part(tokens, j, text, caps_only=c == "named-caps")
        if name is None or gazetteer.is_known(" ".join(t.text for t in tokens[i:k])):
            return None  # "Trường Sa", "Bệnh viện"… no: a unit named so ("Huyện ủy Trường Sa")
        if k + 1 < len(tokens) and tokens[k].key == "của" and _adjacent(tokens, k, text):
            owner = head_at(tokens, k + 1)
            if owner and owner[0].completion == "national" and _adjacent(tokens, k + 1, text):
                return OrgMatch(f"{head.canonical} {name} của {owner[0].canonical}", head.kind, i, owner[1])
        if c == "named-level" and level_word_at(tokens, k) and _adjacent(tokens, k, text):
            # "Trường Phổ thông Dân tộc nội trú tỉnh [Kon Tum]": a level printed after the name
            level, place, printed, k2 = _place_part(tokens, k, text, ctx, None)
            if place:
                return OrgMatch(_with_place(f"{head.canonical} {name}", level, place), head.kind, i, k2, printed)
        return OrgMatch(f"{head.canonical} {name}", head.kind, i, k)
    if c == "numbered":  # "Quân khu 1", "Trung đoàn 123"; else a name ("Quân khu Thủ đô")
        if _adjacent(tokens, j, text) and (_unit_number(tokens[j]) or _roman_number(tokens[j])):
            return OrgMatch(f"{head.canonical} {tokens[j].text}", head.kind, i, j + 1)
        name, k = _name_part(tokens, j, text, caps_only=True)
        return OrgMatch(f"{head.canonical} {name}", head.kind, i, k) if name else None
    if c == "level-named":
        name, k = _name_part(tokens, j, text, caps_only=False)
        if name is None:
            return None
        level, place, printed, k2 = _place_part(tokens, k, text, ctx, None)
        full = f"{head.canonical} {name}"
        if place:
            full = _with_place(full, level, place)
        return OrgMatch(full, head.kind, i, k2, printed)
    level, place, printed, k = _place_part(tokens, j, text, ctx, None)
    if place is None:
        return None
    if c == "place":  # the head says the level: "Tỉnh đoàn Đắk Lắk"
        return OrgMatch(f"{head.canonical} {place}", head.kind, i, k, printed)
    return OrgMatch(_with_place(head.canonical, level, place), head.kind, i, k, printed)


def same(a: str, b: str) -> bool:
    return match_key(a) == match_key(b)
