"""The regex helpers of the date and quantity scanners: a prefix tree of phrases matches
what a flat alternation (longest first) matches, and ``word_regex`` finds whole words."""

from __future__ import annotations

import re

import pytest

from sitroom.pipeline.wordscan import WordStarts, beyond_bmp, bmp_class, prefix_tree, word_regex

_PHRASES = ["last week", "last weekend", "week", "weeks", "this week", "the day before",
            "the day after tomorrow", "day", "today", "mid", "mid-March", "a.m."]

_TEXTS = [
    "Fighting resumed last weekend and again this week, two days ago and today.",
    "LAST  WEEK the talks failed; the day after tomorrow they resume, the day before too.",
    "Weekly reports, weekend raids, mid-March offensives and a mid point at 9 a.m. sharp.",
    "lastweek weeks week-long midweek",
]


def _flat(phrases: list[str]) -> str:
    return "|".join(r"\s+".join(map(re.escape, p.split()))
                    for p in sorted(phrases, key=len, reverse=True))


@pytest.mark.parametrize("text", _TEXTS)
@pytest.mark.parametrize("fold, flags", [(False, 0), (True, re.I)])
@pytest.mark.parametrize("after", [r"\b", r"(?!\w)", r"\s+\w+", ""])
def test_dates_prefix_tree_matches_flat_alternation(text, fold, flags, after):
    tree = re.compile(r"(?:" + prefix_tree(_PHRASES, fold) + ")" + after, flags)
    flat = re.compile(r"(?:" + _flat(_PHRASES) + ")" + after, flags)
    assert [m.span() for m in tree.finditer(text)] == [m.span() for m in flat.finditer(text)]


def test_dates_prefix_tree_space_literal():
    tree = re.compile(prefix_tree(["one hundred", "one"], space=" "))
    assert tree.match("one hundred").group() == "one hundred"
    assert tree.match("one  hundred").group() == "one"


@pytest.mark.parametrize("text, found", [
    ("On Monday, 12 soldiers died in May.", ["Monday", "12", "May"]),
    ("Mayors met on Mondays; 12th round.", []),
    ("A3 and 4B left; 7 stayed.", ["7"]),
    ("two weeks ago", ["weeks", "ago"]),
])
def test_dates_word_regex_whole_words(text, found):
    regex = word_regex({"Monday", "May", "weeks", "week", "ago"}, r"\d+(?!\w)", r"\d")
    assert [m.group() for m in regex.finditer(text)] == found


@pytest.mark.parametrize("text", [
    "May 5, 2024: Monday talks",
    "5 May",
    "$5m and €10 and $$3",
    "mid-May, x5, 5x, _May, May_, é5 ٣",
    "Monday,Tuesday;May-June (Monday)",
    "",
    "Café May, naïve Monday; ÉMay, May’s “Monday” 5\u00a0May—June",  # non-ASCII
    "😀May 😀 5 May😀Monday",  # characters past the Basic Multilingual Plane
    "İMay ǅMay ﬁMay",
    "MAY may mAy Mayé ?May 5é é5 May_5 x$5 5$ 1st 2nd 3rd",  # case, glued letters, signs
])
@pytest.mark.parametrize("extra, firsts", [(r"\d+", r"\d"), (r"\d+|[$€]", r"\d$€"),
                                           (r"\d+(?:st|nd)", r"\d")])
def test_dates_word_starts_as_word_regex(text, extra, firsts):
    words = {"May", "Monday", "Tuesday", "June", "ago"}
    starts = WordStarts(words, extra, firsts).starts(text)
    assert starts == [m.start() for m in word_regex(words, extra, firsts).finditer(text)]


@pytest.mark.parametrize("char_class", [r"[^\w-]", r"\W", r"\w", r"\d", r"[^\w\s]"])
def test_dates_bmp_class_matches_the_class_on_the_whole_plane(char_class):
    plane = "".join(map(chr, range(0x10000)))
    spelt = re.compile(bmp_class(char_class))
    assert [m.start() for m in spelt.finditer(plane)] == \
        [m.start() for m in re.finditer(char_class, plane)]


@pytest.mark.parametrize("text, beyond", [
    ("", False), ("plain ASCII", False), ("Café – naïve “quote”", False),
    ("\uffff", False), ("\ud800 lone surrogate", False), ("emoji 😀", True),
    ("\U00010000", True),
])
def test_dates_beyond_bmp(text, beyond):
    assert beyond_bmp(text) is beyond
