"""The window before a trigger is read for status cues only when it holds every word of a
cue (``StatusReader._may_hold_cue``): the statuses read are those read without that test,
and multi-word cues are found when all their words stand there."""

from __future__ import annotations

from typing import AbstractSet

import pytest

from sitroom.config import Settings
from sitroom.pipeline.base import Resources
from sitroom.pipeline.facets import STATUS_COLUMNS, StatusReader

_TEXTS = [
    "The rebels were expected to attack the town, but the army is set to repel them.",
    "Police was deployed and soldiers were seen before the raid; it is not clear who fired.",
    "The group has not claimed the bombing, and officials had said it is likely to strike.",
    "Villagers don't expect an assault; the militia didn't attack and may never raid again.",
    "It was the army that shelled the port; no group claimed the attack on the convoy.",
    "Is expected: strikes. Are going to protest? Were planning to march, had not marched.",
    "Troops are poised to advance, is due to withdraw, and have decided to negotiate.",
]


class _UngatedReader(StatusReader):
    """Reads every window, as if each could hold a cue."""

    def _may_hold_cue(self, firsts: AbstractSet[bytes], found: list[bytes]) -> bool:
        return True


@pytest.fixture(scope="module")
def readers() -> tuple[StatusReader, StatusReader]:
    table = Resources(Settings()).lexicons.table("status_cues.tsv", STATUS_COLUMNS)
    return StatusReader(table), _UngatedReader(table)


@pytest.mark.parametrize("text", _TEXTS)
def test_facets_status_cue_gate_reads_as_ungated(readers, text):
    gated, ungated = readers
    runs = StatusReader.runs(text)
    words = [(i, i + len(w)) for i, w in _word_spans(text)]
    for start, end in words:
        assert gated.status(text, 0, start, end, runs) == \
            ungated.status(text, 0, start, end, runs), text[start:end]


@pytest.mark.parametrize("text, trigger, status", [
    ("The rebels are expected to attack the town.", "attack", "predicted"),
    ("The rebels are expected in the town and attack it.", "attack", None),
    ("The group has not attacked the town.", "attacked", "negated"),
    ("The group has attacked the town.", "attacked", None),
])
def test_facets_status_cue_gate_multiword(readers, text, trigger, status):
    pos = text.index(trigger)
    assert readers[0].status(text, 0, pos, pos + len(trigger), StatusReader.runs(text)) == status


def _word_spans(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    pos = 0
    for word in text.split():
        pos = text.index(word, pos)
        out.append((pos, word.strip(".,;:?")))
        pos += len(word)
    return out
