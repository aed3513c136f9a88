"""``last_words``: the last words of a window read with string methods are those a regex
finds (or None, and the regex decides), at the same places."""

from __future__ import annotations

import re

import pytest

from sitroom.pipeline.wordscan import WORD_MARKS, last_words

_WORD = re.compile(r"\w+")

_TEXTS = [
    "At least 12 people were killed, officials said on Monday.",
    "The army (which denied it) said: \"about 40 fighters\" died — more than 3 soldiers.",
    "U.S.-led forces, al-Qaeda's men and the 3rd battalion's 200 troops",
    "  leading   and trailing   white space  ",
    "Près de 300 manifestants ont été arrêtés à Lyon, selon la préfecture.",
    "nearly $5 million, approximately €20 bn, up to ₹3 crore",
    "«Nearly» 40 … ‘some’ 12 – “dozens” of 7",
    "",
]


def _reference(text: str, lo: int, t: int, n: int) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in _WORD.finditer(text, lo, t)][-n:] if n else []


@pytest.mark.parametrize("text", _TEXTS)
@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_wordscan_last_words_match_regex(text, n):
    for t in range(len(text) + 1):
        for lo in {0, max(0, t - 40), max(0, t - 7)}:
            found = last_words(text, lo, t, n, WORD_MARKS)
            if found is not None:
                assert found == _reference(text, lo, t, n), (text[lo:t], n)


def test_wordscan_last_words_reads_most_windows():
    text = "Officials said at least 12 people, including 3 children, were killed."
    assert last_words(text, 0, text.index("12"), 3) == [(10, "said"), (15, "at"), (18, "least")]
    assert last_words(text, 0, len(text), 2) == [(57, "were"), (62, "killed")]
