"""Date expressions: explicit forms, relative forms against the published date, and the
rule that nothing resolves against today's date when no published date is known."""

from __future__ import annotations

import re
from datetime import date

import pytest

from sitroom.config import Settings
from sitroom.model import Document
from sitroom.pipeline.base import Resources
from sitroom.pipeline.dates import DateStage
from sitroom.pipeline.sentences import SentenceStage

PUB = date(2024, 11, 6)  # a Wednesday


@pytest.fixture(scope="module")
def run():
    resources = Resources(Settings())
    sentences = SentenceStage(Settings(), resources)
    dates = DateStage(Settings(), resources)

    def _run(text: str, published: date | None):
        return dates(sentences(Document(id="t", text=text, published=published))).dates
    return _run


@pytest.mark.parametrize("text, start, end, precision", [
    ("On 3 January 2022, gunmen attacked a convoy.", "2022-01-03", "2022-01-03", "day"),
    ("The vote was held Nov. 6, 2024 across the country.", "2024-11-06", "2024-11-06", "day"),
    ("Talks resumed on 2022-01-03 in Geneva.", "2022-01-03", "2022-01-03", "day"),
    ("The ceasefire collapsed in March 2023.", "2023-03-01", "2023-03-31", "month"),
    ("The group was founded in 2021.", "2021-01-01", "2021-12-31", "year"),
    ("Fighting raged between 1 and 3 March 2022 near the river.", "2022-03-01", "2022-03-03", "week"),
    ("Rebels seized the town on 6 November.", "2024-11-06", "2024-11-06", "day"),
    ("Rebels seized the town on May 5.", "2024-05-05", "2024-05-05", "day"),
    ("Police said on Monday that two men were held.", "2024-11-04", "2024-11-04", "day"),
    ("Officials said Tuesday the road was closed.", "2024-11-05", "2024-11-05", "day"),
    ("The ministers will meet on Friday.", "2024-11-08", "2024-11-08", "day"),
    ("Shelling continued last week.", "2024-10-28", "2024-11-03", "week"),
    ("A car bomb exploded yesterday.", "2024-11-05", "2024-11-05", "day"),
    ("Protests began earlier this month.", "2024-11-01", "2024-11-06", "month"),
    ("More troops will arrive in the coming days.", "2024-11-07", "2024-11-20", "week"),
    ("The summit is planned for next week.", "2024-11-11", "2024-11-17", "week"),
    ("Drones struck the port overnight.", "2024-11-05", "2024-11-06", "day"),
    ("The minister resigned this morning.", "2024-11-06", "2024-11-06", "day"),
    ("The bridge was destroyed two days ago.", "2024-11-04", "2024-11-04", "day"),
])
def test_dates_resolve_explicit_and_relative(run, text, start, end, precision):
    found = [d for d in run(text, PUB) if d.start is not None]
    assert found, text
    d = found[0]
    assert (d.start.isoformat(), d.end.isoformat(), d.precision) == (start, end, precision)
    assert text[d.mention.start:d.mention.end] == d.mention.text


@pytest.mark.parametrize("text", [
    "Police said on Monday that two men were held.",
    "Shelling continued last week.",
    "A car bomb exploded yesterday.",
    "More troops will arrive in the coming days.",
    "Rebels seized the town on 6 November.",
    "Drones struck the port overnight.",
])
def test_dates_relative_without_published_stay_unresolved(run, text):
    found = run(text, None)
    assert found, text
    assert all(d.start is None and d.end is None and d.precision == "unknown" for d in found)


@pytest.mark.parametrize("text", [
    "He may go to the capital.",
    "Between 1-4 soldiers were killed.",
    "The 810 Separate Naval Infantry Brigade fought there.",
    "A 25-year-old man was arrested.",
])
def test_dates_ignore_non_dates(run, text):
    assert run(text, PUB) == ()


def test_dates_ambiguous_numeric_date_is_not_guessed(run):
    (d,) = run("The decree is dated 03/04/2022.", PUB)
    assert d.start is None and d.precision == "unknown"


@pytest.mark.parametrize("text", [
    "Clashes broke out in early March and again since mid-April, through the end of May.",
    "From Monday until last Friday, and during the beginning of June, on 3 July 2024.",
    "Throughout the past week, by next Tuesday, this month, late 2023, on 2024-11-02.",
    "Twelve days ago, two weeks later, yesterday, the day before, in the coming days.",
    "Officials met on the 5th of December, by Sept. 9, and again on Wednesday night.",
])
def test_dates_every_match_starts_with_a_word_the_lead_list_holds(text):
    """The date scan tries its regex only after a number or a word of ``_leads``: every
    match of the regex must start so, or a date would be skipped without a trace."""
    stage = DateStage(Settings(), Resources(Settings()))
    parser = stage.parser
    matches = list(parser._regex.finditer(text))
    assert matches
    for m in matches:
        first = re.match(r"[\w']+", m.group())
        assert first is not None, m.group()
        word = first.group().lower()
        assert word[0].isdigit() or word in parser._leads, (word, m.group())
