"""Compiles the extraction stage and the mapping's core with mypyc (about twice as fast) where it can.

The modules stay plain, type-checked Python: without a C compiler, with
``CIVICKG_PURE_PYTHON=1`` or in an editable install (``pip install -e .``, where an edited
``.py`` must take effect at once), civickg installs and runs as pure Python. A compiled module
that fails to build is skipped (``optional``), never an install error.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from setuptools import setup

# the hot path of `civickg extract` and `civickg build`: every module whose time per article counts
COMPILED = [
    "src/civickg/normalize.py",
    "src/civickg/pipeline.py",
    "src/civickg/mapping/graph.py",
    "src/civickg/mapping/context.py",
    *sorted(str(p) for p in Path("src/civickg/extract").glob("*.py") if p.name != "__init__.py"),
]


def _compiled_extensions() -> list:
    if os.environ.get("CIVICKG_PURE_PYTHON") or "editable_wheel" in sys.argv:
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:  # built without the build requirements (--no-build-isolation)
        return []
    try:
        extensions = mypycify(["--ignore-missing-imports", "--follow-imports=silent", *COMPILED], opt_level="3")
    except (Exception, SystemExit) as e:  # a type error mypyc refuses: install the pure-Python modules
        print(f"civickg: not compiled ({e!r}); the extractor runs as pure Python", file=sys.stderr)
        return []
    for ext in extensions:
        ext.optional = True  # no compiler: the pure-Python module is used
    return extensions


setup(ext_modules=_compiled_extensions())
