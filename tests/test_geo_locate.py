"""Where an event happened: locate_event and the places stage."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sitroom import Document, Settings
from sitroom.geo import locate_event, toponym_record
from sitroom.geo.locate import DocumentLocator, document_locator
from sitroom.geo.gazetteer import haversine_km
from sitroom.pipeline.sentences import split_sentences


def _doc(geoparser, text: str) -> Document:
    doc = Document(id="t", text=text)
    doc = replace(doc, sentences=tuple(split_sentences(text)))
    places = geoparser.parse(text, [s.start for s in doc.sentences])
    return replace(doc, places=tuple(places))


def test_geo_event_prefers_clash_site_over_transit_city(geoparser):
    text = ("The troops arrived via Vladivostok last month and on Tuesday clashed with "
            "Ukrainian forces in the Kursk region, officials said.")
    doc = _doc(geoparser, text)
    trigger_at = text.index("clashed")
    place = locate_event(doc, 0, len(text), doc.span(trigger_at, trigger_at + 7))
    assert place is not None and place.mention.text.startswith("Kursk")


def test_geo_event_in_village_of_district_picks_the_district_town(geoparser):
    text = ("On 13 March, gunmen shot a former commander in Khawajak village of Rustaq "
            "district, Takhar province.")
    doc = _doc(geoparser, text)
    place = locate_event(doc, 0, len(text))
    assert place is not None and place.country == "AFG"
    assert haversine_km(37.13, 69.83, place.lat, place.lon) < 25


def test_geo_event_without_a_place_uses_the_previous_sentence(geoparser):
    text = "Police dispersed a rally in Nairobi. Dozens were arrested."
    doc = _doc(geoparser, text)
    start = text.index("Dozens")
    place = locate_event(doc, start, len(text))
    assert place is not None and place.country == "KEN"


def test_geo_event_with_no_places_is_unlocated(geoparser):
    doc = _doc(geoparser, "Officials said talks would resume soon.")
    assert locate_event(doc, 0, len(doc.text)) is None


def test_geo_places_stage_fills_sorted_places():
    from sitroom import Pipeline

    pipe = Pipeline(Settings(stages=("sentences.rules@1", "places.gazetteer@1")))
    text = "Rockets hit Haifa. Later, sirens sounded in Tel Aviv and Jerusalem, Israel."
    doc = pipe(Document(id="d1", text=text))
    starts = [p.mention.start for p in doc.places]
    assert starts == sorted(starts)
    assert {p.mention.text for p in doc.places} >= {"Haifa", "Tel Aviv", "Jerusalem", "Israel"}
    rec = toponym_record("d1", doc.places[0])
    assert rec["doc_id"] == "d1" and text[rec["start"]:rec["end"]] == rec["name"] == "Haifa"
    assert isinstance(rec["lat"], float) and rec["geonames_id"]


@pytest.mark.parametrize("text, iso3, lat, lon", [
    # a village the gazetteer lacks, named with its region: the region, not a look-alike
    ("Gunmen attacked a market near Boni in the Mopti region on Sunday.", "MLI", 14.5, -3.9),
    # an unknown village in brackets with its district and province
    ("Militants burned a school in the village of Zzyzxa (Kunduz district, Kunduz province).",
     "AFG", 36.7, 68.9),
])
def test_geo_event_with_unknown_village_falls_back_to_its_division(geoparser, text, iso3, lat, lon):
    place = locate_event(_doc(geoparser, text), 0, len(text))
    assert place is not None and place.country == iso3
    assert haversine_km(lat, lon, place.lat, place.lon) < 161


def test_geo_event_with_only_a_demonym_gets_the_country(geoparser):
    text = "Taliban fighters detained two shopkeepers at a checkpoint on Monday."
    place = locate_event(_doc(geoparser, text), 0, len(text))
    assert place is not None and place.country == "AFG" and place.precision == "country"


def test_geo_event_outside_an_embassy_is_in_the_host_city(geoparser):
    text = "Protesters gathered outside the Embassy of Iran in Oslo, Norway."
    place = locate_event(_doc(geoparser, text), 0, len(text))
    assert place is not None and place.country == "NOR"


@pytest.mark.parametrize("text, name, iso3", [
    # a neighbourhood named after a far city is inside the city named with it
    ("Gunmen shot a trader in the Paris neighborhood of Lagos on Sunday.", "Lagos", "NGA"),
    # a note saying where it codes the event outweighs the division it names
    ("Farmers protested across Punjab province (coded to Lahore) over fertiliser prices.",
     "Lahore", "PAK"),
    # a march through a city happened there, not where its organisers came from
    ("Thousands marched through Manchester on Saturday, organisers from London said.",
     "Manchester", "GBR"),
    ("Hundreds rallied in downtown Toronto against rising rents, a group from Ottawa said.",
     "Toronto", "CAN"),
])
def test_geo_event_place_follows_the_cue_around_it(geoparser, text, name, iso3):
    place = locate_event(_doc(geoparser, text), 0, len(text))
    assert place is not None and place.name == name and place.country == iso3


def test_geo_event_without_a_place_takes_the_best_place_of_the_sentence_before(geoparser):
    text = "Workers rallied in Mombasa, Kenya on Monday. Police later arrested three of them."
    doc = _doc(geoparser, text)
    place = locate_event(doc, text.index("Police"), len(text))
    assert place is not None and place.name == "Mombasa"  # not the country qualifying it


def test_geo_document_is_prepared_once_for_all_its_events(geoparser):
    text = ("Rockets hit Haifa on Monday. Later, sirens sounded in Tel Aviv. "
            "Protesters gathered outside the Embassy of Iran in Oslo, Norway.")
    doc = _doc(geoparser, text)
    prepared = document_locator(doc)
    assert isinstance(prepared, DocumentLocator)
    for s in doc.sentences:
        assert prepared.locate(s.start, s.end) == locate_event(doc, s.start, s.end)
    other = _doc(geoparser, "Police dispersed a rally in Nairobi.")
    assert locate_event(other, 0, len(other.text)).country == "KEN"
    assert locate_event(doc, 0, 10).name == "Haifa"  # the first document is not confused


@pytest.mark.parametrize("text, later, name", [
    # a later mention of the state stands for the town the report is about
    ("Hundreds rallied outside the state capitol in Sacramento (California) on Monday. "
     "Lawmakers of California joined the crowd.", "Lawmakers", "Sacramento"),
    # unless the whole country is meant
    ("Residents protested in Bandung on Friday. Similar rallies were held across Indonesia.",
     "Similar", "Indonesia"),
])
def test_geo_event_naming_a_region_after_a_town(geoparser, text, later, name):
    doc = _doc(geoparser, text)
    place = locate_event(doc, text.index(later), len(text))
    assert place is not None and place.name == name


@pytest.mark.parametrize("text, precision, lat, lon", [
    # "in Russia's Ryazan region": the region, in its English spelling, not the country
    ("Drones struck an oil depot in Russia's Ryazan region overnight.", "admin1", 54.4, 40.6),
    ("Shelling was reported in Russia's Bryansk region on Monday.", "admin1", 53.0, 33.4),
    ("Gunmen raided a village in Nigeria's Zamfara state.", "admin1", 12.1, 6.2),
])
def test_geo_event_in_a_countrys_region_is_the_region(geoparser, text, precision, lat, lon):
    doc = _doc(geoparser, text)
    place = locate_event(doc, 0, len(text))
    assert place is not None and place.precision == precision
    assert haversine_km(lat, lon, place.lat, place.lon) < 161
