"""Build hook: compile the extraction stages with Cython where a C compiler is at hand.

The compiled modules are the same Python source (Cython's pure-Python mode; annotations are
not turned into C types, so behaviour is identical) and run the pipeline ~15% faster. Every
extension is optional: with no compiler, or with SITROOM_PURE_PYTHON=1 in the environment,
the package installs as plain Python and works the same, only slower.
"""
from __future__ import annotations

import os

from setuptools import Extension, setup

# The modules the extraction pipeline spends its time in (measured with py-spy on the full
# default pipeline); the CLI, ingestion, storage and data-building code gain nothing.
COMPILED_MODULES = (
    "sitroom.model",
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
    "sitroom.pipeline.base",
    "sitroom.pipeline.dates",
    "sitroom.pipeline.events",
    "sitroom.pipeline.facets",
    "sitroom.pipeline.places",
    "sitroom.pipeline.quantities",
    "sitroom.pipeline.sentences",
    "sitroom.pipeline.wordscan",
)

# gcc -O1 builds the generated C in half the time of the default -O2 and runs the pipeline
# as fast: the work is in calls into the interpreter's C API, which no flag speeds up.
C_OPTIMISATION = "-O1"

CYTHON_DIRECTIVES = {
    "language_level": 3,
    # keep Python semantics: an `int` annotation must not become a C integer
    "annotation_typing": False,
    "binding": True,
}


def _extensions() -> list[Extension]:
    if os.environ.get("SITROOM_PURE_PYTHON"):
        return []
    try:
        from Cython.Build import cythonize
    except ImportError:
        return []
    modules = [Extension(name, ["src/" + name.replace(".", "/") + ".py"], optional=True,
                         extra_compile_args=[C_OPTIMISATION])
               for name in COMPILED_MODULES]
    built = cythonize(modules, compiler_directives=CYTHON_DIRECTIVES, build_dir="build/cython",
                      nthreads=os.cpu_count() or 1, quiet=True)
    for ext in built:
        ext.optional = True  # a failed compile leaves that module in plain Python
    return built


setup(ext_modules=_extensions(), options={"build_ext": {"parallel": os.cpu_count() or 1}})
