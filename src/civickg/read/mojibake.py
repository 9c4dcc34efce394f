"""Repair of double-encoded UTF-8: UTF-8 bytes once read as Windows-1252 (``Nguyá»…n``).

Browsers map the five bytes Windows-1252 leaves undefined (0x81 0x8D 0x8F 0x90 0x9D) to the
C1 controls of the same number, so those are accepted too ("sloppy" Windows-1252). Every
sequence that forms valid UTF-8 of a character beyond ASCII is replaced; anything else is
left alone, so genuine Vietnamese text around it is untouched.
"""

from __future__ import annotations

import re

_TO_BYTE: dict[str, int] = {}
for _b in range(0x80, 0x100):
    try:
        _TO_BYTE[bytes([_b]).decode("cp1252")] = _b
    except UnicodeDecodeError:
        _TO_BYTE[chr(_b)] = _b

_LEAD = "".join(c for c, b in _TO_BYTE.items() if 0xC2 <= b <= 0xF4)
_CONT = "".join(c for c, b in _TO_BYTE.items() if 0x80 <= b <= 0xBF)
# A lead byte then one to three continuation bytes: one bounded pattern, linear.
_SEQ = re.compile(f"[{re.escape(_LEAD)}][{re.escape(_CONT)}]{{1,3}}")
# What survives when a writer dropped the undefined bytes: a Vietnamese lead pair left alone.
_BROKEN = re.compile("á[»º]|Ä(?![\u0080-\u00bf‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ])")


def _fix(m: re.Match[str]) -> str:
    seq = m.group()
    data = bytes(_TO_BYTE[c] for c in seq)
    for end in range(len(data), 1, -1):
        try:
            fixed = data[:end].decode("utf-8")
        except UnicodeDecodeError:
            continue
        if "\u0080" <= fixed[0] <= "\u009f":  # a C1 control is no letter: not mojibake
            return seq
        return fixed + seq[end:]
    return seq


def mojibake_count(text: str) -> int:
    """How many sequences of the text read as double-encoded UTF-8."""
    return sum(1 for m in _SEQ.finditer(text) if _fix(m) != m.group())


def repair_mojibake(text: str) -> tuple[str, int]:
    """The text with double-encoded sequences decoded, and how many broken ones remain."""
    fixed = _SEQ.sub(_fix, text)
    return fixed, len(_BROKEN.findall(fixed))
