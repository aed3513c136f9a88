"""The recognizer's shortcuts decide exactly as the simple computations they stand for."""

from __future__ import annotations

import math

import pytest

from sitroom.geo import recognize
from sitroom.geo.gazetteer import expand_abbreviation, normalize


def _old_after_gate(text: str, end: int) -> bool:
    """The character test ``_after_context`` made before its expression for what follows a
    place without a comma or bracket: spaces, then a bracket or a generic word."""
    k, n = end, len(text)
    while k < n and text[k].isspace():
        k += 1
    words = ("city", "town", "village", "district", "province", "governorate", "region",
             "municipality", "county", "area", "countryside", "township", "sub-district", "camp")
    return k > end and text[k:k + 1] in set("(ctvdpgrmas") and (
        text[k] == "(" or text.startswith(words, k))


@pytest.mark.parametrize("text", [
    "Clashes in Kunar province, Afghanistan, and Kabul city (Kabul) on Monday.",
    "Boni (Mopti region, Mali) and Gao  (Gao) then Herat- and Mosul.",
    "Police in Athens, Ga. said Springfield  county officials met in Salem district.",
    "He left Aleppo countryside, then the camp near Idlib; Homs town\n(Homs).",
    "Raids on Jenin camp and Tulkarm, West Bank -- Gaza (Rafah, Khan Younis).",
])
def test_geo_recognize_after_context_without_gate_matches_gated(geoparser, text):
    """Reading what follows a place straight with the expression finds what the old
    character test plus the expression found, at every position."""
    for end in range(len(text) + 1):
        got = geoparser._after_context(text, end)
        c = text[end:end + 1]
        if c not in (",", "(") and not _old_after_gate(text, end):
            assert got == ((), False), (text, end)


