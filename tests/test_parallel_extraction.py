"""Extraction on worker processes gives what one process gives, batch after batch."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path
from typing import Iterator

import pytest

from sitroom import Document, Pipeline, Settings, parallel
from sitroom.parallel import ParallelExtractor, extract_documents
from sitroom.store import open_store

REPORTS = [
    "Police fired tear gas at hundreds of protesters in Nairobi on Tuesday, witnesses said.",
    "Gunmen killed three villagers near Maiduguri on Sunday, a local official said.",
    "The European Union imposed new sanctions on Belarus on Monday.",
    "Russian forces shelled Kharkiv overnight, killing two civilians, the governor said.",
    "Protesters marched peacefully through Santiago on Friday to demand higher pensions.",
    "Troops clashed with rebels near Goma, the army said on Wednesday.",
]


TOWNS = ["Kismayo", "Baidoa", "Beledweyne", "Garowe", "Jowhar", "Marka", "Afgooye", "Galkayo"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _docs(prefix: str, n: int) -> list[Document]:
    """Distinct reports: a varied local incident, then one of the REPORTS."""
    return [Document(id=f"{prefix}-{i}", text=(
        f"Militants ambushed a patrol near {TOWNS[i % len(TOWNS)]} on {DAYS[i % len(DAYS)]}, "
        f"killing {i + 2} soldiers. {REPORTS[i % len(REPORTS)]}")) for i in range(n)]


def _events(doc: Document) -> list[tuple]:
    return [(e.event_type, e.acled_sub_event_type, e.actor1, e.actor2, e.location, e.fatalities)
            for e in doc.events]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def test_parallel_batches_match_single_process_in_input_order(pipeline: Pipeline) -> None:
    batches = [_docs("a", 13), [], _docs("b", 7)]
    serial = [pipeline(d) for batch in batches for d in batch]
    with ParallelExtractor(pipeline, jobs=2) as extractor:
        pending = [extractor.submit(batch) for batch in batches]  # all in flight at once
        results = [r for it in pending for r in it]
    assert [r.id for r in results] == [d.id for d in serial]
    assert [_events(r) for r in results] == [_events(d) for d in serial]
    assert any(r.events for r in results)


@pytest.mark.parametrize("jobs", [1, 2])
def test_parallel_extract_documents_reports_failures_and_goes_on(jobs: int) -> None:
    pipe = Pipeline()
    bad = Document(id="bad", text="Gunmen attacked a convoy.")
    object.__setattr__(bad, "text", None)  # a document no stage can read
    docs = [*_docs("c", 3), bad, *_docs("d", 2)]
    results = list(extract_documents(docs, jobs=jobs, pipeline=pipe))
    assert [r.id if isinstance(r, Document) else r[0] for r in results] == [d.id for d in docs]
    failed = [r for r in results if not isinstance(r, Document)]
    assert len(failed) == 1 and failed[0][0] == "bad" and "extraction failed" in failed[0][1]


def test_parallel_ingest_over_many_batches_stores_every_document(tmp_path: Path,
                                                                  pipeline: Pipeline) -> None:
    docs = _docs("e", 25)
    with open_store(tmp_path / "s.duckdb") as store:
        report = store.ingest(docs, pipeline, jobs=2, batch_size=4)
        assert report.extracted == 25 and report.rejected == 0
        stored = {d["id"]: d for d in store.documents()}
        assert set(stored) == {d.id for d in docs}
        assert sum(d["n_events"] for d in stored.values()) == report.events > 0
        again = store.ingest(docs, pipeline, jobs=2, batch_size=4)
        assert again.already_stored == 25 and again.extracted == 0


@pytest.mark.parametrize("jobs", [1, 2])
def test_parallel_events_only_keeps_events_and_drops_working_fields(jobs: int,
                                                                     pipeline: Pipeline) -> None:
    docs = _docs("f", 5)
    full = [pipeline(d) for d in docs]
    with ParallelExtractor(pipeline, jobs=jobs, events_only=True) as extractor:
        slim = list(extractor.submit(docs))
    assert [d.events for d in slim] == [d.events for d in full]
    assert all(d.places == () and d.actors == () and d.sentences == () for d in slim)
    assert any(d.places for d in full)  # the full result does carry them


def test_parallel_prepare_builds_lazy_scanners_before_fork_without_changing_output() -> None:
    cold, prepared = Pipeline(), Pipeline()
    prepared.prepare()
    cues = next(s for s in prepared.stages if s.name == "events.rules").extractor.lex.cues
    namers = cues._named
    # (the cue scanner names its matches afterwards; the phrases that name them compile
    # on first use, a few per new phrase found: prepare has none to build)
    assert namers is not None
    docs = _docs("p", 8)
    assert [_events(prepared(d)) for d in docs] == [_events(cold(d)) for d in docs]


@pytest.mark.parametrize("n_docs,chars,jobs,expected", [
    (2000, 400, 2, 60),     # short notes: 24,000 characters of them per task
    (2000, 100, 2, 64),     # very short ones: at most CHUNK_SIZE
    (2000, 4000, 2, 6),     # news articles: six per task, so the last tasks are short
    (2000, 60_000, 2, 1),   # long reports: one each
    (40, 400, 2, 5),        # a small batch: at least four tasks per worker
    (3, 400, 2, 1),
])
def test_parallel_tasks_sized_by_text(n_docs: int, chars: int, jobs: int, expected: int) -> None:
    from sitroom.parallel import _chunk_size

    docs = [Document(id=str(i), text="x" * chars) for i in range(n_docs)]
    assert _chunk_size(docs, jobs) == expected
    assert _chunk_size(iter(docs), jobs) == 64  # a stream of unknown length: CHUNK_SIZE


class _Node:
    """An object that can sit in a reference cycle and be watched through a weak reference."""

    def __init__(self) -> None:
        self.other: object = None


def _cycle() -> weakref.ref[_Node]:
    a, b = _Node(), _Node()
    a.other, b.other = b, a
    return weakref.ref(a)


@pytest.fixture
def worker_state(pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This process made a worker for the test's length (its collector state restored)."""
    monkeypatch.setattr(parallel._Worker, "pipeline", pipeline)
    monkeypatch.setattr(parallel._Worker, "documents_started", 0)
    was_enabled = gc.isenabled()
    try:
        yield
    finally:
        gc.enable() if was_enabled else gc.disable()


def test_parallel_worker_frees_cycles_between_documents_without_automatic_collection(
        worker_state: None) -> None:
    parallel._init_worker(Settings())
    assert not gc.isenabled()  # no pass in the middle of a document
    first, second = _docs("g", 2)
    lost = _cycle()
    assert parallel._run_one(first).events
    assert lost() is None  # freed before the first document
    lost = _cycle()
    parallel._run_one(second, events_only=True)
    assert lost() is None


def test_parallel_worker_full_pass_frees_cycles_that_were_promoted(
        worker_state: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "FULL_COLLECTION_EVERY", 3)
    parallel._init_worker(Settings())
    docs = _docs("h", 3)
    node = _Node()
    node.other = node
    parallel._run_one(docs[0])  # ``node`` is alive: promoted to the oldest generation
    watch = weakref.ref(node)
    del node
    parallel._run_one(docs[1])  # the young passes do not reach it ...
    assert watch() is not None
    parallel._run_one(docs[2])  # ... the third document's full pass does
    assert watch() is None
