"""Build hook: compile the extraction stages with mypyc where a C compiler is at hand.

mypyc compiles the same Python source into C extensions, using its type annotations: classes
become native classes (attributes in C structs, methods called directly), and values of
annotated types are checked where they enter compiled code. The package passes mypy, which
mypyc needs. Compiled so, `bench/bench_extract.py --articles 2000` does 11% fewer
instructions and 13-22% fewer cycles than with the same modules compiled by Cython as plain
Python (alternated runs on the same interpreter). Every extension is optional: with no
compiler, or with SITROOM_PURE_PYTHON=1 in the environment, the package installs as plain
Python and works the same, only slower.
"""
from __future__ import annotations

import os
import sys

from setuptools import setup

# The modules the extraction pipeline spends its time in (measured with perf on the full
# default pipeline). The CLI, ingestion, storage and data-building code gain nothing; the
# record model and the pipeline runner stay plain Python (the records' construction assigns
# ``__class__``, which native classes do not allow; the runner's resources are
# ``cached_property``s, which a native class recomputes on every read).
COMPILED_MODULES = (
    "sitroom.actors.lexicon",
    "sitroom.actors.matcher",
    "sitroom.events.extract",
    "sitroom.events.lexicon",
    "sitroom.events.matcher",
    "sitroom.events.roles",
    "sitroom.geo.gazetteer",
    "sitroom.geo.locate",
    "sitroom.geo.recognize",
    "sitroom.pipeline.actor_names",
    "sitroom.pipeline.actors",
    "sitroom.pipeline.attribution",
    "sitroom.pipeline.dates",
    "sitroom.pipeline.events",
    "sitroom.pipeline.facets",
    "sitroom.pipeline.places",
    "sitroom.pipeline.quantities",
    "sitroom.pipeline.sentences",
    "sitroom.pipeline.wordscan",
)

# mypyc's optimisation level, passed to the C compiler as -O<level>. 1 builds in about half
# the time of 3; the generated code spends its time in calls into the interpreter's C API.
OPT_LEVEL = "1"


def _keep_cpythons_lower() -> None:
    """mypyc compiles ``str.lower()`` to a C function of its own, which lowers a capital
    sigma at the end of a word to σ where CPython gives ς (Unicode's one case mapping that
    depends on the letters around). Without that primitive, compiled code calls CPython's
    ``str.lower``, and the compiled build lowers texts exactly as the source does."""
    from mypyc.primitives import registry

    ops = registry.method_call_ops.get("lower", [])
    registry.method_call_ops["lower"] = [op for op in ops if op.c_function_name != "CPyStr_Lower"]


def _extensions() -> list:
    if os.environ.get("SITROOM_PURE_PYTHON"):
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        return []
    paths = ["src/" + name.replace(".", "/") + ".py" for name in COMPILED_MODULES]
    # The build's own environment holds no runtime dependencies (numpy, duckdb, ...): mypyc
    # types what they return as Any, as the code does not lean on their types.
    # separate: one extension per module, so that the C compiler runs on every core
    try:
        _keep_cpythons_lower()
        built = mypycify(["--ignore-missing-imports", *paths], opt_level=OPT_LEVEL, separate=True)
    except (SystemExit, Exception) as exc:  # e.g. a newer mypy: new type errors, new internals
        print(f"setup.py: not compiling ({exc!r}); sitroom installs as plain Python",
              file=sys.stderr)
        return []
    for ext in built:
        ext.optional = True  # no C compiler: the package stays plain Python
    return built


setup(ext_modules=_extensions(), options={"build_ext": {"parallel": os.cpu_count() or 1}})
