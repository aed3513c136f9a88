"""Scanning only some sentences of a text finds there what scanning all of it finds."""

from __future__ import annotations

import re

import pytest

from sitroom.events.matcher import PhraseMatcher, scan_text


def sentence_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^.!?\n]+[.!?]?", text)]


def in_spans(hits, spans):
    return [(h.start, h.end, h.row) for h in hits if any(a <= h.start < b for a, b in spans)]


@pytest.mark.parametrize("patterns,text,keep", [
    # a phrase that may run across a full stop ("urged. Others to") hides the "to" inside it
    (["urg(?:es|ed) .{0,40}? to", "to"], "They urged. Others to go. He urged them to stop.", [1]),
    (["urg(?:es|ed) .{0,40}? to", "to"], "They urged. Others to go. He urged them to stop.", [2]),
    # phrases that cannot hold a full stop: each sentence is scanned on its own
    (["villagers?", "residents?", "(?:a )?group of \\w+"], "A group of villagers fled.\n\n"
     "Residents said so. Police came. A villager and a group of residents left.", [0, 3]),
    # punctuation phrases and case-sensitive ones near the sentence ends
    ([";|:", "(?-i:may)", "will"], "They may go; we will see. May came. It will: may be.", [1, 2]),
    # a phrase that runs past the end of a kept sentence is still found whole
    (["said\\. the", "said"], "He said. The end came. She said.", [0]),
])
def test_events_matcher_hits_around_match_the_whole_scan(patterns, text, keep):
    m = PhraseMatcher(patterns, regions=True)
    low = scan_text(text)
    spans = [sentence_spans(text)[k] for k in keep]
    assert in_spans(m.hits_around(text, low, spans), spans) == \
        in_spans(m.hits(text, low), spans)
