"""Office titles: ``[nguyên|Quyền] [Phó] HEAD [Thường trực] ORG`` split into role and canonical
organization. Role heads, modifiers and status words come from ``data/roles.tsv``,
``data/role_modifiers.tsv`` and ``data/status_markers.tsv``."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from civickg import lexicon
from civickg.extract.context import PlaceContext
from civickg.extract.orgs import STATE, central_committee_at, head_at, org_at, party_committee
from civickg.extract.tokens import Token, contiguous, memo, phrase_at, tokenize

_BARE = "\x00"  # stands for the committee of a party board printed without it
# the committee of a bare board when the article's place names none ("Ủy viên Ban Thường vụ" in
# national news): a later title of the stack may name it ("…, Trưởng Ban Tổ chức Tỉnh ủy Lào Cai")
UNRESOLVED = "Đảng ủy \x01"


@dataclass(frozen=True, slots=True)
class Title:
    role: str
    organization: str | None
    org_kind: str | None
    status: str
    start: int  # token index
    end: int  # token index after the title
    bare_board: bool = False  # "Ủy viên Ban Thường vụ": its committee was filled in
    place: str | None = None  # the place printed in the body's name (not filled in)


@dataclass(frozen=True, slots=True)
class _Role:
    canonical: str
    shared: int  # how many of its last words start the body's name ("Ban" of "Trưởng Ban": 1)
    implied: str | None


@cache
def _roles() -> dict[str, list[tuple[tuple[str, ...], _Role]]]:
    index: dict[str, list[tuple[tuple[str, ...], _Role]]] = {}
    for row in lexicon.table("roles.tsv"):
        extra = dict(x.split(":", 1) for x in row[2:] if ":" in x)
        keys = tuple(t.key for t in tokenize(row[0]))
        # "shares:N": the last N words start the body's name ("Chánh Văn phòng" of "Văn phòng
        # Huyện ủy X"); "as:" names the role when the rest of the printed words do ("Trưởng Công an"
        # is "Trưởng" of "Công an huyện X")
        if "shares" in extra:
            shared = int(extra["shares"])
        elif "as" in extra:
            shared = len(keys) - len(tokenize(extra["as"]))
        else:
            shared = int(row[1] == "shared")
        role = _Role(extra.get("as", row[0]), shared, extra.get("implied"))
        index.setdefault(keys[0], []).append((keys, role))
    for lst in index.values():
        lst.sort(key=lambda e: -len(e[0]))
    return index


@cache
def _modifiers() -> list[tuple[tuple[str, ...], str]]:
    return [(tuple(t.key for t in tokenize(r[0])), r[0]) for r in lexicon.table("role_modifiers.tsv")]


@cache
def _membership_words() -> dict[str, str]:
    """``thành ủy viên`` → ``Thành ủy``: a member of a party committee."""
    rows = lexicon.table("party_committees.tsv")
    return {" ".join(t.key for t in tokenize(r[0] + " viên")): r[1] for r in rows}


@cache
def _membership_firsts() -> frozenset[str]:
    return frozenset(k.split(" ", 1)[0] for k in _membership_words())


def status_at(tokens: list[Token], i: int) -> tuple[str, int]:
    markers = lexicon.mapping("status_markers.tsv")
    if i < len(tokens) and tokens[i].text in markers:
        return markers[tokens[i].text], i + 1
    return "current", i


def role_at(tokens: list[Token], i: int) -> tuple[_Role, int] | None:
    if i >= len(tokens):
        return None
    for keys, role in _roles().get(tokens[i].key, []):
        if phrase_at(tokens, i, keys):
            return role, i + len(keys)
    return None


def title_at(
    tokens: list[Token], i: int, text: str, ctx: PlaceContext, pending_boards: bool = False
) -> Title | None:
    """The title starting at token i (status word allowed first), or None. With
    ``pending_boards``, a party board whose committee is unknown is returned with the committee
    ``UNRESOLVED`` for the stack to fill in."""
    cache = memo(tokens, "title_at", text, ctx)  # stacks before and after names ask again
    if cache is None:
        t = _title_at(tokens, i, text, ctx)
    else:
        if i not in cache:
            cache[i] = _title_at(tokens, i, text, ctx)
        t = cache[i]
    if t is not None and not pending_boards and t.organization and UNRESOLVED in t.organization:
        return None
    return t


def _title_at(tokens: list[Token], i: int, text: str, ctx: PlaceContext) -> Title | None:
    status, j = status_at(tokens, i)
    for n in (3, 2) if j < len(tokens) and tokens[j].key in _membership_firsts() else ():  # "Thành ủy viên"
        key = " ".join(t.key for t in tokens[j : j + n])
        if key in _membership_words() and contiguous(tokens, j, n):
            committee = party_committee(ctx, _membership_words()[key])
            if committee:
                return Title("Ủy viên", committee, "PartyCommittee", status, i, j + n)
    found = role_at(tokens, j)
    if not found:
        return None
    role, k = found
    name = f"Quyền {role.canonical}" if status == "acting" else role.canonical
    modified = False
    for keys, mod in _modifiers():
        if phrase_at(tokens, k, keys):
            name, k, modified = f"{name} {mod}", k + len(keys), True
            break
    if role.implied:  # "Thủ tướng [Chính phủ]"
        printed = [t.key for t in tokenize(role.implied)]
        end = k + len(printed) if [t.key for t in tokens[k : k + len(printed)]] == printed else k
        return Title(name, role.implied, "CentralCommittee", status, i, end)
    # "Phó Trưởng Ban Thường trực Ban Tổ chức Trung ương": after a modifier the body is printed whole
    org_start = k if modified and role.shared and head_at(tokens, k) is not None else k - role.shared
    central = central_committee_at(tokens, k)
    if central and not role.shared:
        return Title(name, central[0], "CentralCommittee", status, i, central[1])
    if k < len(tokens) and tokens[k].key == "nước" and role.canonical.endswith("Chủ tịch"):
        end = k + 1
        tail = tokenize("Cộng hòa xã hội chủ nghĩa Việt Nam")
        for alt in (tail, tokenize("CHXHCN Việt Nam")):
            if [t.key for t in tokens[end : end + len(alt)]] == [t.key for t in alt]:
                end += len(alt)
                break
        return Title(name, STATE, "State", status, i, end)
    default_board_parent = party_committee(ctx)
    org = org_at(tokens, org_start, text, ctx, bare_board_parent=_BARE)
    bare = False
    if org is not None and _BARE in org.name:
        bare = True
        org = replace(org, name=org.name.replace(_BARE, default_board_parent or UNRESOLVED))
    if org is None:
        if role.shared:
            return None
        return Title(name, None, None, status, i, k)
    return Title(name, org.name, org.kind, status, i, org.end, bare, org.place)
