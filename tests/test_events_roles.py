"""Event roles: who acted (actor1) and on whom (actor2), and the countries they get.

``assign_roles`` is given hand-made actors and places, so the tables test the role rules
and not the recognisers of the other stages.
"""

from __future__ import annotations

import pytest

from sitroom.events.roles import RoleIndex, Span, assign_roles
from sitroom.model import Actor, Mention, Place

ActorSpec = tuple[str, str | None, str | None]  # surface, country, sector


def _mention(text: str, surface: str, label: str) -> Mention:
    start = text.index(surface)
    return Mention(start, start + len(surface), surface, label)


def _actors(text: str, specs: list[ActorSpec]) -> list[Actor]:
    out = [Actor(s, c, sec, _mention(text, s, "ACTOR")) for s, c, sec in specs]
    return sorted(out, key=lambda a: a.mention.start)  # type: ignore[union-attr]


def _places(text: str, specs: list[tuple[str, str]]) -> list[Place]:
    out = [Place(s, country=c, mention=_mention(text, s, "PLACE")) for s, c in specs]
    return sorted(out, key=lambda p: p.mention.start)  # type: ignore[union-attr]


def _roles(text: str, trigger: str, actors: list[ActorSpec],
           places: list[tuple[str, str]] = (), clause_from: str | None = None,
           clause_to: str | None = None, passive: bool = False):
    """Roles for ``trigger``; the clause runs from after ``clause_from`` (else the start)
    to just before ``clause_to`` (else the end), as the event stage cuts it."""
    t = text.index(trigger)
    start = text.index(clause_from) + len(clause_from) if clause_from else 0
    end = text.index(clause_to, t) if clause_to else len(text)
    return assign_roles(text, _actors(text, actors), Span(t, t + len(trigger)),
                        Span(start, end), passive, (), _places(text, places))


def _country(a: Actor | None) -> str | None:
    return a.country if a is not None else None


@pytest.mark.parametrize("text, trigger, actors, places, clause_to, want", [
    # a place in the object stands for its country when no actor is the target
    ("Police imposed a curfew in Mandalay on Friday.", "curfew",
     [("Police", None, "COP")], [("Mandalay", "MMR")], None, "MMR"),
    ("Chilean troops shelled Arica overnight.", "shelled",
     [("Chilean troops", "CHL", "MIL")], [("Arica", "CHL")], None, "CHL"),
    # the complement clause holds the target of a demand
    ("Germany demanded on Monday that Iran release the sailors.", "demanded",
     [("Germany", "DEU", None), ("Iran", "IRN", None)], [], "that", "IRN"),
    ("Ghana renewed its call on Friday that Togo reopen the border.", "call",
     [("Ghana", "GHA", None), ("Togo", "TGO", None)], [], "that", "TGO"),
    ("Chile condemned as an affront Peru's naval exercise.", "condemned",
     [("Chile", "CHL", None), ("Peru", "PER", None)], [], "as", "PER"),
    # a temporal "as" opens no complement
    ("Troops withdrew as rebels advanced.", "withdrew",
     [("Troops", None, "MIL"), ("rebels", None, "REB")], [], "as", None),
    # but a place there is still where the deed lands
    ("Police imposed a curfew as riots spread in Kano.", "curfew",
     [("Police", None, "COP")], [("Kano", "NGA")], "as", "NGA"),
    # "give X a loan": the receiver stands between the verb and the noun trigger
    ("Japan will offer Kenya a loan of 300 million yen.", "loan",
     [("Japan", "JPN", None), ("Kenya", "KEN", None)], [], None, "KEN"),
    # "landed in Accra for a visit": the place the doer's verb leads to
    ("The prime minister landed in Accra for a two-day visit.", "visit",
     [("prime minister", None, "GOV")], [("Accra", "GHA")], None, "GHA"),
    # a target of no stated country where the clause happens is local
    ("Police dispersed students in Dhaka with tear gas.", "dispersed",
     [("Police", None, "COP"), ("students", None, "EDU")], [("Dhaka", "BGD")], None, "BGD"),
    # what is given or cut has no country; whom it goes to has
    ("Washington is supplying drones and training to Ukraine.", "supplying",
     [("Washington", "USA", "GOV"), ("training", None, None), ("Ukraine", "UKR", None)],
     [("Ukraine", "UKR")], None, "UKR"),
    ("The rebels suspended all contacts with Colombia's government.", "suspended",
     [("rebels", None, "REB"), ("contacts", None, None)], [("Colombia", "COL")], None,
     "COL"),
    # an actor after the trigger wins over a place after it
    ("Chad expelled the Sudanese ambassador from Ndjamena.", "expelled",
     [("Chad", "TCD", None), ("Sudanese ambassador", "SDN", "GOV")],
     [("Ndjamena", "TCD")], None, "SDN"),
    # a state acting on a group of its own: the group is of that state
    ("The Kenyan government banned an opposition party on Tuesday.", "banned",
     [("Kenyan government", "KEN", "GOV"), ("opposition party", None, "OPP")], [], None,
     "KEN"),
    # a place before the trigger is where, not whom
    ("In Herat, the army launched an offensive.", "offensive",
     [("army", None, "MIL")], [("Herat", "AFG")], None, None),
    # a foreign force acting abroad: its victims are of the country where it happens
    ("Israeli aircraft struck a house in Khan Younis, killing nine people.", "struck",
     [("Israeli aircraft", "ISR", "MIL"), ("people", None, "CVL")], [("Khan Younis", "PSE")],
     None, "PSE"),
    ("Russian troops detained villagers near Kupiansk.", "detained",
     [("Russian troops", "RUS", "MIL"), ("villagers", None, "CVL")], [("Kupiansk", "UKR")],
     None, "UKR"),
    # the complement is not read across a comma
    ("Peru protested on Friday that, after long talks, Bolivia had left.", "protested",
     [("Peru", "PER", None), ("Bolivia", "BOL", None)], [], "that", None),
])
def test_roles_target_country(text: str, trigger: str, actors: list[ActorSpec],
                              places: list[tuple[str, str]], clause_to: str | None,
                              want: str | None) -> None:
    roles = _roles(text, trigger, actors, places, clause_to=clause_to)
    assert _country(roles.actor2) == want


