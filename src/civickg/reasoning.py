"""Consistency of the ontology plus a sample of built data, by HermiT through owlready2."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass


@dataclass
class Verdict:
    consistent: bool | None  # None: could not run (no Java)
    message: str
    individuals: int = 0


def java_available() -> bool:
    return shutil.which("java") is not None or os.path.exists("/usr/bin/java")


def check(data_ntriples: bytes, extra_ontologies: tuple[str, ...] = ()) -> Verdict:
    """Load the ontology and the data into one owlready2 world and run HermiT."""
    if not java_available():
        return Verdict(None, "skipped: no Java runtime found (HermiT needs `java` on PATH)")
    import owlready2
    import pyoxigraph as ox
    from rdflib import Graph

    from civickg.namespace import RDF, ontology_files

    onto = Graph()
    for f in ontology_files(extra_ontologies):
        onto.parse(f, format="turtle")
    world = owlready2.World()
    with tempfile.TemporaryDirectory() as tmp:
        paths = [os.path.join(tmp, "ontology.nt"), os.path.join(tmp, "data.nt")]
        with open(paths[0], "wb") as fh:
            fh.write(onto.serialize(format="nt", encoding="utf-8"))
        with open(paths[1], "wb") as fh:
            fh.write(data_ntriples)
        for p in paths:
            world.get_ontology(f"file://{p}").load(format="ntriples")
        n = len({t.subject for t in ox.parse(data_ntriples, format=ox.RdfFormat.N_TRIPLES)
                 if t.predicate.value == str(RDF.type)})
        try:
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0,
                                           ignore_unsupported_datatypes=True)
        except owlready2.OwlReadyInconsistentOntologyError as e:
            return Verdict(False, f"inconsistent: {str(e).strip()[:2000]}", n)
    return Verdict(True, "consistent", n)
