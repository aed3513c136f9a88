"""Quantities: values, units and approximation; designations, years, ages, times and
dates are not quantities."""

from __future__ import annotations

from datetime import date

import pytest

from sitroom.config import Settings
from sitroom.model import Document
from sitroom.pipeline.base import Resources
from sitroom.pipeline.dates import DateStage
from sitroom.pipeline.quantities import QuantityStage
from sitroom.pipeline.sentences import SentenceStage


@pytest.fixture(scope="module")
def run():
    resources = Resources(Settings())
    stages = [cls(Settings(), resources) for cls in (SentenceStage, DateStage, QuantityStage)]

    def _run(text: str):
        doc = Document(id="t", text=text, published=date(2024, 11, 6))
        for stage in stages:
            doc = stage(doc)
        return doc.quantities
    return _run


@pytest.mark.parametrize("text, value, unit, approximate", [
    ("The force includes approximately 10,000 soldiers sent by the north.", 10000, "soldiers", True),
    ("The ship carried 16,000 shipping containers of shells.", 16000, "containers", False),
    ("The convoy travelled roughly 4,000 miles west.", 4000, "miles", True),
    ("At least 12 people were killed in the blast.", 12, "people", True),
    ("Two civilians died in the fire.", 2, "civilians", False),
    ("Dozens of protesters blocked the road.", 12, "protesters", True),
    ("Hundreds of protesters marched on parliament.", 100, "protesters", True),
    ("Between 1-4 soldiers were killed.", 1, "soldiers", True),
    ("Officials pledged $5 million in aid.", 5_000_000, "USD", False),
    ("Pensioners asked for 1,800 euros a month.", 1800, "EUR", False),
    ("Turnout fell by 10 percent.", 10, "percent", False),
    ("Twenty-five soldiers were captured.", 25, "soldiers", False),
    ("About 1.5 million people fled.", 1_500_000, "people", True),
    ("The column stopped 10km from the border.", 10, "km", False),
    ("They seized 2000 rifles at the port.", 2000, "rifles", False),
])
def test_quantities_value_unit_approximate(run, text, value, unit, approximate):
    found = run(text)
    assert found, text
    q = found[0]
    assert (q.value, q.unit, q.approximate) == (value, unit, approximate)
    assert text[q.mention.start:q.mention.end] == q.mention.text


@pytest.mark.parametrize("text", [
    "Troops fought alongside the 810 Separate Naval Infantry Brigade.",
    "Soldiers of the 3rd Battalion left the town.",
    "The convoy was ambushed on Route 66.",
    "The parliament repealed Article 370.",
    "A 25-year-old man was arrested.",
    "The victim, aged 40, was a teacher.",
    "The blast happened at 10:30 am near the market.",
    "The shooting began at 5 p.m. on the square.",
    "On 3 January 2022 the army withdrew.",
    "In 2022 the army withdrew.",
    "The rebels fielded T-72 tanks.",
    "Cases of COVID-19 rose.",
    "One of them escaped.",
    "The conflict dates back to the 1990s.",
])
def test_quantities_skip_non_quantities(run, text):
    assert run(text) == ()
