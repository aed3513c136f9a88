"""Toponym recognition and resolution over a document's text.

Recognition: longest gazetteer-name matches over runs of capitalised words, extended
by a following generic word ("Kursk region", "Laurel County"); other spellings by a
consonant skeleton where a cue makes a place likely ("in Nassriya city"). Filtered
out: names inside a person's name ("Gov. Jackson", "George Washington", "Robertson
said"), given names ("Taylor Smith"), firms ("Stevens & Wilkinson"), street names,
common words, demonyms (which only hint at a country), and small places named
without a cue. Local news cues a small town by a locative preposition, its residents
("a Columbia woman", "Jane Doe, 41, X", "Mary Smith of X"), its civic bodies ("the X
Police Department"), an address ("12 Main Street, X"), a dateline ("X --"), a list
with a place that is read ("X, Y and Z"), or another mention the text places ("in X"
makes a bare X elsewhere a place, though "X says" reads like a person's).
Resolution: a population/kind prior plus evidence from the text: a generic word that
names the kind, the divisions named after a comma or in brackets ("Athens, Ga.",
"Galgala (Bossaso, Bari)"), the countries and first-level divisions the document
names, demonyms, distance to its other places, and towns of other names within
PAIR_KM (a town and the county it lies in); three rounds, each using the context the
previous one settled. A division named in brackets or after a generic word
("Boni (Mopti region)", "X district, Kunar", "X village of Y district") binds the
place before it: only readings inside it count, and a weakly matched name with none
there is dropped as an unknown village, leaving the division to say where; after "in
the Y region" ("Lere in the Timbuktu region", a region named after its town) only a
well-known town elsewhere stays. A name followed by a feature word the gazetteer does
not hold with it ("Scarborough Shoal", "X River") names the feature: its town reading
stays only in the country most of the text points to. The
country the demonyms and one-country actors point to ("Taliban") is returned as a
place without a mention: context for locating an event and its fallback location.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from operator import itemgetter
from typing import Any, Iterable, Mapping

import numpy as np
from mypy_extensions import mypyc_attr

from ..lexicons import Column, load_table
from ..model import Mention, Place, record_builder
from ..pipeline.wordscan import bmp_table
from .gazetteer import (ADMIN1, ADMIN2, CITY, COUNTRY, REGION, Gazetteer, expand_abbreviation,
                        haversine_km, normalize, skeleton)

__all__ = ["Geoparser", "Toponym", "WORD_ROLES"]

# Constructors of records with every field given by position, cheaper than the
# classes' own (see ``record_builder``).
_PLACE, _MENTION = record_builder(Place), record_builder(Mention)
# A Place's fields but its mention: name, admin1, country, lat, lon, GeoNames id, precision.
_PlaceFields = tuple[str, str | None, str | None, float, float, int | None, str]

WORD_ROLES = frozenset({"stop", "title", "org", "street", "direction", "at", "path",
                        "admin1", "admin2", "city", "firstname", "local", "feature"})

# Words; a possessive "'s" is left out of its word and is no word of its own.
_TOKEN = re.compile(r"[A-Z]\.[A-Z][a-z]{1,2}\.|(?:[A-Z]\.){2,}(?:[A-Z](?![a-z]))?"
                    r"|(?<!\w['’])[^\W\d_]\w*(?:['’](?!s\b)[^\W\d_]\w*)*")
_CONNECTORS = frozenset({"of", "de", "la", "el", "al", "upon", "du", "des", "del", "da", "do",
                         "on", "the", "and", "le", "les", "en", "sur", "am", "an", "der",
                         "di", "y", "i", "ad", "as", "ash", "ar", "az", "ul", "e", "es", "ez",
                         "ed", "er", "et", "bin", "ibn", "bani", "beni", "dos", "das", "van",
                         "von", "den", "aan", "lez", "au", "aux"})
_MAX_ABBREVIATED_TITLE = 4  # "Gov. X", "Sgt. X"; "Judge. X" is a sentence end
_SPEECH = frozenset({"said", "says", "told", "added", "explained", "noted", "stated", "wrote",
                     "asked", "recalled", "argued", "insisted", "acknowledged", "admitted"})
_GENERIC_ROLES = frozenset({"admin1", "admin2", "city"})
_MODIFIER_ROLES = frozenset({"direction", "stop", "at", "path", "org"})
_DIVISION_ROLES = frozenset({"admin1", "admin2"})
_DIVISION_KINDS = frozenset({ADMIN1, ADMIN2})  # "X region", "X district": named as a division
# Words that begin Arabic and Berber place and tribe names ("Bani Hasan", "Al-Hawi",
# "Ain Issa"): before another capitalised word they are part of its name, never a
# place of their own ("Bani" read as Baní, "Al" as Ål) when the whole name is unknown.
_NAME_PARTICLES = frozenset({"al", "el", "bani", "beni", "abu", "umm", "ain", "bir", "tell",
                             "wadi", "jabal", "jebel", "kafr", "khirbet", "beit", "bayt",
                             "ras", "sidi", "ouled", "ait"})
# Compass words that follow a town's name to name a division after it ("Beja Nord",
# "Sidi Bouzid Ouest", "Kaya Sud"): part of that name, not the division "Nord".
_COMPASS_AFTER = frozenset({"nord", "sud", "est", "ouest", "norte", "sur", "oeste",
                            "nord-ouest", "nord-est", "sud-ouest", "sud-est"})
# "Saudi-led", "Iran-backed": an actor's sponsor, not a sign of where the text is.
_COMPOUND_AFTER = re.compile(r"-(?:led|backed|allied|funded|supported|sponsored|brokered|"
                             r"aligned|affiliated|trained|armed)\b")
# Right before a name that holds the place named before it: "X district, Y", "X (Y".
_HOLDER_BEFORE = re.compile(r"(?:\b(?:district|province|city|town|village|county|region|area|"
                            r"subdivision|municipality|governorate|upazila|territory|"
                            r"zone|woreda|department|commune)\s*,\s*|\)\s*,\s*|"
                            r"[A-Z][\w'’\-]*(?:\s+[a-z]+)?\s+\((?:[^()]{0,40},\s*)?)$")
# The words _HOLDER_BEFORE's first branch ends with (before its comma).
_HOLDER_WORDS = ("district", "province", "city", "town", "village", "county", "region", "area",
                 "subdivision", "municipality", "governorate", "upazila", "territory", "zone",
                 "woreda", "department", "commune")
# Persian and Pashto joiners inside hyphenated names ("Dara-e-X", "Nahr-i-X").
_EZAFE = frozenset({"e", "i", "ye", "y", "o", "u"})
# "X in the Y region", "X village of Y district": the division that holds X.
_COMPASS_SPLIT = re.compile(r"[\s-]+")
_IN_DIVISION = re.compile(r"(?:\s+(?:city|town|village|area|locality|township))?"
                          r"(?:,\s*|\s+)(?:in|of)\s+(?:the\s+)?")
# The parser's memos of look-ups that recur across texts: one that outgrows its size is
# emptied (memory stays bounded without the bookkeeping of an LRU).
_PRIMARY_CACHE_SIZE = 50_000  # names remembered per parser (a few MB)
_NORM_CACHE_SIZE = 100_000  # normalized words and names remembered per parser (~10 MB)
_STATIC_CACHE_SIZE = 20_000  # scored readings of a name and its evidence (~10 MB)
_MAX_FUZZY_TOKENS = 3
_MIN_FUZZY_CHARS = 5  # shorter names have too many look-alikes
# What follows a place: an optional generic word, then ", " or " (" and up to three
# comma-separated names ending at a bracket, a full stop or a clause.
_NAME = (r"[A-Z][\w'’.\-]*(?:\s+(?:[A-Z][\w'’.\-]*|al|el|ez|es|ad|ar|as|de|del|la|of))*"
         r"(?:\s+(?:district|region|province|state|township|county|governorate|city|"
         r"municipality|division|countryside))?")
_AFTER = re.compile(r"(?:\s+(?:city|town|village|district|province|governorate|region|"
                    r"municipality|county|area|countryside|township|sub-district|camp))?"
                    r"(?:,\s*|\s+\(|\s*\()"
                    r"(" + _NAME + r"(?:\s*,\s*" + _NAME + r"){0,2})")
# The first letter of a name _AFTER reads after a comma or a bracket ([A-Z]).
_CAPITALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
# A name in brackets right after a capitalised name (after other names and commas).
_CONTAINER = re.compile(r"[A-Z][\w'’\-]*(?:\s+[a-z]+)?\s+\((?:[^()]{0,60},\s*)?$")
# _CONTAINER in two halves about its bracket, which can only be the last one opened
# before the name: what follows the bracket (matched from it), and what precedes it,
# read backwards (matched from the bracket in the reversed text): two anchored matches
# instead of a search through the 80 characters before the name.
_CONTAINER_TAIL = re.compile(r"(?:[^()]{0,60},\s*)?$")
_CONTAINER_HEAD_REVERSED = re.compile(r"\s+(?:[a-z]+\s+)?[\w'’\-]*[A-Z]")
# Between a place and the division that qualifies it: "Town, Region", "Town (Region".
_QUALIFIER_GAP = re.compile(r"(?:\s+(?:city|town|village|district|area|township|county))?"
                            r"(?:,\s*|\s*\()")
# A dateline's dash after a place written in capitals: "NEWARK — Police said",
# "NEWARK -- Police said" (and the dash of cp1252 text read as Latin-1).
_DATELINE_DASH = re.compile(r"[ \t]*[—–\x97]|[ \t]+--?[ \t]")
# After an abbreviated division used as a word of its own: a lower-case noun
# ("Ga. pastor"), or the second half of a two-word abbreviation ("W. Va.").
_BEFORE_NOUN = re.compile(r" (?:[a-z]{2,}\b|[A-Z][a-z]{1,3}\.)")
# A legislator's party and home: "Sen. Bill Harris, R-Ashland", "(D-Plymouth)".
_PARTIES = frozenset({"R", "D", "I", "DFL"})
# What follows a person's surname: "Gary Smith Sr. of X".
_NAME_SUFFIXES = frozenset({"Sr", "Jr", "II", "III", "IV"})
# "Jane Doe, 79, from X", "Troop 179 from X": where someone comes from.
_FROM_HOME = re.compile(r"(?:,|\d)\s+from\s+$")
# A person's age before "of X": "John Smith, 28, of X" names where he lives.
_AGE_BEFORE_OF = re.compile(r"\b\d{1,3},\s+$")
# People named by where they live: "a Columbia woman", "Chapin man dies".
_RESIDENT_NOUNS = frozenset({"man", "woman", "men", "women", "teen", "teenager", "teens",
                             "boy", "girl", "boys", "girls", "resident", "residents", "native",
                             "couple", "mother", "father", "child",
                             "children", "baby", "driver", "motorist", "officer",
                             "officers", "police", "firefighters", "voters", "homeowners",
                             "businessman", "businesswoman", "veteran", "soldier"})
# Street words that also end names of institutions ("X District Court, Brown said").
_NOT_ADDRESS = frozenset({"court", "square", "center", "centre", "hall"})
# "Jane Doe, 41, X": a person's age, then where the person lives.
_AGE_BEFORE = re.compile(r"[A-Za-z], \d{1,3}, $")
_DETERMINERS = frozenset({"a", "an", "the", "two", "three", "four", "another", "several"})
# A list of names ending in a plural generic word: "Clarke and Oconee counties".
_PLURAL_GENERIC = re.compile(r".*?\s(?:counties|districts|provinces|regions|states|parishes|"
                             r"townships|governorates|oblasts)\b")
_LIST_GAPS = frozenset({", ", " and ", ", and ", " or ", ", or "})
# One or two capitalised words ending a list item ("Otter Tail", "Geauga").
_LIST_NAME = re.compile(r"(?<![\w'’])[A-Z][\w'’]*(?: ([A-Z][\w'’]*))?$")
# "-Henry County" right after a town: the county it lies in.
_JOINT_COUNTY = re.compile(r"-([A-Z][\w'’]*(?: [A-Z][\w'’]*)?) (?:County|Parish)\b")
# Words before "of" that make "of X" locative.
_OF_HEADS = frozenset({"village", "town", "city", "outskirts", "province", "district", "region",
                       "north", "south", "east", "west", "northeast", "northwest", "southeast",
                       "southwest", "suburb", "suburbs", "centre", "center", "capital",
                       "parts", "part", "governorate", "municipality", "county", "state",
                       "area", "vicinity", "streets", "heart"})
_MAX_CONTEXT_CANDIDATES = 5  # towns of that name most likely meant
_ABBR_DOT = frozenset({"st", "ft", "mt", "pt"})
_MAX_TOKENS = 6

# Places smaller than this are read only with a locative cue or an admin name after a
# comma: below it, most single-word gazetteer hits in news are surnames or common
# words (chosen on the size where LGL-style local news stops naming towns bare).
MIN_BARE_POPULATION = 15_000
# Multi-word names are rarely accidental; the bar is lower for them.
MIN_BARE_POPULATION_MULTI = 1_000
# A name that is only an alternate name of its places ("Kiev" for Kyiv) is read bare
# only for large cities: alternate lists hold many transliterations that are English
# words or surnames ("Hamas" for Hamm).
MIN_BARE_POPULATION_ALTERNATE = 200_000
# A name shared by a given name and a place this large ("Georgia", "Paris") is read as
# the place even before another capitalised word.
WELL_KNOWN_POPULATION = 1_000_000
PLAUSIBLE_MARGIN = 3.0
# Candidates scored per name, most populous first: smaller homonyms than the 30th
# are too obscure to be meant even with context.
MAX_SCORED = 30
# A division or town named in brackets after a place lies within this distance of it.
NEAR_CONTEXT_KM = 60.0
# A place named with a division in brackets ("X (Y region)") but recorded under another
# division of the gazetteer still fits when this close to that division's point (the
# divisions of news and of GeoNames differ in places; large divisions span ~300 km).
BOUND_KM = 150.0
# A respelled division name read without a country to confirm it must be this close to
# the gazetteer's spelling (difflib ratio): one changed vowel in five letters ("Kunar"
# for Konar) is 0.8; unrelated names sharing consonants score below.
MIN_DIVISION_SIMILARITY = 0.8
# The difference of latitude (degrees) of two places BOUND_KM apart at most (with a
# margin far above rounding errors): a great circle is no shorter than it.
_BOUND_LAT_DEGREES = math.degrees(BOUND_KM / 6371.0) * 1.001
# Towns are many more: a respelled town name read without context must be closer still
# (a dropped and a doubled letter in nine, "Nassriya" for Nasiriyah, is 0.82).
MIN_TOWN_SIMILARITY = 0.82
# A town this small named with a division it does not lie in is more likely an
# unknown homonym than the gazetteer's town (villages missing from cities500).
WEAK_POPULATION = 50_000
# Places within this distance of the document's other places count as "nearby".
NEAR_KM = 400.0
# The difference of latitude (radians) of two places NEAR_KM apart at most (with a
# margin far above rounding errors); their difference of longitude times the cosine of
# the latitude furthest from the equator either can have is no larger.
_NEAR_LAT_RADIANS = _NEAR_LON_REACH = NEAR_KM / 6371.0 * 1.001

# Score weights (log10-population units): a kind named by a following generic word
# outweighs any population difference; an admin name after a comma nearly so.
_W_SUFFIX = 6.0
_W_COMMA = 6.0
_W_COUNTRY_CTX = 2.0
_W_ADMIN1_CTX = 2.5
_W_NEAR = 1.5
# Population counts a little over its log: tried 1.0-2.0 on the dev sets, 1.3 was best.
_W_POPULATION = 1.3
_W_DEMONYM = 1.0
# Mutual support of two ambiguous names in one division: tried 0.7-2.5 on the dev
# sets, 1.0 was best; readings within PLAUSIBLE_MARGIN (score units) of the best count.
_W_PLAUSIBLE = 1.0  # "Iraqi forces": weaker than a named place of that country
_W_CONTAINER = 2.0
_W_PRIMARY = 2.0
_W_CAPITAL = 2.5
_W_DIVISION_OF_CITY = 2.5  # national capitals are what a bare name usually means ("Washington")
# The only first-level division a text names ("Kentucky" in a text about London, Ky.)
# is where its ambiguous names lie, more so than one division among several: tried
# 2.0-4.0 on the dev sets, 3.0 was best (ACLED unchanged).
_W_SOLE_ADMIN1 = 3.0
# A country most of a text's confidently read places lie in (local news) counts as
# evidence for names without other context: at least DOMINANT_NAMES distinct names,
# DOMINANT_SHARE of all.
DOMINANT_NAMES = 2
DOMINANT_SHARE = 0.6
# A division named this many times as often as any other counts as the text's only one
# ("Texas" four times, "Florida" twice): tried 1.5-3 on the dev sets, 2 was best.
SOLE_ADMIN1_RATIO = 2.0
# Two names of a text whose plausible readings lie this close together (a town and the
# county it lies in, neighbouring villages of one valley) are most likely those
# readings: local news names places of one area ("Huntsville" with "Walker County" is
# Huntsville, Texas). Each other name with such a reading adds _W_PAIR, up to
# PAIR_CAP names; readings count when within PLAUSIBLE_MARGIN of their name's best
# static score. Tried PAIR_KM 30-80, margins 3-5, _W_PAIR 0.5-2.0 on the dev sets.
PAIR_KM = 50.0
PAIR_CAP = 3
_W_PAIR = 1.0
# The most the document's context can add to a reading's score.
_MAX_CONTEXT_BONUS = (_W_COUNTRY_CTX + _W_ADMIN1_CTX + _W_SOLE_ADMIN1 + _W_NEAR + _W_PLAUSIBLE
                      + _W_DEMONYM + _W_PAIR * PAIR_CAP)
_NO_PLACES: frozenset[int] = frozenset()
_UNSEEN = object()  # a cache's default: None is a remembered value
# A scored reading: (-score, rank among the candidates, place, its country, its
# first-level division or itself when one, whether a town or district)
_Reading = tuple[float, int, int, int, int, bool]
_KIND_BONUS = {COUNTRY: 1.5, ADMIN1: 1.0, REGION: 0.5, ADMIN2: -1.5, CITY: 0.0}


# (a list subclass: mypyc compiles it as an ordinary Python class)
@mypyc_attr(native_class=False)
class _Ranked(list):
    """``_static_scores``: the readings of a name, best first, and the countries and
    first-level divisions (-1: none) they lie in."""

    __slots__ = ("reach",)
    reach: tuple[frozenset[int], frozenset[int]]


@dataclass(slots=True)
class Toponym:
    start: int
    end: int
    key: str
    cands: tuple[int, ...]
    suffix_kind: int | None = None  # ADMIN1 / ADMIN2 / CITY named by a generic word
    comma: tuple[int, ...] = ()  # places named after a comma ("Athens, Ga.")
    cue: str | None = None  # "at" or "path": the preposition before it
    primary: frozenset[int] = frozenset()
    fuzzy: bool = False  # matched by skeleton: another spelling of the name
    container: bool = False  # in brackets after a place: "Galgala (Bari)" names a division
    held: bool = False  # right after "district, " or "(": names a division holding a place
    linked: bool = False  # ``comma`` is the town named after "area of", "village of"
    strong: bool = False  # ``comma`` named in brackets or after a generic word: binding
    within: bool = False  # ``comma`` holds the division named after "in the": "X in the Y region"
    feature: bool = False  # followed by a feature word the gazetteer lacks: "X Shoal"
    person: int = 0  # part of a person's name: 2 after a title or given name, 1 likely
    choice: int = -1
    score: float = 0.0
    margin: float = 0.0
    ranked: list | None = None  # ``_static_scores`` of the current candidates, once scored


# Characters that may stand before a word and after one in a space-separated chunk
# without changing where _TOKEN's words start and end ("(Kabul),", "“Aleppo”").
_LEAD = frozenset("(\"“'‘’[")
_TRAIL = frozenset(",.;:)!?\"”'’]")


# Character classes of the vectorised tokenizer (bit flags, one byte per character of
# the Basic Multilingual Plane): the piece separators, ASCII letters, capitals (of any
# script: ``str.isupper``), the characters of _LEAD and _TRAIL, and the characters that
# may begin one of
# _TOKEN's words ([^\W\d_]): ASCII letters and every other character but the usual
# punctuation of news text (a chunk without one holds no word; one that may is read).
_C_LEAD, _C_LETTER, _C_UPPER, _C_SEP, _C_TRAIL, _C_WORD = 1, 2, 4, 8, 16, 64
_NOT_WORD = "\xa0\x91\x92\x93\x94\x96\x97\xab\xbb\u2010\u2011\u2012\u2013\u2014\u2015" \
            "\u2018\u2019\u201a\u201c\u201d\u201e\u2022\u2026\u2032\u2033\u2039\u203a"


def _char_classes() -> np.ndarray:
    table = np.full(0x10000, _C_WORD, dtype=np.uint8)
    table[:128] = 0
    for ch in _NOT_WORD:
        if not re.match(r"[^\W\d_]", ch):
            table[ord(ch)] = 0
    for ch in " \n":
        table[ord(ch)] = _C_SEP
    for o in range(ord("a"), ord("z") + 1):
        table[o] = _C_LETTER | _C_WORD
        table[o - 32] = _C_LETTER | _C_UPPER | _C_WORD
    for ch in _LEAD:
        table[ord(ch)] |= _C_LEAD
    for ch in _TRAIL:
        table[ord(ch)] |= _C_TRAIL
    # the capitals of other scripts ("Ü", "Ł"), tested over the whole plane in C
    upper = bmp_table(str.isupper).copy()
    upper[:128] = False
    table[upper] |= _C_UPPER
    return table


_CHAR_CLASSES = _char_classes()
# Per character: 1 for an ASCII letter plus 2**32 for a character that may begin a word;
# the differences of its running sum count both in any stretch of text.
_COUNTS = ((_CHAR_CLASSES & _C_LETTER) != 0).astype(np.int64) \
    + (((_CHAR_CLASSES & _C_WORD) != 0).astype(np.int64) << 32)
_LETTER_COUNT = (1 << 32) - 1


def _word_spans(text: str) -> tuple[list[int], list[int], list[int]]:
    """Where ``_TOKEN``'s words start and end, and the numbers of the words that start
    with a capital. The chunks between spaces and newlines are classified at once
    (numpy, a dozen operations over the text and a few over its chunks): a chunk of
    ASCII letters with at most one bracket or quote before it and punctuation after it
    ("Kabul,", "(Kabul),", "“Aleppo”") is that word; a chunk with no letter ("--",
    "1,000") is none; the few others ("Obama's", "Kabul-based", "U.S.", "don't") are
    read one by one with str methods and, where those cannot tell, the expression (a
    text's dozen possessives read so cost less than the fifteen array operations that
    would find them). The same spans as ``_TOKEN.finditer`` at a fraction of the cost."""
    n = len(text)
    raw = (" " + text + " ").encode("utf-16-le", "surrogatepass")
    if len(raw) != 2 * n + 4:  # characters beyond the Basic Multilingual Plane
        spans = [m.span() for m in _TOKEN.finditer(text)]
        return ([s for s, _ in spans], [e for _, e in spans],
                [k for k, (s, _) in enumerate(spans) if text[s].isupper()])
    code = np.frombuffer(raw, dtype=np.uint16)  # padded with a space at either end
    cls = _CHAR_CLASSES.take(code)
    sep = cls == _C_SEP
    edges = (sep[1:] != sep[:-1]).nonzero()[0]
    starts, ends = edges[0::2], edges[1::2]  # the chunks between separators
    at = cls[1:]  # the classes of the text's characters
    # a chunk's core: without one leading bracket or quote and its trailing punctuation
    core_s = starts + (at[starts] & _C_LEAD)  # _C_LEAD is 1
    last_kept = np.maximum.accumulate(
        np.where(at & _C_TRAIL, -1, np.arange(n + 1, dtype=np.int32)))
    core_e = np.maximum(core_s, last_kept[ends - 1] + 1)
    # the letters and the characters that may begin a word in each core
    counts = _COUNTS.take(code).cumsum()
    inside = counts[core_e] - counts[core_s]
    length = core_e - core_s
    filled = length > 0
    word = filled & ((inside & _LETTER_COUNT) == length)
    other = ((inside > _LETTER_COUNT) & ~word).nonzero()[0]  # may begin a word: not empty
    keep = word.nonzero()[0]
    first, last = core_s[keep], core_e[keep]
    if len(other):
        got_s: list[int] = []
        got_e: list[int] = []
        for a, z in zip(starts[other].tolist(), ends[other].tolist()):
            _tokenize_chunk(text, text[a:z], a, got_s, got_e)
        if got_s:
            # words do not overlap: their starts and their ends sort in the same order
            first = np.concatenate((first, got_s))
            first.sort()
            last = np.concatenate((last, got_e))
            last.sort()
    return first.tolist(), last.tolist(), (at[first] & _C_UPPER).nonzero()[0].tolist()


def _tokenize_chunk(text: str, piece: str, off: int, starts: list[int],
                    ends: list[int]) -> None:
    n = len(piece)
    a = 1 if piece[0] in _LEAD else 0
    b = n
    while b > a and piece[b - 1] in _TRAIL:
        b -= 1
    if a == b:
        return  # punctuation only
    core = piece[a:b]
    if core.isdecimal():
        return  # a number: words start with a letter
    if core[-2:] in ("'s", "’s"):
        core = core[:-2]  # a possessive "'s" is no word of its own
    if core.isalpha():
        starts.append(off + a)
        ends.append(off + a + len(core))
        return
    if "-" in core:
        parts = core.split("-")
        if all(p.isalpha() for p in parts):
            s = off + a
            for p in parts:
                starts.append(s)
                s += len(p)
                ends.append(s)
                s += 1
            return
    for m in _TOKEN.finditer(text, off, off + n):
        starts.append(m.start())
        ends.append(m.end())


def _abbreviation_slot(text: str, s: int, e: int) -> bool:
    """An abbreviated division may be the word at ``s`` (ending at ``e``, before its
    full stop): after a comma ("Athens, Ga.") or a legislator's party ("Sen. Jane Doe
    (R-Fla.)"), or as a word of its own before a lower-case noun ("Ga. pastor",
    "Western Mass. stargazers", "W. Va. mines")."""
    before = text[s - 2:s]
    if before == ", ":
        return True
    if (s == 0 or text[s - 1] in " \n\"“(") and _BEFORE_NOUN.match(text, e + 1):
        return True
    k = _party_before(text, s)
    return k >= 0 and (k == 0 or not text[k - 1].isalnum())


def _party_home(text: str, s: int) -> bool:
    """The word at ``s`` follows a legislator's party: "Jane Doe, D-Hardy", "(R-Ashland)"."""
    k = _party_before(text, s)
    return k >= 0 and (text[k - 2:k] == ", " or text[k - 1:k] == "(")


