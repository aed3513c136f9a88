"""The phrase matcher behind the event lexicons, and lexicon validation."""

from __future__ import annotations

import pytest

from sitroom.errors import LexiconError
from sitroom.events.lexicon import CUE_COLUMNS, EventLexicon
from sitroom.events.matcher import PhraseMatcher, scan_text
from sitroom.lexicons import Lexicons


def found(m: PhraseMatcher, text: str) -> list[tuple[int, str]]:
    return [(h.row, text[h.start:h.end]) for h in m.finditer(text)]


@pytest.mark.parametrize("patterns,text,expected", [
    (["bomb(?:s|ed)?", "suicide bomb(?:er|ers)?"], "A suicide bomber and two bombs.",
     [(1, "suicide bomber"), (0, "bombs")]),
    (["shoot(?:ing|s)?", "shoot-?outs?"], "A shoot-out, then a shooting.",
     [(1, "shoot-out"), (0, "shooting")]),
    (["march(?:ed)?"], "Marchers marched", [(0, "marched")]),
    (["(?-i:march)(?:ed|es)?"], "On 3 March they marched.", [(0, "marched")]),
    (["airstrikes?", "strikes?"], "Airstrikes and strikes; no counter-strike.",
     [(0, "Airstrikes"), (1, "strikes")]),
    ([";|,", "and"], "a, b; c and d", [(0, ","), (0, ";"), (1, "and")]),
    (["(?:a |the )?(?:land)?mines?"], "He stepped on the landmine.", [(0, "the landmine")]),
])
def test_events_matcher_finds_longest_phrase(patterns, text, expected):
    assert found(PhraseMatcher(patterns), text) == expected
    # the same with the scanned form computed once by the caller (as the event stage does)
    m = PhraseMatcher(patterns)
    assert [(h.row, text[h.start:h.end]) for h in m.hits(text, scan_text(text))] == expected


def test_events_matcher_unread_rows_block_but_are_not_reported():
    # "as well as" (unread) keeps its "as" from being found; its comma is not reported
    m = PhraseMatcher(["as well as|,", "as|;"], unread_rows={0})
    assert found(m, "Troops, as well as police; as before") == [(1, ";"), (1, "as")]


def test_events_matcher_offsets_index_the_text():
    m = PhraseMatcher(["clash(?:ed|es)?", "tear ?gas"])
    text = "Ünïcode first: police used TEAR GAS after protesters clashed."
    for h in m.finditer(text):
        assert text[h.start:h.end].lower() in {"tear gas", "clashed"}


def test_events_matcher_rejects_capturing_groups():
    with pytest.raises(LexiconError, match="capturing group"):
        PhraseMatcher(["clash(ed)?"], "x.tsv", [3])


def test_events_matcher_bad_lexicon_row_names_file_and_line(tmp_path):
    bad = tmp_path / "cues.tsv"
    bad.write_text("# version: 1\npattern\tcue\tevent_type\tmode\tweight\n"
                   "clash(?:ed)?\tCLASH\tFIGHTING\t\t0.9\n", encoding="utf-8")
    lex = Lexicons({"events_cues.tsv": bad})
    with pytest.raises(LexiconError) as err:
        lex.table("events_cues.tsv", CUE_COLUMNS)
    assert "cues.tsv" in str(err.value) and "3" in str(err.value)


def test_events_matcher_shipped_lexicons_load():
    lex = EventLexicon(Lexicons())
    assert lex.rules and lex.cue_rows and lex.context_roles
    assert set(lex.type_priority) == {
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
        "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
