"""Real headless Chromium (Debian's) driven by Playwright; the tests skip without it."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Page:
    """A page that records every request and console message, and blocks anything that is
    not a file: URL (so an escaping request fails fast and is still recorded)."""

    def __init__(self, browser: Any, bypass_csp: bool = False) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900},
                                           bypass_csp=bypass_csp)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.console: list[tuple[str, str]] = []
        self.page.on("console", lambda m: self.console.append((m.type, m.text)))
        self.page.on("pageerror", lambda e: self.console.append(("pageerror", str(e))))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.route("**/*", self._route)

    def _route(self, route: Any) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            route.abort()

    def open(self, path: Any) -> Any:
        self.page.goto(f"file://{path}")
        self.wait("window.ckg && window.ckg.ready", timeout=60)
        return self.page

    def wait(self, expression: str, timeout: float = 10) -> Any:
        """Poll ``expression`` from outside the page: Playwright's own ``wait_for_function``
        polls with eval inside the page, which the page's CSP (rightly) refuses."""
        end = time.monotonic() + timeout
        while True:
            value = self.page.evaluate(expression)
            if value or time.monotonic() > end:
                assert value, f"timed out waiting for {expression}"
                return value
            time.sleep(0.05)

    def errors(self) -> list[tuple[str, str]]:
        return [m for m in self.console if m[0] in ("error", "pageerror")]


@pytest.fixture
def page(browser: Any) -> Iterator[Page]:
    p = Page(browser)
    yield p
    p.context.close()


@pytest.fixture
def page_without_csp(browser: Any) -> Iterator[Page]:
    """The page's Content-Security-Policy ignored: escaping alone must keep it safe."""
    p = Page(browser, bypass_csp=True)
    yield p
    p.context.close()
