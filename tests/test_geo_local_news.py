"""Local-news toponyms: small towns named by their civic bodies, addresses and
residents, abbreviated names, county lists, and towns resolved by the places named
near them (hand-written sentences)."""

from __future__ import annotations

import pytest

from sitroom.geo.gazetteer import expand_abbreviation, haversine_km


def _found(geoparser, text: str) -> dict[str, object]:
    return {p.mention.text: p for p in geoparser.parse(text, [0]) if p.mention is not None}


@pytest.mark.parametrize("text, mention, admin1", [
    # a town and the county it lies in: the town of that county, not the larger namesake
    ("Deputies from Maury County and the Columbia fire department searched the woods.",
     "Columbia", "Tennessee"),
    ("Crews from Columbia and Maury County cleared the roads after the storm.",
     "Maury County", "Tennessee"),
    ("Deputies from Clark County and the Springfield fire department searched the woods.",
     "Springfield", "Ohio"),
])
def test_geo_towns_named_together_resolve_near_each_other(geoparser, text, mention, admin1):
    assert _found(geoparser, text)[mention].admin1 == admin1


@pytest.mark.parametrize("text, mention, bare", [
    ("Ocala says it will review the permit. Two Ocala residents objected, "
     "and the Ocala budget passed.", "Ocala", "the Ocala budget"),
    ("Two Lakeland residents won the raffle. Another Lakeland business opened on Friday.",
     "Lakeland", "Another Lakeland business"),
])
def test_geo_name_placed_elsewhere_in_the_text_is_a_place_throughout(geoparser, text, mention,
                                                                      bare):
    at = text.index(bare) + bare.index(mention)
    starts = {p.mention.start for p in geoparser.parse(text, [0]) if p.mention is not None}
    assert at in starts


def test_geo_possessive_after_in_does_not_place_a_person(geoparser):
    text = ("Emily Greenville appeared in court. The hearing in Greenville's case was "
            "delayed. Later, Greenville smiled.")
    at = text.rindex("Greenville")
    assert at not in {p.mention.start for p in geoparser.parse(text, [0]) if p.mention}


@pytest.mark.parametrize("text, mention", [
    ("The Sturbridge Police Department asked residents to lock their cars.", "Sturbridge"),
    ("Members of the Tolland Board of Finance met on Tuesday.", "Tolland"),
    ("The Eskridge Seniors Center hosts a meeting tonight.", "Eskridge"),
])
def test_geo_town_named_by_its_civic_body_is_read(geoparser, text, mention):
    assert mention in _found(geoparser, text)


def test_geo_common_word_before_a_civic_body_is_not_a_place(geoparser):
    text = "Border Police patrolled the border crossing overnight."
    assert "Border" not in _found(geoparser, text)


@pytest.mark.parametrize("key, expanded", [
    ("mt. pleasant", "mount pleasant"),
    ("ft. myers", "fort myers"),
    ("st. albans", "saint albans"),
    ("mt vernon", "mount vernon"),
    ("kabul", "kabul"),
])
def test_geo_expand_abbreviation(key, expanded):
    assert expand_abbreviation(key) == expanded


@pytest.mark.parametrize("text, mention, admin1", [
    ("Storm damage closed two schools in Ft. Myers on Monday.", "Ft. Myers", "Florida"),
    ("The Mt. Airy council approved the budget.", "Mt. Airy", None),
])
def test_geo_abbreviated_town_names_are_read(geoparser, text, mention, admin1):
    place = _found(geoparser, text)[mention]
    assert place.name.startswith(("Fort", "Mount"))
    assert admin1 is None or place.admin1 == admin1


@pytest.mark.parametrize("text, mention", [
    ("BY A STAFF WRITER\nTOLEDO -- Council members voted to repave the lot.", "TOLEDO"),
    ("ZANESVILLE -- A fire destroyed a barn early Sunday.", "ZANESVILLE"),
])
def test_geo_dateline_with_a_double_hyphen(geoparser, text, mention):
    assert mention in _found(geoparser, text)


