"""The event lexicon decides the ACLED rule as reading the rules in file order does."""

from __future__ import annotations

import random

import pytest

from sitroom.events.lexicon import EventLexicon
from sitroom.lexicons import Lexicons


@pytest.fixture(scope="module")
def lex() -> EventLexicon:
    return EventLexicon(Lexicons())


def first_rule(lex: EventLexicon, trigger_tags: frozenset[str], tags: set[str]):
    """The plain reading: the first rule in file order whose family admits the trigger
    and whose conditions hold."""
    for rule in lex.rules:
        if ("*" in rule.family or rule.family & trigger_tags) and rule.holds(tags):
            return rule
    return None


def test_events_lexicon_decide_takes_the_first_rule_that_holds(lex):
    rng = random.Random(11)
    named = sorted(set().union(*(r.all_of | r.any_of | r.none_of for r in lex.rules)))
    for row in lex.cue_rows:
        trigger = frozenset(t for t in (row.event_type, row.cue, "TRIG_" + row.cue) if t)
        for _ in range(12):
            tags = set(rng.sample(named, rng.randint(0, 8))) | trigger
            # (twice: the second answer comes from the conditions kept per trigger)
            assert lex.decide(trigger, tags) is first_rule(lex, trigger, tags), (row, tags)
            assert lex.decide(trigger, tags) is first_rule(lex, trigger, tags)


@pytest.mark.parametrize("all_of,any_of,none_of,tags,holds", [
    ({"A"}, set(), set(), {"A", "B"}, True),
    ({"A"}, set(), set(), {"B"}, False),
    (set(), {"A", "C"}, set(), {"C"}, True),
    (set(), {"A", "C"}, set(), {"B"}, False),
    (set(), set(), {"X"}, {"A", "X"}, False),
    ({"A"}, {"B"}, {"X"}, {"A", "B"}, True),
])
def test_events_lexicon_rule_conditions(all_of, any_of, none_of, tags, holds):
    from sitroom.events.lexicon import Rule
    rule = Rule("Attack", frozenset({"*"}), frozenset(all_of), frozenset(any_of),
                frozenset(none_of), None, None, 1.0)
    assert rule.holds(tags) is holds
