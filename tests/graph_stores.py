"""pytest fixtures for the graph tests: a real Oxigraph server on a free loopback port and a
``store`` fixture that runs a test on the embedded store and on that server. Load it with
``pytest_plugins = ["graph_stores"]``."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from graph_fixtures import clear_server, free_port

from civickg.store import EmbeddedStore, GraphStore, RemoteStore


@contextmanager
def running_oxigraph(location: Path) -> Iterator[str]:
    """A real ``oxigraph serve`` over ``location`` on a free loopback port, union default graph
    on; its base URL while the block runs."""
    exe = shutil.which("oxigraph")
    if exe is None:
        pytest.skip("the `oxigraph` server binary is not installed (pip install oxigraph)")
    port = free_port()
    proc = subprocess.Popen(
        [exe, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}",
         "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                if httpx.get(f"{url}/query", params={"query": "ASK {}"}).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.05)
        else:
            pytest.fail(f"oxigraph server did not start: {proc.stderr.read().decode()[:500]}")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One Oxigraph server for the session (tests clear it before use)."""
    with running_oxigraph(tmp_path_factory.mktemp("oxigraph")) as url:
        yield url


@pytest.fixture(params=["embedded", "server"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """The same tests on the embedded on-disk store and on a real Oxigraph server."""
    if request.param == "embedded":
        s: GraphStore = EmbeddedStore(tmp_path / "store")
    else:
        url = request.getfixturevalue("oxigraph_server")
        clear_server(url)
        s = RemoteStore(url)
    try:
        yield s
    finally:
        s.close()
