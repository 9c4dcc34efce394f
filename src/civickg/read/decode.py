"""Bytes to text.

Tried in this order, each only when the bytes really are that:
UTF-32/UTF-16 with a BOM, UTF-16 without BOM (every other byte NUL), UTF-8 (BOM or not),
then for bytes that are not UTF-8: the legacy font encodings TCVN3 and VNI (see ``legacy``),
then Windows-1258 when what it decodes to looks like Vietnamese. Text that decoded but is in
TCVN3/VNI (copied from an old page) or double-encoded UTF-8 (``Nguyá»…n``) is converted too.
Anything else is a ``ReadError`` naming the file and what is wrong with it.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from civickg.model import ReadError
from civickg.read.legacy import from_tcvn3, from_vni, legacy_encoding
from civickg.read.mojibake import mojibake_count, repair_mojibake

_MAGIC: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an MS Office (OLE) document"),
    (b"\x7fELF", "an executable"),
]
_VIETNAMESE_LETTERS = set(
    "àáâãèéêìíòóôõùúýăđĩũơưÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯ"
    + "".join(chr(c) for c in range(0x1EA0, 0x1EFA))
)
_PUNCT = set("“”‘’–—…•°«»·×€£¥§©®™±²³½¼¾\u00a0")
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_WORD = re.compile(r"\w+")


def _magic(data: bytes) -> str | None:
    for sig, what in _MAGIC:
        if data.startswith(sig):
            return what
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "a WebP image"
    if data[4:8] == b"ftyp":
        return "an MP4/HEIC media file"
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def plausibly_vietnamese(text: str) -> bool:
    """Whether text decoded by a single-byte code page reads as Vietnamese: its non-ASCII
    characters are Vietnamese letters or common punctuation, and some are letters."""
    text = unicodedata.normalize("NFC", text)
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return True
    letters = sum(1 for c in non_ascii if c in _VIETNAMESE_LETTERS)
    ok = letters + sum(1 for c in non_ascii if c in _PUNCT)
    return letters > 0 and ok >= 0.95 * len(non_ascii)


def _convert_legacy(text: str, path: str) -> str:
    enc = legacy_encoding(text)
    if enc == "TCVN3":
        return from_tcvn3(text)
    if enc == "VNI":
        return from_vni(text)
    count = mojibake_count(text[:200_000])
    if count >= 3 and count * 40 >= len(_WORD.findall(text[:200_000])):
        fixed, broken = repair_mojibake(text)
        if broken:
            raise ReadError(
                path,
                f"double-encoded UTF-8 (mojibake) with {broken} sequences whose bytes were "
                "lost; cannot be repaired, skipped",
            )
        return fixed
    return text


def _decode_unicode(data: bytes, path: str) -> str | None:
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        codec = "utf-32"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec = "utf-16"
    else:
        codec = _utf16_without_bom(data) or ""
    if not codec:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as e:
        raise ReadError(path, f"{codec.upper()} text, undecodable at byte {e.start}") from None
    return text.lstrip("\ufeff")


def decode_bytes(data: bytes, path: str) -> str:
    """The text the bytes of one file hold; ReadError when they hold no text."""
    if not data.strip():
        raise ReadError(path, "empty file" if not data else "file holds only whitespace")
    what = _magic(data)
    if what:
        raise ReadError(path, f"binary file: {what}, not a text article")
    text = _decode_unicode(data, path)
    if text is None:
        head = data[:65536]
        if b"\x00" in head or len(_CONTROL.findall(head)) > 0.01 * len(head):
            raise ReadError(path, "binary file (control bytes), not a text article")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _decode_8bit(data, path)
    if "\x00" in text:
        raise ReadError(path, "binary file (NUL characters), not a text article")
    return _convert_legacy(text, path)


def _decode_8bit(data: bytes, path: str) -> str:
    latin = data.decode("latin-1")
    if legacy_encoding(latin):
        return latin  # converted by _convert_legacy
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError as e:
        text = None
        pos = e.start
    if text is not None and plausibly_vietnamese(text):
        return text
    where = f" (byte {pos})" if text is None else ""
    raise ReadError(
        path,
        f"not UTF-8, UTF-16, Windows-1258, TCVN3 or VNI{where}: unknown encoding, skipped",
    )
