"""Attribution cues are whole words wherever they stand: at the start of the text, after
punctuation, never glued to a word or hyphen before them."""

from __future__ import annotations

import pytest

from sitroom.config import Settings
from sitroom.model import Document
from sitroom.pipeline.attribution import AttributionStage
from sitroom.pipeline.base import Resources
from sitroom.pipeline.sentences import SentenceStage


@pytest.fixture(scope="module")
def cues():
    resources = Resources(Settings())
    sentences = SentenceStage(Settings(), resources)
    stage = AttributionStage(Settings(), resources)

    def _cues(text: str) -> list[str]:
        doc = stage(sentences(Document(id="t", text=text)))
        return [a.cue.text for a in doc.attributions if a.cue is not None]
    return _cues


@pytest.mark.parametrize("text, found", [
    ("According to the mayor, the bridge was closed.", ["According to"]),
    ("The mayor said the bridge was closed.", ["said"]),
    ("(The mayor said the bridge was closed.)", ["said"]),
    ("\"The bridge is closed,\" said the mayor.", ["said"]),
    ("The twice-told story of the bridge spread fast.", []),
    ("The mayor's unsaid words worried the town.", []),
])
def test_attribution_cue_words(cues, text, found):
    assert cues(text) == found
