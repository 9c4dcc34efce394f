"""Is an article Vietnamese? civickg reads Vietnamese news only; an English article would give
nothing but noise, so it is refused with a clear error rather than read."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+")
_VIETNAMESE_MARKS = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE
)
_ENGLISH = frozenset(
    {"the", "of", "and", "to", "in", "is", "was", "for", "on", "that", "with", "by", "as", "at",
     "from", "are", "be", "this", "has", "have", "it", "an", "were", "which", "will", "its",
     "their", "said", "not", "or", "been", "after", "also", "who"}
)
MIN_WORDS = 30


def english_share(text: str) -> float | None:
    """Share of words that are English function words, when the text has few Vietnamese
    letters; None when the text is Vietnamese or too short to tell."""
    words = _WORD.findall(text[:20_000])
    if len(words) < MIN_WORDS:
        return None
    limit, marked = 0.05 * len(words), 0
    for w in words:  # Vietnamese text passes the limit within its first few dozen words
        if _VIETNAMESE_MARKS.search(w):
            marked += 1
            if marked > limit:
                return None
    return sum(1 for w in words if w.lower() in _ENGLISH) / len(words)


def looks_english(text: str) -> bool:
    """English prose: ~30 % of its words are these function words; Vietnamese written without
    diacritics has almost none of them."""
    share = english_share(text)
    return share is not None and share >= 0.15