def _party_before(text: str, s: int) -> int:
    """Where a legislator's party ("R", "DFL") starts when it and a hyphen stand right
    before ``s`` ("R-Fla.", "D-Hardy"), else -1."""
    if text[s - 1:s] != "-":
        return -1
    k = s - 1
    while k > 0 and text[k - 1].isupper():
        k -= 1
    return k if text[k:s - 1] in _PARTIES else -1


def _signature(ctx: dict) -> tuple:
    """What of a context can change a choice: anchors, countries and divisions named."""
    return (ctx["anchor_sig"], tuple(sorted((k, len(v)) for k, v in ctx["countries"].items())),
            tuple(sorted((k, len(v)) for k, v in ctx["admin1s"].items())))


def _similarity(a: str, b: str, floor: float) -> float:
    """difflib's ratio of ``a`` and ``b`` when at least ``floor``, else at most that
    ratio (0.0): the bounds by length and by shared letters (difflib's quick ratios)
    rule most pairs out before the costly matching. Readings kept only at the best
    ratio and at least ``floor`` are chosen as with the ratio itself."""
    n = len(a) + len(b)
    if n and 2.0 * min(len(a), len(b)) / n < floor:
        return 0.0
    if n and 2.0 * (Counter(a) & Counter(b)).total() / n < floor:
        return 0.0
    return SequenceMatcher(None, a, b).ratio()


