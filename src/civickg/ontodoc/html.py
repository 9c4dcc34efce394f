"""``OntologyDoc`` → one self-contained HTML page (no scripts, no network): header, class
hierarchy, then every class, property and individual with its labels, definitions, hierarchy,
domain and range, alignments and module; a table of the alignments and of the namespaces."""

from __future__ import annotations

from html import escape

from civickg.ontodoc.terms import OntologyDoc, Term

_SECTIONS = (("class", "Lớp / Classes"), ("object property", "Thuộc tính đối tượng / Object properties"),
             ("datatype property", "Thuộc tính dữ liệu / Datatype properties"),
             ("annotation property", "Thuộc tính chú thích / Annotation properties"),
             ("individual", "Cá thể / Individuals"))

_CSS = """
body { font: 15px/1.45 system-ui, sans-serif; max-width: 62rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
h1 { margin-bottom: .2rem; } h2 { border-bottom: 2px solid #ddd; margin-top: 2.5rem; }
section.term { border: 1px solid #ddd; border-radius: 6px; padding: .4rem 1rem .8rem; margin: 1rem 0; }
section.term h3 { margin: .4rem 0; } .curie { font-family: monospace; color: #555; font-size: .9em; }
table { border-collapse: collapse; } th, td { text-align: left; vertical-align: top; padding: .15rem .6rem .15rem 0; }
th { font-weight: 600; white-space: nowrap; }
.tag { font-size: .75em; background: #eef; border-radius: 3px; padding: 0 .3em; }
ul.tree, ul.tree ul { list-style: none; padding-left: 1.2rem; margin: 0; } ul.tree { padding-left: 0; }
nav a { margin-right: .8rem; }
"""


def _link(curie: str, known: dict[str, Term]) -> str:
    t = known.get(curie)
    if t is None:
        return f'<span class="curie">{escape(curie)}</span>'
    name = t.label.get("en") or t.key
    return f'<a href="#{escape(t.key)}" title="{escape(curie)}">{escape(name)}</a>'


def _links(curies: list[str], known: dict[str, Term]) -> str:
    return ", ".join(_link(c, known) for c in curies)


def _row(head: str, value: str) -> str:
    return f"<tr><th>{head}</th><td>{value}</td></tr>" if value else ""


def _term(t: Term, doc: OntologyDoc, known: dict[str, Term]) -> str:
    ours = [x for x in t.parents if x in known]
    aligned = [x for x in t.parents if x not in known] + t.matches
    used_in = sorted(p.curie for p in doc.terms if t.curie in p.domain)
    target_of = sorted(p.curie for p in doc.terms if t.curie in p.range)
    tags = "".join(f' <span class="tag">{x}</span>' for x, on in
                   (("extracted", t.extracted), ("shown in views", t.shown)) if on)
    rows = "".join([
        _row("IRI", f'<span class="curie">{escape(t.iri)}</span>'),
        _row("vi", escape(t.label.get("vi", ""))),
        _row("en", escape(t.label.get("en", ""))),
        _row("altLabel", escape(", ".join(t.alt_labels))),
        _row("Định nghĩa", escape(t.definition.get("vi", ""))),
        _row("Definition", escape(t.definition.get("en", ""))),
        _row("Type", _links(t.types, known)),
        _row("Super-term", _links(ours, known)),
        _row("Sub-terms", _links(t.children, known)),
        _row("Alignment", _links(aligned, known)),
        _row("Domain", _links(t.domain, known)),
        _row("Range", _links(t.range, known)),
        _row("Domain of", _links(used_in, known) if t.kind == "class" else ""),
        _row("Range of", _links(target_of, known) if t.kind == "class" else ""),
        _row("Module", escape(t.module)),
    ])
    title = escape(t.label.get("en") or t.key)
    return (f'<section class="term" id="{escape(t.key)}"><h3>{title} '
            f'<span class="curie">{escape(t.curie)}</span>{tags}</h3><table>{rows}</table></section>')


def _tree(curie: str, known: dict[str, Term]) -> str:
    kids = "".join(_tree(c, known) for c in known[curie].children if known[c].kind == "class")
    return f"<li>{_link(curie, known)}{f'<ul>{kids}</ul>' if kids else ''}</li>"


def render(doc: OntologyDoc) -> str:
    known = doc.by_curie()
    classes = doc.of_kind("class")
    roots = [t.curie for t in classes if not any(p in known for p in t.parents)]
    alignments = [(t, x) for t in doc.terms for x in (*[p for p in t.parents if p not in known], *t.matches)]
    out = [
        "<!DOCTYPE html>", '<html lang="vi"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(doc.title.get('en', doc.iri))}</title>",
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{escape(doc.title.get('vi', ''))} / {escape(doc.title.get('en', ''))}</h1>",
        "<p>Generated from the ontology files by <code>civickg ontology docs</code>; do not edit by hand.</p>",
        "<table>", _row("IRI", escape(doc.iri)), _row("Version IRI", escape(doc.version_iri)),
        _row("Version", escape(doc.version_info)), _row("License", escape(doc.license)),
        _row("Modules", escape(", ".join(doc.modules))),
        _row("Mô tả", escape(doc.description.get("vi", ""))),
        _row("Description", escape(doc.description.get("en", ""))), "</table>",
        '<p><a href="diagram.html">Sơ đồ lớp và thuộc tính / Diagram of classes and properties</a></p>',
        "<nav>" + "".join(f'<a href="#{k.replace(" ", "-")}">{escape(h)}</a>' for k, h in _SECTIONS)
        + '<a href="#alignments">Alignments</a><a href="#namespaces">Namespaces</a></nav>',
        '<h2 id="hierarchy">Phân cấp lớp / Class hierarchy</h2><ul class="tree">',
        *(_tree(r, known) for r in roots), "</ul>",
    ]
    for kind, heading in _SECTIONS:
        terms = doc.of_kind(kind)
        if terms:
            out.append(f'<h2 id="{kind.replace(" ", "-")}">{escape(heading)} ({len(terms)})</h2>')
            out += [_term(t, doc, known) for t in terms]
    out.append('<h2 id="alignments">Đối chiếu / Alignments</h2><table>')
    out += [f"<tr><td>{_link(t.curie, known)}</td><td>{escape(x)}</td></tr>" for t, x in alignments]
    out.append('</table><h2 id="namespaces">Không gian tên / Namespaces</h2><table>')
    out += [f"<tr><th>{escape(p)}</th><td>{escape(n)}</td></tr>" for p, n in doc.prefixes.items()]
    out.append("</table></body></html>")
    return "\n".join(out) + "\n"
