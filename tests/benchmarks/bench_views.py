"""Benchmark of the HTML views: generation time and time to interactive in headless Chromium.

    python tests/benchmarks/bench_views.py [SIZES...] [--reps N]

For each size (default 500 5000 20000 nodes, about 1.8 edges per node, news-shaped) it times
``render_html`` (layout included) and then, per repetition, a fresh browser context opening the
file offline: time from navigation start to the first drawn frame (``ckg.firstDraw``, after
which the page answers input), and the page's ``load`` event. Medians are printed.
Not collected by pytest.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from civickg.views.render import render_html
from civickg.views.synthetic import synthetic_graph

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("sizes", nargs="*", type=int, default=[500, 5000, 20000])
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    out = Path(tempfile.mkdtemp(prefix="bench_views_"))
    print(f"{'nodes':>6} {'edges':>6} {'generate s':>10} {'MB':>5} {'interactive s':>13} "
          f"{'min-max':>11} {'load s':>7} {'search ms':>9}")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, args=ARGS)
        for n in args.sizes:
            g = synthetic_graph(n)
            t = time.perf_counter()
            html = render_html(g, size_by="degree")
            gen = time.perf_counter() - t
            path = out / f"view-{n}.html"
            path.write_text(html, encoding="utf-8")
            ready, loads, searches = [], [], []
            for _ in range(args.reps):
                ctx = browser.new_context(viewport={"width": 1280, "height": 900})
                page = ctx.new_page()
                page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:")
                           else r.abort())
                page.goto(f"file://{path}", timeout=300_000)
                page.wait_for_function("window.ckg && window.ckg.ready", timeout=300_000)
                ready.append(page.evaluate("ckg.firstDraw") / 1000)
                loads.append(page.evaluate(
                    "performance.getEntriesByType('navigation')[0].loadEventEnd") / 1000)
                searches.append(page.evaluate(
                    "(() => { const t = performance.now(); ckg.search('nguyen van hieu');"
                    " return performance.now() - t; })()"))
                ctx.close()
            print(f"{len(g.nodes):>6} {len(g.edges):>6} {gen:>10.2f} {len(html) / 1e6:>5.1f} "
                  f"{statistics.median(ready):>13.2f} {min(ready):>5.2f}-{max(ready):<5.2f} "
                  f"{statistics.median(loads):>7.2f} {statistics.median(searches):>9.1f}",
                  flush=True)
        browser.close()


if __name__ == "__main__":
    main()
