"""Run the pipeline over many documents, on several processes when asked.

A ``ParallelExtractor`` keeps one pool of worker processes for all the batches it is given:
workers are forked from a parent whose pipeline is already loaded, so they share its
lexicons and gazetteer copy-on-write (with the spawn start method each worker loads its
own). Batches are submitted without waiting, so the caller can read and store one batch
while the workers extract the next. Results come back in input order.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing as mp
import os
from functools import partial
from typing import Any, Iterable, Iterator, Union

from .config import Settings
from .model import Document, with_fields
from .pipeline import Pipeline

__all__ = ["extract_documents", "default_jobs", "ParallelExtractor", "ExtractionResult",
           "WORKING_FIELDS"]

log = logging.getLogger("sitroom.parallel")

# Documents sent to a worker at a time: large enough to amortise pickling, small enough
# to keep the progress bar moving and memory flat (chosen by timing 16/64/256 on the
# ACLED notes: 64 was within 2% of the best).
CHUNK_SIZE = 64
# Characters of text per task when the batch's documents are known: a task of 64 news
# articles (~4 KB each) takes a worker ~1 s, and when the input runs out one worker can
# idle that long while the other finishes its last task; ~24 KB of text (64 ACLED notes,
# six articles) keeps that tail short at the same cost per task.
CHUNK_CHARS = 24_000
# Documents whose length is averaged to size the tasks (a sample: batches can be long).
CHUNK_SAMPLE = 256
# A worker's cyclic garbage collector runs between documents, not whenever 700 container
# objects have been made: a document's records die by reference counting, and the
# automatic passes kept scanning the working set of the document in progress and the
# caches behind it: ~4% of a worker's time by gc callbacks over 600 news articles, ~0.8%
# collecting between documents (the bench's instructions fell ~1%; its cycles vary more
# between runs than that). A full pass every FULL_COLLECTION_EVERY documents (~60 ms over
# the workers' caches) frees any cycle that became garbage after the pass that promoted it.
FULL_COLLECTION_EVERY = 1000


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


class _Worker:
    pipeline: Pipeline | None = None
    documents_started = 0


def _init_worker(settings: Settings) -> None:
    if _Worker.pipeline is None:  # spawn start method: nothing inherited
        _Worker.pipeline = Pipeline(settings)
    gc.disable()  # the worker collects between documents (FULL_COLLECTION_EVERY)


def _collect_between_documents() -> None:
    """The young generations before each document; everything every
    FULL_COLLECTION_EVERY documents."""
    _Worker.documents_started += 1
    gc.collect(2 if _Worker.documents_started % FULL_COLLECTION_EVERY == 0 else 1)


# An extracted document, or (doc_id, reason) when its extraction failed.
ExtractionResult = Union[Document, tuple[str, str]]


def _extract_safely(pipe: Pipeline, doc: Document) -> ExtractionResult:
    try:
        return pipe(doc)
    except Exception as exc:  # noqa: BLE001 - a bad document must not stop the run
        log.exception("extraction failed for %s", doc.id)
        return (doc.id, f"extraction failed: {type(exc).__name__}: {exc}")


# Document fields that only carry the stages' working material: every event keeps its own
# actors, place, date, quantities and attributions. Dropping them before a result crosses
# the process boundary cuts its unpickling in the parent by ~5x (measured on 300 articles).
WORKING_FIELDS = ("sentences", "actors", "places", "dates", "quantities", "attributions")
_DROPPED: dict[str, Any] = {name: () for name in WORKING_FIELDS}


def _events_only(result: ExtractionResult) -> ExtractionResult:
    return with_fields(result, **_DROPPED) if isinstance(result, Document) else result


def _run_one(doc: Document, events_only: bool = False) -> ExtractionResult:
    assert _Worker.pipeline is not None
    _collect_between_documents()
    result = _extract_safely(_Worker.pipeline, doc)
    return _events_only(result) if events_only else result


def _warm(pipe: Pipeline) -> Pipeline:
    """Load every resource now: a broken lexicon fails here, in the parent, instead of
    in workers that a pool would respawn forever; and forked workers share the loaded
    data copy-on-write instead of each loading its own."""
    pipe(Document(id="warm-up", text="Soldiers clashed with rebels near Goma on Monday."))
    pipe.prepare()
    return pipe


class ParallelExtractor:
    """Extract batches of documents on ``jobs`` processes (in this process when ``jobs`` <= 1).

    Use as a context manager; the pool starts on the first non-empty batch and lives until
    the context exits::

        with ParallelExtractor(pipeline, jobs=2) as extractor:
            first = extractor.submit(batch1)   # workers start on batch1 ...
            second = extractor.submit(batch2)  # ... and go on with batch2 without a pause
            for result in first: ...
    """

    def __init__(self, pipeline: Pipeline | None = None, jobs: int = 1,
                 settings: Settings | None = None, *, events_only: bool = False) -> None:
        """``events_only``: results keep their events but not the document-level working
        fields (``WORKING_FIELDS``), for callers such as the store that only keep events."""
        self.pipeline = pipeline or Pipeline(settings or Settings())
        self.jobs = jobs
        self.events_only = events_only
        self._pool: Any = None

    def __enter__(self) -> ParallelExtractor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def submit(self, docs: Iterable[Document]) -> Iterator[ExtractionResult]:
        """Start extracting ``docs``; iterate the returned iterator for the results."""
        if self.jobs <= 1:
            return self._serial(docs)
        if isinstance(docs, (list, tuple)) and not docs:
            return iter(())
        pool = self._pool or self._start()
        task = partial(_run_one, events_only=self.events_only)
        return pool.imap(task, docs, chunksize=_chunk_size(docs, self.jobs))

    def _serial(self, docs: Iterable[Document]) -> Iterator[ExtractionResult]:
        for doc in docs:
            result = _extract_safely(self.pipeline, doc)
            yield _events_only(result) if self.events_only else result

    def _start(self) -> Any:
        methods = mp.get_all_start_methods()
        ctx = mp.get_context("fork" if "fork" in methods else "spawn")
        _warm(self.pipeline)
        forked = ctx.get_start_method() == "fork"
        if forked:
            _Worker.pipeline = self.pipeline
            # The loaded pipeline lives as long as the workers: the collector need not
            # scan it again in each of them (which also writes to, and so copies, pages
            # they would otherwise share with this process).
            gc.freeze()
        try:
            self._pool = ctx.Pool(self.jobs, initializer=_init_worker,
                                  initargs=(self.pipeline.settings,))
        finally:
            if forked:  # the children have their copy; the parent keeps no global
                _Worker.pipeline = None
                gc.unfreeze()
        return self._pool


def _chunk_size(docs: Iterable[Document], jobs: int) -> int:
    """Documents per task: up to CHUNK_SIZE, or CHUNK_CHARS of text for a batch whose
    documents are known, and at least ~4 tasks per worker for a small batch, so that no
    worker idles long while another finishes a large last task."""
    if not isinstance(docs, (list, tuple)):
        return CHUNK_SIZE
    sample = docs[:CHUNK_SAMPLE]
    mean_chars = sum(len(d.text or "") for d in sample) / max(1, len(sample))
    by_text = int(CHUNK_CHARS // max(1.0, mean_chars))
    return max(1, min(CHUNK_SIZE, by_text, len(docs) // (jobs * 4)))


def extract_documents(docs: Iterable[Document], settings: Settings | None = None,
                      jobs: int = 1, pipeline: Pipeline | None = None, *,
                      events_only: bool = False) -> Iterator[ExtractionResult]:
    """Yield each document with its extractions, or ``(doc_id, reason)`` on failure.
    With ``events_only`` the documents keep their events but not ``WORKING_FIELDS``."""
    settings = settings or (pipeline.settings if pipeline else Settings())
    with ParallelExtractor(pipeline or Pipeline(settings), jobs,
                           events_only=events_only) as extractor:
        yield from extractor.submit(docs)
