"""``civickg load``: bulk-load an N-Quads file of article graphs into an empty embedded store."""

from __future__ import annotations

import click


@click.command(name="load")
@click.argument("source", type=click.Path(exists=True, dir_okay=False))
@click.option("--store", "store_dir", metavar="DIR", type=click.Path(file_okay=False),
              help="Embedded store directory [default: graphs/store]; it must hold no article.")
def command(source: str, store_dir: str | None) -> None:
    """Load SOURCE, an N-Quads file of article graphs (``civickg build --nquads``, ``civickg
    export --format nquads``; gzip if it ends in .gz), into an empty embedded store in one
    atomic bulk load: all of it or none.

    With ``civickg build CORPUS --nquads g.nq.gz`` it makes the store a build makes, in about
    the same time at 10^5 articles (docs/scale.md), from a file that can also go to a production
    store's bulk loader. Later builds (``--incremental``, ``--prune``) work on the result as on
    any store."""
    import time
    from pathlib import Path

    from civickg.store import DEFAULT_LOCATION, EmbeddedStore
    from civickg.store.embedded import StoreLocked

    target = Path(store_dir) if store_dir else DEFAULT_LOCATION
    start = time.perf_counter()
    try:
        store = EmbeddedStore(target, wait=30.0)
    except StoreLocked as e:
        raise click.ClickException(str(e)) from None
    try:
        articles = store.load_file(source)
    except ValueError as e:
        raise click.ClickException(str(e)) from None
    except SyntaxError as e:
        raise click.ClickException(f"{source}: not N-Quads ({e}); nothing was loaded") from None
    finally:
        store.close()
    click.echo(f"loaded {articles} articles from {source} into {target} in {time.perf_counter() - start:.1f} s")
