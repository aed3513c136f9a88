"""Per-document indexes of the roles and the event extractor give what the plain
per-sentence computations they replace give."""

from __future__ import annotations

from bisect import bisect_left

import pytest

from sitroom.events import extract, roles
from sitroom.events.matcher import scan_text

TEXTS = [
    "Rebels attacked the town alongside militiamen, backed by local fighters.",
    "Soldiers WITH the army fired on protesters; nearby, police stood BY.",
    "The UN said the strike, carried out by jets, killed five civilians in Idlib.",
    "Kelvin \u212a and the d\u0131strict: troops moved with tanks. \u201cWe fled,\u201d she said.",
    "\u0130stanbul police detained 12 people together with their lawyer by night.",
    "No ally phrase here at all: the ministry announced new measures on Monday.",
]


def _windows(text: str) -> list[list[int]]:
    """Sets of actor starts to ask about: every pair and triple of word starts."""
    starts = [k for k in range(len(text)) if text[k].isalpha() and (k == 0 or text[k - 1] == " ")]
    out = [[s] for s in starts]
    out += [[a, b] for a in starts[::3] for b in starts[::4] if a != b]
    out += [[a, b, c] for a, b, c in zip(starts, starts[2:], starts[5:])]
    out += [[-1, starts[0]], []]
    return out


@pytest.mark.parametrize("text", TEXTS)
def test_events_roles_ally_words_agree_with_no_allies(text):
    words = roles.AllyWords(text, scan_text(text), 1)
    for starts in _windows(text):
        assert words.no_allies(starts) == roles._no_allies(text, starts), starts


@pytest.mark.parametrize("starts, ends, ordered", [
    ([0, 5, 9], [4, 9, 12], True),
    ([0, 5, 9], [4, 3, 12], False),
    ([], [], True),
    ([3], [3], True),
])
def test_events_roles_spans_ordered(starts, ends, ordered):
    assert roles._spans_ordered(starts, ends) is ordered


@pytest.mark.parametrize("sentences, in_order", [
    ([(0, 10), (11, 20), (20, 30)], True),
    ([(0, 10), (9, 20)], False),  # overlap
    ([(5, 10), (0, 4)], False),  # out of order
    ([(0, 10), (12, 11)], False),  # ends before it starts
    ([], True),
])
def test_events_extract_text_order(sentences, in_order):
    starts, ends = [s for s, _ in sentences], [e for _, e in sentences]
    assert extract._in_text_order(starts, ends) is in_order


@pytest.mark.parametrize("offsets", [
    [], [0], [3, 4, 10, 10, 11, 25, 40, 41], [12, 13, 14], [0, 50, 99, 100],
])
def test_events_extract_ranges_walk_equals_bisection(offsets):
    sentences = [(0, 10), (10, 12), (15, 40), (41, 41), (41, 100)]
    starts, ends = [s for s, _ in sentences], [e for _, e in sentences]
    expected = [(bisect_left(offsets, s), bisect_left(offsets, e)) for s, e in sentences]
    assert extract._ranges(offsets, starts, ends, True) == expected
    assert extract._ranges(offsets, starts, ends, False) == expected


def _actor(text: str, name: str, country: str | None, sector: str | None):
    from sitroom.model import Actor, Mention
    start = text.index(name)
    return Actor(name, country, sector, Mention(start, start + len(name), name, "ACTOR"))


@pytest.mark.parametrize("text, names, trigger", [
    ("Rebels in Kivu attacked soldiers alongside militiamen near Goma.",
     [("Rebels", None, "REB"), ("soldiers", None, "MIL"), ("militiamen", None, "MLA")],
     "attacked"),
    ("Police, backed by soldiers, arrested protesters from Uganda.",
     [("Police", None, "COP"), ("soldiers", None, "MIL"), ("protesters", None, "PRO")],
     "arrested"),
    ("Russian forces and Belarusian troops shelled positions of Ukrainian units.",
     [("Russian forces", "RUS", "MIL"), ("Belarusian troops", "BLR", "MIL"),
      ("Ukrainian units", "UKR", "MIL")], "shelled"),
])
def test_events_roles_index_from_document_tables_assigns_the_same_roles(text, names, trigger):
    actors = [_actor(text, *n) for n in names]
    t = text.index(trigger)
    span = roles.Span(t, t + len(trigger))
    clause = roles.Span(0, len(text))
    plain = roles.assign_roles(text, actors, span, clause, False)
    starts = [a.mention.start for a in actors]
    ends = [a.mention.end for a in actors]
    index = roles.RoleIndex(text, actors, (), (starts, ends, True),
                            roles.AllyWords(text, scan_text(text), 1))
    assert roles.assign_roles(text, actors, span, clause, False, (), (), index) == plain
    assert plain.actor1  # (a doer is found in each)