def _holder_before(text: str, at: int) -> bool:
    """``_HOLDER_BEFORE`` ends at ``at`` (searched in the 30 characters before it). It
    ends in a comma or a bracket after a bracket or a generic word: without those the
    expression is not tried."""
    lo = max(0, at - 30)
    window = text[lo:at].rstrip()
    if not window or window[-1] not in ",(":
        return False
    if "(" not in window and ")" not in window \
            and not window[:-1].rstrip().endswith(_HOLDER_WORDS):
        return False
    return _HOLDER_BEFORE.search(text, lo, at) is not None


def _occurs(text: str, word: str) -> bool:
    """``word`` (lower case) stands as a whole word somewhere in ``text``."""
    at = text.find(word)
    n = len(word)
    while at >= 0:
        if (at == 0 or not text[at - 1].isalnum()) and not text[at + n:at + n + 1].isalnum():
            return True
        at = text.find(word, at + 1)
    return False


# The latitude of a row of ``Geoparser._near_rows``.
_LATITUDE = itemgetter(2)
# Grid cells for PAIR_KM neighbours: half a degree of latitude (55 km) by one of
# longitude (55 km at 60 degrees, more nearer the equator).
_PAIR_LAT_CELL, _PAIR_LON_CELL = 0.5, 1.0


def _equirect_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance in km, equirectangular: exact enough below a few hundred km."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return 6371.0 * math.sqrt(x * x + y * y)


