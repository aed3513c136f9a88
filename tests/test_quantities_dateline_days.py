"""Deaths are not read from the day of a dateline or date ("Feb 14 - At least seven ...")."""

from __future__ import annotations

import pytest

from sitroom.pipeline.quantities import fatalities_in


@pytest.mark.parametrize("text, expected", [
    ("MOGADISHU, Feb 14 - At least seven people were killed in a blast.", 7),
    ("KABUL, 3 March - Two soldiers were killed in an ambush.", 2),
    ("TRIPOLI, 12 May - Three fighters died in clashes.", 3),
    ("On 3 March, 5 people were killed in the raid.", 5),
])
def test_quantities_day_of_month_is_no_death_count(text, expected):
    assert fatalities_in(text) == expected
