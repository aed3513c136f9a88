"""Where cue first words stand, found in the lower-cased letters of a text: the places
and forms the first-word regex finds, whatever the case a word is written in."""

from __future__ import annotations

import pytest

from sitroom.lexicons import load_lexicons
from sitroom.pipeline.attribution import AttributionReader


@pytest.fixture(scope="module")
def reader() -> AttributionReader:
    return AttributionReader(load_lexicons())


@pytest.mark.parametrize("text", [
    "According to the mayor, the bridge was closed, officials said.",
    "ACCORDING TO the mayor the bridge was closed. OFFICIALS SAID SO. Said the mayor: no.",
    "The twice-told story spread; her unsaid words, the re-stated claims and said-so notes.",
    "\"We will stay,\" said the minister. (He said it twice.) 'They told us,' she added.",
    "Résaid éclaimed said… «said» —said— said_ _said 3said said3 saidé",
    "according to Reuters; According To AP; according-to nobody; accordingly, it said",
    "",
])
def test_attribution_cue_starts_match_first_word_regex(reader, text):
    starts, _ = reader._words(text)
    assert starts == [(m.start(), m.group()) for m in reader.first_words.finditer(text)]
