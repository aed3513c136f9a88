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
    # the bare verb of shelling, before what it hits
    ("Separatist forces shell the border villages every night, residents say.",
     [("Separatist forces", None, "REB")], "ASSAULT", "Shelling/artillery/missile attack"),
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


# Codebook distinctions added with the sub-event accuracy rules (hand-written reports).
@pytest.mark.parametrize("text,actors,sub_event", [
    # shots heard or observed with no target named: an exchange of fire between armed sides
    ("Ceasefire monitors recorded about forty shots of small-arms fire close to the village.",
     [], "Armed clash"),
    ("Heavy gunfire was heard overnight in the eastern districts of the city.", [],
     "Armed clash"),
    # the weapon after "with" is how the attack was done, not a second attack
    ("Rebels opened fire at army positions with snipers and machine guns near the pass.",
     [("Rebels", None, "REB"), ("army positions", None, "MIL")], "Armed clash"),
    # an attack "with mines" is an explosive attack unless a firefight is reported too
    ("Guerrillas attacked an army convoy with two remote-controlled mines on the hill road.",
     [("Guerrillas", None, "REB"), ("army convoy", None, "MIL")],
     "Remote explosive/landmine/IED"),
    # ground fire at aircraft: the aircraft are a side of the fight, not the attacker
    ("Insurgents attacked two military helicopters flying over the valley.",
     [("Insurgents", None, "REB")], "Armed clash"),
    # "the attack" named again after the deed does not outrank the deed
    ("Three soldiers were shot dead at a checkpoint. A rebel group later claimed "
     "responsibility for the attack.", [("rebel group", None, "REB")], "Armed clash"),
    # a brawl between people: a mob, or a violent demonstration when it is a protest
    ("A fight broke out between two groups of villagers over grazing land.", [],
     "Mob violence"),
    ("Hundreds of people protested outside the town hall and scuffled with council guards.",
     [], "Violent demonstration"),
    # a crowd killing someone with sticks is mob violence even when he dies
    ("A group of residents beat a suspected thief to death with sticks.", [],
     "Mob violence"),
    ("Villagers lynched two men they accused of stealing goats.", [], "Mob violence"),
    # protesters' own violence, in the same or the next sentence
    ("Traders demonstrated and vandalised the offices of the market authority.", [],
     "Violent demonstration"),
    ("Farmers blocked the national road to protest against fuel prices. The protesters "
     "attacked cars that tried to pass.", [], "Violent demonstration"),
    ("The march turned violent when it reached the ministry.", [], "Violent demonstration"),
    ("Drivers used burning tyres to block the ring road.", [], "Violent demonstration"),
    # violence said not to have happened does not make a protest violent or policed
    ("Workers rallied outside the factory; there were no reports of clashes or intervention.",
     [], "Peaceful protest"),
    # "offensive remarks" are what a protest is about, not a military offensive
    ("Students rallied on the campus against offensive remarks made by a lecturer.", [],
     "Peaceful protest"),
    # a detention the protest is about is no intervention in it
    ("Relatives of a detained activist rallied outside the court to demand his release.", [],
     "Peaceful protest"),
    # an action taken to denounce or demand something is a protest
    ("Parents occupied the school building to denounce the lack of teachers.", [],
     "Peaceful protest"),
    ("Hundreds of residents formed a human chain along the river to demand its clean-up.", [],
     "Peaceful protest"),
    # training and checkpoints of armed groups are other strategic developments
    ("The militia held a graduation ceremony for its new recruits in the forest.", [],
     "Other"),
    ("Militants ran a checkpoint on the highway and searched passing trucks.", [], "Other"),
    # heavy machine guns are heavy weapons: shelling, not small arms
    ("Rebels fired heavy machine guns and mortars at army positions near the dam.",
     [("Rebels", None, "REB"), ("army positions", None, "MIL")],
     "Shelling/artillery/missile attack"),
    # bodies found: the dead are victims, the people named before "bodies" are no mob
    ("Three people were killed and their bodies were found dumped beside a highway.", [],
     "Attack"),
    # property burnt by a crowd of people is mob violence, by an armed group destruction
    ("A crowd of residents set fire to the house of a man accused of witchcraft.", [],
     "Mob violence"),
    ("Soldiers raided the village and burned twenty houses.", [("Soldiers", None, "MIL")],
     "Looting/property destruction"),
    # rebels who attack an army post and then burn it fight the army first
    ("Rebels attacked an army post near the border. The fighters burned the post.",
     [("Rebels", None, "REB"), ("army post", None, "MIL")], "Armed clash"),
    # members of rival armed groups or clans who clash are armed sides
    ("Members of two rival clans clashed over a water point, leaving four dead.", [],
     "Armed clash"),
])
def test_events_typing_acled_codebook_more(stage, text, actors, sub_event):
    assert primary(stage, make_doc(text, actors)).acled_sub_event_type == sub_event


