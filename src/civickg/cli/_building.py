"""The build loop now lives in the build stage, ``civickg.build``; kept for older imports."""

from __future__ import annotations

from civickg.build import FAILURES, Builder, StopBuild

__all__ = ["FAILURES", "Builder", "StopBuild"]
