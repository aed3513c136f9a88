"""Event typing: PLOVER category and ACLED sub-event type from hand-written reports.

The event stage is run alone on documents whose sentences and actors are given, so the
tables test the event rules and not the other stages.
"""

from __future__ import annotations

import re

import pytest

from sitroom.config import Settings
from sitroom.model import Actor, Document, Mention
from sitroom.pipeline.base import Resources
from sitroom.pipeline.events import EventStage
from sitroom.pipeline.sentences import split_sentences
from sitroom.vocab import ACLED_SUB_EVENT_TYPES, PLOVER_EVENT_TYPES, PLOVER_MODES


@pytest.fixture(scope="module")
def stage() -> EventStage:
    return EventStage(Settings(), Resources(Settings()))


def make_doc(text: str, actors: list[tuple[str, str | None, str | None]]) -> Document:
    """A document with sentences and with each actor found at its every occurrence."""
    found = []
    for name, country, sector in actors:
        for m in re.finditer(re.escape(name), text):
            found.append(Actor(name, country, sector,
                               Mention(m.start(), m.end(), m.group(0), "ACTOR")))
    found.sort(key=lambda a: a.mention.start)
    return Document(id="t", text=text, sentences=tuple(split_sentences(text)),
                    actors=tuple(found))


def primary(stage: EventStage, doc: Document):
    events = stage(doc).events
    assert events, "no event found"
    return max(events, key=lambda e: e.confidence)


# text, actors, expected PLOVER type, expected ACLED sub-event type
CASES = [
    ("Gunmen stormed a village in the north on Sunday and shot dead four farmers.",
     [("Gunmen", None, "UAF"), ("farmers", None, "CVL")], "ASSAULT", "Attack"),
    ("Army troops clashed with rebel fighters near the border town, leaving six dead.",
     [("Army troops", None, "MIL"), ("rebel fighters", None, "REB")], "ASSAULT", "Armed clash"),
    ("Warplanes bombed a market in the provincial capital, killing eleven civilians.",
     [("civilians", None, "CVL")], "ASSAULT", "Air/drone strike"),
    ("A drone strike hit a car carrying two militant commanders.",
     [("militant commanders", None, "REB")], "ASSAULT", "Air/drone strike"),
    ("Government forces shelled rebel positions on the hills overnight.",
     [("Government forces", None, "MIL")], "ASSAULT", "Shelling/artillery/missile attack"),
    ("A roadside bomb exploded under a police patrol vehicle, wounding three officers.",
     [("police", None, "COP")], "ASSAULT", "Remote explosive/landmine/IED"),
    ("A suicide bomber blew himself up at the entrance of a mosque during Friday prayers.",
     [], "ASSAULT", "Suicide bomb"),
    ("Unknown attackers threw a grenade into a crowded bar, injuring nine people.",
     [("Unknown attackers", None, "UAF")], "ASSAULT", "Grenade"),
    ("Hundreds of teachers marched to the ministry to demand unpaid salaries.",
     [("teachers", None, "EDU")], "PROTEST", "Peaceful protest"),
    ("Students rallied outside parliament. Police fired tear gas to disperse them.",
     [("Students", None, "EDU"), ("Police", None, "COP")], "PROTEST",
     "Protest with intervention"),
    ("Protesters threw stones at the governor's office and burned tyres on the main road.",
     [("Protesters", None, "PRO")], "PROTEST", "Violent demonstration"),
    ("An angry mob lynched a man accused of stealing a motorbike.",
     [], "ASSAULT", "Mob violence"),
    ("Police arrested a prominent opposition blogger at his home on Tuesday.",
     [("Police", None, "COP"), ("opposition blogger", None, "OPP")], "COERCE", "Arrests"),
    ("Armed men kidnapped the village chief and two of his sons on the highway.",
     [("Armed men", None, "UAF")], "COERCE", "Abduction/forced disappearance"),
    ("A soldier raped a teenage girl at a checkpoint, her family said.",
     [("soldier", None, "MIL")], "ASSAULT", "Sexual violence"),
    ("Militiamen looted shops and torched dozens of houses after the fighters left.",
     [("Militiamen", None, "MLA")], "COERCE", "Looting/property destruction"),
    ("Soldiers defused an improvised explosive device found under a bridge.",
     [("Soldiers", None, "MIL")], "COERCE", "Disrupted weapons use"),
    ("The two parties signed a ceasefire agreement in the capital on Monday.",
     [], "AGREE", "Agreement"),
    ("Rebels took control of the town without a fight after the garrison withdrew.",
     [("Rebels", None, "REB")], "CONCEDE", "Non-violent transfer of territory"),
    ("The army established a new military base on the outskirts of the town.",
     [("army", None, "MIL")], "MOBILIZE", "Headquarters or base established"),
    ("The foreign minister condemned the detention of journalists by the authorities.",
     [("foreign minister", None, "GOV")], "ACCUSE", None),
    ("The government rejected the opposition's proposal for early elections.",
     [("government", None, "GOV")], "REJECT", None),
    ("The president held talks with his visiting counterpart on border security.",
     [("president", None, "GOV")], "CONSULT", None),
]