# An authority acting "to denounce" or "to demand" something is talking, not protesting.
@pytest.mark.parametrize("text,actors", [
    ("The president used his televised address to denounce the rebel attacks.",
     [("president", None, "GOV")]),
    ("The foreign minister travelled to Geneva to demand an inquiry into the shelling.",
     [("foreign minister", None, "GOV")]),
])
def test_events_typing_purpose_of_authorities_is_no_protest(stage, text, actors):
    e = primary(stage, make_doc(text, actors))
    assert e.event_type != "PROTEST"
    assert e.acled_sub_event_type not in ("Peaceful protest", "Protest with intervention")


# PLOVER categories named by general verbs and nouns (codebook definitions): the primary
# event of a one-sentence report
@pytest.mark.parametrize("text,actors,event_type", [
    # SANCTION: aid, contacts and visits cut; diplomats expelled; entry denied
    ("Norway halted development aid to the military government on Monday.",
     [("Norway", "NOR", "GOV")], "SANCTION"),
    ("The European Union suspended part of its budget support to the ministry of finance.",
     [("The European Union", None, "IGO")], "SANCTION"),
    ("Poland expelled three Belarusian diplomats accused of espionage.",
     [("Poland", "POL", "GOV")], "SANCTION"),
    ("The foreign minister cancelled a planned trip to the capital after the coup.",
     [("foreign minister", None, "GOV")], "SANCTION"),
    ("Canada announced a travel ban on senior officials of the junta.",
     [("Canada", "CAN", "GOV")], "SANCTION"),
    # CONCEDE: restrictions eased or lifted, seized goods returned
    ("The interior ministry lifted the overnight curfew in the southern provinces.",
     [("interior ministry", None, "GOV")], "CONCEDE"),
    ("Authorities relaxed the emergency measures in the capital on Friday.",
     [("Authorities", None, "GOV")], "CONCEDE"),
    ("The militia returned the trucks and equipment it had taken from the aid convoy.",
     [("militia", None, "MLA")], "CONCEDE"),
    # AGREE: a proposal accepted, help or troops offered, hostilities ended
    ("The opposition accepted the mediators' proposal for a unity government.",
     [("opposition", None, "OPP")], "AGREE"),
    ("Kenya offered its police officers to lead the multinational mission.",
     [("Kenya", "KEN", "GOV")], "AGREE"),
    ("The two factions signed a declaration on the cessation of hostilities in the east.",
     [("factions", None, "REB")], "AGREE"),
    # AID: asylum granted, the wounded evacuated
    ("Ecuador granted political asylum to the former vice-president.",
     [("Ecuador", "ECU", "GOV")], "AID"),
    ("Medical teams evacuated the injured from the flooded district by boat.",
     [("Medical teams", None, "HLT")], "AID"),
    # CONSULT: calls, mediation, meetings with a named person
    ("The chancellor telephoned the Turkish president to discuss the grain corridor.",
     [("chancellor", None, "GOV")], "CONSULT"),
    ("Qatar has offered mediation between the government and the armed movement.",
     [("Qatar", "QAT", "GOV")], "AGREE"),
    ("The envoy will meet Hamid Karzai in Kabul next week.",
     [("envoy", None, "GOV")], "AGREE"),
    # SUPPORT: a welcomed statement, a defended decision
    ("Berlin welcomed President Macron's proposal on joint defence spending.",
     [("Berlin", "DEU", "GOV")], "SUPPORT"),
    ("The spokesman defended the decision of the army to close the crossing.",
     [("spokesman", None, "GOV")], "SUPPORT"),
    # REJECT: negated acceptance, failed talks, reneged commitments, defied bans
    ("Hungary says it will not accept any migrants under the relocation scheme.",
     [("Hungary", "HUN", "GOV")], "REJECT"),
    ("The two parties failed to reach a deal on the budget despite long negotiations.",
     [("parties", None, "PTY")], "REJECT"),
    ("The governor reneged on his promise to hold local elections.",
     [("governor", None, "GOV")], "REJECT"),
    # REQUEST: pressure, orders to appear, refuge sought
    ("Washington is pressing hard for the release of the detained journalist.",
     [("Washington", "USA", "GOV")], "REQUEST"),
    ("A magistrate ordered the former minister to appear in court for questioning.",
     [("magistrate", None, "JUD")], "REQUEST"),
    ("Thousands of families sought refuge in neighbouring Chad.",
     [("families", None, "CVL")], "REQUEST"),
    # ACCUSE: complaints, summoned envoys, inquiries launched
    ("Manila complained to Beijing over the water cannon incident near the shoal.",
     [("Manila", "PHL", "GOV")], "ACCUSE"),
    ("The foreign ministry summoned the Iranian ambassador on Tuesday.",
     [("foreign ministry", None, "GOV")], "ACCUSE"),
    ("Prosecutors launched an investigation into the deaths of the prisoners.",
     [("Prosecutors", None, "JUD")], "ACCUSE"),
    # COOPERATE, MOBILIZE, COERCE
    ("The two navies have been sharing intelligence on smuggling routes.",
     [("navies", None, "MIL")], "COOPERATE"),
    ("The army has strengthened its forces along the northern border.",
     [("army", None, "MIL")], "MOBILIZE"),
    ("The army was preparing to launch a major offensive on the rebel-held valley.",
     [("army", None, "MIL")], "MOBILIZE"),
    ("State-backed hackers broke into the servers of the election commission.",
     [("hackers", None, "UAF")], "COERCE"),
    ("A hacker group hacked into the computers of the energy ministry.",
     [("hacker group", None, "UAF")], "COERCE"),
    # PROTEST in riot mode: rioting named by its own word
    ("Inmates rioted at the central prison on Sunday, setting mattresses on fire.",
     [("Inmates", None, "CVL")], "PROTEST"),
])
def test_events_typing_plover_codebook(stage, text, actors, event_type):
    assert primary(stage, make_doc(text, actors)).event_type == event_type


