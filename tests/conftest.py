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


@pytest.fixture(scope="session")
def gazetteer():
    """The compiled gazetteer, built once per test session in the default cache dir."""
    from sitroom.config import default_cache_dir
    from sitroom.geo import load_gazetteer

    return load_gazetteer(default_cache_dir())


@pytest.fixture(scope="session")
def geoparser(gazetteer):
    from sitroom.geo import Geoparser

    return Geoparser(gazetteer)
