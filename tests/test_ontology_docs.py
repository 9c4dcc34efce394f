"""``ontology/docs`` is generated from the ontology (``civickg ontology docs``) and kept current:
a fresh run must give the committed files byte for byte."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from civickg.cli import cli
from civickg.namespace import CKG, OWL, RDF, RDFS, ontology_graph
from civickg.ontodoc import DOC_FILES

DOCS = Path(__file__).resolve().parents[1] / "ontology" / "docs"


def test_committed_docs_are_current(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["ontology", "docs", "-o", str(tmp_path)])
    assert r.exit_code == 0, r.output
    for name in DOC_FILES:
        fresh = (tmp_path / name).read_text(encoding="utf-8")
        assert fresh == (DOCS / name).read_text(encoding="utf-8"), (
            f"ontology/docs/{name} is out of date: run `civickg ontology docs` and commit it")


def test_docs_cover_every_class_with_labels() -> None:
    index = (DOCS / "index.html").read_text(encoding="utf-8")
    g = ontology_graph()
    for cls in g.subjects(RDF.type, OWL.Class):
        if str(cls).startswith(str(CKG)):
            assert f'id="{str(cls)[len(str(CKG)):]}"' in index, cls
            for label in g.objects(cls, RDFS.label):
                assert str(label).replace("'", "&#x27;") in index
    assert "owl:versionIRI" not in index and "https://w3id.org/civickg/ontology/0.1.0" in index
    assert "org:Membership" in index  # alignments


def test_diagram_is_a_view_of_the_classes() -> None:
    page = (DOCS / "diagram.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="ckg-data">(.*?)</script>', page, re.S)
                      .group(1))
    keys = {n["cls"] for n in data["nodes"]}
    assert {"Person", "Membership", "Resolution", "Meeting"} <= keys
    assert any(e["en"] == "subclass of" for e in data["edges"])
    assert any(e["en"] == "chair" for e in data["edges"])
    assert "connect-src" not in page and "http://" not in page.split("<script")[0]
