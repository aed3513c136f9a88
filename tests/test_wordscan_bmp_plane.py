"""``bmp_plane``: every character of the Basic Multilingual Plane, in order."""

import re

import pytest

from sitroom.pipeline.wordscan import bmp_class, bmp_plane


def test_wordscan_bmp_plane_is_each_code_point_once_in_order():
    assert bmp_plane() == "".join(map(chr, range(0x10000)))


@pytest.mark.parametrize("code", [0, 0x41, 0xD7FF, 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xE000, 0xFFFF])
def test_wordscan_bmp_plane_keeps_surrogates_apart(code):
    assert bmp_plane()[code] == chr(code)


@pytest.mark.parametrize("char_class, inside, outside", [
    (r"\w", "aЖ7_", " -.\u2028"),
    (r"[^\w-]", " .,\u00a0", "a-Ж_"),
])
def test_wordscan_bmp_class_matches_what_the_class_matches(char_class, inside, outside):
    spelt = re.compile(bmp_class(char_class))
    assert all(spelt.fullmatch(c) for c in inside)
    assert not any(spelt.fullmatch(c) for c in outside)
