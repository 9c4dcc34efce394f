"""Rendering query results: aligned table, SPARQL 1.1 CSV/TSV, SPARQL 1.1 JSON, Turtle."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

# Control characters (and line/paragraph separators) in a label would move the terminal's
# cursor or run its escape sequences (ESC [ ...): the table shows them as escapes.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_ECHAR = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def _nt(t: dict[str, str]) -> str:
    """A JSON result term in N-Triples/Turtle syntax, as SPARQL TSV wants it."""
    v = t["value"]
    if t["type"] == "uri":
        return f"<{v}>"
    if t["type"] == "bnode":
        return f"_:{v}"
    esc = _CONTROL.sub(_uchar, v.replace("\\", "\\\\").replace('"', '\\"'))
    if "xml:lang" in t:
        return f'"{esc}"@{t["xml:lang"]}'
    if "datatype" in t and not t["datatype"].endswith("#string"):
        return f'"{esc}"^^<{t["datatype"]}>'
    return f'"{esc}"'


def render(result: Any, fmt: str) -> str:
    from civickg.store.base import EXPORT_PREFIXES

    if result.kind == "graph":
        import pyoxigraph as ox

        return ox.serialize(result.triples(), format=ox.RdfFormat.TURTLE,
                            prefixes=EXPORT_PREFIXES).decode()
    if fmt == "json":
        return json.dumps(result.to_json(), ensure_ascii=False, indent=1) + "\n"
    if result.kind == "boolean":
        return ("true" if result.boolean else "false") + "\n"
    names = result.variables
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(names)
        for b in result.bindings:
            w.writerow([b[n]["value"] if n in b else "" for n in names])
        return buf.getvalue()
    if fmt == "tsv":
        lines = ["\t".join(f"?{n}" for n in names)]
        lines += ["\t".join(_nt(b[n]) if n in b else "" for n in names) for b in result.bindings]
        return "\n".join(lines) + "\n"
    return _table(names, [[b[n]["value"] if n in b else "" for n in names]
                          for b in result.bindings])


def _uchar(m: re.Match[str]) -> str:
    c = m.group()
    return _ECHAR.get(c) or f"\\u{ord(c):04X}"


def _visible(m: re.Match[str]) -> str:
    c = m.group()
    return " " if c in "\n\r\t" else c.encode("unicode_escape").decode()


def _table(names: list[str], rows: list[list[str]]) -> str:
    rows = [[_CONTROL.sub(_visible, c) for c in r] for r in rows]
    widths = [max([len(n), *(len(r[i]) for r in rows)]) for i, n in enumerate(names)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True))  # noqa: E731
    out = [line(names), line(["-" * w for w in widths]), *(line(r) for r in rows)]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(s.rstrip() for s in out) + "\n"
