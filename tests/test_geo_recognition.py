"""Toponym recognition and disambiguation on hand-written sentences."""

from __future__ import annotations

import pytest

from sitroom.geo.gazetteer import haversine_km


def _places(geoparser, text: str):
    """The toponyms found (not the country hinted by demonyms, which has no mention)."""
    return [p for p in geoparser.parse(text, [0]) if p.mention is not None]


def _found(geoparser, text: str) -> dict[str, object]:
    return {p.mention.text: p for p in _places(geoparser, text)}


def test_geo_mentions_index_the_text_exactly(geoparser):
    text = "Shelling hit Kharkiv overnight, and sirens sounded in Kyiv and Lviv."
    places = _places(geoparser, text)
    assert [p.mention.text for p in places] == ["Kharkiv", "Kyiv", "Lviv"]
    for p in places:
        assert text[p.mention.start:p.mention.end] == p.mention.text
        assert p.country == "UKR" and p.precision == "city"


@pytest.mark.parametrize("text, name, lat, lon", [
    ("Fighting continued in the Kursk region on Tuesday.", "Kursk", 51.7, 36.2),
    ("Drones struck targets in Donetsk Oblast overnight.", "Donetsk", 48.0, 37.8),
    ("Airstrikes were reported in Idlib province.", "Idlib", 35.8, 36.6),
])
def test_geo_regions_get_the_region_point(geoparser, text, name, lat, lon):
    place = next(p for p in _places(geoparser, text) if p.mention.text.startswith(name))
    assert place.precision == "admin1"
    assert haversine_km(lat, lon, place.lat, place.lon) < 161


def test_geo_kiev_spelling_resolves_to_kyiv(geoparser):
    (place,) = _places(geoparser, "Talks were held in Kiev on Monday.")
    assert place.country == "UKR" and haversine_km(50.45, 30.52, place.lat, place.lon) < 25


@pytest.mark.parametrize("text, mention, iso3", [
    ("The governor of Georgia toured Atlanta and Savannah after the storm.", "Georgia", "USA"),
    ("Russian troops crossed from South Ossetia into Georgia, near Tbilisi.", "Georgia", "GEO"),
    ("The fair in Paris, Texas drew visitors from Dallas.", "Paris", "USA"),
    ("Protesters marched in Paris and Lyon against the pension reform.", "Paris", "FRA"),
    ("Clashes were reported in Donetsk, in eastern Ukraine.", "Donetsk", "UKR"),
])
def test_geo_homonyms_follow_document_context(geoparser, text, mention, iso3):
    assert _found(geoparser, text)[mention].country == iso3


@pytest.mark.parametrize("text", [
    "Russian and Syrian officials met Ukrainian and American envoys.",
    "The Iraqi delegation and Israeli negotiators spoke with Palestinians.",
])
def test_geo_demonyms_are_not_places(geoparser, text):
    assert _places(geoparser, text) == []


@pytest.mark.parametrize("text, iso3", [
    ("Taliban fighters detained two men at a checkpoint.", "AFG"),
    ("Burkinabe soldiers and Burkinabe volunteers repelled the raid; a Malian trader fled.", "BFA"),
])
def test_geo_demonyms_hint_the_country_without_a_mention(geoparser, text, iso3):
    hinted = [p for p in geoparser.parse(text, [0]) if p.mention is None]
    assert [(p.country, p.precision) for p in hinted] == [(iso3, "country")]


def test_geo_sponsor_demonyms_hint_nothing(geoparser):
    text = "A Saudi-led coalition strike hit the market."
    assert [p for p in geoparser.parse(text, [0]) if p.mention is None] == []


@pytest.mark.parametrize("text, not_place", [
    ("Gov. Jackson said the budget would pass.", "Jackson"),
    ("George Washington crossed the river in the painting.", "Washington"),
    ("Judge Haywood Turner ruled on Monday. Turner said the case was closed.", "Turner"),
    ("Florence Nightingale nursed the wounded soldiers.", "Florence"),
    ("The design firm Stevens & Wilkinson won the contract.", "Wilkinson"),
    ("Toyota announced a recall. Hamas rejected the offer.", "Hamas"),
])
def test_geo_names_of_people_and_organisations_are_not_places(geoparser, text, not_place):
    assert not_place not in _found(geoparser, text)


def test_geo_state_abbreviation_after_a_comma(geoparser):
    found = _found(geoparser, "The plant in Athens, Ga. will close.")
    assert found["Athens"].admin1 == "Georgia" and found["Ga."].precision == "admin1"


