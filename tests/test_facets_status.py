"""Event facets: status, date, fatalities, quantities and attribution of hand-made events."""

from __future__ import annotations

from datetime import date

from functools import partial

import pytest


PUB = date(2024, 11, 6)


@pytest.fixture(scope="module")
def run(facet_event):
    return partial(facet_event, published=PUB)




@pytest.mark.parametrize("text, trigger, status", [
    ("Rebels attacked the garrison on Monday.", "attacked", "reported"),
    # nobody claims what no one has claimed
    ("No one has claimed responsibility for Friday's attack.", "attack", "reported"),
    ("No group has yet claimed the bombing of the market.", "bombing", "reported"),
    ("The group claimed the bombing of the market.", "bombing", "claimed"),
    # a past verb with a date read after publication: the date's year was guessed wrong
    ("On December 3, troops shelled the village.", "shelled", "reported"),
    ("On December 3, troops will shell the village.", "shell", "predicted"),
    ("Analysts predict that the army will attack the city in the coming days.", "attack", "predicted"),
    ("The army is expected to launch an offensive next week.", "offensive", "predicted"),
    ("The fighting could spread to the capital.", "spread", "possible"),
    ("The north may receive advanced missile technology.", "receive", "possible"),
    ("The allies are considering additional support for the army.", "support", "planned"),
    ("The government plans to deploy more troops to the border.", "deploy", "planned"),
    ("The militia denied that it shelled the camp.", "shelled", "denied"),
    ("The group claimed responsibility for the bombing.", "bombing", "claimed"),
    ("The army did not attack the village.", "attack", "negated"),
    ("There was no attack on the convoy.", "attack", "negated"),
    ("The militia denied involvement in the bombing of the market.", "bombing", "reported"),
    ("No one was killed when rebels attacked the garrison.", "attacked", "reported"),
])
def test_facets_status(run, text, trigger, status):
    assert run(text, trigger).status == status


def test_facets_prediction_gets_future_range_and_lower_confidence(run):
    e = run("Experts predict that more troops will enter combat in the coming days.", "combat")
    assert e.status == "predicted"
    assert e.date is not None and PUB < e.date.start <= date(2024, 11, 30)
    assert e.confidence < 0.8


def test_facets_date_from_opening_anchor_and_published(run):
    note = "On 3 January 2022, gunmen attacked a bus. Two passengers were killed."
    assert run(note, "killed", published=None).date.start == date(2022, 1, 3)
    e = run("Gunmen attacked a bus near the bridge.", "attacked")
    assert e.date.start == PUB and e.date.mention is None
    assert run("Gunmen attacked a bus near the bridge.", "attacked", published=None).date is None


def test_facets_fatalities_of_the_note_and_not_of_a_protest(run):
    note = ("On 3 January 2022, gunmen attacked a bus near the market. Two passengers were "
            "killed and five were injured.")
    assert run(note, "attacked", sub="Attack").fatalities == 2
    protest = ("On 4 May 2022, students marched in the capital demanding justice for three "
               "classmates killed by police in March.")
    e = run(protest, "marched", event_type="PROTEST", sub="Peaceful protest")
    assert not e.fatalities


def test_facets_quantities_of_the_sentence_and_its_list(run):
    text = ("The army received approximately 10,000 rifles last year. The north sent aid, "
            "including:\n\n16,000 shipping containers of shells\n\nTrucks and fuel\n\nIt was enough.")
    e = run(text, "sent", event_type="AID")
    assert [(q.value, q.unit) for q in e.quantities] == [(16000, "containers")]
    e = run(text, "received", event_type="AID")
    assert [(q.value, q.unit, q.approximate) for q in e.quantities] == [(10000, "rifles", True)]


def test_facets_attribution_in_sentence_and_referring_back(run):
    text = ("Northern Defence Officials report that rebel fighters have clashed with the army "
            "near the dam. A senior official, speaking on condition of anonymity, described "
            "the engagement as limited.")
    e = run(text, "clashed")
    sources = {(a.source, a.anonymous) for a in e.attribution}
    assert ("Northern Defence Officials", False) in sources
    assert any(anon for _, anon in sources)


@pytest.mark.parametrize("published", [PUB, None])
def test_facets_future_phrase_makes_a_prediction_even_without_published_date(run, published):
    e = run("Rebels launch a new offensive next week, commanders say.", "offensive",
            published=published)
    assert e.status == "predicted"


def test_facets_prediction_without_a_stated_date_gets_no_date(run):
    e = run("On 3 May 2024, the militia said it will attack the town.", "attack")
    assert e.status == "predicted"
    assert e.date is None


def test_facets_date_prefers_the_paragraph_opening_date_over_a_background_date(run):
    note = ("On 3 January 2022, students marched to the ministry. A classmate had died on "
            "1 January 2022 in custody. The students blocked the road.")
    e = run(note, "blocked", event_type="PROTEST", published=None)
    assert e.date.start == date(2022, 1, 3)


@pytest.mark.parametrize("text, trigger, start", [
    # published 6 November 2024: a past deed "on December 3" was in 2023
    ("On December 3, troops shelled the village.", "shelled", date(2023, 12, 3)),
    ("Troops struck the village on December 3.", "struck", date(2023, 12, 3)),
    ("On December 3, 2024, troops will shell the village.", "shell", date(2024, 12, 3)),
    ("On November 2, troops shelled the village.", "shelled", date(2024, 11, 2)),
])
def test_facets_past_deed_dated_without_a_year_lies_before_publication(run, text, trigger, start):
    assert run(text, trigger).date.start == start


@pytest.mark.parametrize("text, trigger", [
    # the warning was given (reported), the attacks it speaks of lie ahead
    ("Officials warned that more attacks could follow in the coming days.", "warned"),
    ("The governor warned residents on Tuesday of more strikes in the coming weeks.", "warned"),
    ("The militia threatened to attack the town next week.", "threatened"),
])
def test_facets_deed_done_keeps_its_year_beside_a_phrase_pointing_ahead(run, text, trigger):
    e = run(text, trigger, event_type="THREATEN")
    assert e.status == "reported"
    assert e.date is not None and e.date.end <= PUB  # not the phrase read a year back
    assert e.date.start > date(2024, 10, 1)
