"""Quality gate on raw news: 200 hand-written wire-style paragraphs (tests/data/news_leads.jsonl).

The dev sets in ../shared are coder-written notes and curated sentences; the material
sitroom meets in use is raw news: datelines with agency credits, attributions before and
after the deed, quotes, background clauses, accidents and anniversaries that are no events.
These paragraphs were written by the team in that style (no article text copied) and
labelled with what a careful ACLED/PLOVER coder would record for the paragraph's main event
(the highest-confidence event): its PLOVER type, ACLED sub-event type, the countries of
doer and target, the deaths and the status. A paragraph that reports nothing expects no
event.

Floors are the accuracies measured when they were last raised, less NEWS_TOLERANCE. The
labels follow ACLED conventions where the paragraph's wording leaves a choice; a few of
them disagree with sitroom's reading on purpose (an unidentified attacker's country is
null in the labels, sitroom names "Unidentified Armed Group (<country>)"), which the
measured figures already include.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sitroom.model import Document, Event

DATA = Path(__file__).parent / "data" / "news_leads.jsonl"
FIELDS = ("event_type", "acled_sub_event_type", "actor1_country", "actor2_country",
          "fatalities", "status")
# Measured 2026-11-28 on the 200 paragraphs (the build of the session start scored
# 0.74 / 0.78 / 0.58 / 0.72 / 0.94 / 0.93; the third set of 60, written after the fixes
# the first two prompted, went from 0.75 / 0.80 / 0.57 / 0.73 / 0.96 / 0.95 to
# 0.80 / 0.82 / 0.79 / 0.75 / 0.96 / 0.95 before any fix of its own).
MEASURED = {"event_type": 0.90, "acled_sub_event_type": 0.90, "actor1_country": 0.84,
            "actor2_country": 0.81, "fatalities": 0.96, "status": 0.94}
NEWS_TOLERANCE = 0.02  # a paragraph or two of 200 (4 of 189)


def _records() -> list[dict[str, Any]]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _main_event(pipeline, record: dict[str, Any]) -> Event | None:
    doc = pipeline(Document(id=record["id"], text=record["text"],
                            published=date.fromisoformat(record["published"])))
    return max(doc.events, key=lambda e: e.confidence) if doc.events else None


def _value(event: Event | None, field: str) -> Any:
    if event is None:
        return None
    if field in ("actor1_country", "actor2_country"):
        actor = event.actor1 if field == "actor1_country" else event.actor2
        return actor.country if actor is not None else None
    return getattr(event, field)


@pytest.fixture(scope="module")
def scored(pipeline) -> dict[str, tuple[int, int]]:
    """field -> (right, counted); fields other than the type are counted only where an
    event is expected."""
    right = dict.fromkeys(FIELDS, 0)
    counted = dict.fromkeys(FIELDS, 0)
    for record in _records():
        expect = record["expect"]
        event = _main_event(pipeline, record)
        for field in FIELDS:
            if field != "event_type" and expect["event_type"] is None:
                continue
            counted[field] += 1
            right[field] += _value(event, field) == expect[field]
    return {f: (right[f], counted[f]) for f in FIELDS}


def test_quality_news_leads_file_is_well_formed() -> None:
    records = _records()
    assert len(records) == 200 and len({r["id"] for r in records}) == 200
    for r in records:
        assert set(r["expect"]) == set(FIELDS), r["id"]
        assert len(r["text"]) <= 600, r["id"]


@pytest.mark.parametrize("field", FIELDS)
def test_quality_news_leads_floor(scored, field: str) -> None:
    right, counted = scored[field]
    assert right / counted >= MEASURED[field] - NEWS_TOLERANCE, (field, right, counted)


@pytest.mark.parametrize("text", [
    r["text"] for r in _records() if r["expect"]["event_type"] is None
])
def test_quality_news_leads_no_violence_where_nothing_happened(pipeline, text: str) -> None:
    doc = pipeline(Document(id="t", text=text, published=date(2025, 6, 1)))
    assert not any(e.event_type == "ASSAULT" and e.status == "reported"
                   and (e.fatalities or 0) > 0 for e in doc.events), text
