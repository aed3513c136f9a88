"""Physical features, stated divisions and displaced people's homes: names the document's
own context places, on hand-written sentences."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sitroom import Document
from sitroom.geo import locate_event
from sitroom.geo.gazetteer import haversine_km
from sitroom.pipeline.sentences import split_sentences


def _doc(geoparser, text: str) -> Document:
    doc = Document(id="t", text=text)
    doc = replace(doc, sentences=tuple(split_sentences(text)))
    places = geoparser.parse(text, [s.start for s in doc.sentences])
    return replace(doc, places=tuple(places))


def _named(doc: Document) -> dict[str, object]:
    return {p.mention.text: p for p in doc.places if p.mention is not None}


def _last_sentence_place(doc: Document):
    last = doc.sentences[-1]
    return locate_event(doc, last.start, last.end)


@pytest.mark.parametrize("text, name", [
    ("Chinese coast guard ships blocked a Philippine supply boat near Scarborough Shoal, "
     "officials in Manila said.", "Scarborough"),
    ("Fishermen from Vietnam said Chinese ships rammed their boat near Perth Reef, "
     "a Hanoi official said.", "Perth"),
])
def test_geo_feature_named_after_a_foreign_town_is_not_that_town(geoparser, text, name):
    doc = _doc(geoparser, text)
    assert name not in _named(doc)
    assert all(p.country in ("PHL", "VNM", "CHN") for p in doc.places)


@pytest.mark.parametrize("text, mention, iso3", [
    # a river named after a town of the country the story is about stands near it
    ("Ferry traffic on the Hudson River was halted after the storm hit New York and "
     "New Jersey.", "Hudson", "USA"),
    # a country's name before a feature word: the feature borders that country
    ("Taiwan said Chinese ships sailed through the Taiwan Strait on Monday.", "Taiwan", "TWN"),
])
def test_geo_feature_named_after_a_place_of_the_story_keeps_it(geoparser, text, mention, iso3):
    assert _named(_doc(geoparser, text))[mention].country == iso3


@pytest.mark.parametrize("text, mention", [
    ("Houthi forces attacked a cargo ship in the Red Sea off Yemen.", "Red Sea"),
    ("Beijing sent warships into the South China Sea after talks in Manila failed.",
     "South China Sea"),
])
def test_geo_feature_the_gazetteer_holds_is_read_whole(geoparser, text, mention):
    assert mention in _named(_doc(geoparser, text))


@pytest.mark.parametrize("text", [
    "A drone struck a market near the town of Lere in the Timbuktu region, Malian "
    "officials said.",
    "Gunmen attacked Lere, in the Timbuktu region of Mali, on Sunday.",
])
def test_geo_town_in_a_stated_region_is_not_a_bigger_foreign_homonym(geoparser, text):
    doc = _doc(geoparser, text)
    assert {p.country for p in doc.places} == {"MLI"}
    place = _last_sentence_place(doc)
    assert place is not None and place.country == "MLI"
    assert haversine_km(16.77, -3.0, place.lat, place.lon) < 161  # in the Timbuktu area


def test_geo_town_in_a_stated_region_of_its_own_country_stays(geoparser):
    doc = _doc(geoparser, "Gunmen attacked the town of Bama in the Borno region on Sunday.")
    assert _named(doc)["Bama"].country == "NGA"


@pytest.mark.parametrize("text, iso3, lat, lon", [
    ("Thousands fled from South Sudan's Upper Nile into Ethiopia this week, aid workers in "
     "Gambela said. Many said gunmen had burned their homes.", "SSD", 10.0, 32.7),
    ("Families crossed from Myanmar's Rakhine state into Bangladesh this month. "
     "They said soldiers had torched their villages.", "MMR", 20.0, 93.5),
])
def test_geo_what_refugees_tell_of_their_homes_is_where_they_fled(geoparser, text, iso3,
                                                                  lat, lon):
    place = _last_sentence_place(_doc(geoparser, text))
    assert place is not None and place.country == iso3
    assert haversine_km(lat, lon, place.lat, place.lon) < 400


def test_geo_homes_without_a_flight_keep_the_sentence_before(geoparser):
    doc = _doc(geoparser, "Floods swept through Sylhet on Monday. Residents said the water "
                          "reached their homes within an hour.")
    place = _last_sentence_place(doc)
    assert place is not None and place.name == "Sylhet"
