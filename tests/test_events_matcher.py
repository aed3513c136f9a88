"""The phrase matcher behind the event lexicons, and lexicon validation."""

from __future__ import annotations

import re

import pytest

from sitroom.errors import LexiconError
from sitroom.events.lexicon import CUE_COLUMNS, EventLexicon
from sitroom.events import matcher as matcher_module
from sitroom.events.matcher import PhraseMatcher, scan_text, split_alternatives
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


@pytest.mark.parametrize("pattern", ["called off||compensated", "|shelled", "(?:struck)?"])
def test_events_matcher_rejects_patterns_matching_nothing(pattern):
    # an empty alternative would silently be dropped (or, matched, fire everywhere)
    with pytest.raises(LexiconError, match="empty string") as err:
        PhraseMatcher([pattern], "cues.tsv", [12])
    assert "cues.tsv" in str(err.value) and "12" in str(err.value)


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


# ---------------------------------------------------------------- fast scan == plain scan
def _plain_scan(patterns: list[str], text: str) -> list[tuple[int, int, int]]:
    """A straightforward scan: at each position, left to right, every alternative of every
    pattern is tried with ``re.match`` (case-blind except ``(?-i:...)`` parts); the longest
    match wins (the first row on a tie) and the scan goes on after it. A phrase starting
    with a letter or digit needs a separator (not a word character or hyphen) before it;
    one ending with a letter or digit needs a non-word character after it."""
    alts = [(row, re.compile(alt, re.IGNORECASE)) for row, pat in enumerate(patterns)
            for alt in split_alternatives(pat)]
    out, pos = [], 0
    while pos < len(text):
        best = None
        for row, rx in alts:
            m = rx.match(text, pos)
            if m is None or m.end() == pos:
                continue
            if text[pos].isalnum() and pos > 0 and re.match(r"[\w-]", text[pos - 1]):
                continue
            if text[m.end() - 1].isalnum() and re.match(r"\w", text[m.end():m.end() + 1]):
                continue
            if best is None or m.end() > best[1]:
                best = (pos, m.end(), row)
        if best is None:
            pos += 1
            continue
        out.append(best)
        pos = best[1]
    return out


_PATTERNS = ["clash(?:es|ed)?", "suicide bomb(?:er|ers|ing)?", "bomb(?:s|ed|ing)?",
             "air ?strikes?", "strikes?", "shoot-?outs?", "(?-i:March)", "march(?:ed|es)",
             ";|&", "rebels'? (?:attack|raid)", "o'neill", "café", "naïve",
             "t(?:anks?|roops)", r"\d+ ?mm (?:shells?|rounds)", "tear ?gas"]


@pytest.mark.parametrize("text", [
    "Clashes erupted",  # phrase at the start of the text
    "Troops clashed",  # ... and at its end
    "clash",  # the whole text
    "A suicide bomber hit; a bomb, then bombs & more bombing.",  # overlapping phrases
    "Airstrikes and air strikes, no counter-strike, no pre-strike, a strike-force.",
    "A shoot-out and two shootouts; shoot-outs-style.",  # hyphens inside and after
    "On 3 March they marched; MARCH and Marched, March-style.",  # case-sensitive phrase
    "The rebels' attack and rebels raid, the rebel's bomb, O'Neill met o'neill's aide.",
    "Ünïcode: a naïve bomb at the Café; ébomb, bombé and bomb’s “bomb” «bomb».",
    "İstanbul bomb; ﬁnal clash (ligature) and ǅ clash",  # lower-casing changes lengths
    "😀bomb at 😀 the café 😀clash😀",  # characters past the Basic Multilingual Plane
    "bomb\u00a0clash\u2009strike\u2014march",  # non-ASCII spaces and dashes
    "Troops, tanks and tear gas; 120mm shells, 12 mm rounds, tank-120 mm shell, teargas",
    "",
    "&;&",
])
@pytest.mark.parametrize("named_after", [0, 10**6])  # phrases named afterwards, or by group
def test_events_matcher_fast_scan_equals_plain_scan(monkeypatch, text, named_after):
    monkeypatch.setattr(matcher_module, "NAMED_AFTER", named_after)
    m = PhraseMatcher(_PATTERNS)
    got = [(h.start, h.end, h.row) for h in m.hits(text, scan_text(text))]
    assert got == _plain_scan(_PATTERNS, text)
    assert [(h.start, h.end, h.row) for h in m.finditer(text)] == got


@pytest.mark.parametrize("text", ["x; clash & bomb; y", "😀; clash & bomb;", ";&;"])
def test_events_matcher_range_and_punctuation(text):
    m = PhraseMatcher(_PATTERNS)
    for pos, end in [(0, len(text)), (2, len(text)), (0, len(text) - 2), (3, 9)]:
        end = max(pos, end)
        expected = [h for h in _plain_scan(_PATTERNS, text) if pos <= h[0] and h[1] <= end]
        got = [(h.start, h.end, h.row) for h in m.hits(text, scan_text(text), pos, end)]
        # a phrase is cut where the range ends; the plain scan of the whole text agrees
        # wherever no phrase crosses the range's edges
        if all(not (h[0] < end < h[1]) and not (h[0] < pos < h[1])
               for h in _plain_scan(_PATTERNS, text)):
            assert got == expected
