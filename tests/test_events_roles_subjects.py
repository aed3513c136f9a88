"""Event roles in harder subject positions: the agent of the means ("a drone operated by
X struck"), a sponsor before the group it backs ("the Iran-backed militia"), the subject of
a relative clause after an apposition ("a charge Y denies"), actors inside the trigger
phrase, and a target that stands for the state it serves.

``assign_roles`` is given hand-made actors, so the tables test the role rules only.
"""

from __future__ import annotations

import pytest

from sitroom.events.roles import Span, assign_roles
from sitroom.model import Actor, Mention

ActorSpec = tuple[str, str | None, str | None]  # surface, country, sector


def _actors(text: str, specs: list[ActorSpec]) -> list[Actor]:
    out = []
    for surface, country, sector in specs:
        start = text.index(surface)
        out.append(Actor(surface, country, sector,
                         Mention(start, start + len(surface), surface, "ACTOR")))
    return sorted(out, key=lambda a: a.mention.start)  # type: ignore[union-attr]


def _roles(text: str, trigger: str, actors: list[ActorSpec]):
    t = text.index(trigger)
    return assign_roles(text, _actors(text, actors), Span(t, t + len(trigger)),
                        Span(0, len(text)), False)


def _name(a: Actor | None) -> str | None:
    return a.name if a is not None else None


@pytest.mark.parametrize("text, trigger, actors, doer", [
    # the means is the grammatical subject; the agent of its participle is the doer
    ("A drone operated by the Nigerien army struck a wedding party near Tillia.", "struck",
     [("Nigerien army", "NER", "MIL")], "Nigerien army"),
    ("Jets flown by Turkish pilots bombed a village.", "bombed",
     [("Turkish pilots", "TUR", "MIL")], "Turkish pilots"),
    # a plain prepositional actor before the verb is still no doer
    ("A mine planted near Syrian troops exploded.", "exploded",
     [("Syrian troops", "SYR", "MIL")], None),
])
def test_events_roles_means_agent_is_doer(text, trigger, actors, doer):
    roles = _roles(text, trigger, actors)
    assert _name(roles.actor1[0] if roles.actor1 else None) == doer


@pytest.mark.parametrize("text, trigger, actors, doer", [
    ("The Iran-backed Kataib Hezbollah attacked a US base.", "attacked",
     [("Iran", "IRN", None), ("Kataib Hezbollah", "IRQ", "MLA"), ("US base", "USA", "MIL")],
     "Kataib Hezbollah"),
    ("The al Qaeda-linked group Ansarul Islam ambushed a patrol.", "ambushed",
     [("Qaeda", None, "REB"), ("Ansarul Islam", "BFA", "REB")], "Ansarul Islam"),
    # a unit name joined by a hyphen is the group itself
    ("PDF-Mingin fighters attacked a police station.", "attacked",
     [("PDF", "MMR", "REB"), ("fighters", None, "REB")], "PDF"),
])
def test_events_roles_sponsor_before_group_is_not_doer(text, trigger, actors, doer):
    roles = _roles(text, trigger, actors)
    assert _name(roles.actor1[0] if roles.actor1 else None) == doer


@pytest.mark.parametrize("text, trigger, actors, doer", [
    ("Addis Ababa accused Asmara of arming rebels, a charge Eritrea rejects.", "rejects",
     [("Addis Ababa", "ETH", "GOV"), ("Asmara", "ERI", "GOV"), ("Eritrea", "ERI", "GOV")],
     "Eritrea"),
    ("Seoul blamed Pyongyang for the launch, an accusation the North denied.", "denied",
     [("Seoul", "KOR", "GOV"), ("Pyongyang", "PRK", "GOV"), ("North", "PRK", "GOV")],
     "North"),
])
def test_events_roles_relative_clause_after_apposition(text, trigger, actors, doer):
    roles = _roles(text, trigger, actors)
    assert _name(roles.actor1[0] if roles.actor1 else None) == doer


@pytest.mark.parametrize("text, trigger, actors, doer, target", [
    # the doer opens the trigger phrase
    ("In Mandalay, police arrested at least 12 students.", "police arrested",
     [("police", None, "COP"), ("students", None, "EDU")], "police", "students"),
    # the target stands inside it
    ("Hanoi summoned China's ambassador on Monday.", "summoned China's ambassador",
     [("Hanoi", "VNM", "GOV"), ("China's ambassador", "CHN", "GOV")], "Hanoi",
     "China's ambassador"),
    # or begins in it and runs on
    ("The envoy met Houthi officials in Muscat.", "met Houthi",
     [("envoy", None, "GOV"), ("Houthi officials", "YEM", "REB")], "envoy", "Houthi officials"),
])
def test_events_roles_actor_inside_trigger(text, trigger, actors, doer, target):
    roles = _roles(text, trigger, actors)
    assert _name(roles.actor1[0] if roles.actor1 else None) == doer
    assert _name(roles.actor2) == target


@pytest.mark.parametrize("text, trigger, actors, country", [
    ("London imposed sanctions on 12 firms accused of helping Russia evade the oil cap.",
     "sanctions", [("London", "GBR", "GOV"), ("firms", None, "BUS"), ("Russia", "RUS", None)],
     "RUS"),
    ("Canada sanctioned five individuals for supporting Hamas.", "sanctioned",
     [("Canada", "CAN", "GOV"), ("individuals", None, "CVL"), ("Hamas", "PSE", "REB")], "PSE"),
])
def test_events_roles_target_stands_for_state_it_serves(text, trigger, actors, country):
    roles = _roles(text, trigger, actors)
    assert roles.actor2 is not None
    assert roles.actor2.country == country


def test_events_roles_country_named_for_another_reason_is_not_served():
    text = "Washington sanctioned two companies over fuel sales to Syria."
    roles = _roles(text, "sanctioned", [("Washington", "USA", "GOV"), ("companies", None, "BUS"),
                                        ("Syria", "SYR", None)])
    assert roles.actor2 is not None and roles.actor2.country != "SYR"


@pytest.mark.parametrize("text, trigger, actors, doer", [
    ("Hundreds of soldiers stormed the camp at dawn.", "stormed",
     [("soldiers", None, "MIL")], "soldiers"),
    ("A crowd of residents lynched two suspected thieves.", "lynched",
     [("residents", None, "CVL"), ("thieves", None, "CRM")], "residents"),
    # the quantity phrase itself inside a prepositional phrase: not the subject
    ("The arrest of dozens of students angered the union.", "angered",
     [("students", None, "EDU"), ("union", None, "LAB")], None),
])
def test_events_roles_people_after_a_quantity_are_the_subject(text, trigger, actors, doer):
    roles = _roles(text, trigger, actors)
    assert _name(roles.actor1[0] if roles.actor1 else None) == doer


def test_events_roles_adjacent_actors_are_one_doer():
    text = "A Houthi military spokesman claimed the attack on the tanker."
    roles = _roles(text, "claimed", [("Houthi", "YEM", "REB"), ("military spokesman", None, "MIL")])
    assert [a.name for a in roles.actor1] == ["Houthi"]


def test_events_roles_coordinated_actors_are_co_doers():
    text = "Sudanese troops and allied militias attacked the town."
    roles = _roles(text, "attacked", [("Sudanese troops", "SDN", "MIL"),
                                      ("allied militias", None, "MLA")])
    assert [a.name for a in roles.actor1] == ["Sudanese troops", "allied militias"]