@pytest.mark.parametrize("text,actors,event_type,sub_event", CASES)
def test_events_typing_primary_event(stage, text, actors, event_type, sub_event):
    e = primary(stage, make_doc(text, actors))
    assert e.event_type == event_type
    assert e.acled_sub_event_type == sub_event


@pytest.mark.parametrize("text,actors,event_type,sub_event", CASES[:8])
def test_events_typing_records_are_valid(stage, text, actors, event_type, sub_event):
    doc = make_doc(text, actors)
    for e in stage(doc).events:
        assert e.event_type in PLOVER_EVENT_TYPES
        assert e.acled_sub_event_type is None or e.acled_sub_event_type in ACLED_SUB_EVENT_TYPES
        assert e.mode is None or e.mode in PLOVER_MODES
        assert 0.0 <= e.confidence <= 1.0
        assert doc.text[e.evidence.start:e.evidence.end] == e.evidence.text
        assert doc.text[e.trigger.start:e.trigger.end] == e.trigger.text
        assert e.evidence.start <= e.trigger.start < e.trigger.end <= e.evidence.end
        assert e.extractor == "sitroom.rules" and e.extractor_version == EventStage.version


# Territory: the government side regains its own ground, an outside force overtakes it.
@pytest.mark.parametrize("text,actors,sub_event", [
    ("Following heavy clashes, Ruritanian troops recaptured the town of Oststadt.",
     [("Ruritanian troops", "RUR", "MIL")], "Government regains territory"),
    ("Insurgents seized control of the district headquarters after a two-day battle.",
     [("Insurgents", None, "REB")], "Non-state actor overtakes territory"),
])
def test_events_typing_territory(stage, text, actors, sub_event):
    assert primary(stage, make_doc(text, actors)).acled_sub_event_type == sub_event


