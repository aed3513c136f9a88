"""What is only talked about is not the event; several named doers give several events;
stated intentions are agreements or threats; ranking puts deeds above words."""

from __future__ import annotations

import pytest

from sitroom.config import Settings
from sitroom.pipeline.base import Resources
from sitroom.pipeline.events import EventStage

from test_events_typing import make_doc, primary


@pytest.fixture(scope="module")
def stage() -> EventStage:
    return EventStage(Settings(), Resources(Settings()))


def test_events_talk_quoted_battle_is_not_an_assault_by_the_speaker(stage):
    text = ("Prime Minister Anna Berg spoke to parliament on Tuesday, saying that \u201cthe first "
            "battles with foreign mercenaries open a dark chapter for our nation.\u201d")
    doc = make_doc(text, [("Prime Minister Anna Berg", "RUR", "GOV"),
                          ("foreign mercenaries", None, "PMC")])
    for e in stage(doc).events:
        if e.event_type == "ASSAULT":
            assert e.actor1 is None or "Berg" not in e.actor1.name


@pytest.mark.parametrize("text,actors,not_primary", [
    ("Hundreds of residents marched through the city to denounce the killing of a "
     "shopkeeper by unknown gunmen.", [("residents", None, "CVL")], "ASSAULT"),
    ("Police arrested two men for allegedly looting a warehouse.",
     [("Police", None, "COP")], "COERCE-loot"),
    ("The minister condemned the bombing of the hospital and demanded an inquiry.",
     [("minister", None, "GOV")], "ASSAULT"),
])
def test_events_talk_topic_does_not_become_the_main_event(stage, text, actors, not_primary):
    e = primary(stage, make_doc(text, actors))
    if not_primary == "COERCE-loot":
        assert e.acled_sub_event_type == "Arrests"
    else:
        assert e.event_type != not_primary


def test_events_talk_condemnation_ranks_below_the_attack_it_condemns(stage):
    text = ("Militants attacked an army post near the border on Friday, killing five soldiers. "
            "The defence minister condemned the attack.")
    doc = make_doc(text, [("Militants", None, "REB"), ("army post", None, "MIL"),
                          ("defence minister", None, "GOV")])
    events = stage(doc).events
    accuse = [e for e in events if e.event_type == "ACCUSE"]
    assault = [e for e in events if e.event_type == "ASSAULT"]
    assert accuse and assault
    assert max(e.confidence for e in assault) > max(e.confidence for e in accuse)


def test_events_talk_one_event_per_named_doer(stage):
    text = ("Ruritania, Borduvia and Estland condemned the missile tests carried out by "
            "Westmark on Monday.")
    doc = make_doc(text, [("Ruritania", "RUR", None), ("Borduvia", "BOR", None),
                          ("Estland", "EST", None), ("Westmark", "WMK", None)])
    accusers = {e.actor1.country for e in stage(doc).events
                if e.event_type == "ACCUSE" and e.actor1}
    assert accusers == {"RUR", "BOR", "EST"}


def test_events_talk_pronoun_doer_takes_the_previous_doers(stage):
    text = ("Ruritania and Borduvia met in the capital on Monday. In a joint statement, they "
            "condemned the arrest of opposition leaders in Westmark.")
    doc = make_doc(text, [("Ruritania", "RUR", None), ("Borduvia", "BOR", None),
                          ("opposition leaders", None, "OPP"), ("Westmark", "WMK", None)])
    accusers = {e.actor1.country for e in stage(doc).events
                if e.event_type == "ACCUSE" and e.actor1}
    assert accusers == {"RUR", "BOR"}


@pytest.mark.parametrize("text,actors,event_type", [
    ("Ruritania said it will send food and medicine to the flooded provinces of Borduvia.",
     [("Ruritania", "RUR", None), ("Borduvia", "BOR", None)], "AGREE"),
    ("Ruritania threatened to shell border villages unless Borduvia withdrew its troops.",
     [("Ruritania", "RUR", None), ("Borduvia", "BOR", None)], "THREATEN"),
])
def test_events_talk_stated_intention(stage, text, actors, event_type):
    e = primary(stage, make_doc(text, actors))
    assert e.event_type == event_type
    assert e.actor1 is not None and e.actor1.country == "RUR"


def test_events_talk_ally_is_a_party_to_the_clash(stage):
    text = ("Westmark volunteers, fighting alongside Ruritanian marines, clashed with "
            "Borduvian troops near the port.")
    doc = make_doc(text, [("Westmark volunteers", "WMK", "MIL"),
                          ("Ruritanian marines", "RUR", "MIL"), ("Borduvian troops", "BOR", "MIL")])
    pairs = {(e.actor1.country, e.actor2.country) for e in stage(doc).events
             if e.event_type == "ASSAULT" and e.actor1 and e.actor2}
    assert ("WMK", "BOR") in pairs and ("RUR", "BOR") in pairs


def test_events_talk_local_group_takes_the_event_country(stage):
    from sitroom.model import Place

    def fixed_place(doc):  # a locator: prepares the document, then places each event
        return lambda start, end, trigger: Place("Oststadt", country="RUR", precision="city")

    local = EventStage(Settings(), Resources(Settings()))
    local.extractor.locate = fixed_place
    doc = make_doc("Police dispersed protesters with tear gas in Oststadt.",
                   [("Police", None, "COP"), ("protesters", None, "PRO")])
    e = primary(local, doc)
    assert e.location is not None and e.location.country == "RUR"
    assert e.actor1 is not None and e.actor1.country == "RUR"


# violence named only as the background or purpose of another act is not the main event
@pytest.mark.parametrize("text,actors,event_type", [
    ("Japan halted its loans to the country in support of efforts to end the fighting.",
     [("Japan", "JPN", "GOV")], "SANCTION"),
    ("The council lifted the state of emergency imposed after weeks of clashes in the region.",
     [("council", None, "GOV")], "CONCEDE"),
    ("The rebels declared a unilateral truce after three days of heavy fighting with the army.",
     [("rebels", None, "REB")], "RETREAT"),
    ("Police launched an inquiry into the shooting of a teenager in the suburb.",
     [("Police", None, "COP")], "ACCUSE"),
    ("The emir launched a mediation effort between the two neighbours.",
     [("emir", None, "GOV")], "CONSULT"),
    ("The ministry banned the movement over its involvement in bombings in the capital.",
     [("ministry", None, "GOV")], "COERCE"),
    ("The agency has trained hundreds of operatives capable of carrying out cyber attacks.",
     [("agency", None, "SPY")], "MOBILIZE"),
])
def test_events_talk_background_violence_is_not_the_event(stage, text, actors, event_type):
    assert primary(stage, make_doc(text, actors)).event_type == event_type


# a refusal or intention stated by the doer: what it says it will (not) do
@pytest.mark.parametrize("text,actors,event_type", [
    ("The president said his government would never negotiate with the kidnappers.",
     [("president", None, "GOV")], "REJECT"),
    ("The cabinet said it is prepared to impose martial law in the border districts.",
     [("cabinet", None, "GOV")], "THREATEN"),
    ("The rebels said they will return the seized trucks to the relief agency.",
     [("rebels", None, "REB")], "AGREE"),
    ("The foreign minister said he would meet Abdullah Abdullah in Doha.",
     [("foreign minister", None, "GOV")], "AGREE"),
])
def test_events_talk_stated_refusals_and_intentions(stage, text, actors, event_type):
    assert primary(stage, make_doc(text, actors)).event_type == event_type
