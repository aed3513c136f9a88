"""Events of short hand-written news passages: an outcome told in a participle clause, a
summary of a series of earlier attacks, and the group the authorities blame for an
attack nobody claimed."""

from __future__ import annotations

from datetime import date

import pytest

from sitroom.model import Document, Event

PUB = date(2025, 3, 10)


def _events(pipeline, text: str) -> list[Event]:
    doc = pipeline(Document(id="t", text=text, published=PUB))
    return sorted(doc.events, key=lambda e: -e.confidence)


@pytest.mark.parametrize("text", [
    "A military drone struck a crowded market near Gao on Sunday, killing at least 12 people.",
    "Government warplanes bombed a village in the north on Friday, killing five civilians "
    "and wounding eight, residents said.",
    "Rebels shelled the outskirts of the town overnight, injuring three children.",
])
def test_events_participle_outcome_is_part_of_the_main_attack(pipeline, text):
    assault = [e for e in _events(pipeline, text) if e.event_type == "ASSAULT"]
    assert len(assault) == 1, [(e.acled_sub_event_type, e.trigger.text) for e in assault]


@pytest.mark.parametrize("text, summary", [
    ("Gunmen attacked a police post in the district on Sunday. It was the latest in a series "
     "of attacks on security forces in the region.", "It was the latest"),
    ("A car bomb exploded outside a hotel on Monday, killing four. The blast was the third in "
     "a wave of bombings to hit the capital this year.", "The blast was the third"),
    ("Villagers beat two suspected thieves to death on Tuesday. It was the latest in a string "
     "of vigilante killings in the province.", "It was the latest"),
])
def test_events_latest_in_a_series_is_no_new_event(pipeline, text, summary):
    start = text.index(summary)
    late = [e for e in _events(pipeline, text) if e.evidence.start >= start
            and e.event_type == "ASSAULT"]
    assert not late, [(e.acled_sub_event_type, e.evidence.text) for e in late]


@pytest.mark.parametrize("text, group", [
    ("A roadside bomb killed two soldiers on a patrol near the border on Wednesday, the army "
     "said, blaming FARC dissidents.", "FARC"),
    ("A bomb exploded at a bus station in the city on Friday, wounding nine people. Police "
     "blamed the attack on Boko Haram.", "Boko Haram"),
    ("Three policemen were shot dead at a checkpoint on Monday. The governor blamed "
     "separatist rebels for the killings.", "rebels"),
])
def test_events_blamed_group_is_the_attacker(pipeline, text, group):
    assault = [e for e in _events(pipeline, text) if e.event_type == "ASSAULT"]
    assert assault
    assert assault[0].actor1 is not None and group.lower() in assault[0].actor1.name.lower()


def test_events_blame_does_not_override_a_named_attacker(pipeline):
    text = ("Al Shabaab fighters stormed a police station on Monday, killing four officers. "
            "The government blamed foreign mercenaries.")
    assault = [e for e in _events(pipeline, text) if e.event_type == "ASSAULT"]
    assert assault and "shabaab" in assault[0].actor1.name.lower()


@pytest.mark.parametrize("text", [
    "A military court on Tuesday sentenced six opposition activists to ten years in prison.",
    "The judge convicted two journalists of spreading false news on Monday.",
])
def test_events_sentencing_is_no_arrest(pipeline, text):
    events = _events(pipeline, text)
    assert not [e for e in events if e.acled_sub_event_type == "Arrests"]


@pytest.mark.parametrize("text", [
    "Officials said the security services had thwarted an arson attack on a depot last month.",
    "Police said they foiled a plot to bomb the stadium during the final.",
])
def test_events_foiled_deed_is_no_event(pipeline, text):
    events = _events(pipeline, text)
    assert not [e for e in events if e.event_type in ("ASSAULT", "COERCE")
                and e.acled_sub_event_type != "Arrests"]


@pytest.mark.parametrize("text", [
    "The mission has lost more than 100 soldiers since it was deployed in 2013.",
    "Some 40,000 people have returned since they were displaced in 2019.",
])
def test_events_since_clause_is_background(pipeline, text):
    after = text.index("since")
    assert not [e for e in _events(pipeline, text) if e.trigger.start > after]


@pytest.mark.parametrize("text", [
    "Police spokesman James Okello said 14 people had been arrested over the riot.",
    "A police commander said dozens of suspects were detained overnight.",
])
def test_events_passive_arrest_reported_by_police_is_by_police(pipeline, text):
    arrests = [e for e in _events(pipeline, text) if e.acled_sub_event_type == "Arrests"]
    assert arrests and arrests[0].actor1 is not None
    assert "police" in arrests[0].actor1.mention.text.lower()


@pytest.mark.parametrize("text, body", [
    ("The UN refugee agency UNHCR said 5,000 people had arrived. The agency airlifted tents "
     "and blankets from Dubai on Monday.", "UNHCR"),
    ("Doctors Without Borders said its clinic was full. The charity distributed medicine and "
     "water to families in the camp.", "Doctors Without Borders"),
])
def test_events_organisation_named_by_kind_is_the_doer(pipeline, text, body):
    aid = [e for e in _events(pipeline, text) if e.event_type == "AID"]
    assert aid and aid[0].actor1 is not None and body.lower() in aid[0].actor1.name.lower()


def test_events_old_background_event_is_not_primary(pipeline):
    text = ("Militants released three aid workers on Sunday under a deal brokered by elders. "
            "The workers, who had been abducted in May last year, were handed over in the "
            "town, officials said.")
    events = _events(pipeline, text)
    assert events and events[0].date is not None and events[0].date.start.year == 2025


def test_events_prevented_protest_is_still_a_protest(pipeline):
    text = "Riot police prevented a march by opposition supporters in the capital on Friday."
    assert [e for e in _events(pipeline, text) if e.event_type == "PROTEST"]


def test_events_protest_in_after_clause_does_not_type_the_arrest(pipeline):
    text = ("The defendants were detained in March 2023 after taking part in protests against "
            "the president.")
    detained = [e for e in _events(pipeline, text) if e.trigger.text == "were detained"]
    assert detained and detained[0].event_type == "COERCE"


@pytest.mark.parametrize("text", [
    "In return, the government agreed to free 20 detained members of the movement.",
    "The authorities agreed to release 15 jailed opposition activists next week.",
])
def test_events_agreeing_to_free_prisoners_is_no_threat(pipeline, text):
    events = _events(pipeline, text)
    assert events and events[0].event_type in ("AGREE", "CONCEDE")
    assert not [e for e in events if e.event_type in ("THREATEN", "COERCE")]