# ACLED's codebook distinctions that hinge on one cue of the report.
@pytest.mark.parametrize("text,actors,sub_event", [
    # road-blocking with barricades or burning material is a violent demonstration
    ("Villagers blocked the highway with logs and burning tyres to demand a new bridge.",
     [], "Violent demonstration"),
    ("Residents erected barricades on the main street to protest against power cuts.",
     [], "Violent demonstration"),
    # arrests at a protest are an intervention; a peaceful one stays peaceful
    ("Hundreds of nurses marched to the ministry over unpaid wages. Police arrested "
     "twelve of them outside the gates.", [("Police", None, "COP")],
     "Protest with intervention"),
    ("Hundreds of nurses marched peacefully to the ministry over unpaid wages.", [],
     "Peaceful protest"),
    # an arrest told as background (a relative clause) is no intervention in the protest
    ("Dozens of villagers rallied outside the court for a teacher who was arrested last "
     "month over a social media post.", [], "Peaceful protest"),
    # a crowd beating someone is mob violence, whoever the victim is
    ("A group of villagers beat a suspected cattle thief until police arrived.", [],
     "Mob violence"),
    ("Party supporters attacked a rival candidate with sticks outside his home.", [],
     "Mob violence"),
    # fighting words name the sub-event even when one side is poorly armed
    ("An armed clash broke out between villagers of two neighbouring settlements.", [],
     "Armed clash"),
    # gunmen killing members of a rival gang fight an armed group, not civilians
    ("Gunmen shot dead two members of a rival drug trafficking gang outside a bar.",
     [("Gunmen", None, "UAF")], "Armed clash"),
    # a grenade thrown at soldiers is still a grenade attack
    ("Militants threw a hand grenade at an army checkpoint, wounding two soldiers.",
     [("Militants", None, "REB")], "Grenade"),
    ("Artillery explosions were heard near the frontline village overnight.", [],
     "Shelling/artillery/missile attack"),
    # territory that changes hands with no fighting reported
    ("Government forces retook the village of Westdorf on Friday.",
     [("Government forces", None, "MIL")], "Non-violent transfer of territory"),
    # handing in weapons changes what a group does; surrendering is an agreement
    ("Forty militiamen laid down their weapons at a ceremony with local officials.",
     [("militiamen", None, "MLA")], "Change to group/activity"),
    ("Forty militiamen surrendered to the army in the hills.",
     [("militiamen", None, "MLA")], "Agreement"),
    ("A new armed group announced its formation in the eastern provinces.", [],
     "Change to group/activity"),
    # a suicide-bomber unit being deployed is not a suicide bombing
    ("The group deployed its suicide bomber unit to the northern front.", [],
     "Change to group/activity"),
])
def test_events_typing_acled_codebook(stage, text, actors, sub_event):
    assert primary(stage, make_doc(text, actors)).acled_sub_event_type == sub_event


# Cues that name a protest only in some company: the same words elsewhere are no protest.
@pytest.mark.parametrize("text,actors", [
    ("Police closed the main road after a landslide buried two cars.", [("Police", None, "COP")]),
    ("The presidential motorcade drove through the capital on Monday.", []),
    ("The gunmen barricaded themselves inside a bank with six hostages.",
     [("gunmen", None, "UAF")]),
])
def test_events_typing_no_protest_without_protesters(stage, text, actors):
    events = stage(make_doc(text, actors)).events
    assert all(e.event_type != "PROTEST" for e in events)


@pytest.mark.parametrize("text", [
    "Residents closed the road to the market to denounce repeated water cuts.",
    "About forty taxi drivers drove a motorcade through the city to demand lower fuel prices.",
])
def test_events_typing_protest_by_purpose(stage, text):
    assert primary(stage, make_doc(text, [])).acled_sub_event_type == "Peaceful protest"


@pytest.mark.parametrize("text,actors,a1,a2", [
    ("Ruritanian soldiers attacked Borduvian positions along the river.",
     [("Ruritanian soldiers", "RUR", "MIL"), ("Borduvian positions", "BOR", "MIL")], "RUR", "BOR"),
    ("Borduvian positions were shelled by Ruritanian artillery units overnight.",
     [("Borduvian positions", "BOR", "MIL"), ("Ruritanian artillery units", "RUR", "MIL")],
     "RUR", "BOR"),
    ("Clashes between Ruritanian soldiers and Borduvian border guards left two dead.",
     [("Ruritanian soldiers", "RUR", "MIL"), ("Borduvian border guards", "BOR", "COP")],
     "RUR", "BOR"),
])
def test_events_typing_actor_roles(stage, text, actors, a1, a2):
    e = primary(stage, make_doc(text, actors))
    assert (e.actor1.country, e.actor2.country) == (a1, a2)