@pytest.mark.parametrize("text, trigger, actors, places, want", [
    # an actor without a country takes that of the place or actor it is tied to
    ("Rebels in Kivu attacked a convoy.", "attacked",
     [("Rebels", None, "REB")], [("Kivu", "COD")], "COD"),
    ("Gunmen loyal to Somalia's former defence chief raided a market.", "raided",
     [("Gunmen", None, "UAF")], [("Somalia", "SOM")], "SOM"),
    ("A militia based in Ituri burned a village.", "burned",
     [("militia", None, "MLA")], [("Ituri", "COD")], "COD"),
    ("Sheikh Khalid of Qatar hosted the talks.", "hosted",
     [("Sheikh Khalid", None, "GOV")], [("Qatar", "QAT")], "QAT"),
    # its own country is kept
    ("Albanian rebels in Macedonia attacked a police station.", "attacked",
     [("Albanian rebels", "ALB", "REB")], [("Macedonia", "MKD")], "ALB"),
    # else the country where the clause happens
    ("Rebels attacked a convoy near Kidal.", "attacked",
     [("Rebels", None, "REB")], [("Kidal", "MLI")], "MLI"),
    # an international body gets no country from where it acts
    ("The UN Security Council called for a ceasefire in Darfur.", "called for",
     [("UN Security Council", None, "IGO")], [("Darfur", "SDN")], None),
    # but not the country the deed is aimed at
    ("The senator threatened sanctions against Venezuela.", "threatened",
     [("senator", None, "LEG")], [("Venezuela", "VEN")], None),
    # a trigger that begins inside the doer's phrase
    ("Turkish police arrested twelve students.", "police arrested",
     [("Turkish police", "TUR", "COP")], [], "TUR"),
])
def test_roles_doer_country(text: str, trigger: str, actors: list[ActorSpec],
                            places: list[tuple[str, str]], want: str | None) -> None:
    roles = _roles(text, trigger, actors, places)
    assert [_country(a) for a in roles.actor1] == [want]