def _pairs_by_cell_numbers(geoparser, points, ambiguous):
    """``_pair_support`` as first written: cells numbered 1000 * row + column, the cell
    and its eight neighbours looked up by number."""
    lat, lon = geoparser.lat, geoparser.lon
    cells: dict[int, list] = {}
    for key, c in points:
        cell = int(lat[c] // 0.5) * 1000 + int(lon[c] // 1.0)
        cells.setdefault(cell, []).append((key, c))
    out: dict[str, dict[int, int]] = {}
    for key, c in points:
        if key not in ambiguous:
            continue
        cell = int(lat[c] // 0.5) * 1000 + int(lon[c] // 1.0)
        near = set()
        for step in (-1001, -1000, -999, -1, 0, 1, 999, 1000, 1001):
            for k2, c2 in cells.get(cell + step, ()):
                if k2 != key and recognize._equirect_km(lat[c], lon[c], lat[c2], lon[c2]) \
                        < recognize.PAIR_KM:
                    near.add(k2)
        if near:
            out.setdefault(key, {})[c] = min(len(near), recognize.PAIR_CAP)
    return out


@pytest.mark.parametrize("names", [
    ["Springfield", "Salem", "Franklin", "Clinton", "Madison", "Georgetown"],
    ["Columbus", "Athens", "Rome", "Paris", "Milan", "Lebanon", "Jackson"],
    ["Victoria", "San Jose", "Santa Cruz", "Alexandria", "Kingston", "Richmond"],
    ["Tromso", "Kirovsk", "Apatity", "Murmansk", "Nome", "Barrow", "Bethel"],
])
def test_geo_recognize_pair_support_matches_cell_numbers(geoparser, names):
    """Rows of cells and their columns find the same neighbours as the numbered cells,
    east and west of the date line and the meridian, north and south of the equator."""
    points, ambiguous = [], set()
    for name in names:
        cands = geoparser.gaz.lookup(normalize(name))[:recognize.MAX_SCORED]
        points.extend((name, c) for c in cands)
        if len(cands) > 1:
            ambiguous.add(name)
    assert ambiguous
    expected = _pairs_by_cell_numbers(geoparser, points, ambiguous)
    assert geoparser._pair_support(points, ambiguous) == expected


@pytest.mark.parametrize("name", ["Springfield", "Mt. Pleasant", "St. Louis", "Dara",
                                  "Sa'ada", "Georgia", "Kyiv", "Kiev", "Munchen", "Zurich"])
def test_geo_recognize_primary_matches_main_names(geoparser, name):
    """The readings whose main name is the name as written: every reading's main name
    normalized and compared without apostrophes, abbreviations written out."""
    key = normalize(name)
    cands = geoparser.gaz.lookup(key)
    bare = key.replace("'", "")
    expected = {c for c in cands[:recognize.MAX_SCORED]
                if geoparser.kind[c] == recognize.REGION
                or normalize(geoparser.gaz.names[c]).replace("'", "")
                in (bare, expand_abbreviation(bare))}
    assert geoparser._primary(key, cands) == expected


@pytest.mark.parametrize("name", ["Kabul", "Texas", "France", "Springfield", "Kunar",
                                  "Cook County", "Mosul"])
def test_geo_recognize_place_fields_match_gazetteer(geoparser, name):
    """A Place's fields read from the parser's lists are the gazetteer's own."""
    gaz = geoparser.gaz
    for c in gaz.lookup(normalize(name))[:5]:
        gid = int(gaz.geonames_id[c])
        expected = (gaz.names[c], gaz.admin1_name(c), gaz.iso3(c),
                    round(float(gaz.lat[c]), 5), round(float(gaz.lon[c]), 5),
                    gid if gid >= 0 else None, gaz.precision[c])
        assert geoparser._place_fields(c) == expected
        assert not math.isnan(expected[3])


@pytest.mark.parametrize("text", [
    "Troops entered Lay Kay village and Nyaung Bin Thar village tract near Bago.",
    "Shelling hit Tal Abyad district, Ras al-Ain town and Ain Issa camp.",
    "Kabul Police Chief Ahmad Zia said the Green Zone area was sealed.",
])
def test_geo_recognize_generic_word_test_precedes_unknown_name(geoparser, text):
    """Wherever capitalised words lead to a generic word (``_prefix_of_unknown_name``),
    the quick test for a generic word two or three words on agrees."""
    ts, te, _ = recognize._word_spans(text)
    found = 0
    for j in range(len(ts)):
        if geoparser._prefix_of_unknown_name(text, ts, te, j):
            found += 1
            assert geoparser._generic_soon(text, ts, te, j), (text, j)
    assert found


@pytest.mark.parametrize("word", ["North", "Downtown", "Former", "County", "Of", "The",
                                  "Texas", "Haywood", "Historic", "Police", "Greater"])
def test_geo_recognize_modifier_words_match_roles(geoparser, word):
    """A word before a name that does not make it a person's: one of the roles or
    connectors, as the table of words says, or a country's or division's name."""
    lw = word.lower()
    by_roles = bool(geoparser.roles.get(lw, frozenset()) & recognize._MODIFIER_ROLES) \
        or lw in recognize._CONNECTORS
    assert (lw in geoparser._modifier_words) == by_roles


def _container_by_search(text: str, start: int) -> bool:
    """The bracket test ``_keep`` made first: the last bracket opened in the 80
    characters before ``start``, none closed since, and ``_CONTAINER`` searched there."""
    opened = text.rfind("(", max(0, start - 80), start)
    return bool(opened >= 0 and text.find(")", opened, start) < 0
                and recognize._CONTAINER.search(text, max(0, start - 80), start))


def _container_by_halves(text: str, start: int) -> bool:
    lo = start - 80 if start > 80 else 0
    opened = text.rfind("(", lo, start)
    return bool(opened > lo and text.find(")", opened, start) < 0
                and recognize._CONTAINER_TAIL.match(text, opened + 1, start)
                and recognize._CONTAINER_HEAD_REVERSED.match(text[lo:opened][::-1]))


@pytest.mark.parametrize("text", [
    "On 9 May, in Recife (Pernambuco), residents of a squat in Itori (Ewekoro, Ogun) met.",
    "A protest in Pale township (Yinmarbion district, Sagaing region) against the coup.",
    "Sen. Jane Doe (I-Vt.) spoke; the Kabul-based (\nMosul, Anbar and x (Homs ,\n Hama",
    "lower (Idlib, then Mid-West O’Neill  (Raqqa,   Deir ez-Zor) and (A, B, C, D, E, F, G",
    "(Start) Ab (" + "x" * 70 + ", Tail and (Baghdad) St. (Basra, " + "y" * 61 + ", Z",
])
def test_geo_recognize_container_halves_match_the_search(text):
    """The two anchored matches about the bracket say what the search said, at every
    position of the text."""
    for start in range(len(text) + 1):
        assert _container_by_halves(text, start) == _container_by_search(text, start), start
