"""Human documentation generated from the ontology itself (``civickg ontology docs``):
``index.html`` with every term and ``diagram.html``, the classes and properties as a graph view.
Both are written byte-for-byte the same from the same ontology files, so a test can compare the
committed copies in ``ontology/docs/`` with a fresh run."""

from __future__ import annotations

from pathlib import Path

from civickg.ontodoc.diagram import write_diagram
from civickg.ontodoc.html import render
from civickg.ontodoc.terms import OntologyDoc, Term, read

__all__ = ["OntologyDoc", "Term", "read", "render", "write_docs"]

DOC_FILES = ("index.html", "diagram.html")


def write_docs(out_dir: str | Path, extra: tuple[str, ...] = ()) -> list[Path]:
    """Write the documentation of the core ontology, ``ontology/ext`` and ``extra`` modules."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    doc = read(extra)
    index = out / "index.html"
    index.write_text(render(doc), encoding="utf-8")
    return [index, write_diagram(doc, extra, out / "diagram.html")]