@pytest.mark.parametrize("text, mention, admin1", [
    ("Mich. lawmakers debated the road budget again.", "Mich.", "Michigan"),
    ("Miners in W. Va. rallied for safety rules.", "W. Va.", "West Virginia"),
    ("He was jailed in Elkins, W. Va., after a traffic stop.", "W. Va.", "West Virginia"),
])
def test_geo_state_abbreviations_as_words(geoparser, text, mention, admin1):
    assert _found(geoparser, text)[mention].admin1 == admin1


@pytest.mark.parametrize("text, mention, admin1", [
    ("Turnout rose in Portage and Summit counties.", "Portage", "Ohio"),
    ("Flood warnings cover Stearns, Benton and Sherburne counties.", "Stearns", "Minnesota"),
    ("Flood warnings cover Stearns, Benton and Sherburne counties.", "Benton", "Minnesota"),
])
def test_geo_names_of_a_county_list_known_only_as_counties(geoparser, text, mention, admin1):
    place = _found(geoparser, text)[mention]
    assert place.precision == "admin2" and place.admin1 == admin1


@pytest.mark.parametrize("text, mention", [
    ("The detour runs along Navarro County Road 20 until June.", "Navarro County"),
    ("She filed the motion in Lycoming County Court last week.", "Lycoming County"),
])
def test_geo_county_before_a_road_or_court_is_read(geoparser, text, mention):
    assert mention in _found(geoparser, text)


def test_geo_legislators_home_county(geoparser):
    text = ("West Virginia delegates Ann Smith, D-Mingo, and Tom Reed, R-Wetzel, "
            "backed the measure.")
    found = _found(geoparser, text)
    assert found["Mingo"].admin1 == "West Virginia"
    assert found["Wetzel"].precision == "admin2"


@pytest.mark.parametrize("text, mention", [
    ("Prizes went to Laura Jennings of Hummelstown and Tom Hardy of Bluffton.",
     "Hummelstown"),
    ("Mourners included Gary Brandt Sr. of Womelsdorf.", "Womelsdorf"),
    ("Services will be at the chapel, 12 Elm Street, Hummelstown, on Friday.", "Hummelstown"),
    ("Also charged: Jeffery Holt, 41, Overton, and two others.", "Overton"),
    ("A Kingsport mother was charged with neglect.", "Kingsport"),
])
def test_geo_where_people_live_cues_small_towns(geoparser, text, mention):
    assert mention in _found(geoparser, text)


def test_geo_small_towns_listed_with_a_known_town_are_read(geoparser):
    text = "Volunteers came from Lancaster, Lititz and Manheim to help."
    assert {"Lancaster", "Lititz", "Manheim"} <= set(_found(geoparser, text))


@pytest.mark.parametrize("text, mention, admin1", [
    ("Deputies in LaSalle Parish seized the truck.", "LaSalle Parish", "Louisiana"),
    ("Former Jasper County manager joins the state board.", "Jasper County", None),
])
def test_geo_division_spellings_and_division_names_after_a_capital(geoparser, text, mention,
                                                                   admin1):
    place = _found(geoparser, text)[mention]
    assert place.precision == "admin2"
    assert admin1 is None or place.admin1 == admin1


def test_geo_abbreviated_name_keeps_its_main_reading(geoparser):
    place = _found(geoparser, "Rain flooded streets in St. Louis on Sunday.")["St. Louis"]
    assert haversine_km(38.63, -90.2, place.lat, place.lon) < 50


@pytest.mark.parametrize("text, mention, admin1", [
    ("Texas officials said the Athens plant will stay open. Texas lawmakers toured "
     "Florida last spring. The Athens mayor welcomed the news.", "Athens", "Texas"),
])
def test_geo_division_named_most_often_places_ambiguous_towns(geoparser, text, mention, admin1):
    places = [p for p in geoparser.parse(text, [0]) if p.mention and p.mention.text == mention]
    assert places and all(p.admin1 == admin1 for p in places)


def test_geo_two_divisions_named_equally_often_do_not_place_towns(geoparser):
    text = ("Texas and Georgia officials met. Texas and Georgia signed the pact. "
            "Athens hosted the talks.")
    (athens,) = [p for p in geoparser.parse(text, [0]) if p.mention and p.mention.text == "Athens"]
    assert athens.admin1 not in ("Texas",)
