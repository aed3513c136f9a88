"""The date regex split by its first character: at every word and number of a text, the
part for digits (or for the rest) matches exactly what the whole regex matches, with the
same group names; and the dates found with the split equal those found without it."""

from __future__ import annotations

import re
from datetime import date

import pytest

from sitroom.lexicons import load_lexicons
from sitroom.pipeline.dates import NAMES_COLUMNS, RELATIVE_COLUMNS, DateParser, scan

_TEXTS = [
    "On 3 January 2022, troops shelled the town; on Jan. 5 they withdrew.",
    "The talks, held 2022-01-03 and again on 3/14/2022, failed in March 2023.",
    "Two days ago, and again last week, protesters marched; next Monday they will return.",
    "Fighting resumed between 3 and 5 March and in early April last year.",
    "In 2021 the army said 14 people died; by mid-2022 the toll was 1,200.",
    "He was killed three weeks ago. The 2nd of May rally drew 5,000 people.",
    "Reports from \u0663/4/2022 and \u0661\u0669\u0669\u0660 (Arabic-Indic digits) in late May.",
    "They fled 3 days ago and came back 2 weeks ago, on the 14th.",
    "yesterday, today, this weekend, THE DAY BEFORE YESTERDAY, Sunday morning",
]


@pytest.fixture(scope="module")
def parser() -> DateParser:
    lex = load_lexicons()
    return DateParser(lex.table("dates_names.tsv", NAMES_COLUMNS),
                      lex.table("dates_relative.tsv", RELATIVE_COLUMNS))


def _groups(m: re.Match[str] | None) -> tuple | None:
    if m is None:
        return None
    return m.span(), m.lastgroup, {k: v for k, v in m.groupdict().items() if v is not None}


@pytest.mark.parametrize("text", _TEXTS)
def test_dates_split_regex_matches_whole_regex(parser, text):
    digit, other = parser._by_first
    for w in re.finditer(r"\w+", text):
        s = w.start()
        part = digit if text[s].isdecimal() else other
        assert _groups(part.match(text, s)) == _groups(parser._regex.match(text, s)), text[s:]


@pytest.mark.parametrize("text", _TEXTS)
def test_dates_scan_with_split_finds_the_same(parser, text):
    def found(by_first):
        return [m.span() for m in scan(parser._regex, text, parser._triggers, 4,
                                       leads=parser._leads, number_opens=parser._number_opens,
                                       number_leads=parser._number_leads, by_first=by_first)]
    assert found(parser._by_first) == found(None)
    assert parser.find(text, date(2024, 5, 10))  # every text holds a date
