"""Legacy Vietnamese font encodings: TCVN3 (ABC, ``.VnTime``) and VNI (``VNI-Times``).

Text typed in these fonts reaches us as Latin-1/Windows-1252 characters: TCVN3 puts each
Vietnamese letter in one upper byte (``nh©n d©n`` = nhân dân), VNI writes a base letter and
one mark byte (``chaøo caùc baïn`` = chào các bạn). The tables below follow the published
layouts (TCVN 5712:1993 "VN3" for TCVN3; the VNI-Windows chart) and agree entry for entry
with the corpus-checked tables of the ``viparse`` package (0.1.31), except that VNI ``aú`` /
``AÚ`` (ẳ / Ẳ), which viparse leaves out for want of an observed example, are included from
the chart. TCVN3 has no uppercase accented letters (headings used the ``.VnTimeH`` font), so
such text comes back lowercase.
"""

from __future__ import annotations

import re

# TCVN3: byte (as the Latin-1 character) -> letter.
_TCVN3_BASE = {
    "\u00a1": "Ă", "\u00a2": "Â", "\u00a3": "Ê", "\u00a4": "Ô", "\u00a5": "Ơ", "\u00a6": "Ư",
    "\u00a7": "Đ", "\u00a8": "ă", "\u00a9": "â", "\u00aa": "ê", "\u00ab": "ô", "\u00ac": "ơ",
    "\u00ad": "ư", "\u00ae": "đ",
}
# Each row: the five tones grave, hook, tilde, acute, dot below, in TCVN3 byte order.
_TCVN3_ROWS = {
    "àảãáạ": "\u00b5\u00b6\u00b7\u00b8\u00b9",
    "ằẳẵắặ": "\u00bb\u00bc\u00bd\u00be\u00c6",
    "ầẩẫấậ": "\u00c7\u00c8\u00c9\u00ca\u00cb",
    "èẻẽéẹ": "\u00cc\u00ce\u00cf\u00d0\u00d1",
    "ềểễếệ": "\u00d2\u00d3\u00d4\u00d5\u00d6",
    "ìỉĩíị": "\u00d7\u00d8\u00dc\u00dd\u00de",
    "òỏõóọ": "\u00df\u00e1\u00e2\u00e3\u00e4",
    "ồổỗốộ": "\u00e5\u00e6\u00e7\u00e8\u00e9",
    "ờởỡớợ": "\u00ea\u00eb\u00ec\u00ed\u00ee",
    "ùủũúụ": "\u00ef\u00f1\u00f2\u00f3\u00f4",
    "ừửữứự": "\u00f5\u00f6\u00f7\u00f8\u00f9",
    "ỳỷỹýỵ": "\u00fa\u00fb\u00fc\u00fd\u00fe",
}
TCVN3 = dict(_TCVN3_BASE)
for _letters, _codes in _TCVN3_ROWS.items():
    TCVN3.update(zip(_codes, _letters, strict=True))

# VNI: mark character after a vowel, by tone: acute, grave, hook, tilde, dot below.
_VNI_TONES_LOWER = ("ù", "ø", "û", "õ", "ï")
_VNI_TONES_UPPER = ("Ù", "Ø", "Û", "Õ", "Ï")
# circumflex (â ê ô) tones and breve (ă) tones: own mark characters
_VNI_HAT = {"": "â", "ù": "á", "ø": "à", "û": "å", "õ": "ã", "ï": "ä"}
_VNI_BREVE = {"": "ê", "ù": "é", "ø": "è", "û": "ú", "õ": "ü", "ï": "ë"}


def _vni_table() -> dict[str, str]:
    import unicodedata as ud

    marks = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323", "": ""}
    table: dict[str, str] = {"ñ": "đ", "Ñ": "Đ", "ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư",
                             "ò": "ị", "Ò": "Ị", "æ": "ỉ", "Æ": "Ỉ", "ó": "ĩ", "Ó": "Ĩ"}
    for low, up in zip(_VNI_TONES_LOWER, _VNI_TONES_UPPER, strict=True):
        for base in "aeouy":
            letter = ud.normalize("NFC", base + marks[low])
            table[base + low] = letter
            table[base.upper() + up] = letter.upper()
        for base, horn in (("ô", "ơ"), ("ö", "ư")):  # ơ ư carry the tone mark directly
            letter = ud.normalize("NFC", horn + marks[low])
            table[base + low] = letter
            table[base.upper() + up] = letter.upper()
        table["i" + low] = ud.normalize("NFC", "i" + marks[low]) if low in "ùø" else "i" + low
        if low in "ùø":
            table["I" + up] = table["i" + low].upper()
    for tone, mark in marks.items():
        hat_code, breve_code = _VNI_HAT[tone], _VNI_BREVE[tone]
        for base in "aeo":
            letter = ud.normalize("NFC", base + "\u0302" + mark)
            table[base + hat_code] = letter
            table[base.upper() + hat_code.upper()] = letter.upper()
        letter = ud.normalize("NFC", "a\u0306" + mark)
        table["a" + breve_code] = letter
        table["A" + breve_code.upper()] = letter.upper()
    return {k: v for k, v in table.items() if k != v}


VNI = _vni_table()
_VNI_PATTERN = re.compile("|".join(sorted(map(re.escape, VNI), key=len, reverse=True)))

# Bytes TCVN3 text is full of and that never sit inside a word of Unicode Vietnamese.
_TCVN3_SIGN = re.compile(r"[A-Za-z][\u00a8-\u00ae\u00b5-\u00be]|[\u00a8-\u00ae\u00b5-\u00be][a-z]")
# VNI marks that are not Vietnamese letters, right after a vowel; and VNI đ / ư inside words.
_VNI_SIGN = re.compile(r"[aeouyAEOUYôöÔÖ][øïûüëäåØÏÛÜËÄÅ]|[A-Za-z][ñö]|[ñÑ][a-zA-Z]")
_WORD = re.compile(r"\w+")


def legacy_encoding(text: str) -> str | None:
    """``"TCVN3"`` or ``"VNI"`` when the text reads as one of them, else None.

    A word of real Vietnamese never holds these signs; legacy text has one in most words, so
    one sign per 20 words (and at least 3) decides without false alarms on stray symbols.
    """
    sample = text[:200_000]
    tcvn = len(_TCVN3_SIGN.findall(sample))
    vni = len(_VNI_SIGN.findall(sample))
    best, score = ("TCVN3", tcvn) if tcvn >= vni else ("VNI", vni)
    # words are counted only when the signs could decide (counting is most of the cost)
    if score >= 3 and score * 20 >= max(1, len(_WORD.findall(sample))):
        return best
    return None


def from_tcvn3(text: str) -> str:
    return "".join(TCVN3.get(c, c) for c in text)


def from_vni(text: str) -> str:
    return _VNI_PATTERN.sub(lambda m: VNI[m.group()], text)
