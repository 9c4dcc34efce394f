"""The normaliser: NFC, Đ, invisible characters, whitespace, offsets back to the source, keys."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from civickg.normalize import clean, match_key, normalize_text, search_key

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def _squash(s: str) -> str:
    """Invisible characters out, whitespace runs to one space, NFC, Đ: for comparing."""
    s = " ".join(_INVISIBLE.sub("", s).split())
    return unicodedata.normalize("NFC", s).replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")


def test_nfd_becomes_nfc_with_offsets_into_the_source() -> None:
    raw = unicodedata.normalize("NFD", "Thành ủy Cần Thơ")
    text, offsets = normalize_text(raw)
    assert text == "Thành ủy Cần Thơ"
    assert len(offsets) == len(text) + 1 and offsets[-1] == len(raw)
    start = text.index("Cần")
    assert unicodedata.normalize("NFC", raw[offsets[start] : offsets[start + 3]]) == "Cần"


def test_eth_invisible_and_whitespace() -> None:
    raw = "\ufeff  Ðảng\u00a0bộ\u200b \t tỉnh  \r\n\r\n  Văn\u00adphòng \n"
    text, offsets = normalize_text(raw)
    assert text == "Đảng bộ tỉnh\n\nVănphòng\n"
    assert raw[offsets[0]] == "Ð"
    assert offsets[-1] == len(raw)


def test_crlf_and_cr_are_one_line_break() -> None:
    assert normalize_text("a\r\nb\rc\nd")[0] == "a\nb\nc\nd"


def test_clean_gives_one_line() -> None:
    assert clean("  Phạm  Văn\nHiểu ") == "Phạm Văn Hiểu"


def test_keys() -> None:
    assert match_key("Thành uỷ") == match_key("Thành ủy") == match_key("THÀNH ỦY")
    assert match_key("hoà") == match_key("hòa")
    assert match_key("Hiểu") != match_key("Hiếu")
    assert match_key("Ðảng") == match_key("Đảng")
    assert search_key("Phạm Văn Hiểu") == "pham van hieu"
    assert search_key("Đảng ủy") == "dang uy"


_VIET = "aàáảãạăằắẳẵặâầấẩẫậđeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ"
_pieces = st.one_of(
    st.text(alphabet=_VIET + _VIET.upper() + "Ð ", max_size=8),
    st.sampled_from([" ", "  ", "\t", "\n", "\r\n", "\r", "\u00a0", "\u200b", "\ufeff",
                     "\u00ad", "\u0301", "\u0323", "\u0309", "\u2028", "\x0c"]),
    st.text(max_size=4),
)
raw_texts = st.lists(_pieces, max_size=30).map("".join)
decomposed = raw_texts.map(lambda s: unicodedata.normalize("NFD", s))


@settings(max_examples=300, deadline=None)
@given(st.one_of(raw_texts, decomposed))
def test_normalisation_is_idempotent(raw: str) -> None:
    text, offsets = normalize_text(raw)
    assert normalize_text(text)[0] == text
    assert unicodedata.is_normalized("NFC", text)
    assert len(offsets) == len(text) + 1
    assert offsets[-1] == len(raw)
    assert all(a <= b for a, b in zip(offsets, offsets[1:], strict=False))


@settings(max_examples=300, deadline=None)
@given(st.one_of(raw_texts, decomposed), st.data())
def test_every_span_maps_back_to_its_source(raw: str, data: st.DataObject) -> None:
    text, offsets = normalize_text(raw)
    # boundaries the offset map tells apart (the characters composed from one cluster of a
    # decomposed source share its offset, so a span cannot split them)
    cuts = [k for k in range(len(text) + 1) if k in (0, len(text)) or offsets[k] > offsets[k - 1]]
    start = data.draw(st.sampled_from(cuts))
    end = data.draw(st.sampled_from([k for k in cuts if k >= start]))
    assert _squash(raw[offsets[start] : offsets[end]]) == _squash(text[start:end])


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_VIET + " ", min_size=1, max_size=20))
def test_keys_ignore_form_and_tone_placement(word: str) -> None:
    nfd = unicodedata.normalize("NFD", word)
    assert match_key(nfd) == match_key(word)
    assert search_key(nfd) == search_key(word)
    moved = word.replace("oà", "òa").replace("uỷ", "ủy").replace("oá", "óa")
    assert match_key(moved) == match_key(word)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(list("àáảãạ")), st.sampled_from(list("àáảãạ")))
def test_keys_keep_the_tone(a: str, b: str) -> None:
    assert (match_key(f"h{a}") == match_key(f"h{b}")) == (a == b)
    assert search_key(f"h{a}") == search_key(f"h{b}") == "ha"
