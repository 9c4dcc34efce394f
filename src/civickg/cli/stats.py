"""``civickg stats``: counts, central persons and organizations, communities, busy months."""

from __future__ import annotations

import click

from civickg.cli._graph import open_graph_store, store_options


@click.command(name="stats")
@store_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
@click.option("--top", type=click.IntRange(1, 1000), default=10, show_default=True,
              help="Rows per ranking.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True,
              help="Language of class labels in the tables.")
def command(store_dir: str | None, endpoint: str | None, gsp: str | None, as_json: bool,
            top: int, lang: str) -> None:
    """Statistics of the graph: instances per class, the most central persons and
    organizations (degree, betweenness) on the co-participation graph, communities, and the
    months with most meetings."""
    import json

    from civickg.views.from_rdf import build_view, store_select
    from civickg.views.stats import graph_stats, stats_table

    store = open_graph_store(store_dir, endpoint, gsp)
    try:
        select = store_select(store)
        stats = graph_stats(build_view(select), select, top=top)
    except (RuntimeError, OSError) as e:
        raise click.ClickException(str(e)) from e
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(stats, ensure_ascii=False, indent=1))
    else:
        click.echo(stats_table(stats, lang), nl=False)
