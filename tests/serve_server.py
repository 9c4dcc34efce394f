"""A real ``civickg serve`` in a subprocess on a free loopback port, over a store built by
``civickg build`` from the example articles plus one hostile article (``<script>`` in its
title and around a name). Load with ``pytest_plugins = ["serve_server"]``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from graph_fixtures import free_port

REPO = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-c", "from civickg.cli import main; main()"]
HOSTILE = """Hội nghị <script>alert("title")</script> tổng kết Nghị quyết số 07-NQ/TU
10:00 - 20/04/2024

(HG) - Sáng 20-4, Tỉnh ủy Hậu Giang tổ chức Hội nghị tổng kết Nghị quyết số 07-NQ/TU về \
chuyển đổi số. Đồng chí Nghiêm Xuân Thành, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy \
<img src=x onerror=alert(2)> chủ trì \
hội nghị. Cùng dự có đồng chí Trần Văn Huyến</script><script>alert(3)</script>, Phó Bí thư Tỉnh ủy.

Tin: "><svg onload=alert(4)>
"""
TOKEN = "test-token-5b7c"
CORS_ORIGIN = "https://yasgui.example"


@dataclass
class Server:
    url: str
    proc: subprocess.Popen[bytes]
    store: Path | None  # None: the server proxies a remote endpoint
    token: str | None = None

    def log(self) -> str:
        return (self.proc.stderr.read().decode() if self.proc.stderr else "")[-2000:]


def build_store(dest: Path) -> Path:
    articles = dest / "articles"
    shutil.copytree(REPO / "examples" / "articles", articles)
    (articles / "2024-04-20-hostile.txt").write_text(HOSTILE, encoding="utf-8")
    store = dest / "store"
    subprocess.run([*CLI, "build", str(articles), "--store", str(store)], check=True,
                   capture_output=True, cwd=dest)
    return store


def start(store: Path | None, *args: str, env: dict[str, str] | None = None) -> Server:
    """``civickg serve`` over ``store``, or (``store`` None) over what ``args`` name
    (``--endpoint URL``)."""
    port = free_port()
    where = ["--store", str(store)] if store is not None else []
    proc = subprocess.Popen([*CLI, "serve", *where, "--port", str(port),
                             "--log-level", "warning", *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, **(env or {})})
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"civickg serve exited: {proc.stderr.read().decode()[-2000:]}")
        try:
            if httpx.get(f"{url}/sparql", params={"query": "ASK {}"}).status_code == 200:
                return Server(url, proc, store)
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    pytest.fail("civickg serve did not start within 60 s")


def stop(server: Server) -> None:
    server.proc.terminate()
    try:
        server.proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.proc.kill()
        server.proc.wait()


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("serve"))


@pytest.fixture(scope="session")
def server(built_store: Path) -> Iterator[Server]:
    """Read-only, 3 s time limit, 200 kB answers at most."""
    s = start(built_store, "--timeout", "3", "--max-result-mb", "0.2", "--workers", "2")
    yield s
    stop(s)


@pytest.fixture(scope="session")
def writable_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """--allow-update with a token, over its own store; no CORS."""
    store = build_store(tmp_path_factory.mktemp("serve-rw"))
    s = start(store, "--allow-update", "--workers", "2", "--no-cors", env={"CIVICKG_TOKEN": TOKEN})
    s.token = TOKEN
    yield s
    stop(s)


@pytest.fixture(scope="session")
def open_server(built_store: Path) -> Iterator[Server]:
    """The non-default read settings: SERVICE allowed, CORS for one origin only, one worker."""
    s = start(built_store, "--allow-service", "--cors-origin", CORS_ORIGIN, "--workers", "1")
    yield s
    stop(s)
