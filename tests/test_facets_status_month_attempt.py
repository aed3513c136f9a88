"""Status and date details of news text: the month "May" is no modal, an attempt is not a
deed done, and a date told as a year away keeps its own year."""

from __future__ import annotations

from datetime import date

from functools import partial

import pytest


PUB = date(2025, 5, 20)


@pytest.fixture(scope="module")
def run(facet_event):
    return partial(facet_event, published=PUB)




@pytest.mark.parametrize("text, trigger, status", [
    ("NIAMEY, May 18 - Gunmen attacked a gold mine in the west.", "attacked", "reported"),
    ("On 14 May rebels shelled the airport.", "shelled", "reported"),
    ("Former prime minister Theresa May said troops bombed the depot.", "bombed", "reported"),
    # the modal verb itself still counts
    ("The fighting may spread to the capital.", "spread", "possible"),
    # an attempt is not a deed achieved
    ("Militants tried to storm the barracks but were pushed back.", "storm", "planned"),
    ("The army attempted to retake the hill overnight.", "retake", "planned"),
])
def test_facets_status_month_and_attempts(run, text, trigger, status):
    assert run(text, trigger).status == status


@pytest.mark.parametrize("text, trigger, start", [
    ("On Monday, troops retook the town. The rebels had seized it in April last year.",
     "seized", date(2024, 4, 1)),
    ("On Monday, troops retook the town. The rebels had seized it in April.",
     "seized", date(2025, 5, 19)),
])
def test_facets_date_told_a_year_away_keeps_its_year(run, text, trigger, start):
    assert run(text, trigger).date.start == start
