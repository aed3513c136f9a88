"""Which of sitroom's modules run compiled, and a switch to run them all from source.

An install with a C compiler builds the extraction modules with mypyc (see ``setup.py``):
the same source, compiled, next to the ``.py`` files (each module a small extension that
loads its code from a companion ``<module>__mypyc`` extension). Python imports the compiled
file first, so after an edit to a ``.py`` file of an editable install the compiled one would
still run: ``stale_modules`` finds those, and the pipeline logs a warning naming them.

``SITROOM_PURE_PYTHON=1`` in the environment makes ``import sitroom`` load every sitroom
module from its source instead (for a debugger, a profiler, or an edit not yet rebuilt);
the same variable at install time skips the compilation.

Standard library only: this module runs before any other sitroom module is imported.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

__all__ = ["PURE_PYTHON_ENV", "compiled_modules", "loaded_compiled", "prefer_source",
           "stale_modules"]

PURE_PYTHON_ENV = "SITROOM_PURE_PYTHON"
# mypyc's companion extension of a compiled module ``m`` is ``m__mypyc``: no module of ours
MYPYC_SUFFIX = "__mypyc"
# A source counts as edited after its build only when this much newer: an install writes
# both files within moments of each other, in whatever order its archive holds them.
STALE_AFTER_SECONDS = 10.0
_PACKAGE_DIR = Path(__file__).resolve().parent


def compiled_modules(package_dir: Path = _PACKAGE_DIR) -> dict[str, Path]:
    """Module name -> compiled file, for every compiled module on disk beside its source."""
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    found: dict[str, Path] = {}
    for path in package_dir.rglob("*"):
        suffix = next((x for x in suffixes if path.name.endswith(x)), None)
        if suffix is None:
            continue
        source = path.with_name(path.name[:-len(suffix)] + ".py")
        if source.is_file():
            found[_module_name(source, package_dir)] = path
    return found


def stale_modules(package_dir: Path = _PACKAGE_DIR) -> list[str]:
    """Compiled modules whose source was changed after they were built."""
    stale = []
    for name, path in sorted(compiled_modules(package_dir).items()):
        source = path.with_name(name.rpartition(".")[2] + ".py")
        if source.stat().st_mtime > path.stat().st_mtime + STALE_AFTER_SECONDS:
            stale.append(name)
    return stale


def loaded_compiled() -> list[str]:
    """The sitroom modules imported so far that run compiled."""
    return sorted(name for name, module in list(sys.modules.items())
                  if name.startswith("sitroom.") and not name.endswith(MYPYC_SUFFIX)
                  and _is_compiled(module))


def _is_compiled(module: ModuleType) -> bool:
    return isinstance(getattr(module, "__loader__", None),
                      importlib.machinery.ExtensionFileLoader)


def _module_name(source: Path, package_dir: Path) -> str:
    parts = source.relative_to(package_dir.parent).with_suffix("").parts
    return ".".join(parts)


class _SourceFirst(importlib.abc.MetaPathFinder):
    """Finds sitroom's modules as ``.py`` source even where a compiled file sits beside."""

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        if not fullname.startswith("sitroom.") or path is None:
            return None
        leaf = fullname.rpartition(".")[2]
        for entry in path:
            source = os.path.join(entry, leaf + ".py")
            if os.path.isfile(source):
                return importlib.util.spec_from_file_location(fullname, source)
        return None  # a package, or not ours: the usual finders decide


def prefer_source() -> None:
    """Import sitroom's modules from source from now on (modules already loaded stay)."""
    if not any(isinstance(f, _SourceFirst) for f in sys.meta_path):
        sys.meta_path.insert(0, _SourceFirst())