class Geoparser:
    """Finds and resolves toponyms; one per Pipeline (holds compiled data only)."""

    # slots: attribute reads are the recognizer's inner loop, and a plain instance
    # dict this large loses the interpreter's fast path for them
    __slots__ = ("gaz", "kind", "pop", "country", "admin1", "capital", "_primary_cache",
                 "_norm_cache", "_skeleton_cache", "_bare_cache", "_place_cache", "_static_cache",
                 "_gate_cache", "_one_country_cache", "_cell_cache", "_word_cache",
                 "_name_cache", "_famous_cache", "_division_name_cache", "_chunk_cache",
                 "_coord_cache", "roles", "role_words", "_suffix_kinds", "lat", "lon",
                 "demonyms", "_feature_words", "_division_words", "_never_alone",
                 "_modifier_words", "_stop_or_demonym", "_title_or_direction", "_roles_at")

    def __init__(self, gazetteer: Gazetteer, lexicons=None) -> None:
        self.gaz = gazetteer
        # Python lists: scalar access is several times faster than on numpy arrays.
        self.kind: list[int] = gazetteer.kind.tolist()
        self.pop: list[int] = gazetteer.population.tolist()
        self.country: list[int] = gazetteer.country.tolist()
        self.admin1: list[int] = gazetteer.admin1.tolist()
        self.capital: list[bool] = gazetteer.capital.tolist()
        self._primary_cache: dict[tuple[str, tuple[int, ...]], frozenset[int]] = {}
        self._norm_cache: dict[str, str] = {}
        self._skeleton_cache: dict[str, str] = {}
        # place id -> its main name normalized, without apostrophes (``_primary``)
        self._bare_cache: dict[int, str] = {}
        # place id -> the fields of its Place
        self._place_cache: dict[int, _PlaceFields] = {}
        self._static_cache: dict[tuple, list[tuple[float, int, int]]] = {}
        # candidates -> ``_size``
        self._gate_cache: dict[tuple[int, ...], float] = {}
        # candidates -> whether they all lie in one country
        self._one_country_cache: dict[tuple[int, ...], bool] = {}
        # place id -> its ``_pair_support`` cell: (latitude row, longitude column)
        self._cell_cache: dict[int, tuple[int, int]] = {}
        # capitalised word -> (its key, the most words of a name it starts, demonym's country)
        self._word_cache: dict[str, tuple[str, int, int | None, bool, bool]] = {}
        # a name as written -> ``_name_entry``
        self._name_cache: dict[str, tuple[str, tuple[int, ...], tuple[int, ...], bool,
                                          frozenset[int]]] = {}
        # candidates -> ``_well_known``
        self._famous_cache: dict[tuple[int, ...], bool] = {}
        # word -> ``_is_division_name``
        self._division_name_cache: dict[str, bool] = {}
        # a chunk after a comma -> ``_after_chunk``
        self._chunk_cache: dict[str, tuple[int, ...] | None] = {}
        self._coord_cache: dict[tuple[int, ...], tuple[list[float], list[float]]] = {}
        cols = [Column("word"), Column("role", choices=WORD_ROLES)]
        table = (lexicons.table("geo_words.tsv", cols) if lexicons is not None
                 else load_table("geo_words.tsv", cols))
        roles: dict[str, set[str]] = {}
        for r in table.rows:
            roles.setdefault(str(r["word"]).lower(), set()).add(str(r["role"]))
        self.roles: Mapping[str, frozenset[str]] = {k: frozenset(v) for k, v in roles.items()}
        # word sets per role: membership tests are the recognizer's inner loop
        by_role: dict[str, set[str]] = {r: set() for r in WORD_ROLES}
        for w, rs in self.roles.items():
            for r in rs:
                by_role[r].add(w)
        self.role_words: Mapping[str, frozenset[str]] = {r: frozenset(v) for r, v in by_role.items()}
        # generic word -> the kind of place it names ("region": ADMIN1), first role wins
        self._suffix_kinds: Mapping[str, int] = {
            w: next(k for r, k in (("admin1", ADMIN1), ("admin2", ADMIN2), ("city", CITY))
                    if r in rs)
            for w, rs in self.roles.items() if rs & _GENERIC_ROLES}
        self.lat: list[float] = gazetteer.lat.tolist()
        self.lon: list[float] = gazetteer.lon.tolist()
        dcols = [Column("word"), Column("country", required=False, pattern=r"[A-Z]{2}")]
        dtable = (lexicons.table("geo_demonyms.tsv", dcols) if lexicons is not None
                  else load_table("geo_demonyms.tsv", dcols))
        country_no = {iso2: n for n, (iso2, _) in enumerate(gazetteer.country_codes)}
        # demonym -> country number (-1: none): never a toponym, a hint of the country
        self.demonyms: Mapping[str, int] = {
            str(r["word"]).lower(): country_no.get(str(r["country"] or ""), -1)
            for r in dtable.rows}
        # generic words of physical features ("shoal", "river"): "X Shoal" is no town X
        self._feature_words = self.role_words["feature"]
        # generic words of divisions ("county", "parish", "oblast")
        self._division_words = self.role_words["admin1"] | self.role_words["admin2"]
        # words before a name that do not make it a person's: a direction, a common,
        # locative or organisation word, a connector (so do a country's or division's
        # name, ``_is_division_name``)
        self._modifier_words = frozenset(
            [w for w, rs in self.roles.items() if rs & _MODIFIER_ROLES]) | _CONNECTORS
        # single words ``_keep`` always rejects and ``_fuzzy`` never respells
        self._never_alone = (self.role_words["stop"] | self.role_words["title"]
                             | self.role_words["direction"] | frozenset(self.demonyms))
        # keys ``_keep`` rejects, and single words it rejects as written (lower case)
        self._stop_or_demonym = self.role_words["stop"] | frozenset(self.demonyms)
        self._title_or_direction = self.role_words["title"] | self.role_words["direction"]
        self._roles_at = self.role_words["at"]  # locative words: "in", "near"

    # ------------------------------------------------------------------ recognition
    def _norm(self, name: str) -> str:
        """``normalize`` remembered per parser: the same words recur in every text."""
        key = self._norm_cache.get(name)
        if key is None:
            if len(self._norm_cache) > _NORM_CACHE_SIZE:
                self._norm_cache.clear()
            key = normalize(name)
            if "'" in key:
                key = self._unquoted(key)
            self._norm_cache[name] = key
        return key

    def _unquoted(self, key: str) -> str:
        """A key whose apostrophes transliterate a letter ("Sa'ada"), written without
        them where only that spelling is known ("Saada")."""
        if "'" not in key:
            return key
        index, first = self.gaz.index, self.gaz.first_words
        if key in index or key in first:
            return key
        bare = key.replace("'", "")
        return bare if bare in index or bare in first else key

    def _role(self, word: str, role: str) -> bool:
        return role in self.roles.get(word.lower(), ())

    def recognize(self, text: str, sentence_starts: Iterable[int] = (),
                  hints: dict[int, int] | None = None) -> list[Toponym]:
        """Toponym candidates in ``text``; countries named by demonyms go to ``hints``
        (country number -> times named)."""
        ts, te, caps = _word_spans(text)
        starts = set(sentence_starts)
        found: list[Toponym] = []
        n = len(ts)
        n_text = len(text)
        nxt = 0  # first token not yet consumed by a match
        words = self._word_cache
        directions = self.role_words["direction"]  # the first word of ``_compass_before_name``
        hints = {} if hints is None else hints
        for i in caps:
            if i < nxt:
                continue
            s, e = ts[i], te[i]
            word = text[s:e]
            info = words.get(word)
            if info is None:
                info = self._word_info(word)
            key, span, c, respell, alone = info
            if span:
                if alone and (e == n_text or text[e] != ".") and (
                        i + 1 == n or ts[i + 1] - e != 1 or text[e] not in " -"
                        or not (text[e + 1].isupper()
                                or text[e + 1:te[i + 1]].lower() in _CONNECTORS)):
                    hit = None  # a word never kept alone ("On", "The") that no name joins
                else:
                    hit = self._longest(text, ts, te, i, span, word)
            elif e < n_text and text[e] == "." and _abbreviation_slot(text, s, e):
                hit = self._longest(text, ts, te, i, span, word)
            else:
                hit = None
            if c is not None and (hit is None or hit[0] == i):
                if c >= 0 and not _COMPOUND_AFTER.match(text, e):  # "Saudi-led"
                    hints[c] = hints.get(c, 0) + 1  # "Czech Republic" is a place
                continue
            if hit is None and respell and self._cued(text, ts, te, i):
                hit = self._fuzzy(text, ts, te, i)
            if hit is None:
                continue
            j, top = hit
            nxt = j + 1
            if text[te[j] + 1:te[j] + 2].isupper():
                # a capitalised feature word after one space ("X Shoal", "X River"): the
                # name names a shoal or river the gazetteer does not hold (a name it holds,
                # "Red Sea", is matched whole), not the town or country of the name
                if j + 1 < n and ts[j + 1] == te[j] + 1 and text[te[j]] == " " \
                        and text[ts[j + 1]:te[j + 1]].lower() in self._feature_words:
                    top.feature = True  # "Scarborough Shoal": a feature the gazetteer lacks
                elif word.lower() in directions and self._compass_before_name(text, ts, te, i, j):
                    continue
            if not self._keep(text, ts, te, i, j, top, s in starts,
                              word if i == j else text[s:te[j]]):
                continue
            if found and found[-1].comma and _QUALIFIER_GAP.fullmatch(text, found[-1].end, top.start):
                top.container = True  # "Komsomolets, Donetsk": Donetsk qualifies the town
            found.append(top)
            if top.comma and nxt < n and text[ts[nxt] - 2:ts[nxt]] == ", ":
                abbr = self._abbreviation(text, (ts[nxt], te[nxt]), top.comma)
                if abbr is not None:
                    found.append(abbr)
                    nxt += 1
        self._share_plural_kind(text, found)
        return found

    def _share_plural_kind(self, text: str, found: list[Toponym]) -> None:
        """"Barrow, Jackson and Madison counties": the plural generic word names the
        kind of every name of the list, not of the last one alone; names of the list
        known only as divisions ("Geauga" of Geauga County) are added."""
        added: list[Toponym] = []
        for idx in range(len(found) - 1, -1, -1):
            t = found[idx]
            if t.suffix_kind is None or not _PLURAL_GENERIC.match(
                    text, max(t.start, t.end - 12), t.end + 14):
                continue
            k, q = idx - 1, t
            while True:
                p = found[k] if k >= 0 else None
                if p is not None and text[p.end:q.start] in _LIST_GAPS:
                    if p.suffix_kind is not None or p.person or p.fuzzy:
                        break
                    base = self.gaz.suffix_index.get(p.key, ())
                    if base:
                        p.cands = tuple(dict.fromkeys(base + p.cands))
                        p.primary = self._primary(p.key, p.cands)
                    p.suffix_kind = t.suffix_kind
                    k, q = k - 1, p
                    continue
                p = self._listed_division(text, q.start, t.suffix_kind,
                                          found[k].end if k >= 0 else 0)
                if p is None:
                    break
                added.append(p)
                q = p
        if added:
            found.extend(added)
            found.sort(key=lambda x: x.start)

    def _listed_division(self, text: str, at: int, kind: int, floor: int) -> Toponym | None:
        """The division named right before ``at`` and a list's comma or "and" ("Geauga"
        in "Geauga and Medina counties"), when the gazetteer knows it as one."""
        for gap in (", and ", ", or ", " and ", " or ", ", "):
            if text.endswith(gap, 0, at):
                end = at - len(gap)
                break
        else:
            return None
        m = _LIST_NAME.search(text, max(floor, end - 40), end)
        if m is None:
            return None
        for start in (m.start(), m.start(1)):  # "Otter Tail", then "Tail"
            if start < 0:
                continue
            key = self._norm(text[start:end])
            cands = tuple(c for c in self.gaz.suffix_index.get(key, ()) if self.kind[c] == kind)
            if cands and key not in self._never_alone:
                return Toponym(start, end, key, cands, kind, primary=self._primary(key, cands))
        return None

    def _word_info(self, word: str) -> tuple[str, int, int | None, bool, bool]:
        """A capitalised word's key, the most words of a gazetteer name it starts, the
        country it is the demonym of, whether ``_fuzzy`` may respell a name starting
        with it and whether it is a word never kept alone (``_name_entry``; remembered
        per parser)."""
        if len(self._word_cache) > _NORM_CACHE_SIZE:
            self._word_cache.clear()
        key = self._norm(word)
        lw = word.lower()
        respell = len(word) >= 3 and lw not in self.roles and lw not in self.demonyms
        span = self.gaz.first_words.get(key) or 0
        alone = bool(span) and (self._name_cache.get(word) or self._name_entry(word))[3]
        info = self._word_cache[word] = (key, span, self.demonyms.get(lw), respell, alone)
        return info

    def _longest(self, text: str, ts: list[int], te: list[int], i: int, span: int | None,
                 word: str) -> tuple[int, Toponym] | None:
        """The longest gazetteer name starting at token ``i``, ``word`` (``span``: the
        most words of a name starting with that word)."""
        gaz = self.gaz
        s0, e0 = ts[i], te[i]
        if e0 < len(text) and text[e0] == "." and _abbreviation_slot(text, s0, e0):
            j, end = i, e0 + 1
            if text[end:end + 1] == " " and i + 1 < len(ts) and ts[i + 1] == end + 1 \
                    and text[te[i + 1]:te[i + 1] + 1] == ".":
                j, end = i + 1, te[i + 1] + 1  # "W. Va."
            key = normalize(text[s0:end])
            abbr = gaz.context_index.get(key)
            if abbr is None and j > i:
                j, end = i, e0 + 1
                key = normalize(text[s0:end])
                abbr = gaz.context_index.get(key)
            if abbr:  # "Athens, Ala.": the state, not a town called Ala
                return j, Toponym(s0, end, key, abbr, cue="at",
                                  primary=frozenset(abbr))
        if not span:
            return None
        names = self._name_cache
        first = names.get(word) or self._name_entry(word)
        n = len(ts)
        if first[3]:
            # a word never kept alone ("On", "The"): only a longer name can start here,
            # and none does unless the next word joins it as in the loop below
            if i + 1 >= n:
                return None
            ns = ts[i + 1]
            gap = ns - e0
            if not (gap == 1 and text[e0] in " -") and not (
                    gap == 2 and text[e0] == "." and text[e0 + 1] == " "
                    and word.lower() in _ABBR_DOT):
                return None
            if not text[ns].isupper() and text[ns:te[i + 1]].lower() not in _CONNECTORS:
                return None
        limit = i + (span + 1 if span < _MAX_TOKENS else _MAX_TOKENS)
        if limit > n:
            limit = n
        ends = [i]
        last, ps, pe = i, s0, e0
        while last + 1 < limit:
            ns, ne = ts[last + 1], te[last + 1]
            gap = ns - pe  # one space or hyphen, ". " after "St", "Mt", or "'s " ("Cox's Bazar")
            if not (gap == 1 and text[pe] in " -") and not (
                    gap == 2 and text[pe] == "." and text[pe + 1] == " "
                    and text[ps:pe].lower() in _ABBR_DOT) and not (
                    gap == 3 and text[pe + 1:ns] == "s " and text[pe] in "'’"):
                break
            last += 1
            if text[ns].isupper():
                ends.append(last)
            elif text[ns:ne].lower() not in _CONNECTORS:
                break
            ps, pe = ns, ne
        suffix_kinds = self._suffix_kinds
        primary: frozenset[int] | None
        for j in reversed(ends):
            end = te[j]
            if j == i:
                entry = first
            else:
                known = names.get(text[s0:end])
                entry = known if known is not None else self._name_entry(text[s0:end])
            key, cands, base, alone, primary = entry
            if alone and j == i:
                return None  # "On", "May", "Mr": never kept alone, nor another spelling
            if not cands and not base:
                continue
            # a generic word right after the name ("Kursk region"): the kind it names
            skind = None
            if j + 1 < n:
                ns = ts[j + 1]
                if ns - end == 1 and text[end] == " ":
                    skind = suffix_kinds.get(text[ns:te[j + 1]].lower())
            if skind is not None:
                if base:
                    cands = tuple(dict.fromkeys(base + cands))
                    primary = None
            elif base and text[s0 - 1:s0] == "-" and _party_home(text, s0):
                # "Rep. Jane Doe, D-Hardy": a legislator's county or town
                cands = tuple(dict.fromkeys(cands + base))
                primary = None

            if not cands:
                continue
            top = Toponym(s0, end, key, cands, skind)
            if skind is not None and any(self.kind[c] in (ADMIN1, ADMIN2, REGION) for c in cands):
                top.end = te[j + 1]
            top.primary = self._primary(key, cands) if primary is None else primary
            return j, top
        return None

    def _name_entry(self, name: str) -> tuple[str, tuple[int, ...], tuple[int, ...], bool,
                                              frozenset[int]]:
        """A name as written: its key, the places of that key in the index and in the
        suffix index, whether it is a word never kept alone, and ``_primary`` of the
        index's places (remembered per parser: the gazetteer's index is large, its
        look-ups slow)."""
        names = self._name_cache
        if len(names) > _NORM_CACHE_SIZE:
            names.clear()
        key = self._norm(name)
        cands = self.gaz.index.get(key, ())
        entry = names[name] = (key, cands, self.gaz.suffix_index.get(key, ()),
                               key in self._never_alone and key == name.lower(),
                               self._primary(key, cands) if cands else frozenset())
        return entry

    def _fuzzy(self, text: str, ts: list[int], te: list[int], i: int
               ) -> tuple[int, Toponym] | None:
        """Another spelling of a gazetteer name ("Nassriya"), by skeleton; tried only
        where a cue makes a place likely (``_cued``), at a word ``_word_info`` lets
        respell."""
        gaz = self.gaz
        s0 = ts[i]
        first_words, norm_cache = gaz.first_words, self._norm_cache
        last, ends = i, [i]
        while last + 1 < min(len(ts), i + _MAX_FUZZY_TOKENS):
            pe = te[last]
            ns, ne = ts[last + 1], te[last + 1]
            if ns - pe != 1 or text[pe] not in " -":
                break  # only a space or a hyphen between the words
            last += 1
            if text[ns].isupper():
                w = text[ns:ne]
                if (norm_cache.get(w) or self._norm(w)) in first_words:
                    break  # a known name starts there
                ends.append(last)
            elif text[ns:ne].lower() not in _CONNECTORS:
                break
        stop = self.role_words["stop"]
        for j in reversed(ends):
            end = te[j]
            name = text[s0:end]
            key = norm_cache.get(name) or self._norm(name)
            if len(key) < _MIN_FUZZY_CHARS or key.lower() in stop:
                continue
            cands = gaz.skeleton_index.get(self._skeleton(key), ())
            if cands:
                top = Toponym(s0, end, key, cands, fuzzy=True)
                top.held = _holder_before(text, s0)
                suffix = self._suffix_after(text, ts, te, j)
                if suffix is not None:
                    top.suffix_kind = suffix[0]
                return j, top
        return None

    def _skeleton(self, key: str) -> str:
        """``skeleton`` remembered per parser (in the norm cache's budget)."""
        sk = self._skeleton_cache.get(key)
        if sk is None:
            if len(self._skeleton_cache) > _NORM_CACHE_SIZE:
                self._skeleton_cache.clear()
            sk = self._skeleton_cache[key] = skeleton(key)
        return sk

    def _cued(self, text: str, ts: list[int], te: list[int], i: int) -> bool:
        """A locative word before token ``i``, or a generic word, comma or bracket after
        the capitalised words starting there: worth trying other spellings."""
        s0 = ts[i]
        before = text[s0 - 1] if s0 else ""
        if before == " " and i > 0:
            ps, pe = ts[i - 1], te[i - 1]
            if pe == s0 - 1 and text[ps:pe].lower() in self.role_words["at"]:
                return True
        if before == "(" or (before == " " and s0 >= 2 and text[s0 - 2] == ","
                             and _holder_before(text, s0)):
            return True
        k = i
        n = len(ts)
        top = i + _MAX_FUZZY_TOKENS
        while k + 1 < n and k < top:
            ns = ts[k + 1]
            if not text[ns].isupper():
                break
            pe = te[k]
            if ns - pe != 1 or text[pe] not in " -":
                break  # only a space or a hyphen between the words
            k += 1
        ke = te[k]
        after = text[ke] if ke < len(text) else ""
        if after != " ":
            return after == ","
        if text[ke + 1:ke + 2] == "(":
            return True
        # a generic word after one space (``_suffix_after``)
        return k + 1 < n and ts[k + 1] == ke + 1 \
            and text[ke + 1:te[k + 1]].lower() in self._suffix_kinds

    def _primary(self, key: str, cands: tuple[int, ...]) -> frozenset[int]:
        """The candidates whose main name (not an alternate one) is ``key``."""
        hit = self._primary_cache.get((key, cands))
        if hit is None:
            if len(self._primary_cache) > _PRIMARY_CACHE_SIZE:
                self._primary_cache.clear()
            names, kind, bare_of = self.gaz.names, self.kind, self._bare_cache
            if len(bare_of) > _NORM_CACHE_SIZE:
                bare_of.clear()
            # "Dara" is the main name of Dar'a, "Mt. Pleasant" of Mount Pleasant
            bare = key.replace("'", "")
            long = expand_abbreviation(bare)
            main = []
            for c in cands[:MAX_SCORED]:
                if kind[c] == REGION:  # curated
                    main.append(c)
                    continue
                name = bare_of.get(c)
                if name is None:
                    # without its apostrophes, as ``_norm`` may leave them or not
                    name = bare_of[c] = normalize(names[c]).replace("'", "")
                if name == bare or name == long:
                    main.append(c)
            hit = self._primary_cache[(key, cands)] = frozenset(main)
        return hit

    def _compass_before_name(self, text: str, ts: list[int], te: list[int], i: int,
                             j: int) -> bool:
        """Whether tokens i..j are compass words only, right before a capitalised word
        that is no generic word ("South West England", "North-Western Sydney"): they
        name a part of that place, not the province of another country so named."""
        directions = self.role_words["direction"]
        if j + 1 >= len(ts) or ts[j + 1] - te[j] != 1 or text[te[j]] not in " -":
            return False
        if not all(text[ts[k]:te[k]].lower() in directions for k in range(i, j + 1)):
            return False
        follower = text[ts[j + 1]:te[j + 1]].lower()
        return follower not in self._suffix_kinds and follower not in self._feature_words

    def _suffix_after(self, text: str, ts: list[int], te: list[int], j: int
                      ) -> tuple[int, int] | None:
        """The kind a generic word right after token ``j`` names, and where it ends."""
        if j + 1 >= len(ts):
            return None
        s, e = ts[j + 1], te[j + 1]
        pe = te[j]
        if s - pe != 1 or text[pe] != " ":
            return None  # not one space before it
        kind = self._suffix_kinds.get(text[s:e].lower())
        return None if kind is None else (kind, e)

    def _keep(self, text: str, ts: list[int], te: list[int], i: int, j: int,
              top: Toponym, sentence_start: bool, word: str) -> bool:
        """Whether the name ``word`` of tokens i..j (``top``) reads as a place; sets its
        cue, the places named after it and whether it names a person."""
        rw = self.role_words
        start, end_j, key = top.start, te[j], top.key
        single = i == j
        lw = word.lower()
        # keys are normalized: in lower case
        if len(key) < 2 or key in self._stop_or_demonym \
                or (single and lw in self._title_or_direction):
            return False
        dateline = False
        if word.isupper():
            dateline = len(word) > 2 and _DATELINE_DASH.match(text, top.end) is not None
            if " " not in word and "." not in word and not sentence_start \
                    and not dateline \
                    and not any(self.kind[c] in (COUNTRY, REGION) for c in top.cands) \
                    and not any(self.kind[c] == ADMIN1 and (len(word) <= 2 or c not in top.primary)
                                for c in top.cands):
                return False  # an acronym ("NICE", "SUD"), not a place's name as written
        # the words around the name and what stands between (most often one space)
        if i:
            p_s = ts[i - 1]
            p_e = te[i - 1]
            prev_word = text[p_s:p_e]
            prev_gap = text[p_e:start]
            pl = prev_word.lower()
            prev_sp = prev_gap == " "
        else:
            p_s = 0
            prev_word = prev_gap = pl = ""
            prev_sp = False
        nxt = j + 1 < len(ts)
        if nxt:
            n_s = ts[j + 1]
            n_e = te[j + 1]
            next_word = text[n_s:n_e]
            next_gap = text[end_j:n_s]
            nl = next_word.lower()
            spaced = next_gap == " "  # one space before the next word
        else:
            n_e = 0
            next_word = next_gap = nl = ""
            spaced = False
        # Person: a title, a given name or an initial before it.
        if (prev_sp or prev_gap == ". ") and prev_word[0].isupper():
            if pl in rw["title"] and pl not in rw["direction"] \
                    and (prev_sp or len(prev_word) <= _MAX_ABBREVIATED_TITLE):
                return self._mark_person(top)
            if not prev_sp and len(prev_word) == 1:
                return self._mark_person(top)
            if prev_sp and pl in rw["firstname"]:
                return self._mark_person(top)
            if prev_sp and pl not in self._modifier_words and pl not in _DETERMINERS \
                    and not self._is_division_name(prev_word) \
                    and not self._well_known(top) \
                    and not self._named_division(top):
                # "Haywood Turner", "Historic Dublin": not on its own a place; but "Former
                # Hall County official" names the county
                top.person = 1
                return True
        if single:
            if lw in _NAME_PARTICLES and (spaced or next_gap == "-") \
                    and next_word[:1].isupper():
                return False  # "Al-Joura", "Bani Rashid": the first word of an unknown name
            if lw in _COMPASS_AFTER and prev_sp and prev_word[:1].isupper():
                return False  # "Beja Nord", "Sidi Bouzid Ouest": a division named after a town
        if ((not prev_sp and (prev_gap == "-" or prev_gap == "(" or "&" in prev_gap))
                or (not spaced and (next_gap == "-" or "&" in next_gap))) \
                and not self._joined_ok(text, top, end_j, prev_word, prev_gap, next_word,
                                        next_gap):
            return False
        if spaced and next_word[0].isupper():
            after = (ts[j + 2], te[j + 2]) if j + 2 < len(ts) else None
            run_ends = after is None or text[n_e:after[0]] != " " or not text[after[0]].isupper()
            if nl in rw["street"] and run_ends and not self._named_division(top):
                return False  # "Paris Road"; not "Platte County Road 4", "X County Court"
            if single and top.suffix_kind is None and self._generic_soon(text, ts, te, j) \
                    and self._prefix_of_unknown_name(text, ts, te, j):
                return False  # "Lay" in "Lay Kay village": part of an unknown name
            if single and top.suffix_kind is None and nl not in self.roles \
                    and nl not in self.demonyms \
                    and self._first_of_two_word_name(text, ts, te, j, top):
                return False  # "Nadia Moayyad", "Chapman Valve": another name's first word
            if single and lw in rw["firstname"] and top.suffix_kind is None \
                    and nl not in rw["org"] and (
                        not self._well_known(top) or len(next_word) == 1
                        or self._unknown_surname(text, ts, te, j)):
                return False  # "Taylor Smith", "Virginia L. Lane": a given name
        cue = top.cue  # "at" after a legislator's party (``_joined_ok``), or for a state
        if cue is None and prev_sp:
            if i > 1 and pl in rw["direction"] and not prev_word[0].isupper() \
                    and text[te[i - 2]:p_s] == " " \
                    and text[ts[i - 2]:te[i - 2]].lower() in self._roles_at:
                cue = "at"  # "in central X", "near downtown X"
            elif pl == "of":
                if i > 1 and text[ts[i - 2]:te[i - 2]].lower() in _OF_HEADS:
                    cue = "at"  # "village of X", "north of X"; not "Federation of X"
                elif _AGE_BEFORE_OF.search(text, max(0, p_s - 8), p_s):
                    cue = "at"  # "John Smith, 28, of X"
                elif not top.fuzzy and self._person_before_of(text, ts, te, i - 1):
                    cue = "at"  # "Betty Smith of X", "John Doe Jr. of X": where they live
            elif pl in self._roles_at:
                cue = "at"
            elif pl in rw["path"]:
                cue = "path"
        if cue is None and not prev_sp and prev_gap[-2:] == ", " and (
                (prev_gap == ", " and pl in rw["street"] and pl not in _NOT_ADDRESS)
                or _AGE_BEFORE.search(text, max(0, start - 8), start)):
            cue = "at"  # "12 Main Street, X", "Jane Doe, 41, X": the town of an address
        if cue is None:
            if dateline:
                cue = "at"  # "NEWARK —": where something happens
            elif spaced:
                if nl in _RESIDENT_NOUNS and next_word[0].islower() \
                        and (not i or sentence_start or pl in _DETERMINERS):
                    cue = "at"  # "a Columbia woman": where something happens
                elif nl in rw["local"] and next_word[0].isupper() and lw not in rw["stop"] \
                        and not _occurs(text, lw):
                    cue = "at"  # "the Hopkinton Police Department": the town's own body
                elif nl in _SPEECH and (not i or pl not in _CONNECTORS) \
                        and not self._well_known(top) and not self._is_division(top):
                    return self._mark_person(top)  # "Robertson said": a person
        top.cue = cue
        end = top.end
        follow = text[end] if end < len(text) else ""
        if follow == "," or follow == "(" or follow.isspace():
            top.comma, top.strong = self._after_context(text, end)
        else:  # nothing _AFTER reads can start there
            top.comma, top.strong = (), False
            if follow == "-":
                top.comma = self._joint_county(text, end)
        # _CONTAINER ends in the last bracket opened before the name, none closed since
        lo = start - 80 if start > 80 else 0
        opened = text.rfind("(", lo, start)
        if opened > lo and text.find(")", opened, start) < 0 \
                and _CONTAINER_TAIL.match(text, opened + 1, start) \
                and _CONTAINER_HEAD_REVERSED.match(text[lo:opened][::-1]):
            top.container = True
            top.strong = bool(top.comma)  # "(Barh Koh, Moyen-Chari)": one hierarchy
        if sentence_start and single and _occurs(text, lw):
            return bool(cue == "at" or top.comma or top.suffix_kind is not None)
        return True

    def _joined_ok(self, text: str, top: Toponym, end_j: int, prev_word: str, prev_gap: str,
                   next_word: str, next_gap: str) -> bool:
        """A name joined to the words around it by a hyphen, an ampersand or a bracket
        is no place of its own in a compound name, a firm's or a party's name; after a
        legislator's party ("D-Springfield") it is where the legislator is from."""
        pl, nl = prev_word.lower(), next_word.lower()
        if (next_gap == "-" and (nl in _EZAFE or next_word in _CONNECTORS
                                  or _COMPOUND_AFTER.match(text, end_j))) or \
                (prev_gap == "-" and pl in _EZAFE):
            return False  # "Dara-e-Pech", "Saudi-led", "Kabul-based": not the place itself
        if "&" in prev_gap or "&" in next_gap:
            return False  # "Stevens & Wilkinson": a firm
        if prev_gap == "(" and prev_word[-1:].isalnum():
            return False  # "CPN(US)", "PDM(Kenya)": part of a party's or firm's name
        if prev_gap == "-" and _party_home(text, top.start):
            top.cue = "at"  # "Rep. Jane Doe, D-Springfield": where she is from
        elif (next_gap == "-" and next_word[:1].isupper() and not self._is_place_word(next_word)
                and nl not in self.demonyms and not _JOINT_COUNTY.match(text, end_j)) or \
                (prev_gap == "-" and prev_word[:1].isupper() and not self._is_place_word(prev_word)
                 and pl not in self.demonyms):
            return False  # "Wal-Mart", "Coca-Cola": a compound name
        return True

    def _person_before_of(self, text: str, ts: list[int], te: list[int], k: int) -> bool:
        """Token ``k`` is "of" after a person's two-word name ("Mary Miller of", "Gary
        Smith Sr. of"): capitalised words that are no title, organisation, country or
        state, or common word."""
        words: list[str] = []
        m = k
        while m > 0 and len(words) < 3:
            s, e = ts[m - 1], te[m - 1]
            if not text[s].isupper() or text[e:ts[m]] not in (" ", ". "):
                break
            words.append(text[s:e])
            m -= 1
        if words and words[0] in _NAME_SUFFIXES:
            words = words[1:]  # "Sr.", "Jr."
        if len(words) < 2:
            return False
        rw = self.role_words
        for w in words[:2]:
            lw = w.lower()
            if lw in rw["org"] or lw in rw["title"] or lw in rw["stop"] \
                    or lw in rw["direction"] or self._is_division_name(w):
                return False
        return True

    def _abbreviation(self, text: str, tok: tuple[int, int], places: tuple[int, ...]
                      ) -> Toponym | None:
        """The state abbreviation in "Athens, Ga." as a toponym of its own."""
        s, e = tok
        word = text[s:e]
        if text[e:e + 1] == "." and not word.endswith("."):
            e += 1
        key = normalize(text[s:e])
        if text[s - 2:s] != ", ":
            return None
        cands = tuple(c for c in self.gaz.context_index.get(key, ()) if c in places)
        if not cands or key in self.gaz.index:
            return None
        return Toponym(s, e, key, cands, cue="at", comma=cands, primary=frozenset(cands))

    def _after_context(self, text: str, end: int) -> tuple[tuple[int, ...], bool]:
        """Divisions and countries named right after a place, after a comma or in
        brackets: "Athens, Ga.", "Subayra (Qaatabah, Ad Dali)"."""
        c = text[end:end + 1]
        if c == ",":
            # then spaces and a capital: the name _AFTER reads starts there
            k, n = end + 1, len(text)
            while k < n and text[k].isspace():
                k += 1
            if k == n or text[k] not in _CAPITALS:
                return (), False
        elif c == "(":
            if text[end + 1:end + 2] not in _CAPITALS:
                return (), False
        # else spaces, then a bracket or one of _AFTER's generic words: the expression
        # tells at once (a failed match costs less than reading the spaces here)
        m = _AFTER.match(text, end)
        if not m:
            return (), False
        lead = text[end:m.start(1)]
        tail = m.group(1).rsplit(None, 1)[-1].lower()
        strong = "(" in lead or (lead[:1] == " " and lead.strip(" ,(") != "") \
            or bool(self.roles.get(tail, frozenset()) & _DIVISION_ROLES)
        found: list[int] = []
        chunks = self._chunk_cache
        for chunk in m.group(1).split(","):
            hits = chunks.get(chunk, _UNSEEN)
            if hits is _UNSEEN:
                if len(chunks) > _NORM_CACHE_SIZE:
                    chunks.clear()
                hits = chunks[chunk] = self._after_chunk(chunk)
            if hits is None:
                break
            found.extend(hits)  # type: ignore[arg-type]  # (a list: not _UNSEEN)
        return tuple(found), strong and bool(found)

    def _after_chunk(self, chunk: str) -> tuple[int, ...] | None:
        """The places one comma-separated name after a place stands for ("Ga.", "Kunar
        province"); None when it is no name (the list ends there). Remembered per parser
        by ``_after_context``: the same names follow places in every text."""
        gaz = self.gaz
        words = chunk.split()
        generic = False
        while words and self._role(words[-1], "admin1") or words and self._role(words[-1], "admin2"):
            words.pop()
            generic = True
        if not words or not words[0][:1].isupper():
            return None
        name = " ".join(words)
        key = normalize(name)
        hits = gaz.context_index.get(key, ())
        if generic and not hits:  # "Katha district": the division before the town
            hits = self._similar(key, [h for h in gaz.suffix_index.get(key, ())
                                       if self.kind[h] in (ADMIN1, ADMIN2)])
        hits = hits or gaz.index.get(key, ()) or gaz.suffix_index.get(key, ())
        if not hits and len(key) >= _MIN_FUZZY_CHARS:
            hits = self._similar(key, [h for h in gaz.skeleton_index.get(skeleton(key), ())
                                       if self.kind[h] == ADMIN1])
        named = (self._primary(key, hits) | frozenset(gaz.suffix_index.get(key, ()))
                 | frozenset(gaz.context_index.get(key, ()))) if hits else frozenset()
        big = tuple(h for h in hits if self.kind[h] in (COUNTRY, ADMIN1, REGION)
                    and (h in named or self.kind[h] == COUNTRY))
        return tuple(big or hits[:_MAX_CONTEXT_CANDIDATES])

    def _joint_county(self, text: str, end: int) -> tuple[int, ...]:
        """"Paris-Henry County", "Athens-Clarke County": a town joined to the county it
        lies in (read like "Paris, Henry County")."""
        m = _JOINT_COUNTY.match(text, end)
        if not m:
            return ()
        key = self._norm(m.group(1))
        return tuple(c for c in self.gaz.suffix_index.get(key, ()) if self.kind[c] == ADMIN2)

    def _similar(self, key: str, places: list[int]) -> tuple[int, ...]:
        """The places whose name (without a generic word) is spelt close to ``key``."""
        out = []
        for h in places:
            name = self._norm(self.gaz.names[h])
            if name.startswith(key) or key.startswith(name) or \
                    _similarity(key, name, MIN_DIVISION_SIMILARITY) >= MIN_DIVISION_SIMILARITY:
                out.append(h)
        return tuple(out)

    def _generic_soon(self, text: str, ts: list[int], te: list[int], j: int) -> bool:
        """A generic place word two or three words after token ``j``: what
        ``_prefix_of_unknown_name`` needs to find one (tested first: it seldom is)."""
        kinds = self._suffix_kinds
        n = len(ts)
        return (j + 2 < n and text[ts[j + 2]:te[j + 2]].lower() in kinds) \
            or (j + 3 < n and text[ts[j + 3]:te[j + 3]].lower() in kinds)

    def _prefix_of_unknown_name(self, text: str, ts: list[int], te: list[int], j: int) -> bool:
        """Capitalised words not in the gazetteer follow, then a generic place word."""
        k = j + 1
        while k < len(ts) and k <= j + 3 and text[te[k - 1]:ts[k]] == " ":
            word = text[ts[k]:te[k]]
            if not word[0].isupper():
                roles = self.roles.get(word.lower(), frozenset())
                return k > j + 1 and bool(roles & _GENERIC_ROLES)
            if self._role(word, "org") or self._is_division_name(word):
                return False
            k += 1
        return False

    def _first_of_two_word_name(self, text: str, ts: list[int], te: list[int], j: int,
                                top: Toponym) -> bool:
        # a division's size is infinite: ``_is_division`` is part of the second test
        if self._well_known(top) or self._size(top.cands) >= MIN_BARE_POPULATION_ALTERNATE:
            return False
        return self._unknown_surname(text, ts, te, j)

    def _unknown_surname(self, text: str, ts: list[int], te: list[int], j: int) -> bool:
        """The next word ends a two-word name and is no known place, role or demonym."""
        word = text[ts[j + 1]:te[j + 1]]
        lw = word.lower()
        if lw in self.roles or self._norm(word) in self.gaz.first_words or lw in self.demonyms:
            return False
        after = (ts[j + 2], te[j + 2]) if j + 2 < len(ts) else None
        return after is None or text[te[j + 1]:after[0]] != " " or not text[after[0]].isupper()

    def _is_division_name(self, word: str) -> bool:
        """Whether ``word`` names a country, first-level division or region
        (remembered per parser)."""
        hit = self._division_name_cache.get(word)
        if hit is None:
            if len(self._division_name_cache) > _NORM_CACHE_SIZE:
                self._division_name_cache.clear()
            hit = self._division_name_cache[word] = any(
                self.kind[c] in (COUNTRY, ADMIN1, REGION)
                for c in self.gaz.index.get(self._norm(word), ()))
        return hit

    def _named_division(self, top: Toponym) -> bool:
        """Named with its generic word ("Hall County", "Kursk region"): no person's name."""
        if top.suffix_kind in _DIVISION_KINDS:
            return True
        last = top.key.rsplit(" ", 1)[-1]
        return " " in top.key and last in self._division_words and any(
            self.kind[c] in _DIVISION_KINDS for c in top.cands)

    def _is_division(self, top: Toponym) -> bool:
        return any(self.kind[c] in (COUNTRY, ADMIN1, REGION) for c in top.cands)

    def _well_known(self, top: Toponym) -> bool:
        """A country or a place of a million people: not read as a given name."""
        famous = self._famous_cache.get(top.cands)
        if famous is None:
            if len(self._famous_cache) > _PRIMARY_CACHE_SIZE:
                self._famous_cache.clear()
            kind, pop = self.kind, self.pop
            famous = self._famous_cache[top.cands] = any(
                kind[c] == COUNTRY or pop[c] >= WELL_KNOWN_POPULATION for c in top.cands)
        return famous

    def _is_place_word(self, word: str) -> bool:
        return bool(self.gaz.index.get(self._norm(word))) and not self._role(word, "stop")

    @staticmethod
    def _mark_person(top: Toponym) -> bool:
        top.person = 2
        return True  # kept so that other mentions of the name can be blocked

    # ------------------------------------------------------------------ resolution
    def parse(self, text: str, sentence_starts: Iterable[int] = ()) -> list[Place]:
        hints: dict[int, int] = {}
        sentence_starts = sorted(sentence_starts)
        tops = self.recognize(text, sentence_starts, hints)
        placed = self._placed_keys(text, tops)
        strong = {t.key for t in tops if t.person == 2} - placed
        weak = {t.key for t in tops if t.person == 1 and " " not in t.key} - placed
        # a capitalised word before a name the text places elsewhere ("Joins X Mayor
        # Race") does not make it a person's
        tops = [t for t in tops if (not t.person or (t.person == 1 and t.key in placed)) and (
            t.cue is not None or t.comma or t.suffix_kind is not None
            or (t.key not in strong and (t.key not in weak or self._well_known(t))))]
        tops = self._gate(text, tops)
        self._link_divisions(text, tops)
        tops = [t for t in tops if not t.strong or self._bind(t)]
        static: dict[tuple, Any] = {}
        self._resolve(tops, None, static)
        ctx = self._context([t for t in tops if not t.fuzzy])
        ctx["demonyms"] = hints
        ctx["plausible"], ctx["pairs"] = self._plausible(tops, static)
        tops = [t for t in tops if not t.fuzzy or self._fuzzy_fits(t, ctx)]
        self._resolve(tops, ctx, static)
        # Once more with the context the first round settled ("Georgia" read as the
        # state in a text about Atlanta now helps "Columbus" to Georgia's).
        ctx2 = self._context([t for t in tops if not t.fuzzy])
        if _signature(ctx2) != _signature(ctx):
            ctx2["demonyms"] = hints
            ctx2["plausible"] = ctx["plausible"]
            ctx2["pairs"] = ctx["pairs"]
            self._resolve(tops, ctx2, static)
            ctx = ctx2
        self._drop_foreign_unknowns(tops, ctx, sentence_starts)
        self._drop_foreign_features(tops, ctx)
        places = self._places(text, tops)
        hint = self._hinted_country(hints)
        if hint is not None:
            places.append(hint)
        return places

    def _placed_keys(self, text: str, tops: list[Toponym]) -> set[str]:
        """Names the text places plainly ("in X.", "X residents", "X, Ohio", "X County"):
        places wherever they stand bare, though one mention reads like a person ("X
        says"). Not "in X's honor" or "in X hearing": there the cue is another noun's."""
        out: set[str] = set()
        for t in tops:
            if t.person or t.key in out:
                continue
            if t.comma or t.suffix_kind is not None:
                out.add(t.key)
                continue
            if t.cue != "at":
                continue
            after = text[t.end:t.end + 1]
            if after in ("'", "’"):
                continue  # a possessive: "in X's honor"
            if after == " " and text[t.end + 1:t.end + 2].islower():
                e = text.find(" ", t.end + 1)
                word = text[t.end + 1:e if e > 0 else len(text)].rstrip(",.;:)")
                if word not in _RESIDENT_NOUNS:
                    continue  # "in X hearing": the cue is the hearing's
            out.add(t.key)
        return out

    def _drop_foreign_unknowns(self, tops: list[Toponym], ctx: dict,
                               sentence_starts: list[int]) -> None:
        """A small town of a country nothing else in the text points to, named in one
        sentence with a country or division of another country ("clashes in Kani, Sagaing" read as Kani,
        Japan; "the Daba area of Kamdesh district, Nuristan" read in Australia), is a
        local name the gazetteer lacks that happens to be spelt like a town elsewhere: it
        is dropped rather than placed abroad. Large towns stay, and so do the only towns
        of a name (read under that name, not respelt) named close to countries but to no
        division: "a rally in Cetinje for Ukraine". Only names of the same sentence count,
        and the country most of the text's places lie in (``dominant``), so that a text
        going from one country to another keeps the towns of each."""
        kind, country, pop = self.kind, self.country, self.pop
        countries, demonyms = ctx["countries"], ctx["demonyms"]
        evidence: list[tuple[int, int, bool]] = []  # (sentence, country, a division)
        for t in tops:
            c = t.choice
            if c < 0 or country[c] < 0 or not (len(t.cands) == 1 or t.margin >= 1.0):
                continue
            k = kind[c]
            if k == COUNTRY:
                evidence.append((bisect_right(sentence_starts, t.start), country[c], False))
            elif k == ADMIN1 or k == REGION or t.suffix_kind in _DIVISION_KINDS:
                evidence.append((bisect_right(sentence_starts, t.start), country[c], True))
        dominant = ctx["dominant"]
        if not evidence and dominant < 0:
            return
        for t in tops:
            c = t.choice
            if c < 0 or kind[c] not in (CITY, ADMIN2):
                continue
            cc = country[c]
            if cc in demonyms or pop[c] >= WEAK_POPULATION:
                continue  # a country the text hints at; a large town
            keys = countries.get(cc)
            if keys and (len(keys) > 1 or t.key not in keys):
                continue  # another name of the text lies in that country
            sent = bisect_right(sentence_starts, t.start)
            near = [(x, div) for at, x, div in evidence if at == sent]
            if dominant >= 0:
                near.append((dominant, True))  # most of the text's places lie there
            if not near or any(x == cc for x, _ in near):
                continue
            if not any(div for _, div in near) and not t.fuzzy and c in t.primary \
                    and self._sole_town(t.cands):
                continue  # the only town of that name, named close to countries only
            t.choice = -1

    def _drop_foreign_features(self, tops: list[Toponym], ctx: dict) -> None:
        """A name followed by a feature word the gazetteer does not hold with it ("X
        Shoal", "X River") names the feature: its town reading stands for it only in the
        country most of the text's other names and demonyms point to (a river is named
        after a nearby town there); elsewhere it is another X ("Scarborough Shoal" in a
        story about the Philippines is no Scarborough in England) and is dropped."""
        # a country or division borders the feature named after it ("Taiwan Strait"), and
        # so does a national capital ("Panama Canal")
        kind, capital = self.kind, self.capital
        feats = [t for t in tops if t.feature and t.choice >= 0
                 and kind[t.choice] in (CITY, ADMIN2) and not capital[t.choice]]
        if not feats:
            return
        countries, demonyms, country = ctx["countries"], ctx["demonyms"], self.country
        for t in feats:
            votes = {cc: len(keys - {t.key}) + demonyms.get(cc, 0)
                     for cc, keys in countries.items()}
            for cc, n in demonyms.items():
                votes.setdefault(cc, n)
            top = max(votes.values(), default=0)
            if top and votes.get(country[t.choice], 0) < top:
                t.choice = -1

    def _sole_town(self, cands: tuple[int, ...]) -> bool:
        """Whether ``cands`` are one town and divisions of its country ("Cetinje",
        the town and its municipality), not homonyms ("Alliance", Ohio and Nebraska)."""
        kind, country = self.kind, self.country
        cc = country[cands[0]]
        towns = 0
        for c in cands[:MAX_SCORED]:
            if country[c] != cc:
                return False
            towns += kind[c] == CITY
        return towns <= 1

    def _hinted_country(self, hints: dict[int, int]) -> Place | None:
        """The country the demonyms and actor names point to most ("Taliban fighters"),
        as a place without a mention: context for locating an event, and the event's
        country when the text names no place."""
        if not hints:
            return None
        best = max(hints, key=lambda c: hints[c])  # the first named among equals
        iso2 = self.gaz.country_codes[best][0]
        pid = self.gaz.country_place.get(iso2)
        if pid is None:
            return None
        gaz = self.gaz
        return Place(name=gaz.names[pid], country=gaz.iso3(pid),
                     lat=round(float(gaz.lat[pid]), 5), lon=round(float(gaz.lon[pid]), 5),
                     geonames_id=int(gaz.geonames_id[pid]) if gaz.geonames_id[pid] >= 0 else None,
                     precision="country", mention=None)

    def _gate(self, text: str, tops: list[Toponym]) -> list[Toponym]:
        """Drop small places named without a cue, unless the name is cued elsewhere or
        listed with a place that passes ("Harwinton, Litchfield and Winsted")."""
        evidenced: set[str] = set()
        for k, t in enumerate(tops):
            if t.cue == "at" or t.comma or t.suffix_kind is not None:
                evidenced.add(t.key)  # "in X", "X, Ohio", "X County"
            elif t.cue == "path" and (
                    _FROM_HOME.search(text, max(0, t.start - 12), t.start)
                    or (k + 1 < len(tops) and text[t.end:tops[k + 1].start] == " to ")):
                evidenced.add(t.key)  # "Jane Doe, 79, from X", "from X to Y"
        keep = []
        sizes = self._gate_cache
        for t in tops:
            size = sizes.get(t.cands)
            if size is None:
                size = self._size(t.cands)
            multi = " " in t.key or "-" in t.key
            bar = MIN_BARE_POPULATION_MULTI if multi else MIN_BARE_POPULATION
            if not t.primary:
                bar = max(bar, MIN_BARE_POPULATION_ALTERNATE)
            keep.append(size >= bar or t.key in evidenced)
        # list items share their neighbour's standing, along the whole list
        n = len(tops)
        changed = True
        while changed:
            changed = False
            for k in range(n):
                if keep[k] or not tops[k].primary:
                    continue
                if (k > 0 and keep[k - 1] and text[tops[k - 1].end:tops[k].start] in _LIST_GAPS) \
                        or (k + 1 < n and keep[k + 1]
                            and text[tops[k].end:tops[k + 1].start] in _LIST_GAPS):
                    keep[k] = changed = True
        return [t for t, ok in zip(tops, keep) if ok]

    def _size(self, cands: tuple[int, ...]) -> float:
        """The population of the largest of ``cands``; infinite with a country, first-level
        division or region among them (always read). Remembered per parser."""
        size = self._gate_cache.get(cands)
        if size is None:
            if len(self._gate_cache) > _PRIMARY_CACHE_SIZE:
                self._gate_cache.clear()
            kind = self.kind
            if any(kind[c] == COUNTRY or kind[c] == ADMIN1 or kind[c] == REGION for c in cands):
                size = math.inf
            else:
                size = max(map(self.pop.__getitem__, cands))
            self._gate_cache[cands] = size
        return size

    def _link_divisions(self, text: str, tops: list[Toponym]) -> None:
        """"X in the Y region", "X village of Y district": Y binds X like brackets do."""
        for a, b in zip(tops, tops[1:]):
            if a.strong or a.suffix_kind is not None:
                continue
            if b.suffix_kind is None and b.start - a.end == 4 and \
                    text.startswith(" in ", a.end):  # "Palma in Cabo Delgado"
                self._link_plain_division(text, a, b)
                continue
            if b.suffix_kind not in (ADMIN1, ADMIN2, CITY) \
                    or b.start - a.end > 40 or not _IN_DIVISION.fullmatch(text, a.end, b.start):
                continue
            kinds = (CITY,) if b.suffix_kind == CITY else (ADMIN1, ADMIN2, REGION)
            held = tuple(c for c in b.cands[:_MAX_CONTEXT_CANDIDATES] if self.kind[c] in kinds)
            if not held and b.suffix_kind != CITY:
                # "the Timbuktu region" named after its town: the division holding the town
                held = tuple(dict.fromkeys(
                    self.admin1[c] for c in b.cands[:_MAX_CONTEXT_CANDIDATES]
                    if self.kind[c] == CITY and self.admin1[c] >= 0))
            if held:  # "the X area of Kabul city": X lies in or near Kabul
                a.comma, a.strong = tuple(dict.fromkeys(a.comma + held)), True
                a.within = b.suffix_kind != CITY
                a.linked = b.suffix_kind == CITY

    def _link_plain_division(self, text: str, a: Toponym, b: Toponym) -> None:
        """"Palma in Cabo Delgado", "Goma in Congo": a name read only as a province or a
        country after "in" holds the place before it, as "in the Y region" does (but not
        a name of compass words, "in South West England": a part of what follows)."""
        directions = self.role_words["direction"]
        if all(w.lower() in directions for w in _COMPASS_SPLIT.split(text[b.start:b.end]) if w):
            return
        held = tuple(c for c in b.cands[:_MAX_CONTEXT_CANDIDATES]
                     if self.kind[c] in (ADMIN1, COUNTRY))
        if held and len(held) == len(b.cands[:_MAX_CONTEXT_CANDIDATES]):
            a.comma, a.strong = tuple(dict.fromkeys(a.comma + held)), True
            a.within = True

    def _bind(self, t: Toponym) -> bool:
        """Keep only the readings of ``t`` inside the divisions named in brackets or
        after a generic word ("Boni (Mopti region)", "X district, Kunar"). When none
        is, a weakly matched name (another spelling, an alternate name, a small town)
        is taken for an unknown one and dropped: the division alone says where."""
        kind, admin1, country = self.kind, self.admin1, self.country
        a1s = {c for c in t.comma if kind[c] == ADMIN1}
        ccs = {country[c] for c in t.comma
               if kind[c] in (COUNTRY, ADMIN1) or (kind[c] == REGION and country[c] >= 0)
               or t.linked}
        fit: tuple[int, ...] = ()
        if a1s:
            fit = tuple([c for c in t.cands if c in a1s or admin1[c] in a1s])
        if not fit and t.linked:
            fit = self._within_bound(t.cands, t.comma)
        if not fit and ccs and not t.linked:
            # any named place's country: "Nord-Ouest" may be read in the wrong country
            named = ccs | {country[c] for c in t.comma}
            fit = tuple([c for c in t.cands if country[c] in named])
        if not fit and not ccs:
            fit = self._within_bound(t.cands, t.comma)
        if fit:
            if len(fit) < len(t.cands):
                t.cands = fit
                t.primary = t.primary & frozenset(fit)
            return True
        # "X in the Y region" states where X lies: only a well-known town elsewhere stays
        floor = WELL_KNOWN_POPULATION if t.within else WEAK_POPULATION
        return not ccs or not (t.fuzzy or not t.primary
                    or max(self.pop[c] for c in t.cands) < floor)

    def _within_bound(self, cands: tuple[int, ...], places: tuple[int, ...]
                      ) -> tuple[int, ...]:
        """The ``cands`` within BOUND_KM of one of ``places``. A great circle is at
        least as long as its difference of latitude: places further apart in latitude
        are not measured."""
        lat = self.lat
        out = []
        for c in cands:
            la = lat[c]
            if any(abs(la - lat[x]) <= _BOUND_LAT_DEGREES and self._distance_km(c, x) < BOUND_KM
                   for x in places):
                out.append(c)
        return tuple(out)

    def _fuzzy_fits(self, t: Toponym, ctx: dict) -> bool:
        """A respelled name counts only where the text places it: in a division the
        text names elsewhere or in brackets after it ("Nassriya city, Dhi Qar")."""
        if not (t.cue == "at" or t.comma or t.suffix_kind is not None or t.held):
            return False
        admin1s = ctx["admin1s"]
        fit = tuple(c for c in t.cands
                    if (t.comma and self._comma_bonus(c, t.comma) >= _W_COMMA)
                    or (self.kind[c] != ADMIN1 and self.admin1[c] in admin1s))
        if not fit and (t.held or t.suffix_kind == ADMIN1):
            # "X district, Kunar", "Nuristan province": a division, spelt otherwise
            divs = [c for c in t.cands if self.kind[c] == ADMIN1]
            known = set(ctx["countries"]) | set(ctx["demonyms"])
            fit = tuple(c for c in divs if self.country[c] in known)
            if not fit and divs:
                # the closest spelling: "Kunar" is Konar rather than Canar
                sim = [_similarity(t.key, self._norm(self.gaz.names[c]), MIN_DIVISION_SIMILARITY)
                       for c in divs]
                fit = tuple(c for c, r in zip(divs, sim)
                            if r >= max(sim) - 1e-9 and r >= MIN_DIVISION_SIMILARITY)
                fit = fit or self._similar(t.key, divs)
                if len({self.country[c] for c in fit}) > 1:
                    fit = ()
        if not fit and (t.cue == "at" or t.held) and t.suffix_kind in (CITY, None):
            # "in Nassriya city": a large town spelt otherwise, the closest spelling
            known = set(ctx["countries"]) | set(ctx["demonyms"])
            towns = [c for c in t.cands if self.kind[c] == CITY and self.pop[c] >= WEAK_POPULATION
                     and (not known or self.country[c] in known)]
            fit = self._closest(t.key, towns, MIN_TOWN_SIMILARITY)
        if fit != t.cands:
            t.cands, t.ranked = fit, None
        return bool(t.cands)

    def _closest(self, key: str, places: list[int], floor: float) -> tuple[int, ...]:
        """The places spelt closest to ``key`` (at least ``floor``), if of one country."""
        if not places:
            return ()
        sim = [_similarity(key, self._norm(self.gaz.names[c]), floor) for c in places]
        top = max(sim)
        fit = tuple(c for c, r in zip(places, sim) if r >= top - 1e-9 and r >= floor)
        return fit if len({self.country[c] for c in fit}) == 1 else ()

    def _plausible(self, tops: list[Toponym], static: dict
                   ) -> tuple[dict[int, set[str]], dict[str, dict[int, int]]]:
        """For ambiguous names, the first-level divisions of their plausible readings
        (within PLAUSIBLE_MARGIN of the best): two names that can both lie in the same
        division ("Paris" and "Henry County" in Tennessee) support each other there; and
        the support of their plausible towns by other names' towns nearby
        (``_pair_support``)."""
        kind, admin1 = self.kind, self.admin1
        out: dict[int, set[str]] = {}
        points: list[tuple[str, int]] = []  # plausible towns and districts of each name
        seen: set[str] = set()
        ambiguous: set[str] = set()  # names with several plausible towns
        scored: set[int] = set()
        for t in tops:
            if len(t.cands) < 2:
                if t.cands and t.key not in seen and not t.fuzzy \
                        and kind[t.cands[0]] in (CITY, ADMIN2):
                    points.append((t.key, t.cands[0]))
                seen.add(t.key)
                continue
            base = t.ranked
            if not base or id(base) in scored:
                continue  # the same name with the same evidence adds nothing new
            scored.add(id(base))
            new = t.key not in seen and not t.fuzzy
            seen.add(t.key)
            n = len(points)
            low = -base[0][0] - PLAUSIBLE_MARGIN
            for neg, _, c, _, _, _ in base:  # best first
                if -neg < low:
                    break
                if kind[c] == CITY or kind[c] == ADMIN2:
                    a1 = admin1[c]
                    if a1 >= 0:
                        names = out.get(a1)
                        if names is None:
                            out[a1] = {t.key}
                        else:
                            names.add(t.key)
                    if new:
                        points.append((t.key, c))
            if len(points) - n > 1:
                ambiguous.add(t.key)  # support can change only a choice among several
        return out, self._pair_support(points, ambiguous)

    def _pair_support(self, points: list[tuple[str, int]], ambiguous: set[str]
                      ) -> dict[str, dict[int, int]]:
        """For each name of ``ambiguous``, its readings among ``points`` with the number
        of other names (at most PAIR_CAP) that have a reading within PAIR_KM: a grid of
        cells about PAIR_KM wide, so only neighbours are compared."""
        lat, lon = self.lat, self.lon
        if not ambiguous:
            return {}
        # the points of each row of cells (half a degree of latitude), with their column
        bands: dict[int, list[tuple[int, str, int]]] = {}
        located = []
        cell_of = self._cell_cache
        if len(cell_of) > _PRIMARY_CACHE_SIZE:
            cell_of.clear()
        for key, c in points:
            cell = cell_of.get(c)
            if cell is None:
                cell = cell_of[c] = (int(lat[c] // _PAIR_LAT_CELL), int(lon[c] // _PAIR_LON_CELL))
            row, col = cell
            band = bands.get(row)
            if band is None:
                bands[row] = [(col, key, c)]
            else:
                band.append((col, key, c))
            if key in ambiguous:
                located.append((key, c, row, col))
        out: dict[str, dict[int, int]] = {}
        for key, c, row, col in located:
            near: set[str] | None = None
            # the cell itself and its eight neighbours: the rows above and below, and
            # the columns either side in each
            for nearby in (bands.get(row - 1, ()), bands[row], bands.get(row + 1, ())):
                for col2, k2, c2 in nearby:
                    if k2 != key and -2 < col2 - col < 2 and (near is None or k2 not in near) \
                            and _equirect_km(lat[c], lon[c], lat[c2], lon[c2]) < PAIR_KM:
                        if near is None:
                            near = set()
                        near.add(k2)
            if near:
                out.setdefault(key, {})[c] = min(len(near), PAIR_CAP)
        return out

    def _context(self, tops: list[Toponym]) -> dict:
        """What the confidently resolved places say: countries and first-level
        divisions named (with the names that named them) and anchor points."""
        countries: dict[int, set[str]] = {}
        admin1s: dict[int, set[str]] = {}
        a_keys, a_ids = [], []
        a1_counts: dict[int, int] = {}  # first-level divisions named confidently: times
        kind, country, admin1 = self.kind, self.country, self.admin1
        one_country = self._one_country_cache
        for t in tops:
            c = t.choice
            if c < 0:
                continue
            k = kind[c]
            if not (len(t.cands) == 1 or t.margin >= 1.0 or k == COUNTRY or k == ADMIN1):
                # not confident of the place, but perhaps of its country ("Henry County")
                one = one_country.get(t.cands)
                if one is None:
                    if len(one_country) > _PRIMARY_CACHE_SIZE:
                        one_country.clear()
                    one = one_country[t.cands] = len(
                        set(map(country.__getitem__, t.cands[:MAX_SCORED]))) == 1
                if one and country[c] >= 0:
                    countries.setdefault(country[c], set()).add(t.key)
                continue
            countries.setdefault(country[c], set()).add(t.key)
            if k == ADMIN1:
                admin1s.setdefault(c, set()).add(t.key)
                if len(t.cands) == 1 or t.margin >= 1.0:
                    a1_counts[c] = a1_counts.get(c, 0) + 1
                continue
            a1 = admin1[c]
            if a1 >= 0:
                admin1s.setdefault(a1, set()).add(t.key)
            if k == CITY or k == ADMIN2:
                a_keys.append(t.key)
                a_ids.append(c)
        return {"countries": countries, "admin1s": admin1s, "anchor_sig": tuple(a_ids),
                "anchor_keys": a_keys, "dominant": self._dominant_country(countries),
                "sole_a1": self._sole_admin1(a1_counts)}

    @staticmethod
    def _sole_admin1(counts: dict[int, int]) -> int:
        """The only first-level division the text names, or the one it names
        SOLE_ADMIN1_RATIO times as often as any other (-1 otherwise), from the times
        each is named confidently (``counts``)."""
        if not counts:
            return -1
        ranked = sorted(counts.values(), reverse=True)
        if len(ranked) > 1 and ranked[0] < SOLE_ADMIN1_RATIO * ranked[1]:
            return -1
        return max(counts, key=counts.__getitem__)

    @staticmethod
    def _dominant_country(countries: dict[int, set[str]]) -> int:
        named = set().union(*countries.values()) if countries else set()
        dominant = -1
        for cc, keys in countries.items():
            if cc >= 0 and len(keys) >= DOMINANT_NAMES and len(keys) >= DOMINANT_SHARE * len(named):
                dominant = cc
        return dominant

    def _near_all(self, tops: list[Toponym], ctx: dict, static: dict[Any, Any]
                  ) -> dict[str, set[int]]:
        """For each ambiguous name, its candidates within NEAR_KM of an anchor named
        otherwise. The rows hit by each anchor are kept in ``static``: a later round
        with the same toponyms computes the pairs of its new anchors alone. Plain
        floats, not arrays: ~100 rows and ~10 anchors, most of them told apart by
        their differences of latitude and longitude alone."""
        a_keys = ctx["anchor_keys"]
        if not a_keys:
            return {}
        layout = static.get("near_rows")
        if layout is None or layout[0] is not tops:
            rows = self._near_rows(tops)
            rows.sort(key=_LATITUDE)  # by latitude
            no_hits: dict[tuple[str, Any], list[int]] = {}
            layout = static["near_rows"] = (tops, rows, [row[2] for row in rows], no_hits)
        _, rows, lats, hits = layout
        if not rows:
            return {}
        # each anchor once: a place named again by the same name adds no pair
        anchors = dict.fromkeys(zip(a_keys, ctx["anchor_sig"]))
        new = [a for a in anchors if a not in hits]
        if new:
            lat, lon = self.lat, self.lon
            radians, cos = math.radians, math.cos
            r2 = (NEAR_KM / 6371.0) ** 2
            for a in new:
                key, at = a
                alat, alon = radians(lat[at]), radians(lon[at])
                got = []
                # rows further in latitude than _NEAR_LAT_RADIANS are not measured
                lo_k = bisect_left(lats, alat - _NEAR_LAT_RADIANS)
                hi_k = bisect_right(lats, alat + _NEAR_LAT_RADIANS)
                # nor rows further in longitude than the radius at the band's edge (near
                # a pole, ~86 degrees, every longitude is)
                edge = abs(alat) + _NEAR_LAT_RADIANS
                lon_reach = _NEAR_LON_REACH / cos(edge) if edge < 1.5 else math.inf
                for r in range(lo_k, hi_k):
                    _, rkey, la, lo = rows[r]
                    dlon = lo - alon
                    if not -lon_reach < dlon < lon_reach or rkey == key:
                        continue
                    d = la - alat
                    # equirectangular: fine below 500 km
                    x = dlon * cos((la + alat) / 2)
                    if x * x + d * d < r2:
                        got.append(r)
                hits[a] = got
        out: dict[str, set[int]] = {}
        for a in anchors:
            for r in hits[a]:
                row = rows[r]
                out.setdefault(row[1], set()).add(row[0])
        return out

    def _near_rows(self, tops: list[Toponym]) -> list[tuple[int, str, float, float]]:
        """The rows of ``_near_all``: the first MAX_SCORED candidates of each ambiguous
        name, with the name and the coordinates in radians."""
        rows: list[tuple[int, str, float, float]] = []
        seen: set[str] = set()
        for t in tops:
            if len(t.cands) > 1 and t.key not in seen:
                seen.add(t.key)
                lats, lons = self._coords(t.cands)
                key = t.key
                rows.extend([(c, key, la, lo) for c, la, lo in zip(t.cands, lats, lons)])
        return rows

    def _coords(self, cands: tuple[int, ...]) -> tuple[list[float], list[float]]:
        """Latitudes and longitudes in radians of the first MAX_SCORED ``cands``
        (remembered per parser)."""
        hit = self._coord_cache.get(cands)
        if hit is None:
            if len(self._coord_cache) > _STATIC_CACHE_SIZE:
                self._coord_cache.clear()
            lat, lon, radians = self.lat, self.lon, math.radians
            top = cands[:MAX_SCORED]
            hit = self._coord_cache[cands] = ([radians(lat[c]) for c in top],
                                              [radians(lon[c]) for c in top])
        return hit

    def _distance_km(self, a: int, b: int) -> float:
        """``Gazetteer.distance_km`` from the parser's lists of coordinates."""
        lat, lon = self.lat, self.lon
        return haversine_km(lat[a], lon[a], lat[b], lon[b])

    def _resolve(self, tops: list[Toponym], ctx: dict | None,
                 static: dict[tuple, Any]) -> None:
        """Choose each toponym's place; ``static`` keeps the context-free part of the
        scores across rounds (same name, same evidence, same scores)."""
        # the same name with the same evidence is chosen once per round: its scores are
        # one object (``static``), so the object's id stands for the evidence
        done: dict[int, tuple[int, float, float]] = {}
        near_all: dict[str, set[int]] | None = None
        terms = None if ctx is None else self._context_terms(ctx, static)
        earlier, changed, results = self._round_changes(ctx, terms, static)
        for t in tops:
            if len(t.cands) == 1:
                t.choice, t.score, t.margin = t.cands[0], 0.0, 10.0
                continue
            ranked = t.ranked
            if ranked is None:
                memo = (t.key, t.cands, t.suffix_kind, t.comma, t.container, t.primary)
                ranked = static.get(memo)
                if ranked is None:
                    # context-free: the same name with the same evidence recurs across texts
                    ranked = self._static_cache.get(memo)
                    if ranked is None:
                        if len(self._static_cache) > _STATIC_CACHE_SIZE:
                            self._static_cache.clear()
                        ranked = self._static_cache[memo] = self._static_scores(t)
                    static[memo] = ranked
                t.ranked = ranked
            hit = done.get(id(ranked))
            if hit is not None:
                t.choice, t.score, t.margin = hit
                continue
            if ctx is None:
                best_s, _, best = ranked[0][:3]
                best_s = -best_s
                second = -ranked[1][0] if len(ranked) > 1 else -math.inf
            else:
                if near_all is None:
                    nkey = ("near", ctx["anchor_sig"])
                    near_all = static.get(nkey)
                    if near_all is None:
                        near_all = static[nkey] = self._near_all(tops, ctx, static)
                near = near_all.get(t.key, _NO_PLACES)
                got = None
                if earlier is not None:
                    # the previous round's choice stands when nothing it heard changed
                    before = earlier.get(id(ranked))
                    if (before is not None and before[0] == near
                            and changed[0].isdisjoint(ranked.reach[0])  # type: ignore[union-attr]
                            and changed[1].isdisjoint(ranked.reach[1])):  # type: ignore[union-attr]
                        got = before[1]
                if got is None:
                    got = self._best_in_context(
                        t.key, ranked, terms,  # type: ignore[arg-type]
                        ctx["pairs"].get(t.key), near)
                results[id(ranked)] = (near, got)
                best, best_s, second = got
            t.choice, t.score = best, best_s
            t.margin = best_s - second if second > -math.inf else 10.0
            done[id(ranked)] = (t.choice, t.score, t.margin)

    @staticmethod
    def _round_changes(ctx: dict | None, terms: tuple | None, static: dict[Any, Any]
                       ) -> tuple[dict[int, tuple] | None, tuple[set[int], set[int]],
                                  dict[int, tuple]]:
        """The choices of the previous round in context (id of the scores -> (the
        places near it, ``_best_in_context``'s result)) and the countries and divisions
        whose bonuses changed since: a name none of whose readings lies in one of
        those, with the same places near it, is chosen as before (None when there is
        no previous round, or it heard other plausible readings or pairs); and the
        dict this round's choices go to."""
        results: dict[int, tuple] = {}
        if ctx is None:
            return None, (set(), set()), results
        before = static.get("round")
        static["round"] = (terms, ctx["pairs"], results)
        if (before is None or before[0][2] is not terms[2]  # type: ignore[index]
                or before[1] is not ctx["pairs"]):
            return None, (set(), set()), results
        (c0, a0, _), (c1, a1, _) = before[0], terms  # type: ignore[misc]
        return before[2], ({k for k in c0.keys() | c1.keys() if c0.get(k) != c1.get(k)},
                           {k for k in a0.keys() | a1.keys() if a0.get(k) != a1.get(k)}), results

    def _static_scores(self, t: Toponym) -> _Ranked:
        """Prior and local evidence for each reading of ``t`` (population, kind, name,
        generic word, comma) as (-score, rank among the candidates, place, its country,
        its first-level division, whether a town or district), best first."""
        kinds, pop, capital, admin1 = self.kind, self.pop, self.capital, self.admin1
        country = self.country
        cands = t.cands[:MAX_SCORED]
        skind, primary, comma, container = t.suffix_kind, t.primary, t.comma, t.container
        city_a1s: set[int] | None = None
        out = []
        for rank, c in enumerate(cands):
            kind = kinds[c]
            s = _W_POPULATION * math.log10(pop[c] + 10) + _KIND_BONUS[kind]
            if c in primary:
                s += _W_PRIMARY
            if kind == CITY and capital[c]:
                s += _W_CAPITAL
            if kind == ADMIN1 and skind is None:
                if city_a1s is None:
                    city_a1s = {admin1[x] for x in cands if kinds[x] == CITY}
                if c in city_a1s:
                    s -= _W_DIVISION_OF_CITY  # "Kharkiv", "Haifa": the city, unless "region" follows
            if skind is not None:
                if kind == skind or (skind == ADMIN1 and kind == REGION):
                    s += _W_SUFFIX
            elif kind == ADMIN2:
                s -= 1.0
            if comma:
                s += self._comma_bonus(c, comma)
            if container and kind in (COUNTRY, ADMIN1, ADMIN2, REGION):
                s += _W_CONTAINER
            out.append((-s, rank, c, country[c], c if kind == ADMIN1 else admin1[c],
                        kind == CITY or kind == ADMIN2))
        out.sort()
        ranked = _Ranked(out)
        ranked.reach = (frozenset([r[3] for r in out]), frozenset([r[4] for r in out]))
        return ranked

    @staticmethod
    def _context_terms(ctx: dict, static: dict[Any, Any]) -> tuple[dict, dict, dict]:
        """The bonuses the context gives a reading by its country, its first-level
        division, and (towns and districts) the plausible readings of other names in
        that division: place -> (bonus, the only name that made it or None). A name's
        own mention does not support it: when that only name is the reading's own, the
        reading gets the country's second value (the demonym's bonus alone). The
        plausible readings' part is kept in ``static`` for the rounds that share them."""
        countries, admin1s = ctx["countries"], ctx["admin1s"]
        plausible, demonyms = ctx["plausible"], ctx["demonyms"]
        sole_a1 = ctx["sole_a1"]
        by_country: dict[int, tuple[float, float, str | None]] = {}
        for cc in set(countries) | set(demonyms):
            keys = countries.get(cc)
            alone = _W_DEMONYM if cc in demonyms else 0.0
            named = alone
            if keys:
                named += _W_COUNTRY_CTX
            sole = next(iter(keys)) if keys and len(keys) == 1 else None
            by_country[cc] = (named, alone, sole)
        by_admin1 = {a1: (_W_ADMIN1_CTX + (_W_SOLE_ADMIN1 if a1 == sole_a1 else 0.0),
                          next(iter(keys)) if len(keys) == 1 else None)
                     for a1, keys in admin1s.items() if a1 >= 0 and keys}
        made = static.get("plausible_terms")
        if made is not None and made[0] is plausible:
            by_plausible = made[1]
        else:
            by_plausible = {a1: next(iter(keys)) if len(keys) == 1 else None
                            for a1, keys in plausible.items() if a1 >= 0 and keys}
            static["plausible_terms"] = (plausible, by_plausible)
        return by_country, by_admin1, by_plausible

    @staticmethod
    def _best_in_context(own: str, ranked: list[_Reading], terms: tuple[dict, dict, dict],
                         pairs: dict[int, int] | None, near: set[int] | frozenset[int]
                         ) -> tuple[int, float, float]:
        """The best reading of name ``own`` once the document's other places are heard
        (``terms``: ``_context_terms``; ``pairs``: ``_pair_support`` of the name), its
        score and the runner-up's score. Readings more than _MAX_CONTEXT_BONUS below
        the best static score cannot win: they keep their static score. Among equal
        scores the earlier candidate wins."""
        by_country, by_admin1, by_plausible = terms
        country_term, admin1_term, plausible_sole = by_country.get, by_admin1.get, by_plausible.get
        floor = -ranked[0][0] - _MAX_CONTEXT_BONUS
        if pairs is None:
            floor += _W_PAIR * PAIR_CAP  # no reading of this name gets that bonus
        best, best_s, best_rank, second = -1, -math.inf, 0, -math.inf
        # the bonuses are sums of halves: exact in any order
        for neg, rank, c, cc, a1, town in ranked:
            s = -neg
            if s < floor:
                second = max(second, s)  # the best of the rest
                break
            term = country_term(cc)
            b = 0.0 if term is None else (term[0] if term[2] != own else term[1])
            if a1 >= 0:
                term = admin1_term(a1)
                if term is not None and term[1] != own:
                    b += term[0]
                if town and plausible_sole(a1, own) != own:
                    b += _W_PLAUSIBLE
            if c in near:
                b += _W_NEAR
            if town and pairs is not None:
                b += _W_PAIR * pairs.get(c, 0)
            s += b
            if s > best_s or (s == best_s and rank < best_rank):
                if best >= 0:
                    second = max(second, best_s)
                best, best_s, best_rank = c, s, rank
            elif s > second:
                second = s
        return best, best_s, second

    def _comma_bonus(self, c: int, context: tuple[int, ...]) -> float:
        """How well place ``c`` fits the divisions named after it ("Athens, Ga.")."""
        kind, country, admin1 = self.kind, self.country, self.admin1
        kc = kind[c]
        if kc == COUNTRY or kc == REGION:
            return 0.0  # a country followed by names is a list, not a hierarchy
        cc, a1 = country[c], admin1[c]
        best = 0.0
        for x in context:
            if x == c or country[x] != cc:
                continue
            kx = kind[x]
            if kx == COUNTRY:
                b = _W_COMMA
            elif kx == ADMIN1:
                b = 0.3 * _W_COMMA if kc == ADMIN1 else (_W_COMMA if a1 == x else 0.0)
            elif (kx == ADMIN2 or kx == CITY) and kc != ADMIN1:
                near = (a1 >= 0 and a1 == admin1[x]) or self._distance_km(c, x) < NEAR_CONTEXT_KM
                b = _W_COMMA if near else 0.0
            else:
                b = 0.0
            best = max(best, b)
        return best

    def _place_fields(self, c: int) -> _PlaceFields:
        """The fields of place ``c``'s Place but its mention (remembered per parser): as
        ``Gazetteer.admin1_name``, ``iso3`` and ``geonames_id`` give them, read from the
        parser's lists."""
        if len(self._place_cache) > _PRIMARY_CACHE_SIZE:
            self._place_cache.clear()
        gaz = self.gaz
        names = gaz.names
        a1 = c if self.kind[c] == ADMIN1 else self.admin1[c]
        cc = self.country[c]
        gid = int(gaz.geonames_id[c])
        fields = self._place_cache[c] = (
            names[c], names[a1] if a1 >= 0 else None,
            gaz.country_codes[cc][1] if cc >= 0 else None, round(self.lat[c], 5),
            round(self.lon[c], 5), gid if gid >= 0 else None, gaz.precision[c])
        return fields

    def _places(self, text: str, tops: list[Toponym]) -> list[Place]:
        """The Places of the toponyms that have a choice, in their order."""
        cache = self._place_cache
        out = []
        for t in tops:
            c = t.choice
            if c >= 0:
                fields = cache.get(c)
                if fields is None:
                    fields = self._place_fields(c)
                out.append(_PLACE(*fields, _MENTION(t.start, t.end, text[t.start:t.end],
                                                    "PLACE")))
        return out
