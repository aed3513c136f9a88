"""The actors tokenizer's tables over the Basic Multilingual Plane, built with whole-plane
string operations, against a character-at-a-time reference."""

import numpy as np
import pytest

from sitroom.actors import lexicon


def test_actors_lexicon_lower_table_matches_each_character_lowered_alone():
    reference = [ord(chr(c).lower()[0]) for c in range(0x10000)]
    assert lexicon._LOWER.tolist() == reference


@pytest.mark.parametrize("char, lowered", [
    ("A", "a"), ("Σ", "σ"), ("İ", "i"), ("Ä", "ä"), ("Ж", "ж"), ("7", "7"), ("\u2028", "\u2028"),
])
def test_actors_lexicon_lower_table_known_characters(char, lowered):
    assert chr(lexicon._LOWER[ord(char)]) == lowered


def test_actors_lexicon_mark_table_is_not_alphanumeric_nor_space():
    reference = np.array([not chr(c).isalnum() and c != 0x20 for c in range(0x10000)])
    assert np.array_equal(lexicon._MARK, reference)


@pytest.mark.parametrize("form", [
    "Islamic State", "al-Shabaab", "U.S. Army", "3rd Brigade", "Boko  Haram", "Hezbollah's",
    "Rapid Support Forces", "Ansar Allah (Houthis)", "Forces armées", "ΟΔΟΣ", "M23", "  ", "",
    "Kata'ib Hezbollah", "people's army", "Z", "FARC-EP",
])
def test_actors_lexicon_form_keys_are_the_scan_keys(form):
    assert lexicon.form_keys(form) == tuple(lexicon.scan(form)[2])


def test_actors_lexicon_form_keys_of_every_listed_form():
    from sitroom.lexicons import load_lexicons

    lexicons = load_lexicons()
    for name, (columns, _) in lexicon.TABLES.items():
        for row in lexicons.table(name, columns).rows:
            form = str(row["form"])
            assert lexicon.form_keys(form) == tuple(lexicon.scan(form)[2]), form
