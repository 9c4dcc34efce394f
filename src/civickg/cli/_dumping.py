"""``civickg export --gzip``: compressed output, streamed for N-Quads."""

from __future__ import annotations

import gzip
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Any


def write_gzip(store: Any, fmt: str, output: str | None) -> None:
    from civickg.store import export
    from civickg.store.dump import dump_nquads

    with ExitStack() as stack:
        target = stack.enter_context(Path(output).open("wb")) if output else sys.stdout.buffer
        with gzip.GzipFile(fileobj=target, mode="wb", compresslevel=6) as out:
            if fmt == "nquads":
                dump_nquads(store, out)
            else:
                out.write(export(store, fmt))
