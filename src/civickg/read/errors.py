"""Kinds of ``ReadError``: all are ``ReadError`` (the pipeline needs nothing else), and a
caller that wants to tell a skipped duplicate from a broken file can look at ``kind``."""

from __future__ import annotations

from civickg.model import ReadError


class DuplicateArticle(ReadError):
    """The same article (same normalised text) was already read under another name."""

    kind = "duplicate"

    def __init__(self, path: str, original: str) -> None:
        super().__init__(path, f"duplicate of {original} (same text); skipped")
        self.original = original


class NotVietnamese(ReadError):
    kind = "language"


class TooLarge(ReadError):
    kind = "too-large"


def size_text(n: int) -> str:
    """``5 MB`` for sizes of a megabyte or more, else ``N bytes``."""
    return f"{n / 2**20:.1f}".removesuffix(".0") + " MB" if n >= 2**20 else f"{n} bytes"


def kind_of(error: ReadError) -> str:
    """``duplicate``, ``language``, ``too-large`` or ``unreadable``."""
    return getattr(error, "kind", "unreadable")
