"""The actor tokenizer's array-based scan against the plain Unicode regex it replaces."""

from __future__ import annotations

import pytest

from sitroom.actors import lexicon as lx
from sitroom.actors.lexicon import scan, scan_offsets

_TEXTS = [
    "Police said, \"Hamas\" (Reuters) fighters left; Mosul's west-bank",
    "U.S.-led forces and the D.R. Congo's army: 3rd brigade, 1,200.5 troops.",
    "Kim Jong-un’s envoy met al-Qaeda’s O'Brien — in Bogotá, naïve café-owners",
    "ΟΔΟΣ and ΟΔΟΣ's ΚΑΛΟΣ-ΤΕΛΟΣ",  # a final sigma lower-cases by its place
    "İstanbul police and ǅemal ﬁghters",  # a character that lower-cases to two
    "tabs\tand\u00a0spaces\u2009and\nlines  twice",
    "a lone \ud800 surrogate, a pair \ud800\udc00 of them",
    "«Hamas» ¿qué? ‘Kyiv’ [UN] {ICRC} 12:30 50% $5 x_y _z z_",
    " , - — ' ’s 's a, ,a (b) c.",
    "",
    "   ",
]


def _reference(text: str, start: int = 0) -> tuple[list[int], list[int], list[str]]:
    """The plain scan: lower-case as ``str.lower`` does (a character that lower-cases to
    two by its first), then cut by the Unicode token regex."""
    piece = text[start:]
    low = piece.lower()
    if len(low) != len(piece):
        low = "".join(c.lower()[0] for c in piece)
    return lx._split_scan(lx._WIDE_SPLIT_RE.split, low, start)


@pytest.mark.parametrize("text", _TEXTS)
@pytest.mark.parametrize("start", [0, 3])
def test_actors_scan_equals_the_plain_regex_scan(text: str, start: int) -> None:
    assert scan(text, start) == _reference(text, start)


@pytest.mark.parametrize("text", _TEXTS + ["a 😀 past the plane"])
@pytest.mark.parametrize("start", [0, 2])
def test_actors_scan_offsets_arrays_equal_the_lists_and_text(text: str, start: int) -> None:
    starts, ends, keys, offsets, codes = scan_offsets(text, start)
    assert (starts, ends, keys) == scan(text, start)
    if offsets is not None:
        assert offsets.tolist() == starts
    if codes is not None:
        assert "".join(map(chr, codes.tolist())) == text[start:]


@pytest.mark.parametrize("chunk", ["said,", "(reuters", "u.s.-led", "al-qaeda's", "x_y,",
                                   "1,200.5", "'s", "(a)", "ΟΔΟΣ's"])
def test_actors_scan_chunk_cut_offsets_inside_the_chunk(chunk: str) -> None:
    # a chunk's tokens: the first starts and the last ends where the chunk does, so only
    # the offsets between them are kept
    low = chunk.lower()
    starts, ends, keys = lx._split_scan(lx._SPLIT_RE.split, low, 0)
    tokens, inner_starts, inner_ends = lx._cut_chunk(low)
    assert (starts[0], ends[-1]) == (0, len(low))
    assert tokens == tuple(keys)
    assert inner_starts == tuple(starts[1:]) and inner_ends == tuple(ends[:-1])


def test_actors_scan_lower_table_agrees_with_str_lower() -> None:
    # every character but the one that lower-cases to two lower-cases alone to the table's
    # character (the final sigma is taken care of by its text going through str.lower)
    for c in map(chr, range(0x10000)):
        if c != "\u0130":
            assert chr(lx._LOWER[ord(c)]) == c.lower(), repr(c)


def test_actors_scan_white_space_table_is_what_str_split_cuts_at() -> None:
    # the chunks of ``str.split`` and those of the class table must be the same
    split_at = {c for c in map(chr, range(0x10000)) if c.isspace()}
    assert split_at == {chr(c) for c in range(0x10000) if lx._CLASS[c] == lx._SPACE}
