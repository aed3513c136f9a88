"""The locator's landmark test ("X Square", "the X neighborhood") gives what its expression
gives, also where a word after the place starts like a landmark word without being one."""

from __future__ import annotations

import pytest

from sitroom.geo import locate

# Words whose first three letters are those of a landmark word ("officials" / "offices",
# "state" / "stadium", "into" / "intersection", "strongly" / "street"), next to real
# landmarks in every case and with punctuation, at the end of a text and past ASCII.
_TEXTS = [
    "Crowds in Cairo officials said, and then Tahrir Square filled again.",
    "Rallies in Lagos state police dispersed into Allen Avenue and Ikeja market.",
    "Shelling in Donetsk strongly hit Artema street-level shops near Lenin St. later.",
    "Troops entered Mosul Central Hospital, then the Old City intersection.",
    "Gunmen stormed Kano CENTRAL MOSQUE and Zaria plaza at dawn",
    "Police in Quito parked outside the court; Guayaquil courthouse staff fled.",
    "Protesters in Lima intended to reach Plaza San Martín and the Congress",
    "Fighting in Ｋabul ſtadium area and Herat Ｓtreet ended.",
    "Clashes near Goma stat",
    "A blast in Peshawar, on Dalazak Road, near Hayatabad",
    "Strikes on Rafah, Khan Younis schools and Deir al-Balah hospitals continued.",
]


@pytest.mark.parametrize("text", _TEXTS)
def test_geo_locate_landmark_gate_agrees_with_its_expression(text):
    for end in range(len(text) + 1):
        expected = locate._LANDMARK_AFTER.match(text, end) is not None
        assert locate._landmark_after(text, end) == expected, (text, end)


@pytest.mark.parametrize("word, stem_like", [
    ("officials", False),   # "off" as "office", but not an office
    ("offices", True),
    ("state", False),       # "sta" as "stadium"
    ("stadium", True),
    ("into", False),        # "int" as "intersection"
    ("Street-level", True),
    ("St.", True),
])
def test_geo_locate_landmark_stems_tell_landmark_words(word, stem_like):
    assert word.lower().startswith(locate._LANDMARK_STEMS) == stem_like


def _cue_reference(text: str, at: int) -> int:
    """The cue of a place as the locator first read it: the word before it in full, then
    the last six words of the 40 characters before it."""
    if at == 0:
        return locate._CUE_NONE
    if not text[at - 1].isspace():
        return locate._CUE_NONE
    last_at = text.rfind(" ", max(0, at - 40), at - 1) + 1
    last = text[last_at:at - 1]
    if len(last) > 2 and last[-2] in "'’" and last[-1] == "s" and last[0].isupper():
        return _cue_reference(text, last_at)
    if last and not last[-1].isalpha():
        return locate._CUE_NONE
    if last.isalpha():
        low = last.lower()
        if low not in locate._CUE_LAST_WORDS:
            return locate._CUE_NONE
        if low in locate._ONE_WORD_CUES:
            return locate._ONE_WORD_CUES[low]
    words = [w.lstrip(locate._PUNCT) for w in text[max(0, at - 40):at].lower().split()[-6:]]
    if not locate._NOT_WHERE_WORDS.isdisjoint(words) and locate._named_only(words):
        return locate._CUE_NAMED_ONLY
    while words and (words[-1] == "the" or words[-1] in locate._PLACE_ADJECTIVES):
        words.pop()
    if not words:
        return locate._CUE_NONE
    if words[-1] in ("to", "at") and len(words) > 1 and words[-2] == "coded":
        return locate._CUE_CODED
    if words[-1] in locate._LOCATIVE_WORDS:
        return locate._CUE_LOCATIVE
    if words[-1] in locate._PATH_WORDS or (words[-1] == "for" and len(words) > 1
                                           and words[-2] in locate._PATH_BEFORE_FOR):
        return locate._CUE_PATH
    if words[-1] in locate._DESTINATION_WORDS:
        return locate._CUE_DESTINATION
    return locate._CUE_NONE


@pytest.mark.parametrize("text", _TEXTS + [
    "Rallies outside the embassy of the Republic of Korea and in downtown Seoul.",
    "Aid bound for Gaza left from Cairo, (via Rafah) “into” Khan Younis; coded to Rafah.",
    "He was in  Kabul,\nHerat and -- in the northern Balkh – near Mazar; Russia's Kursk.",
    "x",
    " in",
    "Fighting   in   the   old   city   of   Aleppo and around greater Damascus",
])
def test_geo_locate_cue_agrees_with_the_plain_reading(text):
    for at in range(len(text) + 1):
        assert locate._cue(text, at) == _cue_reference(text, at), (text, at)
