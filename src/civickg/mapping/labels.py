"""Labels that come out the same for every spelling variant the matching key treats as equal,
so an entity shared by several article graphs never carries two labels in the union graph."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from civickg.normalize import clean

_TONE = "\u0300\u0301\u0303\u0309\u0323"
# New-style tone placement on a word-final oa/oe/uy (hoà, khoẻ, thuỷ) moves to the first
# vowel (hòa, khỏe, thủy), the style most news uses; "qu" + y keeps it (quý).
_NEW_STYLE = re.compile(
    rf"(?<![qQ])([oO])([aAeE])([{_TONE}])(?!\w)|(?<![qQ])([uU])([yY])([{_TONE}])(?!\w)"
)


def _old_style(m: re.Match[str]) -> str:
    if m.group(1):
        return m.group(1) + m.group(3) + m.group(2)
    return m.group(4) + m.group(6) + m.group(5)


@lru_cache(maxsize=1 << 16)
def canonical(text: str) -> str:
    """NFC, Đ for Ð, single spaces, old-style tone placement."""
    d = unicodedata.normalize("NFD", clean(text))
    return unicodedata.normalize("NFC", _NEW_STYLE.sub(_old_style, d))


@lru_cache(maxsize=1 << 16)
def person_name(name: str) -> str:
    """A person's name with every word capitalised (``phạm văn hiểu`` → ``Phạm Văn Hiểu``)."""
    return " ".join(w[:1].upper() + w[1:].lower() for w in canonical(name).split())


@lru_cache(maxsize=1 << 16)
def capitalised(text: str) -> str:
    t = canonical(text)
    return t[:1].upper() + t[1:]
