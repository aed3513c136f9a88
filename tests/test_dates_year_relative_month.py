"""A month with "last year", "next year" or "this year" takes that year."""

from __future__ import annotations

from datetime import date

import pytest

from sitroom.pipeline.dates import parse_dates

PUB = date(2025, 2, 14)


@pytest.mark.parametrize("text, start, end", [
    ("The town fell in April last year.", date(2024, 4, 1), date(2024, 4, 30)),
    ("Elections are due in June next year.", date(2026, 6, 1), date(2026, 6, 30)),
    ("The talks began in January this year.", date(2025, 1, 1), date(2025, 1, 31)),
    ("The town fell in April, last year's offensive having failed.", date(2025, 4, 1),
     date(2025, 4, 30)),
])
def test_dates_month_with_relative_year(text, start, end):
    found = parse_dates(text, PUB)
    assert (found[0].start, found[0].end) == (start, end)
