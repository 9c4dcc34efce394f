"""``civickg query``: SPARQL over the union of the article graphs."""

from __future__ import annotations

import click

from civickg.cli._graph import open_graph_store, read_query, store_options


@click.command(name="query")
@click.argument("query_or_file")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]),
              default="table", show_default=True,
              help="For SELECT/ASK; json is the SPARQL 1.1 Query Results JSON format. "
                   "CONSTRUCT/DESCRIBE always print Turtle.")
@store_options
def command(query_or_file: str, fmt: str, store_dir: str | None, endpoint: str | None,
            gsp: str | None) -> None:
    """Run a SPARQL query (inline text, a .rq file, or - for stdin).

    The default graph is the union of all article graphs; GRAPH ?g gives the article."""
    from civickg.cli._results import render

    sparql = read_query(query_or_file)
    store = open_graph_store(store_dir, endpoint, gsp)
    try:
        result = store.query(sparql)
    except (SyntaxError, RuntimeError, OSError) as e:
        raise click.ClickException(str(e)) from e
    finally:
        store.close()
    # color=True: click would strip ANSI escapes, changing values; the table escapes them itself
    click.echo(render(result, fmt), nl=False, color=True)
