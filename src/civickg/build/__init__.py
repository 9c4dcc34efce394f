"""The build stage: article files in, one named graph per article in the store.

    inputs  → read the inputs in order; with ``incremental``, files whose bytes hash to what
              the store holds are skipped unparsed (``civickg.build.inputs``)
    workers → extract and map, in this process or in N worker processes, a bounded window
              ahead of the writer, input order kept (``civickg.build.workers``)
    writer  → the only writer of the store: new articles are gathered into batches stored in
              one atomic step each, changed ones replace their graph in one transaction
              (``civickg.build.writer``)

``Builder`` runs the three and counts what happened; ``build`` is the typed entry point
``civickg build`` and the benchmarks use."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from civickg.build.builder import FAILURES, Builder, StopBuild

__all__ = ["FAILURES", "BuildOptions", "Builder", "StopBuild", "build"]


@dataclass(frozen=True, slots=True)
class BuildOptions:
    jobs: int = 1  # worker processes for extraction and mapping (1: in this process)
    incremental: bool = False  # skip articles whose content hash is stored
    prune: bool = False  # retract stored articles that none of the inputs holds
    strict: bool = False  # stop at the first failure
    validate: bool = False  # keep graphs that violate the shapes out
    progress: bool = False  # draw a progress bar on standard error


def build(paths: Sequence[str], store: Any, options: BuildOptions = BuildOptions()) -> Builder:
    """Build ``paths`` into ``store`` (a ``GraphStore``); the returned builder has the counts
    (``counts``, ``failures``) and the one-line ``summary()``."""
    builder = Builder(store, strict=options.strict, incremental=options.incremental,
                      validate=options.validate)
    builder.run(paths, jobs=options.jobs, prune=options.prune, progress=options.progress)
    return builder
