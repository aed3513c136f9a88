"""Run the pipeline over many documents, on several processes when asked.

Each worker process builds its own Pipeline from the same Settings (lexicons and the
gazetteer are loaded once per worker). Results come back in input order.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
from typing import Iterable, Iterator

from .config import Settings
from .model import Document
from .pipeline import Pipeline

__all__ = ["extract_documents", "default_jobs"]

log = logging.getLogger("sitroom.parallel")

# Documents sent to a worker at a time: large enough to amortise pickling, small enough
# to keep the progress bar moving and memory flat (chosen by timing 16/64/256 on the
# ACLED notes: 64 was within 2% of the best).
CHUNK_SIZE = 64


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


class _Worker:
    pipeline: Pipeline | None = None


def _init_worker(settings: Settings) -> None:
    if _Worker.pipeline is None:  # spawn start method: nothing inherited
        _Worker.pipeline = Pipeline(settings)


def _run_one(doc: Document) -> Document | tuple[str, str]:
    assert _Worker.pipeline is not None
    try:
        return _Worker.pipeline(doc)
    except Exception as exc:  # noqa: BLE001 - a bad document must not stop the run
        log.exception("extraction failed for %s", doc.id)
        return (doc.id, f"extraction failed: {type(exc).__name__}: {exc}")


def _warm(pipe: Pipeline) -> Pipeline:
    """Load every resource now: a broken lexicon fails here, in the parent, instead of
    in workers that a pool would respawn forever; and forked workers share the loaded
    data copy-on-write instead of each loading its own."""
    pipe(Document(id="warm-up", text="Soldiers clashed with rebels near Goma on Monday."))
    return pipe


def extract_documents(docs: Iterable[Document], settings: Settings | None = None,
                      jobs: int = 1, pipeline: Pipeline | None = None
                      ) -> Iterator[Document | tuple[str, str]]:
    """Yield each document with its extractions, or ``(doc_id, reason)`` on failure."""
    settings = settings or (pipeline.settings if pipeline else Settings())
    pipe = pipeline or Pipeline(settings)
    if jobs <= 1:
        for doc in docs:
            try:
                yield pipe(doc)
            except Exception as exc:  # noqa: BLE001
                log.exception("extraction failed for %s", doc.id)
                yield (doc.id, f"extraction failed: {type(exc).__name__}: {exc}")
        return
    methods = mp.get_all_start_methods()
    ctx = mp.get_context("fork" if "fork" in methods else "spawn")
    if ctx.get_start_method() == "fork":
        _Worker.pipeline = _warm(pipe)
    else:
        _warm(pipe)
    try:
        with ctx.Pool(jobs, initializer=_init_worker, initargs=(settings,)) as pool:
            yield from pool.imap(_run_one, docs, chunksize=CHUNK_SIZE)
    finally:
        _Worker.pipeline = None
