"""Sentence boundaries: periods, question and exclamation marks, blank lines, quotes,
abbreviations and initials."""

import pytest

from sitroom.pipeline.sentences import split_sentences


@pytest.mark.parametrize("text, expected", [
    ("Troops entered the town. Residents fled north.",
     ["Troops entered the town.", "Residents fled north."]),
    ("Was the bridge destroyed? Officials would not say! The army declined to comment.",
     ["Was the bridge destroyed?", "Officials would not say!",
      "The army declined to comment."]),
    ('He said "we will stay." Then he left.',
     ['He said "we will stay."', "Then he left."]),
    ("The convoy was hit (near the border.) Two trucks burned.",
     ["The convoy was hit (near the border.)", "Two trucks burned."]),
    ("Headline without a period\n\nThe first paragraph starts here.",
     ["Headline without a period", "The first paragraph starts here."]),
    ("The vote ended.\n\nCounting began at once.",
     ["The vote ended.", "Counting began at once."]),
    ("Mr. Smith met Gen. Jones in the U.S. capital.",
     ["Mr. Smith met Gen. Jones in the U.S. capital."]),
    ("John F. Kennedy was mentioned. Prices rose 2.5 percent.",
     ["John F. Kennedy was mentioned.", "Prices rose 2.5 percent."]),
    ("The fighting lasted approx. Three hours, said a witness.",
     ["The fighting lasted approx. Three hours, said a witness."]),
    ("Rebels attacked. 12 soldiers died.", ["Rebels attacked.", "12 soldiers died."]),
    ("  Leading and trailing space.  ", ["Leading and trailing space."]),
    ("Ends with no mark", ["Ends with no mark"]),
    ("", []),
    # line breaks: single ones inside sentences, blank lines between paragraphs (with or
    # without a mark before them), and one inside the white space after a mark
    ("Troops entered\nthe town. Residents fled.\n\nHeadline here\n\nThe army left.",
     ["Troops entered\nthe town.", "Residents fled.", "Headline here", "The army left."]),
    ("First line\nstill first. Second.\nThird one.\n\n\nFourth\n\nFifth",
     ["First line\nstill first.", "Second.", "Third one.", "Fourth", "Fifth"]),
    ("Mr.\n\nSmith spoke. Top line\n\nBottom line.",
     ["Mr.\n\nSmith spoke.", "Top line", "Bottom line."]),
])
def test_sentences_split_at_real_boundaries(text, expected):
    assert [s.text for s in split_sentences(text)] == expected


@pytest.mark.parametrize("text", [
    "Police arrived.  \n The crowd left. “Nobody was hurt,” a medic said.\n\n\nLater, calm.",
    "Café owners protested. Élise Martin spoke first! Then others.",
])
def test_sentences_offsets_index_the_text(text):
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text
        assert s.text == s.text.strip()
