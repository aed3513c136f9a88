"""Shared fixtures. The evaluation kit in ../shared is optional: tests that need it skip."""

from __future__ import annotations

from datetime import date
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


@pytest.fixture(scope="session")
def facet_event():
    """Runs the stages the facets read, then the facets stage, on one hand-made event whose
    trigger is the ``occurrence``-th ``trigger`` of ``text``; returns the faceted event."""
    from sitroom.config import Settings
    from sitroom.model import Document, Event, Mention
    from sitroom.pipeline.attribution import AttributionStage
    from sitroom.pipeline.base import Resources
    from sitroom.pipeline.dates import DateStage
    from sitroom.pipeline.facets import FacetStage
    from sitroom.pipeline.quantities import QuantityStage
    from sitroom.pipeline.sentences import SentenceStage

    resources = Resources(Settings())
    stages = [cls(Settings(), resources) for cls in
              (SentenceStage, DateStage, QuantityStage, AttributionStage)]
    facets = FacetStage(Settings(), resources)

    def _run(text: str, trigger: str, event_type: str = "ASSAULT", sub: str | None = None,
             published: date | None = None, occurrence: int = 0) -> Event:
        doc = Document(id="t", text=text, published=published)
        for stage in stages:
            doc = stage(doc)
        pos = -1
        for _ in range(occurrence + 1):
            pos = text.index(trigger, pos + 1)
        sent = next(s for s in doc.sentences if s.start <= pos < s.end)
        event = Event(doc_id="t", event_type=event_type, acled_sub_event_type=sub,
                      evidence=Mention(sent.start, sent.end, sent.text, "EVIDENCE"),
                      trigger=Mention(pos, pos + len(trigger), trigger, "TRIGGER"),
                      confidence=0.8)
        (out,) = facets(Document(id="t", text=text, published=published, sentences=doc.sentences,
                                 dates=doc.dates, quantities=doc.quantities,
                                 attributions=doc.attributions, events=(event,))).events
        return out
    return _run
