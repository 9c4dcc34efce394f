"""The shared test helpers (``graph_fixtures``) live one directory up; make them importable
when this directory is run on its own."""

from __future__ import annotations

import sys
from pathlib import Path

TESTS = str(Path(__file__).resolve().parents[1])
if TESTS not in sys.path:
    sys.path.insert(0, TESTS)
