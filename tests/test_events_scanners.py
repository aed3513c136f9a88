"""The event stage's quick scanners find what the expressions they stand for find."""

from __future__ import annotations

import pytest

from sitroom.events.extract import _CLAUSE_STOP, _QUOTES, _clause_stop, _quotes
from sitroom.events.roles import Span


def _reference_stop(text: str, pos: int, limit: int) -> int:
    for m in _CLAUSE_STOP.finditer(text, pos, limit):
        if m.end() - m.start() == 1 or text[m.start()] != "(":
            return m.start()
    return limit


@pytest.mark.parametrize("text", [
    'The minister said "we will respond" and left.',
    "Residents said “the shelling never stopped” overnight.",
    'An empty pair "" then "a quote" here.',
    "Unclosed “quote that never ends.",
    'A straight quote "broken\nby a line" is none.',
    "“Nested \"marks\" inside” and “another”.",
    "No quotation at all.",
    '"' + "x" * 700 + '" is too long, "but this" is not.',
])
def test_events_scanners_quotes_match_the_expression(text: str) -> None:
    expected = [Span(m.start(), m.end()) for m in _QUOTES.finditer(text)]
    assert _quotes(text) == expected


@pytest.mark.parametrize("text", [
    "condemned the attack on the village, officials said",
    "protested against the NPFL (LPC) and its allies in Monrovia",
    "the Front (FLN) held a rally; police watched",
    "denied the raid - a claim rebels made - on Sunday",
    "rejected the move — calling it illegal",
    "the killing of a chief (64) in Kano",
    "demanded the release of well-known activists",
    "an aside (which went on for a long while, far past a few words) ended it",
])
def test_events_scanners_clause_stop_matches_the_expression(text: str) -> None:
    for pos in range(len(text)):
        assert _clause_stop(text, pos, len(text)) == _reference_stop(text, pos, len(text))
