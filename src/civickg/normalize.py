"""Text normalisation with a map back to the original offsets, and matching keys.

The text keeps the article's own spelling (tone placement included); only Unicode form,
the Icelandic eth used for Đ, invisible characters and whitespace change. Matching keys
(``match_key``) additionally ignore case and where a tone mark sits, never whether it is there;
``search_key`` drops every diacritic for diacritic-free search.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_ETH = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})  # Ð ð -> Đ đ
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE_SET = set(_INVISIBLE)
_TONES = {"\u0300": "2", "\u0301": "1", "\u0303": "4", "\u0309": "3", "\u0323": "5"}
# A gap that needs work: a run of two or more whitespace/invisible characters, a single one
# that is not a plain space, or a plain space at either end of the text. A lone space between
# words (the common case) never matches. Every branch is one greedy character class: linear.
_GAP = re.compile(rf"[\s{_INVISIBLE}]{{2,}}|[^ \S]|[{_INVISIBLE}]|^ | \Z")


def _gap(raw: str, start: int, end: int, at_text_start: bool, at_text_end: bool) -> list[int]:
    """Offsets of what a gap ``raw[start:end]`` becomes: one entry per output character.

    Line breaks (CRLF, CR, LF, and the Unicode line/paragraph separators) each give ``\\n``;
    spaces around them vanish; a gap without a line break gives one space (none at the ends of
    the text); a gap of invisible characters only gives nothing. The offsets are returned with
    the character implied: a newline offset is negative-encoded as ``-1 - index``.
    """
    out: list[int] = []
    first_space = -1
    i = start
    while i < end:
        ch = raw[i]
        if ch == "\r":
            out.append(-1 - i)
            if i + 1 < end and raw[i + 1] == "\n":
                i += 1
        elif ch in "\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85":
            out.append(-1 - i)
        elif first_space < 0 and ch not in _INVISIBLE_SET:
            first_space = i
        i += 1
    if not out and first_space >= 0 and not at_text_start and not at_text_end:
        out.append(first_space)
    return out


def _fast(raw: str) -> tuple[str, list[int]]:
    """Normalisation of text that is already NFC: only gaps change."""
    parts: list[str] = []
    offsets: list[int] = []
    pos = 0
    n = len(raw)
    for m in _GAP.finditer(raw):
        s, e = m.span()
        if s > pos:
            parts.append(raw[pos:s])
            offsets.extend(range(pos, s))
        for o in _gap(raw, s, e, not offsets, e == n):
            if o < 0:
                parts.append("\n")
                offsets.append(-1 - o)
            else:
                parts.append(" ")
                offsets.append(o)
        pos = e
    if pos < n:
        parts.append(raw[pos:])
        offsets.extend(range(pos, n))
    offsets.append(n)
    return "".join(parts).translate(_ETH), offsets


def _slow(raw: str) -> tuple[str, list[int]]:
    """Normalisation of text that is not NFC: each base character with its combining marks is
    composed on its own, so every output character still has one source offset."""
    out: list[str] = []
    offsets: list[int] = []
    i, n = 0, len(raw)
    while i < n:
        j = i + 1
        # combining marks, and Hangul vowel/final jamo, compose with what precedes them
        while j < n and (unicodedata.combining(raw[j]) or "\u1160" <= raw[j] <= "\u11ff"):
            j += 1
        ch = raw[i]
        if ch in _INVISIBLE_SET or ch.isspace():
            k = i
            while k < n and (raw[k] in _INVISIBLE_SET or raw[k].isspace()):
                k += 1
            for o in _gap(raw, i, k, not out, k == n):
                out.append("\n" if o < 0 else " ")
                offsets.append(-1 - o if o < 0 else o)
            # combining marks after a gap have no base: keep them as they are
            i = k
            continue
        for c in unicodedata.normalize("NFC", raw[i:j]):
            out.append(c)
            offsets.append(i)
        i = j
    offsets.append(n)
    return "".join(out).translate(_ETH), offsets


def normalize_text(raw: str) -> tuple[str, list[int]]:
    """Return ``(text, offsets)`` where ``offsets[i]`` is the index in ``raw`` that
    ``text[i]`` comes from and ``offsets[len(text)] == len(raw)``.

    NFC per base character with its combining marks, Ð→Đ, CRLF/CR→LF, other spaces
    (tabs, NBSP, …) → one space, runs of spaces collapsed, spaces at line ends and line starts
    dropped, invisible characters (zero-width, BOM, soft hyphen) removed.
    """
    text, offsets = _fast(raw) if unicodedata.is_normalized("NFC", raw) else _slow(raw)
    # Removing an invisible character can bring a base and a mark together; compose again
    # (a handful of rounds at most: each round only shortens the text).
    for _ in range(4):
        if unicodedata.is_normalized("NFC", text):
            break
        text, inner = _slow(text)
        offsets = [offsets[k] for k in inner]
    return text, offsets


def clean(s: str) -> str:
    """Normalise a short string (a label): NFC, Đ, one space between words."""
    return " ".join(normalize_text(s)[0].split())


@lru_cache(maxsize=1 << 16)
def _syllable_key(word: str) -> str:
    d = unicodedata.normalize("NFD", word)
    tone = "".join(_TONES[c] for c in d if c in _TONES)
    base = unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONES))
    return base + tone[:1]


_NON_WORD = re.compile(r"[^\w/\-\s]")


@lru_cache(maxsize=1 << 16)
def match_key(s: str) -> str:
    """Key under which two names are the same: case, Unicode form and tone placement ignored
    (``Thành uỷ`` = ``Thành ủy``), tone marks kept (``Hiểu`` ≠ ``Hiếu``)."""
    s = unicodedata.normalize("NFC", s).translate(_ETH).casefold()
    s = _NON_WORD.sub(" ", s)
    return " ".join(_syllable_key(w) for w in s.split())


def search_key(s: str) -> str:
    """Diacritic-free lowercase key: ``Phạm Văn Hiểu`` → ``pham van hieu``."""
    s = unicodedata.normalize("NFD", s.translate(_ETH))
    s = s.replace("\u0111", "d").replace("\u0110", "D")
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = _NON_WORD.sub(" ", s)
    return " ".join(s.split())


_NEW_TO_OLD = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa", "oè": "òe", "oé": "óe",
               "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe", "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy",
               "uỵ": "ụy"}
_NEW_STYLE_END = re.compile("(" + "|".join(_NEW_TO_OLD) + ")$")
_NEW_STYLE_ENDINGS = (*_NEW_TO_OLD, "\n")
_WORDS = re.compile(r"\w+(?:[.&'’]\w+)*")


@lru_cache(maxsize=1 << 16)
def word_key(word: str) -> str:
    """Lower-case NFC word with one tone placement (``Uỷ`` → ``ủy``, ``hoà`` → ``hòa``); unlike
    ``match_key`` the diacritics stay in place, so keys read like words and are cheap."""
    w = unicodedata.normalize("NFC", word).translate(_ETH).casefold()
    if not w.endswith(_NEW_STYLE_ENDINGS):  # what the pattern needs ("$" also matches before "\n")
        return w
    return _NEW_STYLE_END.sub(lambda m: _NEW_TO_OLD[m.group(1)], w)


@lru_cache(maxsize=1 << 16)
def phrase_key(text: str) -> str:
    """``word_key`` of every word, joined by one space (punctuation dropped)."""
    return " ".join(word_key(w) for w in _WORDS.findall(text))
