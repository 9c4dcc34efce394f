"""Domain lexicons: the data files under ``civickg/data`` loaded once."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

DATA = files("civickg") / "data"


def _rows(name: str) -> list[list[str]]:
    out = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        out.append([c.strip() for c in line.split("\t")])
    return out


@cache
def table(name: str) -> list[list[str]]:
    """Rows of a TSV data file (comments and blank lines skipped)."""
    return _rows(name)


@cache
def words(name: str) -> frozenset[str]:
    """Whitespace-separated entries of a word list, or one entry per line for phrases."""
    rows = _rows(name)
    if name.endswith(".txt") and all(len(r) == 1 for r in rows):
        text_rows = [r[0] for r in rows]
        if name == "family_names.txt":
            return frozenset(w for r in text_rows for w in r.split())
        return frozenset(text_rows)
    return frozenset(r[0] for r in rows)


@cache
def mapping(name: str, col: int = 1) -> dict[str, str]:
    return {r[0]: (r[col] if len(r) > col else "") for r in _rows(name)}
