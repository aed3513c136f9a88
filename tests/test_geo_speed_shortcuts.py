"""The geo shortcuts taken for speed decide exactly as the expressions they stand for."""

from __future__ import annotations

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

