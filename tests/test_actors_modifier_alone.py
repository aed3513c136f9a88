"""A modifier ("local", "armed", "senior") opens an actor phrase only before a word that
can follow it; alone, or before a word the lexicon does not know, it names no one."""

from __future__ import annotations

import pytest

from sitroom.actors import ActorMatcher
from sitroom.lexicons import load_lexicons


@pytest.fixture(scope="module")
def matcher() -> ActorMatcher:
    return ActorMatcher.from_lexicons(load_lexicons())


@pytest.mark.parametrize("text,actors", [
    ("Local residents fled the town.", [("Local residents", "CVL")]),
    ("Local police arrested him.", [("Local police", "COP")]),
    ("Unknown gunmen shot two guards.", [("Unknown gunmen", "UAF")]),
    ("Former President Jacob Zuma spoke.", [("Former President Jacob Zuma", "GOV")]),
    ("Senior US officials met.", [("Senior US officials", "GOV")]),
    ("The military said it had struck.", [("military", "MIL")]),
    ("Armed clashes broke out.", []),
    ("Military aid arrived.", []),
    ("The talks were local and unknown.", []),
])
def test_actors_modifier_opens_a_phrase_only_before_a_head(matcher: ActorMatcher, text: str,
                                                           actors: list[tuple[str, str]]
                                                           ) -> None:
    assert [(a.name, a.sector) for a in matcher.find(text)] == actors
