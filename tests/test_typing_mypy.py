"""The package ships ``py.typed``: code that calls sitroom is type-checked against its
annotations, so they must hold. mypy (a test extra) checks the whole package with the
settings in ``pyproject.toml``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_typing_package_passes_mypy():
    # (mypy keeps its cache in .mypy_cache: a second run takes seconds)
    done = subprocess.run([sys.executable, "-m", "mypy", "--no-error-summary"],
                          cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
