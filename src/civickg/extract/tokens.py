"""Words and sentences of an article, with offsets into ``Article.text``."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from civickg.model import Article, Span

_NEW_TO_OLD = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa", "oè": "òe", "oé": "óe",
               "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe", "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy",
               "uỵ": "ụy"}
_NEW_STYLE_END = re.compile("(" + "|".join(_NEW_TO_OLD) + ")$")


def fold(word: str) -> str:
    """Lower-case NFC word with one tone placement (``Uỷ`` → ``ủy``, ``hoà`` → ``hòa``); the
    diacritics stay, so keys read like the words and compare with lexicon entries."""
    w = unicodedata.normalize("NFC", word).replace("\u00d0", "đ").casefold()
    return _NEW_STYLE_END.sub(lambda m: _NEW_TO_OLD[m.group(1)], w)

# words, abbreviations with inner dots or ampersands (T.Ư, KH&CN, TP.HCM), document symbols
_WORD = re.compile(r"\w+(?:[.&'’]\w+)*(?:-\w+)*(?:/\w+(?:-\w+)*)*")
# a period after these is part of the word, not the end of a sentence
_PREFIX_ABBREV = {"TP", "Tp", "TX", "TT", "P", "Q", "H", "X", "GS", "PGS", "TS", "ThS", "BS", "KS",
                  "Th.S", "NXB", "Nxb", "St", "Mr", "Mrs", "Dr", "đ/c", "Đ/c"}
_SENT_END = re.compile(r"[.!?…]+[\"”’)]*\s+|\n+")


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    key: str  # fold() of the word

    @property
    def is_cap(self) -> bool:
        """A capitalised syllable: ``Hiểu`` (not ``HĐND``, not ``hiểu``)."""
        t = self.text
        return t[0].isupper() and t.isalpha() and (len(t) == 1 or t[1:].islower())


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    end = len(text) if end is None else end
    return [
        Token(m.group(), m.start(), m.end(), fold(m.group()))
        for m in _WORD.finditer(text, start, end)
    ]


def sentences(article: Article) -> list[Span]:
    """Sentence spans of the body paragraphs (captions are sentences of their own)."""
    text = article.text
    out: list[Span] = []
    for para in article.paragraphs:
        s = para.start
        for m in _SENT_END.finditer(text, para.start, para.end):
            before = text[s : m.start()].rsplit(" ", 1)[-1]
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
