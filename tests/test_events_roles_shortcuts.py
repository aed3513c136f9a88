"""The cheap tests that role assignment runs before its look-behind regexes never turn
away a window the regex would match (hand-written sentences, every window of each)."""

from __future__ import annotations

import re

import pytest

from sitroom.events import roles

TEXTS = [
    "Fighters loyal to the general attacked the base near Goma with the help of allies.",
    "Dozens of the protesters were held by police towards the end of the march in Lome.",
    "The army's commander and some of the militiamen fled into the hills behind Kidal.",
    "Rebels, including a group of fighters from the north, clashed with troops at dawn.",
    "Hundreds of  residents marched toward the ministry; thousands of them sat in.\n",
    "An Iran-backed militia fired on two of the bases between Erbil and Mosul, via drones.",
    "The President’s guard opened fire among the crowd over a dispute about land.",
    "Several of the\nvillagers said the attackers came from Sévaré under cover of night.",
]


def _windows(text: str):
    for hi in range(1, len(text) + 1):
        for lo in range(max(0, hi - 60), hi):
            yield lo, hi


@pytest.mark.parametrize("text", TEXTS)
def test_events_roles_preposition_check_never_rejects_a_match(text):
    for lo, hi in _windows(text):
        if roles._PREP_BEFORE.search(text, lo, hi) is not None:
            assert roles._prep_possible(text, lo, hi), (text, lo, hi)


@pytest.mark.parametrize("text", TEXTS)
def test_events_roles_quantity_check_never_rejects_a_match(text):
    for lo, hi in _windows(text):
        if roles._QUANTITY_OF.search(text, lo, hi) is not None:
            assert roles._quantity_possible(text, lo, hi), (text, lo, hi)


def test_events_roles_preposition_list_is_the_regex_list():
    """The word list the cheap test reads is the one the regex holds (so a preposition
    added to one and not the other fails here, not silently in the output)."""
    group = re.search(r"\\b\(\?:([a-z|?]+)\)", roles._PREP_BEFORE.pattern.replace("\n", ""))
    assert group is not None
    words: set[str] = set()
    for alt in group.group(1).split("|"):
        words |= {alt[:-2], alt[:-1]} if alt.endswith("?") else {alt}
    assert words == set(roles._PREPOSITIONS)


def test_events_roles_serving_words_are_the_last_words_of_the_regex():
    """The cheap test before ``_BENEFICIARY_GAP`` reads the words the regex ends with."""
    group = re.search(r"\(\?:(helping[^)]*)\)", roles._BENEFICIARY_GAP.pattern)
    assert group is not None
    last_words = {alt.split()[-1] for alt in group.group(1).split("|")}
    assert last_words == set(roles._SERVING_WORDS)


@pytest.mark.parametrize("gap", [
    " accused of helping ", " suspected of financing the ", " linked to working for ",
    " for spying for the ", " over arming ", " accused of Helping\n", " for  acting for ",
])
def test_events_roles_serving_check_passes_what_the_regex_matches(gap):
    assert roles._BENEFICIARY_GAP.match(gap)
    assert roles._last_word_in(gap, roles._SERVING_WORDS)
