"""Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1258."""

from __future__ import annotations

import codecs

from civickg.model import ReadError


def decode_bytes(data: bytes, path: str) -> str:
    if not data.strip():
        raise ReadError(path, "empty file")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise ReadError(path, f"UTF-16 BOM but undecodable at byte {e.start}") from None
    if b"\x00" in data:
        raise ReadError(path, "binary file (NUL bytes), not an article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1258")
    except UnicodeDecodeError as e:
        raise ReadError(path, f"not UTF-8, UTF-16 or Windows-1258 (byte {e.start})") from None
