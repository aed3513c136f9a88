"""Status cues read around a trigger in long sentences: the nearest cue in the trigger's
clause counts, only within a few words of it, before or after the trigger."""

from __future__ import annotations

import pytest

from sitroom.config import Settings
from sitroom.pipeline.base import Resources
from sitroom.pipeline.facets import STATUS_COLUMNS, StatusReader

# A long opening that holds no status cue (so that only the words near the trigger count).
_OPENING = ("In the eastern districts of the province, where farmers have tended orchards "
            "for generations and the roads flood every spring, local officials and residents "
            "said on Tuesday that ")


@pytest.fixture(scope="module")
def reader() -> StatusReader:
    lex = Resources(Settings()).lexicons
    return StatusReader(lex.table("status_cues.tsv", STATUS_COLUMNS))


def _status(reader: StatusReader, text: str, trigger: str) -> str | None:
    pos = text.index(trigger)
    return reader.status(text, 0, pos, pos + len(trigger))


@pytest.mark.parametrize("tail, trigger, status", [
    ("the militia will attack the northern villages before the harvest.", "attack", "predicted"),
    ("the militia could attack the northern villages before the harvest.", "attack", "possible"),
    ("the militia did not attack the northern villages this year.", "attack", "negated"),
    ("the militia attacked the northern villages before the harvest.", "attacked", None),
    # a cue too far before the trigger governs another verb
    ("the militia could in the view of several elders and many of the younger farmers "
     "living near the river soon attack the villages.", "attack", None),
    # a clause break between cue and trigger ends the cue's reach
    ("the militia will meet the elders; soldiers attacked the villages.", "attacked", None),
    # cues after the trigger
    ("a new offensive is expected in the coming weeks.", "offensive", "predicted"),
    ("the planned raid was foiled by the police at dawn.", "raid", "negated"),
    ("the raid, officials said, was foiled by the police at dawn.", "raid", None),
])
def test_facets_status_long_sentence(reader, tail, trigger, status):
    assert _status(reader, _OPENING + tail, trigger) == status


@pytest.mark.parametrize("text, trigger, status", [
    ("Rebels will attack.", "attack", "predicted"),
    ("Will attack", "attack", "predicted"),
    ("The raid was foiled", "raid", "negated"),
    ("Raid", "Raid", None),
])
def test_facets_status_short_text(reader, text, trigger, status):
    assert _status(reader, text, trigger) == status
