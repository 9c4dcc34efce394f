"""``civickg export``: the whole graph in one RDF format."""

from __future__ import annotations

import click

from civickg.cli._graph import open_graph_store, store_options


@click.command(name="export")
@click.option("--format", "fmt", type=click.Choice(["turtle", "trig", "nquads", "jsonld"]),
              default="trig", show_default=True,
              help="trig, nquads and jsonld keep one graph per article; turtle is their union.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File [default: stdout].")
@click.option("--gzip", "gz", is_flag=True,
              help="Compress with gzip. With --format nquads the dump is streamed (unsorted, "
                   "memory flat): the form bulk loaders of Virtuoso, Fuseki, QLever and GraphDB take.")
@store_options
def command(fmt: str, output: str | None, gz: bool, store_dir: str | None, endpoint: str | None,
            gsp: str | None) -> None:
    """Export the graph."""
    import sys
    from pathlib import Path

    from civickg.store import export

    store = open_graph_store(store_dir, endpoint, gsp)
    if gz:
        from civickg.cli._dumping import write_gzip

        try:
            return write_gzip(store, fmt, output)
        finally:
            store.close()
    try:
        data = export(store, fmt)
    finally:
        store.close()
    if output:
        Path(output).write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
