"""A denial is an event (REJECT), and the deed it denies is kept as an event of its own with
the status "denied", ranked below the denial: neither is lost, neither is taken for a fact."""

from __future__ import annotations

from datetime import date

import pytest

from sitroom import Document, Pipeline


@pytest.fixture(scope="module")
def pipe():
    return Pipeline()


def _events(pipe, text):
    return pipe(Document(id="t", text=text, published=date(2025, 3, 4))).events


@pytest.mark.parametrize("text, trigger, doer_sector", [
    ("The army denied shelling the village near the border.", "shelling", "MIL"),
    ("Rebels denied that they had killed the aid workers.", "killed", "REB"),
])
def test_events_denied_deed_is_kept_with_status_denied(pipe, text, trigger, doer_sector):
    events = _events(pipe, text)
    denial = next(e for e in events if e.event_type == "REJECT")
    deed = next(e for e in events if e.trigger and e.trigger.text == trigger)
    assert deed.event_type == "ASSAULT" and deed.status == "denied"
    assert deed.actor1 is not None and deed.actor1.sector == doer_sector
    assert deed.confidence < denial.confidence


def test_events_denied_report_does_not_make_the_denier_the_doer(pipe):
    events = _events(pipe, "Officials denied reports of an attack on the base.")
    deeds = [e for e in events if e.event_type == "ASSAULT"]
    assert all(e.status == "denied" for e in deeds)
    assert all(e.actor1 is None or "Official" not in e.actor1.name for e in deeds)


def test_events_denying_responsibility_denies_no_deed(pipe):
    events = _events(pipe, "The group denied responsibility for the bombing of the market.")
    assert not [e for e in events if e.status == "denied"]
