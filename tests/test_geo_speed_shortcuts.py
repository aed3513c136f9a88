"""The geo shortcuts taken for speed decide exactly as the expressions they stand for."""

from __future__ import annotations

import math

import pytest

from sitroom.geo import locate, recognize

_TEXTS = [
    "Obama's aide met the Kabul-based team in St. Louis, Mo., on Monday.",
    "“Aleppo” and (Idlib), then Homs’s outskirts -- 1,000 people; U.S. troops didn't go.",
    "Rebels seized Dara-e-Pech district, Kunar (Afghanistan) at 3 p.m. ’s s's 's x’s",
    "Émile visited Zürich’s old town — and Łódź; ½ of H5N1 cases, O'Brien's J&K claim.",
    "An emoji 🙂 before Kyiv's centre and after it: Lviv’s square.",
    "  leading spaces\nand lines\n\nMosul, Nineveh  ",
    "",
    "U.S.-led Talks in Kabul-based NATO's Office; A.B.C. Group, then Mosul x-ray "
    "Paris-Match and St.-Denis: U.N. and Homs, 3-D Herat--Kandahar (Idlib)-Aleppo.",
]


@pytest.mark.parametrize("text", _TEXTS)
def test_geo_speed_word_spans_match_the_token_expression(text):
    spans = [m.span() for m in recognize._TOKEN.finditer(text)]
    caps = [k for k, (s, _) in enumerate(spans) if text[s].isupper()]
    starts, ends, got_caps = recognize._word_spans(text)
    assert list(zip(starts, ends)) == spans and got_caps == caps


@pytest.mark.parametrize("text", [
    "clashes in Kamdesh district, Nuristan",
    "fighting near Boni (Mopti region, Mali",
    "the town (Qaatabah, Ad Dali",
    "after the meeting, Smith",
    "in the area) , Kunar",
    "Officials said, on Monday, X",
    "a village in Kunar province,  Y",
])
def test_geo_speed_holder_check_agrees_with_its_expression(text):
    for pos in range(len(text) + 1):
        expected = recognize._HOLDER_BEFORE.search(text, max(0, pos - 30), pos) is not None
        assert recognize._holder_before(text, pos) == expected, (text, pos)


@pytest.mark.parametrize("text", [
    "Fighting in Kabul neighborhood and Herat Main Street, then Mazar market.",
    "They met in Gaza City Al-Shifa Hospital on Monday.",
    "Protests in Lagos, Abuja and Kano ended peacefully after talks.",
    "Shots near Homs St. Elias church, Idlib road.",
    "Troops left Mosul Ｓquare Ｋ and Tikrit Stadium.",
])
def test_geo_speed_landmark_check_agrees_with_its_expression(text):
    for end in range(len(text) + 1):
        expected = locate._LANDMARK_AFTER.match(text, end) is not None
        assert locate._landmark_after(text, end) == expected, (text, end)


@pytest.mark.parametrize("text", [
    "Mariupol, Donetsk region, and Kramatorsk",
    "Victoria (Mocuba, Zambezia) and Lichinga",
    "Rustaq district of Takhar and Kunduz",
    "the village of the Kone area in Mopti",
    "Kabul to Herat via Kandahar",
])
def test_geo_speed_qualifier_check_agrees_with_its_expression(text):
    for end in range(len(text) + 1):
        for at in range(end, min(len(text), end + 60) + 1):
            expected = locate._QUALIFIER_GAP.fullmatch(text, end, at) is not None
            assert locate._qualifies(text, end, at) == expected, (text, end, at)



@pytest.mark.parametrize("text", [
    "Police in Springfield, Columbus, Athens and Salem said Portland and Richmond agreed.",
    "Troops moved from Murmansk and Severomorsk to Kirovsk, Apatity, Polyarny and Kandalaksha.",
    "Storms hit Nome, Barrow, Kotzebue, Bethel and Fairbanks in Alaska, and Tromso in Norway.",
    "Shelling hit Victoria, Santa Cruz, San Jose and Alexandria near Kingston and Georgetown.",
])
def test_geo_speed_near_places_match_all_pairs(geoparser, text):
    """``_near_all`` measures only rows close in latitude and longitude to an anchor:
    it finds what measuring every pair of rows and anchors finds."""
    tops = geoparser.recognize(text)
    anchors = [(t.key, c) for t in tops for c in t.cands[:5]]
    assert anchors
    ctx = {"anchor_keys": [k for k, _ in anchors], "anchor_sig": tuple(c for _, c in anchors)}
    got = geoparser._near_all(tops, ctx, {})
    assert got  # some readings lie near another name's
    r2 = (recognize.NEAR_KM / 6371.0) ** 2
    lat, lon = geoparser.lat, geoparser.lon
    expected: dict[str, set[int]] = {}
    seen: set[str] = set()
    for t in tops:
        if len(t.cands) < 2 or t.key in seen:
            continue
        seen.add(t.key)
        for c in t.cands[:recognize.MAX_SCORED]:
            la, lo = math.radians(lat[c]), math.radians(lon[c])
            for key, a in anchors:
                alat, alon = math.radians(lat[a]), math.radians(lon[a])
                x = (lo - alon) * math.cos((la + alat) / 2)
                if key != t.key and x * x + (la - alat) ** 2 < r2:
                    expected.setdefault(t.key, set()).add(c)
    assert got == expected
