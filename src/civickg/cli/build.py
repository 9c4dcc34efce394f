"""``civickg build``: read, extract, map and store articles."""

from __future__ import annotations

import click

from civickg.cli._graph import open_graph_store, store_options


@click.command(name="build")
@click.argument("paths", nargs=-1, required=True)
@store_options
@click.option("--strict", is_flag=True,
              help="Check each article's graph against ontology/shapes.ttl; a graph that "
                   "violates them is not stored and counts as failed.")
@click.option("--incremental", is_flag=True,
              help="Skip articles whose content hash is already stored.")
@click.option("--trig", "trig_path", type=click.Path(dir_okay=False),
              help="Also write the whole graph as TriG here [default with the default store: "
                   "graphs/civickg.trig].")
@click.option("--views", "views_dir", type=click.Path(file_okay=False),
              help="Also write the HTML views (overview, a person, a resolution, a meeting) "
                   "here [default with the default store: graphs/].")
def command(paths: tuple[str, ...], store_dir: str | None, endpoint: str | None,
            gsp: str | None, strict: bool, incremental: bool, trig_path: str | None,
            views_dir: str | None) -> None:
    """Build the graph from article files, directories or globs (``-`` for stdin).

    Each article becomes one named graph, replaced whole when rebuilt. One bad article never
    stops the build; the exit status is 1 if any failed."""
    from pathlib import Path

    from civickg.cli._building import Builder
    from civickg.store import export

    default_store = not store_dir and not endpoint
    store = open_graph_store(store_dir, endpoint, gsp, must_exist=False)
    try:
        builder = Builder(store, strict=strict, incremental=incremental)
        builder.run(paths)
        if trig_path or default_store:
            out = Path(trig_path or "graphs/civickg.trig")
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(export(store, "trig"))
            click.echo(f"wrote {out}", err=True)
        if views_dir or default_store:
            from civickg.views import write_default_views

            for path in write_default_views(store, views_dir or "graphs"):
                click.echo(f"wrote {path}", err=True)
    finally:
        store.close()
    click.echo(builder.summary())
    if builder.counts["failed"]:
        raise SystemExit(1)
