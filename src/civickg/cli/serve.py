"""``civickg serve``: share the graph over HTTP (SPARQL endpoint, entity pages, views)."""

from __future__ import annotations

import click

from civickg.cli._graph import store_options


@click.command(name="serve")
@store_options
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on (0.0.0.0 to share beyond this machine).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--base", metavar="IRI",
              help="IRIs under this base are served at /id/... [default: the data base of the ontology].")
@click.option("--timeout", type=click.FloatRange(0.1), default=30.0, show_default=True,
              help="Seconds a query may take (a longer one is stopped: 503).")
@click.option("--view-timeout", type=click.FloatRange(0.1), default=120.0, show_default=True,
              help="Seconds an HTML view may take to build.")
@click.option("--max-result-mb", type=click.FloatRange(0.001), default=50.0, show_default=True,
              help="Largest answer (a larger one is refused: 422).")
@click.option("--cache-mb", type=click.FloatRange(0), default=64.0, show_default=True,
              help="Memory for answers of repeated queries (embedded store; cleared when it changes; 0: off).")
@click.option("--workers", type=click.IntRange(1, 64),
              help="Query worker processes [default: number of CPUs, at least 2].")
@click.option("--memory-mb", type=click.IntRange(256), help="Address-space limit of each worker.")
@click.option("--allow-update", is_flag=True,
              help="Accept SPARQL Update and graph uploads with 'Authorization: Bearer $CIVICKG_TOKEN'.")
@click.option("--allow-service", is_flag=True,
              help="Allow federated SERVICE queries and LOAD (the server then fetches other URLs).")
@click.option("--refresh", type=click.FloatRange(0), default=2.0, show_default=True,
              help="Seconds between looks for a newer state of the store (a build's newest snapshot, or the "
                   "store once it changed); 0: serve the store as it was at start.")
@click.option("--cors-origin", "cors", multiple=True, metavar="ORIGIN",
              help="Origin (https://host[:port]) whose browser pages may query /sparql; repeatable "
                   "[default: any origin, '*'].")
@click.option("--no-cors", is_flag=True, help="No CORS headers: only the server's own pages may query /sparql.")
@click.option("--log-level", type=click.Choice(["critical", "error", "warning", "info", "debug"]),
              default="info", show_default=True)
def command(store_dir: str | None, endpoint: str | None, gsp: str | None, host: str, port: int,
            base: str | None, timeout: float, view_timeout: float, max_result_mb: float,
            cache_mb: float, workers: int | None, memory_mb: int | None, allow_update: bool, allow_service: bool,
            refresh: float, cors: tuple[str, ...], no_cors: bool, log_level: str) -> None:
    """Serve the graph: the SPARQL 1.1 Protocol at /sparql, a query page at /, a page per
    entity at /id/..., HTML views at /view. Read-only and time-limited unless told otherwise.

    An embedded store is read through snapshots, never directly: a build may write it while
    the server runs, and the server moves to the build's newest snapshot (whole articles only)."""
    import os
    import re
    from pathlib import Path
    from typing import Any

    import uvicorn

    from civickg.serve import ServeConfig, create_app
    from civickg.store import DEFAULT_LOCATION

    if store_dir and endpoint:
        raise click.UsageError("give --store or --endpoint, not both")
    from civickg.extensions import load

    load()  # an extension that cannot register fails here, not in a worker
    token = os.environ.get("CIVICKG_TOKEN") or None
    if allow_update and not token:
        raise click.UsageError("--allow-update needs a bearer token in the environment variable CIVICKG_TOKEN")
    store = None
    if endpoint:
        _check_endpoint(endpoint)
    else:
        path = Path(store_dir) if store_dir else DEFAULT_LOCATION
        if not path.is_dir():
            raise click.ClickException(f"no store at {path}; run `civickg build PATHS` first")
        store = str(path)
    if no_cors and cors:
        raise click.UsageError("give --cors-origin or --no-cors, not both")
    for origin in cors:
        if origin != "*" and not re.fullmatch(r"https?://[^/\s]+", origin):
            raise click.UsageError(f"--cors-origin {origin!r}: give scheme://host[:port], e.g. https://yasgui.org")
    kw: dict[str, Any] = {"workers": workers} if workers else {}
    kw["cors"] = () if no_cors else (cors or ("*",))
    cfg = ServeConfig(store=store, endpoint=endpoint, gsp=gsp, timeout=timeout, view_timeout=view_timeout,
                      max_bytes=int(max_result_mb * 1024 * 1024), memory_mb=memory_mb,
                      cache_bytes=int(cache_mb * 1024 * 1024),
                      allow_update=allow_update, allow_service=allow_service, token=token, refresh=refresh,
                      **kw)
    if base:
        cfg = ServeConfig(**{**cfg.__dict__, "base": base})
    where = endpoint or store
    click.echo(f"serving {where} at http://{host}:{port}/ (SPARQL: http://{host}:{port}/sparql)", err=True)
    uvicorn.run(create_app(cfg), host=host, port=port, log_level=log_level, server_header=False,
                timeout_graceful_shutdown=5)


def _check_endpoint(endpoint: str) -> None:
    """Refuse to start in front of an endpoint that does not answer a SPARQL query (a typo in
    the URL, a server not started): once serving, each request would fail with 502."""
    import httpx

    from civickg.store import RemoteStore

    try:
        with RemoteStore(endpoint, timeout=10) as remote:
            remote.query("ASK {}")
    except (httpx.HTTPError, RuntimeError, ValueError) as e:
        raise click.ClickException(f"the SPARQL endpoint {endpoint} does not answer a query: {e}") from None
