"""Clause logic of the event stage: background clauses (relative "where", "since", what
had happened), participles after a stated intention, brackets inside a topic and protest
violence told a few sentences after the protest."""

from __future__ import annotations

import pytest

from sitroom.config import Settings
from sitroom.pipeline.base import Resources
from sitroom.pipeline.events import EventStage

from test_events_typing import make_doc, primary


@pytest.fixture(scope="module")
def stage() -> EventStage:
    return EventStage(Settings(), Resources(Settings()))


@pytest.mark.parametrize("text,actors,event_type,sub_event", [
    # what had happened in the place, told in a "where" clause, is background
    ("Hundreds of students marched peacefully through Arland on Monday, where dozens of "
     "people have been killed in riots since March.",
     [("students", None, "EDU")], "PROTEST", "Peaceful protest"),
    ("Nurses staged a sit-in outside the health ministry in Velm, where two doctors had "
     "been beaten by a mob last year.",
     [("Nurses", None, "HLT")], "PROTEST", "Peaceful protest"),
])
def test_events_clauses_history_clause_does_not_type_the_main_event(
        stage, text, actors, event_type, sub_event):
    e = primary(stage, make_doc(text, actors))
    assert (e.event_type, e.acled_sub_event_type) == (event_type, sub_event)


def test_events_clauses_sentence_opening_subordinate_leaves_the_main_clause_first(stage):
    text = ("After looting a pharmacy, the gang shot dead two traders in the market of "
            "Dorval.")
    e = primary(stage, make_doc(text, [("gang", None, "CRM"), ("traders", None, "CVL")]))
    assert e.event_type == "ASSAULT"


def test_events_clauses_participle_after_will_is_no_threat(stage):
    text = "The agency will deliver food to families fleeing the floods in the south."
    doc = make_doc(text, [("agency", None, "IGO"), ("families", None, "CVL")])
    threats = [e for e in stage(doc).events if e.event_type == "THREATEN"
               and e.trigger.text.startswith("flee")]
    assert not threats


def test_events_clauses_bracket_in_a_name_does_not_end_the_topic(stage):
    text = ("The council condemned the Northern Front (NF) and its shelling of a school near "
            "the border.")
    doc = make_doc(text, [("council", None, "GOV"), ("Northern Front", None, "REB")])
    assert not [e for e in stage(doc).events if e.event_type == "ASSAULT"]


def test_events_clauses_bracket_before_a_verb_ends_the_topic(stage):
    text = ("Members of the Solidarity for Farmers (SF) held a peaceful protest outside the "
            "town hall.")
    e = primary(stage, make_doc(text, [("Members", None, "AGR")]))
    assert e.event_type == "PROTEST"


def test_events_clauses_protest_reads_violence_three_sentences_later(stage):
    text = ("About 300 traders marched to the governor's office in Tamsk on Friday. "
            "They demanded the reopening of the central market. "
            "The market was closed in May after a fire. "
            "Police fired tear gas to disperse the marchers.")
    e = primary(stage, make_doc(text, [("traders", None, "BUS"), ("Police", None, "COP")]))
    assert e.acled_sub_event_type == "Protest with intervention"


def test_events_clauses_agent_of_coordinated_passives_is_the_doer_side(stage):
    # the crowd after "by" is the doer of all three participles, past the commas
    text = "A suspected thief was beaten, stabbed and killed by villagers near Olmo."
    e = primary(stage, make_doc(text, []))
    assert e.acled_sub_event_type == "Mob violence"


@pytest.mark.parametrize("text,actors,sub_event", [
    # protesters who turn violent make a violent demonstration, also when police respond
    ("Police fired tear gas in Velm after protesters threw stones at officers.",
     [("Police", None, "COP"), ("protesters", None, "PRO")], "Violent demonstration"),
    # a crowd with no protest is a mob
    ("In Velm the angry crowd attacked a bus driver after an accident.",
     [], "Mob violence"),
])
def test_events_clauses_protesters_violence_is_a_violent_demonstration(
        stage, text, actors, sub_event):
    assert primary(stage, make_doc(text, actors)).acled_sub_event_type == sub_event


