"""Shared fixtures. The evaluation kit in ../shared is optional: tests that need it skip."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "eval" / "score.py").exists():
        pytest.skip("../shared evaluation kit not present")
    return SHARED


@pytest.fixture(scope="session")
def pipeline():
    from sitroom import Pipeline

    return Pipeline()
