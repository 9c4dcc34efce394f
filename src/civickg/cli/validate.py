"""``civickg validate``: SHACL shapes on the built graph."""

from __future__ import annotations

import click

from civickg.cli._graph import store_options


@click.command(name="validate")
@click.option("--data", "data_file", type=click.Path(exists=True, dir_okay=False),
              help="Validate this RDF file (TriG, N-Quads, Turtle, ...) instead of a store.")
@click.option("--shapes", "shapes_file", type=click.Path(exists=True, dir_okay=False),
              multiple=True, help="Extra shapes files, besides ontology/shapes.ttl.")
@store_options
def command(data_file: str | None, shapes_file: tuple[str, ...], store_dir: str | None,
            endpoint: str | None, gsp: str | None) -> None:
    """Check the graph (union of article graphs) against ontology/shapes.ttl with pySHACL.

    Prints every violation and warning; exits 1 if there is any violation."""
    from civickg.cli._loading import union_graph
    from civickg.validation import load_shapes, validate

    data = union_graph(data_file, store_dir, endpoint, gsp)
    ok, findings = validate(data, load_shapes(shapes_file))
    for f in findings:
        click.echo(str(f))
    violations = sum(f.severity == "Violation" for f in findings)
    click.echo(f"{len(data)} triples: {violations} violation(s), "
               f"{len(findings) - violations} warning(s)", err=True)
    if not ok:
        raise SystemExit(1)
