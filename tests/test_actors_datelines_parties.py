"""Actors in news copy: a wire dateline is no acronym of a group, a party named before a
lower-case "party" is one actor, and a state's ships and facilities stand for the state."""

from __future__ import annotations

import pytest

from sitroom.actors import ActorMatcher
from sitroom.lexicons import load_lexicons


@pytest.fixture(scope="module")
def matcher() -> ActorMatcher:
    return ActorMatcher.from_lexicons(load_lexicons())


def _find(matcher: ActorMatcher, text: str) -> list[tuple[str, str | None, str | None]]:
    return [(a.name, a.country, a.sector) for a in matcher.find(text)]


@pytest.mark.parametrize("text", [
    "GOMA, Oct 20 - Rebels seized the town on Saturday.",
    "SANAA/ADEN, June 3 - Rebels fired missiles at a ship.",
    "Talks failed.\nKIGALI (Reuters) - Rebels seized the town.",
])
def test_actors_dateline_is_no_group(matcher, text):
    names = [n for n, _, _ in _find(matcher, text)]
    assert not any(n.isupper() for n in names), names


@pytest.mark.parametrize("text, absent", [
    ("KHARTOUM, March 10 (Reuters) - Paramilitary fighters shelled a camp.", "Reuters"),
    ("BAMAKO (AP) — Rebels ambushed a convoy.", "AP"),
    ("MANILA, Philippines — A Chinese coast guard ship fired a water cannon.", "Philippines"),
    ("QUETTA, Pakistan, Sept 2 (Reuters) - Police arrested 12 suspected militants.", "QUETTA"),
    ("GOMA, Democratic Republic of Congo, Jan 27 (Reuters) - M23 rebels attacked.", "GOMA"),
    ("N'DJAMENA, Chad (AP) — The last French soldiers left Chad.", "N'DJAMENA"),
])
def test_actors_agency_and_country_of_a_dateline_are_no_actors(matcher, text, absent):
    names = [n for n, _, _ in _find(matcher, text)]
    assert absent not in names and names, names


def test_actors_agency_outside_a_dateline_is_still_an_actor(matcher):
    text = "Rebels seized the town on Monday. Reuters could not verify the report."
    assert "Reuters" in [n for n, _, _ in _find(matcher, text)]


def test_actors_acronym_outside_dateline_still_found(matcher):
    assert any(n == "MNJTF" for n, _, _ in _find(matcher, "The MNJTF said it killed 12."))


@pytest.mark.parametrize("text, name, country", [
    ("The ruling Georgian Dream party accused the opposition.", "Georgian Dream party", "GEO"),
    ("Leaders of the opposition Civic Platform party walked out.", "Civic Platform party",
     None),
])
def test_actors_named_party_before_lowercase_party(matcher, text, name, country):
    found = [(n, c, s) for n, c, s in _find(matcher, text) if name in n]
    assert found and found[0][1] == country and found[0][2] == "PTY"


@pytest.mark.parametrize("text, name, country", [
    ("Chinese coast guard vessels fired water cannon at a Philippine fisheries ship.",
     "Philippine fisheries ship", "PHL"),
    ("Israel threatened to strike Iranian nuclear sites.", "Iranian nuclear sites", "IRN"),
    ("Russian drones hit Ukrainian energy facilities overnight.",
     "Ukrainian energy facilities", "UKR"),
])
def test_actors_state_ships_and_facilities(matcher, text, name, country):
    assert any(n == name and c == country for n, c, _ in _find(matcher, text))


@pytest.mark.parametrize("text, name", [
    ("European Union leaders met in Brussels.", "European Union leaders"),
    ("NATO officials arrived in Vilnius on Monday.", "NATO officials"),
])
def test_actors_international_body_leaders_act_for_it(matcher, text, name):
    found = [(n, c, s) for n, c, s in _find(matcher, text) if n == name]
    assert found and found[0][1] is None and found[0][2] == "IGO"


@pytest.mark.parametrize("text, found", [
    ("Military jets bombed a village school.", "Military jets"),
    ("Army drones struck the convoy.", "Army drones"),
])
def test_actors_state_forces_craft_is_an_actor(matcher, text, found):
    assert (found, None, "MIL") in _find(matcher, text)


@pytest.mark.parametrize("text", [
    "NATO said it would tighten the naval blockade of Serbia.",
    "The military offensive stalled.",
])
def test_actors_state_forces_act_alone_is_no_actor(matcher, text):
    assert not any(s == "MIL" and c is None for _, c, s in _find(matcher, text))


def test_actors_peacekeepers_are_international(matcher):
    assert ("peacekeepers", None, "IGO") in _find(matcher, "Gunmen attacked peacekeepers near Goma.")
