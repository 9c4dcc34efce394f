"""Bytes to text: every encoding civickg reads, and what it refuses."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from civickg.model import ReadError
from civickg.read.decode import decode_bytes, plausibly_vietnamese
from civickg.read.legacy import TCVN3, VNI, from_tcvn3, from_vni, legacy_encoding
from civickg.read.mojibake import repair_mojibake

TEXT = (
    "Đồng chí Nguyễn Thị Hồng Ánh, Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh, "
    "chủ trì hội nghị sơ kết việc thực hiện Nghị quyết của Ban Chấp hành Đảng bộ tỉnh. "
    "Các đại biểu đã thảo luận, đề xuất giải pháp để hoàn thành nhiệm vụ năm 2020."
)
_INV_TCVN3 = {v: k for k, v in TCVN3.items()}
_INV_VNI = {v: k for k, v in VNI.items()}


def to_tcvn3(text: str) -> bytes:
    """Lower-case text in TCVN3 bytes (TCVN3 has no upper-case accented letters)."""
    return "".join(_INV_TCVN3.get(c, c) for c in text.lower()).encode("latin-1")


def to_vni(text: str) -> bytes:
    return "".join(_INV_VNI.get(c, c) for c in text).encode("latin-1")


def sloppy_cp1252(data: bytes) -> str:
    return "".join(bytes([b]).decode("cp1252", "ignore") or chr(b) for b in data)


def test_utf8_with_and_without_bom() -> None:
    assert decode_bytes(TEXT.encode(), "a") == TEXT
    assert decode_bytes(codecs.BOM_UTF8 + TEXT.encode(), "a") == TEXT


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32(codec: str) -> None:
    data = TEXT.encode(codec)
    if codec == "utf-16-le":
        data = codecs.BOM_UTF16_LE + data
    elif codec == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    assert decode_bytes(data, "a") == TEXT


def test_utf16_without_bom() -> None:
    assert decode_bytes(TEXT.encode("utf-16-le"), "a") == TEXT


def to_cp1258(text: str) -> bytes:
    """Windows-1258 has â ê ô ơ ư ă đ but writes the five tones as combining marks."""
    out = bytearray()
    for c in text:
        try:
            out += c.encode("cp1258")
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", c)
            tones = "".join(m for m in d if m in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(m for m in d if m not in tones))
            out += (base + tones).encode("cp1258")
    return bytes(out)


def test_windows_1258() -> None:
    data = to_cp1258(TEXT)
    decoded = decode_bytes(data, "a")
    assert unicodedata.normalize("NFC", decoded) == TEXT


def test_tcvn3_bytes_and_text() -> None:
    expected = TEXT.lower()
    assert legacy_encoding(to_tcvn3(TEXT).decode("latin-1")) == "TCVN3"
    assert decode_bytes(to_tcvn3(TEXT), "a") == expected
    # the same text once copied from an old web page into a UTF-8 file
    assert decode_bytes(to_tcvn3(TEXT).decode("latin-1").encode("utf-8"), "a") == expected
    assert from_tcvn3("Uû ban nh©n d©n tØnh") == "Uỷ ban nhân dân tỉnh"


def test_vni_bytes_and_text() -> None:
    assert legacy_encoding(to_vni(TEXT).decode("latin-1")) == "VNI"
    assert decode_bytes(to_vni(TEXT), "a") == TEXT
    assert decode_bytes(to_vni(TEXT).decode("latin-1").encode("utf-8"), "a") == TEXT
    assert from_vni("Xin chaøo caùc baïn") == "Xin chào các bạn"


def test_vni_table_round_trips_every_letter() -> None:
    letters = "".join(sorted(set(VNI.values())))
    assert from_vni(to_vni(letters).decode("latin-1")) == letters


def test_double_encoded_utf8_is_repaired() -> None:
    mojibake = sloppy_cp1252(TEXT.encode("utf-8"))
    assert "Nguyá»…n" in mojibake
    assert decode_bytes(mojibake.encode("utf-8"), "a") == TEXT


def test_lossy_mojibake_is_a_clear_error() -> None:
    lossy = "".join(c for c in sloppy_cp1252(TEXT.encode()) if not 0x80 <= ord(c) < 0xA0)
    assert repair_mojibake(lossy)[1] > 0
    with pytest.raises(ReadError) as e:
        decode_bytes(lossy.encode("utf-8"), "m.txt")
    assert str(e.value).startswith("m.txt: double-encoded UTF-8 (mojibake) with ")
    assert str(e.value).endswith("sequences whose bytes were lost; cannot be repaired, skipped")


def test_genuine_text_is_left_alone() -> None:
    for text in [TEXT, "Giá 100€ — «trích dẫn» © 2020 Báo Cần Thơ®", "Café ở Huế"]:
        assert decode_bytes(text.encode(), "a") == text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "a.txt: empty file"),
        (b" \n\r\n\t", "a.txt: file holds only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a.txt: binary file: a PNG image, not a text "
         "article"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a.txt: binary file: a JPEG image, not a text article"),
        (b"%PDF-1.7\n%\xe2\xe3", "a.txt: binary file: a PDF document, not a text article"),
        (b"PK\x03\x04\x14\x00", "a.txt: binary file: a ZIP archive (or DOCX/XLSX), not a text "
         "article"),
        (bytes(range(256)) * 4, "a.txt: binary file (control bytes), not a text article"),
        (b"abc\x00def", "a.txt: binary file (control bytes), not a text article"),
        ("Straße grüßt Äpfel öfter über Müller".encode("latin-1"),
         "a.txt: not UTF-8, UTF-16, Windows-1258, TCVN3 or VNI: unknown encoding, skipped"),
        (b"\x81\x8a\x9a bad", "a.txt: not UTF-8, UTF-16, Windows-1258, TCVN3 or VNI (byte 0): "
         "unknown encoding, skipped"),
    ],
)
def test_refused_bytes(data: bytes, message: str) -> None:
    with pytest.raises(ReadError) as e:
        decode_bytes(data, "a.txt")
    assert str(e.value) == message


def test_plausibility() -> None:
    assert plausibly_vietnamese(unicodedata.normalize("NFD", TEXT))
    assert not plausibly_vietnamese("Straße grüßt Äpfel")