@pytest.mark.parametrize("text, trigger, actors, clause_from, want1, want2", [
    # the clause before "that" does not make the complement's subject prepositional
    ("Russia said on Tuesday that Sudan must return the aircraft.", "must",
     [("Russia", "RUS", None), ("Sudan", "SDN", None)], "that", "Sudan", None),
    ("The agency based in Vienna said US and British forces must leave.", "must",
     [("US and British forces", None, "MIL")], "said", "US and British forces", None),
    # an actor after a preposition of its own clause is still no doer
    ("Backed by Egypt, the envoy met Israeli officials.", "met",
     [("Egypt", "EGY", None), ("envoy", None, "GOV"), ("Israeli officials", "ISR", "GOV")],
     None, "envoy", "Israeli officials"),
])
def test_roles_doer_after_clause_start(text: str, trigger: str, actors: list[ActorSpec],
                                       clause_from: str | None, want1: str,
                                       want2: str | None) -> None:
    roles = _roles(text, trigger, actors, clause_from=clause_from)
    assert [a.name for a in roles.actor1] == [want1]
    assert (roles.actor2.name if roles.actor2 else None) == want2


def test_roles_passive_target_is_the_subject_not_a_place() -> None:
    text = "Five soldiers were killed in Kidal on Sunday."
    roles = _roles(text, "killed", [("soldiers", None, "MIL")], [("Kidal", "MLI")],
                   passive=True)
    assert roles.actor2 is not None and roles.actor2.name == "soldiers"
    assert roles.actor1 == []


def test_roles_place_target_keeps_the_place_span() -> None:
    text = "Police imposed a curfew in Mandalay on Friday."
    roles = _roles(text, "curfew", [("Police", None, "COP")], [("Mandalay", "MMR")])
    assert roles.actor2 is not None and roles.actor2.mention is not None
    m = roles.actor2.mention
    assert text[m.start:m.end] == "Mandalay"


@pytest.mark.parametrize("text, trigger, actors, want_doers, want_allies", [
    ("Russian troops fighting alongside Wagner mercenaries shelled Bakhmut.", "shelled",
     [("Russian troops", "RUS", "MIL"), ("Wagner mercenaries", "RUS", "PMC")],
     ["Russian troops"], ["Wagner mercenaries"]),
    ("Backed by Iran, Houthi rebels attacked a tanker.", "attacked",
     [("Iran", "IRN", None), ("Houthi rebels", "YEM", "REB")], ["Houthi rebels"], ["Iran"]),
    ("Government forces, ALONGSIDE allied militias, retook the town.", "retook",
     [("Government forces", None, "MIL"), ("allied militias", None, "MLA")],
     ["Government forces"], ["allied militias"]),
    # "with" alone makes no ally: the police fought the protesters
    ("Police clashed with protesters in the capital.", "clashed",
     [("Police", None, "COP"), ("protesters", None, "PRO")], ["Police"], []),
])
def test_roles_allies(text: str, trigger: str, actors: list[ActorSpec], want_doers: list[str],
                      want_allies: list[str]) -> None:
    roles = _roles(text, trigger, actors)
    assert [a.name for a in roles.actor1] == want_doers
    assert [a.name for a in roles.allies] == want_allies


def test_roles_index_shared_by_the_triggers_of_a_sentence() -> None:
    text = "Rebels in Kivu ambushed a convoy; soldiers later arrested the rebels."
    actors = _actors(text, [("Rebels", None, "REB"), ("soldiers", None, "MIL"),
                            ("the rebels", None, "REB")])
    places = _places(text, [("Kivu", "COD")])
    index = RoleIndex(text, actors, places)
    cut = text.index(";")
    want = {"ambushed": (Span(0, cut), ["Rebels"], None),
            "arrested": (Span(cut + 1, len(text)), ["soldiers"], "the rebels")}
    for _ in range(2):  # the answers do not depend on what the index was asked before
        for trigger, (clause, doers, target) in want.items():
            t = text.index(trigger)
            roles = assign_roles(text, actors, Span(t, t + len(trigger)), clause, False, (),
                                 places, index)
            assert [a.name for a in roles.actor1] == doers
            assert (roles.actor2.name if roles.actor2 else None) == target
    ambush = assign_roles(text, actors, Span(text.index("ambushed"), text.index(" a convoy")),
                          Span(0, cut), False, (), places, index)
    assert ambush.actor1[0].country == "COD"  # "Rebels in Kivu": tied to the place