# de-escalation (CAMEO 087: truce, blockade eased, demobilisation, surrender) is RETREAT;
# a decision reports the deed decided, not an intention
@pytest.mark.parametrize("text,actors,event_type", [
    ("About two hundred militiamen surrendered to the army in the eastern province.",
     [("militiamen", None, "MLA")], "RETREAT"),
    ("The navy eased its week-long blockade of the port on Thursday.",
     [("navy", None, "MIL")], "RETREAT"),
    ("The electoral board decided to allow the exiled candidate to run in the vote.",
     [("electoral board", None, "GOV")], "CONCEDE"),
])
def test_events_typing_plover_retreat_and_decisions(stage, text, actors, event_type):
    assert primary(stage, make_doc(text, actors)).event_type == event_type


def test_events_typing_surrender_keeps_its_acled_type(stage):
    text = "Dozens of rebel fighters surrendered to government troops with their weapons."
    doc = make_doc(text, [("rebel fighters", None, "REB"), ("government troops", None, "MIL")])
    e = primary(stage, doc)
    assert (e.event_type, e.acled_sub_event_type) == ("RETREAT", "Agreement")


# "supply" names aid when something is supplied, not when it qualifies a noun: a supply
# boat, route or line is the object of another deed, or of none
@pytest.mark.parametrize("text,actors,aid", [
    ("The government supplied tents and food to the displaced families.",
     [("government", None, "GOV")], True),
    ("Coast guard vessels fired water cannon at a supply boat near the shoal.",
     [("Coast guard vessels", None, "COP")], False),
    ("Rebels cut the army's main supply route to the northern garrison.",
     [("Rebels", None, "REB")], False),
    ("Drones struck supply lines behind the front overnight.", [], False),
])
def test_events_typing_supply_as_a_modifier_is_no_aid(stage, text, actors, aid):
    types = {e.event_type for e in stage(make_doc(text, actors)).events}
    assert ("AID" in types) == aid


# an aircraft or drone as the subject of a killing is an air strike, whoever it hits
@pytest.mark.parametrize("text,actors,sub_event", [
    ("Turkish drones killed three PKK militants in the mountains.",
     [("Turkish drones", "TUR", "MIL"), ("PKK militants", None, "REB")], "Air/drone strike"),
    ("Warplanes reportedly killed five fighters near the airport.",
     [("fighters", None, "REB")], "Air/drone strike"),
    ("A drone wounded two policemen at a checkpoint.",
     [("policemen", None, "COP")], "Air/drone strike"),
    ("Soldiers killed three militants in a gun battle near the border.",
     [("Soldiers", None, "MIL"), ("militants", None, "REB")], "Armed clash"),
])
def test_events_typing_aircraft_as_the_killer(stage, text, actors, sub_event):
    assert primary(stage, make_doc(text, actors)).acled_sub_event_type == sub_event


# a performative verb's bare object is the speaker's own act; with a verb of its own it
# is a report of someone else's
@pytest.mark.parametrize("text,actors,trigger,doer", [
    ("The president declared martial law on Tuesday.",
     [("president", None, "GOV")], "martial law", "president"),
    ("The junta announced martial law in the capital.",
     [("junta", None, "MIL")], "martial law", "junta"),
    ("The European Union announced sanctions on the steel exporters.",
     [("European Union", None, "IGO")], "sanctions", "European Union"),
    ("The ministry announced attacks by rebels had stopped in the north.",
     [("ministry", None, "GOV"), ("rebels", None, "REB")], "attacks", None),
])
def test_events_typing_performative_speaker_is_the_doer(stage, text, actors, trigger, doer):
    events = [e for e in stage(make_doc(text, actors)).events
              if e.trigger is not None and e.trigger.text == trigger]
    assert events
    assert all((e.actor1.name if e.actor1 else None) != "ministry" for e in events)
    if doer is not None:
        assert any(e.actor1 is not None and e.actor1.name == doer for e in events)
