"""SHACL validation of a built graph with ``ontology/shapes.ttl`` and the shapes of ontology
modules and extensions (pySHACL)."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph

from civickg.namespace import ontology_dir


@dataclass
class Finding:
    severity: str  # "Violation" | "Warning" | "Info"
    focus: str
    path: str
    message: str

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.severity}: <{self.focus}>{where}: {self.message}"


def load_shapes(extra: tuple[str, ...] = ()) -> Graph:
    """The core shapes, ``ontology/ext/*shapes*.ttl``, those extensions registered, ``extra``."""
    from civickg.extensions import shapes_modules

    g = Graph()
    for f in (ontology_dir() / "shapes.ttl", *sorted((ontology_dir() / "ext").glob("*shapes*.ttl")),
              *shapes_modules(), *extra):
        g.parse(f, format="turtle")
    return g


def validate(data: Graph, shapes: Graph) -> tuple[bool, list[Finding]]:
    """``(conforms, findings)``; warnings are reported but do not break conformance."""
    from pyshacl import validate as shacl
    from rdflib.namespace import SH

    _conforms, report, _text = shacl(data, shacl_graph=shapes, inference="none",
                                     allow_warnings=True, advanced=True)
    findings = []
    for r in report.subjects(SH.resultSeverity, None):
        sev = str(report.value(r, SH.resultSeverity)).rsplit("#", 1)[1]
        path = report.value(r, SH.resultPath)
        findings.append(Finding(sev, str(report.value(r, SH.focusNode)),
                                data.namespace_manager.normalizeUri(path) if path else "",
                                str(report.value(r, SH.resultMessage) or "")))
    findings.sort(key=lambda f: (f.severity != "Violation", f.focus, f.path, f.message))
    return not any(f.severity == "Violation" for f in findings), findings


def validate_ntriples(ntriples: str, shapes: Graph) -> tuple[bool, str]:
    ok, findings = validate(Graph().parse(data=ntriples, format="nt"), shapes)
    return ok, "\n".join(map(str, findings))
