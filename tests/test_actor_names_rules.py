"""Canonical actor names (actor_names.rules@1): hand-built events in, ACLED-style names out.

The text as written stays in ``Actor.mention``; the name is what analysts count by.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.errors import LexiconError
from sitroom.lexicons import load_lexicons
from sitroom.model import Actor, Document, Event, Mention, Place
from sitroom.pipeline.actor_names import ActorNamer, ActorNameStage
from sitroom.pipeline.base import Pipeline

EVIDENCE = Mention(0, 40, "x" * 40, "EVIDENCE")


@pytest.fixture(scope="module")
def namer() -> ActorNamer:
    return ActorNamer(load_lexicons())


def actor(text: str | None, sector: str | None = None, country: str | None = None) -> Actor | None:
    if text is None:
        return None
    return Actor(text, country, sector, Mention(100, 100 + len(text), text, "ACTOR"))


def event(sub: str | None, a1: Actor | None, a2: Actor | None = None,
          place: str | None = None, event_type: str = "ASSAULT") -> Event:
    loc = Place("somewhere", country=place, precision="city") if place else None
    return Event("d1", event_type, EVIDENCE, acled_sub_event_type=sub, actor1=a1, actor2=a2,
                 location=loc, trigger=Mention(5, 10, "xxxxx", "TRIGGER"))


def summary(a: Actor | None) -> tuple | None:
    return (a.name, a.sector, a.country) if a else None


# (sub-event, event type, actor1 (text, sector, country), actor2, place country,
#  expected actor1 (name, sector, country), expected actor2)
ROLE_CASES = [
    # whoever protests is a protester, whatever the text calls them
    ("Peaceful protest", "PROTEST", ("residents", "CVL", "KEN"), None, "KEN",
     ("Protesters (Kenya)", "PRO", "KEN"), None),
    ("Peaceful protest", "PROTEST", ("truck drivers", "LAB", None), None, "ARG",
     ("Protesters (Argentina)", "PRO", "ARG"), None),
    ("Peaceful protest", "PROTEST", ("Workers Union of Lusaka", "LAB", "ZMB"), None, "ZMB",
     ("Protesters (Zambia)", "PRO", "ZMB"), None),
    ("Protest with intervention", "PROTEST", ("students", "EDU", None), None, None,
     ("Protesters", "PRO", None), None),
    # the protesters' own country comes first
    ("Peaceful protest", "PROTEST", ("Iranians", "CVL", "IRN"), None, "DEU",
     ("Protesters (Iran)", "PRO", "IRN"), None),
    # whoever riots is a rioter
    ("Violent demonstration", "PROTEST", ("youths", "CVL", None), None, "CHL",
     ("Rioters (Chile)", "RIO", "CHL"), None),
    ("Mob violence", "ASSAULT", ("villagers", "CVL", "IND"), ("man", "CVL", "IND"), "IND",
     ("Rioters (India)", "RIO", "IND"), ("Civilians (India)", "CVL", "IND")),
    # the victims of violence against civilians are civilians
    ("Attack", "ASSAULT", ("soldiers", "MIL", None), ("villagers", "CVL", None), "MLI",
     ("Military Forces of Mali", "MIL", "MLI"), ("Civilians (Mali)", "CVL", "MLI")),
    ("Abduction/forced disappearance", "COERCE", ("unknown gunmen", "UAF", None),
     ("a teacher", "EDU", None), "NGA",
     ("Unidentified Armed Group (Nigeria)", "UAF", "NGA"), ("Civilians (Nigeria)", "CVL", "NGA")),
    ("Attack", "ASSAULT", ("armed men", "UAF", "HUN"), ("Ukrainian refugee", "REF", "UKR"), "HUN",
     ("Unidentified Armed Group (Hungary)", "UAF", "HUN"), ("Civilians (Ukraine)", "CVL", "UKR")),
    # an unarmed official shot by gunmen is a civilian victim
    ("Attack", "ASSAULT", ("gunmen", "UAF", None), ("local official", "GOV", None), "SOM",
     ("Unidentified Armed Group (Somalia)", "UAF", "SOM"), ("Civilians (Somalia)", "CVL", "SOM")),
    # police who stop a march are not the protesters: the marchers are
    ("Protest with intervention", "PROTEST", ("Kenyan police", "COP", "KEN"),
     ("students", "EDU", "KEN"), "KEN",
     ("Protesters (Kenya)", "PRO", "KEN"), ("Police Forces of Kenya", "COP", "KEN")),
    # the police who stopped the march, not the capital it was held in, faced the protesters
    ("Protest with intervention", "PROTEST", ("police", "COP", "KEN"), ("Nairobi", None, "KEN"),
     "KEN", ("Protesters (Kenya)", "PRO", "KEN"), ("Police Forces of Kenya", "COP", "KEN")),
    # a protest against a ministry had protesters; the ministry is what it was against
    ("Peaceful protest", "PROTEST", ("ministry", "GOV", "PER"), None, "PER",
     ("Protesters (Peru)", "PRO", "PER"), ("Government of Peru", "GOV", "PER")),
]


@pytest.mark.parametrize("sub,etype,a1,a2,place,want1,want2", ROLE_CASES)
def test_actor_names_role_in_event(namer, sub, etype, a1, a2, place, want1, want2):
    e = event(sub, actor(*a1) if a1 else None, actor(*a2) if a2 else None, place, etype)
    out = namer.name_event(e)
    assert summary(out.actor1) == want1
    assert summary(out.actor2) == want2


# (text, sector, country, sub-event, place, expected name, expected sector, expected country)
NAME_CASES = [
    ("Kenyan police", "COP", "KEN", "Arrests", "KEN", "Police Forces of Kenya", "COP", "KEN"),
    ("police officers", "COP", None, "Arrests", "KEN", "Police Forces of Kenya", "COP", "KEN"),
    ("gendarmes", "COP", None, "Arrests", None, "Police Forces", "COP", None),
    ("troops", "MIL", None, "Armed clash", "SDN", "Military Forces of Sudan", "MIL", "SDN"),
    ("security forces", "COP", "PAK", "Armed clash", "PAK", "Police Forces of Pakistan", "COP",
     "PAK"),
    ("North Korean soldiers", "MIL", "PRK", "Armed clash", "RUS",
     "Military Forces of North Korea", "MIL", "PRK"),
    ("bandits", "CRM", None, "Attack", "NGA", "Unidentified Gang (Nigeria)", "CRM", "NGA"),
    ("US troops", "MIL", "USA", "Armed clash", "SYR", "Military Forces of the United States",
     "MIL", "USA"),
    ("Filipino soldiers", "MIL", "PHL", "Armed clash", "PHL",
     "Military Forces of the Philippines", "MIL", "PHL"),
    ("American protesters", "PRO", "USA", "Arrests", "USA", "Protesters (United States)", "PRO",
     "USA"),
    # a state named alone: its forces in a battle or a strike, else its government
    ("Russia", None, "RUS", "Shelling/artillery/missile attack", "UKR",
     "Military Forces of Russia", "MIL", "RUS"),
    ("Russia", None, "RUS", None, None, "Government of Russia", "GOV", "RUS"),
    ("Kremlin", "GOV", "RUS", None, None, "Government of Russia", "GOV", "RUS"),
    ("government", "GOV", "ETH", "Agreement", "ETH", "Government of Ethiopia", "GOV", "ETH"),
    # named organisations keep their names, without the plain words around them
    ("Hamas", "REB", "PSE", "Armed clash", "ISR", "Hamas", "REB", "PSE"),
    ("Taliban fighters", "REB", "AFG", "Armed clash", "AFG", "Taliban", "REB", "AFG"),
    ("suspected Gulf Clan members", "CRM", "COL", "Armed clash", "COL", "Gulf Clan", "CRM",
     "COL"),
    ("member of the CNDD-FDD", "PTY", "BDI", "Arrests", "BDI", "CNDD-FDD", "PTY", "BDI"),
    # one name for the forms of a well-known group
    ("IS militants", "REB", None, "Armed clash", "IRQ", "Islamic State", "REB", None),
    ("al-Shabab", "REB", "SOM", "Armed clash", "SOM", "Al Shabaab", "REB", "SOM"),
    ("M23 rebels", "REB", "COD", "Armed clash", "COD", "M23: March 23 Movement", "REB", "COD"),
    # a named body's armed force says it is a force
    ("Houthi forces", "REB", "YEM", "Armed clash", "YEM", "Houthi forces", "REB", "YEM"),
    # persons and titled officials keep their names
    ("President Volodymyr Zelensky", "GOV", "UKR", None, None, "President Volodymyr Zelensky",
     "GOV", "UKR"),
    ("prime minister", "GOV", "ARM", None, "ARM", "prime minister", "GOV", "ARM"),
    ("Zelensky's office", "GOV", "UKR", None, None, "Zelensky's office", "GOV", "UKR"),
    ("G7", "IGO", None, None, None, "G7", "IGO", None),
    ("Western allies", None, None, None, None, "Western allies", None, None),
    # a place taken for an actor keeps its name
    ("Gaza Strip", None, "PSE", "Armed clash", "PSE", "Gaza Strip", None, "PSE"),
]


@pytest.mark.parametrize("text,sector,country,sub,place,name,want_sector,want_country",
                         NAME_CASES)
def test_actor_names_canonical_name(namer, text, sector, country, sub, place, name,
                                    want_sector, want_country):
    out = namer.name_event(event(sub, actor(text, sector, country), None, place))
    assert summary(out.actor1) == (name, want_sector, want_country)


@pytest.mark.parametrize("text", ["police officers", "Taliban fighters", "residents",
                                  "Russia", "IS militants"])
def test_actor_names_mention_kept_as_written(namer, text):
    a = actor(text, "CVL", "AFG")
    out = namer.name_event(event("Peaceful protest", a, None, "AFG", "PROTEST"))
    assert out.actor1.mention == a.mention
    assert out.actor1.mention.text == text


@pytest.mark.parametrize("sub,etype", [
    ("Armed clash", "ASSAULT"), (None, "AGREE"), ("Arrests", "COERCE"),
    ("Air/drone strike", "ASSAULT"), ("Shelling/artillery/missile attack", "ASSAULT"),
])
def test_actor_names_no_actor_invented_where_the_doer_is_not_implied(namer, sub, etype):
    out = namer.name_event(event(sub, None, None, "KEN", etype))
    assert out.actor1 is None and out.actor2 is None


@pytest.mark.parametrize("sub,etype", [
    ("Remote explosive/landmine/IED", "ASSAULT"), ("Suicide bomb", "ASSAULT"),
    ("Grenade", "ASSAULT"), ("Attack", "ASSAULT"), ("Abduction/forced disappearance", "COERCE"),
])
def test_actor_names_unstated_bomber_or_attacker_is_an_unidentified_armed_group(namer, sub,
                                                                                etype):
    victims = actor("villagers", "CVL", None)
    out = namer.name_event(event(sub, None, victims, "IRQ", etype))
    assert summary(out.actor1) == ("Unidentified Armed Group (Iraq)", "UAF", "IRQ")
    assert out.actor1.mention is None  # inferred: no words of the text name it
    assert out.actor2.sector == "CVL"


@pytest.mark.parametrize("sentence, created", [
    ("Mediators urged the army to halt its attacks on the camps.", False),
    ("They asked the rebels to end their attacks.", False),
    ("Attacks on the camps continued overnight.", True),
])
def test_actor_names_no_unidentified_group_for_a_deed_whose_doer_is_referred_to(
        namer, sentence, created):
    at = sentence.index("ttacks") - 1
    e = Event("d1", "ASSAULT", Mention(0, len(sentence), sentence, "EVIDENCE"),
              acled_sub_event_type="Attack", location=Place("x", country="SOM", precision="city"),
              trigger=Mention(at, at + 7, sentence[at:at + 7], "TRIGGER"))
    out = namer.name_event(e)
    assert (out.actor1 is not None) is created


@pytest.mark.parametrize("sub", ["Remote explosive/landmine/IED", "Attack"])
def test_actor_names_stated_doer_of_a_bombing_or_attack_is_kept(namer, sub):
    soldiers = actor("soldiers", "MIL", "MLI")
    out = namer.name_event(event(sub, soldiers, None, "MLI", "ASSAULT"))
    assert summary(out.actor1) == ("Military Forces of Mali", "MIL", "MLI")
    assert out.actor2 is None


@pytest.mark.parametrize("sub,name", [
    ("Peaceful protest", "Protesters (Kenya)"), ("Protest with intervention", "Protesters (Kenya)"),
    ("Violent demonstration", "Rioters (Kenya)"), ("Mob violence", "Rioters (Kenya)"),
])
def test_actor_names_protest_without_stated_protesters(namer, sub, name):
    out = namer.name_event(event(sub, None, None, "KEN", "PROTEST"))
    assert out.actor1 == Actor(name, "KEN", out.actor1.sector, None)
    assert out.actor1.sector in {"PRO", "RIO"}


def test_actor_names_co_doers_become_one_event(namer):
    students = event("Peaceful protest", actor("students", "EDU", "KEN"), None, "KEN", "PROTEST")
    workers = event("Peaceful protest", actor("workers", "LAB", "KEN"), None, "KEN", "PROTEST")
    out = namer([students, workers])
    assert len(out) == 1 and out[0].actor1.name == "Protesters (Kenya)"


def test_actor_names_merged_events_keep_the_most_confident(namer):
    from dataclasses import replace

    students = event("Peaceful protest", actor("students", "EDU", "KEN"), None, "KEN", "PROTEST")
    workers = replace(event("Peaceful protest", actor("workers", "LAB", "KEN"), None, "KEN",
                            "PROTEST"), confidence=0.9)
    out = namer([students, workers])
    assert [e.confidence for e in out] == [0.9]


def test_actor_names_other_fields_untouched(namer):
    e = event("Attack", actor("soldiers", "MIL", None), actor("villagers", "CVL", None), "MLI")
    out = namer.name_event(e)
    for f in ("doc_id", "event_type", "evidence", "acled_sub_event_type", "location", "trigger",
              "confidence", "status", "quantities", "attribution"):
        assert getattr(out, f) == getattr(e, f)


def test_actor_names_runs_last_in_default_pipeline():
    assert Pipeline().stages[-1].name == ActorNameStage.name


@pytest.mark.parametrize("text,name", [
    ("Hundreds of teachers marched through Nairobi, Kenya, on Monday to demand higher pay.",
     "Protesters (Kenya)"),
    ("Soldiers shot dead three villagers in the Mopti region of Mali on Tuesday.",
     "Military Forces of Mali"),
])
def test_actor_names_full_pipeline(text, name):
    doc = Pipeline()(Document("t1", text))
    names = {a.name for e in doc.events for a in (e.actor1, e.actor2) if a}
    assert name in names


@pytest.mark.parametrize("row,message", [
    ("Peaceful protest\tactor1\tPRO\tCVL XYZ\tyes\tstate", "XYZ"),
    ("Peaceful protest\tactor3\tPRO\tCVL\tyes\tstate", "actor3"),
    ("Peaceful protests\tactor1\tPRO\tCVL\tyes\tstate", "Peaceful protests"),
    ("Peaceful protest\tactor1\tPRO\tCVL\tyes\tyes", "yes"),
])
def test_actor_names_bad_role_row_names_file_and_line(tmp_path: Path, row, message):
    path = tmp_path / "roles.tsv"
    path.write_text("# version: 1\nsub_event\tslot\tsector\ttakes\tnamed\tcreate\n"
                    f"{row}\n", encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        ActorNamer(load_lexicons({"actor_names_roles.tsv": path}))
    assert "roles.tsv:3" in str(err.value)
    assert message in str(err.value)


@pytest.mark.parametrize("sentence,owned", [
    ("The group vowed to halt its attacks on the city.", True),
    ("They promised to end THEIR ATTACKS soon.", True),
    ("Whose bombing of the bridge was condemned.", True),
    ("The army vowed to halt attacks on the city.", False),
    ("Dozens marched «against» the attacks on the city.", False),
    ("Café owners said its recent attacks failed.", True),  # (not ASCII: the regex alone)
    ("Café owners said recent attacks failed.", False),
])
def test_actor_names_possessive_before_trigger(sentence: str, owned: bool) -> None:
    from sitroom.pipeline.actor_names import _owned

    at = sentence.lower().index("attack") if "attack" in sentence.lower() else \
        sentence.lower().index("bombing")
    word = sentence[at:].split()[0]
    e = Event("d", "ASSAULT", Mention(0, len(sentence), sentence),
              trigger=Mention(at, at + len(word), word))
    assert _owned(e) is owned
