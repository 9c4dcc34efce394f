"""``civickg ontology``: the OWL ontology and its reasoner check."""

from __future__ import annotations

import click

from civickg.cli._graph import store_options


@click.group(name="ontology")
def command() -> None:
    """The civickg OWL ontology (ontology/civickg.ttl, ontology/ext/*.ttl and extensions' modules)."""


@command.command()
@click.option("--data", "data_file", type=click.Path(exists=True, dir_okay=False),
              help="Check with this RDF file instead of the store.")
@click.option("--sample", type=int, default=200, show_default=True,
              help="How many article graphs to take from the store (0: all).")
@click.option("--no-data", is_flag=True, help="Check the ontology alone.")
@store_options
def check(data_file: str | None, sample: int, no_data: bool, store_dir: str | None,
          endpoint: str | None, gsp: str | None) -> None:
    """Load the ontology and a sample of built data in owlready2 and run HermiT.

    Exits 1 if they are inconsistent; skips (exit 0, with a message) without Java."""
    from civickg.cli._loading import ntriples, union_quads
    from civickg.extensions import ontology_modules
    from civickg.reasoning import check as run_check

    quads = [] if no_data else union_quads(data_file, store_dir, endpoint, gsp)
    if sample and quads and hasattr(quads[0], "graph_name"):
        quads = _sample(quads, sample)
    verdict = run_check(ntriples(quads), ontology_modules())
    click.echo(f"{verdict.message} ({len(quads)} triples, {verdict.individuals} individuals)")
    if verdict.consistent is False:
        raise SystemExit(1)


@command.command()
def terms() -> None:
    """List every term the ontology declares, as CURIEs."""
    from civickg.extensions import ontology_modules
    from civickg.namespace import defined_terms

    for t in sorted(defined_terms(ontology_modules())):
        click.echo(t)


@command.command()
def extensions() -> None:
    """List the registered extensions, extractors and mappers (with the terms each produces),
    ontology modules and shapes files; exit 1 if the ontology and the components disagree."""
    from civickg.extensions import consistency_problems, load

    registry = load()
    click.echo("extensions: " + (", ".join(registry.extensions) or "none"))
    for kind in ("extractor", "mapper"):
        for c in registry.of_kind(kind):
            click.echo(f"{kind} {c.name} [{c.source}] order {c.order}: {' '.join(c.produces) or '-'}")
    for label, files in (("ontology module", registry.ontology_files), ("shapes", registry.shapes_files)):
        for f in files:
            click.echo(f"{label}: {f}")
    problems = consistency_problems(registry)
    for p in problems:
        click.echo(f"problem: {p}", err=True)
    if problems:
        raise SystemExit(1)


@command.command()
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False),
              help="Directory to write into [default: ontology/docs].")
@click.option("--with-extensions", is_flag=True,
              help="Also document the modules installed extensions register (not for ontology/docs).")
def docs(out_dir: str | None, with_extensions: bool) -> None:
    """Write the HTML documentation of the ontology (index.html) and its diagram (diagram.html)."""
    from civickg.namespace import ontology_dir
    from civickg.ontodoc import write_docs

    extra: tuple[str, ...] = ()
    if with_extensions:
        from civickg.extensions import ontology_modules

        extra = ontology_modules()
    for path in write_docs(out_dir or ontology_dir() / "docs", extra):
        click.echo(f"wrote {path}", err=True)


def _sample(quads: list, n: int) -> list:  # type: ignore[type-arg]
    """The first ``n`` article graphs, plus the shared entity triples about what they name."""
    from civickg.mapping.graph import ENTITIES

    entities = str(ENTITIES)
    articles = sorted({str(q.graph_name) for q in quads} - {entities})[:n]
    keep = set(articles)
    chosen = [q for q in quads if str(q.graph_name) in keep]
    named = {str(t) for q in chosen for t in (q.subject, q.object)}
    entity = [q for q in quads if str(q.graph_name) == entities]
    # identity triples chain (tenure -> post -> organization -> place): follow them
    while True:
        more = {str(q.object) for q in entity if str(q.subject) in named} - named
        if not more:
            break
        named |= more
    return chosen + [q for q in entity if str(q.subject) in named]
