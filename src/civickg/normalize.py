"""Text normalisation with a map back to the original offsets, and matching keys.

The text keeps the article's own spelling (tone placement included); only Unicode form,
the Icelandic eth used for Đ, invisible characters and whitespace change. Matching keys
(``match_key``) additionally ignore case and where a tone mark sits, never whether it is there;
``search_key`` drops every diacritic for diacritic-free search.
"""

from __future__ import annotations

import re
import unicodedata

_ETH = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})  # Ð ð -> Đ đ
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
_TONES = {"\u0300": "2", "\u0301": "1", "\u0303": "4", "\u0309": "3", "\u0323": "5"}


def normalize_text(raw: str) -> tuple[str, list[int]]:
    """Return ``(text, offsets)`` where ``offsets[i]`` is the index in ``raw`` that
    ``text[i]`` comes from and ``offsets[len(text)] == len(raw)``.

    NFC per base character with its combining marks, Ð→Đ, CRLF/CR→LF, other spaces
    (tabs, NBSP, …) → one space, runs of spaces collapsed, spaces at line ends dropped,
    invisible characters removed.
    """
    out: list[str] = []
    offsets: list[int] = []
    i, n = 0, len(raw)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(raw[j]):
            j += 1
        chunk = raw[i:j]
        ch = chunk[0]
        if ch in _INVISIBLE:
            i = j
            continue
        if ch == "\r":
            if j < n and raw[j] == "\n":
                j += 1
            chunk = "\n"
        elif ch != "\n" and (ch.isspace() or unicodedata.category(ch) == "Zs"):
            if not out or out[-1] in " \n":
                i = j
                continue
            chunk = " "
        if chunk == "\n" and out and out[-1] == " ":
            out.pop()
            offsets.pop()
        for c in unicodedata.normalize("NFC", chunk).translate(_ETH):
            out.append(c)
            offsets.append(i)
        i = j
    if out and out[-1] == " ":
        out.pop()
        offsets.pop()
    offsets.append(n)
    return "".join(out), offsets


def clean(s: str) -> str:
    """Normalise a short string (a label): NFC, Đ, one space between words."""
    return normalize_text(s)[0].replace("\n", " ").strip()


def _syllable_key(word: str) -> str:
    d = unicodedata.normalize("NFD", word)
    tone = "".join(_TONES[c] for c in d if c in _TONES)
    base = unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONES))
    return base + tone[:1]


_NON_WORD = re.compile(r"[^\w/\-\s]")


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