def test_events_clauses_modal_word_inside_a_name_is_no_intention(stage):
    text = ("On Monday, members of the We Will Win Movement staged a protest outside the "
            "courthouse in Velm.")
    e = primary(stage, make_doc(text, [("We Will Win Movement", None, "ACT")]))
    assert (e.event_type, e.acled_sub_event_type) == ("PROTEST", "Peaceful protest")


@pytest.mark.parametrize("text,sub_event", [
    # the verb after the comma that closes "who ..." is the main clause's: the crowd did it
    ("A crowd of residents who had waited all night for fuel, attacked a police officer at "
     "the station in Velm.", "Mob violence"),
    # a participle after that comma still belongs to the relative clause
    ("Soldiers pursued the rebels who had raided the town, killing five of them near Olmo.",
     "Armed clash"),
])
def test_events_clauses_verb_after_a_closed_relative_clause_is_the_main_verb(
        stage, text, sub_event):
    doc = make_doc(text, [("Soldiers", None, "MIL"), ("rebels", None, "REB"),
                          ("police officer", None, "COP")])
    assert primary(stage, doc).acled_sub_event_type == sub_event


@pytest.mark.parametrize("text,actors,doer", [
    # after a plain saying verb the reported clause begins, article or not
    ("The finance ministry said the Northern Front had shelled homes in Arland.",
     [("finance ministry", None, "GOV"), ("Northern Front", None, "REB")], "Northern Front"),
    ("The governor told the agency that bandits had attacked a convoy near Velm.",
     [("governor", None, "GOV"), ("agency", None, "MED"), ("bandits", None, "CRM")],
     "bandits"),
    # "is said to have": the speaker's subject is the doer
    ("The militia is said to have burned three villages near Velm.",
     [("militia", None, "MLA")], "militia"),
    # "claimed the attack": the claimant is the doer
    ("The Northern Front claimed the attack on an army base in Arland.",
     [("Northern Front", None, "REB"), ("army", None, "MIL")], "Northern Front"),
    # a noun phrase or a gerund after the verb is the speaker's own deed
    ("The Northern Front claimed killing four soldiers in an ambush near Arland.",
     [("Northern Front", None, "REB"), ("soldiers", None, "MIL")], "Northern Front"),
    ("The council announced new sanctions on the Velm government.",
     [("council", None, "IGO"), ("Velm government", None, "GOV")], "council"),
    ("The ministry confirmed deploying troops to the border with Arland.",
     [("ministry", None, "GOV"), ("troops", None, "MIL")], "ministry"),
    # ... but not a time phrase before a clause with its own subject
    ("The army confirmed during a briefing that bandits had attacked a convoy near Velm.",
     [("army", None, "MIL"), ("bandits", None, "CRM")], "bandits"),
])
def test_events_clauses_reported_deed_takes_its_own_subject(stage, text, actors, doer):
    e = primary(stage, make_doc(text, actors))
    assert e.actor1 is not None and e.actor1.name == doer


@pytest.mark.parametrize("text, doer", [
    # a spokesperson speaks for the body named after it: "they" is that body
    ("A spokesman for the rebels said they had seized the town of Korvo.", "rebels"),
    ("A spokeswoman for the ministry said it would send food to the camps.", "ministry"),
    # a claimed report with a subject of its own: the claim is not the speaker's deed
    ("A spokesman for the rebels claimed the group had taken control of two hills.", "rebels"),
    # "claimed the attack": the claimant did it
    ("The rebels claimed the attack on the convoy near Korvo.", "rebels"),
])
def test_events_clauses_spokesperson_speaks_for_the_body_named_after_it(pipeline, text, doer):
    from sitroom.model import Document

    events = pipeline(Document(id="t", text=text)).events
    assert events and events[0].actor1 is not None
    assert events[0].actor1.name.lower() == doer
