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
    # a look-ahead may read past a full stop that the phrase itself never holds
    (["bomb(?= near\\. x)", "attack"], "A bomb near. x went off. The attack ended.", [0]),
    (["bomb(?! near\\. x)", "attack"], "A bomb near. x went off. The attack ended.", [0]),
])
def test_events_matcher_hits_around_match_the_whole_scan(patterns, text, keep):
    m = PhraseMatcher(patterns, regions=True)
    low = scan_text(text)
    spans = [sentence_spans(text)[k] for k in keep]
    assert in_spans(m.hits_around(text, low, spans), spans) == \
        in_spans(m.hits(text, low), spans)


def test_events_matcher_hits_around_no_spans_scans_nothing():
    m = PhraseMatcher(["villagers?", "residents?"], regions=True)
    text = "Residents fled. Villagers stayed."
    assert m.hits_around(text, scan_text(text), []) == []


# ---------------------------------------------------------------- the stage's shortcuts
# The extractor makes victim and actor tags only for triggers whose rules read them, and
# scans victim words only in sentences with such triggers: the rule decided must be the one
# all tags give, and victim words must still type the events that read them.

@pytest.fixture(scope="module")
def stage():
    from sitroom.config import Settings
    from sitroom.pipeline.base import Resources
    from sitroom.pipeline.events import EventStage
    return EventStage(Settings(), Resources(Settings()))


def test_events_rules_read_only_their_condition_tags(stage):
    lex = stage.extractor.lex
    rows = [r for r in lex.cue_rows if r.event_type]
    # every tag some rule names, and some no rule names
    named = sorted(set().union(*(r.all_of | r.any_of | r.none_of for r in lex.rules)))
    extra = {"NOT_A_RULE_TAG", "OBJ_NOBODY", "A1_NOWHERE"}
    for k, row in enumerate(rows):
        trigger = frozenset({row.event_type, row.cue, "TRIG_" + row.cue})
        own = lex.condition_tags(trigger)
        for shift in range(0, len(named), 7):
            tags = set(named[shift:shift + 5]) | set(named[(shift + k) % len(named)::11])
            kept = tags & own
            assert lex.decide(trigger, tags | extra) is lex.decide(trigger, kept), (row, tags)


def _doc(text: str):
    from sitroom.model import Document
    from sitroom.pipeline.sentences import split_sentences
    return Document(id="t", text=text, sentences=tuple(split_sentences(text)))


@pytest.mark.parametrize("text,sub_event", [
    # victims after the trigger type the attack, in a sentence after talk only
    ("The minister met the envoy on Monday. Gunmen shot dead five civilians in the market.",
     "Attack"),
    ("Gunmen shot dead five civilians in the market. The minister met the envoy later.",
     "Attack"),
    # soldiers on the object side: fighting between armed men, not an attack on civilians
    ("The minister met the envoy on Monday. Gunmen shot dead five soldiers at a checkpoint.",
     "Armed clash"),
])
def test_events_victim_words_type_the_violent_event(stage, text, sub_event):
    found = [e.acled_sub_event_type for e in stage(_doc(text)).events
             if e.event_type == "ASSAULT"]
    assert found and found[0] == sub_event