def test_geo_place_in_an_organisation_name_is_still_the_place(geoparser):
    found = _found(geoparser, "The Gainesville Police Department in Florida made an arrest.")
    assert found["Gainesville"].admin1 == "Florida"


def test_geo_other_spelling_read_with_admin_context(geoparser):
    found = _found(geoparser, "On 2 May, a protest took place in Nassriya city, Dhi Qar province.")
    assert found["Nassriya"].country == "IRQ"


@pytest.mark.parametrize("text, mention, iso3", [
    # a respelled province named with its generic word
    ("An IED exploded near a shop in Nuristan province on Friday.", "Nuristan", "AFG"),
    # a large town with an alternate spelling, cued by "in central"
    ("Dockers marched in central Heraklion on Tuesday.", "Heraklion", "GRC"),
    # a town named with its bracketed province keeps the reading inside that province
    ("Rebels looted shops in Sarh (Moyen-Chari) overnight.", "Sarh", "TCD"),
])
def test_geo_spellings_and_divisions_resolve(geoparser, text, mention, iso3):
    assert _found(geoparser, text)[mention].country == iso3


@pytest.mark.parametrize("text, absent", [
    ("A bomb went off in Dara-e-Khwaja district, Konar province.", "Dara"),
    ("Workers struck at the call of the SUD and CGT unions in Lyon.", "SUD"),
    ("The Saudi-led coalition struck a depot.", "Saudi"),
])
def test_geo_parts_of_other_names_are_not_places(geoparser, text, absent):
    assert absent not in _found(geoparser, text)


@pytest.mark.parametrize("text", [
    "Rep. Jane Doe, R-Brattleboro, voted against the bill.",
    "The council met on Monday. A Brattleboro woman was injured in the crash.",
    "Police said John Smith, 34, of Brattleboro, was arrested on Friday.",
    "The council met on Monday.\nBRATTLEBORO — The town council approved the budget.",
])
def test_geo_small_town_read_with_a_local_news_cue(geoparser, text):
    found = _found(geoparser, text)
    place = next(p for m, p in found.items() if m.lower() == "brattleboro")
    assert place.country == "USA" and place.admin1 == "Vermont"


def test_geo_small_town_named_bare_is_not_read(geoparser):
    text = "The council met on Monday. Brattleboro officials said the bridge would close."
    assert "Brattleboro" not in _found(geoparser, text)


@pytest.mark.parametrize("text", [
    "Police said Brent Olsen and Lindsay Kowalski were questioned.",
    "Julia Novak said the plan was sound.",
])
def test_geo_given_names_before_a_surname_are_not_places(geoparser, text):
    assert _places(geoparser, text) == []


@pytest.mark.parametrize("text", [
    "Shelling hit Kharkiv (Ukraine) overnight; Obama's aide, O'Brien, said “Kabul-based” teams left.",
    "U.S. and U.K. envoys met in St. Louis, Mo., on 12 March 2016 -- talks ended at 3 p.m.\n\nNext day",
    "  Tabs\tand\r\nodd   spacing, d'Arc’s l’Aquila John's 'quoted' (2016s) F-16 ½x É.Z. ",
])
def test_geo_tokenizer_matches_the_token_expression(text):
    from sitroom.geo.recognize import _TOKEN, _tokenize

    spans = [m.span() for m in _TOKEN.finditer(text)]
    caps = [k for k, (s, _) in enumerate(spans) if text[s].isupper()]
    assert _tokenize(text) == (spans, caps)


def test_geo_party_and_state_abbreviation_name_the_state(geoparser):
    found = _found(geoparser, "Sen. Jane Doe (R-Fla.) and Rep. John Roe (D-Ohio) disagreed.")
    assert found["Fla."].name == "Florida" and found["Ohio"].name == "Ohio"


def test_geo_town_joined_to_its_county_reads_in_that_county(geoparser):
    found = _found(geoparser, "Volunteers from the Paris-Henry County Rescue Squad helped.")
    assert found["Paris"].country == "USA" and found["Paris"].admin1 == "Tennessee"


def test_geo_plural_generic_word_names_the_kind_of_every_listed_name(geoparser):
    found = _found(geoparser, "School boards in Barrow, Jackson and Madison counties tweaked plans.")
    assert found["Barrow"].precision != "city" and found["Barrow"].country == "USA"
