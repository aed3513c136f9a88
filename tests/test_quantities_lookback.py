"""The words before a number where a quantity may open ("at least 12", "nearly $5
million", "US$ 3 billion"): the match read from them is the one the regex reads trying
each of the last words before the number in turn."""

from __future__ import annotations

import re

import pytest

from sitroom.lexicons import load_lexicons
from sitroom.pipeline.quantities import LOOKBACK_CHARS, TRIGGER_LOOKBACK, QuantityReader

_SCAN = re.compile(r"\w+|[$€£¥₹]")

_TEXTS = [
    "At least 12 people were killed and as many as 40 were hurt, officials said.",
    "The fund gave nearly $5 million, up to US$ 3 billion and Rs. 400 crore to the towns.",
    "More than two dozen soldiers and approximately 1,500 civilians fled; about half stayed.",
    "Between 3 and 5 March, roughly a hundred houses burned; some 20 families left.",
    "In excess of €20 million (about £17 million) was pledged by no fewer than six donors.",
    "Près de 300 manifestants, selon la préfecture, et « au moins 12 » blessés.",
    "ALMOST 30 TRUCKS, Nearly Forty Cars and an estimated 2,000 people crossed.",
    "the 3rd battalion's 200 troops; U.S.-led forces lost a dozen vehicles",
]


@pytest.fixture(scope="module")
def reader() -> QuantityReader:
    return QuantityReader(load_lexicons())


def _reference(reader: QuantityReader, text: str, last_end: int, t: int):
    lo = max(last_end, t - LOOKBACK_CHARS)
    starts = [w.start() for w in _SCAN.finditer(text, lo, t)][-TRIGGER_LOOKBACK:]
    for s in (*starts, t):
        m = reader.regex.match(text, s)
        if m and m.end() > t:
            return m.span()
    return None


@pytest.mark.parametrize("text", _TEXTS)
def test_quantities_lookback_matches_reference(reader, text):
    for t in reader.triggers.starts(text):
        for last_end in (0, max(0, t - 12)):
            m = reader._match_before(text, last_end, t)
            assert (m.span() if m else None) == _reference(reader, text, last_end, t), text[:t]


@pytest.mark.parametrize("text, quantity", [
    ("At least 12 people were killed.", "At least 12 people"),
    ("The fund gave nearly $5 million to the towns.", "nearly $5 million"),
    ("Officials said as many as 40 soldiers died.", "as many as 40 soldiers"),
])
def test_quantities_lookback_keeps_cues(reader, text, quantity):
    assert quantity in [q.mention.text for q in reader.find(text)]
