"""``civickg build``: read, extract, map and store articles."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from civickg.cli._graph import open_graph_store, store_options

if TYPE_CHECKING:
    from civickg.build import Builder, BuildOptions


@click.command(name="build")
@click.argument("paths", nargs=-1, required=True)
@store_options
@click.option("--strict", is_flag=True,
              help="Stop at the first article that fails (what is stored so far stays; exit 1).")
@click.option("--validate", is_flag=True,
              help="Check each article's graph against ontology/shapes.ttl; a graph that "
                   "violates them is not stored and counts as failed.")
@click.option("--incremental", is_flag=True,
              help="Skip articles whose content hash is already stored (text and HTML files "
                   "are recognised from their bytes, unparsed). Off by default: a rebuild "
                   "after the rules changed must re-extract unchanged articles.")
@click.option("--prune", is_flag=True,
              help="Retract stored articles that none of PATHS holds any more.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes for extraction and mapping (this process alone writes "
                   "the store; the result is the same for any N).")
@click.option("--trig", "trig_path", type=click.Path(dir_okay=False),
              help="Also write the whole graph as TriG here [default with the default store: "
                   "graphs/civickg.trig].")
@click.option("--views", "views_dir", type=click.Path(file_okay=False),
              help="Also write the HTML views (overview, a person, a resolution, a meeting) "
                   "here [default with the default store: graphs/].")
@click.option("--nquads", "nquads_path", type=click.Path(dir_okay=False),
              help="Write the graph to this N-Quads file (gzip if it ends in .gz) instead of a "
                   "store, for a production store's bulk loader: one graph per article plus the "
                   "entities graph, the quads a build into an empty store holds. Whole or absent "
                   "(written as FILE.partial, renamed at the end).")
def command(paths: tuple[str, ...], store_dir: str | None, endpoint: str | None,
            gsp: str | None, strict: bool, validate: bool, incremental: bool, prune: bool,
            jobs: int, trig_path: str | None, views_dir: str | None, nquads_path: str | None) -> None:
    """Build the graph from article files, directories or globs (``-`` for stdin).

    Each article becomes one named graph, replaced whole (one transaction) when rebuilt. One
    bad article never stops the build (unless --strict): each failure is reported on one line
    and counted by kind; the exit status is 1 if any failed. A duplicate (same text as an
    article read before, under another name) is reported and counted, not a failure."""
    import sys

    from civickg.build import BuildOptions

    options = BuildOptions(jobs=jobs, incremental=incremental, prune=prune, strict=strict,
                           validate=validate, progress=sys.stderr.isatty())
    if nquads_path:
        clash = [name for name, given in (("--store", store_dir), ("--endpoint", endpoint), ("--gsp", gsp),
                                          ("--incremental", incremental), ("--prune", prune),
                                          ("--trig", trig_path), ("--views", views_dir)) if given]
        if clash:
            raise click.UsageError(f"--nquads writes a new file, not a store: not with {', '.join(clash)}")
        builder = _build_nquads(paths, nquads_path, options)
    else:
        builder = _build_store(paths, store_dir, endpoint, gsp, options, trig_path, views_dir)
    click.echo(builder.summary())
    if prune:
        click.echo(f"retracted {builder.counts['retracted']} articles no input holds", err=True)
    if builder.counts["failed"]:
        raise SystemExit(1)


def _build_store(paths: tuple[str, ...], store_dir: str | None, endpoint: str | None, gsp: str | None,
                 options: BuildOptions, trig_path: str | None, views_dir: str | None) -> Builder:
    """Into the store the options name, then the TriG and the views (by default with the
    default store)."""
    from pathlib import Path

    from civickg.build import build

    default_store = not store_dir and not endpoint
    store = open_graph_store(store_dir, endpoint, gsp, must_exist=False)
    try:
        builder = build(paths, store, options)
        if trig_path or default_store:
            from civickg.store import export

            out = Path(trig_path or "graphs/civickg.trig")
            out.parent.mkdir(parents=True, exist_ok=True)
            tmp = out.with_name(out.name + ".tmp")  # a killed build leaves the old file whole
            tmp.write_bytes(export(store, "trig"))
            tmp.replace(out)
            click.echo(f"wrote {out}", err=True)
        if views_dir or default_store:
            from civickg.views import write_default_views

            for path in write_default_views(store, views_dir or "graphs"):
                click.echo(f"wrote {path}", err=True)
    finally:
        store.close()
    return builder


def _build_nquads(paths: tuple[str, ...], out: str, options: BuildOptions) -> Builder:
    from civickg.build import build
    from civickg.store.nquads import NQuadsFile

    sink = NQuadsFile(out)
    try:
        builder = build(paths, sink, options)
        sink.commit()  # also after failed articles or a --strict stop: what was built is whole
    finally:
        sink.close()  # not committed (an exception, Ctrl-C): no half file
    click.echo(f"wrote {out}", err=True)
    return builder
