"""Sentence spans index the text exactly and hold no white space at either end, wherever
the sentence stands: after a blank line, an indent, a closing quote or bracket."""

from __future__ import annotations

import pytest

from sitroom.pipeline.sentences import split_sentences


@pytest.mark.parametrize("text, expected", [
    ("Troops arrived. They left.", ["Troops arrived.", "They left."]),
    ("  Troops arrived.  They left.  ", ["Troops arrived.", "They left."]),
    ("Troops arrived.\n\n   They left!\n\nNobody stayed?", ["Troops arrived.", "They left!",
                                                          "Nobody stayed?"]),
    ("\"We will stay,\" he said. (The talks failed.) 'Why?' she asked.",
     ["\"We will stay,\" he said.", "(The talks failed.)", "'Why?' she asked."]),
    ("Gen. Smith met Mr. Jones in the U.S. on Monday. 12 people died.",
     ["Gen. Smith met Mr. Jones in the U.S. on Monday.", "12 people died."]),
    ("A headline\n\nThe body of the report ends here", ["A headline",
                                                        "The body of the report ends here"]),
])
def test_sentences_spans_are_exact_and_trimmed(text, expected):
    spans = split_sentences(text)
    assert [s.text for s in spans] == expected
    for s in spans:
        assert text[s.start:s.end] == s.text
        assert s.text == s.text.strip()
