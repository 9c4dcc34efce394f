"""Options shared by the commands that read or write the graph (not a command itself)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

F = Callable[..., Any]


def store_options(fn: F) -> F:
    fn = click.option("--gsp", metavar="URL",
                      help="Graph Store Protocol URL of the endpoint (default: <base>/store).")(fn)
    fn = click.option("--endpoint", metavar="URL",
                      help="Remote SPARQL 1.1 endpoint (query URL or base URL).")(fn)
    fn = click.option("--store", "store_dir", metavar="DIR", type=click.Path(file_okay=False),
                      help="Embedded store directory [default: graphs/store].")(fn)
    return fn


def open_graph_store(store_dir: str | None, endpoint: str | None, gsp: str | None,
                     must_exist: bool = True) -> Any:
    """Open the store the options name; for reading commands the embedded one must exist."""
    from pathlib import Path

    from civickg.store import DEFAULT_LOCATION, open_store

    if store_dir and endpoint:
        raise click.UsageError("give --store or --endpoint, not both")
    if not endpoint and must_exist:
        path = Path(store_dir) if store_dir else DEFAULT_LOCATION
        if not path.is_dir():
            raise click.ClickException(f"no store at {path}; run `civickg build PATHS` first")
    try:
        store = open_store(store_dir, endpoint, gsp, reading=must_exist)
    except OSError as e:
        raise click.ClickException(str(e)) from e
    if getattr(store, "snapshot", None) is not None:
        import time

        made = time.strftime("%H:%M:%S", time.localtime(store.snapshot.path.stat().st_mtime))
        click.echo(f"note: {store.path} is being written by another process (a build); "
                   f"reading its snapshot of {made}, which holds whole articles only", err=True)
    return store


def read_query(query_or_file: str) -> str:
    """A query given inline, as a file path, or as ``-`` for standard input."""
    import sys
    from pathlib import Path

    if query_or_file == "-":
        return sys.stdin.read()
    p = Path(query_or_file)
    if p.suffix in (".rq", ".sparql") or (len(query_or_file) < 512 and p.is_file()):
        if not p.is_file():
            raise click.ClickException(f"{p}: no such query file")
        return p.read_text(encoding="utf-8")
    return query_or_file
