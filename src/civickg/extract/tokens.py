"""Words and sentences of an article, with offsets into ``Article.text``."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache, partial
from operator import itemgetter
from typing import Generic, NamedTuple, TypeVar

from mypy_extensions import mypyc_attr

from civickg.model import Article, Span
from civickg.normalize import word_key as fold

# words, abbreviations with inner dots or ampersands (T.Ư, KH&CN, TP.HCM), document symbols
_WORD = re.compile(r"\w+(?:[.&'’]\w+)*(?:-\w+)*(?:/\w+(?:-\w+)*)*")
# a period after these is part of the word, not the end of a sentence
_PREFIX_ABBREV = {"TP", "Tp", "TX", "TT", "P", "Q", "H", "X", "GS", "PGS", "TS", "ThS", "BS", "KS",
                  "Th.S", "NXB", "Nxb", "St", "Mr", "Mrs", "Dr", "đ/c", "Đ/c"}
_SENT_END = re.compile(r"[.!?…]+[\"”’)]*\s+|\n+")


def skip_ahead(rx: re.Pattern, first: str) -> re.Pattern:
    """``rx`` behind a look-ahead for the characters its matches can start with (``first``, a
    character class): the same matches, but the regex engine skips ahead to those characters
    instead of trying the whole pattern at every position (1.3 to 2 times faster on a sentence)."""
    return re.compile(f"(?={first})(?:{rx.pattern})", rx.flags)


_SENT_END = skip_ahead(_SENT_END, r"[.!?…\n]")


class Token(NamedTuple):
    text: str
    start: int
    end: int
    key: str  # word_key() of the word
    is_cap: bool  # a capitalised syllable: ``Hiểu``, ``Khăm-phăn`` (not ``HĐND``, not ``hiểu``)


_APOSTROPHES = re.compile("['’]")


@lru_cache(maxsize=1 << 16)
def _word_info(word: str) -> tuple[str, bool]:
    # "Khăm-phăn", "Cam-pu-chia": names transliterated syllable by syllable are capitalised too,
    # and highland names with an apostrophe ("K'Thị", "R'Lấp", "M'Đrắk", "H'leo")
    parts = _APOSTROPHES.split(word)
    capitalised = word[0].isupper() and all(
        p and p.replace("-", "").isalpha() and (len(p) == 1 or p[1:].islower()) for p in parts
    )
    return fold(word), capitalised


_NEW_TOKEN = partial(tuple.__new__, Token)  # skips NamedTuple's slower constructor
_GROUP, _START, _END = re.Match.group, re.Match.start, re.Match.end
_FIRST, _SECOND = itemgetter(0), itemgetter(1)


@mypyc_attr(native_class=False)  # a list subclass: compiled code cannot make it native
class Tokens(list):
    """The tokens of a sentence (a list), with room for memos of lookups that are pure functions
    of the tokens, the text and the article's context (``memo``): a body or a title found at a
    token is then worked out once per sentence however many steps ask for it. The list is not
    changed once made."""

    __slots__ = ("memos", "keyset")
    memos: dict[tuple[object, ...], tuple[tuple[object, ...], dict]]
    keyset: frozenset[str]


def memo(tokens: list[Token], name: str, *deps: object) -> dict | None:
    """The memo ``name`` of these tokens for these ``deps`` (the text, the context: objects told
    apart by identity, kept alive by the memo so that no other takes their id), or None for a
    plain list (a slice, tokens built by hand)."""
    if type(tokens) is not Tokens:
        return None
    try:
        memos = tokens.memos
    except AttributeError:
        memos = tokens.memos = {}
    key = (name, *map(id, deps))
    entry = memos.get(key)
    if entry is None:
        entry = memos[key] = (deps, {})
    return entry[1]


def key_set(tokens: list[Token]) -> frozenset[str] | None:
    """The keys of a sentence's tokens, made once (None for a plain list)."""
    if type(tokens) is not Tokens:
        return None
    try:
        return tokens.keyset
    except AttributeError:
        keys = tokens.keyset = frozenset([t.key for t in tokens])
        return keys


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    end = len(text) if end is None else end
    # every step in C (map, zip, the lru cache, tuple.__new__): no Python frame per token
    found = list(_WORD.finditer(text, start, end))
    words = list(map(_GROUP, found))
    info = list(map(_word_info, words))
    return Tokens(map(_NEW_TOKEN, zip(words, map(_START, found), map(_END, found), map(_FIRST, info),
                                      map(_SECOND, info), strict=True)))


def sentences(article: Article) -> list[Span]:
    """Sentence spans of the body paragraphs (captions are sentences of their own)."""
    text = article.text
    out: list[Span] = []
    for para in article.paragraphs:
        s = para.start
        for m in _SENT_END.finditer(text, para.start, para.end):
            # the last word before the mark (not text[s:].rsplit: s may lag far behind)
            before = text[max(s, text.rfind(" ", s, m.start()) + 1) : m.start()].lstrip("(\"“")
            if "\n" not in m.group() and before in _PREFIX_ABBREV:
                continue
            nxt = text[m.end() : m.end() + 1]
            if "\n" not in m.group() and nxt and not (nxt.isupper() or nxt.isdigit() or nxt in "\"“("):
                continue
            if m.start() > s:
                out.append(Span(s, m.start() + len(m.group().rstrip())))
            s = m.end()
        if s < para.end:
            out.append(Span(s, para.end))
    return out


def contiguous(tokens: list[Token], k: int, n: int) -> bool:
    """Tokens k..k+n-1 exist and stand one space apart (no punctuation between them), or a
    spaced dash (``Lao động - Thương binh và Xã hội``: phrases are compared without it)."""
    if k + n > len(tokens):
        return False
    for m in range(k + 1, k + n):  # noqa: SIM110 (a loop, not all(generator): runs for every phrase tried)
        if tokens[m].start - tokens[m - 1].end not in (1, 3):
            return False
    return True


def phrase_at(tokens: list[Token], k: int, phrase: tuple[str, ...]) -> bool:
    """The words of ``phrase`` (keys) start at token k, printed as one phrase."""
    n = len(phrase)
    if k < 0 or k + n > len(tokens) or not n:
        return k >= 0 and not n and k <= len(tokens)
    prev = tokens[k]
    if prev.key != phrase[0]:  # most tries fail on the first word
        return False
    for m in range(1, n):
        t = tokens[k + m]
        if t.key != phrase[m] or t.start - prev.end not in (1, 3):
            return False
        prev = t
    return True


V = TypeVar("V")


class Phrases(Generic[V]):
    """Word sequences (keys) looked up by their first word, each with its value:
    ``longest_at`` and ``any_in`` in time linear in the tokens, whatever the number of phrases."""

    def __init__(self, phrases: Mapping[tuple[str, ...], V]) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], V]]] = {}
        for words, value in phrases.items():
            self.by_first.setdefault(words[0], []).append((words, value))
        for lst in self.by_first.values():
            lst.sort(key=lambda e: -len(e[0]))
        self.firsts = frozenset(self.by_first)
        # one-word phrases: in the sentence as soon as their word is; the others need a look
        self.singles = frozenset(words[0] for lst in self.by_first.values() for words, _ in lst if len(words) == 1)
        self.multi_firsts = self.firsts - self.singles

    @staticmethod
    def of(phrases: Iterable[tuple[str, ...]]) -> Phrases[tuple[str, ...]]:
        """The phrases, each its own value."""
        return Phrases({p: p for p in phrases})

    def longest_at(self, tokens: list[Token], k: int) -> tuple[tuple[str, ...], V] | None:
        if k >= len(tokens):
            return None
        candidates = self.by_first.get(tokens[k].key)
        if not candidates:
            return None
        rest = len(tokens) - k
        for words, value in candidates:
            n = len(words)
            if rest < n:
                continue
            prev = tokens[k]
            for m in range(1, n):
                t = tokens[k + m]
                if t.key != words[m] or t.start - prev.end not in (1, 3):
                    break
                prev = t
            else:
                return words, value
        return None

    def any_in(self, tokens: list[Token]) -> bool:
        keys = key_set(tokens)
        if keys is not None:
            if not self.singles.isdisjoint(keys):
                return True
            common = self.multi_firsts.intersection(keys)
            return bool(common) and any(self.longest_at(tokens, k) for k, t in enumerate(tokens) if t.key in common)
        by_first = self.by_first
        return any(t.key in by_first and self.longest_at(tokens, k) for k, t in enumerate(tokens))
